/**
 * An instrumented fake of the part of the Excel JavaScript API that src/workbook/office.ts uses, held to
 * Microsoft's own artefacts rather than to our memory.
 *
 * Strict from the typings (tests/fakes/office-api.json, generated from @types/office-js by
 * scripts/office-api/extract.ts; tests/fakes/office-api.test.ts keeps it up to date):
 * - every enum string set or passed is checked against the enum's allowed strings: an unknown one
 *   (a conditional format operator "Equal"; Excel's are "EqualTo", "NotEqualTo" ...) fails the sync with
 *   InvalidArgument, as Excel does; an object passed where the typings name an interface
 *   (ConditionalCellValueRule, WorksheetProtectionOptions) is checked key by key;
 * - every member used, read, set, called or loaded through a path, is checked against the requirement sets
 *   manifest.xml declares (read at run time: the single source). One above them fails the sync with
 *   ApiNotFound, as an older Excel does, unless the test grants a newer host (new ExcelFake({ grant })),
 *   and isSetSupported answers from the same grant.
 *
 * It behaves like Excel where the adapter could get it wrong, each behaviour with the page it comes from:
 * - calls are queued on proxy objects and run, in order, only at context.sync(); batches from one page
 *   run concurrently and interleave at their syncs;
 * - a loaded property is readable only after the sync that loaded it (else PropertyNotLoaded);
 * - getItem of a missing item fails at sync (ItemNotFound); getItemOrNullObject gives isNullObject;
 * - the 5 MB request and response limits of Excel on the web (RequestPayloadSizeLimitExceeded,
 *   ResponsePayloadSizeLimitExceeded); nothing of a rejected request runs;
 * - text set through values/formulas is coerced as typed input is: "=..." a formula, "+44" the number 44,
 *   "-x"/"@x" a formula, "#N/A" the error value; "'..." stays text (quote prefix);
 * - sheet protection refuses cell, table, format, conditional-format and chart changes; workbook structure
 *   protection refuses adding, deleting, renaming, moving, hiding and copying sheets;
 * - cell-edit mode fails a batch (InvalidOperationInCellEditMode) unless it asked for delayForCellEdit on an
 *   ExcelApi 1.11 host, which waits for the edit to end;
 * - sheet and table name rules; the last visible sheet cannot be deleted or hidden; a range cannot be
 *   resized beyond the grid;
 * - renaming a sheet rewrites the formulas that refer to it; deleting it turns them, and the defined names
 *   that point at it, into #REF!;
 * - Range.clear("All") clears everything in the range: hyperlinks, comments and notes with the values and formats;
 *   a hyperlink's textToDisplay replaces what its cell shows; a copied sheet takes its page setup, links, comments,
 *   notes and sheet-level names along; a name is unique in its scope and follows Excel's name rules.
 * Page setup (Worksheet.pageLayout, page breaks), hyperlinks, defined names of both scopes, comments, notes,
 * chart axes, legends and series types are stored as set and readable back (load, or the models for assertions).
 * It counts syncs and the payload bytes of each request, and can be told to fail an operation.
 */
import * as fs from "fs";
import * as path from "path";
import type { CellValue } from "../../src/core/sheet-spec";
import { serialFromYmd } from "../../src/core/dates";
import {
  absoluteRange,
  colLetters,
  colNumber,
  parseCell,
  parseRange,
  rangeAddress,
  type RangeRef,
} from "../../src/workbook/a1";
import { grants, manifestSets, readRequirement, satisfied, type GrantedSets } from "../../scripts/office-api/api-sets";
import apiTable from "./office-api.json";

export const MB = 1024 * 1024;
/**
 * Excel on the web rejects requests and responses over 5 MB.
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 */
export const EXCEL_WEB_REQUEST_LIMIT = 5 * MB;
const OP_OVERHEAD = 48; // bytes of the JSON envelope of one queued action
/** Excel's grid. https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3 */
export const GRID_ROWS = 1_048_576;
export const GRID_COLUMNS = 16_384;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

// ---------------------------------------------------------------- Microsoft's table: enums and requirement sets

type TypeRef = { s: string | string[] } | { i: string } | { n: string };
interface MemberEntry {
  r?: string;
  k: "p" | "rp" | "m" | "e";
  t?: TypeRef;
  a?: (TypeRef | null)[];
  o?: string;
}
const TYPES = apiTable.types as unknown as Record<string, { r?: string; m: Record<string, MemberEntry> }>;
const ENUMS = apiTable.enums as Record<string, string[]>;

/** The sets manifest.xml declares: what the fake grants unless a test grants more. */
export function declaredSets(): Record<string, string> {
  return manifestSets(fs.readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8"));
}

function memberOf(type: string, name: string): MemberEntry | undefined {
  return TYPES[type]?.m[name];
}

const STRICT = Symbol("strict");

/**
 * A proxy that checks every member used on `obj` (an object standing for an Excel `type`) against the
 * table: its requirement set, the enum or interface of what is assigned or passed. A violation is queued
 * as an operation that fails at the next sync, where Excel reports it.
 */
function strict<T extends object>(obj: T, ctx: FakeContext, type: string | undefined): T {
  if (!type || (obj as { [STRICT]?: boolean })[STRICT]) return obj;
  return new Proxy(obj, {
    get(target, prop, receiver) {
      if (prop === STRICT) return true;
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop !== "string") return value;
      const e = memberOf(type, prop);
      if (!e) return value;
      ctx.requireMember(type, prop, e, false);
      if (e.k === "m" && typeof value === "function")
        return (...args: unknown[]) => {
          e.a?.forEach((d, i) => {
            if (d && args[i] !== undefined && args[i] !== null) ctx.checkValue(d, args[i], `${type}.${prop}`);
          });
          const out = (value as (...a: unknown[]) => unknown).apply(receiver, args);
          return out && typeof out === "object" && e.o ? strict(out as object, ctx, e.o) : out;
        };
      if (e.t && "n" in e.t && value && typeof value === "object" && !Array.isArray(value))
        return strict(value as object, ctx, e.t.n);
      return value;
    },
    set(target, prop, value, receiver) {
      if (typeof prop === "string") {
        const e = memberOf(type, prop);
        if (e) {
          ctx.requireMember(type, prop, e, true);
          if (e.t && !("n" in e.t) && !ctx.checkValue(e.t, value, `${type}.${prop}`)) return true;
        }
      }
      return Reflect.set(target, prop, value, receiver);
    },
  });
}

/**
 * What is wrong with `v` where the typings expect `t` (a string of an enum, an object of an interface's keys),
 * or null when nothing is; other types are not checked.
 */
function problemWith(t: TypeRef, v: unknown, granted: GrantedSets): string | null {
  if ("s" in t) {
    const allowed = typeof t.s === "string" ? ENUMS[t.s] : t.s;
    const name = typeof t.s === "string" ? t.s : "one of";
    if (typeof v !== "string" || !allowed.includes(v))
      return `${JSON.stringify(v)} is not ${name} (${allowed.join(", ")})`;
    const own = typeof t.s === "string" ? TYPES[t.s]?.m[v]?.r : undefined;
    return own === undefined || satisfied(granted, readRequirement(own)) ? null : `${t.s} "${v}" needs ${own}`;
  }
  if ("i" in t) {
    if (!v || typeof v !== "object") return `${JSON.stringify(v)} is not an ${t.i}`;
    for (const [key, x] of Object.entries(v as Record<string, unknown>)) {
      const m = memberOf(t.i, key);
      if (!m) return `${t.i} has no "${key}"`;
      const p = x !== undefined && m.t && !("n" in m.t) ? problemWith(m.t, x, granted) : null;
      if (p) return `${t.i}.${key}: ${p}`;
    }
  }
  return null;
}

// ---------------------------------------------------------------- the workbook model

export interface FormatRecord {
  address: string;
  path: string;
  value: unknown;
}

/** WorksheetProtectionOptions as the fake honours them (https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions). */
export type ProtectionOptions = Partial<
  Record<"allowFormatCells" | "allowFormatColumns" | "allowFormatRows" | "allowEditObjects", boolean>
>;

export class SheetModel {
  values = new Map<number, CellValue[]>();
  formulas = new Map<string, string>();
  /** Cells holding an error value ("row,col"): what "#N/A" typed without a quote prefix becomes. */
  errors = new Set<string>();
  numberFormats: { address: string; value: unknown }[] = [];
  formats: FormatRecord[] = [];
  merges: RangeRef[] = [];
  cfs: CfModel[] = [];
  charts: ChartModel[] = [];
  freeze: { rows: number; columns: number } | null = null;
  protected = false;
  protection: ProtectionOptions = {};
  tabColor = "";
  visibility = "Visible";
  deleted = false;
  book: BookModel | null = null;
  /** File > Print > Page Setup, as Worksheet.pageLayout and horizontalPageBreaks set it. */
  pageLayout = new PageLayoutModel();
  /** Range.hyperlink of each cell ("row,col"). */
  hyperlinks = new Map<string, HyperlinkModel>();
  /** Threaded comments (Worksheet.comments, ExcelApi 1.10) and notes (Worksheet.notes, ExcelApi 1.18) on cells. */
  comments: CellNoteModel[] = [];
  notes: CellNoteModel[] = [];
  /** Sheet-level defined names (Worksheet.names). */
  names: NameModel[] = [];
  constructor(public name: string) {}

  get(row: number, col: number): CellValue {
    const r = this.values.get(row);
    const v = r ? r[col - 1] : undefined;
    return v === undefined ? null : v;
  }
  put(row: number, col: number, v: CellValue, formula?: string, error = false): void {
    let r = this.values.get(row);
    if (!r) this.values.set(row, (r = []));
    r[col - 1] = v;
    const k = `${row},${col}`;
    if (formula !== undefined) this.formulas.set(k, formula);
    else if (this.formulas.size) this.formulas.delete(k);
    if (error) this.errors.add(k);
    else if (this.errors.size) this.errors.delete(k);
  }
  /** Bounds of the non-blank cells (values and formulas), or null. */
  usedBounds(): RangeRef | null {
    let top = Infinity;
    let bottom = 0;
    let left = Infinity;
    let right = 0;
    const see = (row: number, col: number) => {
      if (row < top) top = row;
      if (row > bottom) bottom = row;
      if (col < left) left = col;
      if (col > right) right = col;
    };
    for (const [row, cells] of this.values)
      for (let j = 0; j < cells.length; j++) {
        const v = cells[j];
        if (v !== null && v !== undefined && v !== "") see(row, j + 1);
      }
    for (const k of this.formulas.keys()) {
      const [row, col] = k.split(",").map(Number);
      see(row, col);
    }
    return bottom ? { top, left, bottom, right } : null;
  }
  /** The number format of one cell: the last one set over it, else General. */
  numberFormatAt(row: number, col: number): string {
    for (let i = this.numberFormats.length - 1; i >= 0; i--) {
      const nf = this.numberFormats[i];
      const r = fullRange(nf.address);
      if (row < r.top || row > r.bottom || col < r.left || col > r.right) continue;
      return String(Array.isArray(nf.value) ? (nf.value as unknown[][])[row - r.top][col - r.left] : nf.value);
    }
    return "General";
  }
  /** Remove every value, formula, format and merge inside `r` (Range.clear). */
  clear(r: RangeRef): void {
    for (const [row, cells] of this.values)
      if (row >= r.top && row <= r.bottom)
        for (let c = r.left; c <= Math.min(r.right, cells.length); c++) cells[c - 1] = null;
    for (const k of [...this.formulas.keys(), ...this.errors]) {
      const [row, col] = k.split(",").map(Number);
      if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) {
        this.formulas.delete(k);
        this.errors.delete(k);
      }
    }
    const inside = (a: string) => contains(r, fullRange(a));
    this.formats = this.formats.filter((f) => !inside(f.address));
    this.numberFormats = this.numberFormats.filter((f) => !inside(f.address));
    this.merges = this.merges.filter((m) => !overlaps(m, r));
    this.cfs = this.cfs.filter((c) => !inside(c.address));
    // "All: Clears everything in the range" (https://learn.microsoft.com/javascript/api/excel/excel.clearapplyto):
    // the links, comments and notes on its cells go too.
    const within = (row: number, col: number) => row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
    for (const k of [...this.hyperlinks.keys()]) {
      const [row, col] = k.split(",").map(Number);
      if (within(row, col)) this.hyperlinks.delete(k);
    }
    this.comments = this.comments.filter((c) => !within(c.row, c.col));
    this.notes = this.notes.filter((c) => !within(c.row, c.col));
  }
}

