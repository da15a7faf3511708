/**
 * The file adapter of the Workbook port: a package editor for .xlsx/.xlsm (and CSV or legacy books read
 * into it), for the command line, the demo, the tests and the browser workbench. No Node modules here
 * (webpack bundles this file); reading and saving files on disk lives in file-io.ts.
 *
 * A file is edited, never re-serialised (../shared/spec/architecture.md). Writing into a copy of a user's
 * workbook adds or replaces only the add-in's own sheets (with their tables, drawings and charts) and the
 * bookkeeping that lists them: workbook.xml (sheets, defined names with their scopes, the active tab), its
 * relationships, [Content_Types].xml, the styles (appended to), docProps/app.xml's sheet titles and
 * calcChain.xml (entries of a replaced sheet dropped). Every other part is copied as the exact compressed
 * bytes it had. The user's own sheets change only where the user asked: rows appended, highlights added or
 * cleared. Reading uses the read path (read.ts): cells straight into rows, no object per cell.
 */
import { strToU8, zipSync } from "fflate";
import type { CellValue, ChartSpec, SheetSpec, SpecCell } from "../core/sheet-spec";
import { isFormulaCell } from "../core/sheet-spec";
import type { TableData } from "../core/table";
import {
  HIGHLIGHT_FILL,
  appendRowsIn1904,
  canonicalCells,
  checkSpec,
  checkTableName,
  emptySheet,
  highlightFormula,
  isHighlightFormula,
  notOwned,
  parseCell,
  parseRange,
  rangeAddress,
  sameName,
  sheetReference,
  tableColumnNames,
} from "./a1";
import { isOwnedBy, markerName, markerReference, markersOf, roleOfSheet, type MarkerEntry } from "./marker";
import type { AppendOptions, SheetInfo, TableInfo, UserEdits, Workbook, WriteOptions, WriteResult } from "./port";
import { WorkbookError } from "./port";
import {
  checkContent,
  findIn,
  formatOfName,
  openForReading,
  openPackage,
  readFrom,
  readSheetTable,
  readTablePart,
  tableInfosOf,
  type ReadableSheet,
} from "./read";
import { readCsvBytes } from "./csv";
import { TEXT_FILE } from "./extensions";
import {
  EMPTY_RELS,
  addRelationship,
  definedNameXml,
  editAppTitles,
  editContentTypes,
  editTableName,
  editTableRef,
  editUserSheet,
  editWorkbookXml,
  filterCalcChain,
  highlightsIn,
  pendRow,
  removeRelationships,
  totalsRowRefusal,
  withLocalSheetId,
  withReference,
  type RowEdit,
} from "./xlsx-edit";
import {
  PackageError,
  XlsxPackage,
  lowerBound,
  rowOf,
  type SheetCells,
  type SheetEntry,
  type TablePart,
} from "./xlsx-read";
import {
  CT,
  argb,
  checkSheetSpec,
  sheetParts,
  specValue,
  type Highlight,
  type ModelSheet,
  type ModelTable,
} from "./xlsx-sheet";
import { NEW_STYLES, StyleBook } from "./xlsx-styles";
import { REL, attrOf, parseRels, relativeTarget, relsPathOf, resolvePart, xmlEscape, xmlUnescape } from "./xml";
import {
  checkLinksAndNames,
  hasUserEdits,
  isSheetSetupName,
  isStateNameOf,
  keptCopyName,
  nameAreas,
  ownNameComment,
  ownNameTest,
  repointReferences,
  stateListsOf,
  stateNamesAfter,
  userEditsOn,
  type SeenName,
} from "./user-edits";
import { ZipWriter } from "./zip";

/** A sheet of the opened package, carried over as it is unless the user asked for an edit. */
interface PackageSheet {
  kind: "package";
  name: string;
  entry: SheetEntry;
  cells: SheetCells | null;
  tables: TablePart[] | null;
  rows: RowEdit[];
  highlights: Highlight[];
  cleared: string[];
  /** Table parts whose range grew: part -> new ref. */
  tableRefs: Map<string, string>;
  /** Table parts renamed (the tables of a kept copy of a report): part -> new name. */
  tableNames: Map<string, string>;
}

/** One of the add-in's sheets (or a sheet of values read from a CSV or legacy file), written at save. */
interface ModelEntry {
  kind: "model";
  name: string;
  model: ModelSheet;
  hidden: boolean;
  sheetId: number;
  cells: SheetCells | null;
}

type Entry = PackageSheet | ModelEntry;

interface NameEntry {
  name: string;
  /** The sheet a sheet-scoped name belongs to; null for a workbook-level name. */
  scope: Entry | null;
  reference: string;
  comment: string | null;
  /** The element as the source had it (written back unchanged but for its scope's index); null for a new name. */
  xml: string | null;
  /** A new name hidden from the Name Manager (the add-in's own state). */
  hidden?: boolean;
}

/** A sheet for the workbench preview: values and the looks the preview can show. */
export interface SheetPreview {
  name: string;
  rowCount: number;
  columnCount: number;
  columnWidths: number[];
  rows: PreviewCell[][];
  headerRows: number[];
  frozenRows: number;
  charts: string[];
}

export interface PreviewCell {
  value: CellValue;
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  fill?: string;
  fontColor?: string;
  align?: "left" | "center" | "right";
  formula?: string;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

let template: Uint8Array | null = null;

/** The package of a new workbook: no sheets yet, the styles part, no theme (nothing refers to one). */
function templatePackage(): XlsxPackage {
  template ??= templateBytes();
  return new XlsxPackage(template);
}

function templateBytes(): Uint8Array {
  const files = {
    "[Content_Types].xml":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CT_STYLES}"/></Types>`,
    "_rels/.rels":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL.officeDocument}" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${RELS_NS}"><workbookPr/>` +
      `<bookViews><workbookView/></bookViews><sheets/><calcPr calcId="191029"/></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL.styles}" Target="styles.xml"/></Relationships>`,
    "xl/styles.xml": NEW_STYLES,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

function checkChart(ch: ChartSpec): void {
  parseRange(ch.categories);
  parseCell(ch.anchor.from);
  parseCell(ch.anchor.to);
  if (!ch.series.length)
    throw new WorkbookError(`The chart "${ch.title}" has no series; add at least one.`, "bad-input");
  for (const s of ch.series) {
    parseRange(s.values);
    if (s.color) argb(s.color);
  }
  const va = ch.valueAxis ?? {};
  for (const v of [va.min, va.max, va.majorUnit])
    if (v !== undefined && !Number.isFinite(v))
      throw new WorkbookError(`The chart "${ch.title}" has an axis value ${v}; give a finite number.`, "bad-input");
}

