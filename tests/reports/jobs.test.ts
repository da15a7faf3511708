/**
 * The reports job over the Workbook port (file adapter on the sample workbook): inputs found by name or by
 * headers, each report's sheet written with its role, the ribbon handler's outcomes, and the demo step.
 */
import { generateSample, sampleSheets } from "../../src/core/sample";
import { FileWorkbook } from "../../src/workbook/file";
import { REPORT_KINDS, findInput, runReportJob } from "../../src/workbook/jobs/reports";
import { runReport } from "../../src/commands/report-handlers";
import { demoStep } from "../../src/cli/demo-steps/reports";
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
    expect(r.message).toMatch(/^Payroll 2025-10: 50 employees, gross ₹/);
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

  it("the demo step writes all five reports, recon last", async () => {
    const { wb, asOf } = await sampleBook();
    const lines = await demoStep({ wb, asOf, asOfIso: isoFromSerial(asOf) });
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/^Report recon -> sheet Recon Summary/);
    expect(lines.every((l) => !/skipped/.test(l))).toBe(true);
  });
});
