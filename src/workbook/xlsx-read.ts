/**
 * Reading an .xlsx/.xlsm package: the workbook's index (sheets in tab order, defined names with their
 * scope, the date system), shared strings, the few style facts date handling needs, the Excel tables of a
 * sheet, and a sheet's cells, scanned from its XML as it is inflated, straight into rows of values.
 * No object per cell and no allocation by a sheet's dimension or by a far cell's address: a sheet stores
 * only the rows that hold values. Runs in the browser too (no Node modules).
 */
import type { CellValue } from "../core/sheet-spec";
import { serialFromIso } from "../core/dates";
import { bytesOf, readZip, streamOf, type ZipEntry } from "./zip";
import {
  REL,
  attrOf,
  cellTextUnescape,
  parseRels,
  relsPathOf,
  resolvePart,
  xmlUnescape,
  type Relationship,
} from "./xml";

export interface SheetEntry {
  name: string;
  sheetId: number;
  /** The workbook relationship id of the sheet. */
  rid: string;
  /** The sheet's part, e.g. "xl/worksheets/sheet1.xml" ("" when the relationship is missing). */
  part: string;
  state: "visible" | "hidden" | "veryHidden";
  kind: "worksheet" | "chartsheet" | "dialogsheet" | "macrosheet";
  /** The <sheet> element as the workbook part holds it. */
  tag: string;
}

export interface DefinedName {
  name: string;
  /** Index (tab order, 0-based) of the sheet the name is scoped to; null for a workbook-level name. */
  localSheetId: number | null;
  /** The formula the name refers to, as stored (no leading "="). */
  reference: string;
  hidden: boolean;
  comment: string | null;
  /** The element as the workbook part holds it, so a copy can write it back unchanged. */
  xml: string;
}

export interface TablePart {
  /** The name formulas use (displayName), e.g. "tblBank". */
  name: string;
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  columns: string[];
  /** The table's part, e.g. "xl/tables/table1.xml". */
  part: string;
}

/** The cells of a worksheet that hold values. */
export interface SheetCells {
  /** Worksheet row numbers that hold at least one value, ascending. */
  rowNumbers: number[];
  /** rows[k]: the values of row rowNumbers[k], indexed by column - 1 (missing entries are blank). */
  rows: CellValue[][];
  /** Merged ranges ("A1:B1"); the value of a merged range sits in its top-left cell only. */
  merges: string[];
}

export const CT = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  workbookMacro: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  template: "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
  templateMacro: "application/vnd.ms-excel.template.macroEnabled.main+xml",
  xlsb: "application/vnd.ms-excel.sheet.binary.macroEnabled.main",
} as const;

/** What a zip archive that is not an .xlsx/.xlsm workbook holds, in words; null when it is a workbook. */
export function zipKind(names: ReadonlySet<string>, text: (name: string) => string | null): string | null {
  if (names.has("mimetype")) {
    const mime = (text("mimetype") ?? "").trim();
    if (mime === "application/vnd.oasis.opendocument.spreadsheet") return "an OpenDocument spreadsheet (.ods)";
    if (mime.startsWith("application/vnd.oasis.opendocument.text")) return "an OpenDocument text document (.odt)";
    if (mime.startsWith("application/vnd.oasis.opendocument")) return "an OpenDocument file";
  }
  if (names.has("xl/workbook.bin")) return "a binary Excel workbook (.xlsb)";
  if (names.has("word/document.xml")) return "a Word document (.docx)";
  if (names.has("ppt/presentation.xml")) return "a PowerPoint presentation (.pptx)";
  if (!names.has("[Content_Types].xml")) return "a zip archive, not a workbook";
  return null;
}

/**
 * The styles' facts date handling needs: which cell formats (cellXfs index) show a date or time.
 * Built-in formats 14-22, 27-36, 45-47, 50-58 and 71-81 are dates; a custom format is one when it has
 * a d, m, y, h or s outside quotes, escapes and [colour]/[$-locale] brackets ("[h]:mm" is elapsed time).
 */
