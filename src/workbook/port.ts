/**
 * The Workbook port: the one small interface through which every shell reaches a workbook.
 * Two adapters implement it: office.ts (Excel JavaScript API, inside Excel) and file.ts
 * (the .xlsx package editor, for .xlsx/.csv on the command line, in the demo, in tests and in the browser workbench).
 * The contract suite in tests/contract runs the same cases against both.
 */
import type { CellValue, SheetSpec } from "../core/sheet-spec";
import type { TableData } from "../core/table";
import type { UserEdits } from "./user-edits";

export type {
  CellValue,
  SpecCell,
  FormulaCell,
  SheetSpec,
  ChartSpec,
  ConditionalFormatSpec,
  CellStyle,
} from "../core/sheet-spec";
export type { TableData } from "../core/table";
export type { UserEdits } from "./user-edits";

export interface SheetInfo {
  name: string;
  /** The add-in marker role when the add-in created this sheet (see SheetSpec.role), else null. */
  role: string | null;
  visible: boolean;
}

export interface TableInfo {
  /** Excel table name, or the sheet name for a plain range with a header row. */
  name: string;
  sheet: string;
  kind: "table" | "range";
  headers: string[];
  rowCount: number;
}

/** Progress callback for long work: done of total units (rows), with a short label. */
export type Progress = (done: number, total: number, label?: string) => void;

export interface WriteOptions {
  /** Make the written sheet the active one (inside Excel). */
  activate?: boolean;
  progress?: Progress;
  /**
   * When the owned sheet being replaced carries the user's edits (UserEdits: comments, notes, names the add-in did
   * not make), keep the old sheet first as a copy named "<sheet> (kept <date>)" (user-edits.ts keptCopyName), a
   * sheet the add-in no longer owns, in the same requests as the write. `date` is the caller's today, YYYY-MM-DD.
   * Absent: the sheet is replaced without a copy (the result still says what was found).
   */
  keepCopy?: { date: string };
}

/** What a write found and did (both adapters tell; void from an adapter that cannot). */
export interface WriteResult {
  /** The user's edits on the sheet it replaced; null for a new sheet or when none were found. */
  userEdits: UserEdits | null;
  /** The name of the copy kept of the old sheet (WriteOptions.keepCopy), or null. */
  keptCopy: string | null;
}

export interface AppendOptions {
  /** Append only to a sheet the add-in created with this role (SheetSpec.role). */
  ownedBy?: string;
  /**
   * Columns (0-based, in the rows given) that hold dates as the add-in's 1900-system serials: in a workbook
   * using the 1904 date system they are written as its own serials, 1462 days lower, or they would show 4
   * years and a day late.
   */
  dateColumns?: readonly number[];
}

/** Thrown for anything the user must fix: the message says what. */
export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly code:
      | "not-found"
      | "not-owned"
      | "bad-input"
      | "unreadable"
      | "too-large"
      /** Excel is busy with the user (a cell being edited): try again. */
      | "busy"
      /** The workbook's structure is protected: the user unprotects it. */
      | "protected" = "bad-input",
  ) {
    super(message);
    this.name = "WorkbookError";
  }
}

export interface Workbook {
  readonly kind: "office" | "file";
  /** Every sheet, in tab order, with the add-in's marker role if it owns it. */
  sheets(): Promise<SheetInfo[]>;
  /** Excel tables first, then sheets whose used range starts with a header row. */
  tables(): Promise<TableInfo[]>;
  /**
   * Read a table by Excel table name or sheet name (case-insensitive). For a sheet, the header
   * is the first non-blank row of the used range, or the header row below a statement's title lines
   * (a1.ts headerRowOf). Throws WorkbookError("not-found") naming what exists.
   */
  read(source: string): Promise<TableData>;
  /**
   * Write a SheetSpec as a whole sheet, atomically: build it on a new temporary sheet, then swap it
   * in for the previous sheet of the same name only if that sheet carries the same role marker.
   * A user sheet with that name is never touched: throws WorkbookError("not-owned").
   * A failure leaves no half-written sheet behind.
   */
  write(spec: SheetSpec, options?: WriteOptions): Promise<WriteResult | void>;
  /**
   * The user's edits on the add-in's sheets these specs would replace (only sheets that exist, carry the spec's
   * role and have edits), looked at without writing anything, so a shell can ask before it writes. Absent where
   * an adapter cannot tell.
   */
  userEdits?(specs: readonly Pick<SheetSpec, "name" | "role" | "names">[]): Promise<UserEdits[]>;
  /** Delete a sheet the add-in owns (same role). Never deletes a user's sheet. */
  remove(name: string, role: string): Promise<void>;
  /**
   * Append rows to the end of a table (Excel table or sheet range) in one call.
   * Text is written as text: a value beginning with = + - @ or a tab/CR is never evaluated.
   * Returns the worksheet row number of the first appended row.
   * With `ownedBy`, the table's sheet must carry that role marker (else WorkbookError "not-owned",
   * nothing written), and a protected sheet is unprotected and protected again around the rows in the
   * same request: how the add-in keeps its own protected logs append-only.
   */
  append(source: string, rows: CellValue[][], options?: AppendOptions): Promise<{ firstRow: number }>;
  /**
   * Highlight cells of a source table with a conditional format the add-in can remove again
   * (tagged with `tag`); `cells` are worksheet addresses like "C5". Values are never changed.
   */
  highlight(source: string, cells: string[], tag: string, fill?: string): Promise<void>;
  /** Remove every highlight the add-in added with this tag. */
  clearHighlights(source: string, tag: string): Promise<void>;
  /**
   * Remove worksheet row `row` of a table (Excel table or sheet range) that `append` wrote, only while it
   * still holds `expected` (the values as appended, in the table's column order; text and numbers compare
   * as written, blank and "" alike). A row changed since, or no longer in the table, is refused with a
   * WorkbookError saying which cell differs, and nothing is removed. In an Excel table the rows below move
   * up (Excel's Delete Table Row), except that a table's only data row is emptied, as Excel keeps one; in a
   * sheet range only the last row can be removed (its cells are cleared).
   */
  removeRow(source: string, row: number, expected: readonly CellValue[]): Promise<void>;
}
