/**
 * The ribbon's Bank Reconciliation button (REPORT_COMMANDS runBrsReport) against the office adapter on the
 * strict Excel fake holding the sample Bank and Ledger: the event completes, the sheet is written and
 * activated, and the notice says it balanced.
 */
import { REPORT_COMMANDS, reportCommand } from "../../../src/commands/commands";
import { runReport } from "../../../src/commands/report-handlers";
import { takeNotices } from "../../../src/taskpane/bridge";
import { OfficeWorkbook } from "../../../src/workbook/office";
import { generateSample } from "../../../src/core/sample";
import { colLetters } from "../../../src/workbook/a1";
import { ExcelFake } from "../../fakes/excel-fake";

describe("the ribbon's Bank Reconciliation button", () => {
  it("is the brs report", () => {
    expect(REPORT_COMMANDS.runBrsReport).toBe("brs");
  });

  it("writes the Bank Reconciliation sheet inside Excel and says it balanced", async () => {
    const sample = generateSample();
    const fake = new ExcelFake();
    for (const [name, t] of [
      ["Bank", sample.bank],
      ["Ledger", sample.ledger],
    ] as const) {
      fake.addSheet(name, [t.headers, ...t.rows]);
      fake.addTable(name, name, `A1:${colLetters(t.headers.length)}${t.rows.length + 1}`);
    }
    takeNotices();
    let completed = 0;
    const activated: string[] = [];
    await reportCommand(REPORT_COMMANDS.runBrsReport, {
      workbook: () => new OfficeWorkbook(fake),
      run: (kind, wb) => runReport(kind, wb, { asOf: sample.asOf }),
      activate: async (sheet) => void activated.push(sheet),
      askForInput: async () => undefined,
    })({ completed: () => void completed++ });
    expect(completed).toBe(1);
    expect(activated).toEqual(["Bank Reconciliation"]);
    expect(fake.sheetNames()).toContain("Bank Reconciliation");
    const [notice] = takeNotices();
    expect(notice.intent).toBe("success");
    expect(notice.message).toMatch(/^Bank reconciliation as of 2025-10-31: .*difference ₹0\.00 \(reconciled\)\.$/);
  });
});