export function dateStylesOf(stylesXml: string | null): Uint8Array {
  if (!stylesXml) return new Uint8Array(0);
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
    const id = Number(attrOf(m[0], "numFmtId"));
    const code = attrOf(m[0], "formatCode");
    if (Number.isFinite(id) && code !== null) custom.set(id, code);
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? "";
  const flags: number[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
    const id = Number(attrOf(m[0], "numFmtId") ?? 0);
    flags.push(custom.has(id) ? (isDateFormat(custom.get(id)!) ? 1 : 0) : isBuiltInDate(id) ? 1 : 0);
  }
  return Uint8Array.from(flags);
}

function isBuiltInDate(id: number): boolean {
  return (
    (id >= 14 && id <= 22) ||
    (id >= 27 && id <= 36) ||
    (id >= 45 && id <= 47) ||
    (id >= 50 && id <= 58) ||
    (id >= 71 && id <= 81)
  );
}

/** Whether an Excel number format shows a date or time: isDateFormat("dd/mm/yyyy") === true, isDateFormat("0.00") === false. */
export function isDateFormat(code: string): boolean {
  const section = code.split(";")[0];
  const bare = section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "")
    .replace(/_.|\*./g, "");
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare.replace(/e\+|e-/gi, ""));
}

/** The text of a shared string or an inline string (<si>/<is> content): its runs joined, phonetic runs left out. */
export function richText(inner: string): string {
  if (inner.indexOf("<rPh") >= 0 || /<\w+:rPh/.test(inner))
    inner = inner.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, "");
  let out = "";
  for (const m of inner.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)) out += m[1];
  return cellTextUnescape(out);
}

/**
 * The text of the common inline string, <is><t>text</t></is> (or <t xml:space="preserve">), read in place;
 * null for anything else (runs, phonetics), which richText reads.
 */
function inlineText(s: string, a: number, b: number, p: string): string | null {
  const open = `<${p}is><${p}t`;
  if (!s.startsWith(open, a)) return null;
  const gt = s.indexOf(">", a + open.length);
  const close = `</${p}t></${p}is>`;
  if (gt < 0 || gt > b || !s.startsWith(close, b - close.length)) return null;
  const end = b - close.length;
  const lt = s.indexOf("<", gt + 1);
  if (lt !== end || s.charCodeAt(gt - 1) === 47) return null;
  return cellTextUnescape(s.slice(gt + 1, end));
}

/** The shared string table. */
export function sharedStringsOf(xml: string | null): string[] {
  const out: string[] = [];
  if (!xml) return out;
  const prefix = /<(\w+:)?sst\b/.exec(xml)?.[1] ?? "";
  const open = `<${prefix}si`;
  const close = `</${prefix}si>`;
  let p = 0;
  for (;;) {
    const s = xml.indexOf(open, p);
    if (s < 0) break;
    const gt = xml.indexOf(">", s);
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push("");
      p = gt + 1;
      continue;
    }
    const e = xml.indexOf(close, gt);
    if (e < 0) break;
    const inner = xml.slice(gt + 1, e);
    // The common case, one plain <t>: no regex.
    const simple = /^<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>$/.exec(inner);
    out.push(simple ? cellTextUnescape(simple[1]) : richText(inner));
    p = e + close.length;
  }
  return out;
}

/** Whether a character ends an element name (space, tab, newline, ">" or "/"). */
function nameEnds(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/** 1-based column of the letters at s[i..]; stops at the first non-letter. */
function columnAt(s: string, i: number, end: number): { col: number; next: number } {
  let col = 0;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return { col, next: i };
}

export interface ScanContext {
  sharedStrings: readonly string[];
  /** 1 for each cellXfs index that shows a date (only needed for a 1904-system workbook). */
  dateStyles: Uint8Array;
  date1904: boolean;
}

/** Days between the 1904 and the 1900 date systems: 1904-01-01 is serial 1462 in the 1900 system. */
export const DAYS_1904 = 1462;

/** Cell type codes of the t attribute. */
const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

/** Powers of ten that doubles hold exactly. */
const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];

/**
 * The number written in s[a..b): plain decimals ("-1234.56") by the exact fast path (an integer below
 * 2^53 divided by an exact power of ten is one correctly rounded division, the same double Number()
 * gives); anything else (exponents, long mantissas) through Number().
 */
