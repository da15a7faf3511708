/**
 * The Office adapter of the Workbook port, on the Excel JavaScript API.
 *
 * Every step loads what it needs and syncs once (never a sync inside a loop over rows): a round
 * trip to Excel on the web costs far more than the work. Large writes go in row blocks whose JSON
 * payload stays under 4 MB, because Excel on the web rejects a request over 5 MB, with calculation
 * suspended while the blocks land; large reads go in blocks sized from the table's width, because it
 * rejects responses over 5 MB too. Text is written with Excel's quote prefix when Excel would otherwise
 * read it as a formula, number, date, boolean or error value (see needsQuotePrefix), so "=1+1" or "#N/A"
 * typed into the entry form stays that text.
 *
 * Inside Excel it meets what only Excel does: a cell being edited (Excel.run waits for it with
 * delayForCellEdit where the host has ExcelApi 1.11, else the user is asked to finish the edit), a
 * workbook whose structure is protected (said before anything is written), the 1904 date system (read
 * as 1900-system serials, as the file adapter reads it), and the ribbon and the pane writing at once in
 * one shared runtime (the adapter's writes go one at a time, on uniquely named temporary sheets).
 *
 * The host is injectable: inside Excel it is Excel.run and Office.context.requirements; the tests pass
 * the strict fake of tests/fakes/excel-fake.ts.
 */
import type {
  CellStyle,
  CellValue,
  ChartLegendPosition,
  ChartSpec,
  ConditionalFormatSpec,
  PrintSpec,
  SheetSpec,
} from "../core/sheet-spec";
import type { TableData } from "../core/table";
import {
  HIGHLIGHT_FILL,
  cellAddress,
  emptySheet,
  highlightFormula,
  isHighlightFormula,
  isDateNumberFormat,
  notFound,
  notOwned,
  officeFormulaCell,
  officeLiteral,
  padRow,
  parseRange,
  rangeAddress,
  sameName,
  specWidth,
  splitRowBlocks,
  tableFromGrid,
  HEADER_SCAN,
  tableFromTableGrid,
  tempSheetName,
  utf8Length,
  checkTableName,
  checkSpec,
  canonicalCells,
  tableColumnNames,
  sheetReference,
  DAYS_1900_TO_1904,
  appendRowsIn1904,
  rowsIn1904,
} from "./a1";
import { isOwnedBy, markerName, markersOf, roleOfSheet, type MarkerEntry } from "./marker";
import type { AppendOptions, SheetInfo, TableInfo, UserEdits, Workbook, WriteOptions, WriteResult } from "./port";
import { WorkbookError } from "./port";
import {
  checkLinksAndNames,
  hasUserEdits,
  keptCopyName,
  nameAreas,
  ownNameComment,
  ownNameTest,
  isStateNameOf,
  stateListsOf,
  stateNamesAfter,
  userEditsOn,
  type SeenName,
} from "./user-edits";

type Ctx = Excel.RequestContext;
type Batch<T> = (context: Ctx) => Promise<T>;

/** Excel.run, with and without options. */
export interface ExcelRun {
  <T>(batch: Batch<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: Batch<T>): Promise<T>;
}

/** What the adapter needs of its host: Excel.run, and Office.context.requirements.isSetSupported. */
export interface ExcelHost {
  run: ExcelRun;
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** Excel itself. */
const OFFICE_HOST: ExcelHost = {
  run: (<T>(a: Excel.RunOptions | Batch<T>, b?: Batch<T>) =>
    typeof a === "function" ? Excel.run(a) : Excel.run(a, b!)) as ExcelRun,
  // Before Office is ready (or outside it) nothing optional is assumed.
  isSetSupported: (name, minVersion) =>
    typeof Office !== "undefined" && !!Office.context?.requirements?.isSetSupported(name, minVersion),
};

/** Payload budget of one request: under Excel on the web's 5 MB limit with room for the envelope. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;
/** What the values of one block may take, leaving room for the formatting queued with the last block. */
const BLOCK_BUDGET = REQUEST_BUDGET - 16 * 1024;
/**
 * Cells read in the first block of a read: most tables fit in one block, and at this count a wide text
 * table (40 columns of 100-character text) still answers under 5 MB. Later blocks are sized from the
 * bytes the first one took.
 */
const FIRST_BLOCK_CELLS = 20_000;
/** ... and never more rows than this. */
const FIRST_BLOCK_ROWS = 2000;
/** Excel's grid: 1,048,576 rows. */
const GRID_ROWS = 1_048_576;

const CHART_TYPE: Record<ChartSpec["type"], `${Excel.ChartType}`> = {
  column: "ColumnClustered",
  bar: "BarClustered",
  line: "Line",
  pie: "Pie",
  stackedColumn: "ColumnStacked",
};

type CellValueOperatorSpec = Extract<ConditionalFormatSpec, { type: "cellValue" }>["operator"];
/** Our operators as Excel's ConditionalCellValueOperator names them ("EqualTo", not "Equal"). */
const CELL_VALUE_OPERATOR: Record<CellValueOperatorSpec, Excel.ConditionalCellValueRule["operator"]> = {
  between: "Between",
  equal: "EqualTo",
  notEqual: "NotEqualTo",
  greaterThan: "GreaterThan",
  lessThan: "LessThan",
  greaterThanOrEqual: "GreaterThanOrEqual",
  lessThanOrEqual: "LessThanOrEqual",
};

const HORIZONTAL: Record<NonNullable<CellStyle["horizontalAlignment"]>, `${Excel.HorizontalAlignment}`> = {
  left: "Left",
  center: "Center",
  right: "Right",
};

/** Excel column width in points for a width in characters (7 px per character + 5 px padding, 0.75 pt per px). */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function hex(c: string): string {
  if (!/^#[0-9A-Fa-f]{6}$/.test(c)) throw new WorkbookError(`"${c}" is not a colour like #1F4E78.`, "bad-input");
  return c.toUpperCase();
}

function cellOf(v: unknown): CellValue {
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/**
 * The add-in's changes to a workbook, one at a time. The ribbon and the taskpane share one runtime and each
 * makes its own OfficeWorkbook, so the queue belongs to the module: two writes never interleave their
 * requests (each names its temporary sheets uniquely as well, and rolls back only its own).
 */
let changes: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const next = changes.then(task, task);
  changes = next.catch(() => undefined);
  return next;
}

/** A name for a sheet of this run: unique in the workbook, and between runs in one page or two co-authors'. */
function runSheetName(existing: readonly string[], kind: "tmp" | "backup"): string {
  const id = Math.random().toString(36).slice(2, 8);
  return tempSheetName(existing, `~bpo-desk ${kind} ${id}`);
}

function structureProtected(sheet: string): WorkbookError {
  return new WorkbookError(
    `The workbook's structure is protected (Review → Protect Workbook). Unprotect it to let BPO Desk add the sheet "${sheet}".`,
    "protected",
  );
}

export class OfficeWorkbook implements Workbook {
  readonly kind = "office" as const;
  private readonly host: ExcelHost;
  /**
   * Whether the workbook uses the 1904 date system, as last seen (every read and every append to an add-in
   * sheet looks): an entry's dates then need no round trip of their own, the form having read its table.
   */
  private date1904: boolean | null = null;

  /** `host`: Excel (default), or a test's fake; a bare run function is a host without any optional set. */
  constructor(host?: ExcelHost | ExcelRun) {
    this.host = typeof host === "function" ? { run: host, isSetSupported: () => false } : (host ?? OFFICE_HOST);
  }

  /**
   * Excel.run for one step. While the user edits a cell Excel fails every batch: a host with ExcelApi 1.11
   * holds the batch until the edit ends (delayForCellEdit); on an older one the user is asked to finish it.
   */
  private async run<T>(batch: Batch<T>): Promise<T> {
    try {
      if (this.host.isSetSupported("ExcelApi", "1.11")) return await this.host.run({ delayForCellEdit: true }, batch);
      return await this.host.run(batch);
    } catch (e) {
      if ((e as { code?: string }).code === "InvalidOperationInCellEditMode")
        throw new WorkbookError("Finish editing the cell (press Enter or Esc), then try again.", "busy");
      throw e;
    }
  }

  async sheets(): Promise<SheetInfo[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name,items/visibility");
      const names = context.workbook.names.load("items/name,items/formula,items/comment");
      await context.sync();
      const markers = markersFrom(names.items);
      return sheets.items.map((s) => ({
        name: s.name,
        role: roleOfSheet(markers, s.name),
        visible: s.visibility === "Visible",
      }));
    });
  }

