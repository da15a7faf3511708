/**
 * What both Workbook adapters share: A1 addresses, sheet-name rules, turning a grid of cells into
 * TableData, the quote-prefix rule for text, the highlight tag formula, and splitting large writes
 * into blocks. Pure: no ExcelJS, no Office, no Node, so office.ts and file.ts stay thin.
 */
import type { CellValue, SheetSpec, SpecCell } from "../core/sheet-spec";
import { isFormulaCell } from "../core/sheet-spec";
import { isBlankRow, type TableData } from "../core/table";
import { WorkbookError } from "./port";

/** Column letters of a 1-based column number: colLetters(1) === "A", colLetters(28) === "AB". */
export function colLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 1-based column number of letters: colNumber("AB") === 28. */
export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface CellRef {
  row: number; // 1-based
  col: number; // 1-based
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B6" or "$B$6" -> {row: 6, col: 2}. Throws a bad-input WorkbookError for anything else. */
export function parseCell(address: string): CellRef {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) throw new WorkbookError(`"${address}" is not a cell address like B6.`, "bad-input");
  return { row: Number(m[2]), col: colNumber(m[1]) };
}

/** "A1:F1", "B6" or "$A$6:$A$10" -> normalised corners (top-left first). */
export function parseRange(address: string): RangeRef {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b = a] = bare.split(":");
  const p = parseCell(a);
  const q = parseCell(b);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function cellAddress(row: number, col: number): string {
  return `${colLetters(col)}${row}`;
}

/** Cell addresses in canonical form ("$b$6" -> "B6"); a bad one is a WorkbookError before anything is written. */
export function canonicalCells(cells: readonly string[]): string[] {
  return cells.map((c) => {
    const p = parseCell(c);
    return cellAddress(p.row, p.col);
  });
}

/** "A1:C3" (or "A1" for a single cell). */
export function rangeAddress(r: RangeRef): string {
  const tl = cellAddress(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${cellAddress(r.bottom, r.right)}`;
}

/** Absolute form: "$A$6:$A$10". */
export function absoluteRange(r: RangeRef): string {
  const abs = (row: number, col: number) => `$${colLetters(col)}$${row}`;
  return r.top === r.bottom && r.left === r.right
    ? abs(r.top, r.left)
    : `${abs(r.top, r.left)}:${abs(r.bottom, r.right)}`;
}

/** "'Recon Summary'!$A$6:$A$10" from a sheet name and a same-sheet address. */
export function sheetReference(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${absoluteRange(parseRange(address))}`;
}

/** The sheet name of a reference like "='Recon Summary'!$A$1" or "Sheet1!A1" (null when there is none). */
export function sheetOfReference(ref: string): string | null {
  const s = ref.trim().replace(/^=/, "");
  const quoted = /^'((?:[^']|'')+)'!/.exec(s);
  if (quoted) return quoted[1].replace(/''/g, "'");
  const bare = /^([^!'#]+)!/.exec(s);
  return bare ? bare[1] : null;
}

/** Excel's rules for a sheet name; throws a WorkbookError saying what to change. */
export function checkSheetName(name: string): void {
  if (!name || name.trim() === "") throw new WorkbookError("A sheet name cannot be empty.", "bad-input");
  if (name.length > 31)
    throw new WorkbookError(`The sheet name "${name}" is longer than 31 characters; shorten it.`, "bad-input");
  if (/[:\\/?*[\]]/.test(name))
    throw new WorkbookError(`The sheet name "${name}" contains one of : \\ / ? * [ ]; remove it.`, "bad-input");
  if (name.startsWith("'") || name.endsWith("'"))
    throw new WorkbookError(`The sheet name "${name}" cannot begin or end with an apostrophe.`, "bad-input");
  if (name.toLowerCase() === "history")
    throw new WorkbookError(`"History" is reserved by Excel; choose another sheet name.`, "bad-input");
}

/** A name for the temporary sheet a write builds on (unique, valid, never a user's name). */
export function tempSheetName(existing: readonly string[], stem = "~bpo-desk tmp"): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) {
    const n = `${stem} ${i}`;
    if (!taken.has(n.toLowerCase())) return n;
  }
}

export function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: "accent" }) === 0 || a.toLowerCase() === b.toLowerCase();
}

/**
 * Whether Excel would read this text as something other than the same text (a formula, a number,
 * a date, a boolean...) when it is typed or set through Range.values. Such text gets a leading
 * apostrophe (Excel's quote prefix) so it is stored as text and never evaluated.
 * The office adapter uses it; ExcelJS writes string cells as literal text already.
 */
