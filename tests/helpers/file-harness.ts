/**
 * The FileWorkbook side of the Workbook contract suite (tests/contract): what the suite's cases need of
 * an adapter besides the port itself, the way a user changes a file. A user's sheet or table is put in as
 * a user typing it would (no marker); a failure is injected into the next write while it handles merged
 * cells; sheet names and highlights are read back from the adapter.
 */
import type { CellValue, SheetSpec } from "../../src/core/sheet-spec";
import { FileWorkbook } from "../../src/workbook/file";
import type { Workbook } from "../../src/workbook/port";
import type { ModelSheet } from "../../src/workbook/xlsx-sheet";

export interface FileHarness {
  wb: Workbook;
  userSheet(name: string, rows: CellValue[][]): void;
  userTable(sheet: string, name: string, rows: CellValue[][]): void;
  failNextMerge(): void;
  sheetNames(): string[];
  conditionalFormatCount(sheet: string): number;
}

/** A FileWorkbook whose next write with merged cells fails while it builds the sheet. */
class FailingWorkbook extends FileWorkbook {
  failMerge = false;
  protected override buildModel(spec: SheetSpec, replacing: Parameters<FileWorkbook["buildModel"]>[1]): ModelSheet {
    if (this.failMerge && spec.merges?.length) {
      this.failMerge = false;
      throw new Error("injected failure while merging");
    }
    return super.buildModel(spec, replacing);
  }
}

export function fileHarness(): FileHarness {
  const wb = new FailingWorkbook();
  return {
    wb,
    userSheet: (name, rows) => wb.addUserSheet(name, rows),
    userTable(sheet, name, rows) {
      const right = String.fromCharCode(64 + rows[0].length);
      wb.addUserSheet(sheet, rows, [{ name, range: `A1:${right}${Math.max(2, rows.length)}` }]);
    },
    failNextMerge() {
      wb.failMerge = true;
    },
    sheetNames: () => wb.sheetNames(),
    conditionalFormatCount: (sheet) => wb.highlightsOf(sheet).length,
  };
}
