import { FileWorkbook } from "../../../src/workbook/file";
import { sampleBook } from "../sample-book";
import { generateSample, sampleSheets } from "../../../src/core/sample";
import { WorkbookError } from "../../../src/workbook/port";
import { appendEntry, ENTRY_LOG_SHEET, localTimestamp } from "../../../src/workbook/jobs/entry";
import {
  VALIDATE_TAG,
  checkTables,
  clearFindings,
  highlightFindings,
  recognisedTables,
  workbookSchemas,
} from "../../../src/workbook/jobs/validate";
import { runReportJob } from "../../../src/workbook/jobs/reports";
import { serialFromYmd } from "../../../src/core/dates";
import { OfficeWorkbook } from "../../../src/workbook/office";
import { ExcelFake } from "../../fakes/excel-fake";

function highlightRefs(wb: FileWorkbook, sheet: string): string[] {
  return wb
    .highlightsOf(sheet)
    .filter((h) => h.formula.includes(`bpo-desk:${VALIDATE_TAG}`))
    .flatMap((h) => h.sqref.split(" "));
}

describe("validation jobs over the Workbook port", () => {
  it("finds each sample table once, by its headers, and skips the add-in's own sheets", async () => {
    const wb = await sampleBook();
    await runReportJob(wb, "quality", { asOf: serialFromYmd(2025, 10, 31) });
    const found = await recognisedTables(wb);
    expect(found.map((c) => [c.info.name, c.info.kind, c.schema.name])).toEqual([
      ["Employees", "table", "employees"],
      ["Attendance", "table", "attendance"],
      ["Invoices", "table", "invoices"],
      ["Payments", "table", "payments"],
      ["Bank", "table", "bank"],
      ["Ledger", "table", "ledger"],
      ["WorkItems", "table", "workitems"],
    ]);
  });

  it("the ribbon's Data Quality highlights the invalid cells, writes its sheet, and the highlights clear again", async () => {
    // The sample book as a user left it: two cells of Invoices keyed wrong.
    const wb = new FileWorkbook();
    for (const spec of sampleSheets(generateSample())) {
      if (spec.name === "Invoices") {
        spec.rows[4] = spec.rows[4].slice();
        spec.rows[4][2] = "27AAPFU0939F1ZZ"; // C5: wrong GSTIN check character
        spec.rows[6] = spec.rows[6].slice();
        spec.rows[6][6] = "abc"; // G7: amount
      }
      await wb.write(spec);
    }
    const cell = async (r: number, c: number) => (await wb.read("Invoices")).rows[r - 2][c - 1];
    const before = await cell(5, 3);
    expect(before).toBe("27AAPFU0939F1ZZ");
    const { sheet, message } = await runReportJob(wb, "quality", { asOf: serialFromYmd(2025, 10, 31) });
    expect(message).toMatch(/invalid cells highlighted/);
    const inv = (await checkTables(wb, [{ source: "Invoices", schema: (await recognisedTables(wb))[2].schema }]))[0];
    expect(inv.result.invalid.map((f) => [f.row, f.column])).toEqual([
      [5, "Customer GSTIN"],
      [7, "Amount"],
    ]);
    expect(highlightRefs(wb, "Invoices").sort()).toEqual(["C5", "G7"]);
    expect(await cell(5, 3)).toBe(before); // values are never changed
    const report = await wb.read(sheet);
    const flat = [report.headers, ...report.rows].map((r) => r.join("|")).join("\n");
    expect(flat).toMatch(
      /Invoices\|5\|Customer GSTIN\|27AAPFU0939F1ZZ\|Customer GSTIN 27AAPFU0939F1ZZ: check character should be '/,
    );
    expect((await wb.sheets()).find((s) => s.name === sheet)?.role).toBe("report:quality");

    // Re-checking replaces the highlights rather than stacking them.
    await highlightFindings(wb, await checkTables(wb, [{ source: "Invoices", schema: inv.schema }]));
    expect(highlightRefs(wb, "Invoices").sort()).toEqual(["C5", "G7"]);
    await clearFindings(wb, ["Invoices"]);
    expect(highlightRefs(wb, "Invoices")).toEqual([]);
  });

  it("appends one entry to the table and keeps the Entry Log append-only", async () => {
    const wb = await sampleBook();
    const t = await wb.read("Employees");
    const row = [
      "E9001",
      "Priya Nair",
      "KA",
      "F",
      30000,
      12000,
      5000,
      "Y",
      "N",
      "ABCPE1234F",
      "100123456789",
      "HDFC0000001",
      "12345678901",
    ];
    const now = new Date(2025, 9, 31, 17, 5, 0);
    const a = await appendEntry(wb, "Employees", t.headers, row, now);
    expect(a).toEqual({
      row: t.firstRow + t.rows.length,
      logged: true,
      message: `Row ${t.firstRow + t.rows.length} added to Employees and logged.`,
    });
    const b = await appendEntry(
      wb,
      "Employees",
      t.headers,
      ["=E9002", "-Ravi", "MH", "M", 20000, 0, 0, "N", "Y", null, null, null, null],
      now,
    );
    expect(b.row).toBe(a.row + 1);
    const after = await wb.read("Employees");
    expect(after.rows.at(-1)!.slice(0, 2)).toEqual(["=E9002", "-Ravi"]);
    const log = await wb.read(ENTRY_LOG_SHEET);
    expect(log.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      [localTimestamp(now), "Employees", a.row],
      [localTimestamp(now), "Employees", b.row],
    ]);
    expect(JSON.parse(String(log.rows[0][3]))).toMatchObject({
      "Employee ID": "E9001",
      PAN: "ABCPE1234F",
      Basic: 30000,
    });
    expect((await wb.sheets()).find((s) => s.name === ENTRY_LOG_SHEET)?.role).toBe("entry-log");
    // 2025-10-31 17:05 local as a serial: Excel's serial of the date (45961) plus 17:05 as a fraction of a day.
    expect(localTimestamp(now)).toBeCloseTo(45961 + (17 * 60 + 5) / 1440, 9);
  });

  it("stops before writing anything when a user's own sheet is called Entry Log", async () => {
    const wb = await sampleBook();
    wb.addUserSheet(ENTRY_LOG_SHEET, [["my notes"]]);
    const t = await wb.read("Payments");
    await expect(appendEntry(wb, "Payments", t.headers, [45960, "Acme", "UTR1", 100])).rejects.toThrow(WorkbookError);
    expect((await wb.read("Payments")).rows).toHaveLength(t.rows.length);
    expect((await wb.read(ENTRY_LOG_SHEET)).headers).toEqual(["my notes"]);
  });

  it("checks a user's table against the schema defined on a Schema sheet", async () => {
    const schemaRows = [
      ["column", "type", "required", "min", "max", "pattern", "list"],
      ["Vendor Code", "text", "Y", null, null, "V\\d{4}", null],
      ["Bill Amount", "money", "Y", 1, null, null, null],
      ["Mode", "list", "N", null, null, null, "NEFT, RTGS, Cheque"],
    ];
    const vendors = [
      ["Vendor Code", "Bill Amount", "Mode"],
      ["V0001", 1500, "neft"],
      ["V12", 0, "UPI"],
    ];
    const wb = new FileWorkbook();
    wb.addUserSheet("Schema", schemaRows);
    wb.addUserSheet("Vendors", vendors);
    const { schemas, error } = await workbookSchemas(wb);
    expect(error).toBeNull();
    const found = await recognisedTables(wb, schemas);
    expect(found.map((c) => [c.info.name, c.schema.title])).toEqual([["Vendors", "Schema sheet"]]);
    const [check] = await checkTables(wb, [{ source: "Vendors", schema: found[0].schema }]);
    expect(check.result.invalid.map((f) => [f.row, f.column, f.rule])).toEqual([
      [3, "Vendor Code", "pattern"],
      [3, "Bill Amount", "range"],
      [3, "Mode", "list"],
    ]);
    // The user mistypes a type on the Schema sheet.
    schemaRows[2][1] = "monie";
    const edited = new FileWorkbook();
    edited.addUserSheet("Schema", schemaRows);
    edited.addUserSheet("Vendors", vendors);
    expect((await workbookSchemas(edited)).error).toMatch(
      /The "Schema" sheet is not a valid schema:\n\s+row 3, type: "monie" is not a type/,
    );
  });

  it("through the office adapter: one context.sync for the record, formula-looking text stored as text", async () => {
    const fake = new ExcelFake();
    const headers = ["Payment Date", "Customer", "Reference", "Amount"];
    fake.addSheet("Payments", [headers, [45930, "Acme Retail", "UTR1", 100]]);
    fake.addTable("Payments", "Payments", "A1:D2");
    const wb = new OfficeWorkbook(fake.run);
    await appendEntry(wb, "Payments", headers, [45931, "Acme Retail", "UTR2", 200]); // creates the Entry Log
    fake.resetCounters();
    const { firstRow } = await wb.append("Payments", [[45932, "=1+1", "-5", 300]]);
    expect(fake.syncCount).toBe(1);
    expect(firstRow).toBe(4);
    // The fake evaluates "=..." like Excel would: only a quote prefix keeps it text.
    expect(fake.formula("Payments", "B4")).toBeNull();
    expect(fake.value("Payments", "B4")).toBe("=1+1");
    expect(fake.value("Payments", "C4")).toBe("-5");
    const out = await appendEntry(wb, "Payments", headers, [45933, "@SUM(A1)", "+91", 400]);
    expect(out).toMatchObject({ row: 5, logged: true });
    expect(fake.value("Payments", "B5")).toBe("@SUM(A1)");
    const log = await wb.read(ENTRY_LOG_SHEET);
    expect(log.rows.map((r) => r[2])).toEqual([3, 5]);
    // The log (unprotected: no protection lifted per entry, see entry.ts) grows by one row per entry: the
    // whole entry (ownership check, the record, the log row) takes the same 4 round trips however long it is.
    expect(fake.sheet(ENTRY_LOG_SHEET).protected).toBe(false);
    for (let i = 0; i < 30; i++) await appendEntry(wb, "Payments", headers, [45934, "Acme", `UTR${i}`, i]);
    fake.resetCounters();
    await appendEntry(wb, "Payments", headers, [45935, "Acme", "UTR-last", 1]);
    expect(fake.syncCount).toBe(4);
    expect((await wb.read(ENTRY_LOG_SHEET)).rows).toHaveLength(33);
    expect((await wb.tables()).find((t) => t.sheet === ENTRY_LOG_SHEET)).toMatchObject({ kind: "table", rowCount: 33 });
    expect(JSON.parse(String(log.rows[1][3]))).toEqual({
      "Payment Date": 45933,
      Customer: "@SUM(A1)",
      Reference: "+91",
      Amount: 400,
    });
  });
});
