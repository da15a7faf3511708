/**
 * Reading one side of a reconciliation: find its columns by header (synonyms of shared/spec/cli.md, or the
 * rules file's overrides), then turn every row into one signed amount in minor units, a day serial, a
 * normalised reference and a description, in typed arrays the matching passes index.
 *
 * Sign convention: a single Amount column is taken as it stands; a pair gives in − out:
 * Deposit − Withdrawal, Paid In − Paid Out (bank statement: money into the account is positive) and
 * Debit − Credit, Dr − Cr (ledger or cash book: a debit to the bank account is money in), so a bank deposit
 * meets the book's debit. A Debit/Credit pair on a table that reads as a bank statement (a Balance column,
 * Narration, Value Date, cheque/UTR columns, "bank" in its name: `looksLikeBankStatement`) is the bank's
 * view and gives Credit − Debit. A pair's figures are sizes (a "-118" or "(118)" withdrawal is 118 out).
 * `flipRight` reverses the right side.
 */
import type { CellValue } from "../sheet-spec";
import { findColumn, isBlankRow, normHeader, type TableData } from "../table";
import { parseAmount } from "../money";
import { parseDate, type DateOrder } from "../dates";
import type { SideColumns } from "./rules";
import { hashString, normRef, refLikeTokens } from "./text";

export const DATE_HEADERS = ["Date", "Txn Date", "Transaction Date", "Value Date", "Posting Date", "Voucher Date"];
export const AMOUNT_HEADERS = ["Amount", "Net Amount"];
/** Pairs [money in, money out]: the side's signed amount is in − out. */
export const AMOUNT_PAIRS: readonly { in: string[]; out: string[]; label: string }[] = [
  { in: ["Debit", "Debit Amount", "Debit Amt"], out: ["Credit", "Credit Amount", "Credit Amt"], label: "Debit/Credit" },
  {
    in: ["Deposit", "Deposits", "Deposit Amount", "Deposit Amt"],
    out: ["Withdrawal", "Withdrawals", "Withdrawal Amount", "Withdrawal Amt"],
    label: "Withdrawal/Deposit",
  },
  { in: ["Dr"], out: ["Cr"], label: "Dr/Cr" },
  { in: ["Paid In"], out: ["Paid Out"], label: "Paid Out/Paid In" },
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
  "Document No",
  "Invoice No",
  "Transaction ID",
  "Cheque Number",
  "Instrument No",
  "Reference Number",
];
/** A column saying whether a single Amount is a debit or a credit. */
export const INDICATOR_HEADERS = [
  "Dr/Cr",
  "Cr/Dr",
  "Dr Cr",
  "Debit/Credit",
  "Credit/Debit",
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
  // Beyond cli.md's list: ICICI's and other banks' exports.
  "Transaction Remarks",
  "Remarks",
  "Transaction Details",
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
}

/** A bad row: reported, left out of matching, never read as 0. */
export interface RowIssue {
  side: "left" | "right";
  row: number;
  column: string;
  message: string;
}

/** Thrown when a side cannot be reconciled at all; the message says what to fix. */
export class ReconInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReconInputError";
  }
}

/** One side, ready to match: item i is worksheet row `row[i]`. */
export interface PreparedSide {
  side: "left" | "right";
  /** "Bank" or "bank.csv": the source's name, for messages and sheets. */
  name: string;
  table: TableData;
  mapping: ColumnMapping;
  n: number;
  /** Index of the item in table.rows. */
  rowIndex: Int32Array;
  /** Worksheet row number. */
  row: Int32Array;
  /** Signed amount in minor units (after flipRight). */
  cents: Float64Array;
  /** Whole-day date serial, NaN when blank or unreadable. */
  day: Float64Array;
  /** Normalised reference ("" when none). */
  ref: string[];
  /** Reference keys: the reference and the reference-like tokens of the description (CSR arrays). */
  keyStart: Int32Array;
  keyHash: Int32Array;
  keyStr: string[];
  /** Rows left out (text or no amount) and rows with an unreadable date (kept, without a date). */
  excluded: RowIssue[];
  warnings: RowIssue[];
}