/** Worksheet.pageLayout and the sheet's manual page breaks. */
export class PageLayoutModel {
  orientation = "Portrait";
  paperSize = "Letter";
  /** PageLayoutZoomOptions as last set: a scale, or pages to fit wide and tall. */
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number } = { scale: 100 };
  centerHorizontally = false;
  centerVertically = false;
  /** setPrintTitleRows, e.g. "$40:$40"; null when none. */
  printTitleRows: string | null = null;
  /** headersFooters.defaultForAllPages: leftHeader, centerHeader, rightHeader, leftFooter, ... */
  headerFooter: Record<string, string> = {};
  /** Rows (1-based) each manual horizontal page break starts a page at. */
  rowBreaks: number[] = [];
  clone(): PageLayoutModel {
    return Object.assign(new PageLayoutModel(), {
      ...this,
      zoom: { ...this.zoom },
      headerFooter: { ...this.headerFooter },
      rowBreaks: [...this.rowBreaks],
    });
  }
}

/** Range.hyperlink (a RangeHyperlink). */
export interface HyperlinkModel {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

/** A comment or note on a cell. */
export class CellNoteModel {
  private static seq = 0;
  readonly id = `note-${++CellNoteModel.seq}`;
  constructor(
    public row: number,
    public col: number,
    public content: string,
    public authorName = "A user",
  ) {}
}

export class TableModel {
  style = "TableStyleMedium2";
  showTotals = false;
  constructor(
    public name: string,
    public sheet: SheetModel,
    public range: RangeRef,
  ) {}
}

export class NameModel {
  /** What it refers to: one area or several, each on a sheet (the references follow a renamed sheet). */
  areas: RangeTarget[];
  /** A name that holds a constant instead ("=\"text\""): its formula. */
  constant: string | null = null;
  /** The sheet a sheet-level name belongs to (Worksheet.names); null for a workbook-level one. */
  scope: SheetModel | null = null;
  /** NamedItem.visible: a hidden name is left out of Name Manager. */
  visible = true;
  constructor(
    public name: string,
    sheet: SheetModel | null,
    public comment: string,
    /** The cell (or range) it refers to. */
    cell: RangeRef = { top: 1, left: 1, bottom: 1, right: 1 },
  ) {
    this.areas = sheet ? [{ sheet, r: cell }] : [];
  }
  get sheet(): SheetModel | null {
    return this.areas[0]?.sheet ?? null;
  }
  get formula(): string {
    if (this.constant !== null) return this.constant;
    if (this.areas.some((a) => a.sheet.deleted)) return "=#REF!";
    return "=" + this.areas.map((a) => `${sheetPrefix(a.sheet.name)}!${absoluteRange(a.r)}`).join(",");
  }
}

export class CfModel {
  formula = "";
  rule: { formula1?: string; formula2?: string; operator?: string } = {};
  format: Record<string, unknown> = {};
  constructor(
    public type: string,
    public address: string,
  ) {}
}

/** A chart series bound to ranges: the references follow a renamed sheet, as in Excel. */
export class SeriesModel {
  valuesRef: RangeTarget | null = null;
  xValuesRef: RangeTarget | null = null;
  /** ChartSeries.chartType when set (a line drawn on a column chart); null: the chart's type. */
  chartType: string | null = null;
  /** format.fill.setSolidColor / format.line.color. */
  fillColor: string | null = null;
  lineColor: string | null = null;
  constructor(public name: string) {}
  get values(): string {
    return this.valuesRef ? `${this.valuesRef.sheet.name}!${rangeAddress(this.valuesRef.r)}` : "";
  }
  get xValues(): string {
    return this.xValuesRef ? `${this.xValuesRef.sheet.name}!${rangeAddress(this.xValuesRef.r)}` : "";
  }
}

/** A chart axis as ChartAxis sets it (null: automatic). */
export class AxisModel {
  numberFormat: string | null = null;
  minimum: number | null = null;
  maximum: number | null = null;
  majorUnit: number | null = null;
  reversePlotOrder = false;
  position = "Automatic";
}

export class ChartModel {
  name = "Chart";
  title = "";
  position: { from: string; to: string } | null = null;
  series: SeriesModel[] = [];
  legend = { visible: true, position: "Right", overlay: false };
  axes = { value: new AxisModel(), category: new AxisModel() };
  constructor(
    public type: string,
    source: RangeTarget | null,
  ) {
    if (source) {
      const s = new SeriesModel("Series1");
      s.valuesRef = source;
      this.series.push(s);
    }
  }
}

export class BookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  names: NameModel[] = [];
  /** Review > Protect Workbook (structure). */
  structureProtected = false;
  /** File > Options > Advanced > Use 1904 date system. */
  date1904 = false;
  private tableSeq = 0;

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  addSheet(name: string): SheetModel {
    checkSheetName(this, name);
    const s = new SheetModel(name);
    s.book = this;
    this.sheets.push(s);
    return s;
  }
  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
  nextTableName(): string {
    let n: string;
    do n = `Table${++this.tableSeq}`;
    while (this.table(n));
    return n;
  }
  /**
   * Excel rewrites every formula that refers to a renamed sheet, and turns the references to a deleted one
   * into #REF! (the names that point at it too: NameModel.formula).
   * https://support.microsoft.com/office/delete-a-worksheet-cc9c1f54-2a9b-4f6f-8b8e-2a8bd9b8fbf8 (the warning
   * that deleting a sheet breaks the formulas referring to it)
   */
  retarget(oldName: string, replacement: string): void {
    const quoted = `'${oldName.replace(/'/g, "''")}'!`;
    const bare = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(oldName) ? oldName + "!" : null;
    for (const s of this.sheets)
      for (const [k, f] of s.formulas) {
        let out = replaceAllCaseless(f, quoted, replacement);
        if (bare) out = out.replace(new RegExp(`(?<![A-Za-z0-9_.'])${escapeRe(bare)}`, "gi"), replacement);
        if (out !== f) s.formulas.set(k, out);
      }
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function replaceAllCaseless(s: string, find: string, by: string): string {
  return s.replace(new RegExp(escapeRe(find), "gi"), by);
}

/** How a formula names a sheet: Sheet1 or 'Aging Report'. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/**
 * Excel's sheet name rules: not blank, at most 31 characters, none of : \ / ? * [ ], not beginning or ending
 * with an apostrophe, not "History"; unique, case-insensitively.
 * https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9
 */
function checkSheetName(book: BookModel, name: string, self?: SheetModel): void {
  if (
    typeof name !== "string" ||
    name === "" ||
    name.length > 31 ||
    /[:\\/?*[\]]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    name.toLowerCase() === "history"
  )
    throw new FakeExcelError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format: sheet name "${name}".`,
    );
  const other = book.sheet(name);
  if (other && other !== self) throw new FakeExcelError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
}

/**
 * Excel's table name rules: letters, digits, periods and underscores, beginning with a letter, underscore or
 * backslash; no spaces; not a cell reference (A1, R1C1) nor "C"/"R"; at most 255 characters; unique among
 * tables and defined names, case-insensitively.
 * https://support.microsoft.com/office/rename-an-excel-table-fbf49a4f-82a3-43eb-8ba2-44d21233b114
 */
function checkTableName(book: BookModel, name: string, self?: TableModel): void {
  const bad =
    typeof name !== "string" ||
    !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) ||
    name.length > 255 ||
    /^[A-Za-z]{1,3}\d+$/.test(name) ||
    /^[RrCc]$/.test(name) ||
    /^[Rr]\d*[Cc]\d*$/.test(name);
  if (bad)
    throw new FakeExcelError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format: table name "${name}".`,
    );
  const other = book.table(name);
  if ((other && other !== self) || book.names.some((n) => n.name.toLowerCase() === name.toLowerCase()))
    throw new FakeExcelError("InvalidArgument", `A table or name called ${name} already exists.`);
}

// ---------------------------------------------------------------- Excel's coercion and a small calculator

/**
 * The error values a user can type into a cell: "You can type the value #N/A directly into a cell"
 * (https://support.microsoft.com/office/na-function-5469c2d1-a90c-4fb5-9bbc-64bd9bb6b47c); the others of
 * ERROR.TYPE's list behave the same (https://support.microsoft.com/office/error-type-function-10958677-7c8d-44f7-ae77-b9a9ee6eefaa).
 */
const TYPED_ERRORS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"];

/** What Excel stores when this is typed or set through Range.values/formulas. */
export function coerceInput(x: unknown): { v: CellValue; f?: string; error?: boolean } | undefined {
  if (x === null || x === undefined) return undefined; // null leaves the cell unchanged
  if (typeof x === "number" || typeof x === "boolean") return { v: x };
  const s = String(x);
  if (s === "") return { v: null };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (s.startsWith("=") && s.length > 1) return { v: null, f: s };
  const t = s.trim();
  const err = TYPED_ERRORS.find((e) => e === t.toUpperCase());
  if (err) return { v: err, error: true };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { v: Number(t) };
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return { v: Number(t.replace(/,/g, "")) };
  if (/^[+-]?(\d+\.?\d*|\.\d+)%$/.test(t)) return { v: Number(t.slice(0, -1)) / 100 };
  if (/^(true|false)$/i.test(t)) return { v: t.toLowerCase() === "true" };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return { v: serialFromYmd(Number(iso[1]), Number(iso[2]), Number(iso[3])) };
  // Typed text beginning with + - @ is taken as a formula.
  if (/^[+\-@]/.test(s)) return { v: null, f: "=" + s.replace(/^@/, "") };
  return { v: s };
}

type Val = CellValue | CellValue[];

/**
 * Evaluate a formula of the small subset the tests use: arithmetic, comparisons, &, SUM/N/IF/AND/ROUND/MIN/MAX,
 * references to cells of this sheet or of another ('Aging Report'!B4), and #REF! where a deleted sheet was.
 */
export function evaluate(sheet: SheetModel, formula: string, depth = 0): CellValue {
  if (depth > 50) return "#REF!";
  const src = formula.replace(/^=/, "");
  let i = 0;
  const peek = () => {
    while (src[i] === " ") i++;
    return src[i];
  };
  const fail = (code: string): never => {
    throw Object.assign(new Error(code), { excel: code });
  };
  const cellAt = (on: SheetModel, row: number, col: number): CellValue => {
    const f = on.formulas.get(`${row},${col}`);
    if (f) return evaluate(on, f, depth + 1);
    const v = on.get(row, col);
    if (on.errors.has(`${row},${col}`)) fail(String(v));
    return v;
  };
  const num = (v: Val): number => {
    if (Array.isArray(v)) return num(v[0] ?? null);
    if (v === null) return 0;
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    const n = Number(v);
    return Number.isFinite(n) && v.trim() !== "" ? n : fail("#VALUE!");
  };
  const reference = (on: SheetModel): Val | undefined => {
    const ref = /^\$?([A-Z]{1,3})\$?(\d+)(:\$?([A-Z]{1,3})\$?(\d+))?(?![A-Z0-9_(])/i.exec(src.slice(i));
    if (!ref) return undefined;
    i += ref[0].length;
    if (!ref[3]) return cellAt(on, Number(ref[2]), colNumber(ref[1]));
    const r = parseRange(ref[0].replace(/\$/g, ""));
    const out: CellValue[] = [];
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) out.push(cellAt(on, row, col));
    return out;
  };
  const primary = (): Val => {
    const c = peek();
    if (c === "(") {
      i++;
      const v = comparison();
      if (peek() !== ")") fail("#NAME?");
      i++;
      return v;
    }
    if (c === '"') {
      let s = "";
      i++;
      while (i < src.length) {
        if (src[i] === '"' && src[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (src[i] === '"') break;
        else s += src[i++];
      }
      i++;
      return s;
    }
    if (src.startsWith("#REF!", i)) {
      i += 5;
      reference(sheet);
      return fail("#REF!");
    }
    const m = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(src.slice(i));
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    const other = /^(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!/.exec(src.slice(i));
    if (other) {
      i += other[0].length;
      const name = other[1] !== undefined ? other[1].replace(/''/g, "'") : other[2];
      const on = sheet.book?.sheet(name);
      const v = on ? reference(on) : undefined;
      return v === undefined ? fail("#REF!") : v;
    }
    const local = reference(sheet);
    if (local !== undefined) return local;
    const fn = /^([A-Z][A-Z0-9.]*)\(/i.exec(src.slice(i));
    if (fn) {
      i += fn[0].length;
      const args: Val[] = [];
      if (peek() !== ")")
        for (;;) {
          args.push(comparison());
          if (peek() === ",") i++;
          else break;
        }
      if (peek() !== ")") fail("#NAME?");
      i++;
      const flat = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
      const nums = flat.filter((v): v is number => typeof v === "number");
      switch (fn[1].toUpperCase()) {
        case "SUM":
          return nums.reduce((a, b) => a + b, 0);
        case "MIN":
          return nums.length ? Math.min(...nums) : 0;
        case "MAX":
          return nums.length ? Math.max(...nums) : 0;
        case "N":
          return typeof args[0] === "number" ? args[0] : typeof args[0] === "boolean" ? (args[0] ? 1 : 0) : 0;
        case "ROUND": {
          const p = 10 ** num(args[1] ?? 0);
          return Math.round(num(args[0]) * p) / p;
        }
        case "IF":
          return num(args[0]) !== 0 ? (args[1] ?? true) : (args[2] ?? false);
        case "AND":
          return flat.every((v) => num(v) !== 0);
        default:
          return fail("#NAME?");
      }
    }
    return fail("#NAME?");
  };
  const unary = (): Val => {
    if (peek() === "-") {
      i++;
      return -num(unary());
    }
    if (peek() === "+") {
      i++;
      return unary();
    }
    return primary();
  };
  const term = (): Val => {
    let v = unary();
    for (let c = peek(); c === "*" || c === "/"; c = peek()) {
      i++;
      const r = num(unary());
      if (c === "/" && r === 0) fail("#DIV/0!");
      v = c === "*" ? num(v) * r : num(v) / r;
    }
    return v;
  };
  const additive = (): Val => {
    let v = term();
    for (let c = peek(); c === "+" || c === "-"; c = peek()) {
      i++;
      const r = num(term());
      v = c === "+" ? num(v) + r : num(v) - r;
    }
    return v;
  };
  const concat = (): Val => {
    let v = additive();
    while (peek() === "&") {
      i++;
      v = String(v ?? "") + String(additive() ?? "");
    }
    return v;
  };
  const comparison = (): Val => {
    const v = concat();
    peek();
    const op = /^(<>|<=|>=|=|<|>)/.exec(src.slice(i));
    if (!op) return v;
    i += op[1].length;
    const r = concat();
    const a = typeof v === "string" || typeof r === "string" ? String(v ?? "") : num(v);
    const b = typeof v === "string" || typeof r === "string" ? String(r ?? "") : num(r);
    switch (op[1]) {
      case "=":
        return a === b;
      case "<>":
        return a !== b;
      case "<":
        return a < b;
      case ">":
        return a > b;
      case "<=":
        return a <= b;
      default:
        return a >= b;
    }
  };
  try {
    const v = comparison();
    if (peek() !== undefined) return "#NAME?";
    return Array.isArray(v) ? (v[0] ?? null) : v;
  } catch (e) {
    const code = (e as { excel?: string }).excel;
    if (code) return code;
    throw e;
  }
}

// ---------------------------------------------------------------- protection

/**
 * Sheet protection: every cell is locked, so values, formulas, merges and clears are refused; so are table
 * changes (tables cannot be changed on a protected sheet) and, unless the protection allows them, cell
 * formats and conditional formats (allowFormatCells), column widths and hiding (allowFormatColumns), row
 * heights (allowFormatRows) and charts (allowEditObjects).
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions
 * https://support.microsoft.com/office/protect-a-worksheet-3179efdb-1285-4d49-a9c3-f4ca36276de6
 */
type Guarded = "cells" | "tables" | "formatCells" | "formatColumns" | "formatRows" | "objects";
function refuseIfProtected(sheet: SheetModel, what: Guarded = "cells"): void {
  if (!sheet.protected) return;
  const p = sheet.protection;
  if (what === "formatCells" && p.allowFormatCells) return;
  if (what === "formatColumns" && p.allowFormatColumns) return;
  if (what === "formatRows" && p.allowFormatRows) return;
  if (what === "objects" && p.allowEditObjects) return;
  throw new FakeExcelError(
    "AccessDenied",
    "The cell or chart that you're trying to change is protected and therefore read-only.",
  );
}

/**
 * Workbook structure protection (Review > Protect Workbook) keeps sheets from being added, deleted, renamed,
 * moved, hidden, unhidden or copied.
 * https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection
 * https://support.microsoft.com/office/protect-a-workbook-7e365a4d-3e89-4616-84ca-1931257c1517
 */
function refuseIfStructureProtected(book: BookModel): void {
  if (book.structureProtected)
    throw new FakeExcelError(
      "AccessDenied",
      "The workbook's structure is protected: sheets cannot be added, deleted, renamed, moved or hidden.",
    );
}

function overlaps(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function contains(outer: RangeRef, inner: RangeRef): boolean {
  return (
    inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right
  );
}

/** "A1:C3", "B:D" (whole columns) or "2:5" (whole rows) as a range of the grid. */
function fullRange(address: string): RangeRef {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const cols = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(bare);
  if (cols) return { top: 1, left: colNumber(cols[1]), bottom: GRID_ROWS, right: colNumber(cols[2]) };
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(bare);
  if (rows) return { top: Number(rows[1]), left: 1, bottom: Number(rows[2]), right: GRID_COLUMNS };
  return parseRange(bare);
}

// ---------------------------------------------------------------- the request context

interface Op {
  label: string;
  bytes: number;
  run: () => void;
}

export interface SyncRecord {
  bytes: number;
  /** JSON bytes of the properties loaded by this sync (Excel on the web limits responses to 5 MB too). */
  responseBytes?: number;
  ops: number;
  labels: string[];
}

function jsonBytes(x: unknown): number {
  return Buffer.byteLength(JSON.stringify(x) ?? "", "utf8");
}

class FakeContext {
  queue: Op[] = [];
  responseBytes = 0;
  readonly workbook: FakeWorkbookProxy;
  readonly application: { suspendApiCalculationUntilNextSync(): void };
  constructor(
    readonly fake: ExcelFake,
    /** Excel.run({ delayForCellEdit: true }) on a host that has it (ExcelApi 1.11). */
    private readonly delayForCellEdit: boolean,
  ) {
    this.workbook = strict(new FakeWorkbookProxy(this), this, "Excel.Workbook");
    this.application = strict(
      {
        suspendApiCalculationUntilNextSync: () =>
          this.enqueue("application.suspendApiCalculationUntilNextSync", 0, () => {}),
      },
      this,
      "Excel.Application",
    );
  }
  get book(): BookModel {
    return this.fake.book;
  }
  enqueue(label: string, payload: number, run: () => void): void {
    this.queue.push({ label, bytes: OP_OVERHEAD + payload, run });
  }
  /** Queue an operation that fails at the next sync, as Excel reports an invalid call there. */
  failAtSync(code: string, message: string, label: string): void {
    this.enqueue(label, 0, () => {
      throw new FakeExcelError(code, message);
    });
  }
  /** A member above the granted sets fails the sync as an older Excel fails it: ApiNotFound. */
  requireMember(type: string, prop: string, e: MemberEntry, write: boolean): void {
    const r = e.r ?? TYPES[type]?.r;
    if (r && !satisfied(this.fake.granted, readRequirement(r), write))
      this.failAtSync(
        "ApiNotFound",
        `The API you are trying to use could not be found: ${type}.${prop} needs ${r}, and this host has ${JSON.stringify(this.fake.granted)}. It may be available in a newer version of Excel.`,
        `ApiNotFound ${type}.${prop}`,
      );
  }
  /** An enum string or interface object Excel does not know fails the sync with InvalidArgument. */
  checkValue(t: TypeRef, v: unknown, where: string): boolean {
    const problem = problemWith(t, v, this.fake.granted);
    if (!problem) return true;
    this.failAtSync(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format: ${where}: ${problem}.`,
      `InvalidArgument ${where}`,
    );
    return false;
  }
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    // Batches of one page run concurrently: another batch's request may be processed between two of ours.
    await new Promise<void>((resolve) => setImmediate(resolve));
    await this.fake.cellEditGate(this.delayForCellEdit);
    const bytes = ops.reduce((a, o) => a + o.bytes, 0);
    this.fake.syncs.push({ bytes, ops: ops.length, labels: ops.map((o) => o.label) });
    if (bytes > this.fake.requestLimit)
      throw new FakeExcelError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${bytes} bytes > ${this.fake.requestLimit}).`,
      );
    this.responseBytes = 0;
    for (const op of ops) {
      if (this.fake.failWhen?.(op.label)) {
        this.fake.failWhen = undefined;
        throw new FakeExcelError("GeneralException", `Injected failure at ${op.label}`);
      }
      op.run();
    }
    this.fake.syncs[this.fake.syncs.length - 1].responseBytes = this.responseBytes;
    if (this.responseBytes > this.fake.requestLimit)
      throw new FakeExcelError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size has exceeded the limit (${this.responseBytes} bytes > ${this.fake.requestLimit}).`,
      );
  }
}

/** Base of every proxy: lazily bound to a model object the first time a queued op needs it. */
abstract class FakeObject<T> {
  /** The Excel class this proxy stands for (the key of tests/fakes/office-api.json). */
  static excelType: string | undefined;
  private bound: T | undefined;
  private boundSet = false;
  protected readonly loaded = new Map<string, unknown>();
  private readonly navs = new Map<string, unknown>();
  private nullKnown: boolean | undefined;
  constructor(
    protected readonly ctx: FakeContext,
    private readonly resolver: () => T,
  ) {
    // Every proxy is checked against Microsoft's table (requirement sets, enums).
    return strict(this, ctx, (new.target as unknown as { excelType?: string }).excelType);
  }
  target(): T {
    if (!this.boundSet) {
      this.bound = this.resolver();
      this.boundSet = true;
    }
    return this.bound as T;
  }
  bind(t: T): void {
    this.bound = t;
    this.boundSet = true;
  }
  /** Queue a resolution so isNullObject is known after the next sync. */
  trackNull(): void {
    this.ctx.enqueue("resolve", 0, () => {
      this.nullKnown = this.target() === null;
    });
  }
  get isNullObject(): boolean {
    if (this.nullKnown === undefined) throw notLoaded("isNullObject");
    return this.nullKnown;
  }
  protected nav<N>(key: string, make: () => N): N {
    if (!this.navs.has(key)) this.navs.set(key, make());
    return this.navs.get(key) as N;
  }
  load(props?: string | string[] | { select?: string }): this {
    const list = (
      typeof props === "string" ? props.split(",") : Array.isArray(props) ? props : (props?.select ?? "").split(",")
    )
      .map((p) => p.trim())
      .filter(Boolean);
    // Each step of each path is a member too: load("items/protection/protected") needs WorksheetProtection.
    const own = (this.constructor as unknown as { excelType?: string }).excelType;
    for (const p of list) {
      let type = own;
      for (const step of p.split("/")) {
        const e = type ? memberOf(type, step) : undefined;
        if (!e) break;
        this.ctx.requireMember(type!, step, e, false);
        type = e.t && "n" in e.t ? e.t.n : undefined;
      }
    }
    this.ctx.enqueue("load", jsonBytes(list), () => this.snapshot(list));
    return this;
  }
  snapshot(list: string[]): void {
    const t = this.target();
    if (t === null) return;
    const nested = new Map<string, string[]>();
    for (const p of list) {
      const slash = p.indexOf("/");
      if (slash < 0) {
        const v = this.read(p);
        this.ctx.responseBytes += jsonBytes(v);
        this.loaded.set(p, v);
      } else {
        const head = p.slice(0, slash);
        nested.set(head, [...(nested.get(head) ?? []), p.slice(slash + 1)]);
      }
    }
    for (const [head, rest] of nested) this.navFor(head).snapshot(rest);
  }
  protected navFor(head: string): { snapshot(list: string[]): void } {
    throw new Error(`fake: cannot load through ${head}`);
  }
  protected abstract read(prop: string): unknown;
  protected got<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as V;
  }
}

function notLoaded(prop: string): FakeExcelError {
  return new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** A collection proxy: load("items/...") then .items. */
class FakeCollection<M, P extends FakeObject<M>> extends FakeObject<M[]> {
  private itemsLoaded: P[] | undefined;
  constructor(
    ctx: FakeContext,
    resolver: () => M[],
    private readonly wrap: (m: M) => P,
  ) {
    super(ctx, resolver);
  }
  override snapshot(list: string[]): void {
    const models = this.target().slice();
    const sub = list.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    this.itemsLoaded = models.map((m) => {
      const p = this.wrap(m);
      p.snapshot(sub);
      return p;
    });
  }
  get items(): P[] {
    if (!this.itemsLoaded) throw notLoaded("items");
    return this.itemsLoaded;
  }
  protected read(): unknown {
    return undefined;
  }
}

type ProxyClass<T, P extends FakeObject<T>> = new (ctx: FakeContext, resolver: () => T) => P;

/** A proxy already bound to its model: an item of a loaded collection. */
function boundProxy<T, P extends FakeObject<T>>(Cls: ProxyClass<T, P>, ctx: FakeContext, m: T): P {
  const p = new Cls(ctx, () => m);
  p.bind(m);
  return p;
}

/** What getItem returns: resolved at sync, ItemNotFound when `find` finds nothing. */
function itemProxy<T, P extends FakeObject<T>>(
  Cls: ProxyClass<T, P>,
  ctx: FakeContext,
  find: () => T | undefined,
  what: string,
): P {
  return new Cls(ctx, () => {
    const m = find();
    if (!m) throw new FakeExcelError("ItemNotFound", `The requested resource doesn't exist: ${what}`);
    return m;
  });
}

/** What a ...OrNullObject method returns: isNullObject is known after the next sync. */
function nullableProxy<T, P extends FakeObject<T>>(
  Cls: ProxyClass<T, P>,
  ctx: FakeContext,
  find: () => T | undefined | null,
): P {
  const p = new Cls(ctx, () => find() ?? (null as unknown as T));
  p.trackNull();
  return p;
}

/** What an add method returns: a proxy bound to the model `create` makes when the queued operation runs. */
function addedProxy<T, P extends FakeObject<T>>(
  Cls: ProxyClass<T, P>,
  ctx: FakeContext,
  what: string,
  label: string,
  payload: number,
  create: () => T,
): P {
  const p = new Cls(ctx, () => {
    throw new Error(`fake: ${what} used before it was added`);
  });
  ctx.enqueue(label, payload, () => p.bind(create()));
  return p;
}

// ---------------------------------------------------------------- workbook, protection, functions

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheets;
  readonly tables: FakeTables;
  readonly names: FakeNames;
  readonly protection: FakeWorkbookProtection;
  readonly functions: { date(year: number, month: number, day: number): FakeFunctionResult };
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.tables = new FakeTables(ctx, () => ctx.book.tables, null);
    this.names = new FakeNames(ctx);
    this.protection = new FakeWorkbookProtection(ctx, () => ctx.book);
    this.functions = {
      // DATE in the workbook's date system: 1904-01-01 is serial 0 in a 1904 workbook, 1462 otherwise.
      // https://support.microsoft.com/office/date-systems-in-excel-e7fe7167-48a9-4b96-bb53-5612a800b487
      date: (year: number, month: number, day: number) =>
        new FakeFunctionResult(ctx, () => {
          const v = serialFromYmd(year, month, day) - (ctx.book.date1904 ? 1462 : 0);
          return v < 0 ? { value: null, error: "#NUM!" } : { value: v, error: null };
        }),
    };
  }
}

class FakeFunctionResult extends FakeObject<{ value: unknown; error: string | null }> {
  static override excelType = "Excel.FunctionResult";
  protected read(prop: string): unknown {
    if (prop === "value") return this.target().value;
    if (prop === "error") return this.target().error;
    throw new Error(`fake: FunctionResult.${prop} not modelled`);
  }
  get value(): unknown {
    return this.got("value");
  }
  get error(): string | null {
    return this.got("error");
  }
}

class FakeWorkbookProtection extends FakeObject<BookModel> {
  static override excelType = "Excel.WorkbookProtection";
  protected read(prop: string): unknown {
    if (prop === "protected") return this.target().structureProtected;
    throw new Error(`fake: WorkbookProtection.${prop} not modelled`);
  }
  get protected(): boolean {
    return this.got("protected");
  }
  protect(): void {
    this.ctx.enqueue("workbook.protect", 0, () => {
      if (this.target().structureProtected)
        throw new FakeExcelError("InvalidOperation", "The workbook is already protected.");
      this.target().structureProtected = true;
    });
  }
  unprotect(): void {
    this.ctx.enqueue("workbook.unprotect", 0, () => (this.target().structureProtected = false));
  }
}

// ---------------------------------------------------------------- worksheets

class FakeWorksheets extends FakeCollection<SheetModel, FakeWorksheet> {
  static override excelType = "Excel.WorksheetCollection";
  constructor(private readonly c: FakeContext) {
    super(
      c,
      () => c.book.sheets,
      (m) => boundProxy(FakeWorksheet, c, m),
    );
  }
  getItem(name: string): FakeWorksheet {
    return itemProxy(FakeWorksheet, this.c, () => this.c.book.sheet(name), `worksheet ${name}`);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return nullableProxy(FakeWorksheet, this.c, () => this.c.book.sheet(name));
  }
  add(name?: string): FakeWorksheet {
    return addedProxy(FakeWorksheet, this.c, "sheet", "worksheets.add", jsonBytes(name ?? ""), () => {
      refuseIfStructureProtected(this.c.book);
      let n = name;
      for (let k = this.c.book.sheets.length + 1; n === undefined; k++)
        if (!this.c.book.sheet(`Sheet${k}`)) n = `Sheet${k}`;
      return this.c.book.addSheet(n);
    });
  }
}

/** The sheets a workbook shows: at least one must stay visible. */
function visibleOthers(book: BookModel, s: SheetModel): number {
  return book.sheets.filter((x) => x !== s && x.visibility === "Visible").length;
}

class FakeWorksheet extends FakeObject<SheetModel> {
  static override excelType = "Excel.Worksheet";
  protected read(prop: string): unknown {
    const s = this.target();
    if (prop === "name") return s.name;
    if (prop === "position") return this.ctx.book.sheets.indexOf(s);
    if (prop === "visibility") return s.visibility;
    if (prop === "tabColor") return s.tabColor;
    throw new Error(`fake: Worksheet.${prop} not modelled`);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.ctx.enqueue("worksheet.name", jsonBytes(v), () => {
      const s = this.target();
      if (s.name === v) return;
      refuseIfStructureProtected(this.ctx.book);
      checkSheetName(this.ctx.book, v, s);
      const old = s.name;
      s.name = v;
      this.ctx.book.retarget(old, sheetPrefix(v) + "!");
    });
  }
  get position(): number {
    return this.got("position");
  }
  set position(v: number) {
    this.ctx.enqueue("worksheet.position", 8, () => {
      const list = this.ctx.book.sheets;
      const s = this.target();
      if (list.indexOf(s) === v) return;
      refuseIfStructureProtected(this.ctx.book);
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(v, list.length), 0, s);
    });
  }
  get visibility(): string {
    return this.got("visibility");
  }
  set visibility(v: string) {
    this.ctx.enqueue("worksheet.visibility", jsonBytes(v), () => {
      const s = this.target();
      if (s.visibility === v) return;
      refuseIfStructureProtected(this.ctx.book);
      // A workbook keeps at least one visible sheet.
      // https://support.microsoft.com/office/hide-or-unhide-worksheets-69f2701a-21f5-4186-87d7-341a8cf53344
      if (v !== "Visible" && visibleOthers(this.ctx.book, s) === 0)
        throw new FakeExcelError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      s.visibility = v;
    });
  }
  set tabColor(v: string) {
    this.ctx.enqueue("worksheet.tabColor", jsonBytes(v), () => (this.target().tabColor = v));
  }
  /**
   * Deleting the last visible sheet fails, as does deleting a VeryHidden one; the formulas and names that
   * referred to the sheet become #REF!.
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)
   */
  delete(): void {
    this.ctx.enqueue("worksheet.delete", 0, () => {
      const s = this.target();
      const book = this.ctx.book;
      refuseIfStructureProtected(book);
      if (s.visibility === "VeryHidden")
        throw new FakeExcelError(
          "InvalidOperation",
          "A VeryHidden worksheet cannot be deleted; make it visible first.",
        );
      if (s.visibility === "Visible" && visibleOthers(book, s) === 0)
        throw new FakeExcelError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      book.sheets.splice(book.sheets.indexOf(s), 1);
      book.tables = book.tables.filter((t) => t.sheet !== s);
      s.deleted = true;
      book.retarget(s.name, "#REF!");
      if (this.ctx.fake.active === s) this.ctx.fake.active = null;
    });
  }
  activate(): void {
    this.ctx.enqueue("worksheet.activate", 0, () => (this.ctx.fake.active = this.target()));
  }
  /**
   * A copy of the sheet: its cells, formats, merges, conditional formats, charts, tables (renamed, as table
   * names are unique), freeze panes, protection, page setup, links, comments, notes and sheet-level names,
   * named "Name (2)".
   * https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-copy-member(1)
   */
  copy(positionType = "None", relativeTo?: FakeWorksheet): FakeWorksheet {
    return addedProxy(FakeWorksheet, this.ctx, "sheet copy", "worksheet.copy", jsonBytes(positionType), () => {
      const s = this.target();
      const book = this.ctx.book;
      refuseIfStructureProtected(book);
      let name = "";
      for (let k = 2; !name || book.sheet(name); k++) name = `${s.name.slice(0, 31 - ` (${k})`.length)} (${k})`;
      const c = book.addSheet(name);
      for (const [row, cells] of s.values) c.values.set(row, cells.slice());
      c.formulas = new Map(s.formulas);
      c.errors = new Set(s.errors);
      c.numberFormats = s.numberFormats.map((x) => ({ ...x }));
      c.formats = s.formats.map((x) => ({ ...x }));
      c.merges = s.merges.map((x) => ({ ...x }));
      c.cfs = s.cfs.map((x) =>
        Object.assign(new CfModel(x.type, x.address), {
          formula: x.formula,
          rule: { ...x.rule },
          format: { ...x.format },
        }),
      );
      const here = (t: RangeTarget | null) => (t && t.sheet === s ? { sheet: c, r: { ...t.r } } : t);
      c.charts = s.charts.map((ch) => {
        const n = Object.assign(new ChartModel(ch.type, null), {
          title: ch.title,
          position: ch.position && { ...ch.position },
          legend: { ...ch.legend },
          axes: {
            value: Object.assign(new AxisModel(), ch.axes.value),
            category: Object.assign(new AxisModel(), ch.axes.category),
          },
        });
        n.series = ch.series.map((x) =>
          Object.assign(new SeriesModel(x.name), {
            valuesRef: here(x.valuesRef),
            xValuesRef: here(x.xValuesRef),
            chartType: x.chartType,
            fillColor: x.fillColor,
            lineColor: x.lineColor,
          }),
        );
        return n;
      });
      c.pageLayout = s.pageLayout.clone();
      c.hyperlinks = new Map([...s.hyperlinks].map(([k, v]) => [k, { ...v }]));
      c.comments = s.comments.map((x) => new CellNoteModel(x.row, x.col, x.content, x.authorName));
      c.notes = s.notes.map((x) => new CellNoteModel(x.row, x.col, x.content, x.authorName));
      // The sheet's own names come along, scoped to the copy and referring to its cells.
      c.names = s.names.map((x) =>
        Object.assign(new NameModel(x.name, c, x.comment), {
          scope: c,
          areas: x.areas.map((a) => here(a)!),
          constant: x.constant,
          visible: x.visible,
        }),
      );
      c.freeze = s.freeze && { ...s.freeze };
      c.protected = s.protected;
      c.protection = { ...s.protection };
      c.tabColor = s.tabColor;
      c.visibility = s.visibility;
      for (const t of book.tables.filter((x) => x.sheet === s)) {
        let tn = "";
        for (let k = 2; !tn || book.table(tn); k++) tn = `${t.name}_${k}`;
        const m = new TableModel(tn, c, { ...t.range });
        m.style = t.style;
        m.showTotals = t.showTotals;
        book.tables.push(m);
      }
      const list = book.sheets;
      list.splice(list.indexOf(c), 1);
      const at = relativeTo ? list.indexOf(relativeTo.target()) : list.indexOf(s);
      const index =
        positionType === "Beginning"
          ? 0
          : positionType === "Before"
            ? at
            : positionType === "End"
              ? list.length
              : at + 1;
      list.splice(Math.max(0, Math.min(index, list.length)), 0, c);
      return c;
    });
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.target();
      return {
        sheet: s,
        r: address ? fullRange(address) : { top: 1, left: 1, bottom: GRID_ROWS, right: GRID_COLUMNS },
      };
    });
  }
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => ({ sheet: this.target(), address }));
  }
  /** Like Excel: the used range, or A1 when the sheet is blank. */
  getUsedRange(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.target();
      return { sheet: s, r: s.usedBounds() ?? { top: 1, left: 1, bottom: 1, right: 1 } };
    });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return nullableProxy(FakeRange, this.ctx, () => {
      const s = this.target();
      const b = s.usedBounds();
      return b ? { sheet: s, r: b } : null;
    });
  }
  get tables(): FakeTables {
    return this.nav(
      "tables",
      () =>
        new FakeTables(
          this.ctx,
          () => this.ctx.book.tables.filter((t) => t.sheet === this.target()),
          () => this.target(),
        ),
    );
  }
  get charts(): FakeCharts {
    return this.nav("charts", () => new FakeCharts(this.ctx, () => this.target()));
  }
  get freezePanes(): {
    freezeRows(n: number): void;
    freezeColumns(n: number): void;
    freezeAt(r: FakeRange | string): void;
    unfreeze(): void;
  } {
    return this.nav("freezePanes", () => ({
      freezeRows: (n: number) =>
        this.ctx.enqueue("freezeRows", 8, () => (this.target().freeze = { rows: n, columns: 0 })),
      freezeColumns: (n: number) =>
        this.ctx.enqueue("freezeColumns", 8, () => (this.target().freeze = { rows: 0, columns: n })),
      freezeAt: (r: FakeRange | string) =>
        this.ctx.enqueue("freezeAt", 16, () => {
          const rr = typeof r === "string" ? parseRange(r) : r.target().r;
          this.target().freeze = { rows: rr.bottom, columns: rr.right };
        }),
      unfreeze: () => this.ctx.enqueue("unfreeze", 0, () => (this.target().freeze = null)),
    }));
  }
  get protection(): FakeProtection {
    return this.nav("protection", () => new FakeProtection(this.ctx, () => this.target()));
  }
  get pageLayout(): FakePageLayout {
    return this.nav("pageLayout", () => new FakePageLayout(this.ctx, () => this.target()));
  }
  get horizontalPageBreaks(): FakePageBreaks {
    return this.nav("horizontalPageBreaks", () => new FakePageBreaks(this.ctx, () => this.target()));
  }
  /** The sheet-level names (Worksheet.names, ExcelApi 1.4). */
  get names(): FakeNames {
    return this.nav("names", () => new FakeNames(this.ctx, () => this.target()));
  }
  get comments(): FakeComments {
    return this.nav("comments", () => new FakeComments(this.ctx, () => this.target().comments));
  }
  get notes(): FakeNotes {
    return this.nav("notes", () => new FakeNotes(this.ctx, () => this.target().notes));
  }
  protected override navFor(head: string): { snapshot(list: string[]): void } {
    if (head === "protection") return this.protection;
    if (head === "charts") return this.charts;
    if (head === "tables") return this.tables;
    if (head === "names") return this.names;
    if (head === "comments") return this.comments;
    if (head === "notes") return this.notes;
    if (head === "pageLayout") return this.pageLayout;
    return super.navFor(head);
  }
}

