/**
 * The bank reconciliation statement (BRS): the document a reconciler signs at month end. From a
 * reconciliation of the bank statement against the books (the Bank and Ledger shapes of cli.md):
 *
 *   Balance as per bank statement                 the statement's balance at the as-of date
 *   Add:  deposits in transit                      book debits not yet credited by the bank
 *   Less: unpresented cheques                      book credits not yet presented
 *   Less: credits on the statement not in books    interest, direct credits, returns (money in)
 *   Add:  debits on the statement not in books     bank charges, direct debits (money out)
 *   Add/less: book entries not on the statement    possible errors in the books
 *   Add/less: differences on matched items         the bank's amount − the books' (keying errors)
 *   = Adjusted balance, which must equal
 *   Balance as per books                            the ledger's balance of the bank account at the as-of date
 *   Difference (must be zero)                       highlighted when it is not
 *
 * Each line is drilled down to its items in a block of rows below the statement, with a SUM total that
 * the line refers to, so the sheet recalculates in any spreadsheet program. Only confirmed matches (the
 * engine's, or suggestions a person accepted) reconcile; the items of a suggestion not yet accepted are
 * listed as outstanding, pointing at their suggestion. An item dated after the as-of date is left out; a
 * match whose bank side clears after it leaves its book side outstanding (a deposit in transit at the
 * as-of date), and the other way round.
 *
 * The balances: the bank's from its Balance column (the balance after the last transaction on or before
 * the as-of date, the statement's order read from its running balance), else its stated opening balance
 * (an Opening Balance row or the summary block) plus the transactions; the books' from the ledger's
 * Opening Balance row plus its entries to the as-of date. The difference is then the two opening
 * balances' difference: zero when last month reconciled.
 */
import type { SheetSpec, SpecCell } from "../sheet-spec";
import { fromCents, formatRupees } from "../money";
import { isoFromSerial } from "../dates";
import {
  CATEGORY_LABELS,
  bankSideOf,
  descriptionOf,
  referenceOf,
  rowRanges,
  statementEnd,
  verdictFor,
  type ItemCategory,
  type PreparedSide,
  type ReconMatch,
  type ReconResult,
} from "../recon";
import { REPORT_COLORS, REPORT_FMT, describeSource, fx, planReport, reportSheet, type DetailColumn } from "./layout";

export const BRS_SHEET = "Bank Reconciliation";
export const BRS_ROLE = "report:brs";

/** One item on a BRS line. `amountCents` is signed as on its own statement (money into the account +). */
export interface BrsItem {
  side: "left" | "right";
  view: "bank" | "book";
  item: number;
  row: number;
  day: number | null;
  reference: string;
  description: string;
  amountCents: number;
  category: ItemCategory;
  note: string;
}

/** A confirmed match whose bank and book amounts differ. */
export interface BrsDifference {
  bankRows: number[];
  bookRows: number[];
  day: number | null;
  reference: string;
  description: string;
  /** The bank's amount − the books' (minor units). */
  cents: number;
  matchId: string;
}

export interface BrsFigures {
  asOf: number;
  bankSide: "left" | "right";
  bankBalanceCents: number;
  bankBalanceSource: string;
  bookBalanceCents: number;
  bookBalanceSource: string;
  depositsInTransit: BrsItem[];
  unpresentedCheques: BrsItem[];
  /** Statement items not in the books: money in (interest, direct credits, returns) and money out. */
  bankCredits: BrsItem[];
  bankDebits: BrsItem[];
  /** Book items not on the statement that are neither deposits in transit nor unpresented cheques. */
  bookOnly: BrsItem[];
  differences: BrsDifference[];
  adjustedCents: number;
  differenceCents: number;
  notes: string[];
}

/** `report brs --json` (shared/spec/cli.md), plus the differences on matched items and the notes. */
export interface BrsJson {
  asOf: string;
  bankBalance: number;
  depositsInTransit: BrsJsonItem[];
  unpresentedCheques: BrsJsonItem[];
  bankOnly: BrsJsonItem[];
  bookOnly: BrsJsonItem[];
  bookBalance: number;
  difference: number;
  /** Extra: confirmed matches whose amounts differ (the bank's − the books'); row is the bank's first row. */
  errors: BrsJsonItem[];
  /** Extra: where each balance came from, what is not reconciled yet. */
  notes: string[];
}

export interface BrsJsonItem {
  row: number;
  date: string;
  reference: string;
  amount: number;
}

