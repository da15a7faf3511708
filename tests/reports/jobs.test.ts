/**
 * The reports job over the Workbook port (file adapter on the sample workbook): inputs found by name or by
 * headers, each report's sheet written with its role, the ribbon handler's outcomes, and the demo step.
 */
import { generateSample, sampleSheets } from "../../src/core/sample";
import { FileWorkbook } from "../../src/workbook/file";
import { REPORT_KINDS, findInput, runReportJob } from "../../src/workbook/jobs/reports";
import { runReport } from "../../src/commands/report-handlers";
import { demoStep } from "../../src/cli/demo-steps/reports";
import { demoStep as validateStep } from "../../src/cli/demo-steps/validate";
import { demoStep as reconStep } from "../../src/cli/demo-steps/recon";
import { NUMFMT, isFormulaCell, type SheetSpec } from "../../src/core/sheet-spec";
import { captureIo } from "../helpers/cli-io";
import { isoFromSerial, serialFromIso } from "../../src/core/dates";

const isoToSerial = (iso: string): number => serialFromIso(iso)!;
import { saveWorkbookFile } from "../../src/workbook/file-io";
import { main } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";
import { mkdtempSync } from "fs";
import * as os from "os";
import * as path from "path";

async function sampleBook(rename?: Record<string, string>): Promise<{ wb: FileWorkbook; asOf: number }> {
  const sample = generateSample();
  const wb = new FileWorkbook();
  for (const spec of sampleSheets(sample)) {
    const name = rename?.[spec.name];
    if (name === "") continue;
    await wb.write(
      name ? { ...spec, name, tables: spec.tables?.map((t) => ({ ...t, name: name.replace(/\W/g, "") })) } : spec,
    );
  }
  return { wb, asOf: sample.asOf };
}

