/**
 * An instrumented fake of the part of the Excel JavaScript API that src/workbook/office.ts uses.
 *
 * It behaves like Excel where the adapter could get it wrong:
 * - calls are queued on proxy objects and run, in order, only at context.sync();
 * - a loaded property is readable only after the sync that loaded it (else PropertyNotLoaded);
 * - getItem of a missing item fails at sync (ItemNotFound); getItemOrNullObject gives isNullObject;
 * - a request whose JSON payload is over 5 MB is rejected like Excel on the web
 *   (RequestPayloadSizeLimitExceeded), and nothing of it runs; so is a response over 5 MB;
 * - text set through values/formulas is coerced as Excel coerces typed input: "=..." becomes a
 *   formula, "+44" the number 44, "-x" or "@x" a formula (#NAME?), "'..." stays text (quote prefix);
 * - deleting a sheet turns the defined names that point at it into #REF!.
 * It counts syncs and the payload bytes of each request, and can be told to fail an operation.
 */
import type { CellValue } from "../../src/core/sheet-spec";
import { serialFromYmd } from "../../src/core/dates";
import { colLetters, colNumber, parseRange, rangeAddress, type RangeRef } from "../../src/workbook/a1";

export const MB = 1024 * 1024;
/** Excel on the web rejects requests over 5 MB. */
export const EXCEL_WEB_REQUEST_LIMIT = 5 * MB;
const OP_OVERHEAD = 48; // bytes of the JSON envelope of one queued action

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

// ---------------------------------------------------------------- the workbook model

export interface FormatRecord {
  address: string;
  path: string;
  value: unknown;
}

export class SheetModel {
  values = new Map<number, CellValue[]>();
  formulas = new Map<string, string>();
  numberFormats: { address: string; value: unknown }[] = [];
  formats: FormatRecord[] = [];
  merges: RangeRef[] = [];
  cfs: CfModel[] = [];
  charts: ChartModel[] = [];
  freeze: { rows: number; columns: number } | null = null;
  protected = false;
  tabColor = "";
  visibility = "Visible";
  deleted = false;
  constructor(public name: string) {}

  get(row: number, col: number): CellValue {
    const r = this.values.get(row);
    const v = r ? r[col - 1] : undefined;
    return v === undefined ? null : v;
  }
  put(row: number, col: number, v: CellValue, formula?: string): void {
    let r = this.values.get(row);
    if (!r) this.values.set(row, (r = []));
    r[col - 1] = v;
    const k = `${row},${col}`;
    if (formula !== undefined) this.formulas.set(k, formula);
    else if (this.formulas.size) this.formulas.delete(k);
  }
  /** Bounds of the non-blank cells (values only), or null. */
  usedBounds(): RangeRef | null {
    let top = Infinity;
    let bottom = 0;
    let left = Infinity;
    let right = 0;
    for (const [row, cells] of this.values) {
      for (let j = 0; j < cells.length; j++) {
        const v = cells[j];
        if (v === null || v === undefined || v === "") continue;
        if (row < top) top = row;
        if (row > bottom) bottom = row;
        if (j + 1 < left) left = j + 1;
        if (j + 1 > right) right = j + 1;
      }
    }
    return bottom ? { top, left, bottom, right } : null;
  }
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
  constructor(
    public name: string,
    public sheet: SheetModel,
    public comment: string,
  ) {}
  get formula(): string {
    return this.sheet.deleted ? "=#REF!" : `='${this.sheet.name.replace(/'/g, "''")}'!$A$1`;
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
  constructor(public name: string) {}
  get values(): string {
    return this.valuesRef ? `${this.valuesRef.sheet.name}!${rangeAddress(this.valuesRef.r)}` : "";
  }
  get xValues(): string {
    return this.xValuesRef ? `${this.xValuesRef.sheet.name}!${rangeAddress(this.xValuesRef.r)}` : "";
  }
}

export class ChartModel {
  title = "";
  position: { from: string; to: string } | null = null;
  series: SeriesModel[] = [];
  constructor(
    public type: string,
    source: RangeTarget,
  ) {
    const s = new SeriesModel("Series1");
    s.valuesRef = source;
    this.series.push(s);
  }
}

export class BookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  names: NameModel[] = [];
  private tableSeq = 0;

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  addSheet(name: string): SheetModel {
    checkName(this, name);
    const s = new SheetModel(name);
    this.sheets.push(s);
    return s;
  }
  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
  nextTableName(): string {
    return `Table${++this.tableSeq}`;
  }
}

