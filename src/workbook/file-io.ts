/**
 * Files on disk for the CLI and the tests (Node only; the browser workbench uses file.ts directly).
 * A SOURCE is `book.xlsx` (first sheet), `book.xlsx#SheetOrTableName` or `file.csv`.
 */
import { promises as fs } from "fs";
import * as path from "path";
import type { TableData } from "../core/table";
import { FileWorkbook } from "./file";
import { WorkbookError } from "./port";

const SUPPORTED = "Use an .xlsx workbook or a .csv file (UTF-8, header row first).";

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
    if (code === "EACCES" || code === "EPERM")
      throw new WorkbookError(`Cannot read ${file}: permission denied. Check the file's permissions.`, "unreadable");
    throw new WorkbookError(`Cannot read ${file}: ${(e as Error).message}.`, "unreadable");
  }
}

/**
 * Text of a CSV file: UTF-8 (the contract), UTF-16 when it starts with a UTF-16 byte-order mark
 * (Excel's "Unicode text"), and Windows-1252 for the "CSV" older Excel and many banks export,
 * recognised by bytes that are not valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** 0x80-0x9F of Windows-1252 (the rest is Latin-1); Node's TextDecoder may lack this table. */
const CP1252 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

/** Open an .xlsx or .csv file by its extension. */
export async function openWorkbookFile(file: string): Promise<FileWorkbook> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== ".xlsx" && ext !== ".xlsm" && ext !== ".csv") {
    if (ext === ".xls")
      throw new WorkbookError(`${file} is an old .xls workbook. Open it in Excel and save it as .xlsx.`, "bad-input");
    throw new WorkbookError(
      `Cannot open ${file}: unsupported file type "${ext || "(none)"}". ${SUPPORTED}`,
      "bad-input",
    );
  }
  const bytes = await readBytes(file);
  if (ext === ".csv") {
    const text = decodeText(bytes);
    if (text.includes("\u0000"))
      throw new WorkbookError(`${file} is not a text CSV file (it contains binary data). ${SUPPORTED}`, "unreadable");
    try {
      return FileWorkbook.fromCsv(text, path.basename(file));
    } catch (e) {
      if (e instanceof WorkbookError) throw new WorkbookError(`${file}: ${e.message}`, e.code);
      throw e;
    }
  }
  // An .xlsx is a zip: "PK" first. Anything else (a CSV renamed, an .xls, a truncated download) is refused clearly.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new WorkbookError(
      `${file} is not a valid .xlsx workbook (it may be corrupt, or another format renamed). Open it in Excel and save it as .xlsx.`,
      "unreadable",
    );
  try {
    return await FileWorkbook.fromXlsx(bytes);
  } catch (e) {
    if (e instanceof WorkbookError)
      throw new WorkbookError(
        `${file} is not a valid .xlsx workbook (it may be corrupt). Open it in Excel and save it as .xlsx.`,
        "unreadable",
      );
    throw e;
  }
}

/** Save as .xlsx: the directory is created; a temp file is renamed into place, so a failure leaves nothing half-written. */
export async function saveWorkbookFile(wb: FileWorkbook, file: string): Promise<void> {
  if (path.extname(file).toLowerCase() !== ".xlsx")
    throw new WorkbookError(`Cannot save to ${file}: the output must be an .xlsx file.`, "bad-input");
  const bytes = await wb.toXlsx();
  const dir = path.dirname(path.resolve(file));
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new WorkbookError(
      `Cannot write ${file}: ${(e as Error).message}. Check the folder exists and is writable.`,
      "unreadable",
    );
  }
}

/** Split a SOURCE into the file and the optional #SheetOrTableName. */
export function parseSource(source: string): { file: string; part: string | null } {
  // The part starts at the first "#" after a workbook extension, so a sheet name may itself hold "#".
  const m = /^(.*?\.(?:xlsx|xlsm|csv))#(.*)$/i.exec(source);
  return m ? { file: m[1], part: m[2] || null } : { file: source, part: null };
}

/** Read a SOURCE (the CLI's syntax) as a table. */
export async function readSource(source: string, cwd: string = process.cwd()): Promise<TableData> {
  const { file, part } = parseSource(source);
  const full = path.resolve(cwd, file);
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" && part !== null)
    throw new WorkbookError(`A CSV file has no sheets: use ${file} without "#${part}".`, "bad-input");
  const wb = await openWorkbookFile(full);
  try {
    if (part !== null) return await wb.read(part);
    const first = wb.book.worksheets[0];
    if (!first) throw new WorkbookError(`${file} has no sheets. Add a sheet with a header row.`, "bad-input");
    return await wb.read(ext === ".csv" ? path.basename(file) : first.name);
  } catch (e) {
    if (e instanceof WorkbookError && e.code === "bad-input" && /is empty/.test(e.message) && ext === ".csv")
      throw new WorkbookError(`${file} is empty: it needs a header line first, then one line per record.`, "bad-input");
    if (e instanceof WorkbookError) throw new WorkbookError(`${file}: ${e.message}`, e.code);
    throw e;
  }
}
