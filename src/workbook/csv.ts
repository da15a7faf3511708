/**
 * CSV files (RFC 4180): quoted fields with embedded separators, newlines and doubled quotes, CRLF or LF
 * line ends, a byte-order mark stripped. The header is line 1.
 *
 * What banks and older Excel versions export is detected: the encoding (UTF-8 with or without a BOM,
 * UTF-16 LE/BE, Windows-1252 when the bytes are not valid UTF-8), the separator (`,` `;` tab or `|`),
 * and decimal commas in `;`- or tab-separated files (`-1.234,56` is read as `-1234.56`). What cannot be
 * decided is refused with a message naming what was found.
 *
 * A cell becomes a number only when it is written exactly as JavaScript prints that number
 * (String(Number(s)) === s), so "00123", "1,234.50" or "1e3" stay text for the engines to parse
 * with their own rules (src/core/money.ts, src/core/dates.ts).
 */
import type { CellValue } from "../core/sheet-spec";
import { HEADER_SCAN, headerRowOf } from "./a1";
import { WorkbookError } from "./port";

export type Separator = "," | ";" | "\t" | "|";

const SEPARATORS: readonly Separator[] = [",", ";", "\t", "|"];

/** How a separator is named in a message. */
export function separatorName(sep: Separator): string {
  return sep === "\t" ? "tab" : `"${sep}"`;
}

function unclosed(): WorkbookError {
  return new WorkbookError("The CSV file has a quoted field that is never closed; check its quotes.", "unreadable");
}

/**
 * One record starting at `i` with quotes (the slow path): returns the fields and where the next record
 * starts. Text after a closing quote (`"a"b`) is kept, as spreadsheet programs do.
 */