/**
 * findColumn, then a looser look: a header, or one of its "/"-separated parts, that is or starts with a
 * synonym of 4+ characters (normalised), so "Ref No./Cheque No.", "Chq./Ref.No.", "Withdrawal Amount (INR)"
 * and "Amount (Rs.)" are found too.
 */
export function findColumnLoose(headers: readonly string[], synonyms: readonly string[]): number {
  const exact = findColumn(headers, synonyms);
  if (exact >= 0) return exact;
  const parts = headers.map((h) => [normHeader(h), ...h.split("/").map(normHeader)]);
  for (const syn of synonyms) {
    const n = normHeader(syn);
    if (n.length < 4) continue;
    const i = parts.findIndex((ps) => ps.some((p) => p.startsWith(n)));
    if (i >= 0) return i;
  }
  return -1;
}

function describeLook(): string {
  return `${AMOUNT_HEADERS.join(" or ")}, or a pair ${AMOUNT_PAIRS.map((p) => p.label).join(", ")}`;
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

/**
 * Whether a table reads as a bank statement rather than a ledger or cash book, from its headers and name:
 * a running Balance, Narration, Value Date, cheque or UTR columns, or a name with "bank"/"statement" point
 * to a statement; Voucher No / Voucher Date / Voucher Type or a name with "ledger"/"book" to the books.
 * Decides how a Debit/Credit (Dr/Cr) pair is signed: the bank debits the account for money going out.
 */
export function looksLikeBankStatement(table: Pick<TableData, "headers" | "name">): boolean {
  const h = table.headers;
  const has = (xs: string[]) => findColumn(h, xs) >= 0;
  let bank = 0;
  let book = 0;
  if (has(["Balance", "Closing Balance", "Running Balance"])) bank += 2;
  if (has(["Narration", "Transaction Remarks"])) bank += 1;
  if (has(["Value Date"])) bank += 1;
  if (has(["Cheque No", "Chq No", "Chq Ref No", "UTR"])) bank += 1;
  if (/bank|statement|stmt/i.test(table.name)) bank += 2;
  if (has(["Voucher No", "Voucher Date", "Voucher Type", "Vch No", "Vch Type"])) book += 2;
  if (has(["Account", "Ledger", "Account Name", "GL Code"])) book += 1;
  if (/ledger|book|journal|\bgl\b/i.test(table.name)) book += 2;
  return bank > book;
}

/** Find the columns of a side; throws ReconInputError naming the headers looked for. */
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
  };
  m.date =
    overrides.date !== undefined
      ? overrideColumn(h, overrides.date, "date", sideLabel)
      : findColumnLoose(h, DATE_HEADERS);
  m.reference =
    overrides.reference !== undefined
      ? overrideColumn(h, overrides.reference, "reference", sideLabel)
      : findColumnLoose(h, REFERENCE_HEADERS);
  m.description =
    overrides.description !== undefined
      ? overrideColumn(h, overrides.description, "description", sideLabel)
      : findColumnLoose(h, DESCRIPTION_HEADERS);
  if (overrides.amount !== undefined) m.amount = overrideColumn(h, overrides.amount, "amount", sideLabel);
  else if (overrides.debit !== undefined || overrides.credit !== undefined) {
    if (overrides.debit === undefined || overrides.credit === undefined)
      throw new ReconInputError(
        `${sideLabel}: the rules give only one of "debit" and "credit"; give both (money in, money out) or "amount"`,
      );
    m.amountIn = overrideColumn(h, overrides.debit, "debit (money in)", sideLabel);
    m.amountOut = overrideColumn(h, overrides.credit, "credit (money out)", sideLabel);
  } else {
    m.amount = findColumnLoose(h, AMOUNT_HEADERS);
    if (m.amount < 0) {
      for (const p of AMOUNT_PAIRS) {
        const i = findColumnLoose(h, p.in);
        const o = findColumnLoose(h, p.out);
        if (i >= 0 && o >= 0) {
          // A bank statement's Debit/Dr column is money out of the account (the bank's view), its Credit/Cr
          // column money in: the opposite of a ledger's. Deposit − Withdrawal either way.
          const swap = (p.label === "Debit/Credit" || p.label === "Dr/Cr") && looksLikeBankStatement(table);
          m.amountIn = swap ? o : i;
          m.amountOut = swap ? i : o;
          break;
        }
      }
    }
  }
  if (m.amount >= 0) m.indicator = findColumn(h, INDICATOR_HEADERS);
  if (m.amount < 0 && (m.amountIn < 0 || m.amountOut < 0)) {
    const found = h.filter((x) => String(x ?? "").trim() !== "");
    const blanks = h.length - found.length;
    let msg = `${sideLabel}: no amount column; looked for ${describeLook()} (headers found: ${found.join(", ") || "none"})`;
    if (blanks > 0)
      msg += `; ${blanks} header cell${blanks === 1 ? " is" : "s are"} blank — merged header cells? Unmerge them so every column has its own header`;
    else
      msg += `; rename the amount column or name it in the rules file ("${sideLabel.startsWith("RIGHT") ? "right" : "left"}": {"amount": "..."})`;
    throw new ReconInputError(msg);
  }
  return m;
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? v : String(v);
}

