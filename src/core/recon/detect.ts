/**
 * Statement intelligence: the one detector that reads a bank statement, ledger or cash book as a bank or a
 * book exports it. `reconcile`, `validate --schema bank|ledger`, `report recon` and `report brs` all call it,
 * so a file one of them recognises is recognised by all (shared/spec/cli.md, "reconcile").
 *
 * Given a table (header row already found below any title lines: src/workbook/a1.ts headerRowOf), it finds
 * - the columns, by header synonym, case, spacing and punctuation insensitive, with a unit or currency
 *   suffix ignored (`Debit (RM)`, `Amount (INR)`, `Withdrawal Amt.`), or as the rules file names them;
 * - whether the table is the bank's view (a statement: its Debit column is money out) or the books' view
 *   (a ledger or cash book: Debit is money into the bank account);
 * - the rows that are not transactions, each with its reason: separator rows (`********`), the header
 *   repeated, a summary or footer block (STATEMENT SUMMARY, Dr/Cr Count, generated-on lines), opening and
 *   closing balance rows, total rows (labelled, or Tally's unlabelled column sums);
 * - per column, what its values prove: the day/month order of the dates (10/19/2019 proves month-first), a
 *   decimal comma (`-1.234,56`), whether a single amount carries its own sign, whether a Type / Dr-Cr column
 *   really holds Debit/Credit marks;
 * - the opening and closing balances a statement states (for the bank reconciliation statement).
 * A column whose dates no value decides is named in a warning, never silently guessed.
 *
 * Pure: TableData in, plain data out. src/core/recon/columns.ts turns its verdicts into signed amounts.
 */
import type { CellValue } from "../sheet-spec";
import { findColumn, isBlankRow, normHeader, type TableData } from "../table";
import { decimalCommaEvidence, parseAmount } from "../money";
import { DateOrderTally, parseDate, type DateOrder, type DateOrderVerdict } from "../dates";
import type { SideColumns } from "./rules";
import { cellsOf, type TableCells } from "./cells";

export const DATE_HEADERS = [
  "Date",
  "Txn Date",
  "Transaction Date",
  "Value Date",
  "Posting Date",
  "Voucher Date",
  "Completed Date",
  "Entry Date",
  "Booking Date",
  "Tran Date",
  "Txn Posted Date",
  "Buchungstag",
  "Buchungsdatum",
  "Started Date",
  "Value Dt",
  "Date Time",
];
/** Single signed amounts. Net wins over Gross when both are there (PayPal: Gross, Fee, Net). */
export const AMOUNT_HEADERS = ["Amount", "Net Amount", "Net", "Transaction Amount", "Txn Amount", "Betrag", "Umsatz"];
/** Pairs [money in, money out] of the books' view: the side's signed amount is in − out. */
export const AMOUNT_PAIRS: readonly { in: string[]; out: string[]; label: string }[] = [
  { in: ["Debit", "Debit Amount", "Debits"], out: ["Credit", "Credit Amount", "Credits"], label: "Debit/Credit" },
  {
    in: ["Deposit", "Deposits", "Deposit Amount"],
    out: ["Withdrawal", "Withdrawals", "Withdrawal Amount"],
    label: "Withdrawal/Deposit",
  },
  { in: ["Dr", "Dr Amount"], out: ["Cr", "Cr Amount"], label: "Dr/Cr" },
  { in: ["Paid In", "Money In"], out: ["Paid Out", "Money Out"], label: "Paid Out/Paid In" },
  { in: ["Haben"], out: ["Soll"], label: "Soll/Haben" },
];
export const REFERENCE_HEADERS = [
  "Reference",
  "Ref",
  "Ref No",
  "Reference No",
  "Cheque No",
  "Chq No",
  "UTR",
  "Voucher No",
  "Vch No",
  "Document No",
  "Invoice No",
  "Transaction ID",
  "Payment Reference",
  "Cheque Number",
  "Instrument No",
  "Reference Number",
  "Chq Ref No",
];
/** A column saying whether a single Amount is a debit or a credit: used only when its values are such marks. */
export const INDICATOR_HEADERS = [
  "Dr/Cr",
  "Cr/Dr",
  "Dr Cr",
  "Debit/Credit",
  "Credit/Debit",
  "Debit Credit Indicator",
  "Entry Type",
  "Direction",
  "Type",
  "Txn Type",
  "Transaction Type",
];
export const DESCRIPTION_HEADERS = [
  "Description",
  "Narration",
  "Particulars",
  "Details",
  "Memo",
  "Payee",
  "Transaction Description",
  "Remarks",
  // Beyond cli.md's list: ICICI's and other banks' exports, German banks, PayPal's counterparty.
  "Transaction Remarks",
  "Transaction Details",
  "Verwendungszweck",
  "Buchungstext",
  "Item Title",
  "Name",
  "Counterparty",
];
export const BALANCE_HEADERS = [
  "Balance",
  "Running Balance",
  "Closing Balance",
  "Available Balance",
  "Ledger Balance",
  "Book Balance",
  "Saldo",
];

