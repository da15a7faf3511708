/**
 * The Reports view in a real browser (the workbench on the in-browser demo workbook): each report runs from
 * its card, shows progress and a success message with its key figures, writes its sheet (with the add-in's
 * role) and shows it in the preview. Screenshots of the previews go to docs/report-<kind>.png.
 */
import * as fs from "fs";
import * as path from "path";
import { axeViolations, describeBrowser, openWorkbench, type WorkbenchPage } from "./harness";

const SHEETS: Record<string, [string, string, RegExp]> = {
  aging: ["Aging", "report:aging", /^Aging as of 2025-10-31: ₹[\d,]+\.\d\d open on \d+ invoices/],
  payroll: ["Payroll Register", "report:payroll", /^Payroll 2025-10: 50 employees, gross ₹/],
  sla: ["SLA & Quality", "report:sla", /^SLA as of 2025-10-31: \d+ items completed, [\d.]+% within SLA/],
  quality: ["Data Quality", "report:quality", /^Data quality: \d+ rows in 7 tables/],
  recon: ["Recon Summary", "recon:summary", /^Reconciliation: \d+ of \d+ left and \d+ of \d+ right items matched/],
};

describeBrowser("Reports view (workbench)", () => {
  let wb: WorkbenchPage;

  beforeAll(async () => {
    wb = await openWorkbench({ width: 1400, height: 900 });
    await wb.page.getByRole("tab", { name: "Reports" }).click();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it("defaults the as-of date to the demo month end in the workbench", async () => {
    expect(await wb.page.getByTestId("report-as-of").inputValue()).toBe("2025-10-31");
  });

  for (const [kind, [sheet, role, message]] of Object.entries(SHEETS))
    it(`runs the ${kind} report and previews the ${sheet} sheet`, async () => {
      const { page } = wb;
      await page.getByTestId(`run-report-${kind}`).click();
      const result = page.getByTestId("report-result");
      // The message of this run (the previous run's message is cleared when a run starts).
      await page.waitForFunction(
        (src) => new RegExp(src).test(document.querySelector('[data-testid="report-result"]')?.textContent ?? ""),
        message.source,
        { timeout: 60000 },
      );
      expect(await result.innerText()).toMatch(message);
      const table = page.locator(`table[data-sheet="${sheet}"]`);
      await table.waitFor({ timeout: 30000 });
      const roles = await page.evaluate(async () => {
        const w = (
          window as unknown as {
            __bpoWorkbench: { wb: { sheets(): Promise<{ name: string; role: string | null }[]> } };
          }
        ).__bpoWorkbench.wb;
        return Object.fromEntries((await w.sheets()).map((s) => [s.name, s.role]));
      });
      expect(roles[sheet]).toBe(role);
      // The title row of the report is in the preview.
      expect(await table.innerText()).toMatch(/As of/);
      // Toasts stack over the preview's corner: hide them for the picture (they were checked above).
      await page.addStyleTag({ content: ".fui-Toast, .fui-Toaster { visibility: hidden !important; }" });
      const out = path.resolve(__dirname, "../../docs", `report-${kind}.png`);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await page.locator('section[aria-label="Demo workbook"]').screenshot({ path: out });
      expect(fs.statSync(out).size).toBeGreaterThan(10_000);
      expect(wb.errors).toEqual([]);
    });

  it("lets the user choose an input table, and asks for one when a report's input is missing", async () => {
    const { page } = wb;
    await page.getByRole("button", { name: "Choose input tables…" }).click();
    await page.getByLabel("Invoices table", { exact: true }).selectOption("Invoices");
    await page.getByTestId("run-report-aging").click();
    await page.waitForFunction(() =>
      /^Aging as of/.test(document.querySelector('[data-testid="report-result"]')?.textContent ?? ""),
    );
    // Take the work items away: the SLA report cannot find its input and asks which table to use.
    await page.evaluate(async () => {
      const w = (window as unknown as { __bpoWorkbench: { wb: { remove(n: string, r: string): Promise<void> } } })
        .__bpoWorkbench.wb;
      await w.remove("WorkItems", "sample:workitems");
    });
    await page.getByTestId("run-report-sla").click();
    const panel = page.locator('[data-view="reports"]');
    const ask = panel.getByText("SLA & quality needs a table.");
    await ask.waitFor({ timeout: 30000 });
    expect(await panel.getByText(/No WorkItems table found: .*Item ID, Process, Agent, Received/).count()).toBe(1);
    expect(await page.getByLabel("WorkItems table", { exact: true }).isVisible()).toBe(true);
    expect(wb.errors).toEqual([]);
  });

  it("has no axe-core violations in the Reports view or the sheet preview, with a result and a question showing", async () => {
    expect(await axeViolations(wb.page, '[data-view="reports"]')).toEqual([]);
    expect(await axeViolations(wb.page, 'section[aria-label="Demo workbook"]')).toEqual([]);
  });
});
