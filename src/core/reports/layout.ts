/**
 * The shared layout of every report sheet, so a manager finds the same things in the same places:
 *
 *   row 1  title                                  } the title band: frozen, so the report's name, its
 *   row 2  "As of", the as-of date, a link down   } as-of date and the way to the detail stay in view
 *   row 3  "Sources" and the tables the report read
 *   row 4+ notes (rows skipped and why), one per row
 *   then   summary blocks (key figures as live formulas over the detail rows, value cached in `v`), charts
 *          in slots of their own among the blocks, and a key to the colours the sheet uses
 *   then   the detail table (an Excel table), under a caption, on a page of its own when printed
 *
 * Only the title band is frozen when a summary sits above the detail (freezing down to the detail header
 * would freeze the whole summary, and on a laptop the detail could not be scrolled to); a sheet that is only
 * a table freezes down to its header. Excel shows a table's headers in place of the column letters once
 * they scroll away, and print repeats the header row on every page.
 *
 * Builders first fix the shape (`planReport`: how many rows each summary block and the detail have),
 * which gives every address they need for formulas, conditional formats, charts and links, then hand the
 * cells to `reportSheet`. Pure: no I/O, no Office, no ExcelJS.
 */
import type {
  CellStyle,
  CellValue,
  ChartSpec,
  ConditionalFormatSpec,
  DefinedNameSpec,
  FormulaCell,
  HyperlinkSpec,
  PrintSpec,
  RangeStyle,
  SheetSpec,
  SpecCell,
} from "../sheet-spec";
import { NUMFMT, headerFooterText, isFormulaCell, isMoneyFormat } from "../sheet-spec";
import { isoFromSerial } from "../dates";

/** Column letters of a 1-based column number: colLetter(1) === "A", colLetter(28) === "AB". */
export function colLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** A1 address of a 1-based row and column: addr(3, 2) === "B3". */
export function addr(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

/** An Excel string literal for a formula: quoted with inner quotes doubled. xlString('say "hi"') === '"say ""hi"""'. */
export function xlString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A sheet name as a formula or link quotes it: 'SLA & Quality', with inner quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A formula cell with its cached value. */
export function fx(f: string, v: CellValue): FormulaCell {
  return { f, v };
}

/**
 * A SUMPRODUCT over the detail rows whose text in `keyRange` is exactly the text of `keyCell`, times further
 * 0/1 conditions (`"$J$9:$J$90=""Completed"""`), times `sum` (absent: the rows are counted).
 *
 * Why not SUMIFS/COUNTIFS with the name cell as the criterion: a criterion is a pattern, not a value. A
 * customer named `Acme*` matches every Acme, `>Next Gen Ltd` every name after it, `<>` every name, `~x` the name
 * "x", and text that looks like a number, a date or TRUE is compared as one ("0123" matches "123"). EXACT
 * compares the two texts as they are (case-sensitively, as the builders group), identically in Excel and
 * LibreOffice, and SUMPRODUCT takes the arrays without an array formula.
 * sumWhereExact("$A$9:$A$90", "$A5", ["$E$9:$E$90>=1"], "$I$9:$I$90") ===
 *   "SUMPRODUCT(EXACT($A$9:$A$90,$A5)*($E$9:$E$90>=1)*$I$9:$I$90)"
 */
export function sumWhereExact(
  keyRange: string,
  keyCell: string,
  conditions: readonly string[] = [],
  sum?: string,
): string {
  const factors = [`EXACT(${keyRange},${keyCell})`, ...conditions.map((c) => `(${c})`)];
  if (sum) factors.push(sum);
  return factors.length === 1 ? `SUMPRODUCT(--${factors[0]})` : `SUMPRODUCT(${factors.join("*")})`;
}

/** Colours used by every report (muted, readable when printed). */
export const REPORT_COLORS = {
  title: "#1F4E78",
  headerFill: "#DDEBF7",
  totalFill: "#F2F2F2",
  note: "#7F6000",
  bad: "#FFC7CE",
  badText: "#9C0006",
  warn: "#FFEB9C",
  good: "#C6EFCE",
  link: "#0563C1",
  target: "#C00000",
} as const;

/** Number formats of report cells (grouping everywhere a person reads an amount; money in rupees). */
export const REPORT_FMT = {
  /** Rupees and paise, lakh/crore grouping; a negative cell gets its twin NUMFMT.inrNegative (see reportSheet). */
  money: NUMFMT.inr,
  /** Whole rupees (the payroll register), likewise. */
  moneyWhole: NUMFMT.inrWhole,
  integer: NUMFMT.integer,
  percent: NUMFMT.percent,
  date: NUMFMT.date,
  dateTime: NUMFMT.dateTime,
  hours: "#,##0.00",
  days: "#,##0",
  /** Days past due: a due date still ahead reads "not yet due", the due date itself "due today". */
  daysPastDue: '#,##0;"not yet due";"due today"',
} as const;

/** The sign twin of each money format: what a negative cell of a positive-format range gets. */
const NEGATIVE_TWIN: Readonly<Record<string, string>> = {
  [NUMFMT.inr]: NUMFMT.inrNegative,
  [NUMFMT.inrWhole]: NUMFMT.inrWholeNegative,
};
/** A money column whose sign changes more often than this is shown with one format for both signs. */
const MAX_SIGN_RUNS = 200;
/** Both signs in one code, in the locale's grouping: for columns that flip sign on every other row. */
const BOTH_SIGNS: Readonly<Record<string, string>> = {
  [NUMFMT.inr]: '"₹"#,##0.00;[Red]-"₹"#,##0.00',
  [NUMFMT.inrWhole]: '"₹"#,##0;[Red]-"₹"#,##0',
};

/** About how many characters a cell shows: text as it is, a number as #,##0.00 shows it. */
function shownLength(cell: SpecCell | undefined): number {
  const v = isFormulaCell(cell) ? cell.v : cell;
  if (typeof v === "string") return v.length;
  if (typeof v === "number" && Number.isFinite(v))
    return v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).length + 1;
  return 0;
}

