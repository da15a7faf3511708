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