function numberAt(s: string, a: number, b: number): number {
  let i = a;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let n = 0;
  let digits = 0;
  let scale = -1;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return Number(s.slice(a, b));
  }
  if (digits === 0 || digits > 15) return Number(s.slice(a, b));
  const v = scale > 0 ? n / POW10[scale] : n;
  return neg ? -v : v;
}

/** The non-negative integer written in s[a..b) (NaN when it is not one). */
function intAt(s: string, a: number, b: number): number {
  let n = 0;
  if (a >= b) return NaN;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Scan a worksheet part (its XML in chunks, as inflated) into the rows that hold values. Cells without a
 * value (styled blanks, however far away) cost nothing. A formula cell holds its cached result; an error
 * cell its text ("#N/A"); a date in a 1904-system workbook the 1900-system serial, as every other source.
 * The hot loop reads attributes and numbers character by character, allocating only the values it keeps.
 */
export function scanWorksheet(chunks: Iterable<Uint8Array>, ctx: ScanContext): SheetCells {
  const decoder = new TextDecoder();
  const rowNumbers: number[] = [];
  const rows: CellValue[][] = [];
  const merges: string[] = [];
  let carry = "";
  let state = 0; // 0 before <sheetData>, 1 inside, 2 after
  let P = ""; // namespace prefix of the worksheet's elements ("" or e.g. "x:")
  let prefixKnown = false;
  let rowNo = 0;
  let cells: CellValue[] | null = null;
  let nextCol = 1;
  const { sharedStrings, dateStyles, date1904 } = ctx;

  const endRow = () => {
    if (cells !== null && cells.length > 0) {
      rowNumbers.push(rowNo);
      rows.push(cells);
    }
    cells = null;
  };

  const process = (text: string, final: boolean) => {
    // One flat string per step (a rope of carry + chunk would make every character read slower).
    const buf = carry.length ? [carry, text].join("") : text;
    let p = 0;
    if (!prefixKnown) {
      const m = /<(\w+:)?worksheet\b/.exec(buf);
      if (!m) {
        carry = final ? "" : buf;
        return;
      }
      P = m[1] ?? "";
      prefixKnown = true;
    }
    const cOpen = `<${P}c`;
    const cClose = `</${P}c>`;
    const rowOpen = `<${P}row`;
    const rowClose = `</${P}row>`;
    const dataOpen = `<${P}sheetData`;
    const dataClose = `</${P}sheetData>`;
    const vOpen = `<${P}v>`;
    const fOpen = `<${P}f`;
    const fClose = `</${P}f>`;
    if (state === 0) {
      const i = buf.indexOf(dataOpen);
      if (i < 0) {
        carry = final ? "" : buf.slice(Math.max(0, buf.length - dataOpen.length));
        return;
      }
      const gt = buf.indexOf(">", i);
      if (gt < 0) {
        carry = buf.slice(i);
        return;
      }
      state = buf.charCodeAt(gt - 1) === 47 ? 2 : 1;
      p = gt + 1;
    }
    const plen = P.length;
    const n = buf.length;
    scan: while (state === 1) {
      const lt = buf.indexOf("<", p);
      if (lt < 0) {
        p = n;
        break;
      }
      const k = lt + 1 + plen; // first character of the local name
      const c0 = buf.charCodeAt(lt + 1);
      if (
        buf.charCodeAt(k) === 99 /* c */ &&
        nameEnds(buf.charCodeAt(k + 1)) &&
        (plen === 0 || buf.startsWith(cOpen, lt))
      ) {
        // <c r="B2" s="3" t="s"> ... </c>: attributes read in place.
        let col = nextCol;
        let cellRow = 0;
        let t = T_NUMBER;
        let s = 0;
        let i = k + 1;
        let gt = -1;
        let self = false;
        for (;;) {
          const ch = buf.charCodeAt(i);
          if (ch === 62) {
            gt = i;
            break;
          }
          if (ch === 47 && buf.charCodeAt(i + 1) === 62) {
            gt = i + 1;
            self = true;
            break;
          }
          if (ch !== ch) break scan; // NaN: the tag continues in the next chunk
          if (ch === 32 || ch === 9 || ch === 10 || ch === 13) {
            i++;
            continue;
          }
          const nameStart = i;
          while (i < n && buf.charCodeAt(i) !== 61) i++;
          const q = buf.charCodeAt(i + 1);
          const vs = i + 2;
          let ve = vs;
          while (ve < n && buf.charCodeAt(ve) !== q) ve++;
          if (ve >= n) break scan;
          if (i - nameStart === 1) {
            const nm = buf.charCodeAt(nameStart);
            if (nm === 114 /* r */) {
              let c = 0;
              let j = vs;
              for (; j < ve; j++) {
                const x = buf.charCodeAt(j);
                if (x >= 65 && x <= 90) c = c * 26 + (x - 64);
                else if (x >= 97 && x <= 122) c = c * 26 + (x - 96);
                else break;
              }
              if (c > 0) col = c;
              const rr = intAt(buf, j, ve);
              if (rr > 0) cellRow = rr;
            } else if (nm === 116 /* t */) {
              const x = buf.charCodeAt(vs);
              const len = ve - vs;
              t =
                x === 115 /* s */
                  ? len === 1
                    ? T_SHARED
                    : T_STR
                  : x === 105 /* i */
                    ? T_INLINE
                    : x === 98 /* b */
                      ? T_BOOL
                      : x === 101 /* e */
                        ? T_ERROR
                        : x === 100 /* d */
                          ? T_DATE
                          : T_NUMBER;
            } else if (nm === 115 /* s */) s = intAt(buf, vs, ve) | 0;
          }
          i = ve + 1;
        }
        nextCol = col + 1;
        let end = gt + 1;
        let value: CellValue = null;
        if (!self) {
          let j = gt + 1;
          if (t === T_INLINE) {
            const ce = buf.indexOf(cClose, j);
            if (ce < 0) break;
            value = inlineText(buf, j, ce, P) ?? richText(buf.slice(j, ce));
            end = ce + cClose.length;
          } else {
            // A formula first: its cached result follows in <v>.
            if (buf.startsWith(fOpen, j) && nameEnds(buf.charCodeAt(j + fOpen.length))) {
              const fe = buf.indexOf(">", j);
              if (fe < 0) break;
              if (buf.charCodeAt(fe - 1) === 47) j = fe + 1;
              else {
                const fc = buf.indexOf(fClose, fe);
                if (fc < 0) break;
                j = fc + fClose.length;
              }
            }
            let ce: number;
            if (buf.startsWith(vOpen, j)) {
              const vs = j + vOpen.length;
              const ve = buf.indexOf("<", vs);
              if (ve < 0) break;
              ce = buf.indexOf(cClose, ve);
              if (ce < 0) break;
              if (ve > vs) value = cellValue(buf, vs, ve, t, s);
            } else {
              ce = buf.indexOf(cClose, j);
              if (ce < 0) break;
              // Anything else first (an extension, a rich value): find <v> inside this cell only.
              const inner = buf.slice(j, ce);
              const v0 = inner.indexOf(vOpen);
              if (v0 >= 0) {
                const v1 = inner.indexOf("<", v0 + vOpen.length);
                if (v1 > v0 + vOpen.length) value = cellValue(inner, v0 + vOpen.length, v1, t, s);
              }
            }
            end = ce + cClose.length;
          }
        }
        if (value !== null) {
          if (cellRow > 0 && cellRow !== rowNo) {
            // A cell that names another row than its <row> (or rows without r): it is where the cell says.
            endRow();
            rowNo = cellRow;
          }
          if (cells === null) cells = [];
          cells[col - 1] = value;
        }
        p = end;
      } else if (c0 === 47 /* / */) {
        if (buf.startsWith(rowClose, lt)) {
          endRow();
          p = lt + rowClose.length;
        } else if (buf.startsWith(dataClose, lt)) {
          endRow();
          state = 2;
          p = lt + dataClose.length;
        } else p = lt + 1;
      } else if (buf.startsWith(rowOpen, lt) && nameEnds(buf.charCodeAt(lt + rowOpen.length))) {
        const gt = buf.indexOf(">", lt);
        if (gt < 0) break;
        endRow();
        // The r attribute, read in place.
        let r = -1;
        for (let i = lt + rowOpen.length; i < gt; i++) {
          if (buf.charCodeAt(i) === 114 && buf.charCodeAt(i + 1) === 61 && nameEnds(buf.charCodeAt(i - 1))) {
            const q = buf.charCodeAt(i + 2);
            let e = i + 3;
            while (e < gt && buf.charCodeAt(e) !== q) e++;
            r = intAt(buf, i + 3, e);
            break;
          }
        }
        rowNo = r > 0 ? r : rowNo + 1;
        nextCol = 1;
        if (buf.charCodeAt(gt - 1) === 47) endRow();
        p = gt + 1;
      } else p = lt + 1;
    }
    if (state === 2) {
      // After the cells: only the merged ranges matter.
      const cut = final ? buf.length : buf.lastIndexOf("<");
      const part = buf.slice(p, Math.max(p, cut));
      for (const m of part.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)) {
        const ref = attrOf(m[0], "ref");
        if (ref) merges.push(ref);
      }
      p = Math.max(p, cut);
    }
    carry = p >= buf.length ? "" : buf.slice(p);
  };

  /** The value of a cell's <v> text s[a..b) by its type. */
  const cellValue = (src: string, a: number, b: number, t: number, s: number): CellValue => {
    switch (t) {
      case T_NUMBER: {
        const v = numberAt(src, a, b);
        // "1e999" is no number a cell can hold: it stays the text written, for the engines to name.
        if (!Number.isFinite(v)) return src.slice(a, b);
        return date1904 && dateStyles[s] === 1 ? v + DAYS_1904 : v;
      }
      case T_SHARED:
        return sharedStrings[intAt(src, a, b)] ?? null;
      case T_BOOL:
        return src.charCodeAt(a) === 49 || src.startsWith("true", a);
      case T_ERROR:
        return xmlUnescape(src.slice(a, b));
      case T_DATE: {
        const raw = src.slice(a, b);
        return serialFromIso(raw.replace(/Z$/, "").replace(/\.\d+$/, "")) ?? raw;
      }
      default:
        return cellTextUnescape(src.slice(a, b));
    }
  };

  for (const chunk of chunks) process(decoder.decode(chunk, { stream: true }), false);
  process(decoder.decode(), true);
  endRow();
  blankMergedSlaves({ rowNumbers, rows, merges });
  return { rowNumbers, rows, merges };
}

