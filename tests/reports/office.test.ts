/**
 * The same report written by the office adapter (OfficeWorkbook on the instrumented Excel fake): the fake
 * evaluates the summary formulas over the written rows, and they agree with the key figures; the write
 * stays within the sync budget.
 */
import { generateSample } from "../../src/core/sample";
import { buildAgingReport } from "../../src/core/reports/aging";
import { buildPayrollReport } from "../../src/core/reports/payroll";
import { OfficeWorkbook, REQUEST_BUDGET } from "../../src/workbook/office";
import { ExcelFake } from "../fakes/excel-fake";
import type { CellValue, SheetSpec } from "../../src/core/sheet-spec";
import { runRecon, writeReconResults } from "../../src/workbook/jobs/recon";
import { runReport } from "../../src/commands/report-handlers";
import { colLetters } from "../../src/workbook/a1";

const s = generateSample();
const t = (x: { name: string; headers: string[]; rows: import("../../src/core/sheet-spec").CellValue[][] }) => ({
  name: x.name,
  sheet: x.name,
  headers: x.headers,
  rows: x.rows,
  firstRow: 2,
  firstColumn: 1,
});

async function write(spec: SheetSpec): Promise<ExcelFake> {
  const fake = new ExcelFake();
  fake.addSheet("Sheet1", [["x"]]);
  fake.resetCounters();
  await new OfficeWorkbook(fake.run).write(spec);
  return fake;
}

/** Address of the cell right of the first cell whose value is `label`. */
function besideAddress(spec: SheetSpec, label: string): string {
  for (let r = 0; r < spec.rows.length; r++) {
    const c = spec.rows[r].indexOf(label);
    if (c >= 0) return `${String.fromCharCode(66 + c)}${r + 1}`;
  }
  throw new Error(label);
}

describe("reports through the office adapter", () => {
  it("aging: the detail rows (Open Balance = Amount − Paid as live formulas) add up to the JSON total", async () => {
    const r = buildAgingReport({ invoices: t(s.invoices), asOf: s.asOf });
    const fake = await write(r.sheet);
    // The fake evaluates arithmetic but not SUMIFS: add up what it computes for each detail row (column I).
    const [, first, last] = /^A(\d+):I(\d+)$/.exec(r.sheet.tables![0].range)!.map(Number);
    let cents = 0;
    for (let row = first + 1; row <= last; row++) cents += Math.round((fake.value("Aging", `I${row}`) as number) * 100);
    expect(cents).toBe(Math.round(r.json.total * 100));
    expect(fake.formula("Aging", besideAddress(r.sheet, "90+"))).toMatch(
      /^=?SUMIFS\(\$I\$\d+:\$I\$\d+,\$E\$\d+:\$E\$\d+,">90"\)$/,
    );
    expect(fake.syncCount).toBeLessThanOrEqual(Math.ceil(fake.totalBytes / REQUEST_BUDGET) + 3);
  });

  it("payroll: totals computed by the fake Excel equal the JSON totals", async () => {
    const r = buildPayrollReport({ employees: t(s.employees), attendance: t(s.attendance), asOf: s.asOf });
    const fake = await write(r.sheet);
    expect(fake.value("Payroll Register", besideAddress(r.sheet, "Gross pay"))).toBe(r.json.totals.gross);
    expect(fake.value("Payroll Register", besideAddress(r.sheet, "Net pay"))).toBe(r.json.totals.net);
  });
});

/** The sample's bank and ledger as the user's Excel tables on the fake. */
function reconBook(): ExcelFake {
  const fake = new ExcelFake();
  for (const [sheet, x] of [
    ["Bank", s.bank],
    ["Ledger", s.ledger],
  ] as const) {
    const rows: CellValue[][] = [x.headers, ...x.rows];
    fake.addSheet(sheet, rows);
    fake.addTable(sheet, sheet, `A1:${colLetters(x.headers.length)}${rows.length}`);
  }
  return fake;
}

describe("reconciliation through the office adapter", () => {
  it("writes the three sheets, with the matched rows' EqualTo/NotEqualTo formats, on the strict fake", async () => {
    const fake = reconBook();
    const wb = new OfficeWorkbook(fake);
    const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
    expect(run.json.summary.matchedLeft).toBeGreaterThan(0);
    await writeReconResults(wb, run, { highlightSources: true });
    expect(fake.sheetNames()).toEqual(
      expect.arrayContaining(["Bank", "Ledger", "Recon Summary", "Recon Matched", "Recon Unmatched", "Recon State"]),
    );
    const operators = fake.book.sheets.flatMap((x) => x.cfs.map((c) => c.rule.operator)).filter(Boolean);
    expect(operators.length).toBeGreaterThan(0);
    for (const op of operators) expect(["EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "Between"]).toContain(op);
    // Re-running replaces the add-in's own sheets in place.
    await writeReconResults(wb, run);
    expect(fake.sheetNames().filter((n) => n.startsWith("~bpo-desk"))).toEqual([]);
  });

  it("in a structure-protected workbook the ribbon's report says what to do and writes nothing", async () => {
    const fake = reconBook();
    fake.book.structureProtected = true;
    await expect(runReport("recon", new OfficeWorkbook(fake), { asOf: s.asOf })).rejects.toMatchObject({
      code: "protected",
      message: expect.stringContaining("Review → Protect Workbook"),
    });
    expect(fake.sheetNames()).toEqual(["Bank", "Ledger"]);
  });
});