function checkName(book: BookModel, name: string, self?: SheetModel): void {
  if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name))
    throw new FakeExcelError("InvalidArgument", `The argument is invalid or missing: sheet name "${name}"`);
  const other = book.sheet(name);
  if (other && other !== self) throw new FakeExcelError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
}

// ---------------------------------------------------------------- Excel's coercion and a small calculator

/** What Excel stores when this is typed or set through Range.values/formulas. */
export function coerceInput(x: unknown): { v: CellValue; f?: string } | undefined {
  if (x === null || x === undefined) return undefined; // null leaves the cell unchanged
  if (typeof x === "number" || typeof x === "boolean") return { v: x };
  const s = String(x);
  if (s === "") return { v: null };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (s.startsWith("=") && s.length > 1) return { v: null, f: s };
  const t = s.trim();
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

/** Evaluate a formula of the small subset the tests use: arithmetic, comparisons, &, SUM/N/IF/AND/ROUND/MIN/MAX. */
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
  const cellAt = (row: number, col: number): CellValue => {
    const f = sheet.formulas.get(`${row},${col}`);
    return f ? evaluate(sheet, f, depth + 1) : sheet.get(row, col);
  };
  const num = (v: Val): number => {
    if (Array.isArray(v)) return num(v[0] ?? null);
    if (v === null) return 0;
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (/^#/.test(v)) fail(v);
    const n = Number(v);
    return Number.isFinite(n) && v.trim() !== "" ? n : fail("#VALUE!");
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
    const m = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(src.slice(i));
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    const ref = /^\$?([A-Z]{1,3})\$?(\d+)(:\$?([A-Z]{1,3})\$?(\d+))?(?![A-Z0-9_(])/i.exec(src.slice(i));
    if (ref) {
      i += ref[0].length;
      if (!ref[3]) return cellAt(Number(ref[2]), colNumber(ref[1]));
      const r = parseRange(ref[0].replace(/\$/g, ""));
      const out: CellValue[] = [];
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) out.push(cellAt(row, col));
      return out;
    }
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
  constructor(readonly fake: ExcelFake) {
    this.workbook = new FakeWorkbookProxy(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        this.enqueue("application.suspendApiCalculationUntilNextSync", 0, () => {}),
    };
  }
  get book(): BookModel {
    return this.fake.book;
  }
  enqueue(label: string, payload: number, run: () => void): void {
    this.queue.push({ label, bytes: OP_OVERHEAD + payload, run });
  }
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
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
  private bound: T | undefined;
  private boundSet = false;
  protected readonly loaded = new Map<string, unknown>();
  private readonly navs = new Map<string, unknown>();
  private nullKnown: boolean | undefined;
  constructor(
    protected readonly ctx: FakeContext,
    private readonly resolver: () => T,
  ) {}
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

class FakeWorkbookProxy {
  readonly worksheets: FakeWorksheets;
  readonly tables: FakeTables;
  readonly names: FakeNames;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.tables = new FakeTables(ctx, () => ctx.book.tables);
    this.names = new FakeNames(ctx);
  }
}

class FakeWorksheets extends FakeCollection<SheetModel, FakeWorksheet> {
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
  add(name: string): FakeWorksheet {
    return addedProxy(FakeWorksheet, this.c, "sheet", "worksheets.add", jsonBytes(name), () =>
      this.c.book.addSheet(name),
    );
  }
}

class FakeWorksheet extends FakeObject<SheetModel> {
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
      checkName(this.ctx.book, v, s);
      s.name = v;
    });
  }
  get position(): number {
    return this.got("position");
  }
  set position(v: number) {
    this.ctx.enqueue("worksheet.position", 8, () => {
      const list = this.ctx.book.sheets;
      const s = this.target();
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(v, list.length), 0, s);
    });
  }
  get visibility(): string {
    return this.got("visibility");
  }
  set visibility(v: string) {
    this.ctx.enqueue("worksheet.visibility", jsonBytes(v), () => {
      const book = this.ctx.book;
      if (v !== "Visible" && book.sheets.filter((s) => s.visibility === "Visible" && s !== this.target()).length === 0)
        throw new Error("fake: a workbook must keep at least one visible sheet");
      this.target().visibility = v;
    });
  }
  set tabColor(v: string) {
    this.ctx.enqueue("worksheet.tabColor", jsonBytes(v), () => (this.target().tabColor = v));
  }
  delete(): void {
    this.ctx.enqueue("worksheet.delete", 0, () => {
      const s = this.target();
      const book = this.ctx.book;
      book.sheets.splice(book.sheets.indexOf(s), 1);
      book.tables = book.tables.filter((t) => t.sheet !== s);
      s.deleted = true;
    });
  }
  activate(): void {
    this.ctx.enqueue("worksheet.activate", 0, () => (this.ctx.fake.active = this.target()));
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, () => {
      const s = this.target();
      if (!address) return { sheet: s, r: { top: 1, left: 1, bottom: 1048576, right: 16384 } };
      const m = /^([A-Z]{1,3}):([A-Z]{1,3})$/i.exec(address);
      if (m) return { sheet: s, r: { top: 1, left: colNumber(m[1]), bottom: 1048576, right: colNumber(m[2]) } };
      return { sheet: s, r: parseRange(address) };
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
  get tables(): { add(address: string | FakeRange, hasHeaders: boolean): FakeTable } {
    return this.nav("tables", () => ({
      add: (address: string | FakeRange, _hasHeaders: boolean) => {
        const bytes = jsonBytes(typeof address === "string" ? address : "");
        return addedProxy(FakeTable, this.ctx, "table", "tables.add", bytes, () => {
          const s = this.target();
          const r = typeof address === "string" ? parseRange(address) : address.target().r;
          const clash = this.ctx.book.tables.find((x) => x.sheet === s && overlaps(x.range, r));
          if (clash) throw new FakeExcelError("InvalidArgument", "A table can't overlap another table.");
          const m = new TableModel(this.ctx.book.nextTableName(), s, r);
          this.ctx.book.tables.push(m);
          return m;
        });
      },
    }));
  }
  get charts(): { add(type: string, source: FakeRange, seriesBy?: string): FakeChart } {
    return this.nav("charts", () => ({
      add: (type: string, source: FakeRange, _seriesBy?: string) => {
        return addedProxy(FakeChart, this.ctx, "chart", "charts.add", jsonBytes(type), () => {
          const s = this.target();
          const m = new ChartModel(type, source.target());
          s.charts.push(m);
          return m;
        });
      },
    }));
  }
  get freezePanes(): {
    freezeRows(n: number): void;
    freezeColumns(n: number): void;
    freezeAt(r: FakeRange | string): void;
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
    }));
  }
  get protection(): FakeProtection {
    return this.nav("protection", () => new FakeProtection(this.ctx, () => this.target()));
  }
  protected override navFor(head: string): { snapshot(list: string[]): void } {
    if (head === "protection") return this.protection;
    return super.navFor(head);
  }
}

