/**
 * Workbook.removeRow, the undo of an entry: the same cases against both adapters (FileWorkbook on ExcelJS,
 * OfficeWorkbook on the Excel fake). A row is removed only while it holds exactly what append wrote; the
 * rows below move up as Excel's Delete Table Row moves them; anything else is refused with a message that
 * says which cell changed, and nothing is touched.
 */
import type { CellValue } from "../../src/core/sheet-spec";
import { FileWorkbook } from "../../src/workbook/file";
import { OfficeWorkbook } from "../../src/workbook/office";
import { WorkbookError, type Workbook } from "../../src/workbook/port";
import { ExcelFake } from "../fakes/excel-fake";

/**
 * The tables are made through the port itself (an Excel table, or a plain sheet range, on a sheet the
 * test owns): removeRow treats every table alike, and the cases then need nothing of an adapter but the port.
 */
interface Harness {
  wb: Workbook;
}

function fileHarness(): Harness {
  return { wb: new FileWorkbook() };
}

function officeHarness(): Harness {
  return { wb: new OfficeWorkbook(new ExcelFake().run) };
}

async function table(wb: Workbook, name: string, rows: CellValue[][]): Promise<void> {
  await wb.write({ name, role: "test:remove-row", rows, tables: [{ name, range: `A1:D${rows.length}` }] });
}

async function range(wb: Workbook, name: string, rows: CellValue[][]): Promise<void> {
  await wb.write({ name, role: "test:remove-row", rows });
}

const HEADERS = ["Invoice No", "Customer", "Amount", "Note"];
const A1: CellValue[] = ["A-1", "Acme", 1000, null];
const A2: CellValue[] = ["A-2", "Beta", 2500.5, "=1+1"];
const A3: CellValue[] = ["A-3", "Acme", 4500, null];

async function rejection(p: Promise<unknown>): Promise<WorkbookError> {
  try {
    await p;
  } catch (e) {
    return e as WorkbookError;
  }
  throw new Error("expected the call to be refused");
}

describe.each([
  ["file", fileHarness],
  ["office", officeHarness],
])("Workbook.removeRow (%s adapter)", (_name, make) => {
  it("removes the row it wrote from a table; the rows below move up", async () => {
    const h = make();
    await table(h.wb, "Invoices", [HEADERS, A1]);
    const { firstRow } = await h.wb.append("Invoices", [A2, A3]);
    expect(firstRow).toBe(3);
    await h.wb.removeRow("Invoices", 3, A2);
    const t = await h.wb.read("Invoices");
    expect(t.rows).toEqual([A1, A3]);
    expect((await h.wb.tables()).find((x) => x.name === "Invoices")?.rowCount).toBe(2);
    // The next entry lands right under the remaining rows.
    expect((await h.wb.append("Invoices", [A2])).firstRow).toBe(4);
  });

  it("refuses a row that no longer holds what was written, naming the cell, and changes nothing", async () => {
    const h = make();
    await table(h.wb, "Invoices", [HEADERS, A1]);
    await h.wb.append("Invoices", [A3]);
    // What the row holds is 4500; the entry being undone wrote 5000 (as if someone had typed over it since).
    const e = await rejection(h.wb.removeRow("Invoices", 3, ["A-3", "Acme", 5000, null]));
    expect(e).toBeInstanceOf(WorkbookError);
    expect(e.message).toBe(
      'Row 3 of Invoices was not removed: it was changed after it was added (Amount is "4500", not "5000"). Nothing was changed.',
    );
    expect((await h.wb.read("Invoices")).rows).toEqual([A1, A3]);
    // Blank and "" are alike; text compares as written.
    await h.wb.append("Invoices", [["A-4", "=1+1", 0, ""]]);
    await h.wb.removeRow("Invoices", 4, ["A-4", "=1+1", 0, null]);
    expect((await h.wb.read("Invoices")).rows).toEqual([A1, A3]);
  });

  it("refuses a row that is no longer in the table", async () => {
    const h = make();
    await table(h.wb, "Invoices", [HEADERS, A1]);
    await h.wb.append("Invoices", [A3]);
    const e = await rejection(h.wb.removeRow("Invoices", 4, A3));
    expect(e.message).toMatch(/^Row 4 of Invoices was not removed: the table's rows are now 2 to 3\./);
    expect((await h.wb.read("Invoices")).rows).toEqual([A1, A3]);
  });

  it("empties a table's only data row (Excel keeps one), which the next entry then fills", async () => {
    const h = make();
    await table(h.wb, "Invoices", [HEADERS, A1]);
    await h.wb.removeRow("Invoices", 2, A1);
    expect((await h.wb.read("Invoices")).rows).toEqual([[null, null, null, null]]);
    expect((await h.wb.append("Invoices", [A2])).firstRow).toBe(2);
    expect((await h.wb.read("Invoices")).rows).toEqual([A2]);
  });

  it("on a sheet range, removes the last row only", async () => {
    const h = make();
    await range(h.wb, "Log", [HEADERS, A1]);
    const { firstRow } = await h.wb.append("Log", [A2, A3]);
    expect(firstRow).toBe(3);
    const e = await rejection(h.wb.removeRow("Log", 3, A2));
    expect(e.message).toMatch(
      /^Row 3 of Log was not removed: it is no longer the last row of the sheet \(that is row 4\)/,
    );
    await h.wb.removeRow("Log", 4, A3);
    expect((await h.wb.read("Log")).rows).toEqual([A1, A2]);
  });
});