/** Where each field of a side was found (column indexes into TableData.headers; -1 = none). */
export interface ColumnMapping {
  date: number;
  amount: number;
  /** Money-in column of a pair (Debit, Deposit, Dr, Paid In), or -1. */
  amountIn: number;
  /** Money-out column of a pair (Credit, Withdrawal, Cr, Paid Out), or -1. */
  amountOut: number;
  /** A Dr/Cr indicator column beside a single Amount column ("Dr/Cr", "Type"), or -1. */
  indicator: number;
  reference: number;
  description: number;
  /** The running balance, or -1. */
  balance: number;
  /** Date read when the date column is blank on a row (Revolut: Started Date beside Completed Date), or -1. */
  dateFallback: number;
}

/** A row reported by a side: left out of matching (`reason`), or read with a caveat. Never read as 0. */
export interface RowIssue {
  side: "left" | "right";
  /** Worksheet row; 0 when the issue is about a whole column or the table. */
  row: number;
  column: string;
  message: string;
  /** Why an excluded row is not a transaction: "separator", "statement summary", "opening balance", ... */
  reason?: string;
}

/** Thrown when a side cannot be reconciled at all; the message says what to fix. */
export class ReconInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReconInputError";
  }
}

/**
 * A header without its unit or currency suffix, normalised: "Debit (RM)", "Amount in INR", "Balance ₹"
 * and "Withdrawal Amt." read as debit, amount, balance and withdrawalamount.
 */
export function headerCore(h: unknown): string {
  let s = String(h ?? "").trim();
  for (let k = 0; k < 2; k++) {
    s = s.replace(/\s*[([{][^)\]}]*[)\]}]\s*$/, "");
    s = s.replace(/(?:^|\s+|-|_)(?:in\s+)?(?:₹|rs\.?|inr|rm|myr|usd|us\$|\$|eur|€|gbp|£|aed|sgd|aud|cad)\.?\s*$/i, "");
  }
  return normHeader(s).replace(/amt$/, "amount");
}

/**
 * The column a synonym names, in synonym order: exact (normalised) first, then without unit suffixes
 * (headerCore), then a header, or one of its "/"-separated parts, that starts with a synonym of 4+
 * characters ("Ref No./Cheque No.", "Chq./Ref.No."). Columns in `taken` are skipped.
 */
export function findHeader(
  headers: readonly string[],
  synonyms: readonly string[],
  taken?: ReadonlySet<number>,
): number {
  const ok = (i: number) => i >= 0 && !taken?.has(i);
  const normed = headers.map(normHeader);
  for (const s of synonyms) {
    const n = normHeader(s);
    for (let i = 0; i < normed.length; i++) if (normed[i] === n && ok(i)) return i;
  }
  const cores = headers.map(headerCore);
  for (const s of synonyms) {
    const n = headerCore(s);
    for (let i = 0; i < cores.length; i++) if (cores[i] === n && ok(i)) return i;
  }
  const parts = headers.map((h) => [
    normHeader(h),
    ...String(h ?? "")
      .split("/")
      .map(normHeader),
  ]);
  for (const s of synonyms) {
    const n = normHeader(s);
    if (n.length < 4) continue;
    for (let i = 0; i < parts.length; i++) if (ok(i) && parts[i].some((p) => p.startsWith(n))) return i;
  }
  return -1;
}

/** Kept for callers of the first detector: findHeader without taken columns. */
export function findColumnLoose(headers: readonly string[], synonyms: readonly string[]): number {
  return findHeader(headers, synonyms);
}

function hasHeader(headers: readonly string[], synonyms: readonly string[]): boolean {
  const cores = new Set(headers.map(headerCore));
  return synonyms.some((s) => cores.has(headerCore(s))) || findColumn(headers, synonyms) >= 0;
}

/**
 * Whether a table reads as a bank statement rather than a ledger or cash book, from its headers and name:
 * a running Balance, Narration, Value Date, cheque or UTR columns, or a name with "bank"/"statement" point
 * to a statement; Voucher No / Vch Type / an account code, or a name with "ledger"/"book" to the books.
 * Decides how a Debit/Credit (Dr/Cr) pair and Dr/Cr marks are signed: the bank debits the account for
 * money going out, the books debit it for money coming in.
 */
export function looksLikeBankStatement(table: Pick<TableData, "headers" | "name">): boolean {
  const { bank, book } = statementEvidence(table);
  return bank > book;
}

/** The points looksLikeBankStatement weighs: for a bank statement, for the books (both 0: nothing says). */
function statementEvidence(table: Pick<TableData, "headers" | "name">): { bank: number; book: number } {
  const h = table.headers;
  let bank = 0;
  let book = 0;
  if (hasHeader(h, BALANCE_HEADERS)) bank += 2;
  if (hasHeader(h, ["Narration", "Transaction Remarks"])) bank += 1;
  if (hasHeader(h, ["Value Date", "Value Dt"])) bank += 1;
  if (hasHeader(h, ["Cheque No", "Chq No", "Chq Ref No", "UTR"]) || findHeader(h, ["Chq Ref No"]) >= 0) bank += 1;
  if (/bank|statement|stmt/i.test(table.name)) bank += 2;
  if (hasHeader(h, ["Voucher No", "Voucher Date", "Voucher Type", "Vch No", "Vch Type"])) book += 2;
  if (hasHeader(h, ["Account", "Ledger", "Account Name", "GL Code", "Account Code"])) book += 1;
  if (/ledger|book|journal|\bgl\b/i.test(table.name)) book += 2;
  return { bank, book };
}