/** The value of a merged range is its top-left cell's; anything stored in the other cells is not shown. */
function blankMergedSlaves(cells: SheetCells): void {
  if (!cells.merges.length || !cells.rows.length) return;
  for (const ref of cells.merges) {
    const m = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(ref);
    if (!m || !m[3]) continue;
    const left = columnAt(m[1], 0, m[1].length).col;
    const right = columnAt(m[3], 0, m[3].length).col;
    const top = Number(m[2]);
    const bottom = Number(m[4]);
    let k = lowerBound(cells.rowNumbers, top);
    for (; k < cells.rowNumbers.length && cells.rowNumbers[k] <= bottom; k++) {
      const row = cells.rows[k];
      for (let c = left; c <= right && c <= row.length; c++)
        if (!(cells.rowNumbers[k] === top && c === left) && row[c - 1] !== undefined) row[c - 1] = null;
    }
  }
}

/** First index k with a[k] >= x (a ascending). */
export function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An empty row, shared by every row of a grid that holds nothing (so blank rows cost one pointer). */
export const NO_CELLS: CellValue[] = Object.freeze([]) as unknown as CellValue[];

/**
 * Rows top..bottom of a sheet's cells as a grid for tableFromGrid (grid[0] is row `top`); a row without
 * values is NO_CELLS.
 */
