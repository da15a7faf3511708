/**
 * Reading one side of a reconciliation into the typed arrays the matching passes index: the one detector
 * (./detect.ts) lays the table out (its columns, the rows that are not transactions, what its columns
 * prove), then every transaction row becomes one signed amount in minor units, a day serial, a normalised
 * reference and a description.
 *
 * Sign convention: a single Amount column is taken as it stands; one that carries no sign of its own takes
 * it from a Dr/Cr indicator column or a "Dr"/"Cr" suffix. A pair gives in − out: Deposit − Withdrawal,
 * Paid In − Paid Out (bank statement: money into the account is positive) and Debit − Credit, Dr − Cr
 * (ledger or cash book: a debit to the bank account is money in), so a bank deposit meets the book's debit.
 * A Debit/Credit pair or a Dr/Cr mark on a table that reads as a bank statement (`looksLikeBankStatement`)
 * is the bank's view: Credit is money in. A pair's figures are sizes (a "-118" or "(118)" withdrawal is
 * 118 out). `flipRight` reverses the right side.
 */
import type { CellValue } from "../sheet-spec";
import { isBlankRow, type TableData } from "../table";
import { parseAmount } from "../money";
import { parseDate, type DateOrder } from "../dates";
import type { SideColumns } from "./rules";
import { hashString, normRef, pushRefLikeTokens } from "./text";
import { cellAt, cellsOf } from "./cells";
import {
  ROW_TRANSACTION,
  ReconInputError,
  detectStatement,
  indicatorMark,
  suffixMark,
  type ColumnMapping,
  type RowIssue,
  type StatementLayout,
} from "./detect";

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
  /** Running balance in minor units per item (NaN when blank), or null without a Balance column. */
  balance: Float64Array | null;
  /** What the detector found: the table's view (bank or book), proofs, stated opening and closing balances. */
  layout: StatementLayout;
  /** Rows left out of matching (not transactions, or no usable amount), each with its reason. */
  excluded: RowIssue[];
  /** Column-level findings (row 0) and rows read with a caveat (an unreadable date: kept, without a date). */
  warnings: RowIssue[];
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
  options: { dateOrder?: DateOrder; defaultDateOrder?: DateOrder; flip?: boolean; label?: string } = {},
): PreparedSide {
  const label = options.label ?? `${side.toUpperCase()} (${table.name})`;
  const cells = cellsOf(table);
  let anyRow = false;
  for (let i = 0; i < cells.count && !anyRow; i++) anyRow = !isBlankRow(cells.row(i));
  if (!anyRow)
    throw new ReconInputError(`${label} has no data rows below its header; give a table with at least one row`);
  const layout = detectStatement(table, overrides, {
    side,
    label,
    dateOrder: overrides.dateOrder ?? options.dateOrder,
    defaultDateOrder: options.defaultDateOrder,
  });
  const m = layout.mapping;
  const order = layout.proofs.date.order;
  const comma = layout.proofs.decimalComma;
  const COMMA = { decimalComma: true };
  const PLAIN = {};
  const amountOpt = comma.has(m.amount) ? COMMA : PLAIN;
  const inOpt = comma.has(m.amountIn) ? COMMA : PLAIN;
  const outOpt = comma.has(m.amountOut) ? COMMA : PLAIN;
  const balanceOpt = comma.has(m.balance) ? COMMA : PLAIN;
  const bankView = layout.kind === "bank";
  // An amount that carries its own sign keeps it; an unsigned one takes the indicator's.
  const useIndicator = m.amount >= 0 && m.indicator >= 0 && !layout.proofs.signed;
  const flip = options.flip === true;
  const n0 = cells.count;
  const cell = cells.cell;
  const rowIndex = new Int32Array(n0);
  const row = new Int32Array(n0);
  const cents = new Float64Array(n0);
  const day = new Float64Array(n0);
  const balance = m.balance >= 0 ? new Float64Array(n0) : null;
  // Sized once (a million pushes would copy the array as it grows); trimmed to the items at the end.
  const ref: string[] = new Array(n0);
  const keyStart = new Int32Array(n0 + 1);
  const keyStrTmp: string[] = [];
  const excluded: RowIssue[] = [...layout.excluded];
  const warnings: RowIssue[] = [...layout.warnings];
  const h = table.headers;
  let unmarked = 0;
  let firstUnmarked = 0;
  let fellBack = 0;
  let n = 0;
  for (let i = 0; i < n0; i++) {
    if (layout.rowKind[i] !== ROW_TRANSACTION) continue;
    const wsRow = table.firstRow + i;
    let c: number;
    if (m.amount >= 0) {
      const raw = cell(i, m.amount);
      const p = parseAmount(raw ?? null, amountOpt);
      if (!p.ok) {
        const message = `${h[m.amount]} ${p.empty ? "is blank" : p.message}`;
        excluded.push({ side, row: wsRow, column: h[m.amount], message, reason: message });
        continue;
      }
      c = p.cents;
      // "5,000.00 Cr" or a Dr/Cr column: the bank credits the account for money in, the books debit it.
      let mark = typeof raw === "string" ? suffixMark(raw) : null;
      if (mark === null && useIndicator) {
        mark = indicatorMark(cell(i, m.indicator));
        if (mark === null && c !== 0) {
          if (!unmarked) firstUnmarked = wsRow;
          unmarked++;
        }
      }
      if (mark !== null) c = (bankView ? mark === "cr" : mark === "dr") ? Math.abs(c) : -Math.abs(c);
    } else {
      const pi = parseAmount(cell(i, m.amountIn) ?? null, inOpt);
      const po = parseAmount(cell(i, m.amountOut) ?? null, outOpt);
      if (!pi.ok && !pi.empty) {
        const message = `${h[m.amountIn]} ${pi.message}`;
        excluded.push({ side, row: wsRow, column: h[m.amountIn], message, reason: message });
        continue;
      }
      if (!po.ok && !po.empty) {
        const message = `${h[m.amountOut]} ${po.message}`;
        excluded.push({ side, row: wsRow, column: h[m.amountOut], message, reason: message });
        continue;
      }
      if (!pi.ok && !po.ok) {
        const message = `no amount: both ${h[m.amountIn]} and ${h[m.amountOut]} are blank`;
        excluded.push({ side, row: wsRow, column: `${h[m.amountIn]}/${h[m.amountOut]}`, message, reason: message });
        continue;
      }
      // The pair's columns say the direction, so their figures are sizes: banks export withdrawals as
      // "118.00", "-118.00" or "(118.00)" alike, and each means 118 going out.
      c = (pi.ok ? Math.abs(pi.cents) : 0) - (po.ok ? Math.abs(po.cents) : 0);
    }
    if (flip) c = -c;
    let d = NaN;
    if (m.date >= 0) {
      let pd = parseDate(cell(i, m.date) ?? null, order);
      if (!pd.ok && pd.empty && m.dateFallback >= 0) {
        pd = parseDate(cell(i, m.dateFallback) ?? null, order);
        if (pd.ok) fellBack++;
      }
      if (pd.ok) d = Math.floor(pd.serial);
      else if (!pd.empty)
        warnings.push({
          side,
          row: wsRow,
          column: h[m.date],
          message: `${h[m.date]} ${pd.message}${layout.proofs.date.basis === "proven" ? ` (the column reads ${order === "MDY" ? "month-first" : "day-first"})` : ""}; matched without a date`,
        });
    }
    rowIndex[n] = i;
    row[n] = wsRow;
    cents[n] = c === 0 ? 0 : c;
    day[n] = d;
    if (balance) {
      const pb = parseAmount(cell(i, m.balance) ?? null, balanceOpt);
      balance[n] = pb.ok ? pb.cents : NaN;
    }
    const rf = m.reference >= 0 ? normRef(cell(i, m.reference)) : "";
    ref[n] = rf;
    keyStart[n] = keyStrTmp.length;
    if (rf) keyStrTmp.push(rf);
    if (m.description >= 0) {
      const text = cellText(cell(i, m.description));
      if (text) pushRefLikeTokens(text, rf, keyStrTmp);
    }
    n++;
  }
  if (n === 0) {
    const first = excluded[0];
    throw new ReconInputError(
      `${label}: none of its ${n0} rows is a transaction with a usable amount (${first ? `row ${first.row}: ${first.message}` : "all blank"}); fix the amount column`,
    );
  }
  if (unmarked)
    warnings.push({
      side,
      row: 0,
      column: h[m.indicator],
      message: `${unmarked} row${unmarked === 1 ? " has" : "s have"} no Debit/Credit mark in ${h[m.indicator]} (first: row ${firstUnmarked}); their ${h[m.amount]} is read as it stands`,
    });
  if (fellBack)
    warnings.push({
      side,
      row: 0,
      column: h[m.date],
      message: `${fellBack} row${fellBack === 1 ? " has" : "s have"} no ${h[m.date]}; ${h[m.dateFallback]} dates ${fellBack === 1 ? "it" : "them"}`,
    });
  excluded.sort((a, b) => a.row - b.row);
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
    ref: trimmed(ref, n),
    keyStart: keyStart.slice(0, n + 1),
    keyHash,
    keyStr: keyStrTmp,
    balance: balance ? balance.slice(0, n) : null,
    layout,
    excluded,
    warnings,
  };
}