function quotedRecord(s: string, i: number, sep: string): { fields: string[]; next: number } {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  const n = s.length;
  for (;;) {
    if (i >= n) {
      fields.push(field);
      return { fields, next: n };
    }
    const c = s[i];
    if (c === '"' && field === "" && !quoted) {
      quoted = true;
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) throw unclosed();
        field += s.slice(i, q);
        if (s[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else if (c === sep) {
      fields.push(field);
      field = "";
      quoted = false;
      i++;
    } else if (c === "\n" || c === "\r") {
      fields.push(field);
      return { fields, next: c === "\r" && s[i + 1] === "\n" ? i + 2 : i + 1 };
    } else {
      let j = i + 1;
      while (j < n) {
        const d = s[j];
        if (d === sep || d === "\n" || d === "\r") break;
        j++;
      }
      field += s.slice(i, j);
      i = j;
    }
  }
}

/**
 * Split CSV text into records of raw field strings. A line without quotes is split natively (the fast
 * path, most lines of an export); a line with quotes is read character by character, across line breaks.
 */
export function parseCsvRecords(text: string, sep: Separator = ","): string[][] {
  return splitRecords(text, sep, false) as string[][];
}

/**
 * The records of a CSV text, each field a raw string or (with `cells`) already the cell it reads as
 * (csvCell), so a large file's fields are not kept twice. Each record's array is made the width of the
 * record before it (the width of most lines), not grown field by field.
 */
function splitRecords(text: string, sep: Separator, cells: boolean): (string | CellValue)[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: (string | CellValue)[][] = [];
  const n = s.length;
  // Old Mac files end lines with CR alone.
  const nl = s.indexOf("\n") < 0 && s.indexOf("\r") >= 0 ? "\r" : "\n";
  let i = 0;
  let width = 1;
  // The next quote, looked up again only once passed (a file without quotes is searched once).
  let q = s.indexOf('"');
  if (q < 0) q = n;
  while (i < n) {
    let e = s.indexOf(nl, i);
    if (e < 0) e = n;
    const lineEnd = nl === "\n" && e > i && s.charCodeAt(e - 1) === 13 ? e - 1 : e;
    if (q < i) {
      q = s.indexOf('"', i);
      if (q < 0) q = n;
    }
    if (q >= lineEnd) {
      // Fields sliced straight out of the text (no intermediate line string).
      const fields: (string | CellValue)[] = new Array(width);
      let k = 0;
      let a = i;
      for (let b = s.indexOf(sep, a); b >= 0 && b < lineEnd; b = s.indexOf(sep, a)) {
        const f = s.slice(a, b);
        if (k < width) fields[k] = cells ? csvCell(f) : f;
        else fields.push(cells ? csvCell(f) : f);
        k++;
        a = b + 1;
      }
      const f = s.slice(a, lineEnd);
      if (k < width) fields[k] = cells ? csvCell(f) : f;
      else fields.push(cells ? csvCell(f) : f);
      k++;
      if (k < width) fields.length = k;
      width = k;
      records.push(fields);
      i = e + 1;
    } else {
      const r = quotedRecord(s, i, sep);
      if (cells) for (let j = 0; j < r.fields.length; j++) (r.fields as CellValue[])[j] = csvCell(r.fields[j]);
      records.push(r.fields);
      i = r.next;
    }
  }
  return records;
}

/**
 * A comma-separated file whose records all have the same number of fields, kept as its text and where
 * each field is in it: the cells are made when read (csvColumnCell), not all at once.
 */
export interface CsvColumns {
  text: string;
  /** Fields per record. */
  width: number;
  /** Records, the header line (record 0) included. */
  count: number;
  /** Field f (record r, column c: f = r × width + c) is text.slice(start[f], end[f]); start -1: quoted. */
  start: Int32Array;
  end: Int32Array;
  /** The value of each quoted field (quotes taken off, doubled quotes undone), by field number. */
  quoted: Map<number, string>;
  /**
   * What each field was found to be when first read: 0 not read yet, 1 blank (null), 2 text, 3 a number
   * (in `value`). A field is read several times (the detector, then the matching): its number is kept,
   * a text is sliced again (kept, a million texts would live as long as the table).
   */
  kind: Uint8Array;
  value: Float64Array;
}

/**
 * The fields of a comma-separated text as offsets (CsvColumns), the same records and fields
 * splitRecords finds; null when a record has another number of fields than the first (blank lines,
 * ragged rows), which splitRecords then reads.
 */
function columnsOf(text: string, sep: Separator): CsvColumns | null {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = s.length;
  const nl = s.indexOf("\n") < 0 && s.indexOf("\r") >= 0 ? "\r" : "\n";
  let lines = 1;
  for (let e = s.indexOf(nl); e >= 0; e = s.indexOf(nl, e + 1)) lines++;
  let width = -1;
  let start = new Int32Array(0);
  let end = new Int32Array(0);
  const quoted = new Map<number, string>();
  let f = 0;
  let count = 0;
  let i = 0;
  let q = s.indexOf('"');
  if (q < 0) q = n;
  while (i < n) {
    let e = s.indexOf(nl, i);
    if (e < 0) e = n;
    const lineEnd = nl === "\n" && e > i && s.charCodeAt(e - 1) === 13 ? e - 1 : e;
    if (q < i) {
      q = s.indexOf('"', i);
      if (q < 0) q = n;
    }
    if (q >= lineEnd) {
      if (width < 0) {
        width = 1;
        for (let b = s.indexOf(sep, i); b >= 0 && b < lineEnd; b = s.indexOf(sep, b + 1)) width++;
        start = new Int32Array(lines * width);
        end = new Int32Array(lines * width);
      }
      const last = f + width - 1;
      let a = i;
      for (let b = s.indexOf(sep, a); b >= 0 && b < lineEnd; b = s.indexOf(sep, a)) {
        if (f >= last) return null;
        start[f] = a;
        end[f++] = b;
        a = b + 1;
      }
      if (f !== last) return null;
      start[f] = a;
      end[f++] = lineEnd;
      i = e + 1;
    } else {
      const r = quotedRecord(s, i, sep);
      if (width < 0) {
        width = r.fields.length;
        start = new Int32Array(lines * width);
        end = new Int32Array(lines * width);
      }
      if (r.fields.length !== width) return null;
      for (const v of r.fields) {
        start[f] = -1;
        quoted.set(f++, v);
      }
      i = r.next;
    }
    count++;
  }
  return {
    text: s,
    width: Math.max(width, 0),
    count,
    start,
    end,
    quoted,
    kind: new Uint8Array(start.length),
    value: new Float64Array(start.length),
  };
}

/** The cell of record r, column c (as csvCell reads the field). */
export function csvColumnCell(t: CsvColumns, r: number, c: number): CellValue {
  const f = r * t.width + c;
  const kind = t.kind[f];
  if (kind === 3) return t.value[f];
  if (kind === 1) return null;
  const a = t.start[f];
  const raw = a >= 0 ? t.text.slice(a, t.end[f]) : (t.quoted.get(f) as string);
  if (kind === 2) return raw;
  const v = csvCell(raw);
  if (v === null) t.kind[f] = 1;
  else if (typeof v === "number") {
    t.kind[f] = 3;
    t.value[f] = v;
  } else t.kind[f] = 2;
  return v;
}

/** Every record's cells, as readCsvBytes gives them. */
export function csvColumnsGrid(t: CsvColumns): CellValue[][] {
  const grid: CellValue[][] = new Array(t.count);
  for (let r = 0; r < t.count; r++) {
    const row: CellValue[] = new Array(t.width);
    for (let c = 0; c < t.width; c++) row[c] = csvColumnCell(t, r, c);
    grid[r] = row;
  }
  return grid;
}

/** Powers of ten that doubles hold exactly. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** The number of a field written exactly as JavaScript prints it (the general rule), else null. */
function printedNumber(s: string): number | null {
  const v = Number(s);
  return Number.isFinite(v) && String(v) === s ? v : null;
}

/**
 * The number a field holds when it is written exactly as JavaScript prints that number, else null.
 * Plain decimals are decided from their characters: JavaScript never prints a leading zero ("007"), a
 * trailing zero after the point ("12.50"), "-0", "1." or ".5"; a decimal of at most 15 significant
 * digits between 1e-6 and 1e21 prints back as written, and its value is the integer of its digits divided
 * once by an exact power of ten (the same double Number() gives). Anything else (exponents, more digits,
 * tiny or huge magnitudes) is checked by printing it.
 */
function canonicalNumber(s: string): number | null {
  const len = s.length;
  const neg = s.charCodeAt(0) === 45;
  let i = neg ? 1 : 0;
  if (i >= len) return null;
  const first = s.charCodeAt(i);
  if (first === 48 && i + 1 < len) {
    if (s.charCodeAt(i + 1) !== 46) return printedNumber(s); // "007" never prints; "0e0"-like text goes the long way
    if (i + 2 >= len) return null; // "0."
  }
  let n = 0;
  let sig = 0;
  let intDigits = 0;
  let scale = -1;
  for (; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (scale >= 0) scale++;
      else intDigits++;
      if (sig === 0 && c === 48) continue;
      n = n * 10 + (c - 48);
      sig++;
    } else if (c === 46 && scale < 0) scale = 0;
    // Only an exponent can make other characters part of a printed number ("1e+21"); "2025-10-06" cannot.
    else return c === 101 || c === 69 ? printedNumber(s) : null;
  }
  if (intDigits === 0 || scale === 0) return null; // ".5", "1."
  if (scale > 0 && s.charCodeAt(len - 1) === 48) return null; // "12.50"
  if (sig === 0) return neg || scale > 0 ? null : 0; // "0"; "-0" and "0.0" do not print so
  if (sig > 15 || scale > 15 || intDigits > 21 || (intDigits === 1 && first === 48 && scale - sig >= 6))
    return printedNumber(s);
  const v = scale > 0 ? n / POW10[scale] : n;
  return neg ? -v : v;
}

/** One CSV field as a cell value: empty -> null; canonical numbers -> number; else the text. */
export function csvCell(s: string): CellValue {
  if (s === "") return null;
  const c = s.charCodeAt(0);
  // Only text starting with a digit or "-" can be a canonical number: skip the rest without parsing.
  if (!((c >= 48 && c <= 57) || c === 45)) return s;
  const n = canonicalNumber(s);
  return n === null ? s : n;
}

/** The grid of cells of a CSV text (row 0 is the header line). */
export function parseCsv(text: string, sep: Separator = ","): CellValue[][] {
  return parseCsvRecords(text, sep).map((r) => r.map(csvCell));
}

/** One field as CSV writes it (quoted when it must be). */
export function csvField(v: CellValue): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly CellValue[][]): string {
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/**
 * Text of a CSV file and the encoding it was in: UTF-8 (the contract; a BOM is dropped), UTF-16 when it
 * starts with a UTF-16 byte-order mark (Excel's "Unicode text") or has the zero bytes of UTF-16 text
 * without one, and Windows-1252 for the "CSV" older Excel and many banks export, recognised by bytes that
 * are not valid UTF-8.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: "windows-1252" };
  }
}

/** Text of a CSV file (see decodeCsvBytes). */
export function decodeText(bytes: Uint8Array): string {
  return decodeCsvBytes(bytes).text;
}

/** UTF-16 text without a BOM: ASCII characters leave a zero byte in every other position. */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length & ~1, 4096);
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd > half * 0.7 && even < half * 0.1) return "utf-16le";
  if (even > half * 0.7 && odd < half * 0.1) return "utf-16be";
  return null;
}

