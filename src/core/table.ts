import type { CellValue } from "./sheet-spec";

/**
 * A table as the engines read it: the header row and the data rows below it,
 * exactly as the worksheet holds them (dates are serials; text stays text).
 * Blank rows are kept as rows of nulls so that `firstRow + i` is always the
 * worksheet row number of `rows[i]` (row numbers in every output are worksheet rows).
 */
export interface TableData {
  /** Table name if it is an Excel table, else the sheet name (or the CSV file name). */
  name: string;
  /** The sheet it lives on ("" for a CSV file). */
  sheet: string;
  headers: string[];
  rows: CellValue[][];
  /** Worksheet row number of rows[0] (the header is on firstRow - 1). */
  firstRow: number;
  /** 1-based worksheet column number of headers[0] (1 = column A). */
  firstColumn: number;
}

/** Worksheet row number of data row i. */
export function rowNumber(t: TableData, i: number): number {
  return t.firstRow + i;
}

/** True when every cell of the row is blank (null or whitespace-only text). */
export function isBlankRow(row: readonly CellValue[]): boolean {
  for (const c of row) {
    if (c === null || c === undefined) continue;
    // A printable ASCII first character is not white space: not blank, without trimming.
    if (typeof c === "string" && !(c.charCodeAt(0) > 32 && c.charCodeAt(0) < 127) && c.trim() === "") continue;
    return false;
  }
  return true;
}

/**
 * Normalise a header for matching: case, spacing and punctuation insensitive.
 * normHeader(" Ref. No ") === "refno"
 */
export function normHeader(h: unknown): string {
  return String(h ?? "")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Find the column whose header matches one of the synonyms (normalised), in synonym order.
 * findColumn(["Txn Date","Amount"], ["Date","Txn Date"]) === 0
 */
export function findColumn(headers: readonly string[], synonyms: readonly string[]): number {
  const normed = headers.map(normHeader);
  for (const s of synonyms) {
    const i = normed.indexOf(normHeader(s));
    if (i >= 0) return i;
  }
  return -1;
}
