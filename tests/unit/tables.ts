import type { CellValue } from "../../src/core/sheet-spec";
import type { TableData } from "../../src/core/table";

/**
 * A table as a worksheet holds it, from column A: by default the headers on row 1 and the data from row 2, on a sheet
 * named after the table. sheetTable("Bank", ["Date", "Amount"], [[45931, 500]]) is Bank!A1:B2.
 */
export function sheetTable(
  name: string,
  headers: string[],
  rows: CellValue[][],
  at: { sheet?: string; firstRow?: number } = {},
): TableData {
  return { name, sheet: at.sheet ?? name, headers, rows, firstRow: at.firstRow ?? 2, firstColumn: 1 };
}
