/**
 * CSV files (RFC 4180): quoted fields with embedded commas, newlines and doubled quotes,
 * CRLF or LF line ends, a UTF-8 byte-order mark stripped. The header is line 1.
 * A cell becomes a number only when it is written exactly as JavaScript prints that number
 * (String(Number(s)) === s), so "00123", "1,234.50" or "1e3" stay text for the engines to parse
 * with their own rules (src/core/money.ts, src/core/dates.ts).
 */
import type { CellValue } from "../core/sheet-spec";
import { WorkbookError } from "./port";

/** Split CSV text into records of raw field strings. */
export function parseCsvRecords(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quotedField = false;
  const n = s.length;
  const endField = () => {
    record.push(field);
    field = "";
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < n) {
    const c = s[i];
    if (c === '"' && field === "" && !quotedField) {
      // Quoted field: read to the closing quote; "" is a literal quote.
      quotedField = true;
      i++;
      let closed = false;
      while (i < n) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          field += s.slice(i);
          i = n;
          break;
        }
        field += s.slice(i, q);
        if (s[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          closed = true;
          break;
        }
      }
      if (!closed)
        throw new WorkbookError(
          "The CSV file has a quoted field that is never closed; check its quotes.",
          "unreadable",
        );
      continue;
    }
    if (c === ",") {
      endField();
      i++;
    } else if (c === "\r" && s[i + 1] === "\n") {
      endRecord();
      i += 2;
    } else if (c === "\n" || c === "\r") {
      endRecord();
      i++;
    } else {
      // Text after a closing quote (`"a"b`) is kept, as spreadsheet programs do.
      const next = nextSpecial(s, i);
      field += s.slice(i, next);
      i = next;
    }
  }
  if (field !== "" || record.length > 0 || quotedField) endRecord();
  return records;
}

function nextSpecial(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 10 || c === 13) return i;
  }
  return s.length;
}

/** One CSV field as a cell value: empty -> null; canonical numbers -> number; else the text. */
export function csvCell(s: string): CellValue {
  if (s === "") return null;
  const n = Number(s);
  if (Number.isFinite(n) && String(n) === s) return n;
  return s;
}

/** The grid of cells of a CSV text (row 0 is the header line). */
export function parseCsv(text: string): CellValue[][] {
  return parseCsvRecords(text).map((r) => r.map(csvCell));
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
