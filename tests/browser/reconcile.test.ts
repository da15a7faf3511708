/**
 * The Reconcile view in a real browser (the workbench and its demo workbook): Bank and Ledger are picked
 * by default with their columns detected, a run shows the planted exceptions (the transposed amount as a
 * suggestion), one suggestion is accepted with the keyboard, the results are written and the Recon Summary
 * appears in the preview; the Bank and Ledger values are unchanged. Screenshot: docs/reconcile.png.
 */
import * as path from "path";
import { axeViolations, describeBrowser, openWorkbench, type WorkbenchPage } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");

describeBrowser("Reconcile view (workbench)", () => {
  let wb: WorkbenchPage;

  beforeAll(async () => {
    wb = await openWorkbench({ height: 1100 });
  });
  afterAll(async () => {
    await wb?.close();
  });

  it("runs Bank vs Ledger, accepts a suggestion, writes the three sheets and leaves the sources unchanged", async () => {
    const { page } = wb;
    const readTable = (name: string) =>
      page.evaluate(async (n) => {
        const w = (window as unknown as { __bpoWorkbench: { wb: { read(s: string): Promise<{ rows: unknown[][] }> } } })
          .__bpoWorkbench.wb;
        return JSON.stringify((await w.read(n)).rows);
      }, name);
    const bankBefore = await readTable("Bank");
    const ledgerBefore = await readTable("Ledger");

    await page.getByRole("tab", { name: /Reconcile/ }).click();
    const panel = page.locator('[role="tabpanel"][data-view="reconcile"]');
    const leftSelect = panel.locator('[data-testid="recon-left"]');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid="recon-left"]') as HTMLSelectElement | null)?.value === "Bank",
    );
    expect(await leftSelect.inputValue()).toBe("Bank");
    expect(await panel.locator('[data-testid="recon-right"]').inputValue()).toBe("Ledger");
    // Detected columns: Bank's Withdrawal/Deposit pair and Ledger's Debit/Credit pair.
    expect(await panel.locator('[data-testid="recon-left-in"]').inputValue()).toBe("Deposit");
    expect(await panel.locator('[data-testid="recon-left-out"]').inputValue()).toBe("Withdrawal");
    expect(await panel.locator('[data-testid="recon-right-in"]').inputValue()).toBe("Debit");
    expect(await panel.locator('[data-testid="recon-right-ref"]').inputValue()).toBe("Voucher No");

    await panel.locator('[data-testid="recon-run"]').click();
    const summary = panel.locator('[data-testid="recon-summary"]');
    await summary.waitFor({ timeout: 30000 });
    // The sample plants one transposed amount (45,210.00 vs 45,120.00): a suggestion, not a confirmed match.
    const suggestion = panel.locator('[data-testid="recon-suggestion"]').first();
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toMatch(/45,210\.00.*45,120\.00|swapped digits/);

    // Accept it with the keyboard: the current suggestion's Accept button (the list takes A as well).
    const accept = panel.locator('[data-testid="recon-accept"]');
    await accept.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => document.querySelector('[data-testid="recon-suggestion"]')?.getAttribute("data-decision") === "accept",
    );

    await panel.locator('[data-testid="recon-write"]').click();
    await panel.locator('[data-testid="recon-written"]').waitFor({ timeout: 30000 });
    const grid = page.locator('table[data-sheet="Recon Summary"]');
    await grid.waitFor({ timeout: 30000 });
    expect(await grid.textContent()).toContain("Reconciliation summary");

    // The accepted suggestion is confirmed in Recon Matched; the sources are unchanged.
    const matched = await page.evaluate(async () => {
      const w = (
        window as unknown as {
          __bpoWorkbench: { wb: { read(s: string): Promise<{ headers: string[]; rows: unknown[][] }> } };
        }
      ).__bpoWorkbench.wb;
      const t = await w.read("ReconMatched");
      const rule = t.headers.indexOf("Rule");
      const status = t.headers.indexOf("Status");
      return t.rows.filter((r) => r[rule] === "fuzzy").map((r) => r[status]);
    });
    expect(matched.length).toBeGreaterThan(0);
    expect(matched.every((s) => s === "confirmed")).toBe(true);
    expect(await readTable("Bank")).toBe(bankBefore);
    expect(await readTable("Ledger")).toBe(ledgerBefore);
    await page.screenshot({ path: path.join(ROOT, "docs", "reconcile.png"), fullPage: false });
    expect(wb.errors).toEqual([]);
  }, 120000);

  it("has no axe-core violations in the Reconcile view with its results and suggestions showing", async () => {
    expect(await axeViolations(wb.page, '[data-view="reconcile"]')).toEqual([]);
  });
});
