/**
 * The read path: a file's bytes straight into the engines' TableData, without a workbook object model.
 * What the bytes are is told by their content, not their name: an .xlsx/.xlsm package (scanned by
 * xlsx-read.ts), a legacy .xls/.xlsb/.ods (legacy.ts), or CSV text (csv.ts). A file whose content is not
 * what its name says, an encrypted workbook, or a zip that is no workbook is refused with a message that
 * names what it is. The same finding rules serve FileWorkbook.read (tables by name first, then sheets;
 * a sheet's header row by a1.ts headerRowOf). No Node modules: the workbench reads files in the page.
 */
import type { CellValue } from "../core/sheet-spec";
import type { TableData } from "../core/table";
import { emptySheet, notFound, parseRange, sameName, tableFromGrid, tableFromTableGrid } from "./a1";
import {
  csvColumnCell,
  csvColumnsGrid,
  readCsvLazily,
  separatorName,
  type CsvColumns,
  type CsvColumnsRead,
  type CsvRead,
} from "./csv";
import { lazyTable } from "../core/recon/cells";
import { EncryptedError, readLegacyBook } from "./legacy";
import type { TableInfo } from "./port";
import { WorkbookError } from "./port";
import { PackageError, XlsxPackage, gridOf, lowerBound, rowOf, type SheetCells, type TablePart } from "./xlsx-read";
import { looksLikeZip } from "./zip";
import { TEXT_EXTENSIONS, TEXT_FILE } from "./extensions";

/** A sheet as the read rules see it: its name, its cells (read when first asked) and its Excel tables. */
export interface ReadableSheet {
  name: string;
  visible: boolean;
  cells(): SheetCells;
  tables(): readonly TablePart[];
}

export type FileFormat = "xlsx" | "xls" | "xlsb" | "ods" | "csv";

const SUPPORTED = "Use an .xlsx, .xlsm, .xls, .xlsb or .ods workbook, or a .csv (or tab-separated .tsv/.txt) file.";