  async tables(): Promise<TableInfo[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/name");
      const tables = context.workbook.tables.load("items/name");
      await context.sync();
      const tableParts = tables.items.map((t) => ({
        name: t.name,
        ws: t.worksheet.load("name"),
        header: t.getHeaderRowRange().load("values"),
        body: t.getDataBodyRange().load("rowCount"),
      }));
      const used = sheets.items.map((s) => ({
        name: s.name,
        range: s.getUsedRange(true).load("rowIndex,columnIndex,rowCount"),
      }));
      await context.sync();
      // Only the top of each sheet is needed to find its header row: at most HEADER_SCAN rows of the used
      // range, never beyond it (nor beyond the grid, which Excel refuses).
      const tops = used.map((u) =>
        u.range
          .getRow(0)
          .getResizedRange(Math.min(HEADER_SCAN, u.range.rowCount) - 1, 0)
          .load("values"),
      );
      await context.sync();
      const out: TableInfo[] = tableParts.map((t) => ({
        name: t.name,
        sheet: t.ws.name,
        kind: "table" as const,
        headers: (t.header.values[0] ?? []).map((h) => String(h ?? "").trim()),
        rowCount: t.body.rowCount,
      }));
      used.forEach((u, i) => {
        const top = u.range.rowIndex + 1;
        const d = tableFromGrid(gridOf(tops[i].values), top, u.range.columnIndex + 1, u.name, u.name);
        if (d) {
          const lastRow = top + u.range.rowCount - 1;
          out.push({
            name: u.name,
            sheet: u.name,
            kind: "range",
            headers: d.headers,
            rowCount: lastRow - d.firstRow + 1,
          });
        }
      });
      return out;
    });
  }

  async read(source: string): Promise<TableData> {
    return this.run(async (context) => {
      // What `source` names, each table's width, and the date system, in one round trip.
      const tables = context.workbook.tables.load("items/name,items/worksheet/name,items/columns/items/name");
      const sheets = context.workbook.worksheets.load("items/name");
      const epoch = context.workbook.functions.date(1904, 1, 1).load("value");
      await context.sync();
      const hit = resolveSource(tables.items, sheets.items, source);
      const date1904 = epoch.value === 0;
      this.date1904 = date1904;
      if (hit.table) {
        const width = Math.max(1, hit.table.columns.items.length);
        const header = hit.table.getHeaderRowRange().load("values,rowIndex,columnIndex");
        const bodyRange = hit.table.getDataBodyRange();
        const body = bodyRange.load("rowCount");
        // A first block that may reach past a short table's body (what lies there is dropped), unless that
        // would leave the grid: then the table is read by its exact size.
        const firstRows = firstBlockRows(width, date1904);
        const ws = hit.table.worksheet.load("name");
        const first = bodyRange
          .getRow(0)
          .getResizedRange(firstRows - 1, 0)
          .load(date1904 ? "values,numberFormat" : "values");
        try {
          await context.sync();
        } catch (e) {
          if ((e as { code?: string }).code !== "InvalidArgument") throw e;
          return readExactly(context, hit.table, date1904);
        }
        const rows = await readBlocks(context, bodyRange, first, body.rowCount, date1904);
        return tableFromTableGrid(
          header.values[0].map(cellOf),
          gridOf(rows),
          header.rowIndex + 1,
          header.columnIndex + 1,
          hit.table.name,
          ws.name,
        );
      }
      // A sheet's used range: its size first (getUsedRange of a blank sheet is A1), then its rows in blocks
      // sized from its width.
      const sheet = sheets.items.find((s) => s.name === hit.sheetName)!;
      const used = sheet.getUsedRange(true).load("rowIndex,columnIndex,rowCount,columnCount");
      await context.sync();
      const firstRows = Math.min(used.rowCount, firstBlockRows(used.columnCount, date1904));
      const first = used
        .getRow(0)
        .getResizedRange(firstRows - 1, 0)
        .load(date1904 ? "values,numberFormat" : "values");
      await context.sync();
      const rows = await readBlocks(context, used, first, used.rowCount, date1904);
      const d = tableFromGrid(gridOf(rows), used.rowIndex + 1, used.columnIndex + 1, sheet.name, sheet.name);
      if (!d) throw emptySheet(sheet.name);
      return d;
    });
  }

  async write(spec: SheetSpec, options: WriteOptions = {}): Promise<WriteResult> {
    checkSpec(spec);
    checkLinksAndNames(spec);
    return oneAtATime(() => this.run((context) => writeSheet(context, this.host, spec, options)));
  }

  /** The user's edits on the owned sheets these specs would replace, in one round trip, writing nothing. */
  async userEdits(specs: readonly Pick<SheetSpec, "name" | "role" | "names">[]): Promise<UserEdits[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load(`items/name,${editPaths(this.host)}`);
      const names = context.workbook.names.load("items/name,items/formula,items/comment");
      await context.sync();
      const markers = markersFrom(names.items);
      const out: UserEdits[] = [];
      for (const spec of specs) {
        const sheet = sheets.items.find((s) => sameName(s.name, spec.name));
        if (!sheet || !isOwnedBy(markers, sheet.name, spec.role)) continue;
        const { edits } = editsOn(this.host, sheet, sheets.items, names.items, spec);
        if (hasUserEdits(edits)) out.push(edits);
      }
      return out;
    });
  }

  async remove(name: string, role: string): Promise<void> {
    await oneAtATime(() =>
      this.run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(name).load("name");
        const names = context.workbook.names.load("items/name,items/formula,items/comment");
        const structure = context.workbook.protection.load("protected");
        await context.sync();
        if (sheet.isNullObject) return;
        if (!isOwnedBy(markersFrom(names.items), sheet.name, role)) throw notOwned(sheet.name);
        if (structure.protected)
          throw new WorkbookError(
            `The workbook's structure is protected (Review → Protect Workbook). Unprotect it to let BPO Desk remove the sheet "${sheet.name}".`,
            "protected",
          );
        sheet.delete();
        const marker = markerName(role).toUpperCase();
        for (const n of names.items) if (n.name.toUpperCase() === marker || isStateNameOf(role, n.name)) n.delete();
        await context.sync();
      }),
    );
  }

  async append(source: string, rows: CellValue[][], options: AppendOptions = {}): Promise<{ firstRow: number }> {
    return oneAtATime(() => this.appendRows(source, rows, options));
  }

  private async appendRows(source: string, rows: CellValue[][], options: AppendOptions): Promise<{ firstRow: number }> {
    // Date columns in a 1904-system workbook take its own serials (asked only when the rows hold dates).
    // The add-in's own sheet (ownedBy): its marker, protection and the date system first, in one round trip.
    const guard = options.ownedBy === undefined ? null : await this.ownedSheet(source, options.ownedBy);
    const dates = options.dateColumns ?? [];
    const in1904 = dates.length > 0 && (this.date1904 ??= await this.run((context) => uses1904(context)));
    const values = (in1904 ? appendRowsIn1904(rows, dates) : rows).map((r) => r.map(officeLiteral));
    const lift = !!guard?.protected;
    const viaTable = await this.appendToTable(guard?.table ?? source, values, guard);
    if (viaTable) return viaTable;
    // A sheet range: find its header and last row, then write below it. A sheet holding one Excel
    // table takes the rows into that table, so the table grows with them.
    const inRange = await this.run<{ table: string } | { firstRow: number }>(async (context) => {
      const hit = await locate(context, source);
      if (hit.sheetTables.length === 1) return { table: hit.sheetTables[0] };
      const used = hit.sheet.getUsedRange(true).load("rowIndex,columnIndex,rowCount");
      await context.sync();
      const top = used
        .getRow(0)
        .getResizedRange(Math.min(HEADER_SCAN, used.rowCount) - 1, 0)
        .load("values");
      await context.sync();
      const d = tableFromGrid(
        gridOf(top.values),
        used.rowIndex + 1,
        used.columnIndex + 1,
        hit.sheetName,
        hit.sheetName,
      );
      if (!d) throw emptySheet(hit.sheetName);
      // rowIndex is 0-based: the used range ends on worksheet row rowIndex + rowCount.
      const first = used.rowIndex + used.rowCount + 1;
      const width = d.headers.length;
      rows.forEach((r, i) => {
        if (r.length > width)
          throw new WorkbookError(
            `Row ${i + 1} to append has ${r.length} values but "${source}" has ${width} columns.`,
            "bad-input",
          );
      });
      if (!values.length) return { firstRow: first };
      if (first + values.length - 1 > GRID_ROWS)
        throw new WorkbookError(
          `"${source}" has no room for ${values.length} more row${values.length === 1 ? "" : "s"} below row ${first - 1}: an Excel sheet ends at row 1,048,576.`,
          "too-large",
        );
      const padded = values.map((r) => padRow(r, width, ""));
      const blocks = splitRowBlocks(padded, BLOCK_BUDGET);
      if (lift) hit.sheet.protection.unprotect();
      try {
        for (const [from, to] of blocks) {
          hit.sheet.getRange(
            rangeAddress({
              top: first + from,
              left: d.firstColumn,
              bottom: first + to - 1,
              right: d.firstColumn + width - 1,
            }),
          ).values = padded.slice(from, to);
          if (lift && to === padded.length) hit.sheet.protection.protect(PROTECTION);
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per block of rows: Excel on the web refuses a request over 5 MB
          await context.sync();
        }
      } catch (e) {
        if (lift) await reprotect(context, guard!.sheet);
        throw e;
      }
      return { firstRow: first };
    });
    if ("firstRow" in inRange) return inRange;
    const intoTable = await this.appendToTable(inRange.table, values, guard);
    if (!intoTable)
      throw new WorkbookError(`The table ${inRange.table} on "${source}" went away; try again.`, "not-found");
    return intoTable;
  }

  /**
   * Add rows to an Excel table in one request, and say where they landed; null when no table has that name.
   * A protected sheet (guard; logs made by earlier versions) is unprotected and protected again inside that
   * same request.
   */
  private appendToTable(
    name: string,
    values: (string | number | boolean)[][],
    guard: { sheet: string; protected: boolean } | null,
  ): Promise<{ firstRow: number } | null> {
    const lift = !!guard?.protected;
    return this.run(async (context) => {
      const table = context.workbook.tables.getItem(name);
      const whole = table.getRange().load("rowIndex,rowCount");
      const showTotals = table.load("showTotals");
      // Excel keeps one blank data row in a table that has no data yet: it is looked at, not loaded whole.
      const firstBody = table.getDataBodyRange().getRow(0).load("values");
      if (values.length) {
        // A protected sheet (guard) is lifted around the rows and protected again in the same request.
        if (lift) table.worksheet.protection.unprotect();
        table.rows.add(null as unknown as number, values);
        if (lift) table.worksheet.protection.protect(PROTECTION);
      }
      try {
        await context.sync();
      } catch (e) {
        if (lift) await reprotect(context, guard!.sheet);
        if ((e as { code?: string }).code === "ItemNotFound") return null;
        throw e;
      }
      const totals = showTotals.showTotals ? 1 : 0;
      // rowIndex is 0-based: the header is on worksheet row rowIndex + 1, the new rows follow the last data row.
      let firstRow = whole.rowIndex + whole.rowCount - totals + 1;
      const bodyRows = whole.rowCount - 1 - totals;
      if (values.length && bodyRows === 1 && firstBody.values[0].every((v) => v === "" || v === null)) {
        // The placeholder row of an empty table goes, so the data starts right under the header
        // (a second round trip only in this case).
        if (lift) table.worksheet.protection.unprotect();
        table.rows.getItemAt(0).delete();
        if (lift) table.worksheet.protection.protect(PROTECTION);
        await context.sync();
        firstRow -= 1;
      }
      return { firstRow };
    });
  }

  /** The sheet holding `source` if the add-in owns it with `role` (else not-owned), and whether it is protected. */
  private ownedSheet(
    source: string,
    role: string,
  ): Promise<{ sheet: string; protected: boolean; table: string | undefined }> {
    return this.run(async (context) => {
      const tables = context.workbook.tables.load("items/name,items/worksheet/name");
      const sheets = context.workbook.worksheets.load("items/name,items/protection/protected");
      const names = context.workbook.names.load("items/name,items/formula,items/comment");
      const epoch = context.workbook.functions.date(1904, 1, 1).load("value");
      await context.sync();
      this.date1904 = epoch.value === 0;
      const hit = resolveSource(tables.items, sheets.items, source);
      const owner = hit.sheetName;
      if (!isOwnedBy(markersFrom(names.items), owner, role)) throw notOwned(owner);
      const ws = sheets.items.find((s) => s.name === owner)!;
      // The table the rows go into: the one named, or the sheet's only table.
      const table = hit.table?.name ?? (hit.sheetTables.length === 1 ? hit.sheetTables[0] : undefined);
      return { sheet: owner, protected: ws.protection.protected, table };
    });
  }

  async highlight(source: string, cells: string[], tag: string, fill: string = HIGHLIGHT_FILL): Promise<void> {
    const color = hex(fill);
    const addresses = canonicalCells(cells);
    await oneAtATime(() =>
      this.run(async (context) => {
        const hit = await locate(context, source);
        // getRanges (ExcelApi 1.9, which manifest.xml declares) takes a bounded address string: a few
        // hundred cells per conditional format.
        for (let i = 0; i < addresses.length; i += 200) {
          const areas = hit.sheet.getRanges(addresses.slice(i, i + 200).join(","));
          const cf = areas.conditionalFormats.add("Custom");
          cf.custom.rule.formula = "=" + highlightFormula(tag);
          cf.custom.format.fill.color = color;
        }
        await context.sync();
      }),
    );
  }

  async clearHighlights(source: string, tag: string): Promise<void> {
    await oneAtATime(() =>
      this.run(async (context) => {
        const hit = await locate(context, source);
        const cfs = hit.sheet.getRange().conditionalFormats.load("items/type");
        await context.sync();
        const custom = cfs.items
          .filter((c) => c.type === "Custom")
          .map((c) => ({ cf: c, rule: c.custom.rule.load("formula") }));
        if (!custom.length) return;
        await context.sync();
        let any = false;
        for (const c of custom)
          if (isHighlightFormula(c.rule.formula, tag)) {
            c.cf.delete();
            any = true;
          }
        if (any) await context.sync();
      }),
    );
  }

  /** Workbook.removeRow: the undo of an entry (see port.ts). A table's row is checked and removed in one Excel.run. */
  async removeRow(source: string, row: number, expected: readonly CellValue[]): Promise<void> {
    const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    const shownAs = (v: unknown) => (text(v) ? `"${text(v)}"` : "blank");
    /** The first cell of `actual` that is not what was written, as `Amount is "5000", not "4500"`. */
    const changed = (headers: readonly unknown[], actual: readonly unknown[]): string | null => {
      for (let i = 0; i < Math.max(actual.length, expected.length); i++)
        if (text(actual[i]) !== text(expected[i]))
          return `${text(headers[i]) || `column ${i + 1}`} is ${shownAs(actual[i])}, not ${shownAs(expected[i])}`;
      return null;
    };
    const refuse = (why: string) =>
      new WorkbookError(`Row ${row} of ${source} was not removed: ${why}. Nothing was changed.`, "bad-input");
    const inTable = await this.run(async (context) => {
      const hit = await locate(context, source);
      if (!hit.table && hit.sheetTables.length !== 1) return false;
      const table = hit.table ?? context.workbook.tables.getItem(hit.sheetTables[0]);
      const whole = table.getRange().load("rowIndex,columnIndex,rowCount,columnCount");
      const totals = table.load("showTotals");
      const header = table.getHeaderRowRange().load("values");
      const epoch = context.workbook.functions.date(1904, 1, 1).load("value");
      await context.sync();
      const date1904 = epoch.value === 0;
      this.date1904 = date1904;
      const headerRow = whole.rowIndex + 1;
      const lastData = whole.rowIndex + whole.rowCount - (totals.showTotals ? 1 : 0);
      if (row <= headerRow || row > lastData) throw refuse(`the table's rows are now ${headerRow + 1} to ${lastData}`);
      const left = whole.columnIndex + 1;
      const cells = table.worksheet.getRange(
        rangeAddress({ top: row, left, bottom: row, right: left + whole.columnCount - 1 }),
      );
      // Compared as read() gives them: a 1904 book's dates as 1900-system serials, as they were written.
      if (date1904) cells.load("values,numberFormat");
      else cells.load("values");
      await context.sync();
      const diff = changed(header.values[0], blockValues(cells, date1904)[0].map(cellOf));
      if (diff) throw refuse(`it was changed after it was added (${diff})`);
      // Excel keeps one data row in a table: the only one is emptied rather than deleted.
      if (lastData === headerRow + 1) cells.values = [cells.values[0].map(() => "")];
      else table.rows.getItemAt(row - headerRow - 1).delete();
      await context.sync();
      return true;
    });
    if (inTable) return;
    // A sheet range: only its last row, found as read() finds the table (header below any title lines).
    const t = await this.read(source);
    const last = t.firstRow + t.rows.length - 1;
    if (row !== last) throw refuse(`it is no longer the last row of the sheet (that is row ${last})`);
    const diff = changed(t.headers, t.rows[t.rows.length - 1]);
    if (diff) throw refuse(`it was changed after it was added (${diff})`);
    await this.run(async (context) => {
      const hit = await locate(context, source);
      const right = t.firstColumn + t.headers.length - 1;
      hit.sheet.getRange(rangeAddress({ top: row, left: t.firstColumn, bottom: row, right })).values = [
        t.headers.map(() => ""),
      ];
      await context.sync();
    });
  }
}