// ---------------------------------------------------------------- page setup

/**
 * Worksheet.pageLayout (ExcelApi 1.9): what File > Page Setup shows, stored as set.
 * https://learn.microsoft.com/javascript/api/excel/excel.pagelayout
 */
class FakePageLayout extends FakeObject<SheetModel> {
  static override excelType = "Excel.PageLayout";
  protected read(prop: string): unknown {
    const p = this.target().pageLayout;
    switch (prop) {
      case "orientation":
        return p.orientation;
      case "paperSize":
        return p.paperSize;
      case "zoom":
        return { ...p.zoom };
      case "centerHorizontally":
        return p.centerHorizontally;
      case "centerVertically":
        return p.centerVertically;
      default:
        throw new Error(`fake: PageLayout.${prop} not modelled`);
    }
  }
  private put(prop: string, v: unknown, apply: (p: PageLayoutModel) => void): void {
    this.ctx.enqueue(`pageLayout.${prop}`, jsonBytes(v), () => apply(this.target().pageLayout));
  }
  get orientation(): string {
    return this.got("orientation");
  }
  set orientation(v: string) {
    this.put("orientation", v, (p) => (p.orientation = v));
  }
  get paperSize(): string {
    return this.got("paperSize");
  }
  set paperSize(v: string) {
    this.put("paperSize", v, (p) => (p.paperSize = v));
  }
  get zoom(): PageLayoutModel["zoom"] {
    return this.got("zoom");
  }
  /**
   * "scale: Print page scale value can be between 10 and 400"; the pages to fit are counts of pages (0: as many
   * as the content needs, as OOXML's fitToHeight="0").
   * https://learn.microsoft.com/javascript/api/excel/excel.pagelayoutzoomoptions
   */
  set zoom(v: PageLayoutModel["zoom"]) {
    this.put("zoom", v, (p) => {
      const bad =
        (v.scale !== undefined && v.scale !== null && !(v.scale >= 10 && v.scale <= 400)) ||
        [v.horizontalFitToPages, v.verticalFitToPages].some(
          (n) => n !== undefined && n !== null && !(Number.isInteger(n) && n >= 0),
        );
      if (bad)
        throw new FakeExcelError(
          "InvalidArgument",
          `The argument is invalid or missing or has an incorrect format: zoom ${JSON.stringify(v)}.`,
        );
      p.zoom = { ...v };
    });
  }
  get centerHorizontally(): boolean {
    return this.got("centerHorizontally");
  }
  set centerHorizontally(v: boolean) {
    this.put("centerHorizontally", v, (p) => (p.centerHorizontally = v));
  }
  set centerVertically(v: boolean) {
    this.put("centerVertically", v, (p) => (p.centerVertically = v));
  }
  /** Rows repeated at the top of each printed page: whole rows of the sheet ("$40:$40", or a Range over them). */
  setPrintTitleRows(rows: FakeRange | string): void {
    this.ctx.enqueue("pageLayout.setPrintTitleRows", jsonBytes(typeof rows === "string" ? rows : ""), () => {
      const r = typeof rows === "string" ? fullRange(rows) : rows.target().r;
      this.target().pageLayout.printTitleRows = `$${r.top}:$${r.bottom}`;
    });
  }
  get headersFooters(): FakeHeaderFooterGroup {
    return this.nav("headersFooters", () => new FakeHeaderFooterGroup(this.ctx, () => this.target()));
  }
}