const sum = (xs: readonly BrsItem[]) => xs.reduce((a, x) => a + x.amountCents, 0);

function dayOf(s: PreparedSide, i: number): number | null {
  return Number.isNaN(s.day[i]) ? null : s.day[i];
}

/** On or before the as-of date (an undated item counts: it is on the statement it came from). */
const within = (d: number | null, asOf: number) => d === null || d <= asOf;

/**
 * The statement's balance at the as-of date and where it came from. The running balance of the last
 * transaction on or before it, in the statement's own order (newest-first statements are common: the
 * order is the one the balance column's arithmetic follows); else the stated opening balance plus the
 * transactions.
 */
function bankBalanceAt(bank: PreparedSide, sign: number, asOf: number): { cents: number; source: string } {
  const name = bank.name;
  const bal = bank.balance;
  if (bal) {
    let up = 0;
    let down = 0;
    for (let k = 1; k < bank.n; k++) {
      if (Number.isNaN(bal[k]) || Number.isNaN(bal[k - 1])) continue;
      if (bal[k] === bal[k - 1] + sign * bank.cents[k]) up++;
      if (bal[k - 1] === bal[k] + sign * bank.cents[k - 1]) down++;
    }
    const ascending = up >= down;
    let pick = -1;
    for (let k = 0; k < bank.n; k++) {
      if (Number.isNaN(bal[k]) || !within(dayOf(bank, k), asOf)) continue;
      if (pick < 0 || (ascending ? k > pick : k < pick)) pick = k;
    }
    if (pick >= 0)
      return {
        cents: bal[pick],
        source: `${name} row ${bank.row[pick]}: ${bank.table.headers[bank.mapping.balance]} after the last transaction on or before ${isoFromSerial(asOf)}`,
      };
  }
  const opening = bank.layout.opening;
  let total = opening?.cents ?? 0;
  let count = 0;
  for (let k = 0; k < bank.n; k++)
    if (within(dayOf(bank, k), asOf)) {
      total += sign * bank.cents[k];
      count++;
    }
  return {
    cents: total,
    source: opening
      ? `${name}: opening balance ${formatRupees(opening.cents)} (row ${opening.row}) + ${count} transactions to ${isoFromSerial(asOf)}`
      : `${name} has no balance column or opening balance: ${count} transactions to ${isoFromSerial(asOf)} counted from zero`,
  };
}

function bookBalanceAt(book: PreparedSide, sign: number, asOf: number): { cents: number; source: string } {
  const opening = book.layout.opening;
  let total = opening ? sign * opening.cents : 0;
  let count = 0;
  for (let k = 0; k < book.n; k++)
    if (within(dayOf(book, k), asOf)) {
      total += book.cents[k];
      count++;
    }
  return {
    cents: total,
    source: opening
      ? `${book.name}: Opening Balance ${formatRupees(opening.cents)} (row ${opening.row}) + ${count} entries to ${isoFromSerial(asOf)}`
      : `${book.name} has no Opening Balance row: the sum of its ${count} entries to ${isoFromSerial(asOf)}`,
  };
}