// ---------------------------------------------------------------- writing a sheet

/**
 * Write a SheetSpec, never leaving a half-written sheet.
 * - A new sheet is built on a temporary sheet of this run's own name and takes its name at the end.
 * - An owned sheet is replaced in place, so the user's formulas and names that point at it keep working:
 *   a hidden copy of it is made first (the backup), then it is cleared and rewritten; at the end the backup
 *   goes, or, when the user had edited the sheet and the caller asked to keep a copy, it stays as that copy.
 *   A failure anywhere puts the backup back under the sheet's name (the old content, complete).
 * Round trips: one to look (the user's edits included), one per block of values (the formatting and the finish
 * ride with the last).
 */
async function writeSheet(context: Ctx, host: ExcelHost, spec: SheetSpec, options: WriteOptions): Promise<WriteResult> {
  // Step 1: what exists (sheets, markers, tables, protection, what the user added), in one round trip.
  const sheets = context.workbook.worksheets.load(
    "items/name,items/position,items/visibility,items/protection/protected,items/charts/items/name," + editPaths(host),
  );
  const names = context.workbook.names.load("items/name,items/formula,items/comment");
  const tables = context.workbook.tables.load("items/name,items/worksheet/name");
  const structure = context.workbook.protection.load("protected");
  // The date system, as read() finds it: DATE(1904,1,1) is 0 in a 1904 workbook.
  const epoch = context.workbook.functions.date(1904, 1, 1).load("value");
  await context.sync();
  const existing = sheets.items.find((s) => sameName(s.name, spec.name)) ?? null;
  if (existing && !isOwnedBy(markersFrom(names.items), existing.name, spec.role)) throw notOwned(existing.name);
  if (structure.protected) throw structureProtected(spec.name);
  const found = existing ? editsOn(host, existing, sheets.items, names.items, spec) : null;
  const userEdits = hasUserEdits(found?.edits) ? found.edits : null;
  const keptCopy =
    existing && userEdits && options.keepCopy
      ? keptCopyName(
          existing.name,
          options.keepCopy.date,
          sheets.items.map((s) => s.name),
        )
      : null;
  // Tables on the sheet being replaced are deleted before the new ones are made; every other name is taken.
  const oldTables = existing ? tables.items.filter((t) => sameName(t.worksheet.name, existing.name)) : [];
  const taken = new Set(tables.items.filter((t) => !oldTables.includes(t)).map((t) => t.name.toLowerCase()));
  for (const t of spec.tables ?? []) {
    checkTableName(t.name, taken);
    taken.add(t.name.toLowerCase());
  }
  const width = specWidth(spec.rows);
  // Dates go into a 1904 workbook as its own serials (the add-in's are 1900-system ones), or they show 4 years late.
  const rows = epoch.value === 0 ? rowsIn1904(spec) : spec.rows;
  const cells = rows.map((r) => padRow(r.map(officeFormulaCell), width, ""));
  const blocks = width ? splitRowBlocks(cells, BLOCK_BUDGET) : [];
  const formattingBytes = estimateFormattingBytes(spec);
  const all = sheets.items.map((s) => s.name);
  const w: Rollback = existing
    ? {
        kind: "replace",
        name: existing.name,
        position: existing.position,
        visibility: existing.visibility,
        backup: runSheetName(all, "backup"),
        tables: oldTables.map((t) => t.name),
        role: spec.role,
      }
    : { kind: "new", tmp: runSheetName(all, "tmp"), name: spec.name, role: spec.role };

  let ws: Excel.Worksheet;
  try {
    if (existing) {
      // The backup, complete and hidden, before anything of the old sheet changes.
      const backup = existing.copy("End");
      backup.name = (w as ReplaceRollback).backup;
      backup.visibility = "Hidden";
      if (existing.protection.protected) existing.protection.unprotect();
      for (const c of existing.charts.items) c.delete();
      for (const t of oldTables) t.delete();
      // The add-in's names on the sheet go (the backup keeps its copies); the user's stay. Its own are tagged, or
      // listed beside the sheet where a save in another program dropped the tags (user-edits.ts ownNamesName).
      const isOwn = ownNameTest(
        (spec.names ?? []).map((n) => n.name),
        stateListsOf(spec.role, names.items).ownBefore,
      );
      for (const n of existing.names.items) if (isOwn(n)) n.delete();
      dropCommentsAndNotes(host, existing);
      const whole = existing.getRange();
      whole.conditionalFormats.clearAll();
      whole.clear("All");
      whole.columnHidden = false;
      whole.format.useStandardWidth = true;
      existing.freezePanes.unfreeze();
      existing.horizontalPageBreaks.removePageBreaks();
      ws = existing;
    } else ws = context.workbook.worksheets.add((w as NewRollback).tmp);

    // Step 2: the values block by block; the formatting and the finish with the last block when they fit.
    const finish = () => {
      queueFormatting(ws, spec);
      if (w.kind === "new") {
        ws.name = spec.name;
        const marker = markerName(spec.role);
        for (const n of names.items) if (n.name.toUpperCase() === marker.toUpperCase()) n.delete();
        context.workbook.names.add(marker, ws.getRange("A1"), spec.role);
      }
      // After the rename: a name's reference spells the sheet's final name.
      queueNames(ws, spec, w.name);
      keepStateNames(context, names.items, spec, found?.userNames ?? []);
      if (spec.hidden) ws.visibility = "Hidden";
      else if (options.activate) ws.activate();
      // Protection last: Excel refuses table and format changes on a protected sheet.
      if (spec.protect) ws.protection.protect(PROTECTION);
      if (w.kind === "replace") {
        const backup = context.workbook.worksheets.getItem(w.backup);
        if (keptCopy) {
          // The old sheet, as the user left it, stays beside the report: theirs now (no marker).
          backup.name = keptCopy;
          backup.visibility = "Visible";
          backup.position = w.position + 1;
        } else backup.delete();
      }
    };
    // The last block takes the formatting and the finish along when the request stays under the budget.
    const last = blocks.length - 1;
    const together =
      last >= 0 &&
      utf8Length(JSON.stringify(cells.slice(blocks[last][0], blocks[last][1]))) + formattingBytes <=
        REQUEST_BUDGET - 8 * 1024;
    for (let b = 0; b < blocks.length; b++) {
      const [from, to] = blocks[b];
      context.application.suspendApiCalculationUntilNextSync();
      ws.getRange(rangeAddress({ top: from + 1, left: 1, bottom: to, right: width })).formulas = cells.slice(from, to);
      if (b === last && together) finish();
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per block of rows: Excel on the web refuses a request over 5 MB
      await context.sync();
      options.progress?.(to, spec.rows.length, "Writing rows");
    }
    if (!together) {
      finish();
      await context.sync();
    }
    options.progress?.(spec.rows.length, spec.rows.length, "Writing rows");
  } catch (e) {
    await rollback(context, w);
    throw e;
  }
  return { userEdits, keptCopy };
}