/** The values of a sheet held as a spec: formulas show their cached values; a table's header shows its column names. */
function modelCells(m: ModelSheet): SheetCells {
  const rowNumbers: number[] = [];
  const rows: CellValue[][] = [];
  const heads = new Map<number, ModelTable[]>();
  for (const t of m.tables) {
    const top = parseRange(t.ref).top;
    heads.set(top, [...(heads.get(top) ?? []), t]);
  }
  m.spec.rows.forEach((r, i) => {
    let out: CellValue[] | null = null;
    for (let j = 0; j < r.length; j++) {
      const v = specValue(r[j]);
      if (v === null || v === "") continue;
      out ??= [];
      out[j] = v;
    }
    for (const t of heads.get(i + 1) ?? []) {
      const left = parseRange(t.ref).left;
      out ??= [];
      t.columns.forEach((c, j) => (out![left - 1 + j] = c));
    }
    if (out) {
      rowNumbers.push(i + 1);
      rows.push(out);
    }
  });
  return { rowNumbers, rows, merges: m.spec.merges ?? [] };
}

/** Check the cells a write or append would put into a sheet: finite numbers, text Excel can hold. */
function checkCells(
  rows: readonly (readonly (SpecCell | undefined)[])[],
  sheet: string,
  top: number,
  left: number,
): void {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let j = 0; j < r.length; j++) {
      const v = r[j];
      const bad =
        (typeof v === "number" && !Number.isFinite(v)) ||
        (typeof v === "string" && v.length > 32767) ||
        (isFormulaCell(v) && typeof v.v === "number" && !Number.isFinite(v.v));
      if (!bad && (v === null || v === undefined || typeof v !== "object" || isFormulaCell(v))) continue;
      const where = `row ${top + i}, column ${colName(left + j)} of "${sheet}"`;
      if (typeof v === "string")
        throw new WorkbookError(
          `The text at ${where} has ${v.length.toLocaleString("en-US")} characters; a cell holds at most 32,767.`,
          "bad-input",
        );
      if (typeof v === "number" || isFormulaCell(v))
        throw new WorkbookError(
          `Cannot write the number ${isFormulaCell(v) ? v.v : v} at ${where}: a cell holds finite numbers only.`,
          "bad-input",
        );
      throw new WorkbookError(`Cannot write ${JSON.stringify(v)} at ${where}.`, "bad-input");
    }
  }
}

