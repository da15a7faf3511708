/**
 * The Office adapter of the Workbook port, on the Excel JavaScript API.
 *
 * Every step loads what it needs and syncs once (never a sync inside a loop over rows): a round
 * trip to Excel on the web costs far more than the work. Large writes go in row blocks whose JSON
 * payload stays under 4 MB, because Excel on the web rejects a request over 5 MB, with calculation
 * suspended while the blocks land. Text is written with Excel's quote prefix when Excel would
 * otherwise read it as a formula, number, date or boolean (see needsQuotePrefix), so "=1+1" typed
 * into the entry form stays the text "=1+1".
 *
 * The run function is injectable: inside Excel it is Excel.run; the tests pass the instrumented
 * fake of tests/fakes/excel-fake.ts.
 */
import type { CellStyle, CellValue, ChartSpec, ConditionalFormatSpec, SheetSpec } from "../core/sheet-spec";
import type { TableData } from "../core/table";
import {
  HIGHLIGHT_FILL,
  cellAddress,
  emptySheet,
  highlightFormula,
  isHighlightFormula,
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
} from "./a1";
import { isOwnedBy, markerName, markersOf, roleOfSheet, type MarkerEntry } from "./marker";
import type { AppendOptions, SheetInfo, TableInfo, Workbook, WriteOptions } from "./port";
import { WorkbookError } from "./port";

type Ctx = Excel.RequestContext;
export type ExcelRun = <T>(batch: (context: Ctx) => Promise<T>) => Promise<T>;

/** Payload budget of one request: under Excel on the web's 5 MB limit with room for the envelope. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;
/** What the values of one block may take, leaving room for the formatting queued with the last block. */
const BLOCK_BUDGET = REQUEST_BUDGET - 16 * 1024;