interface NewRollback {
  kind: "new";
  tmp: string;
  name: string;
  role: string;
}
interface ReplaceRollback {
  kind: "replace";
  name: string;
  position: number;
  visibility: Excel.Worksheet["visibility"];
  backup: string;
  /** The replaced sheet's tables, in order: the backup's copies get these names back. */
  tables: string[];
  role: string;
}
type Rollback = NewRollback | ReplaceRollback;

/**
 * Undo a write that failed. A new sheet goes (under its temporary name, or under the final one if the
 * failure came after the rename). A replaced sheet that still has its backup is half-written: it goes, and
 * the backup takes its name, place, visibility, tables' names and marker. Best effort; the caller rethrows
 * the error that says what went wrong.
 */
async function rollback(context: Ctx, w: Rollback): Promise<void> {
  try {
    const names = context.workbook.names.load("items/name");
    const marker = markerName(w.role);
    const dropMarker = () => {
      for (const n of names.items) if (n.name.toUpperCase() === marker.toUpperCase()) n.delete();
    };
    if (w.kind === "new") {
      const byTmp = context.workbook.worksheets.getItemOrNullObject(w.tmp);
      const byName = context.workbook.worksheets.getItemOrNullObject(w.name);
      await context.sync();
      if (!byTmp.isNullObject) byTmp.delete();
      else if (!byName.isNullObject) {
        // There was no sheet of that name before: whatever holds it now is the half-done new one.
        byName.delete();
        dropMarker();
      }
      await context.sync();
      return;
    }
    const backup = context.workbook.worksheets.getItemOrNullObject(w.backup);
    const current = context.workbook.worksheets.getItemOrNullObject(w.name);
    const backupTables = backup.tables.load("items/name");
    await context.sync();
    // No backup: the failure came before it was made (nothing changed), or after the write was complete.
    if (backup.isNullObject) return;
    backup.visibility = w.visibility;
    if (!current.isNullObject) current.delete();
    backup.name = w.name;
    backup.position = w.position;
    backupTables.items.forEach((t, i) => {
      if (w.tables[i]) t.name = w.tables[i];
    });
    dropMarker();
    context.workbook.names.add(marker, backup.getRange("A1"), w.role);
    await context.sync();
  } catch {
    /* nothing more can be done here */
  }
}