/** The format a file name says, or a WorkbookError saying what to use instead. */
export function formatOfName(file: string): FileFormat {
  const ext = (/\.[^./\\]*$/.exec(file)?.[0] ?? "").toLowerCase();
  if ((TEXT_EXTENSIONS as readonly string[]).includes(ext)) return "csv";
  switch (ext) {
    case ".xlsx":
    case ".xlsm":
      return "xlsx";
    case ".xls":
      return "xls";
    case ".xlsb":
      return "xlsb";
    case ".ods":
      return "ods";
  }
  throw new WorkbookError(`Cannot open ${file}: unsupported file type "${ext || "(none)"}". ${SUPPORTED}`, "bad-input");
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(b: Uint8Array, magic: readonly number[]): boolean {
  return b.length >= magic.length && magic.every((x, i) => b[i] === x);
}

/** Whether the UTF-16LE form of `name` occurs in `b` (a stream name in a compound file's directory). */
function hasUtf16Name(b: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  outer: for (let i = b.indexOf(first); i >= 0 && i + name.length * 2 <= b.length; i = b.indexOf(first, i + 1)) {
    for (let k = 0; k < name.length; k++)
      if (b[i + 2 * k] !== name.charCodeAt(k) || b[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** What a file's bytes are, by their content. */
export type Content =
  | { kind: "zip" }
  | { kind: "encrypted" }
  | { kind: "cfb"; what: "xls" | "doc" | "ppt" | "other" }
  | { kind: "text" }
  | { kind: "binary" };

export function contentOf(b: Uint8Array): Content {
  if (looksLikeZip(b)) return { kind: "zip" };
  if (startsWith(b, CFB_MAGIC)) {
    // An encrypted OOXML workbook is a compound file with these two streams (MS-OFFCRYPTO 2.3.4).
    if (hasUtf16Name(b, "EncryptedPackage") && hasUtf16Name(b, "EncryptionInfo")) return { kind: "encrypted" };
    if (hasUtf16Name(b, "Workbook") || hasUtf16Name(b, "Book")) return { kind: "cfb", what: "xls" };
    if (hasUtf16Name(b, "WordDocument")) return { kind: "cfb", what: "doc" };
    if (hasUtf16Name(b, "PowerPoint Document")) return { kind: "cfb", what: "ppt" };
    return { kind: "cfb", what: "other" };
  }
  // BIFF2-4 worksheets start with a BOF record.
  if (b.length >= 4 && b[0] === 0x09 && (b[1] === 0x00 || b[1] === 0x02 || b[1] === 0x04) && b[3] === 0x00)
    return { kind: "cfb", what: "xls" };
  const n = Math.min(b.length, 4096);
  let zeros = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) zeros++;
  // UTF-16 text has a zero in every other byte; other binary data has them scattered, or few.
  if (zeros === 0 || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || zeros > n * 0.3)
    return { kind: "text" };
  return { kind: "binary" };
}

/** The message for an encrypted workbook. */
export function passwordProtected(file: string): WorkbookError {
  return new WorkbookError(
    `${file} is password-protected (encrypted), so it cannot be read. Open it in Excel, remove the password ` +
      `(File > Info > Protect Workbook > Encrypt with Password), save it, and run again.`,
    "unreadable",
  );
}

/**
 * Refuse bytes that are not what the file's name says, naming what they are. Returns the format to read
 * them as.
 */
export function checkContent(file: string, format: FileFormat, b: Uint8Array): FileFormat {
  const c = contentOf(b);
  if (c.kind === "encrypted") throw passwordProtected(file);
  const named = (what: string, fix: string) =>
    new WorkbookError(`${file} is ${what}, not ${articleOf(format)}; ${fix}`, "unreadable");
  if (format === "csv") {
    if (c.kind === "zip")
      throw named("a zip archive (an .xlsx workbook or another Office file)", "rename it to what it is, e.g. .xlsx.");
    if (c.kind === "cfb")
      throw named(
        c.what === "xls" ? "an old binary Excel workbook (.xls)" : "a binary Office file",
        "rename it to what it is, e.g. .xls.",
      );
    if (c.kind === "binary")
      throw named("binary data", "export the data as CSV (UTF-8), or open the file in the program that made it.");
    return "csv";
  }
  if (format === "xlsx") {
    if (c.kind === "zip") return "xlsx";
    if (c.kind === "cfb")
      throw named(
        c.what === "xls" ? "an old binary Excel workbook (.xls)" : "a binary Office file",
        c.what === "xls"
          ? "rename it to .xls, or open it in Excel and save it as .xlsx."
          : "open it in Excel and save it as .xlsx.",
      );
    if (c.kind === "text")
      throw named(
        "a text file (CSV or HTML?)",
        "rename it to .csv if it is CSV, or open it in Excel and save it as .xlsx.",
      );
    throw named(
      "not a workbook (it may be corrupt, or another format renamed)",
      "open it in Excel and save it as .xlsx.",
    );
  }
  // .xls, .xlsb, .ods: SheetJS reads what their names say (and .xls exported as HTML or text).
  if (c.kind === "zip" && format === "xls")
    throw named("a zip package (an .xlsx workbook or an .ods spreadsheet?)", "rename it to .xlsx (or .ods).");
  if (c.kind === "cfb" && c.what !== "xls" && format === "xls")
    throw named("a binary Office file that is not a workbook", "open it in the program that made it.");
  return format;
}

function articleOf(format: FileFormat): string {
  return format === "csv" ? "a CSV text file" : format === "xlsx" ? "an .xlsx workbook" : `an .${format} workbook`;
}

/** Excel tables first (by name, case-insensitive), then sheets (an exact name first, then trimmed and case-insensitive). */
export function findIn(
  sheets: readonly ReadableSheet[],
  source: string,
  csvName: string | null,
): { sheet: ReadableSheet; table: TablePart | null } {
  const wanted = source.trim();
  for (const s of sheets)
    for (const t of s.tables()) if (t.name.toLowerCase() === wanted.toLowerCase()) return { sheet: s, table: t };
  // A sheet named " Data " is found as listed, and as "Data".
  const sheet =
    sheets.find((s) => s.name === source) ??
    sheets.find((s) => sameName(s.name, source)) ??
    sheets.find((s) => sameName(s.name.trim(), wanted)) ??
    (csvName !== null && sheets.length === 1 && (sameName(wanted, csvName) || sameName(wanted + ".csv", csvName))
      ? sheets[0]
      : undefined);
  if (sheet) return { sheet, table: null };
  throw notFound(
    source,
    sheets.flatMap((s) => s.tables().map((t) => t.name)),
    sheets.map((s) => (s.name.trim() !== s.name ? `"${s.name}"` : s.name)),
  );
}

/** A sheet's used range read as a table (header row below title lines); null when it holds nothing. */
export function readSheetTable(sheet: ReadableSheet, csvName: string | null): TableData | null {
  const cells = sheet.cells();
  if (!cells.rowNumbers.length) return null;
  const top = cells.rowNumbers[0];
  const bottom = cells.rowNumbers[cells.rowNumbers.length - 1];
  return tableFromGrid(gridOf(cells, top, bottom), top, 1, csvName ?? sheet.name, csvName !== null ? "" : sheet.name);
}

/** An Excel table read by its own ref: its header row (or column names) and its body, totals row left out. */
export function readTablePart(sheet: ReadableSheet, t: TablePart): TableData {
  const cells = sheet.cells();
  const r = parseRange(t.ref);
  const hasHeader = t.headerRowCount !== 0;
  const header: CellValue[] = hasHeader ? rowOf(cells, r.top, r.left, r.right) : t.columns.slice();
  const bodyTop = hasHeader ? r.top + 1 : r.top;
  const bodyBottom = r.bottom - (t.totalsRowCount > 0 ? t.totalsRowCount : 0);
  const body: CellValue[][] = [];
  const blank: CellValue[] = [];
  for (let row = bodyTop; row <= bodyBottom; row++) {
    const k = lowerBound(cells.rowNumbers, row);
    body.push(k < cells.rowNumbers.length && cells.rowNumbers[k] === row ? rowOf(cells, row, r.left, r.right) : blank);
  }
  return tableFromTableGrid(header, body, bodyTop - 1, r.left, t.name, sheet.name);
}

/** Read a source (table or sheet name) of a list of sheets. */
export function readFrom(sheets: readonly ReadableSheet[], source: string, csvName: string | null): TableData {
  const hit = findIn(sheets, source, csvName);
  if (hit.table) return readTablePart(hit.sheet, hit.table);
  const d = readSheetTable(hit.sheet, csvName);
  if (!d) throw emptySheet(hit.sheet.name);
  return d;
}

/** Excel tables first, then sheets whose used range starts with a header row. */
export function tableInfosOf(sheets: readonly ReadableSheet[], csvName: string | null): TableInfo[] {
  const out: TableInfo[] = [];
  for (const s of sheets)
    for (const t of s.tables()) {
      const d = readTablePart(s, t);
      out.push({ name: t.name, sheet: s.name, kind: "table", headers: d.headers, rowCount: d.rows.length });
    }
  for (const s of sheets) {
    const d = readSheetTable(s, csvName);
    if (d) out.push({ name: d.name, sheet: s.name, kind: "range", headers: d.headers, rowCount: d.rows.length });
  }
  return out;
}

/** A file opened for reading only. */
export interface ReadBook {
  format: FileFormat;
  /** Worksheets in tab order (chart sheets and other kinds left out). */
  sheets: ReadableSheet[];
  /** For a CSV file: its file name (TableData.name), else null. */
  csvName: string | null;
  csv?: Omit<CsvRead, "grid">;
  /** The package, for an .xlsx/.xlsm file. */
  pkg?: XlsxPackage;
  /**
   * For a regular comma-separated file (CsvColumns): its table with cells made when read, as readPart
   * would read it from the sheet; null when that needs the general rules (title lines, blank headers).
   */
  csvTable?: () => TableData | null;
}

/** Sheets of a package, each scanned when first read. */
export function packageSheets(pkg: XlsxPackage): ReadableSheet[] {
  return pkg.sheets
    .filter((s) => s.kind === "worksheet")
    .map((s) => {
      let cells: SheetCells | null = null;
      return {
        name: s.name,
        visible: s.state === "visible",
        cells: () => (cells ??= pkg.cellsOf(s)),
        tables: () => pkg.tablesOf(s),
      };
    });
}

function fixedSheet(name: string, visible: boolean, cells: SheetCells): ReadableSheet {
  return { name, visible, cells: () => cells, tables: () => [] };
}

/** The file name without its folder. */
export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
}

/** Open a package, turning a PackageError into a message that names the file and what it is. */
export function openPackage(file: string, bytes: Uint8Array): XlsxPackage {
  try {
    return new XlsxPackage(bytes);
  } catch (e) {
    if (!(e instanceof PackageError)) throw e;
    if (e.what === "not-workbook") {
      const fix = /\.ods\)/.test(e.message)
        ? "rename it to .ods."
        : /\.xlsb\)/.test(e.message)
          ? "rename it to .xlsb."
          : "give an .xlsx workbook.";
      throw new WorkbookError(`${file} is ${e.message}, not an .xlsx workbook; ${fix}`, "unreadable");
    }
    throw new WorkbookError(
      `${file} is not a valid .xlsx workbook (${e.message}); it may be corrupt. Open it in Excel and save it as .xlsx.`,
      "unreadable",
    );
  }
}

/** Open a file's bytes for reading, by its name and what its content is. */
export async function openForReading(file: string, bytes: Uint8Array): Promise<ReadBook> {
  const format = checkContent(file, formatOfName(file), bytes);
  if (format === "csv") {
    let csv: CsvRead | CsvColumnsRead;
    try {
      csv = readCsvLazily(bytes);
    } catch (e) {
      if (e instanceof WorkbookError) throw new WorkbookError(`${file}: ${e.message}`, e.code);
      throw e;
    }
    const name = baseName(file);
    const sheetName = name.replace(TEXT_FILE, "") || "Sheet1";
    const dialect = { separator: csv.separator, encoding: csv.encoding, decimalComma: csv.decimalComma };
    const gridCells = (grid: CellValue[][]): SheetCells => ({
      rowNumbers: grid.map((_, i) => i + 1),
      rows: grid,
      merges: [],
    });
    if ("columns" in csv) {
      const columns = csv.columns;
      let cells: SheetCells | null = null;
      return {
        format,
        csvName: name,
        csv: dialect,
        sheets: [
          {
            name: sheetName,
            visible: true,
            cells: () => (cells ??= gridCells(csvColumnsGrid(columns))),
            tables: () => [],
          },
        ],
        csvTable: () => csvColumnsTable(columns, name),
      };
    }
    return { format, csvName: name, csv: dialect, sheets: [fixedSheet(sheetName, true, gridCells(csv.grid))] };
  }
  if (format === "xlsx") {
    const pkg = openPackage(file, bytes);
    return { format, csvName: null, sheets: packageSheets(pkg), pkg };
  }
  try {
    const sheets = await readLegacyBook(bytes);
    return { format, csvName: null, sheets: sheets.map((s) => fixedSheet(s.name, s.visible, s.cells)) };
  } catch (e) {
    if (e instanceof EncryptedError) throw passwordProtected(file);
    throw new WorkbookError(
      `${file} is not a readable .${format} workbook (${(e as Error).message}); open it in Excel and save it as .xlsx.`,
      "unreadable",
    );
  }
}

function isBlankValue(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/**
 * The table of a CSV file read as columns, exactly as tableFromGrid reads its grid when the header is
 * line 1 with every header cell filled (then that line is the header and the table spans every column):
 * the headers, the records below down to the last one not blank, rows from row 2. Its rows are built
 * only when read (src/core/recon/cells.ts). null for any other file (tableFromGrid decides those).
 */
export function csvColumnsTable(t: CsvColumns, name: string): TableData | null {
  if (t.width < 2 || t.count < 2) return null;
  const headers: string[] = [];
  for (let c = 0; c < t.width; c++) {
    const v = csvColumnCell(t, 0, c);
    if (isBlankValue(v)) return null;
    headers.push(String(v).trim());
  }
  let last = t.count - 1;
  const blankRecord = (r: number) => {
    for (let c = 0; c < t.width; c++) if (!isBlankValue(csvColumnCell(t, r, c))) return false;
    return true;
  };
  while (last > 0 && blankRecord(last)) last--;
  return lazyTable(
    { name, sheet: "", headers, firstRow: 2, firstColumn: 1 },
    last,
    t.width,
    (i, c) => csvColumnCell(t, i + 1, c),
    t,
  );
}

/** The table a SOURCE names: `part` (a sheet or table), else the first visible worksheet (or the CSV). */
export function readPart(book: ReadBook, file: string, part: string | null): TableData {
  if (book.format === "csv" && part !== null)
    throw new WorkbookError(`A CSV file has no sheets: use ${file} without "#${part}".`, "bad-input");
  try {
    if (part !== null) return readFrom(book.sheets, part, book.csvName);
    const lazy = book.csvTable?.();
    if (lazy) return lazy;
    const first = book.sheets.find((s) => s.visible) ?? book.sheets[0];
    if (!first) throw new WorkbookError(`${file} has no sheets. Add a sheet with a header row.`, "bad-input");
    const d = readSheetTable(first, book.csvName);
    if (!d) {
      if (book.format === "csv")
        throw new WorkbookError(
          `${file} is empty: it needs a header line first, then one line per record.`,
          "bad-input",
        );
      throw emptySheet(first.name);
    }
    return d;
  } catch (e) {
    if (e instanceof WorkbookError && !e.message.startsWith(file))
      throw new WorkbookError(`${file}: ${e.message}`, e.code);
    throw e;
  }
}

/** How a CSV file was read, for a note: "';'-separated, decimal commas, Windows-1252". Empty for plain UTF-8 CSV. */
export function csvDialectNote(book: ReadBook): string {
  if (!book.csv) return "";
  const parts: string[] = [];
  if (book.csv.separator !== ",") parts.push(`${separatorName(book.csv.separator)}-separated`);
  if (book.csv.decimalComma) parts.push("decimal commas");
  if (book.csv.encoding !== "utf-8")
    parts.push(book.csv.encoding === "windows-1252" ? "Windows-1252" : book.csv.encoding.toUpperCase());
  return parts.join(", ");
}