export function needsQuotePrefix(s: string): boolean {
  if (s === "") return false;
  // "#N/A", "#REF!" ... typed into a cell are Excel's error values, not text.
  if (/^[=+\-@'#\t\r\n]/.test(s)) return true;
  if (/^\s*(true|false)\s*$/i.test(s)) return true;
  // Anything made of digits and number/date/time punctuation: "00123", "1,234.50", "12/03", "10:30", "5%".
  if (/\d/.test(s) && /^[\s\d$€£¥₹.,:/()%eE+-]*(am|pm|a|p)?\s*$/i.test(s)) return true;
  // Month-name dates: "Jan 5", "5-Mar", "March 2025".
  const month = "(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*";
  if (new RegExp(`^\\s*\\d{1,4}[\\s/.,-]*${month}([\\s/.,-]*\\d{0,4})?\\s*$`, "i").test(s)) return true;
  if (new RegExp(`^\\s*${month}[\\s/.,-]*\\d{1,4}([\\s/.,-]*\\d{0,4})?\\s*$`, "i").test(s)) return true;
  return false;
}

/**
 * Whether a number format shows dates or times (its sections, without quoted text, escapes and [..]
 * directives, use y m d h or s): "yyyy-mm-dd", "d-mmm", "hh:mm" yes; "#,##0.00", "0%", "General" no.
 */
export function isDateNumberFormat(format: string): boolean {
  const bare = format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/General/gi, "");
  return /[ymdhs]/i.test(bare);
}

/** 1904-01-01 is serial 1462 in the 1900 date system and serial 0 in the 1904 one. */
export const DAYS_1900_TO_1904 = 1462;

/**
 * The rows of a spec as a 1904-date-system workbook must hold them. Every date in the add-in is a 1900-system
 * serial (both readers convert on the way in); written unchanged into a 1904 book it would show 4 years and a day
 * late. A number (or a formula's cached number) in a cell whose number format is a date format moves back
 * 1462 days; the format that counts is the one a cell ends with: its column's, then each style over it in the
 * spec's order (a later one overrides an earlier one, as both adapters apply them). Numbers below 1462 (times of
 * day, durations, dates the 1904 system cannot show) stay as they are. Unchanged rows are the same arrays.
 * rowsIn1904({ rows: [[45747]], columns: [{ numFmt: "yyyy-mm-dd" }] }) gives [[44285]].
 */
export function rowsIn1904(spec: Pick<SheetSpec, "rows" | "columns" | "styles">): SpecCell[][] {
  const rows = spec.rows;
  const width = specWidth(rows);
  const height = rows.length;
  if (!width || !height) return rows;
  // 0: no format yet, 1: a date format, 2: another format.
  const kind = new Uint8Array(width * height);
  const paint = (top: number, left: number, bottom: number, right: number, fmt: string) => {
    const k = isDateNumberFormat(fmt) ? 1 : 2;
    for (let r = Math.max(1, top); r <= Math.min(height, bottom); r++)
      kind.fill(k, (r - 1) * width + Math.max(1, left) - 1, (r - 1) * width + Math.min(width, right));
  };
  (spec.columns ?? []).forEach((c, j) => {
    if (c.numFmt !== undefined) paint(1, j + 1, height, j + 1, c.numFmt);
  });
  for (const s of spec.styles ?? []) {
    if (s.style.numFmt === undefined) continue;
    const r = parseRange(s.range);
    paint(r.top, r.left, r.bottom, r.right, s.style.numFmt);
  }
  return rows.map((row, i) => {
    let out: SpecCell[] | null = null;
    for (let j = 0; j < row.length; j++) {
      if (kind[i * width + j] !== 1) continue;
      const moved = dateIn1904(row[j]);
      if (moved === undefined) continue;
      out ??= row.slice();
      out[j] = moved;
    }
    return out ?? row;
  });
}

/** A date cell (a number, or a formula's cached number) as a 1904 book holds it; undefined when it stays. */
function dateIn1904(c: SpecCell | undefined): SpecCell | undefined {
  const shifted = (v: unknown): v is number => typeof v === "number" && v >= DAYS_1900_TO_1904;
  if (shifted(c)) return c - DAYS_1900_TO_1904;
  if (isFormulaCell(c) && shifted(c.v)) return { ...c, v: c.v - DAYS_1900_TO_1904 };
  return undefined;
}

/**
 * Rows to append (AppendOptions.dateColumns) as a 1904-date-system workbook must hold them: the numbers in
 * the date columns move back 1462 days, by rowsIn1904's rule. appendRowsIn1904([[45747, 5]], [0]) gives
 * [[44285, 5]].
 */
export function appendRowsIn1904<T extends CellValue | undefined>(rows: T[][], dateColumns: readonly number[]): T[][] {
  if (!dateColumns.length) return rows;
  return rows.map((row) => {
    const out = row.slice();
    for (const j of dateColumns) {
      const moved = dateIn1904(out[j] as SpecCell | undefined);
      if (typeof moved === "number") out[j] = moved as T;
    }
    return out;
  });
}

/** A value as Range.values / Range.formulas / table.rows.add take it: text is never evaluated. */
export function officeLiteral(v: CellValue | undefined): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return needsQuotePrefix(v) ? `'${v}` : v;
  if (typeof v === "number" && !Number.isFinite(v))
    throw new WorkbookError(`Cannot write the number ${v} to a cell.`, "bad-input");
  return v;
}

