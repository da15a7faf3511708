/**
 * The file adapter of the Workbook port, on ExcelJS: .xlsx and .csv for the command line, the demo,
 * the tests and the browser workbench. No Node modules here (webpack bundles this file);
 * reading and saving files on disk lives in file-io.ts.
 *
 * Limits worth knowing: ExcelJS cannot read or write charts. Charts a write() adds are kept in
 * memory and injected into the zip by toXlsx() (xlsx-charts.ts); charts already present in a file
 * that is opened are dropped by ExcelJS when it reads the file and are not written back.
 */
import ExcelJS from "exceljs";
import type { CellStyle, CellValue, ChartSpec, SheetSpec, SpecCell, TableSpec } from "../core/sheet-spec";
import { isFormulaCell } from "../core/sheet-spec";
import type { TableData } from "../core/table";
import {
  HIGHLIGHT_FILL,
  cellAddress,
  emptySheet,
  highlightFormula,
  isHighlightFormula,
  notFound,
  notOwned,
  parseCell,
  parseRange,
  rangeAddress,
  sameName,
  tableFromGrid,
  tableFromTableGrid,
  tempSheetName,
  checkTableName,
  checkSpec,
  canonicalCells,
  tableColumnNames,
  type RangeRef,
} from "./a1";
import { parseCsv } from "./csv";
import { checkContent, formatOfName, openForReading, openPackage } from "./read";
import { isOwnedBy, markerName, markerReference, markersOf, roleOfSheet, type MarkerEntry } from "./marker";
import type { AppendOptions, SheetInfo, TableInfo, Workbook, WriteOptions } from "./port";
import { WorkbookError } from "./port";
import { injectCharts, readKeptCharts, type ChartSheet, type KeptChart } from "./xlsx-charts";

/** ExcelJS keeps tab order and conditional formats on the worksheet without typing them. */
type Ws = ExcelJS.Worksheet & { orderNo: number; conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] };

/** An ExcelJS table as it is held in memory (added or read from a file). */
interface TableModel {
  name: string;
  tableRef: string;
  autoFilterRef?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns?: { name: string }[];
}

/** A cell value of ExcelJS as Excel holds it (dates -> serials, formulas -> cached result, ...). */
export function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  if (v instanceof Date) return dateSerial(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return o.error;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? "").join("");
    if ("formula" in o || "sharedFormula" in o) return plainValue(o.result);
    if ("text" in o) return plainValue(o.text);
  }
  return String(v);
}

/**
 * The serial a date cell holds. ExcelJS turned the stored number into a Date with
 * (serial - 25569) days since 1970 (plus 1462 in a 1904-system workbook), for every serial,
 * including times of day (< 1) and the days before 1900-03-01; inverting exactly that gives back
 * the number in the cell, in the 1900 system. (serialFromDate of core/dates is the calendar
 * conversion and differs before 1900-03-01, where Excel counts its fictitious 1900-02-29.)
 */
function dateSerial(d: Date): number {
  const s = d.getTime() / 864e5 + 25569;
  // ExcelJS rounded to the millisecond; drop the binary noise below it.
  return Number.isInteger(s) ? s : Math.round(s * 864e5) / 864e5;
}