class FakeHeaderFooterGroup extends FakeObject<SheetModel> {
  static override excelType = "Excel.HeaderFooterGroup";
  protected read(prop: string): unknown {
    throw new Error(`fake: HeaderFooterGroup.${prop} not modelled`);
  }
  get defaultForAllPages(): FakeHeaderFooter {
    return this.nav("defaultForAllPages", () => new FakeHeaderFooter(this.ctx, () => this.target()));
  }
}

const HEADER_FOOTER_PARTS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"];

/** HeaderFooter: six texts in Excel's header/footer codes (&A, &P ...), stored as set. */
class FakeHeaderFooter extends FakeObject<SheetModel> {
  static override excelType = "Excel.HeaderFooter";
  constructor(ctx: FakeContext, resolver: () => SheetModel) {
    super(ctx, resolver);
    for (const part of HEADER_FOOTER_PARTS)
      Object.defineProperty(this, part, {
        get: () => this.got(part),
        set: (v: string) =>
          this.ctx.enqueue(
            `headerFooter.${part}`,
            jsonBytes(v),
            () => (this.target().pageLayout.headerFooter[part] = v),
          ),
      });
  }
  protected read(prop: string): unknown {
    if (HEADER_FOOTER_PARTS.includes(prop)) return this.target().pageLayout.headerFooter[prop] ?? "";
    throw new Error(`fake: HeaderFooter.${prop} not modelled`);
  }
}

