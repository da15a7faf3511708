/**
 * SheetSpec: the declarative sheet a report (or any add-in output) returns.
 * Report builders in src/core produce it as plain data; each Workbook adapter
 * (office.ts inside Excel, file.ts on ExcelJS) knows how to write one, so a
 * report is tested once, as data, and written identically everywhere.
 *
 * It lives in core (types and two tiny helpers, no I/O) because report builders in core return it;
 * src/workbook/port.ts re-exports it as part of the port, so arrows still point inwards.
 *
 * Conventions
 * - Addresses are A1 references on the same sheet ("A1", "B6:B120").
 * - Dates are Excel serial numbers with a date number format (see NUMFMT).
 * - A formula is written without the leading "=" and in English (en-US) syntax,
 *   comma-separated arguments, as Range.formulas takes it and as OOXML stores it.
 */

/** A plain cell value as Excel holds it: dates are serial numbers, blanks are null. */
export type CellValue = string | number | boolean | null;

/** A formula cell. `v` is the value it computes to, cached for readers that do not recalculate. */
export interface FormulaCell {
  f: string;
  v?: CellValue;
}

/** One cell of a SheetSpec: a value, or a formula. */
export type SpecCell = CellValue | FormulaCell;

export function isFormulaCell(c: SpecCell | undefined): c is FormulaCell {
  return typeof c === "object" && c !== null && typeof (c as FormulaCell).f === "string";
}

/** Number formats used across reports (Excel format codes). */
export const NUMFMT = {
  money: "#,##0.00;[Red]-#,##0.00",
  moneyInr: "[>=10000000]##\\,##\\,##\\,##0.00;[>=100000]##\\,##\\,##0.00;##,##0.00",
  integer: "#,##0",
  percent: "0.0%",
  date: "yyyy-mm-dd",
  dateTime: "yyyy-mm-dd hh:mm",
  hours: "0.00",
  text: "@",
} as const;

/** Visual style applied to a range. Colours are "#RRGGBB". */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  numFmt?: string;
  horizontalAlignment?: "left" | "center" | "right";
  wrap?: boolean;
  border?: "thin-bottom" | "thin-top" | "thin-all" | "double-bottom";
}

export interface RangeStyle {
  range: string;
  style: CellStyle;
}

export interface ColumnSpec {
  /** Width in Excel character units (ExcelJS `column.width`; the office adapter converts to points). */
  width?: number;
  numFmt?: string;
  hidden?: boolean;
}

/** An Excel table (ListObject) over a range whose first row is the header row. */
export interface TableSpec {
  name: string;
  range: string;
  style?: string; // e.g. "TableStyleMedium2"
  showTotalRow?: false;
}

/**
 * Conditional format. `expression` uses a formula relative to the top-left cell of `range`
 * (as Excel's "Use a formula to determine which cells to format").
 */
export type ConditionalFormatSpec =
  | {
      range: string;
      type: "expression";
      formula: string;
      style: Pick<CellStyle, "fill" | "fontColor" | "bold">;
    }
  | {
      range: string;
      type: "cellValue";
      operator:
        "greaterThan" | "lessThan" | "between" | "equal" | "notEqual" | "greaterThanOrEqual" | "lessThanOrEqual";
      formulas: [string] | [string, string];
      style: Pick<CellStyle, "fill" | "fontColor" | "bold">;
    };

export type ChartType = "bar" | "column" | "line" | "pie" | "stackedColumn";

/** A live chart bound to ranges of the same sheet: it redraws when the numbers change. */
export interface ChartSpec {
  type: ChartType;
  title: string;
  /** Category labels, e.g. "A6:A10". */
  categories: string;
  series: { name: string; values: string }[];
  /** Where the chart sits: top-left and bottom-right cells. */
  anchor: { from: string; to: string };
}

export interface SheetSpec {
  /** Sheet name (at most 31 characters, none of : \ / ? * [ ]). */
  name: string;
  /**
   * The add-in's ownership marker for this sheet, e.g. "report:aging", "recon:summary",
   * "entry-log". An adapter only ever replaces a sheet that carries the same marker;
   * a user's sheet with the same name is never overwritten.
   */
  role: string;
  /** Cells from A1, row by row. Rows may be ragged; missing cells are blank. */
  rows: SpecCell[][];
  columns?: ColumnSpec[];
  styles?: RangeStyle[];
  /** Merged ranges, e.g. "A1:F1" for a title. */
  merges?: string[];
  freeze?: { rows: number; columns: number };
  tables?: TableSpec[];
  conditionalFormats?: ConditionalFormatSpec[];
  charts?: ChartSpec[];
  /** Protect the sheet against accidental edits (no password: it is a guard, not security). */
  protect?: boolean;
  /** Hide the sheet: state the add-in keeps for itself (never activated). A user can still unhide it. */
  hidden?: boolean;
  /** Tab colour "#RRGGBB". */
  tabColor?: string;
}