/** A SheetSpec cell as Range.formulas takes it ("=SUM(B2:B9)" for formulas). */
export function officeFormulaCell(c: SpecCell | undefined): string | number | boolean {
  return isFormulaCell(c) ? `=${c.f.replace(/^=/, "")}` : officeLiteral(c as CellValue | undefined);
}

/**
 * Split rows into consecutive blocks whose JSON payload stays under maxBytes
 * (Excel on the web rejects a request over 5 MB). Returns [start, end) row index pairs.
 */
export function splitRowBlocks(rows: readonly unknown[][], maxBytes: number): [number, number][] {
  const blocks: [number, number][] = [];
  let start = 0;
  let bytes = 2;
  for (let i = 0; i < rows.length; i++) {
    const b = utf8Length(JSON.stringify(rows[i])) + 1;
    if (i > start && bytes + b > maxBytes) {
      blocks.push([start, i]);
      start = i;
      bytes = 2;
    }
    bytes += b;
  }
  if (rows.length > start) blocks.push([start, rows.length]);
  return blocks;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Excel's grid: 1,048,576 rows by 16,384 columns. */
export function checkGridSize(rows: number, columns: number): void {
  if (rows > 1_048_576 || columns > 16_384)
    throw new WorkbookError(
      `${rows.toLocaleString("en-US")} rows x ${columns.toLocaleString("en-US")} columns do not fit on one Excel sheet (1,048,576 x 16,384); split the data.`,
      "too-large",
    );
}

/** Width of a spec's rows (the longest row). */
export function specWidth(rows: readonly unknown[][]): number {
  let w = 0;
  for (const r of rows) if (r.length > w) w = r.length;
  return w;
}

/** What every adapter's write checks before it touches the workbook: the sheet name, and that the grid fits. */
export function checkSpec(spec: SheetSpec): void {
  checkSheetName(spec.name);
  checkGridSize(spec.rows.length, specWidth(spec.rows));
}

/** Blank for reading purposes: null (or missing) or whitespace-only text. */
function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Whether every cell of a row is as TableData holds it already (no hole, no undefined, no ""). */
function isDense(r: readonly CellValue[]): boolean {
  for (let j = 0; j < r.length; j++) {
    const v = r[j];
    if (v === undefined || v === "" || !(j in r)) return false;
  }
  return true;
}

/** A cell as TableData holds it: undefined (past the end of a row) and "" are blank, null. */
function tableCell(v: CellValue | undefined): CellValue {
  return v === undefined || v === "" ? null : v;
}

/** A header cell as TableData holds it: its text, trimmed; "" when blank. */
function headerText(v: CellValue | undefined): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

/** Rows looked at for a header below title lines (a bank's name, the statement period, the account number). */
export const HEADER_SCAN = 30;

/**
 * The header row of a sheet's grid (index), or -1 when the grid is blank. Usually the first non-blank row.
 * When that row is a title line — one cell, or fewer than half as many cells as the widest row near it, as
 * bank statements and exported reports begin — the header is the first row below it, within HEADER_SCAN
 * rows, that has two or more cells, all text, spanning at least half the widest row. Without such a row the
 * first non-blank row stays the header.
 */
export function headerRowOf(grid: readonly (readonly CellValue[])[]): number {
  const first = grid.findIndex((r) => !isBlankRow(r));
  if (first < 0) return -1;
  const end = Math.min(grid.length, first + HEADER_SCAN);
  const filled = (r: readonly CellValue[]) => r.reduce<number>((n, c) => n + (isBlank(c) ? 0 : 1), 0);
  let widest = 0;
  for (let i = first; i < end; i++) widest = Math.max(widest, filled(grid[i]));
  const fits = (n: number) => n >= 2 && n * 2 >= widest;
  if (fits(filled(grid[first]))) return first;
  for (let i = first + 1; i < end; i++) {
    const r = grid[i];
    if (fits(filled(r)) && r.every((c) => isBlank(c) || typeof c === "string")) return i;
  }
  return first;
}

/**
 * TableData from a grid read off a sheet's used range. `grid[0]` is worksheet row `top`,
 * column 0 is worksheet column `left`. The header is the first non-blank row; blank rows below
 * are kept (as nulls) so row numbers stay worksheet row numbers; trailing blank rows are dropped.
 * Returns null when the grid has no non-blank row.
 */
export function tableFromGrid(
  grid: readonly CellValue[][],
  top: number,
  left: number,
  name: string,
  sheet: string,
): TableData | null {
  const h = headerRowOf(grid);
  if (h < 0) return null;
  let last = grid.length - 1;
  while (last > h && isBlankRow(grid[last])) last--;
  // Columns: from the leftmost to the rightmost non-blank cell of the used area.
  let lo = Infinity;
  let hi = -1;
  for (let i = h; i <= last; i++) {
    const r = grid[i];
    for (let j = 0; j < r.length; j++) {
      if (!isBlank(r[j])) {
        if (j < lo) lo = j;
        if (j > hi) hi = j;
      }
    }
  }
  const width = hi - lo + 1;
  const slice = (r: readonly CellValue[]) => {
    // A row that already is exactly the table's cells (a CSV line, a full sheet row) is taken as it is.
    if (lo === 0 && r.length === width && isDense(r)) return r as CellValue[];
    const out: CellValue[] = new Array(width);
    for (let j = 0; j < width; j++) out[j] = tableCell(r[lo + j]);
    return out;
  };
  const headers = slice(grid[h]).map(headerText);
  const rows: CellValue[][] = [];
  // A row with no cells at all (a sparse reader's gap) is one shared blank row: a far-away cell costs a pointer per row.
  const blank = Object.freeze(new Array<CellValue>(width).fill(null)) as CellValue[];
  for (let i = h + 1; i <= last; i++) rows.push(grid[i].length === 0 ? blank : slice(grid[i]));
  return { name, sheet, headers, rows, firstRow: top + h + 1, firstColumn: left + lo };
}

/** TableData of an Excel table: the header row and the body exactly as the table spans them. */
export function tableFromTableGrid(
  headerRow: readonly CellValue[],
  body: readonly CellValue[][],
  top: number,
  left: number,
  name: string,
  sheet: string,
): TableData {
  return {
    name,
    sheet,
    headers: headerRow.map(headerText),
    rows: body.map((r) => headerRow.map((_, j) => tableCell(r[j]))),
    firstRow: top + 1,
    firstColumn: left,
  };
}

/** The not-found message: what was asked and what exists. */
export function notFound(source: string, tables: readonly string[], sheets: readonly string[]): WorkbookError {
  const parts: string[] = [];
  if (tables.length) parts.push(`tables: ${tables.join(", ")}`);
  parts.push(sheets.length ? `sheets: ${sheets.join(", ")}` : "no sheets");
  return new WorkbookError(
    `No table or sheet named "${source}" in this workbook (${parts.join("; ")}). Use one of these names.`,
    "not-found",
  );
}

/** A sheet without any non-blank row has no header row to read. */
export function emptySheet(sheet: string): WorkbookError {
  return new WorkbookError(
    `The sheet "${sheet}" is empty: it needs a header row first, then one row per record.`,
    "bad-input",
  );
}

export function notOwned(name: string): WorkbookError {
  return new WorkbookError(
    `A sheet named "${name}" already exists and was not created by bpo-desk; rename or delete it, then run again.`,
    "not-owned",
  );
}

/**
 * The formula of a highlight conditional format. It is always TRUE and carries the tag, so the
 * adapter can find and remove its own highlights later, in Excel and in a saved file alike.
 */
export function highlightFormula(tag: string): string {
  return `N("bpo-desk:${tag.replace(/"/g, "'")}")=0`;
}

export function isHighlightFormula(formula: string, tag: string): boolean {
  return formula.replace(/^=/, "").includes(`"bpo-desk:${tag.replace(/"/g, "'")}"`);
}

/** Rows of a SpecCell grid padded to `width` (ragged rows get blanks). */
export function padRow<T>(row: readonly T[], width: number, blank: T): T[] {
  const out = row.slice();
  while (out.length < width) out.push(blank);
  return out;
}

/** Default highlight fill. */
export const HIGHLIGHT_FILL = "#FFC7CE";

/** Excel's table-name rules, checked before anything is written. */
export function checkTableName(name: string, taken: ReadonlySet<string>): void {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || name.length > 255)
    throw new WorkbookError(
      `"${name}" is not a valid Excel table name: use letters, digits and _ only, starting with a letter.`,
      "bad-input",
    );
  if (/^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name))
    throw new WorkbookError(
      `"${name}" cannot be an Excel table name because it looks like a cell reference; add a word, e.g. "tbl${name}".`,
      "bad-input",
    );
  if (taken.has(name.toLowerCase()))
    throw new WorkbookError(
      `A table named "${name}" already exists in this workbook; choose another name.`,
      "bad-input",
    );
}

/** Unique, non-empty column names from a header row, as Excel makes them. */
export function tableColumnNames(headers: readonly CellValue[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    let base = h === null || String(h).trim() === "" ? `Column${i + 1}` : String(h).trim();
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}${k}`;
    base = name;
    seen.add(name.toLowerCase());
    return name;
  });
}
