/**
 * The harnesses the contract cases (./cases.ts) run on under jest: FileWorkbook on ExcelJS, and
 * OfficeWorkbook on the strict Excel fake. tests/excel/harness.ts is the same for real Excel.
 */
import ExcelJS from "exceljs";
import { FileWorkbook } from "../../src/workbook/file";
import { OfficeWorkbook } from "../../src/workbook/office";
import { colLetters, parseRange } from "../../src/workbook/a1";
import { ExcelFake, type ExcelFakeOptions } from "../fakes/excel-fake";
import type { Harness, OfficeHarness } from "./cases";

export function fileHarness(): Harness {
  const wb = new FileWorkbook();
  const book = wb.book;
  const names = async () => book.worksheets.map((w) => w.name);
  return {
    wb,
    async userSheet(name, rows) {
      const ws = book.addWorksheet(name);
      rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 1, j + 1).value = v)));
    },
    async userTable(sheet, name, rows) {
      const ws = book.addWorksheet(sheet);
      ws.addTable({
        name,
        ref: "A1",
        headerRow: true,
        columns: (rows[0] as string[]).map((h) => ({ name: h })),
        rows: rows.slice(1),
      });
    },
    failNextMerge() {
      const add = book.addWorksheet.bind(book);
      book.addWorksheet = (name?: string, options?: Partial<ExcelJS.AddWorksheetOptions>) => {
        book.addWorksheet = add;
        const ws = add(name, options);
        ws.mergeCells = () => {
          throw new Error("injected failure while merging");
        };
        return ws;
      };
    },
    sheetNames: names,
    sheets: () => wb.sheets(),
    async conditionalFormatCount(sheet) {
      const ws = book.getWorksheet(sheet) as unknown as { conditionalFormattings: unknown[] };
      return ws.conditionalFormattings.length;
    },
  };
}

export function officeHarness(fake = new ExcelFake()): OfficeHarness & { fake: ExcelFake } {
  return {
    fake,
    wb: new OfficeWorkbook(fake),
    userSheet: async (name, rows) => void fake.addSheet(name, rows),
    async userTable(sheet, name, rows) {
      fake.addSheet(sheet, rows);
      fake.addTable(sheet, name, `A1:${colLetters(rows[0].length)}${rows.length}`);
    },
    failNextMerge() {
      fake.failWhen = (label) => label === "range.merge";
    },
    sheetNames: async () => fake.sheetNames(),
    sheets: () => new OfficeWorkbook(fake).sheets(),
    conditionalFormatCount: async (sheet) => fake.sheet(sheet).cfs.length,
    async userFormula(sheet, cell, formula) {
      const { top, left } = parseRange(cell);
      fake.sheet(sheet).put(top, left, null, formula);
    },
    userName: async (name, sheet, cell) => void fake.addName(name, sheet, cell),
    value: async (sheet, cell) => fake.value(sheet, cell),
    nameFormula: async (name) => fake.book.names.find((n) => n.name === name)?.formula ?? "",
    valueType: async (sheet, cell) => fake.valueType(sheet, cell),
    protectStructure: async (on) => void (fake.book.structureProtected = on),
  };
}

/** An office harness on a fake host with these requirement sets granted beyond the manifest's. */
export function newerHost(options: ExcelFakeOptions): OfficeHarness & { fake: ExcelFake } {
  return officeHarness(new ExcelFake(options));
}