function colName(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export class FileWorkbook implements Workbook {
  readonly kind = "file" as const;
  private readonly pkg: XlsxPackage;
  private readonly list: Entry[] = [];
  private names: NameEntry[] = [];
  private readonly dropped: PackageSheet[] = [];
  /** Parts of a kept copy of a report rewritten at save (its charts, pointed at the copy): part -> text. */
  private readonly keptParts = new Map<string, string>();
  private nextSheetId: number;
  /** The sheet a write asked to be active, if any. */
  private active: Entry | null = null;
  /** For a workbook opened from CSV: the file name (TableData.name) and sheet "" on read. */
  csvName: string | null = null;

  constructor(pkg?: XlsxPackage) {
    this.pkg = pkg ?? templatePackage();
    for (const s of this.pkg.sheets)
      this.list.push({
        kind: "package",
        name: s.name,
        entry: s,
        cells: null,
        tables: null,
        rows: [],
        highlights: [],
        cleared: [],
        tableRefs: new Map(),
        tableNames: new Map(),
      });
    this.names = this.pkg.names.map((n) => ({
      name: n.name,
      scope: n.localSheetId !== null ? (this.list[n.localSheetId] ?? null) : null,
      reference: n.reference,
      comment: n.comment,
      xml: n.xml,
    }));
    this.nextSheetId = Math.max(0, ...this.pkg.sheets.map((s) => s.sheetId)) + 1;
  }

  /** A workbook from .xlsx/.xlsm bytes. Throws WorkbookError("unreadable") when they are not a workbook package. */
  static async fromXlsx(data: ArrayBuffer | Uint8Array): Promise<FileWorkbook> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    try {
      return new FileWorkbook(new XlsxPackage(bytes));
    } catch (e) {
      if (e instanceof PackageError)
        throw new WorkbookError(
          `This file is not a readable .xlsx workbook (${e.message}). Open it in Excel and save it as .xlsx.`,
          "unreadable",
        );
      throw e;
    }
  }

  /** A one-sheet workbook from CSV text; `name` is the file name, e.g. "bank.csv". */
  static fromCsv(text: string, name: string): FileWorkbook {
    const wb = new FileWorkbook();
    wb.addUserSheet(csvSheetName(name), readCsvBytes(new TextEncoder().encode(text)).grid);
    wb.csvName = name;
    return wb;
  }

  /**
   * Put a plain sheet of values into the workbook, as a user typing it in would: no marker, so the add-in
   * never replaces it. Sheets read from a CSV or a legacy book come in this way; so do tests' user sheets.
   */
  addUserSheet(name: string, rows: CellValue[][], tables: { name: string; range: string }[] = []): void {
    checkSpec({ name, role: "", rows });
    if (this.entry(name)) throw new WorkbookError(`A sheet named "${name}" already exists.`, "bad-input");
    const spec: SheetSpec = { name, role: "", rows, tables: tables.map((t) => ({ ...t })) };
    this.list.push({
      kind: "model",
      name,
      model: this.buildModel(spec, null),
      hidden: false,
      sheetId: this.nextSheetId++,
      cells: null,
    });
  }

  /** The workbook as .xlsx bytes. */
  /** A value typed into one cell of a sheet, as a user editing it in Excel would (the workbench, tests). */
  setUserCell(sheet: string, row: number, col: number, value: CellValue): void {
    const e = this.entry(sheet);
    if (!e) throw new WorkbookError(`There is no sheet "${sheet}".`, "not-found");
    checkCells([[value]], e.name, row, col);
    if (e.kind === "model") {
      const rows = e.model.spec.rows;
      while (rows.length < row) rows.push([]);
      const cells = rows[row - 1].slice();
      cells[col - 1] = value;
      rows[row - 1] = cells;
      e.cells = null;
      return;
    }
    pendRow(e.rows, { row, left: col, values: [value] });
    overlay((e.cells ??= this.pkg.cellsOf(e.entry)), row, col, [[value]]);
  }

  async toXlsx(): Promise<Uint8Array> {
    return this.save();
  }

  /** Whether the package is a macro-enabled workbook (its copy must be named .xlsm). */
  get macroEnabled(): boolean {
    const types = this.pkg.text("[Content_Types].xml") ?? "";
    const main =
      new RegExp(`PartName="/${this.pkg.workbookPart.replace(/[.]/g, "\\.")}"[^>]*ContentType="([^"]*)"`).exec(
        types,
      )?.[1] ?? "";
    return /macroEnabled/i.test(main);
  }

  /** Every sheet's name in tab order (chart sheets included). */
  sheetNames(): string[] {
    return this.list.map((e) => e.name);
  }

  /** The chart specs written to a sheet. */
  chartsOf(sheet: string): ChartSpec[] {
    const e = this.entry(sheet);
    return e?.kind === "model" ? (e.model.spec.charts ?? []) : [];
  }

  /** The ranges the add-in has highlighted on a sheet (its removable conditional formats), with their tags' formulas. */
  highlightsOf(sheet: string): { sqref: string; formula: string }[] {
    const e = this.entry(sheet);
    if (!e) return [];
    if (e.kind === "model") return e.model.highlights.map((h) => ({ sqref: h.sqref, formula: h.formula }));
    const xml = e.entry.part ? (this.pkg.text(e.entry.part) ?? "") : "";
    const existing = highlightsIn(xml).filter((h) => !e.cleared.some((t) => isHighlightFormula(h.formula, t)));
    return [...existing, ...e.highlights.map((h) => ({ sqref: h.sqref, formula: h.formula }))];
  }

  async sheets(): Promise<SheetInfo[]> {
    const markers = this.markers();
    return this.worksheets().map((e) => ({
      name: e.name,
      role: roleOfSheet(markers, e.name),
      visible: e.kind === "model" ? !e.hidden : e.entry.state === "visible",
    }));
  }

  async tables(): Promise<TableInfo[]> {
    return tableInfosOf(this.readable(), this.csvName);
  }

  async read(source: string): Promise<TableData> {
    return readFrom(this.readable(), source, this.csvName);
  }

  /**
   * Workbook.write. Replacing the add-in's sheet of a file the user annotated (comments or notes on it, names of
   * theirs on or into it: user-edits.ts decides) says so in the result, and with `keepCopy` keeps the old sheet,
   * part for part, beside the report under "<sheet> (kept <date>)" as the user's own sheet, as the office adapter
   * keeps its copy. The user's names on the sheet stay with the report (they now name its new cells); the add-in's
   * own go and the spec's are made again, tagged (ownNameComment) so a re-run in Excel knows them.
   */
  async write(spec: SheetSpec, options: WriteOptions = {}): Promise<WriteResult> {
    checkSpec(spec);
    checkLinksAndNames(spec);
    const existing = this.entry(spec.name);
    if (existing && !isOwnedBy(this.markers(), existing.name, spec.role)) throw notOwned(existing.name);
    // Everything that could fail is checked while the model is built: a failure changes nothing.
    const model = this.buildModel(spec, existing ?? null);
    const found = existing ? this.editsOn(existing, spec) : null;
    const userEdits = hasUserEdits(found?.edits) ? found.edits : null;
    const keptCopy =
      existing?.kind === "package" && userEdits && options.keepCopy
        ? keptCopyName(existing.name, options.keepCopy.date, this.sheetNames())
        : null;
    const own: ModelEntry = {
      kind: "model",
      name: spec.name,
      model,
      hidden: !!spec.hidden,
      sheetId: this.nextSheetId++,
      cells: null,
    };
    if (existing) {
      const wasActive = existing.kind === "package" && existing.entry === this.sourceActiveSheet();
      const at = this.list.indexOf(existing);
      this.list[at] = own;
      if (keptCopy && existing.kind === "package") {
        this.carryNames(existing, own, spec);
        this.keepAs(existing, keptCopy, own);
        this.list.splice(at + 1, 0, existing);
        if (this.active === existing) this.active = own;
      } else {
        this.carryNames(existing, own, spec);
        this.forget(existing, own);
      }
      // The report takes the tab of the sheet it replaces, so the book opens where it did.
      if (wasActive && this.active === null && !spec.hidden) this.active = own;
    } else this.list.push(own);
    this.setMarker(spec.role, spec.name);
    this.setOwnNames(own, spec);
    this.keepStateNames(spec, found?.userNames ?? []);
    options.progress?.(spec.rows.length, spec.rows.length, "Writing rows");
    if (options.activate && !spec.hidden) this.active = own;
    return { userEdits, keptCopy };
  }

  /** Workbook.userEdits: the user's edits on the add-in's sheets these specs would replace, nothing written. */
  async userEdits(specs: readonly Pick<SheetSpec, "name" | "role" | "names">[]): Promise<UserEdits[]> {
    const markers = this.markers();
    const out: UserEdits[] = [];
    for (const spec of specs) {
      const e = this.entry(spec.name);
      if (!e || !isOwnedBy(markers, e.name, spec.role)) continue;
      const { edits } = this.editsOn(e, spec);
      if (hasUserEdits(edits)) out.push(edits);
    }
    return out;
  }

  async remove(name: string, role: string): Promise<void> {
    const e = this.entry(name);
    if (!e) return;
    if (!isOwnedBy(this.markers(), e.name, role)) throw notOwned(e.name);
    this.list.splice(this.list.indexOf(e), 1);
    this.forget(e, null);
    this.names = this.names.filter((n) => !(n.scope === null && isStateNameOf(role, n.name)));
    // Names that point at the deleted sheet would be #REF! in Excel: they go with it (the marker first).
    this.names = this.names.filter((n) => {
      const ref = n.reference.replace(/^=/, "");
      const quoted = `'${e.name.replace(/'/g, "''")}'!`;
      return !(ref.startsWith(quoted) || ref.startsWith(`${e.name}!`));
    });
  }

  async append(source: string, rows: CellValue[][], options: AppendOptions = {}): Promise<{ firstRow: number }> {
    const hit = findIn(this.readable(), source, this.csvName);
    const e = this.entry(hit.sheet.name)!;
    if (options.ownedBy !== undefined && !isOwnedBy(this.markers(), e.name, options.ownedBy)) throw notOwned(e.name);
    const onSheet = hit.table ? [] : hit.sheet.tables();
    // A sheet holding one Excel table takes the rows into that table, so the table grows with them.
    const table = hit.table ?? (onSheet.length === 1 ? onSheet[0] : null);
    const sheetTable = table ? null : readSheetTable(hit.sheet, this.csvName);
    if (!table && !sheetTable) throw emptySheet(e.name);
    const tr = table ? parseRange(table.ref) : null;
    const width = tr ? tr.right - tr.left + 1 : sheetTable!.headers.length;
    rows.forEach((row, i) => {
      if (row.length > width)
        throw new WorkbookError(
          `Row ${i + 1} to append has ${row.length} values but "${source}" has ${width} columns.`,
          "bad-input",
        );
    });
    let first: number;
    let left: number;
    if (table && tr) {
      left = tr.left;
      const totals = table.totalsRowCount;
      const lastData = tr.bottom - totals;
      // A table without data keeps one blank placeholder row (as Excel does): fill it first.
      const cells = hit.sheet.cells();
      const placeholder =
        lastData === tr.top + 1 && rowOf(cells, lastData, tr.left, tr.right).every((v) => v === null || v === "");
      first = placeholder ? lastData : lastData + 1;
      const added = Math.max(0, rows.length - (placeholder ? 1 : 0));
      checkCells(rows, e.name, first, left);
      if (totals && added) {
        if (e.kind === "package") throw totalsRowRefusal(table.name);
        // The add-in's own sheet: rows below the table move down, as Excel's insert does.
        e.model.spec.rows.splice(tr.bottom - 1, 0, ...Array.from({ length: added }, () => []));
      }
      const ref = rangeAddress({ ...tr, bottom: tr.bottom + added });
      if (e.kind === "package") e.tableRefs.set(table.part, ref);
      table.ref = ref;
    } else {
      first = sheetTable!.firstRow + sheetTable!.rows.length;
      left = sheetTable!.firstColumn;
      checkCells(rows, e.name, first, left);
    }
    const values = rows.map((r) => r.map((v) => (v === undefined ? null : v)));
    if (e.kind === "model") {
      const spec = e.model.spec;
      values.forEach((r, i) => {
        const row = (spec.rows[first - 1 + i] ?? []).slice();
        r.forEach((v, j) => (row[left - 1 + j] = v));
        while (spec.rows.length < first - 1 + i) spec.rows.push([]);
        spec.rows[first - 1 + i] = row;
      });
      e.cells = null;
    } else {
      // The package keeps its own date system: a 1904 book's date columns take its serials (the read view
      // keeps the 1900-system ones, as every reader gives them). A model sheet converts when it is saved.
      const stored = this.pkg.date1904 ? appendRowsIn1904(values, options.dateColumns ?? []) : values;
      stored.forEach((r, i) => pendRow(e.rows, { row: first + i, left, values: r }));
      overlay(hit.sheet.cells(), first, left, values);
    }
    return { firstRow: first };
  }

  async highlight(source: string, cells: string[], tag: string, fill: string = HIGHLIGHT_FILL): Promise<void> {
    const hit = findIn(this.readable(), source, this.csvName);
    const e = this.entry(hit.sheet.name)!;
    const addresses = canonicalCells(cells);
    const color = argb(fill);
    const list = e.kind === "model" ? e.model.highlights : e.highlights;
    for (let i = 0; i < addresses.length; i += 500)
      list.push({ sqref: addresses.slice(i, i + 500).join(" "), formula: highlightFormula(tag), fill: color });
  }

  async clearHighlights(source: string, tag: string): Promise<void> {
    const hit = findIn(this.readable(), source, this.csvName);
    const e = this.entry(hit.sheet.name)!;
    if (e.kind === "model") e.model.highlights = e.model.highlights.filter((h) => !isHighlightFormula(h.formula, tag));
    else {
      e.highlights = e.highlights.filter((h) => !isHighlightFormula(h.formula, tag));
      e.cleared.push(tag);
    }
  }

  /**
   * Workbook.removeRow: the undo of an entry (see port.ts), as Excel's Delete Table Row does it. On the add-in's
   * own sheets any row of a table can go (the rows below move up); on a user's sheet, which is edited and never
   * rewritten, only the last row of the table or range can, the rows below staying where they are.
   */
  async removeRow(source: string, row: number, expected: readonly CellValue[]): Promise<void> {
    const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    const shownAs = (v: unknown) => (text(v) ? `"${text(v)}"` : "blank");
    const refuse = (why: string) =>
      new WorkbookError(`Row ${row} of ${source} was not removed: ${why}. Nothing was changed.`, "bad-input");
    const hit = findIn(this.readable(), source, this.csvName);
    const e = this.entry(hit.sheet.name)!;
    const onSheet = hit.table ? [] : hit.sheet.tables();
    const table = hit.table ?? (onSheet.length === 1 ? onSheet[0] : null);
    const t = table ? readTablePart(hit.sheet, table) : readSheetTable(hit.sheet, this.csvName);
    if (!t) throw emptySheet(e.name);
    const last = t.firstRow + t.rows.length - 1;
    if (table ? row < t.firstRow || row > last : row !== last)
      throw refuse(
        table
          ? `the table's rows are now ${t.firstRow} to ${last}`
          : `it is no longer the last row of the sheet (that is row ${last})`,
      );
    const actual = t.rows[row - t.firstRow];
    for (let i = 0; i < Math.max(actual.length, expected.length); i++)
      if (text(actual[i]) !== text(expected[i]))
        throw refuse(
          `it was changed after it was added (${text(t.headers[i]) || `column ${i + 1}`} is ${shownAs(actual[i])}, not ${shownAs(expected[i])})`,
        );
    const left = t.firstColumn;
    const width = t.headers.length;
    const blank: CellValue[] = new Array(width).fill(null);
    // A sheet range's last row, or a table's only data row (Excel keeps one in a table): emptied.
    const emptyOnly = !table || t.rows.length === 1;
    const tr = table ? parseRange(table.ref) : null;
    if (e.kind === "model") {
      const rows = e.model.spec.rows;
      const put = (r: number, values: readonly (SpecCell | undefined)[]) => {
        while (rows.length < r) rows.push([]);
        const cells = rows[r - 1].slice();
        values.forEach((v, j) => (cells[left - 1 + j] = v ?? null));
        rows[r - 1] = cells;
      };
      if (emptyOnly || !tr) put(row, blank);
      else {
        // The table's cells below move up one row, its totals row with them; the table ends a row higher.
        for (let r = row; r < tr.bottom; r++) put(r, (rows[r] ?? []).slice(left - 1, left - 1 + width));
        put(tr.bottom, blank);
        table!.ref = rangeAddress({ ...tr, bottom: tr.bottom - 1 });
      }
      e.cells = null;
      return;
    }
    if (!emptyOnly && (row !== last || table!.totalsRowCount))
      throw refuse(
        table!.totalsRowCount
          ? "the table has a totals row below it; delete the row in Excel"
          : "rows were added below it since; delete the row in Excel",
      );
    pendRow(e.rows, { row, left, values: blank });
    overlay(hit.sheet.cells(), row, left, [blank]);
    if (table && tr && !emptyOnly) {
      const ref = rangeAddress({ ...tr, bottom: tr.bottom - 1 });
      e.tableRefs.set(table.part, ref);
      table.ref = ref;
    }
  }

  /** The first rows and columns of a sheet with the looks the workbench preview shows. */
  preview(name: string, maxRows = 200, maxCols = 40): SheetPreview | null {
    const e = this.entry(name);
    if (!e) return null;
    const readable = this.readable().find((s) => s.name === e.name);
    const cells = readable ? readable.cells() : { rowNumbers: [], rows: [], merges: [] };
    const rowCount = cells.rowNumbers.length ? cells.rowNumbers[cells.rowNumbers.length - 1] : 0;
    let width = 0;
    for (const r of cells.rows) width = Math.max(width, r.length);
    const columnCount = Math.min(width, maxCols);
    const spec = e.kind === "model" ? e.model.spec : null;
    const ranges = (spec?.styles ?? []).map((s) => ({ r: parseRange(s.range), s: s.style }));
    const rows: PreviewCell[][] = [];
    for (let r = 1; r <= Math.min(rowCount, maxRows); r++) {
      const values = rowOf(cells, r, 1, Math.max(1, columnCount));
      rows.push(
        values.slice(0, columnCount).map((value, j) => {
          const cell: PreviewCell = { value };
          const raw = spec?.rows[r - 1]?.[j];
          if (isFormulaCell(raw)) cell.formula = raw.f;
          const colFmt = spec?.columns?.[j]?.numFmt;
          if (colFmt) cell.numFmt = colFmt;
          for (const { r: rr, s } of ranges) {
            if (r < rr.top || r > rr.bottom || j + 1 < rr.left || j + 1 > rr.right) continue;
            if (s.numFmt) cell.numFmt = s.numFmt;
            if (s.bold !== undefined) cell.bold = s.bold || undefined;
            if (s.italic !== undefined) cell.italic = s.italic || undefined;
            if (s.fill) cell.fill = s.fill.toUpperCase();
            if (s.fontColor) cell.fontColor = s.fontColor.toUpperCase();
            if (s.horizontalAlignment) cell.align = s.horizontalAlignment;
          }
          return cell;
        }),
      );
    }
    const headerRows = (readable?.tables() ?? []).map((t) => parseRange(t.ref).top);
    const columnWidths = Array.from({ length: columnCount }, (_, j) => spec?.columns?.[j]?.width ?? 9);
    return {
      name: e.name,
      rowCount,
      columnCount,
      columnWidths,
      rows,
      headerRows,
      frozenRows: spec?.freeze?.rows ?? 0,
      charts: (spec?.charts ?? []).map((c) => c.title),
    };
  }

  // ---------------------------------------------------------------- internals

  private entry(name: string): Entry | undefined {
    return this.list.find((e) => e.name === name) ?? this.list.find((e) => sameName(e.name, name));
  }

  private worksheets(): Entry[] {
    return this.list.filter((e) => e.kind === "model" || e.entry.kind === "worksheet");
  }

  /** The worksheets as the read rules see them. */
  private readable(): ReadableSheet[] {
    return this.worksheets().map((e) =>
      e.kind === "model"
        ? {
            name: e.name,
            visible: !e.hidden,
            cells: () => (e.cells ??= modelCells(e.model)),
            tables: () => e.model.tables,
          }
        : {
            name: e.name,
            visible: e.entry.state === "visible",
            cells: () => (e.cells ??= this.pkg.cellsOf(e.entry)),
            tables: () =>
              (e.tables ??= this.pkg
                .tablesOf(e.entry)
                .map((t) => ({ ...t, name: e.tableNames.get(t.part) ?? t.name }))),
          },
    );
  }

  private markers(): MarkerEntry[] {
    return markersOf(
      this.names
        .filter((n) => n.scope === null)
        .map((n) => ({ name: n.name, reference: n.reference, comment: n.comment })),
    );
  }

  /** The workbook-level names with their formulas ("=" and the reference), as stateListsOf reads them. */
  private workbookNames(): { name: string; formula: string }[] {
    return this.names.filter((n) => n.scope === null).map((n) => ({ name: n.name, formula: "=" + n.reference }));
  }

  private setMarker(role: string, sheet: string): void {
    const name = markerName(role);
    this.names = this.names.filter((n) => !(n.scope === null && n.name.toUpperCase() === name.toUpperCase()));
    this.names.push({ name, scope: null, reference: markerReference(sheet), comment: null, xml: null });
  }

  /**
   * The names scoped to a sheet being replaced by `own`: the user's stay with the sheet (now the report), the
   * add-in's go (its tagged names, the spec's, the print titles: the spec makes them again). With a kept copy the
   * old sheet keeps every one of them (keepAs points them at the copy), as Excel copies a sheet's names with it.
   */
  private carryNames(old: Entry, own: ModelEntry, spec: SheetSpec): void {
    const isOwn = ownNameTest(
      (spec.names ?? []).map((n) => n.name),
      stateListsOf(spec.role, this.workbookNames()).ownBefore,
    );
    const carried: NameEntry[] = [];
    for (const n of this.names) {
      if (n.scope !== old) continue;
      if (isOwn(n) || isSheetSetupName(n.name)) continue;
      carried.push({ ...n, scope: own });
    }
    this.names.push(...carried);
  }

  /**
   * The replaced package sheet `old` stays as the user's copy named `name`: its part and everything hanging on it
   * (comments, drawings) as they are; its tables renamed (a table name is unique in a workbook and the report
   * makes its own again); its own names pointing at it; visible; no marker (the report has it now).
   */
  private keepAs(old: PackageSheet, name: string, own: ModelEntry): void {
    const from = old.name;
    old.name = name;
    for (const n of this.names) {
      if (n.scope !== old) continue;
      const reference = repointReferences(n.reference, from, name);
      if (reference === n.reference) continue;
      n.reference = reference;
      if (n.xml !== null) n.xml = withReference(n.xml, reference);
    }
    const taken = this.tableNames(null);
    for (const t of own.model.tables) taken.add(t.name.toLowerCase());
    for (const n of this.names) if (n.scope === null) taken.add(n.name.toLowerCase());
    for (const t of this.pkg.tablesOf(old.entry)) {
      let k = 2;
      while (taken.has(`${t.name}${k}`.toLowerCase())) k++;
      old.tableNames.set(t.part, `${t.name}${k}`);
      taken.add(`${t.name}${k}`.toLowerCase());
    }
    old.tables = null;
    // Its charts draw its own cells, as the charts of a sheet Excel copies do, not the new report's.
    if (!old.entry.part) return;
    for (const d of this.pkg.relsOf(old.entry.part)) {
      if (d.external || !d.type.endsWith("/drawing")) continue;
      const drawing = resolvePart(old.entry.part, d.target);
      for (const c of this.pkg.relsOf(drawing)) {
        if (c.external || !c.type.endsWith("/chart")) continue;
        const chart = resolvePart(drawing, c.target);
        const xml = this.keptParts.get(chart) ?? this.pkg.text(chart);
        if (xml === null) continue;
        const moved = xml.replace(
          /(<(?:\w+:)?f>)([^<]*)(<\/(?:\w+:)?f>)/g,
          (_, a: string, f: string, b: string) => a + xmlEscape(repointReferences(xmlUnescape(f), from, name)) + b,
        );
        if (moved !== xml) this.keptParts.set(chart, moved);
      }
    }
  }

  /** The spec's names on its sheet, tagged as the add-in's, and its print titles (Excel's _xlnm.Print_Titles). */
  private setOwnNames(own: ModelEntry, spec: SheetSpec): void {
    const mine = new Set((spec.names ?? []).map((n) => n.name.toLowerCase()));
    if (spec.print?.titleRows) mine.add("_xlnm.print_titles");
    this.names = this.names.filter((n) => !(n.scope === own && mine.has(n.name.toLowerCase())));
    for (const n of spec.names ?? [])
      this.names.push({
        name: n.name,
        scope: own,
        reference: nameAreas(n.refersTo)
          .map((a) => sheetReference(spec.name, a))
          .join(","),
        comment: ownNameComment(n.comment),
        xml: null,
      });
    const t = spec.print?.titleRows;
    if (t)
      this.names.push({
        name: "_xlnm.Print_Titles",
        scope: own,
        reference: `'${spec.name.replace(/'/g, "''")}'!$${t.first}:$${t.last}`,
        comment: null,
        xml: null,
      });
  }

  /**
   * The hidden names beside the sheet of `spec.role` (user-edits.ts stateNamesAfter), as Excel's: the user's names
   * on or into it, as said, and the add-in's own names on it.
   */
  private keepStateNames(spec: Pick<SheetSpec, "names" | "role">, userNames: readonly string[]): void {
    this.names = this.names.filter((n) => !(n.scope === null && isStateNameOf(spec.role, n.name)));
    for (const st of stateNamesAfter(
      spec.role,
      userNames,
      (spec.names ?? []).map((n) => n.name),
    ))
      this.names.push({
        name: st.name,
        scope: null,
        reference: st.formula.replace(/^=/, ""),
        comment: st.comment,
        xml: null,
        hidden: true,
      });
  }

  /** The user's edits on a sheet the spec would replace, from the package (user-edits.ts decides what counts). */
  private editsOn(e: Entry, spec: Pick<SheetSpec, "names" | "role">): ReturnType<typeof userEditsOn> {
    const names: SeenName[] = this.names.map((n) => ({
      name: n.name,
      formula: "=" + n.reference,
      comment: n.comment,
      scope: n.scope ? n.scope.name : null,
    }));
    const notes = e.kind === "package" ? this.annotationsOf(e) : { comments: 0, notes: 0 };
    const { seen, ownBefore } = stateListsOf(spec.role, this.workbookNames());
    return userEditsOn(
      e.name,
      { names, ...notes },
      (spec.names ?? []).map((n) => n.name),
      seen,
      ownBefore,
    );
  }

  /**
   * The comments on a sheet of the package: threaded comments (Excel 365's, their own parts; replies belong to
   * the comment they answer) and notes (the sheet's comments part, less the copies Excel keeps there of its
   * threaded comments for older readers, whose author is "tc={id}").
   */
  private annotationsOf(e: PackageSheet): { comments: number; notes: number } {
    let comments = 0;
    let notes = 0;
    if (!e.entry.part) return { comments, notes };
    const threaded = new Set<string>();
    const rels = this.pkg.relsOf(e.entry.part).filter((r) => !r.external);
    for (const r of rels) {
      if (!/\/threadedComment$/.test(r.type)) continue;
      for (const m of (this.pkg.text(resolvePart(e.entry.part, r.target)) ?? "").matchAll(
        /<(?:\w+:)?threadedComment\b[^>]*>/g,
      )) {
        threaded.add((attrOf(m[0], "ref") ?? "").toUpperCase());
        if (attrOf(m[0], "parentId") === null) comments++;
      }
    }
    for (const r of rels) {
      if (!/\/comments$/.test(r.type)) continue;
      const xml = this.pkg.text(resolvePart(e.entry.part, r.target)) ?? "";
      const authors = [...xml.matchAll(/<(?:\w+:)?author>([\s\S]*?)<\/(?:\w+:)?author>/g)].map((m) => m[1]);
      for (const m of xml.matchAll(/<(?:\w+:)?comment\b[^>]*>/g)) {
        const author = authors[Number(attrOf(m[0], "authorId") ?? -1)] ?? "";
        if (/^tc=/.test(author) || threaded.has((attrOf(m[0], "ref") ?? "").toUpperCase())) continue;
        notes++;
      }
    }
    return { comments, notes };
  }

  /** The sheet that was the active tab of the opened package. */
  private sourceActiveSheet(): SheetEntry | undefined {
    const xml = this.pkg.text(this.pkg.workbookPart) ?? "";
    const view = /<(?:\w+:)?workbookView\b[^>]*>/.exec(xml)?.[0] ?? "";
    return this.pkg.sheets[Number(attrOf(view, "activeTab") ?? 0)];
  }

  /** A sheet leaves the workbook (replaced or removed): its own names go with it, its parts are not written. */
  private forget(old: Entry, replacement: Entry | null): void {
    this.names = this.names.filter((n) => n.scope !== old);
    if (old.kind === "package") this.dropped.push(old);
    if (this.active === old) this.active = replacement;
  }

  /** Every table name in the workbook but those of one sheet. */
  private tableNames(except: Entry | null): Set<string> {
    const out = new Set<string>();
    for (const s of this.readable()) {
      if (except && s.name === except.name) continue;
      for (const t of s.tables()) out.add(t.name.toLowerCase());
    }
    return out;
  }

  /** A spec as the model the save writes, checked whole first (names, ranges, colours, cells, charts). */
  protected buildModel(spec: SheetSpec, replacing: Entry | null): ModelSheet {
    checkSheetSpec(spec);
    checkCells(spec.rows, spec.name, 1, 1);
    for (const ch of spec.charts ?? []) checkChart(ch);
    const taken = this.tableNames(replacing);
    const tables: ModelTable[] = [];
    for (const t of spec.tables ?? []) {
      checkTableName(t.name, taken);
      const r = parseRange(t.range);
      const header: CellValue[] = [];
      for (let c = r.left; c <= r.right; c++) header.push(specValue(spec.rows[r.top - 1]?.[c - 1]));
      tables.push({
        name: t.name,
        ref: rangeAddress({ ...r, bottom: Math.max(r.bottom, r.top + 1) }),
        style: t.style ?? "TableStyleMedium2",
        columns: tableColumnNames(header),
        headerRowCount: 1,
        totalsRowCount: 0,
        part: "",
      });
      taken.add(t.name.toLowerCase());
    }
    return {
      name: spec.name,
      spec: {
        ...spec,
        rows: spec.rows.slice(),
        charts: spec.charts?.map((c) => ({ ...c, series: c.series.map((s) => ({ ...s })) })),
      },
      tables,
      highlights: [],
    };
  }

  /** The package, edited: see the module comment. */
  private save(): Uint8Array {
    if (!this.list.length)
      throw new WorkbookError("A workbook needs at least one sheet; write one first.", "bad-input");
    const pkg = this.pkg;
    const wbPart = pkg.workbookPart;
    const workbookXml = pkg.text(wbPart)!;
    const p = /<(\w+:)?workbook\b/.exec(workbookXml)?.[1] ?? "";
    // The prefix bound to the relationships namespace where a new <sheet> goes: on the root or on <sheets>.
    // openpyxl (and so pandas) declares it on each <sheet> instead, where it binds nothing for a sibling: a
    // new sheet then declares it itself, with the namespace the book uses (transitional or strict).
    const relsNsDecl =
      /\sxmlns:(\w+)="(http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships|http:\/\/purl\.oclc\.org\/ooxml\/officeDocument\/relationships)"/;
    const rp = [new RegExp(`<${p}workbook\\b[^>]*>`), new RegExp(`<${p}sheets\\b[^>]*>`)]
      .map((re) => relsNsDecl.exec(re.exec(workbookXml)?.[0] ?? "")?.[1])
      .find((x) => x !== undefined);
    const relsNs = relsNsDecl.exec(workbookXml)?.[2] ?? RELS_NS;
    const taken = new Set(pkg.entries.map((e) => e.name));
    const newPart = (dir: string, base: string) => {
      for (let n = 1; ; n++) {
        const name = `xl/${dir}/${base}${n}.xml`;
        if (!taken.has(name)) {
          taken.add(name);
          return name;
        }
      }
    };
    let tableId = 0;
    for (const e of pkg.entries)
      if (/^xl\/tables\/[^/]+\.xml$/.test(e.name))
        tableId = Math.max(
          tableId,
          Number(attrOf(/<(?:\w+:)?table\b[^>]*>/.exec(pkg.text(e.name) ?? "")?.[0] ?? "", "id") ?? 0),
        );

    // Styles: the workbook's own part, appended to; a new one only when it has none.
    let stylesPart = pkg.partOf(REL.styles);
    const stylesAdded = !stylesPart || !pkg.has(stylesPart);
    if (stylesAdded) stylesPart = taken.has("xl/styles.xml") ? newPart("", "styles") : "xl/styles.xml";
    const styles = new StyleBook(stylesAdded ? NEW_STYLES : pkg.text(stylesPart!)!);

    // Workbook relationships: the dropped sheets' go, each model sheet gets one.
    let wbRels = pkg.text(relsPathOf(wbPart)) ?? EMPTY_RELS;
    wbRels = removeRelationships(wbRels, new Set(this.dropped.map((d) => d.entry.rid)));
    if (stylesAdded) wbRels = addRelationship(wbRels, REL.styles, relativeTarget(wbPart, stylesPart!)).xml;
    const added: { name: string; contentType: string }[] = [];
    if (stylesAdded) added.push({ name: stylesPart!, contentType: CT_STYLES });
    const modelParts: { entry: ModelEntry; part: string; rid: string; parts: ReturnType<typeof sheetParts> }[] = [];
    for (const e of this.list) {
      if (e.kind !== "model") continue;
      const part = newPart("worksheets", "sheet");
      const rel = addRelationship(wbRels, REL.worksheet, relativeTarget(wbPart, part));
      wbRels = rel.xml;
      e.model.selected = this.active === e;
      const parts = sheetParts(e.model, {
        styles,
        newPart: (kind) => newPart(`${kind}s`, kind),
        nextTableId: () => ++tableId,
        target: (to) => relativeTarget(part, to),
        date1904: pkg.date1904,
      });
      added.push(
        { name: part, contentType: CT.worksheet },
        ...parts.parts.map((x) => ({ name: x.name, contentType: x.contentType })),
      );
      modelParts.push({ entry: e, part, rid: rel.id, parts });
    }

    // calcChain: entries of dropped sheets removed; the part goes when none is left.
    const calcPart = pkg.partOf(REL.calcChain);
    let calcXml: string | null = null;
    const droppedIds = new Set(this.dropped.map((d) => d.entry.sheetId));
    if (calcPart && pkg.has(calcPart) && droppedIds.size) {
      calcXml = filterCalcChain(pkg.text(calcPart)!, droppedIds);
      if (calcXml === null) {
        const rel = pkg.relsOf(wbPart).find((r) => r.type.endsWith("/calcChain"));
        if (rel) wbRels = removeRelationships(wbRels, new Set([rel.id]));
      }
    }

    // workbook.xml: the sheet list, the names with their scopes, the active tab.
    const sheetTags = this.list.map((e) => {
      if (e.kind === "package") return e.name === e.entry.name ? e.entry.tag : renamedSheetTag(e.entry.tag, e.name);
      const rid = modelParts.find((m) => m.entry === e)!.rid;
      const ns = rp ? "" : ` xmlns:r="${relsNs}"`;
      return `<${p}sheet name="${escapeAttr(e.name)}" sheetId="${e.sheetId}"${e.hidden ? ` state="hidden"` : ""}${ns} r:id="${rid}"/>`.replace(
        " r:id=",
        ` ${rp ?? "r"}:id=`,
      );
    });
    const nameTags = this.names.map((n) => {
      const index = n.scope ? this.list.indexOf(n.scope) : null;
      if (n.xml !== null) {
        const was = attrOf(/^<[^>]*>/.exec(n.xml)![0], "localSheetId");
        return (was === null ? null : Number(was)) === index ? n.xml : withLocalSheetId(n.xml, index);
      }
      return withLocalSheetId(definedNameXml(p, n.name, n.reference, n.comment, n.hidden), index);
    });
    const sourceActive = Number(
      attrOf(new RegExp(`<${p}workbookView\\b[^>]*>`).exec(workbookXml)?.[0] ?? "", "activeTab") ?? 0,
    );
    const wasActive = this.pkg.sheets[sourceActive];
    const activeEntry = this.active ?? this.list.find((e) => e.kind === "package" && e.entry === wasActive) ?? null;
    const activeIndex = activeEntry ? this.list.indexOf(activeEntry) : 0;
    const newWorkbookXml = editWorkbookXml(workbookXml, {
      sheets: sheetTags,
      names: nameTags,
      activeTab: activeIndex !== sourceActive ? activeIndex : null,
      fullCalcOnLoad: modelParts.some((m) =>
        m.entry.model.spec.rows.some((r) => r.some((c) => isFormulaCell(c) && (c.v === undefined || c.v === null))),
      ),
    });

    // Parts no longer reachable from the package's relationships (a dropped sheet's) are not written.
    const relsText = new Map<string, string>([[relsPathOf(wbPart), wbRels]]);
    const droppedParts = this.unreachable(relsText, new Set(this.dropped.map((d) => d.entry.part)));
    if (calcXml === null && calcPart && droppedIds.size) droppedParts.add(calcPart);

    // docProps/app.xml's list of worksheet titles.
    const appPart = pkg.relsOf("").find((r) => r.type.endsWith("/extended-properties"));
    const appName = appPart ? resolvePart("", appPart.target) : null;
    const oldTitles = pkg.sheets.filter((s) => s.kind === "worksheet").map((s) => s.name);
    const newTitles = this.worksheets().map((e) => e.name);
    const appXml =
      appName && pkg.has(appName) && oldTitles.join("\u0000") !== newTitles.join("\u0000")
        ? editAppTitles(pkg.text(appName)!, oldTitles, newTitles)
        : null;

    // The user's sheets with the edits they asked for (and the looks those need).
    const dxf = (fill: string) => styles.dxf({ fill });
    const sheetEdits = new Map<string, string>();
    const tableEdits = new Map<string, string>();
    for (const e of this.list) {
      if (e.kind !== "package") continue;
      const deselect = this.active !== null && this.active !== e && e.entry.part !== "";
      if (e.rows.length || e.highlights.length || e.cleared.length || (deselect && this.isSelected(e))) {
        let xml = editUserSheet(
          pkg.text(e.entry.part)!,
          { rows: e.rows, highlights: e.highlights, cleared: e.cleared },
          dxf,
        );
        if (deselect) xml = xml.replace(/(<(?:\w+:)?sheetView\b[^>]*?)\stabSelected="(?:1|true)"/, "$1");
        sheetEdits.set(e.entry.part, xml);
      }
      for (const [part, ref] of e.tableRefs) {
        const t = (e.tables ?? []).find((x) => x.part === part);
        tableEdits.set(part, editTableRef(pkg.text(part)!, ref, t?.totalsRowCount ?? 0));
      }
      for (const [part, name] of e.tableNames)
        tableEdits.set(part, editTableName(tableEdits.get(part) ?? pkg.text(part)!, name));
    }

    const contentTypes = editContentTypes(pkg.text("[Content_Types].xml") ?? "", droppedParts, added);
    const zip = new ZipWriter();
    zip.add("[Content_Types].xml", contentTypes);
    for (const m of modelParts) {
      zip.addStream(m.part, m.parts.pieces);
      if (m.parts.rels) zip.add(relsPathOf(m.part), m.parts.rels);
      for (const x of m.parts.parts) {
        zip.add(x.name, x.xml);
        if (x.rels) zip.add(relsPathOf(x.name), x.rels);
      }
    }
    const replaced = new Map<string, string>([
      ...this.keptParts,
      [wbPart, newWorkbookXml],
      [relsPathOf(wbPart), wbRels],
      ...sheetEdits,
      ...tableEdits,
    ]);
    if (appXml !== null && appName) replaced.set(appName, appXml);
    if (calcXml !== null && calcPart) replaced.set(calcPart, calcXml);
    for (const e of pkg.entries) {
      if (e.name === "[Content_Types].xml" || droppedParts.has(e.name)) continue;
      if (e.name === stylesPart && !stylesAdded) {
        if (styles.changed) zip.add(e.name, styles.xml());
        else zip.copy(pkg.bytes, e);
        continue;
      }
      const text = replaced.get(e.name);
      if (text !== undefined) zip.add(e.name, text);
      else zip.copy(pkg.bytes, e);
    }
    if (!pkg.has(relsPathOf(wbPart))) zip.add(relsPathOf(wbPart), wbRels);
    if (stylesAdded) zip.add(stylesPart!, styles.xml());
    return zip.finish();
  }

  /** Whether a user's sheet is selected (its first view says tabSelected), reading only its first part. */
  private isSelected(e: PackageSheet): boolean {
    for (const chunk of this.pkg.stream(e.entry.part)) {
      const head = new TextDecoder().decode(chunk.subarray(0, 8192));
      const view = /<(?:\w+:)?sheetView\b[^>]*>/.exec(head)?.[0] ?? "";
      const v = attrOf(view, "tabSelected");
      return v === "1" || v === "true";
    }
    return false;
  }

  /**
   * Parts reachable from the package root before but not after the edit (the dropped sheets' own parts):
   * `rels` overrides relationship parts by path; `cut` are parts no longer listed.
   */
  private unreachable(rels: Map<string, string>, cut: ReadonlySet<string>): Set<string> {
    const walk = (override: boolean) => {
      const seen = new Set<string>();
      const stack = [""];
      while (stack.length) {
        const part = stack.pop()!;
        const relsPart = relsPathOf(part);
        const text = override && rels.has(relsPart) ? rels.get(relsPart)! : this.pkg.text(relsPart);
        if (text !== null) seen.add(relsPart);
        for (const r of parseRels(text)) {
          if (r.external) continue;
          const to = resolvePart(part, r.target);
          if (seen.has(to) || (override && cut.has(to))) continue;
          seen.add(to);
          stack.push(to);
        }
      }
      return seen;
    };
    const before = walk(false);
    const after = walk(true);
    const out = new Set<string>();
    for (const x of before) if (!after.has(x)) out.add(x);
    for (const x of cut) if (!after.has(x)) out.add(x);
    return out;
  }
}