describe("reports job", () => {
  it("runs every report on the sample workbook and writes each sheet with its role", async () => {
    const { wb, asOf } = await sampleBook();
    const progress: string[] = [];
    for (const kind of REPORT_KINDS) {
      const r = await runReportJob(wb, kind, { asOf, progress: (_d, _t, label) => progress.push(label ?? "") });
      expect(r.sheet).toBeTruthy();
      expect(r.message.length).toBeGreaterThan(10);
    }
    const roles = Object.fromEntries((await wb.sheets()).map((s) => [s.name, s.role]));
    expect(roles).toMatchObject({
      Aging: "report:aging",
      "Payroll Register": "report:payroll",
      "SLA & Quality": "report:sla",
      "Data Quality": "report:quality",
      "Recon Summary": "recon:summary",
    });
    expect(progress).toContain("Writing the report");
    // Running again replaces the add-in's own sheets (same roles), without duplicates.
    await runReportJob(wb, "aging", { asOf });
    expect((await wb.sheets()).filter((s) => s.name === "Aging")).toHaveLength(1);
  });

  it("prints for recon the same document as reconcile --json (Bank vs Ledger)", async () => {
    const { wb } = await sampleBook();
    const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-report-recon-"));
    await saveWorkbookFile(wb, path.join(dir, "book.xlsx"));
    const run = async (args: string[]) => {
      const out: string[] = [];
      const io: CliIo = { out: (t) => out.push(t), err: () => undefined, cwd: dir, today: () => "2025-10-31" };
      expect(await main(args, io)).toBe(0);
      return JSON.parse(out[0]);
    };
    const report = await run(["report", "recon", "book.xlsx", "--json"]);
    const reconcile = await run(["reconcile", "book.xlsx#Bank", "book.xlsx#Ledger", "--json"]);
    expect(report).toEqual(reconcile);
    expect(report.summary.left).toBeGreaterThan(0);
  });

  it("finds inputs by headers when the sheets have other names, and names the headers when none fits", async () => {
    const { wb, asOf } = await sampleBook({ Invoices: "Sales Q3", WorkItems: "" });
    const t = await findInput(wb, "invoices");
    expect(t.sheet).toBe("Sales Q3");
    await expect(runReportJob(wb, "sla", { asOf })).rejects.toThrow(
      /No WorkItems table found: .*Item ID, Process, Agent, Received, Completed, SLA Hours/,
    );
  });

  it("the ribbon handler: a sheet when inputs are found, null and a message when one is missing", async () => {
    const { wb, asOf } = await sampleBook({ Employees: "" });
    const ok = await runReport("aging", wb, { asOf });
    expect(ok.sheet).toBe("Aging");
    expect(ok.message).toMatch(/^Aging as of 2025-10-31: ₹[\d,]+\.\d\d open on \d+ invoices/);
    const ask = await runReport("payroll", wb, { asOf });
    expect(ask.sheet).toBeNull();
    expect(ask.message).toMatch(/No Employees table found.*Choose the table in the Reports pane/);
  });

  it("the ribbon's one click after month end makes the register of the month just closed", async () => {
    // Today (no as-of given) is after the sample's October 2025 and has no attendance: October is run.
    const { wb } = await sampleBook();
    const r = await runReport("payroll", wb);
    expect(r.sheet).toBe("Payroll Register");
    expect(r.message).toMatch(
      /^Payroll 2025-10 \(the latest month of attendance on or before \d{4}-\d\d-\d\d\): 50 employees, gross ₹/,
    );
    // An as-of chosen by the user (the Reports view, the CLI) is taken as asked: a month without attendance is said.
    await expect(runReportJob(wb, "payroll", { asOf: isoToSerial("2026-11-30") })).rejects.toThrow(
      "Attendance has no rows for 2026-11, the month of the as-of date; it covers 2025-10.",
    );
  });

  it("the ribbon handler throws when a user's sheet has the report's name, and leaves that sheet alone", async () => {
    const { wb, asOf } = await sampleBook();
    wb.addUserSheet("Aging", [["my notes"]]);
    await expect(runReport("aging", wb, { asOf })).rejects.toThrow(/Aging/);
    const data = await wb.read("Aging");
    expect(data.headers).toEqual(["my notes"]);
  });

  it("the demo step writes all six reports, recon and the bank reconciliation statement last", async () => {
    const { wb, asOf } = await sampleBook();
    const lines = await demoStep({ wb, asOf, asOfIso: isoFromSerial(asOf) });
    expect(lines).toHaveLength(6);
    expect(lines[4]).toMatch(/^Report recon -> sheet Recon Summary/);
    expect(lines[5]).toMatch(/^Report brs -> sheet Bank Reconciliation: .*difference ₹0\.00 \(reconciled\)/);
    expect(lines.every((l) => !/skipped/.test(l))).toBe(true);
  });

  it("bpo-desk report payroll without --as-of pays the latest month of attendance at or before today, and says which", async () => {
    const { wb } = await sampleBook(); // attendance for 2025-10 only
    const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-report-payroll-"));
    await saveWorkbookFile(wb, path.join(dir, "book.xlsx"));
    const on = (today: string) => ({ ...captureIo(dir), today: () => today });
    // 2 December: no attendance for December (nor November): October's register, and the summary says so.
    const dec = on("2025-12-02");
    expect(await main(["report", "payroll", "book.xlsx"], dec)).toBe(0);
    expect(dec.stdout.join("\n")).toMatch(
      /^Payroll 2025-10 \(the latest month of attendance on or before 2025-12-02\): 50 employees, gross ₹/,
    );
    // With --json the document is cli.md's, and which month ran goes to stderr.
    const json = on("2025-12-02");
    expect(await main(["report", "payroll", "book.xlsx", "--json"], json)).toBe(0);
    expect(JSON.parse(json.stdout[0]).employees).toHaveLength(50);
    expect(json.stderr.join("")).toMatch(/Payroll 2025-10: the latest month of attendance on or before 2025-12-02/);
    // Within the attendance month it is that month, without a remark.
    const oct = on("2025-10-20");
    expect(await main(["report", "payroll", "book.xlsx"], oct)).toBe(0);
    expect(oct.stdout.join("\n")).toMatch(/^Payroll 2025-10: 50 employees/);
    // Before any attendance there is no month to pay: exit 2, naming the months there are.
    const sep = on("2025-09-15");
    expect(await main(["report", "payroll", "book.xlsx"], sep)).toBe(2);
    expect(sep.stderr.join("")).toMatch(/Attendance has no month on or before 2025-09; it covers 2025-10/);
    // A date the user gives is taken as asked.
    const asked = on("2025-12-02");
    expect(await main(["report", "payroll", "book.xlsx", "--as-of", "2025-12-02"], asked)).toBe(2);
    expect(asked.stderr.join("")).toMatch(/Attendance has no rows for 2025-12, the month of the as-of date/);
  });

  it("the demo's report sheets freeze at most 10 rows, fit one page wide (landscape when 8+ columns) and show ₹", async () => {
    const { wb, asOf } = await sampleBook();
    const ctx = { wb, asOf, asOfIso: isoFromSerial(asOf) };
    await validateStep(ctx);
    await reconStep(ctx);
    const written: SheetSpec[] = [];
    const write = wb.write.bind(wb);
    wb.write = (spec, options) => {
      written.push(spec);
      return write(spec, options);
    };
    await demoStep(ctx);
    const reports = written.filter((s) => /^(report|recon):/.test(s.role) && s.role !== "recon:state");
    expect(reports.map((s) => s.name).sort()).toEqual(
      [
        "Aging",
        "Bank Reconciliation",
        "Data Quality",
        "Payroll Register",
        "Recon Matched",
        "Recon Summary",
        "Recon Unmatched",
        "SLA & Quality",
      ].sort(),
    );
    for (const s of reports) {
      const wide = Math.max(
        ...s.rows.map((r) => r.reduce<number>((w, c, j) => (c === null || c === undefined ? w : j + 1), 0)),
        ...(s.charts ?? []).map((c) => colNumber(c.anchor.to)),
      );
      expect({ sheet: s.name, frozen: s.freeze!.rows <= 10 }).toEqual({ sheet: s.name, frozen: true });
      expect({ sheet: s.name, fit: s.print?.fit, paper: s.print?.paper }).toEqual({
        sheet: s.name,
        fit: { wide: 1, tall: 0 },
        paper: "A4",
      });
      if (wide >= 8)
        expect({ sheet: s.name, orientation: s.print!.orientation }).toEqual({
          sheet: s.name,
          orientation: "landscape",
        });
      // The header row of the table prints on every page.
      const table = /^A(\d+):/.exec(s.tables![0].range)!;
      expect(s.print!.titleRows).toEqual({ first: Number(table[1]), last: Number(table[1]) });
      expect(s.print!.header!.left).toBe("&A");
      expect(s.print!.footer!.right).toBe("Page &P of &N");
    }
    // Every amount on Aging, in the summary and in the detail, carries the rupee sign; a negative one its own format.
    const aging = reports.find((s) => s.name === "Aging")!;
    const header = Number(/^A(\d+):/.exec(aging.tables![0].range)![1]);
    const money: [number, number][] = [];
    const h = aging.rows[header - 1];
    for (const col of ["Amount", "Paid", "Open Balance"].map((x) => h.indexOf(x) + 1))
      for (let r = header + 1; r <= aging.rows.length; r++) money.push([r, col]);
    const caption = aging.rows.findIndex((r) => r[0] === "Open balance by customer") + 1;
    for (let r = caption + 2; aging.rows[r - 1]?.[0]; r++) for (let c = 2; c <= 7; c++) money.push([r, c]);
    const buckets = aging.rows.findIndex((r) => r[0] === "Open balance by days past due") + 1;
    for (let r = buckets + 2; aging.rows[r - 1]?.[0]; r++) money.push([r, 2]);
    expect(money.length).toBeGreaterThan(400);
    for (const [r, c] of money) {
      const fmt = numFmtAt(aging, r, c);
      const cell = aging.rows[r - 1][c - 1];
      const v = isFormulaCell(cell) ? cell.v : cell;
      expect({ at: [r, c], fmt }).toEqual({
        at: [r, c],
        fmt: typeof v === "number" && v < 0 ? NUMFMT.inrNegative : NUMFMT.inr,
      });
      expect(fmt).toContain("₹");
    }
  });
});

/** Column number of an A1 cell ("J20" -> 10). */
function colNumber(a1: string): number {
  let n = 0;
  for (const ch of /^\$?([A-Z]+)/.exec(a1)![1]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** The number format a cell ends up with: the last style over it that sets one, as an adapter applies them in order. */
function numFmtAt(s: SheetSpec, row: number, col: number): string | undefined {
  let fmt: string | undefined;
  for (const { range, style } of s.styles ?? []) {
    if (!style.numFmt) continue;
    const [a, b = a] = range.split(":");
    const r1 = Number(/\d+/.exec(a)![0]);
    const r2 = Number(/\d+/.exec(b)![0]);
    if (row >= r1 && row <= r2 && col >= colNumber(a) && col <= colNumber(b)) fmt = style.numFmt;
  }
  return fmt;
}