/** The figures of the BRS at the as-of date (minor units), from a reconciliation with its decisions applied. */
export function brsFigures(r: ReconResult, asOf: number): BrsFigures {
  const bankSide = bankSideOf(r);
  const bank = bankSide === "left" ? r.left : r.right;
  const book = bankSide === "left" ? r.right : r.left;
  const bookSide = bankSide === "left" ? "right" : "left";
  // Amounts as the engine holds them meet in one convention (money into the account +). The side the rules
  // flipped was flipped into that convention; only the bank's own running balance needs its native sign.
  const flipped = (side: "left" | "right") => side === "right" && r.rules.flipRight;
  const bankSign = flipped(bankSide) ? -1 : 1;
  const bookSign = flipped(bookSide) ? -1 : 1;
  const end = statementEnd(bank, asOf);
  const notes: string[] = [];

  const matchOf = (side: "left" | "right") => (side === "left" ? r.leftMatch : r.rightMatch);
  const outstanding = (side: "left" | "right"): { i: number; note: string }[] => {
    const s = side === "left" ? r.left : r.right;
    const other = side === "left" ? r.right : r.left;
    const out: { i: number; note: string }[] = [];
    for (let i = 0; i < s.n; i++) {
      if (!within(dayOf(s, i), asOf)) continue;
      const k = matchOf(side)[i];
      if (k < 0) {
        out.push({ i, note: "" });
        continue;
      }
      const m: ReconMatch = r.matches[k];
      const otherItems = side === "left" ? m.right : m.left;
      if (m.status === "suggested") {
        out.push({ i, note: `in suggested match ${m.id} (score ${m.score.toFixed(2)}), not yet accepted` });
        continue;
      }
      const late = otherItems.filter((j) => !within(dayOf(other, j), asOf));
      if (late.length)
        out.push({
          i,
          note: `its match ${m.id} is dated after ${isoFromSerial(asOf)} (row ${late.map((j) => other.row[j]).join(", ")})`,
        });
    }
    return out;
  };

  const item = (side: "left" | "right", i: number, note: string): BrsItem => {
    const s = side === "left" ? r.left : r.right;
    const v = verdictFor(r, side, i, end);
    const suggested = note.startsWith("in suggested match");
    return {
      side,
      view: side === bankSide ? "bank" : "book",
      item: i,
      row: s.row[i],
      day: dayOf(s, i),
      reference: referenceOf(s, i),
      description: descriptionOf(s, i),
      amountCents: s.cents[i],
      category: suggested ? "possible-error" : v.category,
      note: note || v.why,
    };
  };

  const depositsInTransit: BrsItem[] = [];
  const unpresentedCheques: BrsItem[] = [];
  const bookOnly: BrsItem[] = [];
  for (const { i, note } of outstanding(bookSide)) {
    const x = item(bookSide, i, note);
    if (x.category === "deposit-in-transit") depositsInTransit.push(x);
    else if (x.category === "unpresented-cheque") unpresentedCheques.push(x);
    else bookOnly.push(x);
  }
  const bankCredits: BrsItem[] = [];
  const bankDebits: BrsItem[] = [];
  for (const { i, note } of outstanding(bankSide)) {
    const x = item(bankSide, i, note);
    (x.amountCents >= 0 ? bankCredits : bankDebits).push(x);
  }
  const differences: BrsDifference[] = [];
  for (const m of r.matches) {
    if (m.status !== "confirmed" || m.differenceCents === 0) continue;
    const bankItems = bankSide === "left" ? m.left : m.right;
    const bookItems = bankSide === "left" ? m.right : m.left;
    if (!bankItems.every((i) => within(dayOf(bank, i), asOf)) || !bookItems.every((j) => within(dayOf(book, j), asOf)))
      continue;
    const first = bankItems[0];
    differences.push({
      bankRows: bankItems.map((i) => bank.row[i]),
      bookRows: bookItems.map((j) => book.row[j]),
      day: dayOf(bank, first),
      reference: referenceOf(bank, first),
      description: descriptionOf(bank, first),
      // differenceCents is left − right.
      cents: bankSide === "left" ? m.differenceCents : -m.differenceCents,
      matchId: m.id,
    });
  }
  const native = bankBalanceAt(bank, bankSign, asOf);
  // In the convention the items are in (the same as the statement's unless the rules reversed the bank side).
  const b = { cents: bankSign * native.cents, source: native.source };
  const k = bookBalanceAt(book, bookSign, asOf);
  const adjusted =
    b.cents +
    sum(depositsInTransit) +
    sum(unpresentedCheques) -
    sum(bankCredits) -
    sum(bankDebits) +
    sum(bookOnly) -
    differences.reduce((a, d) => a + d.cents, 0);
  const suggested = r.matches.filter((m) => m.status === "suggested").length;
  if (suggested)
    notes.push(
      `${suggested} suggested match${suggested === 1 ? " is" : "es are"} not yet accepted: ${suggested === 1 ? "its" : "their"} items are listed as outstanding until a person accepts or rejects ${suggested === 1 ? "it" : "them"} (Reconcile view).`,
    );
  const closing = bank.layout.closing;
  if (closing && !bank.balance && end !== null && end <= asOf && closing.cents !== b.cents)
    notes.push(
      `The statement's summary states a closing balance of ${formatRupees(closing.cents)} (row ${closing.row}); its transactions give ${formatRupees(b.cents)}.`,
    );
  return {
    asOf,
    bankSide,
    bankBalanceCents: b.cents,
    bankBalanceSource: b.source,
    bookBalanceCents: k.cents,
    bookBalanceSource: k.source,
    depositsInTransit,
    unpresentedCheques,
    bankCredits,
    bankDebits,
    bookOnly,
    differences,
    adjustedCents: adjusted,
    differenceCents: adjusted - k.cents,
    notes,
  };
}