/** "#RRGGBB" -> ExcelJS ARGB. */
function argb(hex: string): string {
  const h = hex.replace(/^#/, "").toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(h)) throw new WorkbookError(`"${hex}" is not a colour like #1F4E78.`, "bad-input");
  return "FF" + h;
}

export class FileWorkbook implements Workbook {
  readonly kind = "file" as const;
  readonly book: ExcelJS.Workbook;
  /** Charts per worksheet id: ExcelJS cannot hold them, toXlsx writes them. */
  private readonly charts = new Map<number, ChartSpec[]>();
  /** Charts per worksheet id that the opened file had (ExcelJS drops them on load); toXlsx writes them back. */
  private readonly kept = new Map<number, KeptChart[]>();
  /** For a workbook opened from CSV: the file name (TableData.name) and sheet "" on read. */
  csvName: string | null = null;
  /** What the opened file had that a saved copy cannot keep, e.g. ["1 pivot table", "macros"]. */
  notKept: string[] = [];

  constructor(book?: ExcelJS.Workbook) {
    this.book = book ?? new ExcelJS.Workbook();
  }

  static async fromXlsx(data: ArrayBuffer | Uint8Array): Promise<FileWorkbook> {
    const book = new ExcelJS.Workbook();
    try {
      // ExcelJS wants an ArrayBuffer-like; hand it exactly the bytes of the view.
      const buf =
        data instanceof Uint8Array ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data;
      await book.xlsx.load(buf as ArrayBuffer);
    } catch (e) {
      throw new WorkbookError(
        `This file is not a readable .xlsx workbook (${(e as Error).message}). Open it in Excel and save it as .xlsx.`,
        "unreadable",
      );
    }
    const wb = new FileWorkbook(book);
    // ExcelJS drops charts: read them from the package so that toXlsx writes them back.
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const found = await readKeptCharts(bytes).catch(() => null);
    if (found) {
      for (const ws of book.worksheets) {
        const charts = found.bySheet.get(ws.name);
        if (charts) wb.kept.set(ws.id, charts);
      }
      wb.notKept = found.notKept;
    }
    return wb;
  }

  /** A one-sheet workbook from CSV text; `name` is the file name, e.g. "bank.csv". */
  static fromCsv(text: string, name: string): FileWorkbook {
    const wb = new FileWorkbook();
    const sheetName =
      name
        .replace(/\.csv$/i, "")
        .replace(/[:\\/?*[\]]/g, "_")
        .replace(/^'+|'+$/g, "")
        .slice(0, 31) || "Sheet1";
    const ws = wb.book.addWorksheet(sheetName);
    const grid = parseCsv(text);
    for (let r = 0; r < grid.length; r++) {
      const row = ws.getRow(r + 1);
      const cells = grid[r];
      for (let c = 0; c < cells.length; c++) if (cells[c] !== null) row.getCell(c + 1).value = cells[c];
    }
    wb.csvName = name;
    return wb;
  }

  /** The workbook as .xlsx bytes, charts included. */
  async toXlsx(): Promise<Uint8Array> {
    const raw = new Uint8Array((await this.book.xlsx.writeBuffer()) as ArrayBuffer);
    const sheets: ChartSheet[] = [];
    for (const ws of this.book.worksheets as Ws[]) {
      const charts = this.charts.get(ws.id) ?? [];
      const kept = this.kept.get(ws.id) ?? [];
      if (charts.length || kept.length)
        sheets.push({ sheet: ws.name, charts, kept, valueAt: (row, col) => plainValue(ws.getCell(row, col).value) });
    }
    return sheets.length ? injectCharts(raw, sheets) : raw;
  }

  /** The chart specs written to a sheet (kept for toXlsx). */
  chartsOf(sheet: string): ChartSpec[] {
    const ws = this.sheet(sheet);
    return ws ? (this.charts.get(ws.id) ?? []) : [];
  }

  async sheets(): Promise<SheetInfo[]> {
    const markers = this.markers();
    return this.book.worksheets.map((ws) => ({
      name: ws.name,
      role: roleOfSheet(markers, ws.name),
      visible: ws.state === undefined || ws.state === "visible",
    }));
  }

  async tables(): Promise<TableInfo[]> {
    const out: TableInfo[] = [];
    for (const ws of this.book.worksheets as Ws[])
      for (const t of tablesOf(ws)) {
        const d = this.readTable(ws, t);
        out.push({ name: t.name, sheet: ws.name, kind: "table", headers: d.headers, rowCount: d.rows.length });
      }
    for (const ws of this.book.worksheets as Ws[]) {
      const d = this.readSheet(ws);
      if (d) out.push({ name: d.name, sheet: ws.name, kind: "range", headers: d.headers, rowCount: d.rows.length });
    }
    return out;
  }

  async read(source: string): Promise<TableData> {
    const hit = this.find(source);
    if (hit.table) return this.readTable(hit.ws, hit.table);
    const d = this.readSheet(hit.ws);
    if (!d) throw emptySheet(hit.ws.name);
    return d;
  }

  async write(spec: SheetSpec, options: WriteOptions = {}): Promise<void> {
    checkSpec(spec);
    const existing = this.sheet(spec.name);
    if (existing && !isOwnedBy(this.markers(), existing.name, spec.role)) throw notOwned(existing.name);
    const tmp = this.book.addWorksheet(tempSheetName(this.book.worksheets.map((w) => w.name))) as Ws;
    try {
      await this.build(tmp, spec, existing ?? null, options);
    } catch (e) {
      this.charts.delete(tmp.id);
      this.book.removeWorksheet(tmp.id);
      throw e;
    }
    const orderNo = existing ? existing.orderNo : tmp.orderNo;
    if (existing) this.drop(existing);
    tmp.name = spec.name;
    tmp.orderNo = orderNo;
    this.setMarker(spec.role, spec.name);
    options.progress?.(spec.rows.length, spec.rows.length, "Writing rows");
    if (options.activate && !spec.hidden) {
      const index = this.book.worksheets.indexOf(tmp);
      this.book.views = [{ ...(this.book.views?.[0] ?? {}), activeTab: index, firstSheet: 0 } as ExcelJS.WorkbookView];
    }
  }

  async remove(name: string, role: string): Promise<void> {
    const ws = this.sheet(name);
    if (!ws) return;
    if (!isOwnedBy(this.markers(), ws.name, role)) throw notOwned(ws.name);
    this.drop(ws);
  }

  async append(source: string, rows: CellValue[][], options: AppendOptions = {}): Promise<{ firstRow: number }> {
    const found = this.find(source);
    const ws = found.ws;
    // A sheet holding one Excel table takes the rows into that table, so the table grows with them.
    const onSheet = found.table ? [] : tablesOf(ws);
    const table = found.table ?? (onSheet.length === 1 ? onSheet[0] : null);
    // A file has no protection to lift; ownership is checked as inside Excel.
    if (options.ownedBy !== undefined && !isOwnedBy(this.markers(), ws.name, options.ownedBy)) throw notOwned(ws.name);
    const sheetTable = table ? null : this.readSheet(ws);
    if (!table && !sheetTable) throw emptySheet(ws.name);
    const width = table
      ? parseRange(table.tableRef).right - parseRange(table.tableRef).left + 1
      : sheetTable!.headers.length;
    rows.forEach((row, i) => {
      if (row.length > width)
        throw new WorkbookError(
          `Row ${i + 1} to append has ${row.length} values but "${source}" has ${width} columns.`,
          "bad-input",
        );
    });
    let first: number;
    let left: number;
    if (table) {
      const r = parseRange(table.tableRef);
      left = r.left;
      const totals = table.totalsRow ? 1 : 0;
      const lastData = r.bottom - totals;
      // A table without data keeps one blank placeholder row (as Excel does): fill it first.
      const placeholder =
        lastData === r.top + 1 && rowValues(ws, lastData, r.left, r.right).every((v) => v === null || v === "");
      first = placeholder ? lastData : lastData + 1;
      const added = Math.max(0, rows.length - (placeholder ? 1 : 0));
      if (totals && added) ws.insertRows(r.bottom, new Array(added).fill([]));
      const bottom = r.bottom + added;
      table.tableRef = rangeAddress({ ...r, bottom });
      if (table.autoFilterRef) table.autoFilterRef = rangeAddress({ ...r, bottom: bottom - totals });
    } else {
      first = sheetTable!.firstRow + sheetTable!.rows.length;
      left = sheetTable!.firstColumn;
    }
    rows.forEach((row, i) => {
      const r = ws.getRow(first + i);
      // ExcelJS stores a JS string as a literal text cell: "=1+1" stays text, never a formula.
      row.forEach((v, j) => (r.getCell(left + j).value = v === undefined ? null : v));
    });
    return { firstRow: first };
  }

  async highlight(source: string, cells: string[], tag: string, fill: string = HIGHLIGHT_FILL): Promise<void> {
    const { ws } = this.find(source);
    const addresses = canonicalCells(cells);
    const color = argb(fill);
    for (let i = 0; i < addresses.length; i += 500) {
      ws.addConditionalFormatting({
        ref: addresses.slice(i, i + 500).join(" "),
        rules: [
          {
            type: "expression",
            priority: 1,
            formulae: [highlightFormula(tag)],
            style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: color } } },
          },
        ],
      });
    }
  }

  async clearHighlights(source: string, tag: string): Promise<void> {
    const { ws } = this.find(source);
    const cfs = ws.conditionalFormattings ?? [];
    ws.conditionalFormattings = cfs.filter(
      (cf) =>
        !cf.rules.some(
          (r) =>
            r.type === "expression" &&
            ((r as ExcelJS.ExpressionRuleType).formulae ?? []).some((f) => isHighlightFormula(String(f), tag)),
        ),
    );
  }

  // ---------------------------------------------------------------- internals

  private sheet(name: string): Ws | undefined {
    return this.book.worksheets.find((w) => sameName(w.name, name)) as Ws | undefined;
  }

  private markers(): MarkerEntry[] {
    const model = this.book.definedNames.model as { name: string; ranges: string[] }[];
    return markersOf(model.filter((d) => d.ranges.length).map((d) => ({ name: d.name, reference: d.ranges[0] })));
  }

  private definedNameMatrices(): Record<string, { sheets: Record<string, unknown> }> {
    return (this.book.definedNames as unknown as { matrixMap: Record<string, { sheets: Record<string, unknown> }> })
      .matrixMap;
  }

  private setMarker(role: string, sheet: string): void {
    const name = markerName(role);
    const matrices = this.definedNameMatrices();
    for (const k of Object.keys(matrices)) if (k.toUpperCase() === name.toUpperCase()) delete matrices[k];
    this.book.definedNames.add(markerReference(sheet), name);
  }

  /** Delete a sheet together with the defined names that point at it (Excel would turn them into #REF!). */
  private drop(ws: Ws): void {
    const matrices = this.definedNameMatrices();
    for (const m of Object.values(matrices)) {
      delete m.sheets[ws.name];
      delete m.sheets[ws.name.replace(/'/g, "''")];
    }
    this.charts.delete(ws.id);
    this.kept.delete(ws.id);
    this.book.removeWorksheet(ws.id);
  }

  private find(source: string): { ws: Ws; table: TableModel | null } {
    const wanted = source.trim();
    for (const ws of this.book.worksheets as Ws[])
      for (const t of tablesOf(ws)) if (t.name.toLowerCase() === wanted.toLowerCase()) return { ws, table: t };
    const ws =
      this.sheet(wanted) ??
      (this.csvName && (sameName(wanted, this.csvName) || sameName(wanted + ".csv", this.csvName))
        ? (this.book.worksheets[0] as Ws)
        : undefined);
    if (ws) return { ws, table: null };
    const tables = (this.book.worksheets as Ws[]).flatMap((w) => tablesOf(w).map((t) => t.name));
    throw notFound(
      source,
      tables,
      this.book.worksheets.map((w) => w.name),
    );
  }

  private readSheet(ws: Ws): TableData | null {
    let top = Infinity;
    let bottom = 0;
    let left = Infinity;
    let right = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (_cell, c) => {
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      });
    });
    if (bottom === 0) return null;
    const grid: CellValue[][] = [];
    for (let r = top; r <= bottom; r++) grid.push(rowValues(ws, r, left, right));
    const name = this.csvName ?? ws.name;
    return tableFromGrid(grid, top, left, name, this.csvName ? "" : ws.name);
  }

  private readTable(ws: Ws, t: TableModel): TableData {
    const r = parseRange(t.tableRef);
    const hasHeader = t.headerRow !== false;
    const headerRow = hasHeader
      ? rowValues(ws, r.top, r.left, r.right)
      : (t.columns ?? []).map((c) => c.name as CellValue);
    const bodyTop = hasHeader ? r.top + 1 : r.top;
    const bodyBottom = t.totalsRow ? r.bottom - 1 : r.bottom;
    const body: CellValue[][] = [];
    for (let row = bodyTop; row <= bodyBottom; row++) body.push(rowValues(ws, row, r.left, r.right));
    return tableFromTableGrid(headerRow, body, bodyTop - 1, r.left, t.name, ws.name);
  }

  private async build(ws: Ws, spec: SheetSpec, replacing: Ws | null, _options: WriteOptions): Promise<void> {
    // Values and formulas.
    spec.rows.forEach((cells, r) => {
      const row = ws.getRow(r + 1);
      cells.forEach((c, j) => {
        const v = excelJsValue(c);
        if (v !== null) row.getCell(j + 1).value = v;
      });
    });
    // Columns before range styles, so a range style wins over its column's format.
    (spec.columns ?? []).forEach((col, i) => {
      const c = ws.getColumn(i + 1);
      if (col.width !== undefined) c.width = col.width;
      if (col.numFmt !== undefined) c.numFmt = col.numFmt;
      if (col.hidden) c.hidden = true;
    });
    for (const s of spec.styles ?? []) applyStyle(ws, parseRange(s.range), s.style);
    for (const m of spec.merges ?? []) ws.mergeCells(rangeAddress(parseRange(m)));
    if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.columns > 0))
      ws.views = [{ state: "frozen", xSplit: spec.freeze.columns, ySplit: spec.freeze.rows }];
    const otherTables = new Set(
      (this.book.worksheets as Ws[])
        .filter((w) => w !== ws && w !== replacing)
        .flatMap((w) => tablesOf(w).map((t) => t.name.toLowerCase())),
    );
    for (const t of spec.tables ?? []) addTable(ws, t, otherTables);
    (spec.conditionalFormats ?? []).forEach((cf, i) => {
      const ref = rangeAddress(parseRange(cf.range));
      const style = cfStyle(cf.style);
      if (cf.type === "expression")
        ws.addConditionalFormatting({
          ref,
          rules: [{ type: "expression", priority: i + 1, formulae: [cf.formula.replace(/^=/, "")], style }],
        });
      else
        ws.addConditionalFormatting({
          ref,
          rules: [
            {
              type: "cellIs",
              priority: i + 1,
              operator: cf.operator as ExcelJS.CellIsRuleType["operator"],
              formulae: cf.formulas.map((f) => f.replace(/^=/, "")),
              style,
            },
          ],
        });
    });
    if (spec.charts?.length) {
      for (const ch of spec.charts) checkChart(ch);
      this.charts.set(
        ws.id,
        spec.charts.map((c) => ({ ...c, series: c.series.map((s) => ({ ...s })) })),
      );
    }
    if (spec.tabColor) ws.properties.tabColor = { argb: argb(spec.tabColor) };
    if (spec.hidden) ws.state = "hidden";
    if (spec.protect) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true });
  }
}