// ---------------------------------------------------------------- reading

function markersFrom(items: Excel.NamedItem[]): MarkerEntry[] {
  return markersOf(items.map((n) => ({ name: n.name, reference: String(n.formula ?? ""), comment: n.comment })));
}

/**
 * What a worksheets load takes along to tell the user's edits (user-edits.ts): every sheet's own names, and its
 * comments (ExcelApi 1.10) and notes (ExcelApi 1.18) where the host has them. Above manifest.xml's ExcelApi 1.9,
 * so asked for only when isSetSupported says so; an older host says nothing of them (UserEdits.unchecked).
 */
function editPaths(host: ExcelHost): string {
  const paths = ["items/names/items/name", "items/names/items/formula", "items/names/items/comment"];
  if (host.isSetSupported("ExcelApi", "1.10")) paths.push("items/comments/items/id");
  if (host.isSetSupported("ExcelApi", "1.18")) paths.push("items/notes/items/authorName");
  return paths.join(",");
}

/**
 * The user's edits on `sheet` (the sheet of `spec`), from a worksheets load with editPaths and the workbook's
 * names; `userNames` are all the user's names on or into it, to remember as said (seenNamesName).
 */
function editsOn(
  host: ExcelHost,
  sheet: Excel.Worksheet,
  all: Excel.Worksheet[],
  workbookNames: Excel.NamedItem[],
  spec: Pick<SheetSpec, "names" | "role">,
): { edits: UserEdits; userNames: string[] } {
  const seen: SeenName[] = workbookNames.map((n) => ({
    name: n.name,
    formula: String(n.formula ?? ""),
    comment: n.comment,
    scope: null,
  }));
  for (const s of all)
    for (const n of s.names.items)
      seen.push({ name: n.name, formula: String(n.formula ?? ""), comment: n.comment, scope: s.name });
  const { seen: said, ownBefore } = stateListsOf(spec.role, workbookNames);
  return userEditsOn(
    sheet.name,
    {
      names: seen,
      comments: host.isSetSupported("ExcelApi", "1.10") ? sheet.comments.items.length : null,
      notes: host.isSetSupported("ExcelApi", "1.18") ? sheet.notes.items.length : null,
    },
    (spec.names ?? []).map((n) => n.name),
    said,
    ownBefore,
  );
}