/** Widest a summary column grows to fit its labels (characters). */
const MAX_LABEL_WIDTH = 40;
/** Rows of the title band (title, as-of): frozen above a summary. */
export const TITLE_BAND_ROWS = 2;
/** The most rows a report sheet freezes: enough for a table's header under the title band, never a summary. */
export const MAX_FROZEN_ROWS = 10;
/** Characters a portrait A4 page shows at 100% (Calibri 11, default margins); wider prints landscape. */
const PORTRAIT_CHARS = 110;
/** A report of this many columns or more prints landscape. */
const LANDSCAPE_COLUMNS = 8;

export interface DetailColumn {
  /** Header text (also the Excel table column name). */
  header: string;
  width?: number;
  numFmt?: string;
}

export interface BlockShape {
  /** Rows under the block's header row (the header row itself is counted separately); a chart slot's height. */
  rows: number;
  /** Columns the block uses. */
  columns: number;
  /** Place this block to the right of the previous one (same top row, one blank column between). */
  beside?: boolean;
  /** A caption row above the header ("Totals by component"). */
  caption?: boolean;
  /** A slot for a chart (chartIn): no caption, no header, no cells. */
  chart?: boolean;
}

export interface ReportShape {
  notes: number;
  blocks: BlockShape[];
  detail: DetailColumn[];
  /** Detail rows (at least one row is always laid out, so ranges and the table stay valid). */
  detailRows: number;
  /** Rows kept free for a chart right of the summary blocks (chartAt; 0 or absent: no chart there). */
  chartRows?: number;
  /** A caption row above the detail header ("Open invoices (158)"). */
  detailCaption?: boolean;
}

/** Where a summary block sits: its caption row (or 0), header row, first and last data rows, first column. */
export interface BlockPlace {
  captionRow: number;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  col: number;
  columns: number;
}

export interface ReportPlan {
  shape: ReportShape;
  blocks: BlockPlace[];
  /** Row of the detail caption (0 when there is none). */
  detailCaptionRow: number;
  /** Row of the detail header. */
  detailHeaderRow: number;
  detailFirstRow: number;
  /** Last detail row (== detailFirstRow when there are no rows: one placeholder row is laid out). */
  detailLastRow: number;
  /** Column number (1-based) of a detail column by header. */
  col(header: string): number;
  /** Column letter of a detail column by header. */
  letter(header: string): string;
  /** Absolute range of a detail column's data rows: "$C$21:$C$320". */
  range(header: string): string;
  /** Relative range of a detail column's data rows: "C21:C320" (for conditional formats). */
  span(header: string): string;
  /** A1 of a cell in a block: block b, data row r (0-based; -1 is the header row), column c (0-based). */
  cell(b: number, r: number, c: number): string;
  /** Absolute version of cell(). */
  abs(b: number, r: number, c: number): string;
  /** The data rows of a block's column c: "B8:B12". */
  blockSpan(b: number, c: number, fromRow?: number, toRow?: number): string;
  /** The whole detail data area, relative: "A21:K320". */
  detailArea: string;
  /** The as-of date cell, absolute ("$B$2"), for formulas such as days past due. */
  asOfCell: string;
  /** Where chartAt puts a chart: right of the summary blocks, from the first block's top row. */
  chartColumn: number;
  chartTop: number;
}