/** Worksheet.horizontalPageBreaks: a break above the row of the cell given. */
class FakePageBreaks extends FakeObject<SheetModel> {
  static override excelType = "Excel.PageBreakCollection";
  protected read(prop: string): unknown {
    throw new Error(`fake: PageBreakCollection.${prop} not modelled`);
  }
  add(at: FakeRange | string): void {
    this.ctx.enqueue("pageBreaks.add", jsonBytes(typeof at === "string" ? at : ""), () => {
      const top = typeof at === "string" ? fullRange(at).top : at.target().r.top;
      const breaks = this.target().pageLayout.rowBreaks;
      if (!breaks.includes(top)) breaks.push(top);
    });
  }
  removePageBreaks(): void {
    this.ctx.enqueue("pageBreaks.removePageBreaks", 0, () => (this.target().pageLayout.rowBreaks = []));
  }
}

// ---------------------------------------------------------------- comments and notes

/** Worksheet.comments (ExcelApi 1.10): the threaded comments on the sheet's cells. */
class FakeComments extends FakeCollection<CellNoteModel, FakeComment> {
  static override excelType = "Excel.CommentCollection";
  constructor(c: FakeContext, resolver: () => CellNoteModel[]) {
    super(c, resolver, (m) => boundProxy(FakeComment, c, m));
  }
}

/** Worksheet.notes (ExcelApi 1.18): the notes (the older kind of comment) on the sheet's cells. */
class FakeNotes extends FakeCollection<CellNoteModel, FakeNote> {
  static override excelType = "Excel.NoteCollection";
  constructor(c: FakeContext, resolver: () => CellNoteModel[]) {
    super(c, resolver, (m) => boundProxy(FakeNote, c, m));
  }
}

class FakeComment extends FakeObject<CellNoteModel> {
  static override excelType = "Excel.Comment";
  protected read(prop: string): unknown {
    const m = this.target();
    if (prop === "id") return m.id;
    if (prop === "content") return m.content;
    if (prop === "authorName") return m.authorName;
    throw new Error(`fake: Comment.${prop} not modelled`);
  }
  delete(): void {
    this.ctx.enqueue("comment.delete", 0, () => {
      for (const s of this.ctx.book.sheets) s.comments = s.comments.filter((c) => c !== this.target());
    });
  }
}

class FakeNote extends FakeObject<CellNoteModel> {
  static override excelType = "Excel.Note";
  protected read(prop: string): unknown {
    const m = this.target();
    if (prop === "content") return m.content;
    if (prop === "authorName") return m.authorName;
    throw new Error(`fake: Note.${prop} not modelled`);
  }
  delete(): void {
    this.ctx.enqueue("note.delete", 0, () => {
      for (const s of this.ctx.book.sheets) s.notes = s.notes.filter((c) => c !== this.target());
    });
  }
}

/** Worksheet.protection: protect, unprotect and the `protected` flag; a protected sheet refuses edits. */
class FakeProtection extends FakeObject<SheetModel> {
  static override excelType = "Excel.WorksheetProtection";
  protected read(prop: string): unknown {
    if (prop === "protected") return this.target().protected;
    throw new Error(`fake: WorksheetProtection.${prop} not modelled`);
  }
  get protected(): boolean {
    return this.got("protected");
  }
  protect(options?: ProtectionOptions): void {
    this.ctx.enqueue("protection.protect", jsonBytes(options ?? {}), () => {
      // Excel: "Fails if the worksheet has already been protected" (WorksheetProtection.protect).
      if (this.target().protected) throw new FakeExcelError("InvalidOperation", "The worksheet is already protected.");
      this.target().protected = true;
      this.target().protection = { ...(options ?? {}) };
    });
  }
  unprotect(): void {
    this.ctx.enqueue("protection.unprotect", 0, () => {
      this.target().protected = false;
      this.target().protection = {};
    });
  }
}

export interface RangeTarget {
  sheet: SheetModel;
  r: RangeRef;
}

/** A recorder for format trees (range.format.font.bold = true ...): each set is queued and recorded. */
function formatRecorder(ctx: FakeContext, sink: (path: string, value: unknown) => void, path: string): object {
  return new Proxy(
    {},
    {
      get(_t, prop: string | symbol) {
        if (typeof prop === "symbol") return undefined;
        if (prop === "getItem")
          return (edge: string) =>
            formatRecorder(ctx, sink, `${path}.borders[${edge}]`.replace(".borders.borders", ".borders"));
        return formatRecorder(ctx, sink, `${path}.${prop}`);
      },
      set(_t, prop: string, value: unknown) {
        ctx.enqueue(`set ${path}.${prop}`, jsonBytes(value), () => sink(`${path}.${prop}`.replace(/^\./, ""), value));
        return true;
      },
    },
  );
}

/** What a format path changes, for sheet protection: column widths, row heights, or the cells' formats. */
function formatKind(path: string): Guarded {
  if (/^(columnWidth|useStandardWidth|columnHidden)$/.test(path)) return "formatColumns";
  if (/^(rowHeight|useStandardHeight|rowHidden)$/.test(path)) return "formatRows";
  return "formatCells";
}