/** Worksheet.protection: protect, unprotect and the `protected` flag; a protected sheet refuses edits. */
class FakeProtection extends FakeObject<SheetModel> {
  protected read(prop: string): unknown {
    if (prop === "protected") return this.target().protected;
    throw new Error(`fake: WorksheetProtection.${prop} not modelled`);
  }
  get protected(): boolean {
    return this.got("protected");
  }
  protect(options?: unknown): void {
    this.ctx.enqueue("protection.protect", jsonBytes(options ?? {}), () => {
      // Excel: "Fails if the worksheet has already been protected" (WorksheetProtection.protect).
      if (this.target().protected) throw new FakeExcelError("InvalidOperation", "The worksheet is already protected.");
      this.target().protected = true;
    });
  }
  unprotect(): void {
    this.ctx.enqueue("protection.unprotect", 0, () => (this.target().protected = false));
  }
}

/** Excel's refusal to change a protected sheet. */
function refuseIfProtected(sheet: SheetModel): void {
  if (sheet.protected)
    throw new FakeExcelError(
      "AccessDenied",
      "The cell or chart that you're trying to change is protected and therefore read-only.",
    );
}

function overlaps(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
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
      get(_t, prop: string) {
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

class FakeRange extends FakeObject<RangeTarget> {
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
      case "address":
        return `'${sheet.name}'!${rangeAddress(r)}`;
      case "rowIndex":
        return r.top - 1;
      case "columnIndex":
        return r.left - 1;
      case "rowCount":
        return r.bottom - r.top + 1;
      case "columnCount":
        return r.right - r.left + 1;
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
  set numberFormat(v: unknown) {
    this.ctx.enqueue("range.numberFormat", jsonBytes(v), () => {
      const { sheet, r } = this.target();
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
  set columnHidden(v: boolean) {
    this.ctx.enqueue("range.columnHidden", 8, () => {
      const { sheet, r } = this.target();
      sheet.formats.push({ address: rangeAddress(r), path: "columnHidden", value: v });
    });
  }
  get format(): Record<string, unknown> {
    return this.nav("format", () =>
      formatRecorder(
        this.ctx,
        (path, value) => {
          const { sheet, r } = this.target();
          sheet.formats.push({ address: rangeAddress(r), path, value });
        },
        "",
      ),
    ) as Record<string, unknown>;
  }
  /** Same top-left cell, grown (or shrunk) by rows and columns; clamped to the grid. */
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, r } = this.target();
      return {
        sheet,
        r: { ...r, bottom: Math.min(1048576, r.bottom + deltaRows), right: Math.min(16384, r.right + deltaColumns) },
      };
    });
  }
  getRow(i: number): FakeRange {
    return new FakeRange(this.ctx, () => {
      const { sheet, r } = this.target();
      return { sheet, r: { ...r, top: r.top + i, bottom: r.top + i } };
    });
  }
  merge(_across?: boolean): void {
    this.ctx.enqueue("range.merge", 8, () => {
      const { sheet, r } = this.target();
      sheet.merges.push(r);
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) if (row !== r.top || col !== r.left) sheet.put(row, col, null);
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
      refuseIfProtected(sheet);
      if (v.length !== r.bottom - r.top + 1 || v.some((row) => row.length !== r.right - r.left + 1))
        throw new FakeExcelError(
          "InvalidArgument",
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        );
      for (let i = 0; i < v.length; i++)
        for (let j = 0; j < v[i].length; j++) {
          const c = coerceInput(v[i][j]);
          if (c) sheet.put(r.top + i, r.left + j, c.v, c.f);
        }
    });
  }
}