const jsonItem = (x: BrsItem, positive = false): BrsJsonItem => ({
  row: x.row,
  date: x.day === null ? "" : isoFromSerial(x.day),
  reference: x.reference,
  amount: fromCents(positive ? Math.abs(x.amountCents) : x.amountCents),
});

/** The `report brs --json` document. */
export function brsJson(f: BrsFigures): BrsJson {
  return {
    asOf: isoFromSerial(f.asOf),
    bankBalance: fromCents(f.bankBalanceCents),
    depositsInTransit: f.depositsInTransit.map((x) => jsonItem(x)),
    unpresentedCheques: f.unpresentedCheques.map((x) => jsonItem(x, true)),
    bankOnly: [...f.bankCredits, ...f.bankDebits].sort((a, b) => a.row - b.row).map((x) => jsonItem(x)),
    bookOnly: f.bookOnly.map((x) => jsonItem(x)),
    bookBalance: fromCents(f.bookBalanceCents),
    difference: fromCents(f.differenceCents),
    errors: f.differences.map((d) => ({
      row: d.bankRows[0],
      date: d.day === null ? "" : isoFromSerial(d.day),
      reference: d.reference,
      amount: fromCents(d.cents),
    })),
    notes: [
      `Balance as per bank statement: ${f.bankBalanceSource}.`,
      `Balance as per books: ${f.bookBalanceSource}.`,
      ...f.notes,
    ],
  };
}

const ITEM_HEADER = ["Date", "Reference", "Description", "Row", "Amount", "Why"];

/** The line labels, in statement order (the items blocks follow in the same order, captioned in full). */
export const BRS_LINES = [
  "Add: deposits in transit",
  "Less: unpresented cheques",
  "Less: credits not in the books",
  "Add: debits not in the books",
  "Add/less: book entries not on statement",
  "Add/less: differences on matches",
] as const;
const EXPLAINED = [
  "in the books, not yet on the statement",
  "in the books, not yet presented",
  "on the statement, not in the books: interest, direct credits, returns",
  "on the statement, not in the books: bank charges, direct debits",
  "in the books, not on the statement, not in transit: possible errors",
  "matched items whose amounts differ: the bank's − the books'",
];
const LINES = BRS_LINES;

export interface BrsInput {
  result: ReconResult;
  asOf: number;
}

export interface BrsReport {
  sheet: SheetSpec;
  json: BrsJson;
  figures: BrsFigures;
}

