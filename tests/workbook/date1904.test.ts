/**
 * Dates written into a 1904-date-system book (#9, #13). Every date in the add-in is a 1900-system serial (both
 * readers convert a 1904 book's dates on the way in); written as they are, a report's dates would show 4 years
 * and a day late. Both adapters write a date cell's serial in the book's own system (a1.ts rowsIn1904): the file
 * adapter into the package (LibreOffice then shows the right date), the office adapter through Range.formulas
 * (the strict fake models File > Options > Advanced > "Use 1904 date system").
 * 2025-03-31 is 45747 in the 1900 system and 44285 in the 1904 system (1462 days less).
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import type { SheetSpec } from "../../src/core/sheet-spec";
import { NUMFMT } from "../../src/core/sheet-spec";
import { rowsIn1904 } from "../../src/workbook/a1";
import { ENTRY_LOG_SHEET, appendEntry } from "../../src/workbook/jobs/entry";
import { FileWorkbook } from "../../src/workbook/file";
import { OfficeWorkbook } from "../../src/workbook/office";
import { ExcelFake } from "../fakes/excel-fake";
import { handBook, partText } from "../helpers/xlsx-parts";
import { recalcToCsv, sofficeAvailable } from "../helpers/soffice";

const withSoffice = sofficeAvailable() ? test : test.skip;

const MAR31 = 45747;
const MAR31_1904 = 44285;

/** A report with a date column, a money column, a time of day, a date by style and a formula over a date. */
const spec: SheetSpec = {
  name: "Report",
  role: "report:dates",
  rows: [
    ["Due", "Amount", "At", "Paid on"],
    [MAR31, MAR31, 0.5, MAR31],
    [{ f: "A2+1", v: MAR31 + 1 }, 100, 0.25, "not yet"],
  ],
  columns: [{ numFmt: NUMFMT.date }, { numFmt: NUMFMT.inr }, { numFmt: "hh:mm" }, {}],
  styles: [
    { range: "D2:D3", style: { numFmt: NUMFMT.date } },
    // A later style overrides the column's: B2 is a date, A3's formula is shown as a number.
    { range: "B2", style: { numFmt: "d mmm yyyy" } },
    { range: "A3", style: { numFmt: "0" } },
  ],
};

test("rowsIn1904 moves exactly the date serials, by the format each cell ends with", () => {
  const rows = rowsIn1904(spec);
  expect(rows[1]).toEqual([MAR31_1904, MAR31_1904, 0.5, MAR31_1904]);
  // A3 ends with "0": its cached value stays; a time of day (below 1462) is no date to move; text is text.
  expect(rows[2]).toEqual([{ f: "A2+1", v: MAR31 + 1 }, 100, 0.25, "not yet"]);
  expect(rows[0]).toBe(spec.rows[0]);
  expect(spec.rows[1][0]).toBe(MAR31);
  expect(rowsIn1904({ rows: [[{ f: "TODAY()", v: MAR31 }]], columns: [{ numFmt: NUMFMT.dateTime }] })).toEqual([
    [{ f: "TODAY()", v: MAR31_1904 }],
  ]);
});