/**
 * The comments and notes of a sheet being replaced go with its old content (its backup has copies): Excel's
 * clear("All") clears "everything in the range", and saying so here keeps a re-run from finding them again.
 */
function dropCommentsAndNotes(host: ExcelHost, sheet: Excel.Worksheet): void {
  if (host.isSetSupported("ExcelApi", "1.10")) for (const c of sheet.comments.items) c.delete();
  if (host.isSetSupported("ExcelApi", "1.18")) for (const n of sheet.notes.items) n.delete();
}

/**
 * The hidden workbook-level names beside the sheet of `spec.role` (user-edits.ts stateNamesAfter): the user's names
 * on or into it, as said, and the add-in's own names on it.
 */
function keepStateNames(
  context: Ctx,
  workbookNames: Excel.NamedItem[],
  spec: Pick<SheetSpec, "names" | "role">,
  userNames: string[],
): void {
  for (const n of workbookNames) if (isStateNameOf(spec.role, n.name)) n.delete();
  for (const st of stateNamesAfter(
    spec.role,
    userNames,
    (spec.names ?? []).map((n) => n.name),
  )) {
    const item = context.workbook.names.add(st.name, st.formula, st.comment);
    item.visible = false;
  }
}

function gridOf(values: unknown[][]): CellValue[][] {
  return values.map((r) => r.map(cellOf));
}

/** Whether the workbook counts dates in the 1904 system: DATE(1904,1,1) is 0 there (as read() finds it). */
async function uses1904(context: Ctx): Promise<boolean> {
  const epoch = context.workbook.functions.date(1904, 1, 1).load("value");
  await context.sync();
  return epoch.value === 0;
}

/** Rows of the first block for a table this wide (half as many in a 1904 workbook: the formats come too). */
function firstBlockRows(columns: number, date1904: boolean): number {
  const cells = date1904 ? FIRST_BLOCK_CELLS / 2 : FIRST_BLOCK_CELLS;
  return Math.max(1, Math.min(FIRST_BLOCK_ROWS, Math.floor(cells / Math.max(1, columns))));
}

/**
 * Values of a block, dates as 1900-system serials. In a 1904-system workbook a date cell holds 1462 days
 * less than the same date in the 1900 system; the file adapter reads such a workbook as 1900-system serials
 * (what every date in the add-in is), and so does this one: a number in a date-formatted cell gets them back.
 */
function blockValues(block: Excel.Range, date1904: boolean): unknown[][] {
  if (!date1904) return block.values;
  const formats = block.numberFormat as unknown as unknown[][];
  return block.values.map((row, i) =>
    row.map((v, j) =>
      typeof v === "number" && isDateNumberFormat(String(formats[i]?.[j] ?? "")) ? v + DAYS_1900_TO_1904 : v,
    ),
  );
}

/**
 * The rows of `range` (rowCount of them): the first block is already loaded; the rest comes in
 * blocks sized from the first so each response stays under the request budget (Excel on the web
 * also limits responses to 5 MB).
 */