// ---------------------------------------------------------------- ranges

/** Excel's type of a cell's value (Range.valueTypes). */
function valueType(sheet: SheetModel, row: number, col: number): string {
  if (sheet.errors.has(`${row},${col}`)) return "Error";
  const f = sheet.formulas.get(`${row},${col}`);
  const v = f ? evaluate(sheet, f) : sheet.get(row, col);
  if (f && typeof v === "string" && /^#[A-Z0-9/]+[!?A]?$/.test(v)) return "Error";
  if (v === null || v === "") return "Empty";
  return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
}

class FakeRange extends FakeObject<RangeTarget> {
  static override excelType = "Excel.Range";
  protected read(prop: string): unknown {
    const { sheet, r } = this.target();
    const grid = (f: (row: number, col: number) => unknown) => {
      const out: unknown[][] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: unknown[] = [];
        for (let col = r.left; col <= r.right; col++) line.push(f(row, col));
        out.push(line);
      }
      return out;
    };
    switch (prop) {
      case "values":
        return grid((row, col) => {
          const f = sheet.formulas.get(`${row},${col}`);
          const v = f ? evaluate(sheet, f) : sheet.get(row, col);
          return v === null ? "" : v;
        });
      case "formulas":
        return grid((row, col) => {
          const f = sheet.formulas.get(`${row},${col}`);
          const v = sheet.get(row, col);
          return f ?? (v === null ? "" : v);
        });
      case "valueTypes":
        return grid((row, col) => valueType(sheet, row, col));
      case "numberFormat":
        return grid((row, col) => sheet.numberFormatAt(row, col));
      case "address":
        return `${sheetPrefix(sheet.name)}!${rangeAddress(r)}`;
      case "rowIndex":
        return r.top - 1;
      case "columnIndex":
        return r.left - 1;
      case "rowCount":
        return r.bottom - r.top + 1;
      case "columnCount":
        return r.right - r.left + 1;
      case "hyperlink": {
        const h = sheet.hyperlinks.get(`${r.top},${r.left}`);
        return h ? { ...h } : null;
      }
      default:
        throw new Error(`fake: Range.${prop} not modelled`);
    }
  }
  get values(): unknown[][] {
    return this.got("values");
  }
  set values(v: unknown[][]) {
    this.write("values", v);
  }
  get formulas(): unknown[][] {
    return this.got("formulas");
  }
  set formulas(v: unknown[][]) {
    this.write("formulas", v);
  }
  get valueTypes(): string[][] {
    return this.got("valueTypes");
  }
  get address(): string {
    return this.got("address");
  }
  get rowIndex(): number {
    return this.got("rowIndex");
  }
  get columnIndex(): number {
    return this.got("columnIndex");
  }
  get rowCount(): number {
    return this.got("rowCount");
  }
  get columnCount(): number {
    return this.got("columnCount");
  }
  get numberFormat(): unknown[][] {
    return this.got("numberFormat");
  }
  set numberFormat(v: unknown) {
    this.ctx.enqueue("range.numberFormat", jsonBytes(v), () => {
      const { sheet, r } = this.target();
      refuseIfProtected(sheet, "formatCells");
      if (
        Array.isArray(v) &&
        (v.length !== r.bottom - r.top + 1 || (v[0] as unknown[]).length !== r.right - r.left + 1)
      )
        throw new FakeExcelError(
          "InvalidArgument",
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      sheet.numberFormats.push({ address: rangeAddress(r), value: v });
    });
  }
  get hyperlink(): HyperlinkModel | null {
    return this.got("hyperlink");
  }
  /**
   * A link on every cell of the range. "textToDisplay: Represents the string that is displayed in the top left
   * most cell in the range": given, it replaces that cell's value or formula.
   * https://learn.microsoft.com/javascript/api/excel/excel.rangehyperlink
   */
  set hyperlink(v: HyperlinkModel) {
    this.ctx.enqueue("range.hyperlink", jsonBytes(v), () => {
      const { sheet, r } = this.target();
      refuseIfProtected(sheet, "cells");
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) sheet.hyperlinks.set(`${row},${col}`, { ...v });
      if (v.textToDisplay !== undefined) sheet.put(r.top, r.left, v.textToDisplay);
    });
  }
  set columnHidden(v: boolean) {
    this.ctx.enqueue("range.columnHidden", 8, () => {
      const { sheet, r } = this.target();
      refuseIfProtected(sheet, "formatColumns");
      sheet.formats.push({ address: rangeAddress(r), path: "columnHidden", value: v });
    });
  }
  get format(): Record<string, unknown> {
    return this.nav("format", () =>
      formatRecorder(
        this.ctx,
        (path, value) => {
          const { sheet, r } = this.target();
          refuseIfProtected(sheet, formatKind(path));
          sheet.formats.push({ address: rangeAddress(r), path, value });
        },
        "",
      ),
    ) as Record<string, unknown>;
  }
  /**
   * Same top-left cell, grown (or shrunk) by rows and columns. Beyond the grid (1,048,576 rows x 16,384
   * columns) it fails, as Excel does: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getresizedrange-member(1)
   */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, r } = this.target();
      const out = { ...r, bottom: r.bottom + deltaRows, right: r.right + deltaColumns };
      if (out.bottom > GRID_ROWS || out.right > GRID_COLUMNS || out.bottom < out.top || out.right < out.left)
        throw new FakeExcelError(
          "InvalidArgument",
          `The argument is invalid or missing or has an incorrect format: getResizedRange(${deltaRows}, ${deltaColumns}) of ${rangeAddress(r)} leaves the grid.`,
        );
      return { sheet, r: out };
    });
  }
  getRow(i: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, r } = this.target();
      return { sheet, r: { ...r, top: r.top + i, bottom: r.top + i } };
    });
  }
  getCell(row: number, column: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, r } = this.target();
      return { sheet, r: { top: r.top + row, left: r.left + column, bottom: r.top + row, right: r.left + column } };
    });
  }
  merge(_across?: boolean): void {
    this.ctx.enqueue("range.merge", 8, () => {
      const { sheet, r } = this.target();
      refuseIfProtected(sheet, "cells");
      sheet.merges.push(r);
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) if (row !== r.top || col !== r.left) sheet.put(row, col, null);
    });
  }
  unmerge(): void {
    this.ctx.enqueue("range.unmerge", 0, () => {
      const { sheet, r } = this.target();
      refuseIfProtected(sheet, "cells");
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, r));
    });
  }
  /** Range.clear("All"): values, formulas, formats, merges and conditional formats inside the range. */
  clear(applyTo = "All"): void {
    this.ctx.enqueue("range.clear", jsonBytes(applyTo), () => {
      const { sheet, r } = this.target();
      refuseIfProtected(sheet, "cells");
      if (applyTo !== "All") throw new Error(`fake: Range.clear(${applyTo}) not modelled`);
      sheet.clear(r);
    });
  }
  get conditionalFormats(): FakeConditionalFormats {
    return this.nav(
      "cf",
      () =>
        new FakeConditionalFormats(
          this.ctx,
          () => this.target().sheet,
          () => rangeAddress(this.target().r),
        ),
    );
  }
  private write(kind: string, v: unknown[][]): void {
    this.ctx.enqueue(`range.${kind}`, jsonBytes(v), () => {
      const { sheet, r } = this.target();
      refuseIfProtected(sheet, "cells");
      if (v.length !== r.bottom - r.top + 1 || v.some((row) => row.length !== r.right - r.left + 1))
        throw new FakeExcelError(
          "InvalidArgument",
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      for (let i = 0; i < v.length; i++)
        for (let j = 0; j < v[i].length; j++) {
          const c = coerceInput(v[i][j]);
          if (c) sheet.put(r.top + i, r.left + j, c.v, c.f, c.error);
        }
    });
  }
}

class FakeRangeAreas extends FakeObject<{ sheet: SheetModel; address: string }> {
  static override excelType = "Excel.RangeAreas";
  protected read(): unknown {
    throw new Error("fake: RangeAreas properties not modelled");
  }
  get conditionalFormats(): FakeConditionalFormats {
    return this.nav(
      "cf",
      () =>
        new FakeConditionalFormats(
          this.ctx,
          () => this.target().sheet,
          () => this.target().address,
        ),
    );
  }
}

// ---------------------------------------------------------------- conditional formats

class FakeConditionalFormats extends FakeCollection<CfModel, FakeConditionalFormat> {
  static override excelType = "Excel.ConditionalFormatCollection";
  constructor(
    private readonly c: FakeContext,
    private readonly sheetOf: () => SheetModel,
    private readonly addressOf: () => string,
  ) {
    // Every conditional format of the sheet (the tests ask for the whole sheet's).
    super(
      c,
      () => sheetOf().cfs,
      (m) => {
        const p = boundProxy(FakeConditionalFormat, c, m);
        p.sheetOf = sheetOf;
        return p;
      },
    );
  }
  add(type: string): FakeConditionalFormat {
    const p = addedProxy(
      FakeConditionalFormat,
      this.c,
      "conditional format",
      "conditionalFormats.add",
      jsonBytes(type),
      () => {
        refuseIfProtected(this.sheetOf(), "formatCells");
        const m = new CfModel(type, this.addressOf());
        this.sheetOf().cfs.push(m);
        p.sheetOf = this.sheetOf;
        return m;
      },
    );
    return p;
  }
  clearAll(): void {
    this.c.enqueue("conditionalFormats.clearAll", 0, () => {
      const sheet = this.sheetOf();
      refuseIfProtected(sheet, "formatCells");
      const r = fullRange(this.addressOf());
      sheet.cfs = sheet.cfs.filter((cf) => !cf.address.split(",").some((a) => overlaps(fullRange(a), r)));
    });
  }
}

class FakeConditionalFormat extends FakeObject<CfModel> {
  static override excelType = "Excel.ConditionalFormat";
  sheetOf: () => SheetModel = () => {
    throw new Error("fake: no sheet");
  };
  protected read(prop: string): unknown {
    if (prop === "type") return this.target().type;
    throw new Error(`fake: ConditionalFormat.${prop} not modelled`);
  }
  get type(): string {
    return this.got("type");
  }
  private ruleProxy(kind: string): FakeCfRule {
    return this.nav(`rule-${kind}`, () => {
      const r = new FakeCfRule(this.ctx, () => {
        const m = this.target();
        if (m.type !== kind)
          throw new FakeExcelError("InvalidOperation", `The conditional format is not of type ${kind}.`);
        return m;
      });
      r.sheetOf = () => this.sheetOf();
      return r;
    });
  }
  private formatOf(): Record<string, unknown> {
    return formatRecorder(
      this.ctx,
      (path, value) => {
        refuseIfProtected(this.sheetOf(), "formatCells");
        this.target().format[path] = value;
      },
      "",
    ) as Record<string, unknown>;
  }
  get custom(): { rule: FakeCfRule; format: Record<string, unknown> } {
    return this.nav("custom", () => ({ rule: this.ruleProxy("Custom"), format: this.formatOf() }));
  }
  get cellValue(): { rule: unknown; format: Record<string, unknown> } {
    const ctx = this.ctx;
    const target = () => this.target();
    const sheetOf = () => this.sheetOf();
    return this.nav("cellValue", () => ({
      set rule(v: { formula1?: string; formula2?: string; operator?: string }) {
        ctx.enqueue("cellValue.rule", jsonBytes(v), () => {
          refuseIfProtected(sheetOf(), "formatCells");
          target().rule = v;
        });
      },
      get rule(): unknown {
        throw notLoaded("rule");
      },
      format: this.formatOf(),
    }));
  }
  delete(): void {
    this.ctx.enqueue("conditionalFormat.delete", 0, () => {
      refuseIfProtected(this.sheetOf(), "formatCells");
      const m = this.target();
      const list = this.sheetOf().cfs;
      list.splice(list.indexOf(m), 1);
    });
  }
}

class FakeCfRule extends FakeObject<CfModel> {
  static override excelType = "Excel.ConditionalFormatRule";
  sheetOf: () => SheetModel = () => {
    throw new Error("fake: no sheet");
  };
  protected read(prop: string): unknown {
    if (prop === "formula") return this.target().formula;
    throw new Error(`fake: rule.${prop} not modelled`);
  }
  get formula(): string {
    return this.got("formula");
  }
  set formula(v: string) {
    this.ctx.enqueue("rule.formula", jsonBytes(v), () => {
      refuseIfProtected(this.sheetOf(), "formatCells");
      this.target().formula = v;
    });
  }
}

// ---------------------------------------------------------------- tables

