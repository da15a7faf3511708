import { generateSample, sampleSheets } from "../../../src/core/sample";
import { FileWorkbook } from "../../../src/workbook/file";
import { WorkbookError } from "../../../src/workbook/port";
import { appendEntry, ENTRY_LOG_SHEET, localTimestamp } from "../../../src/workbook/jobs/entry";
import {
  VALIDATE_TAG,
  checkTables,
  clearFindings,
  highlightFindings,
  recognisedTables,
  runDataQuality,
} from "../../../src/workbook/jobs/validate";
import { serialFromYmd } from "../../../src/core/dates";
import type ExcelJS from "exceljs";

async function sampleBook(): Promise<FileWorkbook> {
  const wb = new FileWorkbook();
  for (const s of sampleSheets(generateSample())) await wb.write(s);
  return wb;
}

function highlightRefs(wb: FileWorkbook, sheet: string): string[] {
  const cfs = (wb.book.getWorksheet(sheet)!.conditionalFormattings ?? []) as ExcelJS.ConditionalFormattingOptions[];
  return cfs
    .filter((cf) => cf.rules.some((r) => JSON.stringify(r).includes(`bpo-desk:${VALIDATE_TAG}`)))
    .flatMap((cf) => cf.ref.split(" "));
}

describe("validation jobs over the Workbook port", () => {
  it("finds each sample table once, by its headers, and skips the add-in's own sheets", async () => {
    const wb = await sampleBook();
    await runDataQuality(wb, serialFromYmd(2025, 10, 31));
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

  it("highlights the invalid cells, writes the Data Quality sheet, and clears the highlights again", async () => {
    const wb = await sampleBook();
    const ws = wb.book.getWorksheet("Invoices")!;
    ws.getCell("C5").value = "27AAPFU0939F1ZZ"; // wrong GSTIN check character
    ws.getCell("G7").value = "abc"; // amount
    const before = ws.getCell("C5").value;
    const { checks, sheet } = await runDataQuality(wb, serialFromYmd(2025, 10, 31));
    const inv = checks.find((c) => c.source === "Invoices")!;
    expect(inv.result.invalid.map((f) => [f.row, f.column])).toEqual([
      [5, "Customer GSTIN"],
      [7, "Amount"],
    ]);
    expect(highlightRefs(wb, "Invoices").sort()).toEqual(["C5", "G7"]);
    expect(ws.getCell("C5").value).toBe(before); // values are never changed
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
    wb.book.addWorksheet(ENTRY_LOG_SHEET).getCell("A1").value = "my notes";
    const t = await wb.read("Payments");
    await expect(appendEntry(wb, "Payments", t.headers, [45960, "Acme", "UTR1", 100])).rejects.toThrow(WorkbookError);
    expect((await wb.read("Payments")).rows).toHaveLength(t.rows.length);
    expect(wb.book.getWorksheet(ENTRY_LOG_SHEET)!.getCell("A1").value).toBe("my notes");
  });
});
