/**
 * Undo last entry: remove the row the form wrote (Workbook.removeRow refuses when it changed since), then
 * say so in the Entry Log, next to the line that recorded the entry: same table and row, the values
 * marked as undone. The log is the add-in's own sheet, appended to as appendEntry appends to it.
 */
import type { CellValue } from "../../../core/sheet-spec";
import {
  ENTRY_LOG_DATE_COLUMNS,
  ENTRY_LOG_ROLE,
  ENTRY_LOG_SHEET,
  entryLogSpec,
  localTimestamp,
  logValues,
} from "../../../workbook/jobs/entry";
import type { Workbook } from "../../../workbook/port";

/** What the form wrote last: enough to take it back. */
export interface WrittenEntry {
  source: string;
  row: number;
  headers: readonly string[];
  /** The row as appended, in the table's column order. */
  written: readonly CellValue[];
}

export interface UndoOutcome {
  /** False when the row is gone but the log could not say so (message says why). */
  logged: boolean;
  message: string;
}

/** The Entry Log's Values cell for an undone entry: "Undone: " and the values as they were logged. */
export function undoneValues(entry: WrittenEntry): string {
  return `Undone: ${logValues(entry.headers, entry.written)}`;
}

/** Removes the entry's row and logs the undo; throws (nothing removed) when the row changed since it was written. */
export async function undoEntry(wb: Workbook, entry: WrittenEntry, now: Date = new Date()): Promise<UndoOutcome> {
  await wb.removeRow(entry.source, entry.row, entry.written);
  const line: CellValue[] = [localTimestamp(now), entry.source, entry.row, undoneValues(entry)];
  try {
    const log = (await wb.sheets()).find((s) => s.name.toLowerCase() === ENTRY_LOG_SHEET.toLowerCase());
    if (log && log.role === ENTRY_LOG_ROLE)
      await wb.append(ENTRY_LOG_SHEET, [line], {
        ownedBy: ENTRY_LOG_ROLE,
        dateColumns: ENTRY_LOG_DATE_COLUMNS,
      });
    else if (!log) await wb.write(entryLogSpec([line]));
    else throw new Error(`a sheet named "${log.name}" that bpo-desk did not create is in the way`);
  } catch (e) {
    return {
      logged: false,
      message: `Row ${entry.row} was removed from ${entry.source}, but the Entry Log could not say so: ${(e as Error).message}`,
    };
  }
  return { logged: true, message: `Row ${entry.row} removed from ${entry.source}; the undo is in the Entry Log.` };
}