/** 0x80-0x9F of Windows-1252 (the rest is Latin-1); Node's TextDecoder may lack this table. */
const CP1252 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    parts.push(
      String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252.charCodeAt(b - 0x80) : b))),
    );
  }
  return parts.join("");
}

/** Lines looked at to detect the separator. */
const SAMPLE_LINES = 50;

/**
 * The separator of a CSV text: of `,` `;` tab and `|`, the one that splits the most of the first lines
 * into the same number (more than one) of fields. A file where two separators do that equally well is
 * refused naming both; a file none splits is one column.
 */
export function detectSeparator(text: string): Separator {
  const sample: string[] = [];
  let i = 0;
  while (sample.length < SAMPLE_LINES && i < text.length) {
    let e = text.indexOf("\n", i);
    if (e < 0) e = text.length;
    const line = text.slice(i, e).replace(/\r$/, "");
    if (line.trim() !== "") sample.push(line);
    i = e + 1;
  }
  let best: { sep: Separator; support: number; fields: number } | null = null;
  let tie: Separator | null = null;
  for (const sep of SEPARATORS) {
    const counts = new Map<number, number>();
    for (const line of sample) {
      let k;
      try {
        k = quotedRecord(line, 0, sep).fields.length;
      } catch {
        // A quoted field spans lines: count the separators outside quotes roughly.
        k = line.replace(/"[^"]*"/g, "").split(sep).length;
      }
      if (k > 1) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    let fields = 0;
    let support = 0;
    for (const [k, c] of counts) if (c > support || (c === support && k > fields)) [fields, support] = [k, c];
    if (support === 0) continue;
    if (!best || support > best.support || (support === best.support && fields > best.fields)) {
      best = { sep, support, fields };
      tie = null;
    } else if (support === best.support && fields === best.fields) tie = sep;
  }
  if (!best) return ",";
  if (tie && (best.sep === "," || tie === ","))
    throw new WorkbookError(
      `The CSV file could be split by ${separatorName(best.sep)} or by ${separatorName(tie)} (${best.fields} fields per line either way); ` +
        `save it with one separator, or with its text fields in quotes.`,
      "unreadable",
    );
  return best.sep;
}

/** A number written with a decimal comma: optional text and sign, digits grouped by "." or not, ",", decimals. */
const DECIMAL_COMMA = /^(\D*?)([-+]?)(\d{1,3}(?:\.\d{3})+|\d+),(\d+)(\D*)$/;
/** Grouped by "." without decimals ("1.234"): thousands in a decimal-comma column. */
const DOT_GROUPED = /^(\D*?)([-+]?)(\d{1,3}(?:\.\d{3})+)(\D*)$/;
/** A number written with a decimal point that cannot be "." thousands ("12.5", "1,234.56"). */
const DECIMAL_POINT =
  /^\D*?[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)\.(?:\d{1,2}|\d{4,})\D*$|^\D*?[-+]?\d{1,3}(?:,\d{3})+\.\d+\D*$/;
const PLAIN_INTEGER = /^\D*?[-+]?\d+\D*$/;

/**
 * Rewrite the decimal-comma numbers of a `;`- or tab-separated file as the engines read numbers
 * ("-1.234,56" -> "-1234.56", "1.234" -> "1234" in such a column). A column is read this way when nearly
 * all of its values are numbers and some have a decimal comma; a column mixing "1.234,56" and "1,234.56"
 * (or "12.5") is refused naming both. Columns of text, dates ("01.03.2025") or codes are left alone.
 */
export function normaliseDecimalCommas(records: string[][], headerRow = 0): boolean {
  let changed = false;
  const width = records.reduce((w, r) => Math.max(w, r.length), 0);
  const header = records[headerRow] ?? [];
  for (let c = 0; c < width; c++) {
    let numeric = 0;
    let filled = 0;
    let comma: string | null = null;
    let point: string | null = null;
    for (let r = headerRow + 1; r < records.length; r++) {
      const v = (records[r][c] ?? "").trim();
      if (v === "") continue;
      filled++;
      if (DECIMAL_COMMA.test(v)) {
        numeric++;
        comma ??= v;
      } else if (DECIMAL_POINT.test(v)) {
        numeric++;
        point ??= v;
      } else if (DOT_GROUPED.test(v) || PLAIN_INTEGER.test(v)) numeric++;
    }
    if (comma === null || numeric < filled * 0.9) continue;
    if (point !== null)
      throw new WorkbookError(
        `The column "${(header[c] ?? "").trim() || `#${c + 1}`}" mixes decimal commas ("${comma}") and decimal points ("${point}"); ` +
          `save the file with one decimal mark.`,
        "unreadable",
      );
    for (let r = headerRow + 1; r < records.length; r++) {
      const raw = records[r][c];
      if (raw === undefined) continue;
      const v = raw.trim();
      let m = DECIMAL_COMMA.exec(v);
      if (m) {
        records[r][c] = `${m[1]}${m[2]}${m[3].replace(/\./g, "")}.${m[4]}${m[5]}`;
        changed = true;
        continue;
      }
      m = DOT_GROUPED.exec(v);
      if (m) records[r][c] = `${m[1]}${m[2]}${m[3].replace(/\./g, "")}${m[4]}`;
    }
  }
  return changed;
}

export interface CsvRead {
  /** Cells, line by line (row 0 is line 1). */
  grid: CellValue[][];
  separator: Separator;
  encoding: TextEncoding;
  decimalComma: boolean;
}

/**
 * A CSV file's bytes as cells, with what was detected. Refuses binary data, an unclosed quote, an
 * ambiguous separator and mixed decimal marks, each with a message naming what was found.
 */
export function readCsvBytes(bytes: Uint8Array): CsvRead {
  const r = readCsvLazily(bytes);
  if (!("columns" in r)) return r;
  return {
    grid: csvColumnsGrid(r.columns),
    separator: r.separator,
    encoding: r.encoding,
    decimalComma: r.decimalComma,
  };
}

/** What readCsvLazily gives for a regular comma-separated file: its fields as offsets. */
export interface CsvColumnsRead extends Omit<CsvRead, "grid"> {
  columns: CsvColumns;
}

/**
 * readCsvBytes, except that a comma-separated file whose records all have the same number of fields
 * comes as CsvColumns (its cells made when read); csvColumnsGrid(columns) is readCsvBytes' grid.
 */
export function readCsvLazily(bytes: Uint8Array): CsvRead | CsvColumnsRead {
  const { text, encoding } = decodeCsvBytes(bytes);
  if (text.includes("\u0000"))
    throw new WorkbookError("It is not a text CSV file (it contains binary data).", "unreadable");
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = detectSeparator(body);
  // A comma-separated file has no decimal commas to rewrite: its fields become cells when read.
  if (separator === ",") {
    const columns = columnsOf(body, separator);
    if (columns) return { columns, separator, encoding, decimalComma: false };
    return { grid: splitRecords(body, separator, true) as CellValue[][], separator, encoding, decimalComma: false };
  }
  const records = parseCsvRecords(body, separator);
  // Below title lines, if any: the same header rule as every sheet (a1.ts headerRowOf).
  const decimalComma = normaliseDecimalCommas(records, Math.max(0, headerRowOf(records.slice(0, HEADER_SCAN * 2))));
  for (const r of records) for (let j = 0; j < r.length; j++) (r as CellValue[])[j] = csvCell(r[j]);
  return { grid: records as unknown as CellValue[][], separator, encoding, decimalComma };
}
