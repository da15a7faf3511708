/**
 * The written reports reopened and recalculated by LibreOffice headless: the live formulas of every summary
 * must give the same figures as `report --json` (so the numbers survive a recalculation in any spreadsheet
 * program). Fails on CI when soffice is missing; skips loudly elsewhere.
 */
import { mkdtempSync } from "fs";
import * as os from "os";
import * as path from "path";
import { generateSample, sampleSheets } from "../../src/core/sample";
import { FileWorkbook } from "../../src/workbook/file";
import { saveWorkbookFile } from "../../src/workbook/file-io";
import { runReportJob, type ReportKind } from "../../src/workbook/jobs/reports";
import { recalcToCsv, sofficeAvailable } from "../helpers/soffice";
import type { AgingJson } from "../../src/core/reports/aging";
import type { PayrollJson } from "../../src/core/reports/payroll";
import type { SlaJson } from "../../src/core/reports/sla";
import type { QualityJson } from "../../src/core/reports/quality";

const haveSoffice = sofficeAvailable();
const maybe = haveSoffice ? describe : describe.skip;

/** A recalculated cell as a number ("71.7%" as LibreOffice prints a percentage is 0.717). */
function num(text: string): number {
  const t = text.trim();
  return t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
}

/** The value `offset` cells right of the first cell whose text is `label` (in column `col` when given). */
function beside(grid: string[][], label: string, col = -1, offset = 1): number {
  for (const row of grid) {
    const i = col >= 0 ? (row[col] === label ? col : -1) : row.indexOf(label);
    if (i >= 0) return num(row[i + offset]);
  }
  throw new Error(`no "${label}" on the sheet`);
}

maybe("reports recalculated by LibreOffice", () => {
  const json: Partial<Record<ReportKind, unknown>> = {};
  let sheets: Record<string, string[][]> = {};

  beforeAll(async () => {
    const sample = generateSample();
    // Make the data messy: a text amount in Invoices and a blank row in WorkItems.
    sample.invoices.rows[4][6] = "1,OOO.00";
    sample.workItems.rows.splice(7, 0, [null, null, null, null, null, null, null]);
    const wb = new FileWorkbook();
    for (const spec of sampleSheets(sample)) await wb.write(spec);
    for (const kind of ["aging", "payroll", "sla", "quality"] as ReportKind[])
      json[kind] = (await runReportJob(wb, kind, { asOf: sample.asOf })).json;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "bpo-report-recalc-")), "reports.xlsx");
    await saveWorkbookFile(wb, file);
    sheets = recalcToCsv(file);
  }, 180_000);

  const grid = (name: string) => {
    const g =
      sheets[name] ??
      Object.entries(sheets).find(([k]) => k.replace(/[^A-Za-z]/g, "") === name.replace(/[^A-Za-z]/g, ""))?.[1];
    if (!g) throw new Error(`sheet ${name} not in the recalculated workbook: ${Object.keys(sheets).join(", ")}`);
    return g;
  };
  const cents = (x: number) => Math.round(x * 100);

  it("aging: bucket totals, the grand total and every customer's total", () => {
    const j = json.aging as AgingJson;
    const g = grid("Aging");
    for (const [label, v] of Object.entries(j.buckets)) expect(cents(beside(g, label))).toBe(cents(v));
    expect(cents(beside(g, "Total"))).toBe(cents(j.total));
    expect(cents(beside(g, "Open receivables"))).toBe(cents(j.total));
    for (const c of j.byCustomer) expect(cents(beside(g, c.customer, 0, 6))).toBe(cents(c.total));
    expect(j.total).toBeGreaterThan(0);
  });

  it("payroll: every register total and net pay", () => {
    const j = json.payroll as PayrollJson;
    const g = grid("Payroll Register");
    expect(beside(g, "Gross pay")).toBe(j.totals.gross);
    expect(beside(g, "Professional tax")).toBe(j.totals.pt);
    expect(beside(g, "TDS")).toBe(j.totals.tds);
    expect(beside(g, "PF (employee)")).toBe(j.totals.pf);
    expect(beside(g, "ESI (employee)")).toBe(j.totals.esi);
    expect(beside(g, "Net pay")).toBe(j.totals.net);
    expect(beside(g, "Employees paid")).toBe(j.employees.length);
  });

  it("sla: items, adherence, accuracy, TAT and each agent", () => {
    const j = json.sla as SlaJson;
    const g = grid("SLA & Quality");
    expect(beside(g, "Items completed")).toBe(j.items);
    expect(Math.round(beside(g, "SLA met") * 10000) / 100).toBeCloseTo(j.slaMetPct, 6);
    expect(Math.round(beside(g, "Accuracy (QC pass)") * 10000) / 100).toBeCloseTo(j.accuracyPct, 6);
    expect(Math.round(beside(g, "Average TAT (working hours)") * 100) / 100).toBeCloseTo(j.avgTatHours, 6);
    for (const a of j.byAgent) {
      expect(beside(g, a.agent)).toBe(a.items);
      expect(Math.round(beside(g, a.agent, 0, 2) * 10000) / 100).toBeCloseTo(a.slaMetPct, 6);
      expect(Math.round(beside(g, a.agent, 0, 3) * 10000) / 100).toBeCloseTo(a.accuracyPct, 6);
    }
  });

  it("quality: rows checked and findings", () => {
    const j = json.quality as QualityJson;
    const g = grid("Data Quality");
    expect(beside(g, "Total", 0)).toBe(j.rows);
    expect(beside(g, "Total", 0, 3)).toBe(j.issues.length);
    expect(j.issues.length).toBeGreaterThan(0);
    expect(j.issues.some((i) => i.sheet === "Invoices" && i.row === 6 && i.column === "Amount")).toBe(true);
  });
});