/**
 * The Dr/Cr suffix of an amount text ("5,000.00 Cr" is "cr"), or null. Only text ending in "r", "R" or
 * "." (after trailing spaces) can carry one: the rest is not matched against the expression.
 */
export function suffixMark(raw: string): "dr" | "cr" | null {
  let k = raw.length - 1;
  while (k >= 0 && raw.charCodeAt(k) <= 32) k--;
  const c = raw.charCodeAt(k);
  if (c !== 114 && c !== 82 && c !== 46 && c <= 127) return null;
  return (/(dr|cr)\.?$/i.exec(raw.trim())?.[1].toLowerCase() as "dr" | "cr" | undefined) ?? null;
}

function describeLook(): string {
  return `${AMOUNT_HEADERS.slice(0, 3).join(" or ")}, or a pair ${AMOUNT_PAIRS.slice(0, 4)
    .map((p) => p.label)
    .join(", ")}, or one amount and a Dr/Cr column`;
}

function overrideColumn(
  headers: readonly string[],
  header: string | undefined,
  what: string,
  sideLabel: string,
): number {
  if (header === undefined) return -1;
  const i = headers.map(normHeader).indexOf(normHeader(header));
  if (i < 0)
    throw new ReconInputError(
      `${sideLabel}: the rules name "${header}" as the ${what} column, but there is no such header (headers: ${headers.filter((h) => h).join(", ") || "none"})`,
    );
  return i;
}

/** A Dr/Cr mark: "dr" (debit), "cr" (credit) or null. */
export function indicatorMark(v: CellValue | undefined): "dr" | "cr" | null {
  if (typeof v !== "string") return null;
  const t = v.trim().toLowerCase().replace(/\.$/, "");
  if (/^(dr|debit|d|debited|withdrawal|wdl|out|db)$/.test(t)) return "dr";
  if (/^(cr|credit|c|credited|deposit|in)$/.test(t)) return "cr";
  return null;
}

/** True when most non-blank values of column c of the rows are Dr/Cr marks (at least one, 90%). */
function holdsMarks(cells: TableCells, c: number): boolean {
  let marks = 0;
  let other = 0;
  for (let i = 0; i < cells.count; i++) {
    const v = cells.cell(i, c);
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) continue;
    if (indicatorMark(v)) marks++;
    else other++;
  }
  return marks > 0 && marks >= 9 * other;
}

/** Header names that an indicator column may have without its values proving it (nothing else but marks fits). */
const STRONG_INDICATORS = ["Dr/Cr", "Cr/Dr", "Dr Cr", "Debit/Credit", "Credit/Debit", "Debit Credit Indicator"];

/**
 * Find the columns of a side; throws ReconInputError naming the headers looked for. With rows, an indicator
 * column named only "Type" is used when its values are Debit/Credit marks; with no rows (headers only,
 * as the taskpane's form detects them), only an unmistakable header (Dr/Cr, Debit/Credit) is.
 */
