/**
 * The harnesses the contract cases (./cases.ts) run on under jest: FileWorkbook (the package editor), and
 * OfficeWorkbook on the strict Excel fake. tests/excel/harness.ts is the same for real Excel.
 */
import { fileHarness as fileHarnessOf } from "../helpers/file-harness";
import { OfficeWorkbook } from "../../src/workbook/office";
import { colLetters, parseRange } from "../../src/workbook/a1";
import { ExcelFake, type ExcelFakeOptions } from "../fakes/excel-fake";
import type { Harness, OfficeHarness } from "./cases";

export function fileHarness(): Harness {
  // The package editor's side (tests/helpers/file-harness.ts), as the cases' async harness.
  const h = fileHarnessOf();
  return {
    wb: h.wb,
    userSheet: async (name, rows) => h.userSheet(name, rows),
    userTable: async (sheet, name, rows) => h.userTable(sheet, name, rows),
    failNextMerge: () => h.failNextMerge(),
    sheetNames: async () => h.sheetNames(),
    sheets: () => h.wb.sheets(),
    conditionalFormatCount: async (sheet) => h.conditionalFormatCount(sheet),
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
