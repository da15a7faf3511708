/**
 * The review queue of the Reconcile view, keyboard only (no mouse click anywhere), in the workbench on
 * the demo workbook: the suggestion is accepted with A, taken back with A, rejected with R (its items then
 * listed as not matched, each with its category and suggested action), accepted again; the keys are on
 * screen and each decision is said; the filters narrow by amount and rule; the results are written, the
 * workbook downloaded and opened again as the next person would, and a re-run there comes back with the
 * suggestion still accepted and the column mapping as it was set. Then bulk accept on a corpus pair (the
 * books opened as the workbook, the bank export as a statement file): the confirmation says how many.
 * Screenshot: docs/reconcile-queue.png (normal width, light).
 */
import * as fs from "fs";
import * as path from "path";
import { axeViolations, describeBrowser, openWorkbench, tempDir } from "./harness";
import {
  CORPUS,
  chooseByKeys,
  chooseFile,
  downloadAndReopen,
  openAsWorkbook,
  openReconcile,
  press,
  readTable,
  runByKeys,
  said,
  scrollPaneTo,
  typeInto,
} from "./recon-keys";

const ROOT = path.resolve(__dirname, "..", "..");

describeBrowser("the review queue, keyboard only (workbench)", () => {
  it("accepts, takes back, rejects and filters with keys; the decision and mapping survive a write and a reopen", async () => {
    const wb = await openWorkbench({ width: 1280, height: 1000 });
    const dir = tempDir("bpo-recon-queue-");
    try {
      const { page } = wb;
      const bankBefore = await readTable(page, "Bank");
      await openReconcile(page);
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="recon-left"]') as HTMLSelectElement | null)?.value === "Bank",
      );
      // A mapping detection would not give: the bank's dates read day first whatever they prove.
      expect(await page.getByTestId("recon-left-date-order").inputValue()).toBe("");
      await chooseByKeys(page, "recon-left-date-order", "DMY");
      expect(await page.getByTestId("recon-left-date-order").inputValue()).toBe("DMY");
      await runByKeys(page);
      await said(page, /^Reconciled Bank with Ledger: \d+ matches, 1 suggested \(1 to review\)/);

      const panel = page.locator('[data-view="reconcile"]');
      // The keys are shown on screen, and the list says it takes them.
      expect(await page.getByTestId("recon-keys").textContent()).toMatch(/↑.*↓.*move.*A.*accept.*R.*reject/);
      const option = page.locator('[role="option"][data-testid="recon-suggestion"]');
      expect(await option.count()).toBe(1);
      expect(await option.getAttribute("aria-keyshortcuts")).toBe("A R");
      expect(await option.textContent()).toMatch(/To review.*45,210\.00.*45,120\.00/);
      const before = await panel.locator('[data-testid="recon-item"]').count();

      await option.focus();
      await page.keyboard.press("a");
      await said(page, /^M\d+ accepted\. 1 of 1 decided\.$/);
      expect(await option.getAttribute("data-decision")).toBe("accept");
      // Obvious without colour: the word and the mark.
      expect(await option.textContent()).toContain("✓ Accepted");
      await page.keyboard.press("A");
      await said(page, /^M\d+ back to review\. 0 of 1 decided\.$/);
      expect(await option.getAttribute("data-decision")).toBe("");

      await page.keyboard.press("r");
      await said(page, /^M\d+ rejected\. 1 of 1 decided\.$/);
      expect(await option.textContent()).toContain("✗ Rejected");
      // Its two items are back among the not matched, categorised, each with a suggested action.
      expect(await panel.locator('[data-testid="recon-item"]').count()).toBe(before + 2);
      const bankItem = panel.locator('[data-testid="recon-item"][data-row="35"]').first();
      expect(await bankItem.textContent()).toMatch(/Suggested: /);
      expect(await axeViolations(page, '[data-view="reconcile"]')).toEqual([]);
      await page.keyboard.press("a");
      await said(page, /^M\d+ accepted\./);
      expect(await panel.locator('[data-testid="recon-item"]').count()).toBe(before);

      // Filters: by amount (the bank charges of 590.00 and 106.20 leave), by rule (the fuzzy suggestion leaves).
      const items = async () =>
        panel
          .locator('[data-testid="recon-item"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-category")));
      expect(await items()).toEqual(["bank-charge", "bank-charge", "interest", "unpresented-cheque"]);
      await typeInto(page, "recon-filter-min", "1,000");
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="recon-item"]').length === 2);
      expect(await items()).toEqual(["interest", "unpresented-cheque"]);
      await chooseByKeys(page, "recon-filter-category", "Unpresented cheque");
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="recon-item"]').length === 1);
      await typeInto(page, "recon-filter-min", "");
      await chooseByKeys(page, "recon-filter-category", "Any category");
      await chooseByKeys(page, "recon-filter-rule", "fuzzy");
      expect(await option.count()).toBe(1);
      await typeInto(page, "recon-filter-max", "100");
      await panel.getByText("No suggestion matches the filters.").waitFor();
      await typeInto(page, "recon-filter-max", "");
      await chooseByKeys(page, "recon-filter-rule", "Any rule");
      await option.waitFor();

      await scrollPaneTo(page, "#recon-queue-h");
      await option.focus();
      await page.screenshot({ path: path.join(ROOT, "docs", "reconcile-queue.png") });

      // Write, then open the saved workbook as the next person would, and run again.
      await press(page, "recon-write");
      await said(page, /^Wrote Recon Summary, Recon Matched and Recon Unmatched/);
      expect(await readTable(page, "Bank")).toBe(bankBefore);
      await downloadAndReopen(page, dir);
      await openReconcile(page);
      await page.getByTestId("recon-restored").waitFor();
      expect(await page.getByTestId("recon-restored").textContent()).toMatch(
        /^Columns and decisions as in the last run \(\d{4}-\d\d-\d\d\)\.$/,
      );
      // The mapping as it was set, not detected afresh.
      expect(await page.getByTestId("recon-left-date-order").inputValue()).toBe("DMY");
      expect(await page.getByTestId("recon-left-ref").inputValue()).toBe("Ref No");
      await runByKeys(page);
      const again = page.locator('[data-testid="recon-suggestion"]');
      expect(await again.getAttribute("data-decision")).toBe("accept");
      expect(await again.textContent()).toContain("✓ Accepted");
      await said(page, /0 to review|1 suggested \(0 to review\)/);
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240000);

  it("bulk-accepts the suggestions at or above a score after a confirmation that says how many", async () => {
    const wb = await openWorkbench({ width: 1280, height: 1000 });
    try {
      const { page } = wb;
      // The books (a QuickBooks export) opened as the workbook; the bank's export added as a statement file.
      await openAsWorkbook(page, path.join(CORPUS, "am_quickbooks.csv"));
      await openReconcile(page);
      await chooseFile(page, "recon-left-file", path.join(CORPUS, "am_bank.csv"));
      await said(page, /^am_bank\.csv read in this browser, 16 rows, as the left side/);
      await chooseByKeys(page, "recon-right", /^am_quickbooks/);
      await runByKeys(page);
      const options = page.locator('[data-testid="recon-suggestion"]');
      expect(await options.count()).toBe(2);

      await typeInto(page, "recon-bulk-score", "0.9");
      expect(await page.getByTestId("recon-bulk").isDisabled()).toBe(true);
      await typeInto(page, "recon-bulk-score", "0.80");
      expect(await page.getByTestId("recon-bulk").textContent()).toBe("Accept 2 at 0.80 or more…");
      await press(page, "recon-bulk");
      const dialog = page.getByRole("dialog");
      await dialog.waitFor();
      expect(await dialog.getByRole("heading").textContent()).toBe("Accept 2 suggested matches?");
      expect(await dialog.textContent()).toMatch(/The 2 suggestions the filters show that score 0\.80 or more/);
      expect(await axeViolations(page, "body")).toEqual([]);
      // Esc answers no: nothing changes.
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      expect(await options.evaluateAll((els) => els.map((e) => e.getAttribute("data-decision")))).toEqual(["", ""]);
      await press(page, "recon-bulk");
      await dialog.waitFor();
      await page.keyboard.press("Enter");
      await said(page, /^2 suggestions accepted: M\d+, M\d+\.$/);
      expect(await options.evaluateAll((els) => els.map((e) => e.getAttribute("data-decision")))).toEqual([
        "accept",
        "accept",
      ]);
      expect(await page.getByTestId("recon-bulk").isDisabled()).toBe(true);
      // The bulk button has nothing left to accept: the focus is back on the list, not lost.
      expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("option");
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
    }
  }, 240000);
});