async function readBlocks(
  context: Ctx,
  range: Excel.Range,
  firstBlock: Excel.Range,
  rowCount: number,
  date1904: boolean,
): Promise<unknown[][]> {
  const first = blockValues(firstBlock, date1904);
  const rows = first.slice(0, rowCount);
  if (rowCount <= first.length) return rows;
  const perRow =
    Math.max(16, (utf8Length(JSON.stringify(first)) / Math.max(1, first.length)) * 1.5) * (date1904 ? 2 : 1);
  const blockRows = Math.max(1, Math.floor(REQUEST_BUDGET / perRow));
  for (let start = rows.length; start < rowCount; start += blockRows) {
    const block = range
      .getRow(start)
      .getResizedRange(Math.min(blockRows, rowCount - start) - 1, 0)
      .load(date1904 ? "values,numberFormat" : "values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one response per block of rows: Excel on the web refuses a response over 5 MB
    await context.sync();
    for (const r of blockValues(block, date1904)) rows.push(r);
  }
  return rows;
}

/** A table at the bottom of the grid: its size first, then its rows, never reaching beyond it. */
async function readExactly(context: Ctx, table: Excel.Table, date1904: boolean): Promise<TableData> {
  const header = table.getHeaderRowRange().load("values,rowIndex,columnIndex");
  const bodyRange = table.getDataBodyRange();
  const body = bodyRange.load("rowCount,columnCount");
  const ws = table.worksheet.load("name");
  await context.sync();
  const first = bodyRange
    .getRow(0)
    .getResizedRange(Math.min(body.rowCount, firstBlockRows(body.columnCount, date1904)) - 1, 0)
    .load(date1904 ? "values,numberFormat" : "values");
  await context.sync();
  const rows = await readBlocks(context, bodyRange, first, body.rowCount, date1904);
  return tableFromTableGrid(
    header.values[0].map(cellOf),
    gridOf(rows),
    header.rowIndex + 1,
    header.columnIndex + 1,
    table.name,
    ws.name,
  );
}

/** A generous estimate of the request bytes of everything but the values. */
function estimateFormattingBytes(spec: SheetSpec): number {
  const { rows: _rows, ...rest } = spec;
  return utf8Length(JSON.stringify(rest)) * 4 + 4096;
}

interface Located {
  table: Excel.Table | null;
  sheet: Excel.Worksheet;
  sheetName: string;
  /** For a sheet: the names of the Excel tables on it. */
  sheetTables: string[];
}

/** How the add-in protects its own sheets (SheetSpec.protect): values locked, widths still adjustable. */
const PROTECTION: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true };

/** Protect a sheet again after a failed append lifted its protection (best effort: the error that matters is the caller's). */
async function reprotect(context: Ctx, sheet: string): Promise<void> {
  try {
    const protection = context.workbook.worksheets.getItem(sheet).protection.load("protected");
    await context.sync();
    if (!protection.protected) {
      protection.protect(PROTECTION);
      await context.sync();
    }
  } catch {
    // The caller rethrows the original failure.
  }
}

/**
 * What `source` names, case-insensitively: an Excel table (by its name) or else a sheet, with the names of
 * the tables on that sheet. Tables must be loaded with their worksheet names; not found is a WorkbookError
 * naming what exists.
 */
function resolveSource(
  tables: Excel.Table[],
  sheets: Excel.Worksheet[],
  source: string,
): { table: Excel.Table | null; sheetName: string; sheetTables: string[] } {
  const wanted = source.trim().toLowerCase();
  const table = tables.find((t) => t.name.toLowerCase() === wanted) ?? null;
  const sheetName = table ? table.worksheet.name : sheets.find((s) => sameName(s.name, source.trim()))?.name;
  if (sheetName === undefined)
    throw notFound(
      source,
      tables.map((t) => t.name),
      sheets.map((s) => s.name),
    );
  const sheetTables = tables.filter((t) => sameName(t.worksheet.name, sheetName)).map((t) => t.name);
  return { table, sheetName, sheetTables };
}

/** Find a table (by name) or a sheet (by name), case-insensitively; one round trip. */
async function locate(context: Ctx, source: string): Promise<Located> {
  const tables = context.workbook.tables.load("items/name,items/worksheet/name");
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const hit = resolveSource(tables.items, sheets.items, source);
  if (hit.table) return { table: hit.table, sheet: hit.table.worksheet, sheetName: "", sheetTables: [] };
  const sheet = sheets.items.find((s) => s.name === hit.sheetName)!;
  return { table: null, sheet, sheetName: sheet.name, sheetTables: hit.sheetTables };
}

// ---------------------------------------------------------------- formatting

/** Queue everything of a SheetSpec except the values (table names were checked before anything was written). */
function queueFormatting(ws: Excel.Worksheet, spec: SheetSpec): void {
  (spec.columns ?? []).forEach((col, i) => {
    const letter = cellAddress(1, i + 1).replace(/\d+$/, "");
    const whole = ws.getRange(`${letter}:${letter}`);
    if (col.width !== undefined) whole.format.columnWidth = columnWidthPoints(col.width);
    // A single format for a whole range is allowed (Range.numberFormat takes a value or a 2-D array).
    if (col.numFmt !== undefined) whole.numberFormat = col.numFmt as unknown as string[][];
    if (col.hidden) whole.columnHidden = true;
  });
  for (const s of spec.styles ?? []) applyStyle(ws.getRange(rangeAddress(parseRange(s.range))), s.style);
  for (const m of spec.merges ?? []) ws.getRange(rangeAddress(parseRange(m))).merge(false);
  if (spec.freeze) {
    const { rows, columns } = spec.freeze;
    if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRange(`A1:${cellAddress(rows, columns)}`));
    else if (rows > 0) ws.freezePanes.freezeRows(rows);
    else if (columns > 0) ws.freezePanes.freezeColumns(columns);
  }
  for (const t of spec.tables ?? []) {
    const r = parseRange(t.range);
    // Header names as Excel needs them (unique, non-blank), then the table under its own name: the
    // replaced sheet's tables were deleted earlier in this request.
    const header = tableColumnNames((spec.rows[r.top - 1] ?? []).slice(r.left - 1, r.right).map(specText));
    ws.getRange(rangeAddress({ ...r, bottom: r.top })).values = [
      padRow(header.map(officeLiteral), r.right - r.left + 1, ""),
    ];
    const table = ws.tables.add(rangeAddress({ ...r, bottom: Math.max(r.bottom, r.top + 1) }), true);
    table.name = t.name;
    table.style = t.style ?? "TableStyleMedium2";
  }
  for (const cf of spec.conditionalFormats ?? []) addConditionalFormat(ws, cf);
  for (const ch of spec.charts ?? []) addChart(ws, ch);
  if (spec.tabColor) ws.tabColor = hex(spec.tabColor);
  // A link keeps its cell's value or formula: no textToDisplay, which would replace them.
  for (const l of spec.hyperlinks ?? [])
    ws.getRange(rangeAddress(parseRange(l.cell))).hyperlink = {
      documentReference: l.location.replace(/^#/, ""),
      ...(l.tooltip ? { screenTip: l.tooltip } : {}),
    };
  if (spec.print) queuePrint(ws, spec.print);
}

const ORIENTATION: Record<PrintSpec["orientation"], `${Excel.PageOrientation}`> = {
  portrait: "Portrait",
  landscape: "Landscape",
};

