/**
 * Files on disk for the CLI and the tests (Node only; the browser workbench uses file.ts directly).
 * A SOURCE is `book.xlsx` (first sheet), `book.xlsx#SheetOrTableName` or `file.csv`.
 */
import { promises as fs } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import type { TableData } from "../core/table";
import { workbookFromBytes, type FileWorkbook } from "./file";
import { fsProblem } from "./fs-problem";
import { WorkbookError } from "./port";
import { formatOfName, openForReading, readPart } from "./read";
import { SOURCE_PART } from "./extensions";
import { setCodec } from "./zip";

// On Node, packages are inflated and deflated by zlib (native, several times faster than fflate).
setCodec({
  inflate: (raw, size) => zlib.inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) }),
  deflate: (data, level) => zlib.deflateRawSync(data, { level }),
  deflatePiece: (data, level, last) =>
    zlib.deflateRawSync(data, { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }),
  // zlib.crc32 is in Node 20.15 and later.
  crc32:
    typeof (zlib as { crc32?: unknown }).crc32 === "function"
      ? (data, crc) => (zlib as unknown as { crc32(d: Uint8Array, c: number): number }).crc32(data, crc)
      : undefined,
});

async function readBytes(file: string): Promise<Buffer> {
  try {
    const st = await fs.stat(file);
    if (st.isDirectory())
      throw new WorkbookError(`${file} is a folder, not a file. Give the path of a file.`, "not-found");
    return await fs.readFile(file);
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new WorkbookError(`File not found: ${file}. Check the path.`, "not-found");
    throw fsProblem(e, "read", file);
  }
}

/** Open a workbook or CSV file (kind by its name, checked against its content). */
export async function openWorkbookFile(file: string): Promise<FileWorkbook> {
  formatOfName(file);
  return workbookFromBytes(file, await readBytes(file));
}

/**
 * Save a workbook: .xlsx, or .xlsm for a book with macros (the extension must say what the package is, or
 * Excel refuses to open it). The folder is created; a temp file is renamed into place, so a failure leaves
 * nothing half-written.
 */
export async function saveWorkbookFile(wb: FileWorkbook, file: string): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".xlsx" && ext !== ".xlsm")
    throw new WorkbookError(`Cannot save to ${file}: the output must be an .xlsx file.`, "bad-input");
  if (wb.macroEnabled && ext !== ".xlsm")
    throw new WorkbookError(
      `Cannot save to ${file}: the workbook has macros, so its copy must be an .xlsm file; name the output .xlsm.`,
      "bad-input",
    );
  if (!wb.macroEnabled && ext === ".xlsm")
    throw new WorkbookError(`Cannot save to ${file}: the workbook has no macros; name the output .xlsx.`, "bad-input");
  const bytes = await wb.toXlsx();
  const dir = path.dirname(path.resolve(file));
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    throw fsProblem(e, "create the folder for", file);
  }
  const tmp = path.join(dir, `.${path.basename(file).slice(0, 40)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw fsProblem(e, "write", file);
  }
}

export { fsProblem };

/** Split a SOURCE into the file and the optional #SheetOrTableName. */
export function parseSource(source: string): { file: string; part: string | null } {
  // The part starts at the first "#" after a workbook extension, so a sheet name may itself hold "#".
  const m = SOURCE_PART.exec(source);
  return m ? { file: m[1], part: m[2] || null } : { file: source, part: null };
}

/** Read a SOURCE (the CLI's syntax) as a table: straight from the file's bytes, no workbook model. */
export async function readSource(source: string, cwd: string = process.cwd()): Promise<TableData> {
  const { file, part } = parseSource(source);
  const full = path.resolve(cwd, file);
  formatOfName(file);
  if (formatOfName(file) === "csv" && part !== null)
    throw new WorkbookError(`A CSV file has no sheets: use ${file} without "#${part}".`, "bad-input");
  const book = await openForReading(file, await readBytes(full));
  return readPart(book, file, part);
}