class FakeRangeAreas extends FakeObject<{ sheet: SheetModel; address: string }> {
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

class FakeConditionalFormats extends FakeCollection<CfModel, FakeConditionalFormat> {
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
        const m = new CfModel(type, this.addressOf());
        this.sheetOf().cfs.push(m);
        p.sheetOf = this.sheetOf;
        return m;
      },
    );
    return p;
  }
}

class FakeConditionalFormat extends FakeObject<CfModel> {
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
      return r;
    });
  }
  get custom(): { rule: FakeCfRule; format: Record<string, unknown> } {
    return this.nav("custom", () => ({
      rule: this.ruleProxy("Custom"),
      format: formatRecorder(this.ctx, (path, value) => (this.target().format[path] = value), "") as Record<
        string,
        unknown
      >,
    }));
  }
  get cellValue(): { rule: unknown; format: Record<string, unknown> } {
    const ctx = this.ctx;
    const target = () => this.target();
    return this.nav("cellValue", () => ({
      set rule(v: { formula1?: string; formula2?: string; operator?: string }) {
        ctx.enqueue("cellValue.rule", jsonBytes(v), () => (target().rule = v));
      },
      get rule(): unknown {
        throw notLoaded("rule");
      },
      format: formatRecorder(this.ctx, (path, value) => (this.target().format[path] = value), "") as Record<
        string,
        unknown
      >,
    }));
  }
  delete(): void {
    this.ctx.enqueue("conditionalFormat.delete", 0, () => {
      const m = this.target();
      const list = this.sheetOf().cfs;
      list.splice(list.indexOf(m), 1);
    });
  }
}

class FakeCfRule extends FakeObject<CfModel> {
  protected read(prop: string): unknown {
    if (prop === "formula") return this.target().formula;
    throw new Error(`fake: rule.${prop} not modelled`);
  }
  get formula(): string {
    return this.got("formula");
  }
  set formula(v: string) {
    this.ctx.enqueue("rule.formula", jsonBytes(v), () => (this.target().formula = v));
  }
}

class FakeTables extends FakeCollection<TableModel, FakeTable> {
  constructor(
    private readonly c: FakeContext,
    resolver: () => TableModel[],
  ) {
    super(c, resolver, (m) => boundProxy(FakeTable, c, m));
  }
  getItem(name: string): FakeTable {
    return itemProxy(FakeTable, this.c, () => this.c.book.table(name), `table ${name}`);
  }
  getItemOrNullObject(name: string): FakeTable {
    return nullableProxy(FakeTable, this.c, () => this.c.book.table(name));
  }
}

