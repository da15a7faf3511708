/**
 * Reading a table cell by cell, whatever holds it. A large CSV file is read as offsets into its text
 * (src/workbook/csv.ts): its TableData builds `rows` only when someone reads them, and meanwhile gives
 * each cell on request, so the detector and the matching read a million rows without a million arrays
 * and four million values living at once. Every other table is read from its rows.
 */
import type { CellValue } from "../sheet-spec";
import type { TableData } from "../table";

/** Where a lazily built table keeps its cell source (a non-enumerable property: copies leave it behind). */
const SOURCE = Symbol.for("bpo-desk.table-cells");

interface Source {
  /** What the reader built the table from (its CsvColumns), for lazyPayload. */
  payload: unknown;
  count: number;
  width: number;
  /** Data row i, column c, exactly as rows[i][c] will hold it. */
  cell(i: number, c: number): CellValue;
  /** The rows once built (or assigned): from then on they are the table. */
  rows: CellValue[][] | null;
}

/**
 * A TableData whose `rows` (`count` rows of `width` cells, `cell(i, c)` each) are built when first read;
 * until then `cellsOf` reads the cells from `cell`. Assigning `rows` replaces them, as on any table.
 */
export function lazyTable(
  base: Omit<TableData, "rows">,
  count: number,
  width: number,
  cell: (i: number, c: number) => CellValue,
  payload?: unknown,
): TableData {
  const src: Source = { payload, count, width, cell, rows: null };
  // The fields in TableData's own order (name, sheet, headers, rows, firstRow, firstColumn).
  const t = { name: base.name, sheet: base.sheet, headers: base.headers } as TableData;
  Object.defineProperty(t, "rows", {
    get: () => (src.rows ??= buildRows(src)),
    set: (rows: CellValue[][]) => {
      src.rows = rows;
    },
    enumerable: true,
    configurable: true,
  });
  t.firstRow = base.firstRow;
  t.firstColumn = base.firstColumn;
  Object.defineProperty(t, SOURCE, { value: src, enumerable: false });
  return t;
}

function buildRows(src: Source): CellValue[][] {
  const rows: CellValue[][] = new Array(src.count);
  for (let i = 0; i < src.count; i++) {
    const r: CellValue[] = new Array(src.width);
    for (let c = 0; c < src.width; c++) r[c] = src.cell(i, c);
    rows[i] = r;
  }
  return rows;
}

/** Cells of a table: `row(i)` and `cell(i, c)` give what `rows[i]` and `rows[i][c]` hold. */
export interface TableCells {
  count: number;
  cell(i: number, c: number): CellValue;
  /**
   * The row's cells: rows[i] itself, or (a table not built yet) one array filled afresh on each call, so
   * valid until the next call: copy it to keep it.
   */
  row(i: number): readonly CellValue[];
}

/** What a lazy table was built from (lazyTable's payload), or undefined for any other table. */
export function lazyPayload(t: TableData): unknown {
  return (t as { [SOURCE]?: Source })[SOURCE]?.payload;
}

/** One cell, rows[i][c], without building the rows of a lazy table. */
export function cellAt(t: TableData, i: number, c: number): CellValue | undefined {
  const src = (t as { [SOURCE]?: Source })[SOURCE];
  return src && !src.rows ? src.cell(i, c) : t.rows[i][c];
}

/** How to read a table's cells: from its rows, or (a lazy table whose rows are not built) from its source. */
export function cellsOf(t: TableData): TableCells {
  const src = (t as { [SOURCE]?: Source })[SOURCE];
  if (src && !src.rows) {
    const scratch: CellValue[] = new Array(src.width).fill(null);
    return {
      count: src.count,
      cell: src.cell,
      row: (i) => {
        for (let c = 0; c < src.width; c++) scratch[c] = src.cell(i, c);
        return scratch;
      },
    };
  }
  const rows = t.rows;
  return { count: rows.length, cell: (i, c) => rows[i][c], row: (i) => rows[i] };
}
