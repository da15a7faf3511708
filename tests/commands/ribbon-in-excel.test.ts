/**
 * A ribbon report against the office adapter on the strict Excel fake: what the user sees when Excel is busy
 * with a cell edit, or the workbook's structure is protected. The event is completed either way.
 */
import { reportCommand } from "../../src/commands/commands";
import { runReport } from "../../src/commands/report-handlers";
import { takeNotices } from "../../src/taskpane/bridge";
import { OfficeWorkbook } from "../../src/workbook/office";
import { generateSample } from "../../src/core/sample";
import { colLetters } from "../../src/workbook/a1";
import { ExcelFake } from "../fakes/excel-fake";

function withInvoices(): ExcelFake {
  const { invoices } = generateSample();
  const fake = new ExcelFake();
  fake.addSheet("Invoices", [invoices.headers, ...invoices.rows]);
  fake.addTable("Invoices", "Invoices", `A1:${colLetters(invoices.headers.length)}${invoices.rows.length + 1}`);
  return fake;
}

async function click(fake: ExcelFake): Promise<{ completed: number; notices: { message: string; intent: string }[] }> {
  let completed = 0;
  await reportCommand("aging", {
    workbook: () => new OfficeWorkbook(fake),
    run: runReport,
    activate: async () => undefined,
    askForInput: async () => undefined,
  })({ completed: () => void completed++ });
  return { completed, notices: takeNotices() };
}

beforeEach(() => takeNotices());

describe("ribbon reports inside Excel", () => {
  it("while a cell is being edited: asks the user to finish the edit", async () => {
    const fake = withInvoices();
    fake.startCellEdit();
    expect(await click(fake)).toEqual({
      completed: 1,
      notices: [
        {
          message: "The report did not run: Finish editing the cell (press Enter or Esc), then try again.",
          intent: "error",
        },
      ],
    });
    fake.endCellEdit();
    const after = await click(fake);
    expect(after.notices[0].intent).toBe("success");
    expect(fake.sheetNames()).toContain("Aging");
  });

  it("in a structure-protected workbook: says how to unprotect it", async () => {
    const fake = withInvoices();
    fake.book.structureProtected = true;
    const { completed, notices } = await click(fake);
    expect(completed).toBe(1);
    expect(notices).toEqual([
      {
        message:
          'The report did not run: The workbook\'s structure is protected (Review → Protect Workbook). Unprotect it to let BPO Desk add the sheet "Aging".',
        intent: "error",
      },
    ]);
    expect(fake.sheetNames()).toEqual(["Invoices"]);
  });
});