const AS_OF_ROW = 2;
const FIRST_NOTE_ROW = 4;
/** The link down to the detail, in the title band beside the as-of date. */
const DETAIL_LINK_COL = 4;

/** Fix a report's geometry from the sizes of its parts. */
export function planReport(shape: ReportShape): ReportPlan {
  const row = FIRST_NOTE_ROW + shape.notes + 1; // a blank row after the notes
  const blocks: BlockPlace[] = [];
  let bandTop = row;
  let bandBottom = row - 1;
  let nextCol = 1;
  for (const b of shape.blocks) {
    let top: number;
    let col: number;
    if (b.beside && blocks.length) {
      top = bandTop;
      col = nextCol;
    } else {
      top = blocks.length ? bandBottom + 2 : row;
      bandTop = top;
      col = 1;
    }
    if (b.chart) {
      blocks.push({ captionRow: 0, headerRow: 0, firstRow: top, lastRow: top + b.rows - 1, col, columns: b.columns });
      bandBottom = Math.max(b.beside ? bandBottom : top - 1, top + b.rows - 1);
    } else {
      const captionRow = b.caption ? top : 0;
      const headerRow = b.caption ? top + 1 : top;
      const firstRow = headerRow + 1;
      const lastRow = headerRow + b.rows;
      blocks.push({ captionRow, headerRow, firstRow, lastRow, col, columns: b.columns });
      bandBottom = Math.max(b.beside ? bandBottom : top - 1, lastRow);
    }
    nextCol = col + b.columns + 1;
  }
  const chartRows = shape.chartRows ?? 0;
  const chartTop = row;
  const summaryBottom = Math.max(blocks.length ? bandBottom : row - 2, chartRows ? chartTop + chartRows : 0);
  const detailCaptionRow = shape.detailCaption ? summaryBottom + 2 : 0;
  const detailHeaderRow = detailCaptionRow ? detailCaptionRow + 1 : summaryBottom + 2;
  const detailFirstRow = detailHeaderRow + 1;
  const detailLastRow = detailFirstRow + Math.max(1, shape.detailRows) - 1;
  const index = new Map<string, number>();
  shape.detail.forEach((c, i) => index.set(c.header, i + 1));
  const col = (h: string): number => {
    const c = index.get(h);
    if (c === undefined) throw new Error(`report layout: no detail column "${h}"`);
    return c;
  };
  const letter = (h: string) => colLetter(col(h));
  const summaryWidth = Math.max(1, ...blocks.map((b) => b.col + b.columns - 1));
  return {
    shape,
    blocks,
    detailCaptionRow,
    detailHeaderRow,
    detailFirstRow,
    detailLastRow,
    col,
    letter,
    range: (h) => `$${letter(h)}$${detailFirstRow}:$${letter(h)}$${detailLastRow}`,
    span: (h) => `${letter(h)}${detailFirstRow}:${letter(h)}${detailLastRow}`,
    cell: (b, r, c) => addr(blocks[b].firstRow + r, blocks[b].col + c),
    abs: (b, r, c) => `$${colLetter(blocks[b].col + c)}$${blocks[b].firstRow + r}`,
    blockSpan: (b, c, fromRow = 0, toRow = shape.blocks[b].rows - 1) =>
      `${addr(blocks[b].firstRow + fromRow, blocks[b].col + c)}:${addr(blocks[b].firstRow + toRow, blocks[b].col + c)}`,
    detailArea: `A${detailFirstRow}:${colLetter(Math.max(1, shape.detail.length))}${detailLastRow}`,
    asOfCell: `$B$${AS_OF_ROW}`,
    chartColumn: summaryWidth + 2,
    chartTop,
  };
}