describe("the file adapter", () => {
  const book1904 = () =>
    FileWorkbook.fromXlsx(
      handBook([{ name: "Data", xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>` }], {
        workbookPr: `date1904="1"`,
      }),
    );

  test("writes a date cell's serial in the book's 1904 system, and reads it back as the 1900-system serial", async () => {
    const wb = await book1904();
    await wb.write(spec);
    // Before saving, the sheet reads as the add-in's dates.
    expect((await wb.read("Report")).rows[0]).toEqual([MAR31, MAR31, 0.5, MAR31]);
    const bytes = await wb.toXlsx();
    const xml = partText(bytes, "xl/worksheets/sheet2.xml");
    const v = (cell: string) => new RegExp(`<c r="${cell}"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>`).exec(xml)?.[1];
    expect([v("A2"), v("B2"), v("C2"), v("D2"), v("A3"), v("B3")]).toEqual([
      String(MAR31_1904),
      String(MAR31_1904),
      "0.5",
      String(MAR31_1904),
      String(MAR31 + 1),
      "100",
    ]);
    const back = await FileWorkbook.fromXlsx(bytes);
    expect((await back.read("Report")).rows[0]).toEqual([MAR31, MAR31, expect.any(Number), MAR31]);
  });

  test("a 1900-system book gets the serials unchanged", async () => {
    const wb = new FileWorkbook();
    await wb.write(spec);
    const xml = partText(await wb.toXlsx(), "xl/worksheets/sheet1.xml");
    expect(xml).toContain(`<c r="A2" s="`);
    expect(xml).toMatch(new RegExp(`<c r="A2"[^>]*><v>${MAR31}</v>`));
  });

  withSoffice("LibreOffice shows the dates the report meant", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-1904-"));
    try {
      const wb = await book1904();
      await wb.write(spec);
      const file = path.join(dir, "book1904.xlsx");
      writeFileSync(file, await wb.toXlsx());
      const rows = recalcToCsv(file)["Report"];
      expect(rows[1][0]).toBe("2025-03-31");
      // (LibreOffice's CSV shows this custom date format in its locale's short form: still 31 March 2025.)
      expect(rows[1][1]).toMatch(/^(31 Mar 2025|03\/31\/2025)$/);
      expect(rows[1][3]).toBe("2025-03-31");
      // The formula, recalculated in the book's system, is the next day's serial there.
      expect(rows[2][0]).toBe(String(MAR31_1904 + 1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the office adapter (strict fake)", () => {
  test("writes a date cell's serial in the book's 1904 system, in the same two round trips", async () => {
    const fake = new ExcelFake();
    fake.book.date1904 = true;
    const wb = new OfficeWorkbook(fake);
    await wb.write(spec);
    expect(fake.syncCount).toBe(2);
    expect(fake.values("Report", "A2:D2")).toEqual([[MAR31_1904, MAR31_1904, 0.5, MAR31_1904]]);
    expect(fake.values("Report", "B3:D3")).toEqual([[100, 0.25, "not yet"]]);
    expect(fake.formula("Report", "A3")).toBe("=A2+1");
    // Read back through the adapter: the add-in's 1900-system dates again.
    expect((await wb.read("Report")).rows[0]).toEqual([MAR31, MAR31, expect.any(Number), MAR31]);
  });

  test("a 1900-system book gets the serials unchanged", async () => {
    const fake = new ExcelFake();
    await new OfficeWorkbook(fake).write(spec);
    expect(fake.values("Report", "A2:D2")).toEqual([[MAR31, MAR31, 0.5, MAR31]]);
  });
});

describe("entries appended into a 1904 book (the entry form's dates and the Entry Log's timestamps)", () => {
  const headers = ["Invoice Date", "Customer", "Amount"];
  const at = new Date(2025, 2, 31, 9, 30, 0);

  test("the office adapter writes the book's own serials, reads them back as written, and Undo finds the row unchanged", async () => {
    const fake = new ExcelFake();
    fake.book.date1904 = true;
    fake.addSheet("Invoices", [headers, [MAR31_1904 - 1, "Acme", 100]]);
    fake.sheet("Invoices").numberFormats.push({ address: "A:A", value: NUMFMT.date });
    fake.addTable("Invoices", "Invoices", "A1:C2");
    const wb = new OfficeWorkbook(fake);
    // The first entry makes the log (write), the second appends to it (append): both timestamps in 1904.
    expect((await appendEntry(wb, "Invoices", headers, [MAR31, "Beta", 200], at, [0])).row).toBe(3);
    expect((await appendEntry(wb, "Invoices", headers, [MAR31 + 1, "Gamma", 300], at, [0])).row).toBe(4);
    expect(fake.values("Invoices", "A3:A4")).toEqual([[MAR31_1904], [MAR31_1904 + 1]]);
    const log = fake.values(ENTRY_LOG_SHEET, "A2:A3").map((r) => Math.floor(r[0] as number));
    expect(log).toEqual([MAR31_1904, MAR31_1904]);
    // Read back: the add-in's dates, the ones typed.
    expect((await wb.read("Invoices")).rows.map((r) => r[0])).toEqual([MAR31 - 1, MAR31, MAR31 + 1]);
    expect((await wb.read(ENTRY_LOG_SHEET)).rows.map((r) => Math.floor(r[0] as number))).toEqual([MAR31, MAR31]);
    // Undo compares the row with what was written (1900-system serials) and removes it.
    await wb.removeRow("Invoices", 4, [MAR31 + 1, "Gamma", 300]);
    expect((await wb.read("Invoices")).rows.map((r) => r[1])).toEqual(["Acme", "Beta"]);
    // Once the table has been read (the form reads it), an entry's dates cost no round trip of their own.
    fake.resetCounters();
    await wb.append("Invoices", [[MAR31 + 2, "Delta", 400]], { dateColumns: [0] });
    expect(fake.syncCount).toBe(1);
    expect(fake.values("Invoices", "A4")).toEqual([[MAR31_1904 + 2]]);
  });

  test("a 1900-system book takes the serials unchanged", async () => {
    const fake = new ExcelFake();
    fake.addSheet("Invoices", [headers, [MAR31 - 1, "Acme", 100]]);
    fake.addTable("Invoices", "Invoices", "A1:C2");
    await appendEntry(new OfficeWorkbook(fake), "Invoices", headers, [MAR31, "Beta", 200], at, [0]);
    expect(fake.values("Invoices", "A3")).toEqual([[MAR31]]);
  });

  test("the file adapter stores the book's own serials in the package, and reads the add-in's back", async () => {
    const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;
    const sheet =
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Invoice Date</t></is></c><c r="B1" t="inlineStr"><is><t>Customer</t></is></c><c r="C1" t="inlineStr"><is><t>Amount</t></is></c></row>` +
      `<row r="2"><c r="A2" s="1"><v>${MAR31_1904 - 1}</v></c><c r="B2" t="inlineStr"><is><t>Acme</t></is></c><c r="C2"><v>100</v></c></row>`;
    const wb = await FileWorkbook.fromXlsx(
      handBook([{ name: "Invoices", xml: sheet }], { workbookPr: `date1904="1"`, styles }),
    );
    expect((await wb.read("Invoices")).rows[0][0]).toBe(MAR31 - 1);
    await appendEntry(wb, "Invoices", headers, [MAR31, "Beta", 200], at, [0]);
    expect((await wb.read("Invoices")).rows.map((r) => r[0])).toEqual([MAR31 - 1, MAR31]);
    const bytes = await wb.toXlsx();
    const xml = partText(bytes, "xl/worksheets/sheet1.xml");
    expect(xml).toMatch(new RegExp(`<c r="A3"[^>]*><v>${MAR31_1904}</v>`));
    // The log made by this entry converts when saved (its Timestamp column is a date column).
    const back = await FileWorkbook.fromXlsx(bytes);
    expect(Math.floor((await back.read(ENTRY_LOG_SHEET)).rows[0][0] as number)).toBe(MAR31);
    // A second session appends to the saved log, a sheet of the package now: its timestamp in 1904 too.
    await appendEntry(back, "Invoices", headers, [MAR31 + 1, "Gamma", 300], at, [0]);
    const again = await FileWorkbook.fromXlsx(await back.toXlsx());
    expect((await again.read("Invoices")).rows.map((r) => r[0])).toEqual([MAR31 - 1, MAR31, MAR31 + 1]);
    expect((await again.read(ENTRY_LOG_SHEET)).rows.map((r) => Math.floor(r[0] as number))).toEqual([MAR31, MAR31]);
  });
});