export function gridOf(cells: SheetCells, top: number, bottom: number): CellValue[][] {
  const grid: CellValue[][] = new Array(Math.max(0, bottom - top + 1));
  grid.fill(NO_CELLS);
  for (let k = lowerBound(cells.rowNumbers, top); k < cells.rowNumbers.length; k++) {
    const r = cells.rowNumbers[k];
    if (r > bottom) break;
    grid[r - top] = cells.rows[k];
  }
  return grid;
}

/** The values of one row from column left to right (1-based, inclusive), blanks null. */
export function rowOf(cells: SheetCells, row: number, left: number, right: number): CellValue[] {
  const out: CellValue[] = new Array(right - left + 1).fill(null);
  const k = lowerBound(cells.rowNumbers, row);
  if (k < cells.rowNumbers.length && cells.rowNumbers[k] === row) {
    const r = cells.rows[k];
    for (let c = left; c <= right && c <= r.length; c++) {
      const v = r[c - 1];
      if (v !== undefined) out[c - left] = v;
    }
  }
  return out;
}

/**
 * An opened .xlsx/.xlsm package: its parts (inflated only when read) and the workbook's index.
 * Throws PackageError when the bytes are not a workbook package, saying what they are.
 */
export class PackageError extends Error {
  constructor(
    message: string,
    readonly what: "not-zip" | "not-workbook" | "damaged",
  ) {
    super(message);
    this.name = "PackageError";
  }
}