function tablesOf(ws: Ws): TableModel[] {
  const map = (ws as unknown as { tables?: Record<string, { table?: TableModel }> }).tables ?? {};
  return Object.values(map)
    .map((t) => t.table)
    .filter((t): t is TableModel => !!t && typeof t.tableRef === "string");
}

/** Values of one worksheet row from column left to right, merged slaves blank. */
function rowValues(ws: Ws, r: number, left: number, right: number): CellValue[] {
  const row = ws.findRow(r);
  const out: CellValue[] = new Array(right - left + 1).fill(null);
  if (!row) return out;
  for (let c = left; c <= right; c++) {
    const cell = row.findCell(c);
    if (!cell) continue;
    if (cell.type === ExcelJS.ValueType.Merge) continue; // merged: the value sits in the first cell only
    out[c - left] = plainValue(cell.value);
  }
  return out;
}

function excelJsValue(c: SpecCell | undefined): ExcelJS.CellValue {
  if (c === undefined || c === null) return null;
  if (isFormulaCell(c)) {
    const formula = c.f.replace(/^=/, "");
    return (c.v === undefined || c.v === null ? { formula } : { formula, result: c.v }) as ExcelJS.CellValue;
  }
  if (typeof c === "number" && !Number.isFinite(c))
    throw new WorkbookError(`Cannot write the number ${c} to a cell.`, "bad-input");
  return c as ExcelJS.CellValue;
}