/** Read one side into typed arrays. Throws ReconInputError when it has no usable rows. */
export function prepareSide(
  table: TableData,
  side: "left" | "right",
  overrides: SideColumns,
  options: { dateOrder?: DateOrder; flip?: boolean; label?: string } = {},
): PreparedSide {
  const label = options.label ?? `${side.toUpperCase()} (${table.name})`;
  if (table.rows.length === 0 || table.rows.every((r) => isBlankRow(r)))
    throw new ReconInputError(`${label} has no data rows below its header; give a table with at least one row`);
  const m = detectColumns(table, overrides, label);
  const order = options.dateOrder ?? "DMY";
  const bankView = looksLikeBankStatement(table);
  const flip = options.flip === true;
  const n0 = table.rows.length;
  const rowIndex = new Int32Array(n0);
  const row = new Int32Array(n0);
  const cents = new Float64Array(n0);
  const day = new Float64Array(n0);
  const ref: string[] = [];
  const keyStart = new Int32Array(n0 + 1);
  const keyStrTmp: string[] = [];
  const excluded: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const h = table.headers;
  let n = 0;
  for (let i = 0; i < n0; i++) {
    const r = table.rows[i];
    if (isBlankRow(r)) continue;
    const wsRow = table.firstRow + i;
    let c: number;
    if (m.amount >= 0) {
      const p = parseAmount(r[m.amount] ?? null);
      if (!p.ok) {
        excluded.push({
          side,
          row: wsRow,
          column: h[m.amount],
          message: `${h[m.amount]} ${p.empty ? "is blank" : p.message}`,
        });
        continue;
      }
      c = p.cents;
      // "5,000.00 Cr" or a Dr/Cr column: the bank credits the account for money in, the books debit it.
      const raw = r[m.amount];
      let mark = typeof raw === "string" ? (/(dr|cr)\.?$/i.exec(raw.trim())?.[1].toLowerCase() ?? null) : null;
      if (mark === null && m.indicator >= 0) {
        const v = cellText(r[m.indicator]).trim().toLowerCase();
        if (/^(dr|debit|d|withdrawal)$/.test(v)) mark = "dr";
        else if (/^(cr|credit|c|deposit)$/.test(v)) mark = "cr";
      }
      if (mark !== null) c = (bankView ? mark === "cr" : mark === "dr") ? Math.abs(c) : -Math.abs(c);
    } else {
      const pi = parseAmount(r[m.amountIn] ?? null);
      const po = parseAmount(r[m.amountOut] ?? null);
      if (!pi.ok && !pi.empty) {
        excluded.push({ side, row: wsRow, column: h[m.amountIn], message: `${h[m.amountIn]} ${pi.message}` });
        continue;
      }
      if (!po.ok && !po.empty) {
        excluded.push({ side, row: wsRow, column: h[m.amountOut], message: `${h[m.amountOut]} ${po.message}` });
        continue;
      }
      if (!pi.ok && !po.ok) {
        excluded.push({
          side,
          row: wsRow,
          column: `${h[m.amountIn]}/${h[m.amountOut]}`,
          message: `no amount: both ${h[m.amountIn]} and ${h[m.amountOut]} are blank`,
        });
        continue;
      }
      // The pair's columns say the direction, so their figures are sizes: banks export withdrawals as
      // "118.00", "-118.00" or "(118.00)" alike, and each means 118 going out.
      c = (pi.ok ? Math.abs(pi.cents) : 0) - (po.ok ? Math.abs(po.cents) : 0);
    }
    if (flip) c = -c;
    let d = NaN;
    if (m.date >= 0) {
      const pd = parseDate(r[m.date] ?? null, order);
      if (pd.ok) d = Math.floor(pd.serial);
      else if (!pd.empty)
        warnings.push({
          side,
          row: wsRow,
          column: h[m.date],
          message: `${h[m.date]} ${pd.message}; matched without a date`,
        });
    }
    rowIndex[n] = i;
    row[n] = wsRow;
    cents[n] = c === 0 ? 0 : c;
    day[n] = d;
    const rf = m.reference >= 0 ? normRef(r[m.reference]) : "";
    ref.push(rf);
    keyStart[n] = keyStrTmp.length;
    if (rf) keyStrTmp.push(rf);
    if (m.description >= 0) {
      const text = cellText(r[m.description]);
      if (text) for (const t of refLikeTokens(text)) if (t !== rf) keyStrTmp.push(t);
    }
    n++;
  }
  if (n === 0)
    throw new ReconInputError(
      `${label}: none of its ${n0} rows has a usable amount (${excluded[0]?.message ?? "all blank"}, row ${excluded[0]?.row ?? table.firstRow}); fix the amount column`,
    );
  keyStart[n] = keyStrTmp.length;
  const keyHash = new Int32Array(keyStrTmp.length);
  for (let k = 0; k < keyStrTmp.length; k++) keyHash[k] = hashString(keyStrTmp[k]);
  return {
    side,
    name: table.name,
    table,
    mapping: m,
    n,
    rowIndex: rowIndex.slice(0, n),
    row: row.slice(0, n),
    cents: cents.slice(0, n),
    day: day.slice(0, n),
    ref,
    keyStart: keyStart.slice(0, n + 1),
    keyHash,
    keyStr: keyStrTmp,
    excluded,
    warnings,
  };
}

/** The description text of item i (for the fuzzy pass and the sheets). */
export function descriptionOf(s: PreparedSide, i: number): string {
  return s.mapping.description >= 0 ? cellText(s.table.rows[s.rowIndex[i]][s.mapping.description]) : "";
}

/** The reference as written (not normalised) of item i. */
export function referenceOf(s: PreparedSide, i: number): string {
  return s.mapping.reference >= 0 ? cellText(s.table.rows[s.rowIndex[i]][s.mapping.reference]) : "";
}

/** Human description of a mapping: "date: Txn Date, amount: Deposit − Withdrawal, reference: UTR, description: none". */
export function describeMapping(t: TableData, m: ColumnMapping): string {
  const h = (i: number) => (i >= 0 ? t.headers[i] : "none");
  const amount = m.amount >= 0 ? h(m.amount) : `${h(m.amountIn)} − ${h(m.amountOut)}`;
  return `date: ${h(m.date)}, amount: ${amount}, reference: ${h(m.reference)}, description: ${h(m.description)}`;
}