class FakeTable extends FakeObject<TableModel> {
  protected read(prop: string): unknown {
    const t = this.target();
    if (prop === "name") return t.name;
    if (prop === "showTotals") return t.showTotals;
    if (prop === "style") return t.style;
    throw new Error(`fake: Table.${prop} not modelled`);
  }
  protected override navFor(head: string): { snapshot(list: string[]): void } {
    if (head === "worksheet") return this.worksheet;
    return super.navFor(head);
  }
  get name(): string {
    return this.got("name");
  }
  set name(v: string) {
    this.ctx.enqueue("table.name", jsonBytes(v), () => {
      const t = this.target();
      const other = this.ctx.book.table(v);
      if (other && other !== t) throw new FakeExcelError("InvalidArgument", `A table named ${v} already exists.`);
      t.name = v;
    });
  }
  set style(v: string) {
    this.ctx.enqueue("table.style", jsonBytes(v), () => (this.target().style = v));
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
            refuseIfProtected(t.sheet);
            const row = t.range.top + 1 + i;
            if (row > t.range.bottom - (t.showTotals ? 1 : 0))
              throw new FakeExcelError("ItemNotFound", `The table has no row ${i}.`);
            for (let rr = row; rr < t.range.bottom; rr++)
              for (let c = t.range.left; c <= t.range.right; c++) {
                const f = t.sheet.formulas.get(`${rr + 1},${c}`);
                t.sheet.put(rr, c, t.sheet.get(rr + 1, c), f);
              }
            for (let c = t.range.left; c <= t.range.right; c++) t.sheet.put(t.range.bottom, c, null);
            t.range = { ...t.range, bottom: t.range.bottom - 1 };
          }),
      }),
      add: (_index: number | null | undefined, values: unknown[][]) =>
        this.ctx.enqueue("table.rows.add", jsonBytes(values), () => {
          const t = this.target();
          refuseIfProtected(t.sheet);
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
              if (c) t.sheet.put(at + i, t.range.left + j, c.v, c.f);
            }),
          );
          t.range = { ...t.range, bottom: t.range.bottom + values.length };
        }),
    }));
  }
}

class FakeChart extends FakeObject<ChartModel> {
  protected read(): unknown {
    throw new Error("fake: Chart properties not modelled");
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

class FakeSeries extends FakeObject<SeriesModel> {
  protected read(): unknown {
    throw new Error("fake: Series properties not modelled");
  }
  set name(v: string) {
    this.ctx.enqueue("series.name", jsonBytes(v), () => (this.target().name = v));
  }
  setValues(r: FakeRange): void {
    this.ctx.enqueue("series.setValues", 16, () => (this.target().valuesRef = r.target()));
  }
  setXAxisValues(r: FakeRange): void {
    this.ctx.enqueue("series.setXAxisValues", 16, () => (this.target().xValuesRef = r.target()));
  }
}

class FakeNames extends FakeCollection<NameModel, FakeNamedItem> {
  constructor(private readonly c: FakeContext) {
    super(
      c,
      () => c.book.names,
      (m) => boundProxy(FakeNamedItem, c, m),
    );
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return nullableProxy(FakeNamedItem, this.c, () =>
      this.c.book.names.find((n) => n.name.toLowerCase() === name.toLowerCase()),
    );
  }
  add(name: string, reference: FakeRange, comment?: string): FakeNamedItem {
    return addedProxy(FakeNamedItem, this.c, "name", "names.add", jsonBytes([name, comment]), () => {
      if (this.c.book.names.some((n) => n.name.toLowerCase() === name.toLowerCase()))
        throw new FakeExcelError("ItemAlreadyExists", `The name ${name} already exists.`);
      const m = new NameModel(name, reference.target().sheet, comment ?? "");
      this.c.book.names.push(m);
      return m;
    });
  }
}

class FakeNamedItem extends FakeObject<NameModel> {
  protected read(prop: string): unknown {
    const n = this.target();
    if (prop === "name") return n.name;
    if (prop === "formula") return n.formula;
    if (prop === "comment") return n.comment;
    if (prop === "type") return n.sheet.deleted ? "Error" : "Range";
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
  delete(): void {
    this.ctx.enqueue("name.delete", 0, () => {
      const list = this.ctx.book.names;
      list.splice(list.indexOf(this.target()), 1);
    });
  }
}

// ---------------------------------------------------------------- the fake and its inspection helpers

export class ExcelFake {
  book = new BookModel();
  syncs: SyncRecord[] = [];
  requestLimit = EXCEL_WEB_REQUEST_LIMIT;
  active: SheetModel | null = null;
  /** Make the first queued operation whose label matches fail at sync (once). */
  failWhen: ((label: string) => boolean) | undefined;

  /** Excel.run over this fake: a fresh request context per batch, like Excel. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this);
    return batch(ctx as unknown as Excel.RequestContext);
  };

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
        if (c) s.put(r.top + i, r.left + j, c.v, c.f);
      }),
    );
  }
  addTable(sheet: string, name: string, range: string): TableModel {
    const t = new TableModel(name, this.sheet(sheet), parseRange(range));
    this.book.tables.push(t);
    return t;
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