/** Build the Bank Reconciliation sheet and the `report brs --json` document. */
export function buildBrsReport(input: BrsInput): BrsReport {
  const r = input.result;
  const asOf = Math.floor(input.asOf);
  const f = brsFigures(r, asOf);
  const bank = f.bankSide === "left" ? r.left : r.right;
  const book = f.bankSide === "left" ? r.right : r.left;
  const itemRow = (x: BrsItem, shown: number): SpecCell[] => [
    x.day,
    x.reference || null,
    x.description || null,
    x.row,
    fromCents(shown),
    `${CATEGORY_LABELS[x.category]}: ${x.note}`,
  ];
  // Each block shows its items as they stand; the statement line applies the sign (Less: subtracts).
  const groups: SpecCell[][][] = [
    f.depositsInTransit.map((x) => itemRow(x, x.amountCents)),
    f.unpresentedCheques.map((x) => itemRow(x, -x.amountCents)),
    f.bankCredits.map((x) => itemRow(x, x.amountCents)),
    f.bankDebits.map((x) => itemRow(x, -x.amountCents)),
    f.bookOnly.map((x) => itemRow(x, x.amountCents)),
    f.differences.map((d) => [
      d.day,
      d.reference || null,
      d.description || null,
      d.bankRows[0],
      fromCents(d.cents),
      `Matched ${d.matchId}: statement row${d.bankRows.length === 1 ? "" : "s"} ${rowRanges(d.bankRows)} against books row${d.bookRows.length === 1 ? "" : "s"} ${rowRanges(d.bookRows)}; correct the books`,
    ]),
  ];
  const groupCents = [
    sum(f.depositsInTransit),
    -sum(f.unpresentedCheques),
    sum(f.bankCredits),
    -sum(f.bankDebits),
    sum(f.bookOnly),
    f.differences.reduce((a, d) => a + d.cents, 0),
  ];
  // Effect of each block's total on the bank balance.
  const effect = [1, -1, -1, 1, 1, -1];

  const detailRows: SpecCell[][] = [
    ...r.excluded.map((e) => [e.side === f.bankSide ? "Bank" : "Books", e.row, "Left out", e.reason ?? e.message]),
    ...r.warnings.map((w) => [w.side === f.bankSide ? "Bank" : "Books", w.row || null, "Warning", w.message]),
  ];
  const detail: DetailColumn[] = [
    { header: "Side", width: 8 },
    { header: "Row", width: 7, numFmt: REPORT_FMT.integer },
    { header: "Kind", width: 10 },
    { header: "Reason", width: 90 },
  ];
  const notes = brsJson(f).notes;
  const plan = planReport({
    notes: notes.length,
    blocks: [
      { rows: 10, columns: 4, caption: true },
      ...groups.map((g) => ({ rows: Math.max(1, g.length) + 1, columns: ITEM_HEADER.length, caption: true })),
    ],
    detail,
    detailRows: detailRows.length,
  });
  const totalCell = (b: number) => plan.cell(b, plan.shape.blocks[b].rows - 1, 4);
  const itemBlocks = groups.map((g, k) => {
    const b = k + 1;
    const rows: SpecCell[][] = g.length ? g : [[null, null, "(none)", null, null, null]];
    const last = Math.max(1, g.length) - 1;
    return {
      caption: `${LINES[k]}: ${EXPLAINED[k]}`,
      header: ITEM_HEADER,
      rows: [
        ...rows,
        [
          "Total",
          null,
          `${g.length} item${g.length === 1 ? "" : "s"}`,
          null,
          fx(`SUM(${plan.blockSpan(b, 4, 0, last)})`, fromCents(groupCents[k])),
          null,
        ],
      ],
      numFmts: [REPORT_FMT.date, undefined, undefined, REPORT_FMT.integer, REPORT_FMT.money, undefined],
      totalRows: [rows.length],
    };
  });
  const lineCents = groupCents.map((c, k) => effect[k] * c);
  const B = (row: number) => plan.cell(0, row, 1);
  const statement: SpecCell[][] = [
    ["Balance as per bank statement", fromCents(f.bankBalanceCents), null, f.bankBalanceSource],
    ...LINES.map((label, k) => [
      label,
      fx(`${effect[k] < 0 ? "-" : ""}${totalCell(k + 1)}`, fromCents(lineCents[k])),
      groups[k].length,
      `${EXPLAINED[k]} (items below)`,
    ]),
    [
      "Adjusted balance",
      fx(`SUM(${B(0)}:${B(6)})`, fromCents(f.adjustedCents)),
      null,
      "must equal the balance as per books",
    ],
    ["Balance as per books", fromCents(f.bookBalanceCents), null, f.bookBalanceSource],
    [
      "Difference (must be zero)",
      fx(`ROUND(${B(7)}-${B(8)},2)`, fromCents(f.differenceCents)),
      null,
      f.differenceCents === 0 ? "reconciled" : "not reconciled: find the difference before signing",
    ],
  ];
  const diffCell = B(9);
  const sheet = reportSheet(plan, {
    name: BRS_SHEET,
    role: BRS_ROLE,
    title: "Bank reconciliation statement",
    asOf,
    sources: [
      `Bank statement: ${bank.name} (${describeSource(bank.table)})`,
      `Books: ${book.name} (${describeSource(book.table)})`,
    ],
    notes,
    blocks: [
      {
        caption: "Statement",
        header: ["Line", "Amount", "Items", "Where from"],
        rows: statement,
        numFmts: [undefined, REPORT_FMT.money, REPORT_FMT.integer, undefined],
        totalRows: [7, 9],
      },
      ...itemBlocks,
    ],
    detail: detailRows,
    tableName: "BrsRowsLeftOut",
    emptyText: "(every row of both tables is a transaction; no warnings)",
    conditionalFormats: [
      {
        range: diffCell,
        type: "cellValue",
        operator: "notEqual",
        formulas: ["0"],
        style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText, bold: true },
      },
      {
        range: diffCell,
        type: "cellValue",
        operator: "equal",
        formulas: ["0"],
        style: { fill: REPORT_COLORS.good },
      },
    ],
    tabColor: "#7030A0",
  });
  return { sheet, json: brsJson(f), figures: f };
}