export class XlsxPackage {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly texts = new Map<string, string | null>();
  readonly workbookPart: string;
  readonly sheets: SheetEntry[];
  readonly names: DefinedName[];
  readonly date1904: boolean;
  private sst: string[] | null = null;
  private dateXf: Uint8Array | null = null;
  private readonly tableCache = new Map<string, TablePart[]>();

  constructor(readonly bytes: Uint8Array) {
    let entries: ZipEntry[];
    try {
      entries = readZip(bytes);
    } catch (e) {
      throw new PackageError((e as Error).message, "not-zip");
    }
    this.entries = entries;
    for (const e of entries) this.byName.set(e.name, e);
    const kind = zipKind(new Set(this.byName.keys()), (n) => this.text(n));
    if (kind) throw new PackageError(kind, "not-workbook");
    const root = parseRels(this.text("_rels/.rels"));
    const main = root.find((r) => r.type === REL.officeDocument || r.type.endsWith("/officeDocument"));
    this.workbookPart = main ? resolvePart("", main.target) : "xl/workbook.xml";
    const workbookXml = this.text(this.workbookPart);
    if (workbookXml === null)
      throw new PackageError(`a package without its workbook part (${this.workbookPart})`, "not-workbook");
    const rels = this.relsOf(this.workbookPart);
    const byId = new Map(rels.map((r) => [r.id, r]));
    const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbookXml)?.[0] ?? "";
    const d1904 = (attrOf(pr, "date1904") ?? "").toLowerCase();
    this.date1904 = d1904 === "1" || d1904 === "true";
    this.sheets = [];
    const sheetsBlock = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(workbookXml)?.[1] ?? "";
    for (const m of sheetsBlock.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
      const tag = m[0];
      const rid = /\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? "";
      const rel = byId.get(xmlUnescape(rid));
      const type = rel?.type ?? "";
      const state = attrOf(tag, "state");
      this.sheets.push({
        name: attrOf(tag, "name") ?? "",
        sheetId: Number(attrOf(tag, "sheetId") ?? 0),
        rid: xmlUnescape(rid),
        part: rel && !rel.external ? resolvePart(this.workbookPart, rel.target) : "",
        state: state === "hidden" || state === "veryHidden" ? state : "visible",
        tag,
        kind: type.endsWith("/chartsheet")
          ? "chartsheet"
          : type.endsWith("/dialogsheet")
            ? "dialogsheet"
            : /macrosheet$/i.test(type)
              ? "macrosheet"
              : "worksheet",
      });
    }
    this.names = [];
    const namesBlock = /<(?:\w+:)?definedNames\b[^>]*>([\s\S]*?)<\/(?:\w+:)?definedNames>/.exec(workbookXml)?.[1] ?? "";
    for (const m of namesBlock.matchAll(
      /<(?:\w+:)?definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?definedName>)/g,
    )) {
      const tag = `<definedName${m[1]}>`;
      const local = attrOf(tag, "localSheetId");
      const hidden = (attrOf(tag, "hidden") ?? "").toLowerCase();
      this.names.push({
        name: attrOf(tag, "name") ?? "",
        localSheetId: local === null ? null : Number(local),
        reference: xmlUnescape(m[2] ?? ""),
        hidden: hidden === "1" || hidden === "true",
        comment: attrOf(tag, "comment"),
        xml: m[0],
      });
    }
  }

  has(part: string): boolean {
    return this.byName.has(part);
  }

  entry(part: string): ZipEntry | undefined {
    return this.byName.get(part);
  }

  /** A part's bytes (inflated), or null when the package has no such part. */
  bytesOf(part: string): Uint8Array | null {
    const e = this.byName.get(part);
    if (!e) return null;
    try {
      return bytesOf(this.bytes, e);
    } catch (x) {
      throw new PackageError((x as Error).message, "damaged");
    }
  }

  /** A part as text (UTF-8), or null when there is no such part. Small parts are cached. */
  text(part: string): string | null {
    if (this.texts.has(part)) return this.texts.get(part)!;
    const b = this.bytesOf(part);
    const t = b === null ? null : new TextDecoder().decode(b);
    if (b === null || b.length < 1 << 20) this.texts.set(part, t);
    return t;
  }

  /** The relationships of a part. */
  relsOf(part: string): Relationship[] {
    return parseRels(this.text(relsPathOf(part)));
  }

  /** A part's chunks as inflated (for scanning a large sheet). */
  stream(part: string): Iterable<Uint8Array> {
    const e = this.byName.get(part);
    if (!e) return [];
    const archive = this.bytes;
    return {
      [Symbol.iterator]: () => {
        try {
          return streamOf(archive, e);
        } catch (x) {
          throw new PackageError((x as Error).message, "damaged");
        }
      },
    };
  }

  /** The workbook-level part of a relationship type (shared strings, styles), by the workbook's relationships. */
  partOf(type: string): string | null {
    // By the type's last segment, so Strict OOXML (purl.oclc.org namespaces) is read the same way.
    const tail = type.slice(type.lastIndexOf("/"));
    const rel = this.relsOf(this.workbookPart).find((r) => r.type.endsWith(tail) && !r.external);
    return rel ? resolvePart(this.workbookPart, rel.target) : null;
  }

  sharedStrings(): string[] {
    if (this.sst === null) {
      const part = this.partOf(REL.sharedStrings);
      this.sst = sharedStringsOf(part ? this.text(part) : null);
    }
    return this.sst;
  }

  dateStyles(): Uint8Array {
    if (this.dateXf === null) {
      const part = this.partOf(REL.styles);
      this.dateXf = dateStylesOf(part ? this.text(part) : null);
    }
    return this.dateXf;
  }

  /** The cells of a worksheet that hold values. */
  cellsOf(sheet: SheetEntry): SheetCells {
    if (sheet.kind !== "worksheet" || !sheet.part || !this.has(sheet.part))
      return { rowNumbers: [], rows: [], merges: [] };
    try {
      return scanWorksheet(this.stream(sheet.part), {
        sharedStrings: this.sharedStrings(),
        // Styles matter only where a number must move from the 1904 to the 1900 date system.
        dateStyles: this.date1904 ? this.dateStyles() : new Uint8Array(0),
        date1904: this.date1904,
      });
    } catch (e) {
      if (e instanceof PackageError) throw e;
      throw new PackageError(`the sheet "${sheet.name}" could not be read (${(e as Error).message})`, "damaged");
    }
  }

  /** The Excel tables (ListObjects) on a sheet. */
  tablesOf(sheet: SheetEntry): TablePart[] {
    if (!sheet.part) return [];
    const hit = this.tableCache.get(sheet.part);
    if (hit) return hit;
    const out: TablePart[] = [];
    for (const rel of this.relsOf(sheet.part)) {
      if (rel.external || !rel.type.endsWith("/table")) continue;
      const part = resolvePart(sheet.part, rel.target);
      const t = tablePartOf(this.text(part), part);
      if (t) out.push(t);
    }
    this.tableCache.set(sheet.part, out);
    return out;
  }
}

/** A table part's facts, or null when it is not readable. */
export function tablePartOf(xml: string | null, part: string): TablePart | null {
  if (!xml) return null;
  const tag = /<(?:\w+:)?table\b[^>]*>/.exec(xml)?.[0];
  if (!tag) return null;
  const ref = attrOf(tag, "ref");
  const name = attrOf(tag, "displayName") ?? attrOf(tag, "name");
  if (!ref || !name) return null;
  const columns = [...xml.matchAll(/<(?:\w+:)?tableColumn\b[^>]*>/g)].map((m) => attrOf(m[0], "name") ?? "");
  return {
    name,
    ref,
    headerRowCount: Number(attrOf(tag, "headerRowCount") ?? 1),
    totalsRowCount: Number(attrOf(tag, "totalsRowCount") ?? 0),
    columns,
    part,
  };
}
