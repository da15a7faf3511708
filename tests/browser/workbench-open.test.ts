/**
 * The workbench on the user's own file: "Open a workbook…" reads an .xlsx or .csv in the browser and the
 * taskpane starts over on it (banner and footer name the file); a report runs on its tables; a file that
 * is not a workbook is refused with the same message the CLI gives, and the current workbook stays.
 */
import * as fs from "fs";
import * as path from "path";
import { FileWorkbook } from "../../src/workbook/file";
import { axeViolations, describeBrowser, openWorkbench, tempDir, type WorkbenchPage } from "./harness";

describeBrowser("workbench: open a workbook of your own", () => {
  let wb: WorkbenchPage;
  const dir = tempDir("bpo-open-");

  beforeAll(async () => {
    wb = await openWorkbench({ width: 1400, height: 900 });
  });
  afterAll(async () => {
    await wb?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a file that is not a workbook, saying what to do, and keeps the demo workbook", async () => {
    const { page } = wb;
    const bad = path.join(dir, "notes.xlsx");
    fs.writeFileSync(bad, "Date,Amount\n1,2\n");
    await page.getByTestId("workbench-file").setInputFiles(bad);
    const err = page.getByTestId("workbench-open-error");
    await err.waitFor({ timeout: 30000 });
    expect(await err.textContent()).toMatch(/notes\.xlsx is a text file .*not an \.xlsx workbook.*save it as \.xlsx/);
    expect(
      await page
        .locator("main .fui-MessageBar")
        .getByText("running against an in-browser demo workbook, not Excel")
        .isVisible(),
    ).toBe(true);
  });

  it("opens an .xlsx in the browser, starts over on it and runs a report on its invoices", async () => {
    const { page } = wb;
    // The user's book: a title line above the invoices table, as exported reports often have.
    const book = new FileWorkbook();
    book.addUserSheet("Invoices", [
      ["Open invoices, exported 2025-10-31"],
      [],
      ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount", "Paid"],
      ["A-1", "Acme", 45870, 45900, 1000, 0],
      ["A-2", "Acme", 45880, 45910, 2500.5, 500],
      ["B-1", "Beta", 45950, 45980, 700, 0],
    ]);
    const file = path.join(dir, "my-invoices.xlsx");
    fs.writeFileSync(file, await book.toXlsx());

    await page.getByTestId("workbench-file").setInputFiles(file);
    await page
      .locator("main .fui-MessageBar")
      .getByText("running against my-invoices.xlsx, opened in this browser, not Excel")
      .waitFor({ timeout: 30000 });
    expect(await page.getByText("my-invoices.xlsx: read in this browser, nothing leaves it").isVisible()).toBe(true);
    expect(await page.locator('table[data-sheet="Invoices"]').textContent()).toContain("Open invoices, exported");

    await page.getByRole("tab", { name: "Reports" }).click();
    await page.getByTestId("run-report-aging").click();
    // As of 2025-10-31 (45961): A-1 is 61 days past due (1,000.00), A-2 51 days (2,000.50), B-1 not yet due (700.00).
    await page.waitForFunction(() =>
      /^Aging as of 2025-10-31: ₹3,700\.50 open on 3 invoices/.test(
        document.querySelector('[data-testid="report-result"]')?.textContent ?? "",
      ),
    );
    const sheets = await page.evaluate(async () => {
      const w = (window as unknown as { __bpoWorkbench: { wb: { sheets(): Promise<{ name: string }[]> } } })
        .__bpoWorkbench.wb;
      return (await w.sheets()).map((s) => s.name);
    });
    expect(sheets).toEqual(["Invoices", "Aging"]);
    expect(await axeViolations(page, '[aria-label="Workbook my-invoices.xlsx"]')).toEqual([]);
    expect(wb.errors).toEqual([]);
  });
});