function trimmed(a: string[], n: number): string[] {
  a.length = n;
  return a;
}

/** The description text of item i (for the fuzzy pass and the sheets). */
export function descriptionOf(s: PreparedSide, i: number): string {
  return s.mapping.description >= 0 ? cellText(cellAt(s.table, s.rowIndex[i], s.mapping.description)) : "";
}

/** The reference as written (not normalised) of item i. */
export function referenceOf(s: PreparedSide, i: number): string {
  return s.mapping.reference >= 0 ? cellText(cellAt(s.table, s.rowIndex[i], s.mapping.reference)) : "";
}

/** Human description of a mapping: "date: Txn Date, amount: Deposit − Withdrawal, reference: UTR, description: none". */
export function describeMapping(t: TableData, m: ColumnMapping): string {
  const h = (i: number) => (i >= 0 ? t.headers[i] : "none");
  const amount =
    m.amount >= 0
      ? `${h(m.amount)}${m.indicator >= 0 ? ` (sign from ${h(m.indicator)} where unsigned)` : ""}`
      : `${h(m.amountIn)} − ${h(m.amountOut)}`;
  return `date: ${h(m.date)}, amount: ${amount}, reference: ${h(m.reference)}, description: ${h(m.description)}`;
}

export type { ColumnMapping, RowIssue };