const CHART_TYPE: Record<ChartSpec["type"], string> = {
  column: "ColumnClustered",
  bar: "BarClustered",
  line: "Line",
  pie: "Pie",
  stackedColumn: "ColumnStacked",
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

export class OfficeWorkbook implements Workbook {
  readonly kind = "office" as const;
  private readonly run: ExcelRun;

  constructor(run?: ExcelRun) {
    this.run = run ?? ((batch) => Excel.run((ctx) => batch(ctx)));
  }

  async sheets(): Promise<SheetInfo[]> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name,items/visibility");
      const names = ctx.workbook.names.load("items/name,items/formula,items/comment");
      await ctx.sync();
      const markers = markersFrom(names.items);
      return sheets.items.map((s) => ({
        name: s.name,
        role: roleOfSheet(markers, s.name),
        visible: s.visibility === "Visible",
      }));
    });
  }

  async tables(): Promise<TableInfo[]> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name");
      const tables = ctx.workbook.tables.load("items/name");
      await ctx.sync();
      const tableParts = tables.items.map((t) => ({
        name: t.name,
        ws: t.worksheet.load("name"),
        header: t.getHeaderRowRange().load("values"),
        body: t.getDataBodyRange().load("rowCount"),
      }));
      // Only the top of each sheet is needed to find its header row.
      const used = sheets.items.map((s) => {
        const range = s.getUsedRange(true).load("rowIndex,columnIndex,rowCount");
        return {
          name: s.name,
          range,
          top: range
            .getRow(0)
            .getResizedRange(HEADER_SCAN - 1, 0)
            .load("values"),
        };
      });
      await ctx.sync();
      const out: TableInfo[] = tableParts.map((t) => ({
        name: t.name,
        sheet: t.ws.name,
        kind: "table" as const,
        headers: (t.header.values[0] ?? []).map((h) => String(h ?? "").trim()),
        rowCount: t.body.rowCount,
      }));
      for (const u of used) {
        const top = u.range.rowIndex + 1;
        const d = tableFromGrid(gridOf(u.top.values), top, u.range.columnIndex + 1, u.name, u.name);
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
      }
      return out;
    });
  }

  async read(source: string): Promise<TableData> {
    return this.run(async (ctx) => {
      const hit = await locate(ctx, source);
      if (hit.table) {
        // One round trip for a table of up to FIRST_BLOCK rows; larger ones continue in blocks.
        const header = hit.table.getHeaderRowRange().load("values,rowIndex,columnIndex");
        const bodyRange = hit.table.getDataBodyRange();
        const body = bodyRange.load("rowCount");
        const first = bodyRange
          .getRow(0)
          .getResizedRange(FIRST_BLOCK - 1, 0)
          .load("values");
        const ws = hit.table.worksheet.load("name");
        await ctx.sync();
        const rows = await readBlocks(ctx, bodyRange, first.values, body.rowCount);
        return tableFromTableGrid(
          header.values[0].map(cellOf),
          gridOf(rows),
          header.rowIndex + 1,
          header.columnIndex + 1,
          hit.table.name,
          ws.name,
        );
      }
      // getUsedRange of a blank sheet is A1, so this never needs a null check.
      const used = hit.sheet.getUsedRange(true);
      used.load("rowIndex,columnIndex,rowCount");
      const first = used
        .getRow(0)
        .getResizedRange(FIRST_BLOCK - 1, 0)
        .load("values");
      await ctx.sync();
      const rows = await readBlocks(ctx, used, first.values, used.rowCount);
      const d = tableFromGrid(gridOf(rows), used.rowIndex + 1, used.columnIndex + 1, hit.sheetName, hit.sheetName);
      if (!d) throw emptySheet(hit.sheetName);
      return d;
    });
  }

  async write(spec: SheetSpec, options: WriteOptions = {}): Promise<void> {
    checkSpec(spec);
    await this.run(async (ctx) => {
      // Step 1: what exists (sheets, markers, tables and their sheets), in one round trip.
      const sheets = ctx.workbook.worksheets.load("items/name,items/position");
      const names = ctx.workbook.names.load("items/name,items/formula,items/comment");
      const tables = ctx.workbook.tables.load("items/name,items/worksheet/name");
      await ctx.sync();
      const existing = sheets.items.find((s) => sameName(s.name, spec.name)) ?? null;
      if (existing && !isOwnedBy(markersFrom(names.items), existing.name, spec.role)) throw notOwned(existing.name);
      // Tables on the sheet being replaced go away with it; every other table name is taken.
      const taken = new Set(
        tables.items
          .filter((t) => !existing || !sameName(t.worksheet.name, existing.name))
          .map((t) => t.name.toLowerCase()),
      );
      const width = specWidth(spec.rows);
      const cells = spec.rows.map((r) => padRow(r.map(officeFormulaCell), width, ""));
      const blocks = width ? splitRowBlocks(cells, BLOCK_BUDGET) : [];
      const formattingBytes = estimateFormattingBytes(spec);

      // Step 2: the temporary sheet, the values block by block, the formatting with the last block when it fits.
      const tmpName = tempSheetName(sheets.items.map((s) => s.name));
      const parkName = tempSheetName([...sheets.items.map((s) => s.name), tmpName]);
      const tmp = ctx.workbook.worksheets.add(tmpName);
      try {
        for (let b = 0; b < blocks.length; b++) {
          const [from, to] = blocks[b];
          ctx.application.suspendApiCalculationUntilNextSync();
          tmp.getRange(rangeAddress({ top: from + 1, left: 1, bottom: to, right: width })).formulas = cells.slice(
            from,
            to,
          );
          const last = b === blocks.length - 1;
          if (
            !last ||
            utf8Length(JSON.stringify(cells.slice(from, to))) + formattingBytes > REQUEST_BUDGET - 8 * 1024
          ) {
            await ctx.sync();
            options.progress?.(to, spec.rows.length, "Writing rows");
          }
        }
        const tmpTables = queueFormatting(tmp, spec, taken);
        await ctx.sync();
        options.progress?.(spec.rows.length, spec.rows.length, "Writing rows");

        // Step 3, one request. The old sheet is parked under a spare name before the new one takes
        // its name, and deleted last, so a failure anywhere before that can be rolled back.
        if (spec.protect) tmp.protection.protect(PROTECTION);
        if (existing) existing.name = parkName;
        tmp.name = spec.name;
        if (existing) tmp.position = existing.position;
        const marker = markerName(spec.role);
        for (const n of names.items) if (n.name.toUpperCase() === marker.toUpperCase()) n.delete();
        ctx.workbook.names.add(marker, tmp.getRange("A1"), spec.role);
        if (existing) existing.delete();
        for (const t of tmpTables) t.table.name = t.name;
        if (spec.hidden) tmp.visibility = "Hidden";
        else if (options.activate) tmp.activate();
        await ctx.sync();
      } catch (e) {
        await rollback(ctx, { tmpName, parkName, oldName: existing?.name ?? null, spec });
        throw e;
      }
    });
  }

  async remove(name: string, role: string): Promise<void> {
    await this.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject(name).load("name");
      const names = ctx.workbook.names.load("items/name,items/formula,items/comment");
      await ctx.sync();
      if (sheet.isNullObject) return;
      if (!isOwnedBy(markersFrom(names.items), sheet.name, role)) throw notOwned(sheet.name);
      sheet.delete();
      const marker = markerName(role).toUpperCase();
      for (const n of names.items) if (n.name.toUpperCase() === marker) n.delete();
      await ctx.sync();
    });
  }

  async append(source: string, rows: CellValue[][], options: AppendOptions = {}): Promise<{ firstRow: number }> {
    const values = rows.map((r) => r.map(officeLiteral));
    // The add-in's own sheet (ownedBy): its marker and protection are looked at first, in one round trip.
    const guard = options.ownedBy === undefined ? null : await this.ownedSheet(source, options.ownedBy);
    const lift = !!guard?.protected;
    const viaTable = await this.appendToTable(guard?.table ?? source, values, guard);
    if (viaTable) return viaTable;
    // A sheet range: find its header and last row, then write below it. A sheet holding one Excel
    // table takes the rows into that table, so the table grows with them.
    const inRange = await this.run<{ table: string } | { firstRow: number }>(async (ctx) => {
      const hit = await locate(ctx, source);
      if (hit.sheetTables.length === 1) return { table: hit.sheetTables[0] };
      const used = hit.sheet.getUsedRange(true).load("rowIndex,columnIndex,rowCount");
      const top = used
        .getRow(0)
        .getResizedRange(HEADER_SCAN - 1, 0)
        .load("values");
      await ctx.sync();
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
          await ctx.sync();
        }
      } catch (e) {
        if (lift) await reprotect(ctx, guard!.sheet);
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
   * A protected sheet (guard) is unprotected and protected again inside that same request.
   */
  private appendToTable(
    name: string,
    values: (string | number | boolean)[][],
    guard: { sheet: string; protected: boolean } | null,
  ): Promise<{ firstRow: number } | null> {
    const lift = !!guard?.protected;
    return this.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem(name);
      const whole = table.getRange().load("rowIndex,rowCount");
      const showTotals = table.load("showTotals");
      // Excel keeps one blank data row in a table that has no data yet: it is looked at, not loaded whole.
      const firstBody = table.getDataBodyRange().getRow(0).load("values");
      if (values.length)
        whileUnprotected(table.worksheet, lift, () => table.rows.add(null as unknown as number, values));
      try {
        await ctx.sync();
      } catch (e) {
        if (lift) await reprotect(ctx, guard!.sheet);
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
        whileUnprotected(table.worksheet, lift, () => table.rows.getItemAt(0).delete());
        await ctx.sync();
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
    return this.run(async (ctx) => {
      const tables = ctx.workbook.tables.load("items/name,items/worksheet/name");
      const sheets = ctx.workbook.worksheets.load("items/name,items/protection/protected");
      const names = ctx.workbook.names.load("items/name,items/formula,items/comment");
      await ctx.sync();
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
    await this.run(async (ctx) => {
      const hit = await locate(ctx, source);
      // getRanges takes a bounded address string: a few hundred cells per conditional format.
      for (let i = 0; i < addresses.length; i += 200) {
        const areas = hit.sheet.getRanges(addresses.slice(i, i + 200).join(","));
        const cf = areas.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
        cf.custom.rule.formula = "=" + highlightFormula(tag);
        cf.custom.format.fill.color = color;
      }
      await ctx.sync();
    });
  }

  async clearHighlights(source: string, tag: string): Promise<void> {
    await this.run(async (ctx) => {
      const hit = await locate(ctx, source);
      const cfs = hit.sheet.getRange().conditionalFormats.load("items/type");
      await ctx.sync();
      const custom = cfs.items
        .filter((c) => c.type === "Custom")
        .map((c) => ({ cf: c, rule: c.custom.rule.load("formula") }));
      if (!custom.length) return;
      await ctx.sync();
      let any = false;
      for (const c of custom)
        if (isHighlightFormula(c.rule.formula, tag)) {
          c.cf.delete();
          any = true;
        }
      if (any) await ctx.sync();
    });
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
    const inTable = await this.run(async (ctx) => {
      const hit = await locate(ctx, source);
      if (!hit.table && hit.sheetTables.length !== 1) return false;
      const table = hit.table ?? ctx.workbook.tables.getItem(hit.sheetTables[0]);
      const whole = table.getRange().load("rowIndex,columnIndex,rowCount,columnCount");
      const totals = table.load("showTotals");
      const header = table.getHeaderRowRange().load("values");
      await ctx.sync();
      const headerRow = whole.rowIndex + 1;
      const lastData = whole.rowIndex + whole.rowCount - (totals.showTotals ? 1 : 0);
      if (row <= headerRow || row > lastData) throw refuse(`the table's rows are now ${headerRow + 1} to ${lastData}`);
      const left = whole.columnIndex + 1;
      const cells = table.worksheet.getRange(
        rangeAddress({ top: row, left, bottom: row, right: left + whole.columnCount - 1 }),
      );
      cells.load("values");
      await ctx.sync();
      const diff = changed(header.values[0], cells.values[0].map(cellOf));
      if (diff) throw refuse(`it was changed after it was added (${diff})`);
      // Excel keeps one data row in a table: the only one is emptied rather than deleted.
      if (lastData === headerRow + 1) cells.values = [cells.values[0].map(() => "")];
      else table.rows.getItemAt(row - headerRow - 1).delete();
      await ctx.sync();
      return true;
    });
    if (inTable) return;
    // A sheet range: only its last row, found as read() finds the table (header below any title lines).
    const t = await this.read(source);
    const last = t.firstRow + t.rows.length - 1;
    if (row !== last) throw refuse(`it is no longer the last row of the sheet (that is row ${last})`);
    const diff = changed(t.headers, t.rows[t.rows.length - 1]);
    if (diff) throw refuse(`it was changed after it was added (${diff})`);
    await this.run(async (ctx) => {
      const hit = await locate(ctx, source);
      const right = t.firstColumn + t.headers.length - 1;
      hit.sheet.getRange(rangeAddress({ top: row, left: t.firstColumn, bottom: row, right })).values = [
        t.headers.map(() => ""),
      ];
      await ctx.sync();
    });
  }
}

// ---------------------------------------------------------------- helpers

function markersFrom(items: Excel.NamedItem[]): MarkerEntry[] {
  return markersOf(items.map((n) => ({ name: n.name, reference: String(n.formula ?? ""), comment: n.comment })));
}

function gridOf(values: unknown[][]): CellValue[][] {
  return values.map((r) => r.map(cellOf));
}

/**
 * Undo a write that failed: the new sheet goes, and an old owned sheet that still exists gets its
 * name and its marker back. Best effort; the caller rethrows the error that says what went wrong.
 */
async function rollback(
  ctx: Ctx,
  w: { tmpName: string; parkName: string; oldName: string | null; spec: SheetSpec },
): Promise<void> {
  try {
    const byTmp = ctx.workbook.worksheets.getItemOrNullObject(w.tmpName);
    const parked = ctx.workbook.worksheets.getItemOrNullObject(w.parkName);
    const byName = ctx.workbook.worksheets.getItemOrNullObject(w.spec.name);
    const names = ctx.workbook.names.load("items/name");
    await ctx.sync();
    const marker = markerName(w.spec.role);
    const dropMarker = () => {
      for (const n of names.items) if (n.name.toUpperCase() === marker.toUpperCase()) n.delete();
    };
    if (!byTmp.isNullObject) byTmp.delete();
    if (!parked.isNullObject && w.oldName) {
      // The new sheet may already carry the name: it goes, and the old one comes back.
      if (!byName.isNullObject) byName.delete();
      parked.name = w.oldName;
      dropMarker();
      ctx.workbook.names.add(marker, parked.getRange("A1"), w.spec.role);
    } else if (w.oldName === null && !byName.isNullObject) {
      // There was no sheet of that name before: whatever holds it now is the half-done new one.
      byName.delete();
      dropMarker();
    }
    // Otherwise the failure came before the swap touched the old sheet, or after it was complete:
    // the sheet under that name is left as it is.
    await ctx.sync();
  } catch {
    /* nothing more can be done here */
  }
}

/** Rows read in the first round trip of a read (most tables fit), and rows scanned for a header. */
const FIRST_BLOCK = 2000;

/**
 * The rows of `range` (rowCount of them): the first block is already loaded; the rest comes in
 * blocks sized from the first so each response stays under the request budget (Excel on the web
 * also limits responses to 5 MB).
 */
async function readBlocks(ctx: Ctx, range: Excel.Range, first: unknown[][], rowCount: number): Promise<unknown[][]> {
  const rows = first.slice(0, rowCount);
  if (rowCount <= first.length) return rows;
  const perRow = Math.max(16, (utf8Length(JSON.stringify(first)) / Math.max(1, first.length)) * 1.5);
  const blockRows = Math.max(1, Math.floor(REQUEST_BUDGET / perRow));
  for (let start = rows.length; start < rowCount; start += blockRows) {
    const n = Math.min(blockRows, rowCount - start);
    const block = range
      .getRow(start)
      .getResizedRange(n - 1, 0)
      .load("values");
    await ctx.sync();
    for (const r of block.values) rows.push(r);
  }
  return rows;
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
const PROTECTION = { allowFormatColumns: true, allowFormatRows: true };

/** Queue `edit` with the sheet's protection lifted before it and restored after, in the same request. */
function whileUnprotected(ws: Excel.Worksheet, lift: boolean, edit: () => void): void {
  if (lift) ws.protection.unprotect();
  edit();
  if (lift) ws.protection.protect(PROTECTION);
}

/** Protect a sheet again after a failed append lifted its protection (best effort: the error that matters is the caller's). */
async function reprotect(ctx: Ctx, sheet: string): Promise<void> {
  try {
    ctx.workbook.worksheets.getItem(sheet).protection.protect(PROTECTION);
    await ctx.sync();
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
async function locate(ctx: Ctx, source: string): Promise<Located> {
  const tables = ctx.workbook.tables.load("items/name,items/worksheet/name");
  const sheets = ctx.workbook.worksheets.load("items/name");
  await ctx.sync();
  const hit = resolveSource(tables.items, sheets.items, source);
  if (hit.table) return { table: hit.table, sheet: hit.table.worksheet, sheetName: "", sheetTables: [] };
  const sheet = sheets.items.find((s) => s.name === hit.sheetName)!;
  return { table: null, sheet, sheetName: sheet.name, sheetTables: hit.sheetTables };
}

/** Queue everything of a SheetSpec except the values; returns the tables to rename at the swap. */
function queueFormatting(
  ws: Excel.Worksheet,
  spec: SheetSpec,
  taken: Set<string>,
): { table: Excel.Table; name: string }[] {
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
  const tables: { table: Excel.Table; name: string }[] = [];
  for (const t of spec.tables ?? []) {
    checkTableName(t.name, taken);
    taken.add(t.name.toLowerCase());
    const r = parseRange(t.range);
    // Header names as Excel needs them (unique, non-blank), then the table under a temporary
    // name: a table of that name may still sit on the sheet being replaced.
    const header = tableColumnNames((spec.rows[r.top - 1] ?? []).slice(r.left - 1, r.right).map(specText));
    ws.getRange(rangeAddress({ ...r, bottom: r.top })).values = [
      padRow(header.map(officeLiteral), r.right - r.left + 1, ""),
    ];
    const table = ws.tables.add(rangeAddress({ ...r, bottom: Math.max(r.bottom, r.top + 1) }), true);
    table.name = `${t.name}_bpotmp`;
    table.style = t.style ?? "TableStyleMedium2";
    tables.push({ table, name: t.name });
  }
  for (const cf of spec.conditionalFormats ?? []) addConditionalFormat(ws, cf);
  for (const ch of spec.charts ?? []) addChart(ws, ch);
  if (spec.tabColor) ws.tabColor = hex(spec.tabColor);
  return tables;
}

function specText(c: unknown): CellValue {
  if (c === undefined || c === null) return null;
  if (typeof c === "object") {
    const v = (c as { v?: CellValue }).v;
    return v === undefined ? null : v;
  }
  return c as CellValue;
}

function applyStyle(range: Excel.Range, s: CellStyle): void {
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.fontSize !== undefined) f.font.size = s.fontSize;
  if (s.fontColor) f.font.color = hex(s.fontColor);
  if (s.fill) f.fill.color = hex(s.fill);
  if (s.numFmt !== undefined) range.numberFormat = s.numFmt as unknown as string[][];
  if (s.horizontalAlignment)
    f.horizontalAlignment = (s.horizontalAlignment[0].toUpperCase() +
      s.horizontalAlignment.slice(1)) as Excel.HorizontalAlignment;
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  const edge = (e: string, style: string) => {
    const b = f.borders.getItem(e as Excel.BorderIndex);
    b.style = style as Excel.BorderLineStyle;
  };
  if (s.border === "thin-bottom") edge("EdgeBottom", "Continuous");
  else if (s.border === "thin-top") edge("EdgeTop", "Continuous");
  else if (s.border === "double-bottom") edge("EdgeBottom", "Double");
  else if (s.border === "thin-all")
    for (const e of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"])
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
    const c = range.conditionalFormats.add("Custom" as Excel.ConditionalFormatType);
    c.custom.rule.formula = "=" + cf.formula.replace(/^=/, "");
    style(c.custom.format);
  } else {
    const c = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
    const op = cf.operator[0].toUpperCase() + cf.operator.slice(1);
    c.cellValue.rule = {
      formula1: "=" + cf.formulas[0].replace(/^=/, ""),
      ...(cf.formulas[1] !== undefined ? { formula2: "=" + cf.formulas[1].replace(/^=/, "") } : {}),
      operator: op as Excel.ConditionalCellValueOperator,
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
  const chart = ws.charts.add(CHART_TYPE[ch.type] as Excel.ChartType, first, by as Excel.ChartSeriesBy);
  chart.title.text = ch.title;
  chart.setPosition(rangeAddress(parseRange(ch.anchor.from)), rangeAddress(parseRange(ch.anchor.to)));
  ch.series.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    series.name = s.name;
    if (i > 0) series.setValues(ws.getRange(rangeAddress(parseRange(s.values))));
    series.setXAxisValues(cats);
  });
}
