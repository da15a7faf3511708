/**
 * The workbench: the taskpane running in a plain browser against an in-browser demo workbook
 * (the bundled sample, written through the same FileWorkbook adapter the CLI uses). Loaded lazily,
 * so ExcelJS never ships to Excel users' start-up path.
 */
import type { CellValue } from "../core/sheet-spec";
import { generateSample, sampleSheets } from "../core/sample/index";
import { FileWorkbook, plainValue } from "../workbook/file";

export { workbookFromBytes } from "../workbook/file";

/** Builds the demo workbook: one sheet (and Excel table) per sample table. */
export async function createDemoWorkbook(): Promise<FileWorkbook> {
  const wb = new FileWorkbook();
  for (const spec of sampleSheets(generateSample())) await wb.write(spec);
  return wb;
}

export interface PreviewCell {
  value: CellValue;
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  fill?: string;
  fontColor?: string;
  align?: "left" | "center" | "right";
  /** A formula, shown as a tooltip (the grid shows its cached value). */
  formula?: string;
}

export interface SheetPreview {
  name: string;
  /** Total rows and columns in the sheet; the grid holds at most the first maxRows x maxCols. */
  rowCount: number;
  columnCount: number;
  columnWidths: number[];
  rows: PreviewCell[][];
  /** Rows (1-based) that are the header row of an Excel table. */
  headerRows: number[];
  frozenRows: number;
  /** Charts on the sheet: the preview does not draw them; the downloaded workbook has them, live. */
  charts: string[];
}

function hexOf(argb: unknown): string | undefined {
  return typeof argb === "string" && /^[0-9A-F]{8}$/i.test(argb) ? "#" + argb.slice(2).toUpperCase() : undefined;
}

/** A grid of the first rows of a sheet with the styles the preview can show. */
export function previewSheet(wb: FileWorkbook, name: string, maxRows = 200, maxCols = 40): SheetPreview | null {
  const ws = wb.book.getWorksheet(name);
  if (!ws) return null;
  const rowCount = ws.actualRowCount ? ws.rowCount : 0;
  const columnCount = Math.min(ws.columnCount, maxCols);
  const rows: PreviewCell[][] = [];
  for (let r = 1; r <= Math.min(rowCount, maxRows); r++) {
    const row = ws.getRow(r);
    const cells: PreviewCell[] = [];
    for (let c = 1; c <= columnCount; c++) {
      const cell = row.getCell(c);
      const raw = cell.value as unknown;
      const formula =
        raw && typeof raw === "object" && "formula" in (raw as object)
          ? String((raw as { formula: unknown }).formula)
          : undefined;
      const fill = cell.fill && cell.fill.type === "pattern" ? hexOf(cell.fill.fgColor?.argb) : undefined;
      const h = cell.alignment?.horizontal;
      cells.push({
        value: plainValue(raw),
        numFmt: cell.numFmt || undefined,
        bold: cell.font?.bold || undefined,
        italic: cell.font?.italic || undefined,
        fontColor: hexOf(cell.font?.color?.argb),
        fill,
        align: h === "left" || h === "center" || h === "right" ? h : undefined,
        formula,
      });
    }
    rows.push(cells);
  }
  const headerRows: number[] = [];
  const tables = (ws as unknown as { getTables?: () => unknown[] }).getTables?.() ?? [];
  for (const entry of tables) {
    const t = (Array.isArray(entry) ? entry[0] : entry) as {
      table?: { tableRef?: string; ref?: string };
      tableRef?: string;
      ref?: string;
    };
    const ref = t?.table?.tableRef ?? t?.table?.ref ?? t?.tableRef ?? t?.ref;
    const m = ref ? /^[A-Z]+(\d+)/.exec(ref) : null;
    if (m) headerRows.push(Number(m[1]));
  }
  const frozen = ws.views?.find((v) => v.state === "frozen") as { ySplit?: number } | undefined;
  const columnWidths: number[] = [];
  for (let c = 1; c <= columnCount; c++) columnWidths.push(ws.getColumn(c).width ?? 9);
  const charts = wb.chartsOf(name).map((c) => c.title);
  return { name, rowCount, columnCount, columnWidths, rows, headerRows, frozenRows: frozen?.ySplit ?? 0, charts };
}

/** Triggers a browser download of the workbook as an .xlsx file. */
export async function downloadWorkbook(wb: FileWorkbook, fileName = "bpo-desk-workbench.xlsx"): Promise<void> {
  const bytes = await wb.toXlsx();
  const blob = new Blob([bytes as BlobPart], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** The name a workbook opened from `source` downloads under: "bank.csv" -> "bank (bpo-desk).xlsx". */
export function downloadName(source: string | null): string {
  if (!source) return "bpo-desk-workbench.xlsx";
  return `${source.replace(/\.(xlsx|xlsm|csv)$/i, "")} (bpo-desk).xlsx`;
}