function applyStyle(ws: Ws, r: RangeRef, s: CellStyle): void {
  const fill: ExcelJS.Fill | undefined = s.fill
    ? { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } }
    : undefined;
  const fontColor = s.fontColor ? { argb: argb(s.fontColor) } : undefined;
  const thin = { style: "thin" } as ExcelJS.Border;
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++) {
      const cell = ws.getCell(row, col);
      if (s.bold !== undefined || s.italic !== undefined || s.fontSize !== undefined || fontColor)
        cell.font = {
          ...cell.font,
          ...(s.bold !== undefined ? { bold: s.bold } : {}),
          ...(s.italic !== undefined ? { italic: s.italic } : {}),
          ...(s.fontSize !== undefined ? { size: s.fontSize } : {}),
          ...(fontColor ? { color: fontColor } : {}),
        };
      if (fill) cell.fill = fill;
      if (s.numFmt !== undefined) cell.numFmt = s.numFmt;
      if (s.horizontalAlignment || s.wrap !== undefined)
        cell.alignment = {
          ...cell.alignment,
          ...(s.horizontalAlignment ? { horizontal: s.horizontalAlignment } : {}),
          ...(s.wrap !== undefined ? { wrapText: s.wrap } : {}),
        };
      if (s.border === "thin-all") cell.border = { top: thin, bottom: thin, left: thin, right: thin };
      else if (s.border === "thin-bottom") cell.border = { ...cell.border, bottom: thin };
      else if (s.border === "thin-top") cell.border = { ...cell.border, top: thin };
      else if (s.border === "double-bottom")
        cell.border = { ...cell.border, bottom: { style: "double" } as ExcelJS.Border };
    }
}

