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
import { freshProfile, recalcToCsv, sofficeAvailable } from "../helpers/soffice";
import { parseCsvRecords } from "../../src/workbook/csv";
import { execFileSync } from "child_process";
import { readFileSync, readdirSync, rmSync } from "fs";
import type { AgingJson } from "../../src/core/reports/aging";
import type { PayrollJson } from "../../src/core/reports/payroll";
import type { SlaJson } from "../../src/core/reports/sla";
import type { QualityJson } from "../../src/core/reports/quality";
import type { CellValue } from "../../src/core/sheet-spec";
import {
  expectedAging,
  expectedSla,
  genInvoices,
  genWorkItems,
  serial,
  type GenTable,
} from "../unit/reports/independent";

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

/** Each sheet's cells as LibreOffice displays them (its number formats applied), by sheet name. */
function shownCsv(xlsxPath: string): Record<string, string[][]> {
  const out = mkdtempSync(path.join(os.tmpdir(), "bpo-shown-"));
  const profile = freshProfile();
  try {
    // Token 9 "true": save cell contents as shown; the last token -1: every sheet to its own file.
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=${profile.url}`,
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        "--outdir",
        out,
        xlsxPath,
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
    const book = path.basename(xlsxPath).replace(/\.xlsx$/i, "");
    const result: Record<string, string[][]> = {};
    for (const f of readdirSync(out))
      if (f.endsWith(".csv"))
        result[f.slice(book.length + 1, -4)] = parseCsvRecords(readFileSync(path.join(out, f), "utf8"));
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(profile.dir, { recursive: true, force: true });
  }
}

/** An amount as the pane shows it (₹2,98,10,847.51, -₹1,23,456.78), from Intl's en-IN grouping. */
const rupees = (paise: number) =>
  `${paise < 0 ? "-" : ""}₹${new Intl.NumberFormat("en-IN", { minimumFractionDigits: 2 }).format(Math.abs(paise) / 100)}`;

/** The data rows of the summary block under `caption` (header row skipped), up to the first blank row. */
function block(grid: string[][], caption: string): string[][] {
  const at = grid.findIndex((r) => r[0] === caption);
  if (at < 0) throw new Error(`no block "${caption}" on the sheet`);
  const rows: string[][] = [];
  for (let i = at + 2; i < grid.length && (grid[i][0] ?? "") !== ""; i++) rows.push(grid[i]);
  return rows;
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

/**
 * Names a user may type that are also SUMIFS/COUNTIFS criteria: wildcards, comparison operators, the escape
 * character, and text that looks like a number, a date or TRUE. Each must add up only its own rows once a
 * spreadsheet recalculates (a criterion `Acme*` would pull in every Acme; `<>` every customer).
 */
const HOSTILE = [
  "Acme*",
  "Acme Pvt Ltd",
  ">Next Gen Ltd",
  "Next Gen Ltd",
  "<>",
  "~x",
  "x",
  "?",
  "=Acme Pvt Ltd",
  "0123",
  "123",
  "TRUE",
  "1-30",
  "acme*",
  "A?me Pvt Ltd",
  "<=Zen",
];

maybe("criteria-like customer and agent names recalculated by LibreOffice", () => {
  const asOf = serial(2025, 10, 31);
  const invoices = genInvoices(41, asOf, 400);
  invoices.rows.forEach((r, i) => (r[1] = HOSTILE[i % HOSTILE.length]));
  // A credit: paid more than billed, so the open balance is negative (and in lakhs).
  Object.assign(invoices.rows[0], { 2: asOf - 40, 3: asOf - 10, 4: null, 5: 1000, 6: 124456.78 });
  const work = genWorkItems(42, 300);
  work.rows.forEach((r, i) => (r[2] = HOSTILE[(i * 7) % HOSTILE.length]));
  let sheets: Record<string, string[][]> = {};
  let shown: Record<string, string[][]> = {};

  beforeAll(async () => {
    const wb = new FileWorkbook();
    // Plain user sheets (no add-in marker), as a user's workbook holds them.
    const add = (name: string, t: GenTable) => wb.addUserSheet(name, [t.headers, ...t.rows] as CellValue[][]);
    add("Invoices", invoices);
    add("WorkItems", work);
    await runReportJob(wb, "aging", { asOf });
    await runReportJob(wb, "sla", { asOf });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "bpo-report-hostile-")), "hostile.xlsx");
    await saveWorkbookFile(wb, file);
    sheets = recalcToCsv(file);
    shown = shownCsv(file);
  }, 240_000);

  const cents = (t: string) => Math.round(Number(t) * 100);

  it("aging: each customer's buckets and total, and the grand totals, are its own rows' open balances", () => {
    const exp = expectedAging(invoices, asOf);
    const rows = block(sheets["Aging"], "Open balance by customer");
    const byName = new Map(rows.map((r) => [r[0], r]));
    expect(exp.byCustomer.size).toBe(HOSTILE.length);
    for (const [name, e] of exp.byCustomer) {
      const r = byName.get(name);
      expect(r).toBeDefined();
      const got = ["Current", "1-30", "31-60", "61-90", "90+", "total"].map((_, j) => cents(r![j + 1]));
      expect({ name, got }).toEqual({ name, got: [e.Current, e["1-30"], e["31-60"], e["61-90"], e["90+"], e.total] });
    }
    const total = byName.get("Total")!;
    expect(cents(total[6])).toBe(exp.total);
    expect(["Current", "1-30", "31-60", "61-90", "90+"].map((_, j) => cents(total[j + 1]))).toEqual(
      ["Current", "1-30", "31-60", "61-90", "90+"].map((b) => exp.buckets[b]),
    );
    const buckets = block(sheets["Aging"], "Open balance by days past due");
    expect(cents(buckets.find((r) => r[0] === "Total")![1])).toBe(exp.total);
    expect(exp.total).toBeGreaterThan(0);
  });

  it("sla: each agent's items, SLA met and accuracy are its own items'", () => {
    const exp = expectedSla(work, asOf);
    const rows = block(sheets["SLA & Quality"], "By agent");
    const byName = new Map(rows.map((r) => [r[0], r]));
    expect(exp.agents.size).toBeGreaterThan(10);
    for (const [name, e] of exp.agents) {
      const r = byName.get(name);
      expect(r).toBeDefined();
      expect({ name, items: Number(r![1]), backlog: Number(r![5]) }).toEqual({
        name,
        items: e.items,
        backlog: e.backlog,
      });
      // Percentages come through as LibreOffice shows them (one decimal).
      expect(num(r![2])).toBeCloseTo(e.items ? e.met / e.items : 0, 2);
      expect(num(r![3])).toBeCloseTo(e.qc ? e.pass / e.qc : 0, 2);
    }
  });

  it("aging money shows in rupees with lakh/crore grouping in LibreOffice, a credit with its minus", () => {
    const exp = expectedAging(invoices, asOf);
    const g = shown["Aging"];
    const buckets = block(g, "Open balance by days past due");
    expect(buckets.find((r) => r[0] === "Total")![1]).toBe(rupees(exp.total));
    expect(exp.total).toBeGreaterThan(1e9); // crores of rupees, in paise
    const customers = block(g, "Open balance by customer");
    for (const [name, e] of exp.byCustomer) expect(customers.find((r) => r[0] === name)![6]).toBe(rupees(e.total));
    const credit = g.find((r) => r[1] === "INV-1")!;
    expect(credit.slice(6, 9)).toEqual(["₹1,000.00", "₹1,24,456.78", "-₹1,23,456.78"]);
    // Not yet due reads as words; the number stays a number for the buckets.
    expect(g.some((r) => r[4] === "not yet due")).toBe(true);
  });
});