/** Page setup (Worksheet.pageLayout, ExcelApi 1.9, which manifest.xml declares). */
function queuePrint(ws: Excel.Worksheet, p: PrintSpec): void {
  const layout = ws.pageLayout;
  layout.orientation = ORIENTATION[p.orientation];
  layout.paperSize = p.paper;
  // Fit to pages is what zoom holds when it has page counts (0 tall: as many pages as the rows need).
  layout.zoom = { horizontalFitToPages: p.fit.wide, verticalFitToPages: p.fit.tall };
  layout.centerHorizontally = !!p.centerHorizontally;
  if (p.titleRows) layout.setPrintTitleRows(`$${p.titleRows.first}:$${p.titleRows.last}`);
  // All six parts, so a replaced sheet keeps none of its old texts.
  const hf = layout.headersFooters.defaultForAllPages;
  hf.leftHeader = p.header?.left ?? "";
  hf.centerHeader = p.header?.center ?? "";
  hf.rightHeader = p.header?.right ?? "";
  hf.leftFooter = p.footer?.left ?? "";
  hf.centerFooter = p.footer?.center ?? "";
  hf.rightFooter = p.footer?.right ?? "";
  for (const row of p.pageBreaksBefore ?? []) if (row > 1) ws.horizontalPageBreaks.add(`A${row}`);
}

/**
 * The spec's sheet-level names (Worksheet.names, ExcelApi 1.4) over areas of the sheet, by its final name, each
 * with the add-in's tag in its comment so a re-run knows it from the user's names (user-edits.ts).
 */
function queueNames(ws: Excel.Worksheet, spec: SheetSpec, sheetName: string): void {
  for (const n of spec.names ?? []) {
    const formula =
      "=" +
      nameAreas(n.refersTo)
        .map((a) => sheetReference(sheetName, a))
        .join(",");
    ws.names.add(n.name, formula, ownNameComment(n.comment));
  }
}

function specText(c: unknown): CellValue {
  if (c === undefined || c === null) return null;
  if (typeof c === "object") {
    const v = (c as { v?: CellValue }).v;
    return v === undefined ? null : v;
  }
  return c as CellValue;
}

type BorderEdge = Parameters<Excel.RangeBorderCollection["getItem"]>[0];
type BorderStyle = Excel.RangeBorder["style"];

function applyStyle(range: Excel.Range, s: CellStyle): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.fontSize !== undefined) f.font.size = s.fontSize;
  if (s.fontColor) f.font.color = hex(s.fontColor);
  if (s.fill) f.fill.color = hex(s.fill);
  if (s.numFmt !== undefined) range.numberFormat = s.numFmt as unknown as string[][];
  if (s.horizontalAlignment) f.horizontalAlignment = HORIZONTAL[s.horizontalAlignment];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.underline !== undefined) f.font.underline = s.underline ? "Single" : "None";
  const edge = (e: BorderEdge, style: BorderStyle) => {
    f.borders.getItem(e).style = style;
  };
  if (s.border === "thin-bottom") edge("EdgeBottom", "Continuous");
  else if (s.border === "thin-top") edge("EdgeTop", "Continuous");
  else if (s.border === "double-bottom") edge("EdgeBottom", "Double");
  else if (s.border === "thin-all")
    for (const e of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const)
      edge(e, "Continuous");
}

function addConditionalFormat(ws: Excel.Worksheet, cf: ConditionalFormatSpec): void {
  const range = ws.getRange(rangeAddress(parseRange(cf.range)));
  const style = (format: Excel.ConditionalRangeFormat) => {
    if (cf.style.fill) format.fill.color = hex(cf.style.fill);
    if (cf.style.fontColor) format.font.color = hex(cf.style.fontColor);
    if (cf.style.bold !== undefined) format.font.bold = cf.style.bold;
  };
  if (cf.type === "expression") {
    const c = range.conditionalFormats.add("Custom");
    c.custom.rule.formula = "=" + cf.formula.replace(/^=/, "");
    style(c.custom.format);
  } else {
    const c = range.conditionalFormats.add("CellValue");
    c.cellValue.rule = {
      formula1: "=" + cf.formulas[0].replace(/^=/, ""),
      ...(cf.formulas[1] !== undefined ? { formula2: "=" + cf.formulas[1].replace(/^=/, "") } : {}),
      operator: CELL_VALUE_OPERATOR[cf.operator],
    };
    style(c.cellValue.format);
  }
}

function addChart(ws: Excel.Worksheet, ch: ChartSpec): void {
  if (!ch.series.length)
    throw new WorkbookError(`The chart "${ch.title}" has no series; add at least one.`, "bad-input");
  const cats = ws.getRange(rangeAddress(parseRange(ch.categories)));
  const first = ws.getRange(rangeAddress(parseRange(ch.series[0].values)));
  // One series from the first values range: a single row is one series by rows, anything else by columns.
  const v = parseRange(ch.series[0].values);
  const by = v.top === v.bottom && v.left !== v.right ? "Rows" : "Columns";
  const chart = ws.charts.add(CHART_TYPE[ch.type], first, by);
  chart.title.text = ch.title;
  chart.setPosition(rangeAddress(parseRange(ch.anchor.from)), rangeAddress(parseRange(ch.anchor.to)));
  // A line only combines with columns (Excel does not draw a horizontal bar and a line on the same axes).
  const combines = ch.type === "column" || ch.type === "stackedColumn";
  ch.series.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    series.name = s.name;
    if (i > 0) series.setValues(ws.getRange(rangeAddress(parseRange(s.values))));
    series.setXAxisValues(cats);
    const asLine = ch.type === "line" || (s.type === "line" && combines);
    if (s.type === "line" && combines) series.chartType = "Line";
    // A pie's one series is every slice: one fill would paint them all alike, so a pie keeps the theme's.
    if (s.color && ch.type !== "pie") {
      if (asLine) series.format.line.color = hex(s.color);
      else series.format.fill.setSolidColor(hex(s.color));
    }
  });
  // A pie has no axes.
  if (ch.type !== "pie") {
    const va = ch.valueAxis;
    if (va) {
      const axis = chart.axes.valueAxis;
      if (va.numFmt !== undefined) axis.numberFormat = va.numFmt;
      if (va.min !== undefined) axis.minimum = va.min;
      if (va.max !== undefined) axis.maximum = va.max;
      if (va.majorUnit !== undefined) axis.majorUnit = va.majorUnit;
    }
    if (ch.categoryAxis?.reverse) {
      // Categories from the top in row order, and the value axis kept at the bottom.
      const axis = chart.axes.categoryAxis;
      axis.reversePlotOrder = true;
      axis.position = "Maximum";
    }
  }
  if (ch.legend === "none") chart.legend.visible = false;
  else if (ch.legend) {
    chart.legend.visible = true;
    chart.legend.position = LEGEND[ch.legend];
  }
}

const LEGEND: Record<Exclude<ChartLegendPosition, "none">, `${Excel.ChartLegendPosition}`> = {
  bottom: "Bottom",
  right: "Right",
  top: "Top",
  left: "Left",
};
