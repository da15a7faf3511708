/**
 * A statement file as one side, keyboard only, at Excel's default pane width in the dark theme: PayPal's
 * export (corpus) is read in the browser beside the open workbook (not in place of it) and reconciled
 * against the demo book's Ledger; its rows are only read; the results and the bank reconciliation
 * statement are written into the open workbook, said through the live region; a file the loader cannot
 * read says what to do. Screenshot: docs/reconcile-file-side.png (320 px, dark).
 */
import * as fs from "fs";
import * as path from "path";
import { axeViolations, describeBrowser, openWorkbench, tempDir } from "./harness";
import {
  CORPUS,
  chooseFile,
  openReconcile,
  press,
  readTable,
  runByKeys,
  said,
  scrollPaneTo,
  sheetsOf,
} from "./recon-keys";

const ROOT = path.resolve(__dirname, "..", "..");

describeBrowser("a statement file as one side (workbench, 320 px, dark)", () => {
  it("reconciles PayPal's export against the open book's Ledger and writes only into the open book", async () => {
    const wb = await openWorkbench({ width: 320, height: 900, query: "?theme=dark" });
    const dir = tempDir("bpo-recon-file-");
    try {
      const { page } = wb;
      const ledgerBefore = await readTable(page, "Ledger");
      const sheetsBefore = (await sheetsOf(page)).map((s) => s.name);
      await openReconcile(page);
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="recon-right"]') as HTMLSelectElement | null)?.value === "Ledger",
      );

      // A file the loader cannot read: the side says why and what to do; nothing else changes.
      const bad = path.join(dir, "statement.xls");
      fs.writeFileSync(bad, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
      await chooseFile(page, "recon-left-file", bad);
      const why = await said(page, /^statement\.xls could not be read: /);
      expect(why).toMatch(/statement\.xls/);
      expect(await page.getByTestId("recon-left-error").textContent()).toMatch(/^statement\.xls could not be read: .+/);
      expect(await page.getByTestId("recon-left").inputValue()).toBe("Bank");

      await chooseFile(page, "recon-left-file", path.join(CORPUS, "paypal_custom.csv"));
      await said(page, /^paypal_custom\.csv read in this browser, \d+ rows, as the left side\. It is only read/);
      expect(await page.getByTestId("recon-left").inputValue()).toBe("file:paypal_custom.csv:paypal_custom.csv");
      expect(await page.getByTestId("recon-left-file-note").textContent()).toMatch(/never uploaded, never changed/);
      expect(await page.getByTestId("recon-left-error").count()).toBe(0);
      // The workbook is still the open one: nothing of the file was added to it.
      expect((await sheetsOf(page)).map((s) => s.name)).toEqual(sheetsBefore);
      expect(await page.getByTestId("recon-left-amount").inputValue()).toBe("Net");
      expect(await page.getByTestId("recon-left-date").inputValue()).toBe("Date");
      expect(await axeViolations(page, "body")).toEqual([]);

      await runByKeys(page);
      await said(page, /^Reconciled paypal_custom\.csv with Ledger: /);
      const stats = await page.getByTestId("recon-stats").textContent();
      expect(stats).toMatch(/paypal_custom\.csv.*Ledger/);
      // Every unmatched item of the file is listed with its category and suggested action.
      const fileItems = page.locator('[data-testid="recon-unmatched"]').first().locator('[data-testid="recon-item"]');
      expect(await fileItems.count()).toBeGreaterThan(0);
      expect(await fileItems.first().textContent()).toMatch(/Why: .+Suggested: .+/);
      expect(await page.getByTestId("recon-excluded").textContent()).toMatch(/^Left out of matching: \d+/);
      expect(await axeViolations(page, "body")).toEqual([]);

      await press(page, "recon-write");
      await said(page, /^Wrote Recon Summary/);
      const summary = page.locator('table[data-sheet="Recon Summary"]');
      await summary.waitFor({ timeout: 30000 });
      expect(await summary.textContent()).toContain("paypal_custom.csv");
      const names = (await sheetsOf(page)).map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(["Recon Summary", "Recon Matched", "Recon Unmatched"]));
      expect(names.some((n) => /paypal/i.test(n))).toBe(false);
      expect(await readTable(page, "Ledger")).toBe(ledgerBefore);

      // The statement file is a bank statement and the Ledger the books: the BRS is offered and written.
      await press(page, "recon-brs");
      const brs = await said(page, /^Bank reconciliation statement written\. As of 2019-10-22: bank /);
      expect(brs).toMatch(/difference /);
      await page.waitForFunction(() => document.activeElement?.textContent === "Bank reconciliation statement written");
      await page.locator('table[data-sheet="Bank Reconciliation"]').waitFor({ timeout: 30000 });
      expect((await sheetsOf(page)).find((s) => s.name === "Bank Reconciliation")?.role).toBe("report:brs");
      expect(await axeViolations(page, "body")).toEqual([]);

      await scrollPaneTo(page, null);
      await page.screenshot({ path: path.join(ROOT, "docs", "reconcile-file-side.png") });
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240000);

  it("reads an .xls statement, as Indian bank portals still export them, as a side", async () => {
    const wb = await openWorkbench({ width: 320, height: 900 });
    try {
      const { page } = wb;
      await openReconcile(page);
      await chooseFile(page, "recon-left-file", path.join(ROOT, "tests", "workbook", "fixtures", "statement.xls"));
      await said(page, /^statement\.xls read in this browser, \d+ rows, as the left side\./);
      expect(await page.getByTestId("recon-left").inputValue()).toBe("file:statement.xls:statement");
      expect(await page.getByTestId("recon-left-error").count()).toBe(0);
      expect(await axeViolations(page, "body")).toEqual([]);
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
    }
  }, 120000);
});