class FakeTables extends FakeCollection<TableModel, FakeTable> {
  static override excelType = "Excel.TableCollection";
  constructor(
    private readonly c: FakeContext,
    resolver: () => TableModel[],
    /** The sheet of Worksheet.tables (add puts the table there), null for Workbook.tables. */
    private readonly sheetOf: (() => SheetModel) | null,
  ) {
    super(c, resolver, (m) => boundProxy(FakeTable, c, m));
  }
  getItem(name: string): FakeTable {
    return itemProxy(FakeTable, this.c, () => this.c.book.table(name), `table ${name}`);
  }
  getItemOrNullObject(name: string): FakeTable {
    return nullableProxy(FakeTable, this.c, () => this.c.book.table(name));
  }
  add(address: string | FakeRange, _hasHeaders: boolean): FakeTable {
    const bytes = jsonBytes(typeof address === "string" ? address : "");
    return addedProxy(FakeTable, this.c, "table", "tables.add", bytes, () => {
      const target = typeof address === "string" ? null : address.target();
      const s = target?.sheet ?? this.sheetOf?.();
      if (!s) throw new Error("fake: Workbook.tables.add needs a sheet-qualified address");
      refuseIfProtected(s, "tables");
      const r = target?.r ?? fullRange(address as string);
      const clash = this.c.book.tables.find((x) => x.sheet === s && overlaps(x.range, r));
      if (clash) throw new FakeExcelError("InvalidArgument", "A table can't overlap another table.");
      const m = new TableModel(this.c.book.nextTableName(), s, r);
      this.c.book.tables.push(m);
      return m;
    });
  }
}

class FakeTable extends FakeObject<TableModel> {
  static override excelType = "Excel.Table";
  protected read(prop: string): unknown {
    const t = this.target();
    if (prop === "name") return t.name;
    if (prop === "showTotals") return t.showTotals;
    if (prop === "style") return t.style;
    throw new Error(`fake: Table.${prop} not modelled`);
  }
  protected override navFor(head: string): { snapshot(list: string[]): void } {
    if (head === "worksheet") return this.worksheet;
    if (head === "columns") return this.columns;
    return super.navFor(head);
  }
  /** The table's columns, named by its header row. */
  get columns(): FakeTableColumns {
    return this.nav("columns", () => new FakeTableColumns(this.ctx, () => this.target()));
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.ctx.enqueue("table.name", jsonBytes(v), () => {
      const t = this.target();
      refuseIfProtected(t.sheet, "tables");
      checkTableName(this.ctx.book, v, t);
      t.name = v;
    });
  }
  set style(v: string) {
    this.ctx.enqueue("table.style", jsonBytes(v), () => {
      refuseIfProtected(this.target().sheet, "tables");
      this.target().style = v;
    });
  }
  get showTotals(): boolean {
    return this.got("showTotals");
  }
  get worksheet(): FakeWorksheet {
    return this.nav("worksheet", () => new FakeWorksheet(this.ctx, () => this.target().sheet));
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, () => ({ sheet: this.target().sheet, r: { ...this.target().range } }));
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const r = this.target().range;
      return { sheet: this.target().sheet, r: { ...r, bottom: r.top } };
    });
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const t = this.target();
      return {
        sheet: t.sheet,
        r: { ...t.range, top: t.range.top + 1, bottom: t.range.bottom - (t.showTotals ? 1 : 0) },
      };
    });
  }
  /** Table.delete: the table and its cells go. */
  delete(): void {
    this.ctx.enqueue("table.delete", 0, () => {
      const t = this.target();
      refuseIfProtected(t.sheet, "tables");
      t.sheet.clear(t.range);
      this.ctx.book.tables = this.ctx.book.tables.filter((x) => x !== t);
    });
  }
  get rows(): {
    add(index: number | null | undefined, values: unknown[][]): void;
    getItemAt(i: number): { delete(): void };
  } {
    return this.nav("rows", () => ({
      getItemAt: (i: number) => ({
        delete: () =>
          this.ctx.enqueue("table.row.delete", 8, () => {
            // Excel shifts the table's cells below the deleted row up by one.
            const t = this.target();
            refuseIfProtected(t.sheet, "tables");
            const row = t.range.top + 1 + i;
            if (row > t.range.bottom - (t.showTotals ? 1 : 0))
              throw new FakeExcelError("ItemNotFound", `The table has no row ${i}.`);
            for (let rr = row; rr < t.range.bottom; rr++)
              for (let c = t.range.left; c <= t.range.right; c++) {
                const f = t.sheet.formulas.get(`${rr + 1},${c}`);
                t.sheet.put(rr, c, t.sheet.get(rr + 1, c), f, t.sheet.errors.has(`${rr + 1},${c}`));
              }
            for (let c = t.range.left; c <= t.range.right; c++) t.sheet.put(t.range.bottom, c, null);
            t.range = { ...t.range, bottom: t.range.bottom - 1 };
          }),
      }),
      add: (_index: number | null | undefined, values: unknown[][]) =>
        this.ctx.enqueue("table.rows.add", jsonBytes(values), () => {
          const t = this.target();
          refuseIfProtected(t.sheet, "tables");
          const width = t.range.right - t.range.left + 1;
          if (values.some((r) => r.length !== width))
            throw new FakeExcelError(
              "InvalidArgument",
              "The number of columns in the input array doesn't match the table.",
            );
          const at = t.range.bottom + 1 - (t.showTotals ? 1 : 0);
          values.forEach((row, i) =>
            row.forEach((v, j) => {
              const c = coerceInput(v);
              if (c) t.sheet.put(at + i, t.range.left + j, c.v, c.f, c.error);
            }),
          );
          t.range = { ...t.range, bottom: t.range.bottom + values.length };
        }),
    }));
  }
}

class FakeTableColumns extends FakeCollection<{ table: TableModel; index: number }, FakeTableColumn> {
  static override excelType = "Excel.TableColumnCollection";
  constructor(c: FakeContext, tableOf: () => TableModel) {
    super(
      c,
      () => {
        const t = tableOf();
        return Array.from({ length: t.range.right - t.range.left + 1 }, (_, index) => ({ table: t, index }));
      },
      (m) => boundProxy(FakeTableColumn, c, m),
    );
  }
}

class FakeTableColumn extends FakeObject<{ table: TableModel; index: number }> {
  static override excelType = "Excel.TableColumn";
  protected read(prop: string): unknown {
    const { table, index } = this.target();
    if (prop === "name") return String(table.sheet.get(table.range.top, table.range.left + index) ?? "");
    if (prop === "index") return index;
    throw new Error(`fake: TableColumn.${prop} not modelled`);
  }
  get name(): string {
    return this.got("name");
  }
}

// ---------------------------------------------------------------- charts

class FakeCharts extends FakeCollection<ChartModel, FakeChart> {
  static override excelType = "Excel.ChartCollection";
  constructor(
    private readonly c: FakeContext,
    private readonly sheetOf: () => SheetModel,
  ) {
    super(
      c,
      () => sheetOf().charts,
      (m) => {
        const p = boundProxy(FakeChart, c, m);
        p.sheetOf = sheetOf;
        return p;
      },
    );
  }
  add(type: string, source: FakeRange, _seriesBy?: string): FakeChart {
    const p = addedProxy(FakeChart, this.c, "chart", "charts.add", jsonBytes(type), () => {
      const s = this.sheetOf();
      refuseIfProtected(s, "objects");
      const m = new ChartModel(type, source.target());
      s.charts.push(m);
      return m;
    });
    p.sheetOf = this.sheetOf;
    return p;
  }
}

class FakeChart extends FakeObject<ChartModel> {
  static override excelType = "Excel.Chart";
  sheetOf: () => SheetModel = () => {
    throw new Error("fake: no sheet");
  };
  protected read(prop: string): unknown {
    if (prop === "name") return this.target().name;
    throw new Error(`fake: Chart.${prop} not modelled`);
  }
  get title(): { text: string } {
    const ctx = this.ctx;
    const target = () => this.target();
    return this.nav("title", () => ({
      set text(v: string) {
        ctx.enqueue("chart.title", jsonBytes(v), () => (target().title = v));
      },
      get text(): string {
        throw notLoaded("text");
      },
    }));
  }
  setPosition(from: string, to: string): void {
    this.ctx.enqueue("chart.setPosition", jsonBytes([from, to]), () => (this.target().position = { from, to }));
  }
  delete(): void {
    this.ctx.enqueue("chart.delete", 0, () => {
      const list = this.sheetOf().charts;
      refuseIfProtected(this.sheetOf(), "objects");
      list.splice(list.indexOf(this.target()), 1);
    });
  }
  get legend(): FakeChartLegend {
    return this.nav("legend", () => new FakeChartLegend(this.ctx, () => this.target()));
  }
  get axes(): FakeChartAxes {
    return this.nav("axes", () => new FakeChartAxes(this.ctx, () => this.target()));
  }
  get series(): { getItemAt(i: number): FakeSeries; add(name: string): FakeSeries } {
    return this.nav("series", () => ({
      getItemAt: (i: number) =>
        new FakeSeries(this.ctx, () => {
          const s = this.target().series[i];
          if (!s) throw new FakeExcelError("ItemNotFound", `No series ${i}`);
          return s;
        }),
      add: (name: string) => {
        return addedProxy(FakeSeries, this.ctx, "series", "series.add", jsonBytes(name), () => {
          const s = new SeriesModel(name);
          this.target().series.push(s);
          return s;
        });
      },
    }));
  }
}

class FakeChartLegend extends FakeObject<ChartModel> {
  static override excelType = "Excel.ChartLegend";
  protected read(prop: string): unknown {
    const l = this.target().legend;
    if (prop === "visible") return l.visible;
    if (prop === "position") return l.position;
    if (prop === "overlay") return l.overlay;
    throw new Error(`fake: ChartLegend.${prop} not modelled`);
  }
  set visible(v: boolean) {
    this.ctx.enqueue("legend.visible", 8, () => (this.target().legend.visible = v));
  }
  set position(v: string) {
    this.ctx.enqueue("legend.position", jsonBytes(v), () => (this.target().legend.position = v));
  }
  set overlay(v: boolean) {
    this.ctx.enqueue("legend.overlay", 8, () => (this.target().legend.overlay = v));
  }
}

class FakeChartAxes extends FakeObject<ChartModel> {
  static override excelType = "Excel.ChartAxes";
  protected read(prop: string): unknown {
    throw new Error(`fake: ChartAxes.${prop} not modelled`);
  }
  get valueAxis(): FakeChartAxis {
    return this.nav("value", () => new FakeChartAxis(this.ctx, () => this.target().axes.value));
  }
  get categoryAxis(): FakeChartAxis {
    return this.nav("category", () => new FakeChartAxis(this.ctx, () => this.target().axes.category));
  }
}

const AXIS_PROPS = ["numberFormat", "minimum", "maximum", "majorUnit", "reversePlotOrder", "position"] as const;

/** ChartAxis: the tick labels' format, fixed ends, gridline step, order and where the other axis crosses. */
class FakeChartAxis extends FakeObject<AxisModel> {
  static override excelType = "Excel.ChartAxis";
  constructor(ctx: FakeContext, resolver: () => AxisModel) {
    super(ctx, resolver);
    for (const prop of AXIS_PROPS)
      Object.defineProperty(this, prop, {
        get: () => this.got(prop),
        set: (v: never) => this.ctx.enqueue(`axis.${prop}`, jsonBytes(v), () => (this.target()[prop] = v)),
      });
  }
  protected read(prop: string): unknown {
    if ((AXIS_PROPS as readonly string[]).includes(prop)) return this.target()[prop as (typeof AXIS_PROPS)[number]];
    throw new Error(`fake: ChartAxis.${prop} not modelled`);
  }
}

class FakeSeries extends FakeObject<SeriesModel> {
  static override excelType = "Excel.ChartSeries";
  protected read(prop: string): unknown {
    if (prop === "chartType") return this.target().chartType;
    if (prop === "name") return this.target().name;
    throw new Error(`fake: Series.${prop} not modelled`);
  }
  set name(v: string) {
    this.ctx.enqueue("series.name", jsonBytes(v), () => (this.target().name = v));
  }
  set chartType(v: string) {
    this.ctx.enqueue("series.chartType", jsonBytes(v), () => (this.target().chartType = v));
  }
  get format(): { fill: FakeChartFill; line: FakeChartLine } {
    return this.nav("format", () => ({
      fill: new FakeChartFill(this.ctx, () => this.target()),
      line: new FakeChartLine(this.ctx, () => this.target()),
    }));
  }
  setValues(r: FakeRange): void {
    this.ctx.enqueue("series.setValues", 16, () => (this.target().valuesRef = r.target()));
  }
  setXAxisValues(r: FakeRange): void {
    this.ctx.enqueue("series.setXAxisValues", 16, () => (this.target().xValuesRef = r.target()));
  }
}