function cfStyle(s: Pick<CellStyle, "fill" | "fontColor" | "bold">): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (s.fill) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(s.fill) } };
  if (s.fontColor || s.bold !== undefined)
    style.font = {
      ...(s.fontColor ? { color: { argb: argb(s.fontColor) } } : {}),
      ...(s.bold !== undefined ? { bold: s.bold } : {}),
    };
  return style;
}

function addTable(ws: Ws, t: TableSpec, taken: Set<string>): void {
  checkTableName(t.name, taken);
  const r = parseRange(t.range);
  const header = rowValues(ws, r.top, r.left, r.right);
  const columns = tableColumnNames(header).map((name) => ({ name, filterButton: true }));
  const rows: ExcelJS.CellValue[][] = [];
  for (let row = r.top + 1; row <= Math.max(r.bottom, r.top + 1); row++) {
    const cells: ExcelJS.CellValue[] = [];
    for (let col = r.left; col <= r.right; col++) cells.push(ws.getCell(row, col).value ?? null);
    rows.push(cells);
  }
  ws.addTable({
    name: t.name,
    displayName: t.name,
    ref: cellAddress(r.top, r.left),
    headerRow: true,
    totalsRow: false,
    style: { theme: (t.style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns,
    rows,
  } as ExcelJS.TableProperties);
  taken.add(t.name.toLowerCase());
}

function checkChart(ch: ChartSpec): void {
  parseRange(ch.categories);
  parseCell(ch.anchor.from);
  parseCell(ch.anchor.to);
  if (!ch.series.length)
    throw new WorkbookError(`The chart "${ch.title}" has no series; add at least one.`, "bad-input");
  for (const s of ch.series) parseRange(s.values);
}

/**
 * A workbook from a file's bytes: .xlsx/.xlsm opened as a package; .csv, .xls, .xlsb and .ods read by the
 * read path (read.ts) into sheets of values. Bytes that are not what the name says, or an encrypted book,
 * are refused with a message naming the file and what it is. Used by the CLI (file-io.ts) and by the
 * workbench's "Open a workbook".
 */
export async function workbookFromBytes(file: string, bytes: Uint8Array): Promise<FileWorkbook> {
  const format = checkContent(file, formatOfName(file), bytes);
  if (format === "xlsx") {
    openPackage(file, bytes); // says what a zip that is no workbook is, before ExcelJS sees it
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
  const book = await openForReading(file, bytes);
  const wb = new FileWorkbook();
  for (const s of book.sheets) {
    const ws = wb.book.addWorksheet(s.name);
    const cells = s.cells();
    cells.rowNumbers.forEach((r, k) => {
      const row = ws.getRow(r);
      cells.rows[k].forEach((v, c) => {
        if (v !== null && v !== undefined) row.getCell(c + 1).value = v;
      });
    });
    if (!s.visible) ws.state = "hidden";
  }
  if (book.csvName !== null) wb.csvName = book.csvName;
  return wb;
}
