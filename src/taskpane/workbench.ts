/**
 * The workbench: the taskpane running in a plain browser against an in-browser demo workbook
 * (the bundled sample, written through the same FileWorkbook adapter the CLI uses). Loaded lazily,
 * so the file adapter never ships to Excel users' start-up path.
 */
import { generateSample, sampleSheets } from "../core/sample/index";
import { FileWorkbook, type SheetPreview } from "../workbook/file";
import { KNOWN_FILE } from "../workbook/extensions";

export { workbookFromBytes } from "../workbook/file";

/** Builds the demo workbook: one sheet (and Excel table) per sample table. */
export async function createDemoWorkbook(): Promise<FileWorkbook> {
  const wb = new FileWorkbook();
  for (const spec of sampleSheets(generateSample())) await wb.write(spec);
  return wb;
}

export type { PreviewCell, SheetPreview } from "../workbook/file";

/** A grid of the first rows of a sheet with the styles the preview can show. */
export function previewSheet(wb: FileWorkbook, name: string, maxRows = 200, maxCols = 40): SheetPreview | null {
  return wb.preview(name, maxRows, maxCols);
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
  return `${source.replace(KNOWN_FILE, "")} (bpo-desk).xlsx`;
}
