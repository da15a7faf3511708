/**
 * The bank reconciliation statement from the pane, keyboard only: the Reports view's card writes it, puts
 * the focus on the outcome and says it through the live region (balanced to a zero difference on the
 * demo); the Reconcile view offers it once a bank statement has been reconciled with the books, with
 * the decisions taken there. Then axe on every state of the Reconcile view worth checking (queue, bulk
 * accept's dialog, a statement file loaded, a profile offered), light and dark, at 320 px.
 */
import * as path from "path";
import { axeViolations, describeBrowser, openWorkbench } from "./harness";
import { CORPUS, chooseFile, openReconcile, press, runByKeys, said, sheetsOf, typeInto } from "./recon-keys";

describeBrowser("the bank reconciliation statement in the pane (workbench)", () => {
  it("Reports: the BRS card writes the statement, focuses its outcome and says it", async () => {
    const wb = await openWorkbench({ width: 1280, height: 900 });
    try {
      const { page } = wb;
      await page.getByRole("tab", { name: /Reports/ }).focus();
      await page.keyboard.press("Enter");
      const card = page.getByTestId("run-report-brs");
      await card.waitFor();
      expect(await card.getAttribute("aria-label")).toBe("Run bank reconciliation statement");
      await press(page, "run-report-brs");
      const words = await said(
        page,
        /^Bank reconciliation statement written\. Bank reconciliation as of 2025-10-31: .* difference ₹0\.00 \(reconciled\)\.$/,
        60000,
      );
      expect(words).toMatch(/1 unpresented cheque/);
      await page.waitForFunction(() => document.activeElement?.textContent === "Bank reconciliation statement written");
      const sheet = page.locator('table[data-sheet="Bank Reconciliation"]');
      await sheet.waitFor({ timeout: 30000 });
      expect(await sheet.textContent()).toMatch(/Balance as per bank statement/i);
      expect(await axeViolations(page, "body")).toEqual([]);
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
    }
  }, 180000);

  it("Reconcile: offered for a bank against the books, written with the decisions taken, balanced", async () => {
    const wb = await openWorkbench({ width: 1280, height: 900 });
    try {
      const { page } = wb;
      await openReconcile(page);
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="recon-left"]') as HTMLSelectElement | null)?.value === "Bank",
      );
      await runByKeys(page);
      await page.locator('[role="option"]').first().focus();
      await page.keyboard.press("a");
      await said(page, /accepted/);
      expect(await page.getByTestId("recon-brs").textContent()).toBe("Bank reconciliation statement");
      expect(await page.locator("#recon-brs-hint").textContent()).toMatch(/as of 2025-10-31, the last date on Bank/);
      await press(page, "recon-brs");
      const words = await said(page, /^Bank reconciliation statement written\. As of 2025-10-31: bank /);
      expect(words).toMatch(/difference 0\.00 \(reconciled\)\.$/);
      expect(words).toMatch(/1 unpresented/);
      await page.waitForFunction(() => document.activeElement?.textContent === "Bank reconciliation statement written");
      await page.locator('table[data-sheet="Bank Reconciliation"]').waitFor({ timeout: 30000 });
      expect((await sheetsOf(page)).find((s) => s.name === "Bank Reconciliation")?.role).toBe("report:brs");
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
    }
  }, 180000);

  it("is not offered when neither side is a bank statement", async () => {
    const wb = await openWorkbench({ width: 1280, height: 900 });
    try {
      const { page } = wb;
      await openReconcile(page);
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="recon-left"]') as HTMLSelectElement | null)?.value === "Bank",
      );
      // Two books: the demo's Ledger against a QuickBooks export.
      await chooseFile(page, "recon-left-file", path.join(CORPUS, "am_quickbooks.csv"));
      await said(page, /^am_quickbooks\.csv read/);
      await runByKeys(page);
      expect(await page.getByTestId("recon-brs").count()).toBe(0);
    } finally {
      await wb.close();
    }
  }, 180000);
});

describeBrowser("axe on every state of the Reconcile view (320 px)", () => {
  for (const theme of ["light", "dark"] as const)
    it(`queue, bulk-accept dialog, file side, profile offered: nothing found, ${theme}`, async () => {
      const wb = await openWorkbench({ width: 320, height: 900, query: `?theme=${theme}` });
      try {
        const { page } = wb;
        const clean = async (state: string) => {
          expect({ state, v: await axeViolations(page, "body") }).toEqual({ state, v: [] });
          // Nothing sticks out of the 320 px pane, and the page never scrolls sideways.
          const outside = await page.evaluate(() => {
            const panel = document.querySelector('[role="tabpanel"][data-view="reconcile"]') as HTMLElement;
            const box = panel.getBoundingClientRect();
            const out = [...panel.querySelectorAll<HTMLElement>("input, select, button, [role=option], li, table")]
              .filter((e) => e.offsetParent !== null)
              .filter((e) => {
                const r = e.getBoundingClientRect();
                return r.left < box.left - 0.5 || r.right > box.right + 0.5;
              })
              .map((e) => `${e.tagName.toLowerCase()} "${(e.textContent ?? "").trim().slice(0, 30)}"`);
            if (document.documentElement.scrollWidth > document.documentElement.clientWidth)
              out.push("page scrolls sideways");
            return out;
          });
          expect({ state, outside }).toEqual({ state, outside: [] });
        };
        await openReconcile(page);
        await page.waitForFunction(
          () => (document.querySelector('[data-testid="recon-left"]') as HTMLSelectElement | null)?.value === "Bank",
        );
        await runByKeys(page);
        await clean("queue");
        await page.locator('[role="option"]').first().focus();
        await page.keyboard.press("r");
        await said(page, /rejected/);
        await clean("queue with a rejection");
        await page.keyboard.press("r");
        await typeInto(page, "recon-bulk-score", "0.5");
        await press(page, "recon-bulk");
        await page.getByRole("dialog").waitFor();
        await clean("bulk-accept dialog");
        await page.keyboard.press("Escape");
        await page.getByRole("dialog").waitFor({ state: "hidden" });

        await chooseFile(page, "recon-left-file", path.join(CORPUS, "revolut_2022-01.csv"));
        await said(page, /^revolut_2022-01\.csv read in this browser/);
        await clean("file side loaded");
        await runByKeys(page);
        await clean("file side reconciled");
        await typeInto(page, "recon-profile-name", "Revolut EUR");
        await press(page, "recon-profile-save");
        await said(page, /^Profile "Revolut EUR" saved/);
        // Picked again: the saved profile is offered.
        await page.getByTestId("recon-left").focus();
        await page.keyboard.press("Home");
        await page.keyboard.press("End");
        await page.getByTestId("recon-left-profile").waitFor();
        await clean("profile offered");
        expect(wb.errors).toEqual([]);
      } finally {
        await wb.close();
      }
    }, 240000);
});