/** A <sheet> element of workbook.xml under another name, shown (a kept copy is the user's to see). */
function renamedSheetTag(tag: string, name: string): string {
  return tag.replace(/\sname="[^"]*"/, ` name="${escapeAttr(name)}"`).replace(/\sstate="[^"]*"/, "");
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

/** Values appended to a sheet's cells as read, so a read after an append sees them. */
function overlay(cells: SheetCells, first: number, left: number, values: CellValue[][]): void {
  values.forEach((r, i) => {
    const rowNo = first + i;
    let k = lowerBound(cells.rowNumbers, rowNo);
    if (k >= cells.rowNumbers.length || cells.rowNumbers[k] !== rowNo) {
      cells.rowNumbers.splice(k, 0, rowNo);
      cells.rows.splice(k, 0, []);
    }
    // A copy, never the array itself: a table read earlier may hold that row.
    const row = cells.rows[k].slice();
    cells.rows[k] = row;
    r.forEach((v, j) => (row[left - 1 + j] = v));
    k++;
  });
}

function csvSheetName(file: string): string {
  return (
    file
      .replace(TEXT_FILE, "")
      .replace(/[:\\/?*[\]]/g, "_")
      .replace(/^'+|'+$/g, "")
      .slice(0, 31) || "Sheet1"
  );
}

/**
 * A workbook from a file's bytes: .xlsx/.xlsm opened as a package to edit; .csv, .xls, .xlsb and .ods
 * read by the read path (read.ts) into sheets of values. Bytes that are not what the name says, or an
 * encrypted book, are refused with a message naming the file and what it is. Used by the CLI (file-io.ts)
 * and by the workbench's "Open a workbook".
 */
export async function workbookFromBytes(file: string, bytes: Uint8Array): Promise<FileWorkbook> {
  const format = checkContent(file, formatOfName(file), bytes);
  if (format === "xlsx") return new FileWorkbook(openPackage(file, bytes));
  const book = await openForReading(file, bytes);
  const wb = new FileWorkbook();
  for (const s of book.sheets) {
    const cells = s.cells();
    const rows: CellValue[][] = [];
    cells.rowNumbers.forEach((r, k) => {
      while (rows.length < r - 1) rows.push([]);
      rows.push(Array.from(cells.rows[k], (v) => (v === undefined ? null : v)));
    });
    wb.addUserSheet(book.csvName !== null ? csvSheetName(book.csvName) : s.name, rows);
  }
  wb.csvName = book.csvName;
  return wb;
}