export interface SummaryBlock {
  caption?: string;
  header: string[];
  rows: SpecCell[][];
  /** Number format per block column (by index); the first column is usually a label. */
  numFmts?: (string | undefined)[];
  /** Rows (0-based) to style as totals (bold, top border). */
  totalRows?: number[];
  /** Styles of single cells of the block: data row r (0-based), column c (0-based). */
  cellStyles?: { row: number; col: number; style: CellStyle }[];
}

/** One entry of a sheet's colour key: a sample cell styled as the sheet styles such cells, and what it means. */
export interface KeyEntry {
  style: Pick<CellStyle, "fill" | "fontColor" | "bold">;
  /** The sample's text, e.g. "90+" or "₹-1,200" (default "Sample"). */
  sample?: string;
  meaning: string;
}

/** The shape of a key block (stacked under the summary unless `beside`). */
export function keyShape(entries: readonly KeyEntry[], beside = false): BlockShape {
  return { rows: entries.length, columns: 2, caption: true, beside };
}

/** A key block: one row per colour the sheet uses, a sample in that colour beside its meaning. */
export function keyBlock(entries: readonly KeyEntry[]): SummaryBlock {
  return {
    caption: "Key to colours",
    header: ["Colour", "Means"],
    rows: entries.map((e) => [e.sample ?? "Sample", e.meaning]),
    cellStyles: entries.map((e, i) => ({ row: i, col: 0, style: { ...e.style, horizontalAlignment: "center" } })),
  };
}

/** Detail rows a link points at: rows by index (0-based, any order), or one detail column. */
export type DetailTarget = { rows: readonly number[] } | { column: string };

/** A link from a summary cell to the detail rows it sums. */
export interface RowLink {
  /** The summary cell ("A12"). */
  cell: string;
  to: DetailTarget;
  /** Name of the group for a defined name when its rows are not contiguous ("Bucket_90plus"); sanitised. */
  name?: string;
  tooltip: string;
}

export interface ReportContent {
  name: string;
  role: string;
  title: string;
  asOf: number;
  /** The tables the report read, e.g. "Invoices (Invoices!A1:H301, 300 rows)". */
  sources: string[];
  notes: string[];
  /** One per shape block, in order; null for a chart slot. */
  blocks: (SummaryBlock | null)[];
  /** Detail rows, one cell per detail column (formulas allowed). */
  detail: SpecCell[][];
  /** Excel table name of the detail table (unique in the workbook): "AgingDetail". */
  tableName: string;
  /** The caption above the detail ("Open invoices (158)"), when the shape has one. */
  detailCaption?: string;
  /** What to write in the single placeholder row when there are no detail rows. */
  emptyText?: string;
  conditionalFormats?: ConditionalFormatSpec[];
  charts?: ChartSpec[];
  /** Links from summary cells to their detail rows. */
  links?: RowLink[];
  /** Styles of single detail cells, by detail row index (0-based) and column header (e.g. a date among values). */
  detailStyles?: { row: number; column: string; style: CellStyle }[];
  tabColor?: string;
}

/** The detail row indices of each group, in one pass: rowsByKey(items, (it) => it.agent).get("Asha") === [0, 4, ...]. */
export function rowsByKey<T>(items: readonly T[], key: (item: T) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  items.forEach((it, i) => {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  });
  return out;
}

/** Runs of consecutive numbers in sorted order: [3,4,5,9] -> [[3,5],[9,9]]. */
function runsOf(sorted: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/** Excel's own limit on a defined name's formula is 8,192 characters; keep well inside it. */
const MAX_NAME_REF = 8000;

/** A defined name from a hint: letters, digits and "_" only, starting with a letter; never a cell reference. */
function definedName(hint: string): string {
  const clean = hint.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "") || "Rows";
  // An underscore can be in no A1 or R1C1 reference, so "Rows_" keeps every name clear of them.
  return /^[A-Za-z]/.test(clean) && clean.includes("_") ? clean : `Rows_${clean}`;
}

