/**
 * The shared layout of every report sheet, so a manager finds the same things in the same places:
 *
 *   row 1  title
 *   row 2  "As of" and the as-of date (a real date cell)
 *   row 3  "Sources" and the tables the report read
 *   row 4+ notes (rows skipped and why), one per row
 *   then   summary blocks (key figures as live formulas over the detail rows, value cached in `v`)
 *   then   the detail table (an Excel table with a frozen header)
 *
 * Builders first fix the shape (`planReport`: how many rows each summary block and the detail have),
 * which gives every address they need for formulas, conditional formats and charts, then hand the
 * cells to `reportSheet`. Pure: no I/O, no Office, no ExcelJS.
 */
import type {
  CellStyle,
  CellValue,
  ChartSpec,
  ConditionalFormatSpec,
  FormulaCell,
  RangeStyle,
  SheetSpec,
  SpecCell,
} from "../sheet-spec";
import { NUMFMT, isFormulaCell } from "../sheet-spec";
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

/** A formula cell with its cached value. */
export function fx(f: string, v: CellValue): FormulaCell {
  return { f, v };
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
} as const;

/** Number formats of report cells (thousands separators everywhere a person reads an amount). */
export const REPORT_FMT = {
  money: NUMFMT.money,
  integer: NUMFMT.integer,
  percent: NUMFMT.percent,
  date: NUMFMT.date,
  dateTime: NUMFMT.dateTime,
  hours: "#,##0.00",
  days: "#,##0",
} as const;

/** About how many characters a cell shows: text as it is, a number as #,##0.00 shows it. */
function shownLength(cell: SpecCell | undefined): number {
  const v = isFormulaCell(cell) ? cell.v : cell;
  if (typeof v === "string") return v.length;
  if (typeof v === "number" && Number.isFinite(v))
    return v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).length;
  return 0;
}

/** Widest a summary column grows to fit its labels (characters). */
const MAX_LABEL_WIDTH = 40;

export interface DetailColumn {
  /** Header text (also the Excel table column name). */
  header: string;
  width?: number;
  numFmt?: string;
}

export interface BlockShape {
  /** Rows under the block's header row (the header row itself is counted separately). */
  rows: number;
  /** Columns the block uses. */
  columns: number;
  /** Place this block to the right of the previous one (same top row, one blank column between). */
  beside?: boolean;
  /** A caption row above the header ("Totals by component"). */
  caption?: boolean;
}

export interface ReportShape {
  notes: number;
  blocks: BlockShape[];
  detail: DetailColumn[];
  /** Detail rows (at least one row is always laid out, so ranges and the table stay valid). */
  detailRows: number;
  /** Rows kept free for a chart beside the summary blocks (0 or absent: no chart). */
  chartRows?: number;
}

/** Where a summary block sits: its caption row (or 0), header row, first data row, and first column. */
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
  /** Where the chart goes: right of the summary blocks, from the first block's top row. */
  chartColumn: number;
  chartTop: number;
}

const AS_OF_ROW = 2;
const FIRST_NOTE_ROW = 4;

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
    const captionRow = b.caption ? top : 0;
    const headerRow = b.caption ? top + 1 : top;
    const firstRow = headerRow + 1;
    const lastRow = headerRow + b.rows;
    blocks.push({ captionRow, headerRow, firstRow, lastRow, col, columns: b.columns });
    bandBottom = Math.max(b.beside ? bandBottom : top - 1, lastRow);
    nextCol = col + b.columns + 1;
  }
  const chartRows = shape.chartRows ?? 0;
  const chartTop = row;
  const summaryBottom = Math.max(blocks.length ? bandBottom : row - 2, chartRows ? chartTop + chartRows : 0);
  const detailHeaderRow = summaryBottom + 2;
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
}

export interface ReportContent {
  name: string;
  role: string;
  title: string;
  asOf: number;
  /** The tables the report read, e.g. "Invoices (Invoices!A1:H301, 300 rows)". */
  sources: string[];
  notes: string[];
  blocks: SummaryBlock[];
  /** Detail rows, one cell per detail column (formulas allowed). */
  detail: SpecCell[][];
  /** Excel table name of the detail table (unique in the workbook): "AgingDetail". */
  tableName: string;
  /** What to write in the single placeholder row when there are no detail rows. */
  emptyText?: string;
  conditionalFormats?: ConditionalFormatSpec[];
  charts?: ChartSpec[];
  tabColor?: string;
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
  const styles: RangeStyle[] = [];
  const style = (range: string, s: CellStyle) => styles.push({ range, style: s });

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
    if (b.rows.length !== shape.blocks[bi].rows)
      throw new Error(`report layout: block ${bi} rows differ from the plan`);
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
      if (fmt && b.rows.length) style(`${addr(p.firstRow, p.col + j)}:${addr(p.lastRow, p.col + j)}`, { numFmt: fmt });
    });
    for (const t of b.totalRows ?? [])
      style(`${addr(p.firstRow + t, p.col)}:${addr(p.firstRow + t, last)}`, {
        bold: true,
        fill: REPORT_COLORS.totalFill,
        border: "thin-top",
      });
  });

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
    if (d.numFmt)
      style(`${colLetter(j + 1)}${plan.detailFirstRow}:${colLetter(j + 1)}${plan.detailLastRow}`, { numFmt: d.numFmt });
  });

  // Detail headers fit beside the table's filter button.
  const widths: number[] = [];
  shape.detail.forEach((d, j) => (widths[j] = Math.max(d.width ?? 10, d.header.length + 3)));
  // Summary columns fit their labels, headers and figures (a label cut off mid-word, or ### for an amount,
  // is unreadable), within reason.
  plan.blocks.forEach((p, bi) => {
    const b = c.blocks[bi];
    for (let j = 0; j < p.columns; j++) {
      let w = Math.max(12, (b.header[j] ?? "").length + 2);
      for (const r of b.rows) w = Math.max(w, shownLength(r[j]) + 2);
      widths[p.col - 1 + j] = Math.max(widths[p.col - 1 + j] ?? 0, Math.min(w, MAX_LABEL_WIDTH));
    }
  });
  widths[0] = Math.max(widths[0] ?? 0, 14);

  const lastDetailCol = colLetter(Math.max(1, shape.detail.length));
  return {
    name: c.name,
    role: c.role,
    rows: grid,
    columns: widths.map((w) => ({ width: w ?? 10 })),
    styles,
    freeze: { rows: plan.detailHeaderRow, columns: 0 },
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

/** Rows a report keeps for its chart. */
export const CHART_ROWS = 16;

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
