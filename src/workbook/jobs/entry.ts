/**
 * Validated entry over the Workbook port: append one checked record to a table, then record it in the
 * "Entry Log" sheet.
 *
 * The record goes in with ONE Workbook call (`append`), which the office adapter turns into a single
 * context.sync. The log is created on first use with `write` (marked as the add-in's); after that each
 * entry appends one row to its Excel table with `append(..., { ownedBy })`, so an entry costs the same on
 * the thousandth day as on the first. Ownership is checked before the record is appended, so a user's own
 * "Entry Log" sheet stops the entry before anything is written.
 *
 * The log is not sheet-protected. Excel refuses new table rows on a protected sheet, so a protected log
 * had its protection lifted and restored around every entry; with co-authors that races (one clerk's
 * "protect" lands between another's "unprotect" and new row, and protecting a protected sheet fails) and
 * leaves the sheet open to anyone in the meantime. Without protection an entry is one table.rows.add, which
 * Excel places itself, so concurrent entries from several clerks all land, each on its own row. Protection
 * without a password never kept anyone out (one click lifts it); the log's integrity rests on the add-in
 * writing it and on each row carrying the record's row and values. A log made protected by an earlier
 * version still takes entries (the adapter lifts and restores it in the same request).
 */
import type { CellValue, SheetSpec } from "../../core/sheet-spec";
import { NUMFMT } from "../../core/sheet-spec";
import { todaySerial } from "../../core/dates";
import { EXCEL_CELL_LIMIT } from "../../core/validation";
import type { Workbook } from "../port";
import { WorkbookError } from "../port";

export const ENTRY_LOG_SHEET = "Entry Log";
export const ENTRY_LOG_ROLE = "entry-log";
export const ENTRY_LOG_HEADERS = ["Timestamp", "Table", "Row", "Values"];
/** The Entry Log's columns that hold dates (its Timestamp): AppendOptions.dateColumns. */
export const ENTRY_LOG_DATE_COLUMNS: readonly number[] = [0];

/** Local wall-clock time as an Excel serial (Excel has no time zones: it shows what the clerk saw). */
export function localTimestamp(now: Date): number {
  const secs = now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds();
  return todaySerial(now) + secs / 86400;
}

/** The Entry Log sheet for these log rows (Timestamp, Table, Row, Values JSON); unprotected (see above). */
export function entryLogSpec(rows: readonly CellValue[][]): SheetSpec {
  return {
    name: ENTRY_LOG_SHEET,
    role: ENTRY_LOG_ROLE,
    rows: [ENTRY_LOG_HEADERS, ...rows],
    columns: [{ width: 18, numFmt: NUMFMT.dateTime }, { width: 16 }, { width: 8 }, { width: 100 }],
    styles: [{ range: "A1:D1", style: { bold: true } }],
    tables: [{ name: "EntryLog", range: `A1:D${rows.length + 1}`, style: "TableStyleLight9" }],
    freeze: { rows: 1, columns: 0 },
  };
}

/** The values written, as one JSON text keyed by column (clipped to what a cell holds). */
export function logValues(headers: readonly string[], row: readonly CellValue[]): string {
  const o: Record<string, CellValue> = {};
  headers.forEach((h, i) => {
    if (row[i] !== null && row[i] !== undefined) o[h] = row[i];
  });
  const json = JSON.stringify(o);
  return json.length > EXCEL_CELL_LIMIT ? json.slice(0, EXCEL_CELL_LIMIT - 14) + "...(truncated)" : json;
}

export interface EntryOutcome {
  /** Worksheet row the record landed on. */
  row: number;
  /** False when the record was written but the log could not be updated (message says why). */
  logged: boolean;
  message: string;
}

/**
 * Append one record (cells in the table's column order) to `table` and log it.
 * `headers` are the table's headers, for the log's JSON. Strings are passed as strings: the adapters
 * store text beginning with = + - @ as text, never as a formula.
 */
export async function appendEntry(
  wb: Workbook,
  table: string,
  headers: readonly string[],
  row: readonly CellValue[],
  now: Date = new Date(),
  /** The record's columns that hold dates (serials), so a 1904-system workbook gets its own serials. */
  dateColumns: readonly number[] = [],
): Promise<EntryOutcome> {
  const log = (await wb.sheets()).find((s) => s.name.toLowerCase() === ENTRY_LOG_SHEET.toLowerCase());
  if (log && log.role !== ENTRY_LOG_ROLE)
    throw new WorkbookError(
      `A sheet named "${log.name}" already exists and was not created by bpo-desk; rename it so the Entry Log can be kept. Nothing was written.`,
      "not-owned",
    );
  const { firstRow } = await wb.append(table, [row.slice()], { dateColumns });
  const entry: CellValue[] = [localTimestamp(now), table, firstRow, logValues(headers, row)];
  try {
    if (log)
      await wb.append(ENTRY_LOG_SHEET, [entry], { ownedBy: ENTRY_LOG_ROLE, dateColumns: ENTRY_LOG_DATE_COLUMNS });
    else await wb.write(entryLogSpec([entry]));
  } catch (e) {
    return {
      row: firstRow,
      logged: false,
      message: `Row ${firstRow} was added to ${table}, but the Entry Log could not be updated: ${(e as Error).message}`,
    };
  }
  return { row: firstRow, logged: true, message: `Row ${firstRow} added to ${table} and logged.` };
}