class FakeChartFill extends FakeObject<SeriesModel> {
  static override excelType = "Excel.ChartFill";
  protected read(prop: string): unknown {
    throw new Error(`fake: ChartFill.${prop} not modelled`);
  }
  setSolidColor(color: string): void {
    this.ctx.enqueue("series.fill.setSolidColor", jsonBytes(color), () => (this.target().fillColor = color));
  }
}

class FakeChartLine extends FakeObject<SeriesModel> {
  static override excelType = "Excel.ChartLineFormat";
  protected read(prop: string): unknown {
    if (prop === "color") return this.target().lineColor;
    throw new Error(`fake: ChartLineFormat.${prop} not modelled`);
  }
  set color(v: string) {
    this.ctx.enqueue("series.line.color", jsonBytes(v), () => (this.target().lineColor = v));
  }
}

// ---------------------------------------------------------------- defined names

/**
 * Excel's rules for a defined name: letters, digits, "_", "." and backslash, beginning with a letter, "_" or a
 * backslash; not a cell reference (nor "C"/"R"); at most 255 characters; unique in its scope (the workbook, or one
 * sheet), case-insensitively. ECMA-376 Part 1 §18.17.2.5 "Names", and Office's own grammar for them:
 * https://learn.microsoft.com/openspecs/office_standards/ms-oi29500/1399f3cb-927c-4611-96ee-666143a8be35
 */
function checkDefinedName(list: readonly NameModel[], name: string): void {
  const bad =
    typeof name !== "string" ||
    !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) ||
    name.length > 255 ||
    /^[A-Za-z]{1,3}\d+$/.test(name) ||
    /^[RrCc]$/.test(name) ||
    /^[Rr]\d*[Cc]\d*$/.test(name);
  if (bad)
    throw new FakeExcelError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format: name "${name}".`,
    );
  if (list.some((n) => n.name.toLowerCase() === name.toLowerCase()))
    throw new FakeExcelError("ItemAlreadyExists", `The name ${name} already exists.`);
}

/**
 * The areas of a reference formula ("='Aging'!$A$40:$I$41,'Aging'!$A$45:$I$45"). The fake resolves references to
 * sheets of this workbook only (no external workbooks, no formulas): anything else is refused.
 */
function referenceAreas(book: BookModel, formula: string): RangeTarget[] {
  const src = formula.trim().replace(/^=/, "");
  const out: RangeTarget[] = [];
  const re = /(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)(,|$)/giy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < src.length && (m = re.exec(src))) {
    const sheet = book.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
    if (!sheet) break;
    out.push({ sheet, r: parseRange(m[3]) });
    if (m[4] === "") return out;
  }
  throw new FakeExcelError(
    "InvalidArgument",
    `The argument is invalid or missing or has an incorrect format: reference ${JSON.stringify(formula)}.`,
  );
}

/** Workbook.names (workbook-level names) or Worksheet.names (that sheet's own names). */
class FakeNames extends FakeCollection<NameModel, FakeNamedItem> {
  static override excelType = "Excel.NamedItemCollection";
  constructor(
    private readonly c: FakeContext,
    /** The sheet of Worksheet.names; absent for Workbook.names. */
    private readonly scopeOf?: () => SheetModel,
  ) {
    super(
      c,
      () => (scopeOf ? scopeOf().names : c.book.names),
      (m) => boundProxy(FakeNamedItem, c, m),
    );
  }
  private list(): NameModel[] {
    return this.scopeOf ? this.scopeOf().names : this.c.book.names;
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return nullableProxy(FakeNamedItem, this.c, () =>
      this.list().find((n) => n.name.toLowerCase() === name.toLowerCase()),
    );
  }
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    return addedProxy(FakeNamedItem, this.c, "name", "names.add", jsonBytes([name, comment]), () => {
      const list = this.list();
      checkDefinedName(list, name);
      if (!this.scopeOf && this.c.book.table(name))
        throw new FakeExcelError("ItemAlreadyExists", `The name ${name} already exists.`);
      const m = new NameModel(name, null, comment ?? "");
      // Text constants ("=\"a:b\"", joined by & as "=\"a\"&\":b\""), or a reference to cells of this workbook.
      if (typeof reference === "string" && /^="(?:[^"]|"")*"(?:&"(?:[^"]|"")*")*$/.test(reference.trim()))
        m.constant = reference.trim();
      else m.areas = typeof reference === "string" ? referenceAreas(this.c.book, reference) : [reference.target()];
      m.scope = this.scopeOf?.() ?? null;
      list.push(m);
      return m;
    });
  }
}

class FakeNamedItem extends FakeObject<NameModel> {
  static override excelType = "Excel.NamedItem";
  protected read(prop: string): unknown {
    const n = this.target();
    if (prop === "name") return n.name;
    if (prop === "formula") return n.formula;
    if (prop === "comment") return n.comment;
    // NamedItemType: a text formula's value is a String (Excel.NamedItemType, ExcelApi 1.1).
    if (prop === "type") return n.formula === "=#REF!" ? "Error" : n.constant !== null ? "String" : "Range";
    if (prop === "scope") return n.scope ? "Worksheet" : "Workbook";
    throw new Error(`fake: NamedItem.${prop} not modelled`);
  }
  get name(): string {
    return this.got("name");
  }
  get formula(): string {
    return this.got("formula");
  }
  get comment(): string {
    return this.got("comment");
  }
  set visible(v: boolean) {
    this.ctx.enqueue("name.visible", 8, () => (this.target().visible = v));
  }
  delete(): void {
    this.ctx.enqueue("name.delete", 0, () => {
      const n = this.target();
      const list = n.scope ? n.scope.names : this.ctx.book.names;
      list.splice(list.indexOf(n), 1);
    });
  }
}

// ---------------------------------------------------------------- the fake and its inspection helpers

export interface ExcelFakeOptions {
  /** The sets a manifest declares, instead of manifest.xml's (to show what an older manifest would allow). */
  declared?: Record<string, string>;
  /**
   * Requirement sets of a newer host than manifest.xml declares, e.g. { ExcelApi: "1.11" }: the fake then
   * allows those members and isSetSupported says so. A set below the declared one changes nothing.
   */
  grant?: Record<string, string>;
}

export class ExcelFake {
  book = new BookModel();
  syncs: SyncRecord[] = [];
  requestLimit = EXCEL_WEB_REQUEST_LIMIT;
  active: SheetModel | null = null;
  /** Make the first queued operation whose label matches fail at sync (once). */
  failWhen: ((label: string) => boolean) | undefined;
  /** The host's requirement sets: manifest.xml's, raised by the test's grant. */
  readonly granted: GrantedSets;
  private editing: { done: Promise<void>; end: () => void } | null = null;

  constructor(options: ExcelFakeOptions = {}) {
    const sets: Record<string, string> = { ...(options.declared ?? declaredSets()) };
    for (const [name, version] of Object.entries(options.grant ?? {}))
      if (!grants(sets, { name, version })) sets[name] = version;
    this.granted = sets;
  }

  /** Office.context.requirements.isSetSupported, answered from the same sets the fake enforces. */
  readonly isSetSupported = (name: string, minVersion = "1.1"): boolean =>
    grants(this.granted, { name, version: minVersion });

  /** Excel.run over this fake: a fresh request context per batch, like Excel; Excel.run(options, batch) too. */
  readonly run = async <T>(
    a: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>),
    b?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> => {
    const [options, batch] = typeof a === "function" ? [undefined, a] : [a, b!];
    // delayForCellEdit is honoured by hosts with ExcelApi 1.11; an older host ignores the option.
    // https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-delay-in-cell-edit
    const delay = !!options?.delayForCellEdit && this.isSetSupported("ExcelApi", "1.11");
    const ctx = new FakeContext(this, delay);
    return batch(ctx as unknown as Excel.RequestContext);
  };

  /** The user starts typing in a cell (cell-edit mode) ... */
  startCellEdit(): void {
    let end = () => {};
    const done = new Promise<void>((resolve) => (end = resolve));
    this.editing = { done, end };
  }
  /** ... and presses Enter or Esc. */
  endCellEdit(): void {
    const e = this.editing;
    this.editing = null;
    e?.end();
  }
  /**
   * In cell-edit mode a batch fails, unless it asked to be delayed (then it runs when the edit ends).
   * https://learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member
   * and Excel.ErrorCodes.invalidOperationInCellEditMode in @types/office-js.
   */
  async cellEditGate(delay: boolean): Promise<void> {
    while (this.editing) {
      if (!delay)
        throw new FakeExcelError(
          "InvalidOperationInCellEditMode",
          "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
        );
      await this.editing.done;
    }
  }

  resetCounters(): void {
    this.syncs = [];
  }
  get syncCount(): number {
    return this.syncs.length;
  }
  get totalBytes(): number {
    return this.syncs.reduce((a, s) => a + s.bytes, 0);
  }
  get maxRequestBytes(): number {
    return this.syncs.reduce((a, s) => Math.max(a, s.bytes), 0);
  }

  // Direct set-up of the model (what a user typed), bypassing the API.
  addSheet(name: string, rows: CellValue[][] = [], at = "A1"): SheetModel {
    const s = this.book.addSheet(name);
    this.setValues(name, at, rows);
    return s;
  }
  setValues(sheet: string, at: string, rows: CellValue[][]): void {
    const s = this.sheet(sheet);
    const r = parseRange(at);
    rows.forEach((row, i) =>
      row.forEach((v, j) => {
        const c = coerceInput(v);
        if (c) s.put(r.top + i, r.left + j, c.v, c.f, c.error);
      }),
    );
  }
  addTable(sheet: string, name: string, range: string): TableModel {
    const t = new TableModel(name, this.sheet(sheet), parseRange(range));
    this.book.tables.push(t);
    return t;
  }
  /** A defined name the user made, referring to a cell. */
  addName(name: string, sheet: string, cell = "A1"): NameModel {
    const n = new NameModel(name, this.sheet(sheet), "", parseRange(cell));
    this.book.names.push(n);
    return n;
  }
  /** A sheet-level name the user defined on `scope` (Name Manager, Scope: that sheet), referring to cells of `sheet`. */
  addSheetName(scope: string, name: string, sheet: string, range = "A1", comment = ""): NameModel {
    const n = new NameModel(name, this.sheet(sheet), comment, parseRange(range));
    n.scope = this.sheet(scope);
    n.scope.names.push(n);
    return n;
  }
  /** A threaded comment a user posted on a cell (Review > New Comment). */
  addComment(sheet: string, cell: string, content: string): CellNoteModel {
    const { row, col } = parseCell(cell);
    const c = new CellNoteModel(row, col, content);
    this.sheet(sheet).comments.push(c);
    return c;
  }
  /** A note a user put on a cell (Review > Notes > New Note). */
  addNote(sheet: string, cell: string, content: string): CellNoteModel {
    const { row, col } = parseCell(cell);
    const c = new CellNoteModel(row, col, content);
    this.sheet(sheet).notes.push(c);
    return c;
  }
  sheet(name: string): SheetModel {
    const s = this.book.sheet(name);
    if (!s) throw new Error(`fake: no sheet ${name}`);
    return s;
  }
  sheetNames(): string[] {
    return this.book.sheets.map((s) => s.name);
  }
  /** The value Excel shows (formulas calculated). */
  value(sheet: string, address: string): CellValue {
    const s = this.sheet(sheet);
    const { top, left } = parseRange(address);
    const f = s.formulas.get(`${top},${left}`);
    return f ? evaluate(s, f) : s.get(top, left);
  }
  formula(sheet: string, address: string): string | null {
    const { top, left } = parseRange(address);
    return this.sheet(sheet).formulas.get(`${top},${left}`) ?? null;
  }
  /** Excel's type of the value: "Error" for #N/A typed without a quote prefix, "String" for the text "#N/A". */
  valueType(sheet: string, address: string): string {
    const { top, left } = parseRange(address);
    return valueType(this.sheet(sheet), top, left);
  }
  /** Values of a range, calculated. */
  values(sheet: string, address: string): CellValue[][] {
    const r = parseRange(address);
    const out: CellValue[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line: CellValue[] = [];
      for (let col = r.left; col <= r.right; col++) line.push(this.value(sheet, `${colLetters(col)}${row}`));
      out.push(line);
    }
    return out;
  }
}