/** The cell's cached value, as a number when it is one. */
function numberIn(cell: SpecCell | undefined): number | null {
  const v = isFormulaCell(cell) ? cell.v : cell;
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * Assemble the SheetSpec of a report laid out by `plan`. The shapes must agree (same notes, block row
 * counts, detail columns and rows); a mismatch is a programming error and throws.
 */
export function reportSheet(plan: ReportPlan, c: ReportContent): SheetSpec {
  const { shape } = plan;
  if (c.notes.length !== shape.notes) throw new Error("report layout: notes differ from the plan");
  if (c.blocks.length !== shape.blocks.length) throw new Error("report layout: blocks differ from the plan");
  if (c.detail.length !== shape.detailRows) throw new Error("report layout: detail rows differ from the plan");
  const grid: SpecCell[][] = [];
  const put = (row: number, col: number, v: SpecCell) => {
    while (grid.length < row) grid.push([]);
    const r = grid[row - 1];
    while (r.length < col - 1) r.push(null);
    r[col - 1] = v;
  };
  const at = (row: number, col: number): SpecCell | undefined => grid[row - 1]?.[col - 1];
  const styles: RangeStyle[] = [];
  const style = (range: string, s: CellStyle) => styles.push({ range, style: s });
  /** A number format over rows r1..r2 of a column; a money format gets its negative twin on negative cells. */
  const numFmt = (col: number, r1: number, r2: number, fmt: string) => {
    const L = colLetter(col);
    const twin = isMoneyFormat(fmt) ? NEGATIVE_TWIN[fmt] : undefined;
    const negatives: number[] = [];
    if (twin) for (let r = r1; r <= r2; r++) if ((numberIn(at(r, col)) ?? 0) < 0) negatives.push(r);
    const runs = runsOf(negatives);
    if (runs.length > MAX_SIGN_RUNS) {
      style(`${L}${r1}:${L}${r2}`, { numFmt: BOTH_SIGNS[fmt] });
      return;
    }
    style(`${L}${r1}:${L}${r2}`, { numFmt: fmt });
    for (const [a, b] of runs) style(a === b ? `${L}${a}` : `${L}${a}:${L}${b}`, { numFmt: twin! });
  };

  put(1, 1, c.title);
  style("A1", { bold: true, fontSize: 16, fontColor: REPORT_COLORS.title });
  put(AS_OF_ROW, 1, "As of");
  put(AS_OF_ROW, 2, c.asOf);
  style(`A${AS_OF_ROW}`, { bold: true });
  style(`B${AS_OF_ROW}`, { numFmt: NUMFMT.date, horizontalAlignment: "left" });
  put(3, 1, "Sources");
  put(3, 2, c.sources.join("; ") || "(none)");
  style("A3", { bold: true });
  c.notes.forEach((n, i) => {
    put(FIRST_NOTE_ROW + i, 1, "Note");
    put(FIRST_NOTE_ROW + i, 2, n);
    style(`A${FIRST_NOTE_ROW + i}:B${FIRST_NOTE_ROW + i}`, { italic: true, fontColor: REPORT_COLORS.note });
  });

  c.blocks.forEach((b, bi) => {
    const p = plan.blocks[bi];
    const s = shape.blocks[bi];
    if (s.chart) {
      if (b) throw new Error(`report layout: block ${bi} is a chart slot`);
      return;
    }
    if (!b) throw new Error(`report layout: block ${bi} has no content`);
    if (b.rows.length !== s.rows) throw new Error(`report layout: block ${bi} rows differ from the plan`);
    if (p.captionRow) {
      put(p.captionRow, p.col, b.caption ?? "");
      style(addr(p.captionRow, p.col), { bold: true, fontSize: 12, fontColor: REPORT_COLORS.title });
    }
    b.header.forEach((h, j) => put(p.headerRow, p.col + j, h));
    const last = p.col + p.columns - 1;
    style(`${addr(p.headerRow, p.col)}:${addr(p.headerRow, last)}`, {
      bold: true,
      fill: REPORT_COLORS.headerFill,
      border: "thin-bottom",
      wrap: true,
    });
    b.rows.forEach((r, i) => r.forEach((v, j) => put(p.firstRow + i, p.col + j, v)));
    (b.numFmts ?? []).forEach((fmt, j) => {
      if (fmt && b.rows.length) numFmt(p.col + j, p.firstRow, p.lastRow, fmt);
    });
    for (const t of b.totalRows ?? [])
      style(`${addr(p.firstRow + t, p.col)}:${addr(p.firstRow + t, last)}`, {
        bold: true,
        fill: REPORT_COLORS.totalFill,
        border: "thin-top",
      });
    for (const cs of b.cellStyles ?? []) style(addr(p.firstRow + cs.row, p.col + cs.col), cs.style);
  });

  if (plan.detailCaptionRow) {
    put(plan.detailCaptionRow, 1, c.detailCaption ?? "Detail");
    style(`A${plan.detailCaptionRow}`, { bold: true, fontSize: 12, fontColor: REPORT_COLORS.title });
  }
  shape.detail.forEach((d, j) => put(plan.detailHeaderRow, j + 1, d.header));
  // Detail rows go in whole, each at the table's full width so its cells exist in every adapter.
  const width = shape.detail.length;
  const detail = c.detail.length ? c.detail : [[c.emptyText ?? "(no rows)"]];
  while (grid.length < plan.detailFirstRow - 1) grid.push([]);
  grid.length = plan.detailFirstRow - 1;
  for (const r of detail) {
    if (r.length === width) grid.push(r);
    else {
      const row = r.slice(0, width);
      while (row.length < width) row.push(null);
      grid.push(row);
    }
  }
  shape.detail.forEach((d, j) => {
    if (d.numFmt) numFmt(j + 1, plan.detailFirstRow, plan.detailLastRow, d.numFmt);
  });
  for (const ds of c.detailStyles ?? []) style(addr(plan.detailFirstRow + ds.row, plan.col(ds.column)), ds.style);

  // Detail headers fit beside the table's filter button.
  const widths: number[] = [];
  shape.detail.forEach((d, j) => (widths[j] = Math.max(d.width ?? 10, d.header.length + 3)));
  // Summary columns fit their labels, headers and figures (a label cut off mid-word, or ### for an amount,
  // is unreadable), within reason.
  plan.blocks.forEach((p, bi) => {
    const b = c.blocks[bi];
    if (!b) return;
    for (let j = 0; j < p.columns; j++) {
      let w = Math.max(12, (b.header[j] ?? "").length + 2);
      for (const r of b.rows) w = Math.max(w, shownLength(r[j]) + 2);
      widths[p.col - 1 + j] = Math.max(widths[p.col - 1 + j] ?? 0, Math.min(w, MAX_LABEL_WIDTH));
    }
  });
  widths[0] = Math.max(widths[0] ?? 0, 14);

  const lastDetailCol = colLetter(Math.max(1, width));
  const sheetRef = quoteSheet(c.name);
  const hasSummary = shape.blocks.length > 0 || (shape.chartRows ?? 0) > 0;

  // Links: the title band's way down to the detail, and each summary figure's way to its rows.
  const hyperlinks: HyperlinkSpec[] = [];
  const names: DefinedNameSpec[] = [];
  const detailRange = `A${plan.detailHeaderRow}:${lastDetailCol}${plan.detailLastRow}`;
  if (hasSummary) {
    const n = c.detail.length;
    put(AS_OF_ROW, DETAIL_LINK_COL, `Go to the detail (${n} row${n === 1 ? "" : "s"}) ↓`);
    style(addr(AS_OF_ROW, DETAIL_LINK_COL), { fontColor: REPORT_COLORS.link, underline: true });
    hyperlinks.push({
      cell: addr(AS_OF_ROW, DETAIL_LINK_COL),
      location: `${sheetRef}!${detailRange}`,
      tooltip: "The rows every figure above is computed from",
    });
  }
  const usedNames = new Set<string>();
  for (const link of c.links ?? []) {
    let location: string;
    if ("column" in link.to) {
      location = `${sheetRef}!${plan.span(link.to.column)}`;
    } else {
      const rows = [...new Set(link.to.rows)].sort((a, b) => a - b).map((i) => plan.detailFirstRow + i);
      if (!rows.length) continue;
      const areas = runsOf(rows).map(([a, b]) => `A${a}:${lastDetailCol}${b}`);
      if (areas.length === 1) location = `${sheetRef}!${areas[0]}`;
      else {
        const refersTo = areas.join(",");
        // Too many areas for one name: the link goes to the group's first rows.
        if (!link.name || refersTo.length + areas.length * (sheetRef.length + 5) > MAX_NAME_REF)
          location = `${sheetRef}!${areas[0]}`;
        else {
          let name = definedName(link.name);
          for (let k = 2; usedNames.has(name.toLowerCase()); k++) name = `${definedName(link.name)}_${k}`;
          usedNames.add(name.toLowerCase());
          names.push({ name, refersTo, comment: link.tooltip });
          location = `${sheetRef}!${name}`;
        }
      }
    }
    hyperlinks.push({ cell: link.cell, location, tooltip: link.tooltip });
    style(link.cell, { fontColor: REPORT_COLORS.link, underline: true });
  }

  const print = printSetup(plan, c, widths, hasSummary);
  const freezeAtHeader = !hasSummary && plan.detailHeaderRow <= MAX_FROZEN_ROWS;
  return {
    name: c.name,
    role: c.role,
    rows: grid,
    columns: widths.map((w) => ({ width: w ?? 10 })),
    styles,
    freeze: { rows: freezeAtHeader ? plan.detailHeaderRow : TITLE_BAND_ROWS, columns: 0 },
    tables: [
      {
        name: c.tableName,
        range: `A${plan.detailHeaderRow}:${lastDetailCol}${plan.detailLastRow}`,
        style: "TableStyleMedium2",
      },
    ],
    conditionalFormats: c.conditionalFormats ?? [],
    charts: c.charts ?? [],
    tabColor: c.tabColor,
    print,
    hyperlinks,
    names,
  };
}

/** The last column (1-based) a chart covers: its anchor's `to` cell is its bottom-right cell. */
function anchorRight(chart: ChartSpec): number {
  const m = /^\$?([A-Z]+)/.exec(chart.anchor.to);
  let n = 0;
  for (const ch of m?.[1] ?? "") n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Print setup of a report: A4, one page wide and as many tall as the rows need, landscape when the sheet is
 * 8 or more columns (or more characters than a portrait page holds) wide, the detail header repeated on every
 * page, the detail on a page of its own after a summary, and the sheet's name, the as-of date and
 * "Page x of y" in the header and footer.
 */
function printSetup(plan: ReportPlan, c: ReportContent, widths: number[], hasSummary: boolean): PrintSpec {
  const columns = Math.max(
    plan.shape.detail.length,
    ...plan.blocks.map((b) => b.col + b.columns - 1),
    ...(c.charts ?? []).map(anchorRight),
  );
  let chars = 0;
  for (let j = 0; j < columns; j++) chars += widths[j] ?? 10;
  return {
    orientation: columns >= LANDSCAPE_COLUMNS || chars > PORTRAIT_CHARS ? "landscape" : "portrait",
    paper: "A4",
    fit: { wide: 1, tall: 0 },
    titleRows: { first: plan.detailHeaderRow, last: plan.detailHeaderRow },
    pageBreaksBefore: hasSummary ? [plan.detailCaptionRow || plan.detailHeaderRow] : [],
    header: { left: "&A", right: headerFooterText(`As of ${isoFromSerial(c.asOf)}`) },
    footer: { left: headerFooterText(c.title), right: "Page &P of &N" },
    centerHorizontally: true,
  };
}

/** A chart in the space the plan kept for it (shape.chartRows), right of the summary blocks, 8 columns wide. */
export function chartAt(plan: ReportPlan, chart: Omit<ChartSpec, "anchor">): ChartSpec {
  const rows = plan.shape.chartRows || 16;
  return {
    ...chart,
    anchor: { from: addr(plan.chartTop, plan.chartColumn), to: addr(plan.chartTop + rows, plan.chartColumn + 8) },
  };
}

/** A chart in chart slot `b` of the plan (a block with `chart: true`), filling it. */
export function chartIn(plan: ReportPlan, b: number, chart: Omit<ChartSpec, "anchor">): ChartSpec {
  if (!plan.shape.blocks[b]?.chart) throw new Error(`report layout: block ${b} is not a chart slot`);
  const p = plan.blocks[b];
  // The anchor's `to` cell is inside the chart (its bottom-right cell).
  return { ...chart, anchor: { from: addr(p.firstRow, p.col), to: addr(p.lastRow, p.col + p.columns - 1) } };
}

/** Rows a report keeps for its chart. */
export const CHART_ROWS = 16;

/** A chart slot among the summary blocks: CHART_ROWS tall, `columns` wide. */
export function chartSlot(columns: number, beside = false): BlockShape {
  return { rows: CHART_ROWS, columns, chart: true, beside };
}

/** How a report names a table it read: "Invoices rows 2-301", or "table Sales on sheet Q3 rows 5-90". */
export function describeSource(t: { name: string; sheet: string; firstRow: number; rows: unknown[] }): string {
  const where = t.sheet && t.sheet !== t.name ? `table ${t.name} on sheet ${t.sheet}` : t.name;
  const last = t.firstRow + t.rows.length - 1;
  return `${where} rows ${t.firstRow}-${Math.max(t.firstRow, last)}`;
}

/** The as-of date as a heading would show it. */
export function asOfText(asOf: number): string {
  return isoFromSerial(asOf);
}
