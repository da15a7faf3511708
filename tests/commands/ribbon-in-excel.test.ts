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

function withInvoices(fake = new ExcelFake()): ExcelFake {
  const { invoices } = generateSample();
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

  it("over an Aging sheet the user annotated: keeps the old one as a copy and says so", async () => {
    // A host with the comments API (ExcelApi 1.10), beyond manifest.xml's 1.9.
    const fake = withInvoices(new ExcelFake({ grant: { ExcelApi: "1.10" } }));
    await click(fake);
    fake.addComment("Aging", "B2", "Acme pays on Friday");
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    const { completed, notices } = await click(fake);
    expect(completed).toBe(1);
    expect(notices).toHaveLength(1);
    expect(notices[0].intent).toBe("warning");
    expect(notices[0].message).toMatch(
      new RegExp(
        `^Aging as of .*"Aging" had changes of yours \\(1 comment\\): the old sheet is kept as "Aging \\(kept ${iso}\\)" and the report replaced it\\.$`,
      ),
    );
    expect(fake.sheetNames()).toEqual(["Invoices", "Aging", `Aging (kept ${iso})`]);
    // Nothing new since: the next click keeps no second copy.
    expect((await click(fake)).notices[0].intent).toBe("success");
    expect(fake.sheetNames()).toHaveLength(3);
  });
});