export function detectColumns(table: TableData, overrides: SideColumns, sideLabel: string): ColumnMapping {
  const h = table.headers;
  const m: ColumnMapping = {
    date: -1,
    amount: -1,
    amountIn: -1,
    amountOut: -1,
    indicator: -1,
    reference: -1,
    description: -1,
    balance: -1,
    dateFallback: -1,
  };
  const taken = new Set<number>();
  const take = (i: number) => {
    if (i >= 0) taken.add(i);
    return i;
  };
  // Overrides first, so detection never takes a column the rules gave to another field.
  const o = overrides;
  if (o.date !== undefined) m.date = take(overrideColumn(h, o.date, "date", sideLabel));
  if (o.reference !== undefined) m.reference = take(overrideColumn(h, o.reference, "reference", sideLabel));
  if (o.description !== undefined) m.description = take(overrideColumn(h, o.description, "description", sideLabel));
  if (o.balance !== undefined) m.balance = take(overrideColumn(h, o.balance, "balance", sideLabel));
  if (o.indicator !== undefined) m.indicator = take(overrideColumn(h, o.indicator, "indicator (Dr/Cr)", sideLabel));
  if (o.amount !== undefined) m.amount = take(overrideColumn(h, o.amount, "amount", sideLabel));
  else if (o.debit !== undefined || o.credit !== undefined) {
    if (o.debit === undefined || o.credit === undefined)
      throw new ReconInputError(
        `${sideLabel}: the rules give only one of "debit" and "credit"; give both (money in, money out) or "amount"`,
      );
    m.amountIn = take(overrideColumn(h, o.debit, "debit (money in)", sideLabel));
    m.amountOut = take(overrideColumn(h, o.credit, "credit (money out)", sideLabel));
  } else {
    const gross = findHeader(h, ["Gross", "Gross Amount"], taken);
    const net = findHeader(h, ["Net", "Net Amount"], taken);
    m.amount = gross >= 0 && net >= 0 ? net : findHeader(h, AMOUNT_HEADERS, taken);
    if (m.amount < 0) {
      for (const p of AMOUNT_PAIRS) {
        const i = findHeader(h, p.in, taken);
        const out = findHeader(h, p.out, taken);
        if (i >= 0 && out >= 0 && i !== out) {
          // A bank statement's Debit/Dr column is money out of the account (the bank's view), its Credit/Cr
          // column money in: the opposite of a ledger's. Deposit − Withdrawal either way.
          const swap = (p.label === "Debit/Credit" || p.label === "Dr/Cr") && looksLikeBankStatement(table);
          m.amountIn = swap ? out : i;
          m.amountOut = swap ? i : out;
          break;
        }
      }
    }
    take(m.amount);
    take(m.amountIn);
    take(m.amountOut);
  }
  if (m.date < 0) {
    m.date = take(findHeader(h, DATE_HEADERS, taken));
    // "Completed Date" chosen: the "Started Date" beside it dates a row not completed yet.
    if (m.date >= 0 && headerCore(h[m.date]) === "completeddate")
      m.dateFallback = findHeader(h, ["Started Date"], taken);
  }
  if (m.reference < 0) m.reference = take(findHeader(h, REFERENCE_HEADERS, taken));
  if (m.description < 0) m.description = take(findHeader(h, DESCRIPTION_HEADERS, taken));
  if (m.balance < 0) m.balance = take(findHeader(h, BALANCE_HEADERS, taken));
  if (m.indicator < 0 && m.amount >= 0) {
    const cells = cellsOf(table);
    let withRows = false;
    for (let i = 0; i < cells.count && !withRows; i++) withRows = !isBlankRow(cells.row(i));
    for (const syn of INDICATOR_HEADERS) {
      const i = findColumn(h, [syn]);
      if (i < 0 || taken.has(i)) continue;
      if (withRows ? holdsMarks(cells, i) : STRONG_INDICATORS.includes(syn)) {
        m.indicator = take(i);
        break;
      }
    }
  }
  if (m.amount < 0 && (m.amountIn < 0 || m.amountOut < 0)) {
    const found = h.filter((x) => String(x ?? "").trim() !== "");
    const blanks = h.length - found.length;
    let msg = `${sideLabel}: no amount column; looked for ${describeLook()} (headers found: ${found.join(", ") || "none"})`;
    const joined = found.find((x) => /[;\t|]/.test(x));
    if (joined)
      msg += `; the header "${joined.length > 40 ? joined.slice(0, 37) + "..." : joined}" holds ${/;/.test(joined) ? "semicolons" : /\t/.test(joined) ? "tabs" : "bars"}: the file is separated by them, not by commas; save it as a comma-separated CSV or an .xlsx`;
    else if (blanks > 0)
      msg += `; ${blanks} header cell${blanks === 1 ? " is" : "s are"} blank — merged header cells? Unmerge them so every column has its own header`;
    else
      msg += `; rename the amount column or name it in the rules file ("${sideLabel.startsWith("RIGHT") ? "right" : "left"}": {"amount": "..."})`;
    throw new ReconInputError(msg);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------------------
// Rows that are not transactions

/** Row kinds of a laid-out table (per TableData.rows index). */
export const ROW_TRANSACTION = 0;
export const ROW_BLANK = 1;
export const ROW_EXCLUDED = 2;

const SEPARATOR = /^[\s*=_~#.+|-]+$/;
const OPENING =
  /^(?:opening\s*bal(?:ance)?\.?|op\.?\s*bal(?:ance)?\.?|balance\s*(?:b\/?f|brought\s*forward)|brought\s*forward|b\/f)\b/i;
const CLOSING =
  /^(?:closing\s*bal(?:ance)?\.?|cl\.?\s*bal(?:ance)?\.?|balance\s*(?:c\/?f|carried\s*forward)|carried\s*forward|c\/f)\b/i;
const TOTAL =
  /^(?:grand\s+|page\s+|sub\s*-?\s*)?totals?(?:\s+(?:amount|debits?|credits?|dr|cr|withdrawals?|deposits?|for\s+the\s+period))?\s*[:.-]?\s*$/i;
const SUMMARY_START = /^(?:statement\s+summary|account\s+summary|summary\s+of\s+(?:the\s+)?account|summary)\b/i;
const SUMMARY_LABEL =
  /^(?:opening\s*bal(?:ance)?|closing\s*bal(?:ance)?|dr\.?\s*count|cr\.?\s*count|debit\s*count|credit\s*count|no\.?\s*of\s*(?:debits?|credits?)|debits|credits|total\s*debits?|total\s*credits?|withdrawals|deposits)\.?\s*:?$/i;
const FOOTER =
  /^\**\s*(?:generated\s+(?:on|by|at)|requesting\s+branch|this\s+is\s+a\s+(?:computer|system)[-\s]generated|computer[-\s]generated|end\s+of|page\s+\d+(?:\s+of\s+\d+)?\s*$|statement\s+generated|printed\s+(?:on|by)|downloaded\s+on|report\s+generated|\*{3,}\s*end)/i;

function isBlankCell(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // A printable ASCII first character is not white space: the text is not blank (trim spared).
  const c = v.charCodeAt(0);
  return !(c > 32 && c < 127) && v.trim() === "";
}

function isSeparatorRow(r: readonly CellValue[]): boolean {
  let long = false;
  let any = false;
  for (const c of r) {
    if (isBlankCell(c)) continue;
    if (typeof c !== "string" || !SEPARATOR.test(c)) return false;
    any = true;
    if (c.trim().length >= 3) long = true;
  }
  return any && long;
}

function isRepeatedHeader(r: readonly CellValue[], normedHeaders: readonly string[]): boolean {
  let n = 0;
  for (let j = 0; j < r.length; j++) {
    const c = r[j];
    if (isBlankCell(c)) continue;
    if (typeof c !== "string" || !normsTo(c, normedHeaders[j])) return false;
    n++;
  }
  return n >= 2;
}

/**
 * normHeader(c) === normed, without normalising ASCII text (a narration on every row): its letters
 * lower-cased and digits, in order, are normHeader's. Letters and digits before the first other character
 * come out of Unicode normalisation unchanged, so a difference there decides; any non-ASCII text is
 * normalised.
 */
function normsTo(c: string, normed: string | undefined): boolean {
  if (normed === undefined) return false;
  let k = 0;
  for (let i = 0; i < c.length; i++) {
    let ch = c.charCodeAt(i);
    if (ch >= 128) return normHeader(c) === normed;
    if (ch >= 65 && ch <= 90) ch += 32;
    else if (!((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57))) continue;
    if (normed.charCodeAt(k++) !== ch) return false;
  }
  return k === normed.length;
}

/**
 * First characters a label can start with (lower-cased): the cheap test that spares the regular
 * expressions on the millions of cells that are narrations and references.
 */
const LABEL_START = new Uint8Array(128);
for (const ch of "obcgstprdenwa*") {
  LABEL_START[ch.charCodeAt(0)] = 1;
  LABEL_START[ch.toUpperCase().charCodeAt(0)] = 1;
}

function mayBeLabel(v: string): boolean {
  let k = 0;
  let c = v.charCodeAt(0);
  while (c <= 32 && k < v.length) c = v.charCodeAt(++k);
  return c < 128 && LABEL_START[c] === 1;
}

/**
 * The first two characters (lower-cased) that OPENING, CLOSING, TOTAL, SUMMARY_START and FOOTER can
 * match at (any text starting with "*" may be a footer), and those of SUMMARY_LABEL: a second cheap test
 * before the expressions, as "Payment ..." and "NEFT ..." begin with a label's first letter.
 */
const LABEL_PAIRS = pairTable("op ba br b/ cl ca c/ gr pa su to st ac ge re th co en pr do");
const SUMMARY_PAIRS = pairTable("op cl dr cr de no to wi");

/** A set of ASCII character pairs as a 128 x 128 table (a lookup per cell, no string made). */
function pairTable(pairs: string): Uint8Array {
  const t = new Uint8Array(128 * 128);
  for (const p of pairs.split(" ")) t[(p.charCodeAt(0) << 7) | p.charCodeAt(1)] = 1;
  return t;
}

/** Whether the text (after leading spaces and controls) starts with one of the pairs, or "*" when `star`. */
function startsWithPair(v: string, pairs: Uint8Array, star: boolean): boolean {
  let k = 0;
  while (k < v.length && v.charCodeAt(k) <= 32) k++;
  const a = v.charCodeAt(k);
  if (a === 42) return star;
  const b = v.charCodeAt(k + 1);
  // Only ASCII pairs are listed: anything else cannot start a label (mayBeLabel has let only ASCII through).
  if (!(a < 128 && b < 128)) return false;
  return pairs[((a | 32) << 7) | (b >= 65 && b <= 90 ? b | 32 : b)] === 1;
}

/** Which label a text cell is: "opening", "closing", "total", "summary", "footer", or null. */
function labelOf(v: CellValue | undefined): "opening" | "closing" | "total" | "summary" | "footer" | null {
  if (typeof v !== "string" || !mayBeLabel(v) || !startsWithPair(v, LABEL_PAIRS, true)) return null;
  const t = v.trim();
  if (t.length < 3 || t.length > 120) return null;
  if (OPENING.test(t)) return "opening";
  if (CLOSING.test(t)) return "closing";
  if (TOTAL.test(t)) return "total";
  if (SUMMARY_START.test(t)) return "summary";
  if (FOOTER.test(t)) return "footer";
  return null;
}

function countSummaryLabels(r: readonly CellValue[]): number {
  let n = 0;
  for (const c of r)
    if (
      typeof c === "string" &&
      mayBeLabel(c) &&
      startsWithPair(c, SUMMARY_PAIRS, false) &&
      SUMMARY_LABEL.test(c.trim())
    )
      n++;
  return n;
}

export interface ColumnProofs {
  /** The date column's order, how it was decided, and whether the rules fixed it. */
  date: DateOrderVerdict & { fixed: boolean };
  /** Columns (indexes) whose text amounts use a decimal comma. */
  decimalComma: Set<number>;
  /** The single amount column holds negative amounts: each keeps its sign; the indicator signs the rest only when false. */
  signed: boolean;
}

/** A balance the statement or ledger states: an Opening/Closing Balance row or its summary block. */
export interface StatedBalance {
  /** Worksheet row it was read from. */
  row: number;
  cents: number;
  /** Whole-day serial, NaN when the row has none. */
  day: number;
}

export interface StatementLayout {
  /** Bank's view (a statement) or the books' (a ledger or cash book). */
  kind: "bank" | "book";
  mapping: ColumnMapping;
  proofs: ColumnProofs;
  /** Per TableData.rows index: ROW_TRANSACTION, ROW_BLANK or ROW_EXCLUDED. */
  rowKind: Uint8Array;
  /** The rows that are not transactions, with their reason (worksheet rows). */
  excluded: RowIssue[];
  /** Column-level findings (an undecided date order, an indicator column read...). */
  warnings: RowIssue[];
  opening: StatedBalance | null;
  closing: StatedBalance | null;
  /** Layout fingerprint: the normalised header row (profiles are keyed by it). */
  fingerprint: string;
}

export interface DetectOptions {
  side: "left" | "right";
  /** For messages: "LEFT (bank.csv)". */
  label?: string;
  /** Read every text date in this order (the rules said so). */
  dateOrder?: DateOrder;
  /** Order of a date column that its values do not decide (default DMY, the Indian convention). */
  defaultDateOrder?: DateOrder;
}

/** The layout fingerprint of a header row: its normalised headers joined by "|" ("date|narration|chqrefno|..."). */
export function layoutFingerprint(headers: readonly string[]): string {
  return headers.map(headerCore).join("|");
}

const ORDER_WORDS: Record<DateOrder, string> = {
  DMY: "day-first (DMY)",
  MDY: "month-first (MDY)",
  YMD: "year-first (YMD)",
};

/** Cents of a cell under a column's proven format, or null when blank or not an amount. */
function centsOf(v: CellValue | undefined, comma: boolean): number | null {
  const p = parseAmount(v ?? null, comma ? { decimalComma: true } : {});
  return p.ok ? p.cents : null;
}

/**
 * Lay out a side: its columns (detectColumns), the rows that are not transactions, and what its columns
 * prove. Throws ReconInputError when no amount column can be found.
 */
export function detectStatement(table: TableData, overrides: SideColumns, options: DetectOptions): StatementLayout {
  const side = options.side;
  const label = options.label ?? `${side.toUpperCase()} (${table.name})`;
  const m = detectColumns(table, overrides, label);
  const evidence = statementEvidence(table);
  let kind: "bank" | "book" = evidence.bank > evidence.book ? "bank" : "book";
  // Rows or, for a table read lazily (a large CSV file), its cells one by one: see ./cells.ts.
  const cells = cellsOf(table);
  const n = cells.count;
  const h = table.headers;
  const normed = h.map(normHeader);
  const rowKind = new Uint8Array(n);
  const excluded: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const reasonAt = new Map<number, string>();
  const exclude = (i: number, reason: string) => {
    rowKind[i] = ROW_EXCLUDED;
    reasonAt.set(i, reason);
  };
  const amountCols = (m.amount >= 0 ? [m.amount] : [m.amountIn, m.amountOut]).filter((c) => c >= 0);
  const looksLikeTxn = (r: readonly CellValue[]) => {
    const d = m.date >= 0 ? r[m.date] : null;
    const dated = d !== null && d !== undefined && (parseDate(d, "DMY").ok || parseDate(d, "MDY").ok);
    return (
      dated &&
      amountCols.some((c) => parseAmount(r[c] ?? null).ok || parseAmount(r[c] ?? null, { decimalComma: true }).ok)
    );
  };
  let opening: StatedBalance | null = null;
  let closing: StatedBalance | null = null;
  // Pass 1: structure from the text alone.
  let inSummary = false;
  let summaryLabels: readonly CellValue[] | null = null;
  const labelCols = [...new Set([m.date, m.description, m.reference].filter((c) => c >= 0))];
  // Pass 3 keeps running sums only when some transaction has no date and no text (a Tally total row?).
  const textCols = [m.date, m.description, m.reference].filter((c) => c >= 0);
  const noText = (r: readonly CellValue[]) => textCols.every((c) => isBlankCell(r[c]));
  let candidates = false;
  for (let i = 0; i < n; i++) {
    const r = cells.row(i);
    if (isBlankRow(r)) {
      rowKind[i] = ROW_BLANK;
      continue;
    }
    if (isSeparatorRow(r)) {
      exclude(i, "separator");
      continue;
    }
    if (isRepeatedHeader(r, normed)) {
      exclude(i, "header repeated");
      continue;
    }
    const labels = countSummaryLabels(r);
    if (labels >= 2) {
      // A summary's own header row (Opening Balance | Dr Count | Cr Count | Debits | Credits | Closing Bal):
      // the next row holds its figures.
      inSummary = true;
      // A copy: a lazily read table's row is made afresh for each row.
      summaryLabels = [...r];
      exclude(i, "statement summary");
      continue;
    }
    if (summaryLabels) {
      exclude(i, "statement summary");
      readSummaryFigures(summaryLabels, r, table.firstRow + i);
      summaryLabels = null;
      continue;
    }
    if (inSummary && !looksLikeTxn(r)) {
      exclude(i, "statement summary");
      continue;
    }
    inSummary = false;
    let lab: ReturnType<typeof labelOf> = null;
    for (let k = 0; k < labelCols.length && !lab; k++) lab = labelOf(r[labelCols[k]]);
    if (!lab) {
      let first = 0;
      while (first < r.length && isBlankCell(r[first])) first++;
      if (!labelCols.includes(first)) lab = labelOf(r[first]);
    }
    // A summary heading or a footer line stands alone (a narration that merely begins "Summary" does not).
    if ((lab === "summary" || lab === "footer") && r.filter((c) => !isBlankCell(c)).length > 2) lab = null;
    if (lab === "summary") {
      inSummary = true;
      exclude(i, "statement summary");
    } else if (lab === "footer") exclude(i, "statement footer");
    else if (lab === "opening") exclude(i, "opening balance");
    else if (lab === "closing") exclude(i, "closing balance");
    else if (lab === "total") exclude(i, "total");
    if (!candidates && rowKind[i] === ROW_TRANSACTION && noText(r)) candidates = true;
  }

  function readSummaryFigures(labelRow: readonly CellValue[], values: readonly CellValue[], wsRow: number) {
    for (let j = 0; j < labelRow.length; j++) {
      const t = typeof labelRow[j] === "string" ? (labelRow[j] as string).trim() : "";
      const c = centsOf(values[j], false) ?? centsOf(values[j], true);
      if (c === null) continue;
      if (OPENING.test(t)) opening = { row: wsRow, cents: c, day: NaN };
      else if (CLOSING.test(t)) closing = { row: wsRow, cents: c, day: NaN };
    }
  }

  // Pass 2: what the transaction rows' columns prove.
  const live = (i: number) => rowKind[i] === ROW_TRANSACTION;
  const fixed = options.dateOrder !== undefined;
  const fallback = options.dateOrder ?? options.defaultDateOrder ?? "DMY";
  // Only text dates can be ambiguous: the verdict reads those (by the rows they are on).
  const dateAt = new Int32Array(m.date >= 0 ? n : 0);
  const tally = new DateOrderTally();
  let dates = 0;
  if (m.date >= 0)
    for (let i = 0; i < n; i++) {
      if (!live(i)) continue;
      const v = cells.cell(i, m.date);
      if (typeof v !== "string") continue;
      dateAt[dates++] = i;
      tally.add(v);
    }
  const dateRow = (k: number) => table.firstRow + dateAt[k];
  const verdict = tally.verdict(fallback);
  const date = { ...verdict, fixed, order: fixed ? fallback : verdict.order };
  if (m.date >= 0) {
    const col = h[m.date];
    if (fixed && verdict.basis === "proven" && verdict.order !== fallback && verdict.proof)
      warnings.push({
        side,
        row: 0,
        column: col,
        message: `${col}: the rules read dates ${ORDER_WORDS[fallback]}, but ${verdict.proof.text} on row ${dateRow(verdict.proof.index)} is only a ${ORDER_WORDS[verdict.order]} date; those dates are read without a date`,
      });
    else if (!fixed && verdict.basis === "undecided" && verdict.example)
      warnings.push({
        side,
        row: 0,
        column: col,
        message: `${col}: no date shows whether the column is day-first or month-first (${verdict.either} read either way, e.g. ${verdict.example.text} on row ${dateRow(verdict.example.index)}); read as ${ORDER_WORDS[fallback]}, the default — put "dateOrder": "${fallback === "DMY" ? "MDY" : "DMY"}" in the rules if that is wrong`,
      });
    else if (!fixed && verdict.basis === "proven" && verdict.dayFirst && verdict.monthFirst)
      warnings.push({
        side,
        row: 0,
        column: col,
        message: `${col}: ${verdict.dayFirst} dates read only day-first and ${verdict.monthFirst} only month-first; read as ${ORDER_WORDS[verdict.order]} (the majority), the others are read without a date`,
      });
  }
  const decimalComma = new Set<number>();
  const moneyCols = [...amountCols, ...(m.balance >= 0 ? [m.balance] : [])];
  for (const c of moneyCols) {
    let comma = 0;
    let dot = 0;
    for (let i = 0; i < n; i++) {
      if (!live(i)) continue;
      const v = cells.cell(i, c);
      if (typeof v !== "string") continue;
      const e = decimalCommaEvidence(v);
      if (e === "comma") comma++;
      else if (e === "dot") dot++;
    }
    if (comma > dot) decimalComma.add(c);
  }
  let signed = false;
  if (m.amount >= 0) {
    const comma = decimalComma.has(m.amount);
    // Amounts marked "Cr"/"Dr" are counted only when neither the headers nor the name say whose view the
    // table is (see below).
    const countMarks = evidence.bank === 0 && evidence.book === 0;
    let marked = 0;
    let amounts = 0;
    for (let i = 0; i < n && (!signed || countMarks); i++) {
      if (!live(i)) continue;
      const v = cells.cell(i, m.amount);
      if (typeof v === "number") {
        amounts++;
        if (v < 0) signed = true;
        continue;
      }
      if (typeof v !== "string") continue;
      amounts++;
      if (suffixMark(v) !== null) {
        marked++;
        continue;
      }
      if (signed) continue;
      const c = centsOf(v, comma);
      if (c !== null && c < 0) signed = true;
    }
    // Amounts written "1,25,000.00 CR" are how bank statements print them (SBI, ICICI, Kotak); ledgers put
    // debits and credits in columns of their own. With nothing else to go by, such a table is the bank's.
    if (countMarks && marked * 2 > amounts) {
      kind = "bank";
      warnings.push({
        side,
        row: 0,
        column: h[m.amount],
        message: `${h[m.amount]} is marked Cr/Dr and neither the headers nor the name say whether this is a bank statement or the books: read as the bank's statement (Cr is money in); if it is a ledger, put "ledger" or "book" in its file or sheet name`,
      });
    }
    if (m.indicator >= 0)
      warnings.push({
        side,
        row: 0,
        column: h[m.indicator],
        message: signed
          ? `${h[m.amount]} carries its own sign (it has negative amounts): each amount keeps it; ${h[m.indicator]} signs none`
          : `${h[m.amount]} has no negative amounts: ${h[m.indicator]} gives each its sign (${kind === "bank" ? "the bank's view: Debit is money out" : "the books' view: Debit is money in"})`,
      });
  }
  const comma = (c: number) => decimalComma.has(c);

  // Pass 3: rows that need the amounts: Tally's unlabelled total rows, stated balances. The running sums
  // are only kept when some row could be a total (no date, no text, figures only: `candidates`, pass 1).
  const sums = amountCols.map(() => 0);
  // Without candidates only the rows already excluded are read (in row order, as the loop would).
  const pass3 = candidates ? null : Int32Array.from(reasonAt.keys()).sort();
  const pass3Count = pass3 ? pass3.length : n;
  for (let q = 0; q < pass3Count; q++) {
    const i = pass3 ? pass3[q] : q;
    const reason = reasonAt.get(i);
    if (rowKind[i] === ROW_BLANK || reason === "separator" || reason === "header repeated") continue;
    const r = cells.row(i);
    const vals = amountCols.map((c) => centsOf(r[c], comma(c)));
    if (reason === "opening balance" || reason === "closing balance") {
      const amount =
        m.amount >= 0 ? vals[0] : vals[0] !== null || vals[1] !== null ? (vals[0] ?? 0) - (vals[1] ?? 0) : null;
      const bal = m.balance >= 0 ? centsOf(r[m.balance], comma(m.balance)) : null;
      const pd = m.date >= 0 ? parseDate(r[m.date] ?? null, date.order) : null;
      const stated = {
        row: table.firstRow + i,
        cents: bal ?? amount ?? 0,
        day: pd && pd.ok ? Math.floor(pd.serial) : NaN,
      };
      if (reason === "opening balance") opening ??= stated;
      else closing = stated;
    }
    if (rowKind[i] === ROW_EXCLUDED && reason !== "opening balance" && reason !== "closing balance") continue;
    if (rowKind[i] === ROW_TRANSACTION && noText(r) && vals.some((v) => v !== null)) {
      // No date, no text, only figures: a total when each figure is the sum of its column above.
      const isTotal =
        vals.every((v, k) => v === null || v === sums[k] || v === 0) &&
        vals.some((v, k) => v !== null && v === sums[k] && v !== 0);
      if (isTotal) {
        exclude(i, "total");
        continue;
      }
    }
    vals.forEach((v, k) => (sums[k] += v ?? 0));
  }

  for (const i of [...reasonAt.keys()].sort((a, b) => a - b)) {
    const reason = reasonAt.get(i);
    if (reason)
      excluded.push({
        side,
        row: table.firstRow + i,
        column: "",
        message: `not a transaction (${reason})`,
        reason,
      });
  }
  return {
    kind,
    mapping: m,
    proofs: { date, decimalComma, signed },
    rowKind,
    excluded,
    warnings,
    opening,
    closing,
    fingerprint: layoutFingerprint(h),
  };
}

/**
 * Whether a table (its headers and name) is a bank statement or a ledger the detector can read, without
 * its rows: how `report recon`, `report brs` and the taskpane find the Bank and Ledger of a workbook.
 * Returns null when no amount column can be found.
 */
export function recogniseStatement(
  headers: readonly string[],
  name: string,
): { kind: "bank" | "book"; mapping: ColumnMapping; score: number } | null {
  const t: TableData = { name, sheet: name, headers: [...headers], rows: [], firstRow: 2, firstColumn: 1 };
  let m: ColumnMapping;
  try {
    m = detectColumns(t, {}, name);
  } catch {
    return null;
  }
  if (m.date < 0) return null;
  const score = [m.date, m.reference, m.description, m.balance].filter((c) => c >= 0).length + 2;
  return { kind: looksLikeBankStatement(t) ? "bank" : "book", mapping: m, score };
}
