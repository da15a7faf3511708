/**
 * Statement profiles, keyboard only, at 320 px: PayPal's layout read with a reference column chosen by
 * hand is saved as a profile in the workbook (a hidden add-in sheet), the workbook is downloaded and opened
 * again as a colleague would, and next month's export of the same layout is read with the profile
 * straight away ("Using the profile … saved … · Change"); Change offers detection instead, or forgetting
 * the profile. Screenshot: docs/reconcile-profile.png (320 px, light).
 */
import * as fs from "fs";
import * as path from "path";
import { axeViolations, describeBrowser, openWorkbench, tempDir } from "./harness";
import {
  CORPUS,
  chooseByKeys,
  chooseFile,
  downloadAndReopen,
  openReconcile,
  press,
  runByKeys,
  said,
  scrollPaneTo,
  sheetsOf,
  typeInto,
} from "./recon-keys";

const ROOT = path.resolve(__dirname, "..", "..");

describeBrowser("statement profiles (workbench, 320 px)", () => {
  it("saves a layout in the workbook and offers it for next month's export after a reopen", async () => {
    const wb = await openWorkbench({ width: 320, height: 900 });
    const dir = tempDir("bpo-recon-profile-");
    try {
      const { page } = wb;
      await openReconcile(page);
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="recon-right"]') as HTMLSelectElement | null)?.value === "Ledger",
      );
      await chooseFile(page, "recon-left-file", path.join(CORPUS, "paypal_custom.csv"));
      await said(page, /^paypal_custom\.csv read in this browser/);
      // No profile yet: the columns are detected.
      expect(await page.getByTestId("recon-left-profile").count()).toBe(0);
      expect(await page.getByTestId("recon-left-ref").inputValue()).toBe("Transaction ID");
      await chooseByKeys(page, "recon-left-ref", "Reference Txn ID");
      await runByKeys(page);

      expect(await page.getByTestId("recon-profile-side").inputValue()).toBe("left");
      expect(await page.getByTestId("recon-profile-name").inputValue()).toBe("paypal_custom");
      await typeInto(page, "recon-profile-name", "PayPal USD");
      await press(page, "recon-profile-save");
      await said(
        page,
        /^Profile "PayPal USD" saved in this workbook: the next statement with the columns of paypal_custom\.csv/,
      );
      const profiles = (await sheetsOf(page)).find((s) => s.name === "Recon Profiles");
      expect(profiles).toEqual({ name: "Recon Profiles", role: "recon:profiles", visible: false });
      // A hidden add-in sheet: not in the preview's list, not among the tables to reconcile.
      const previewSheets = await page
        .locator("select")
        .first()
        .evaluate((s) => [...(s as HTMLSelectElement).options].map((o) => o.text));
      expect(previewSheets).not.toContain("Recon Profiles");
      expect(await page.getByTestId("recon-right").textContent()).not.toContain("Recon Profiles");

      // A colleague opens the saved workbook next month and adds that month's export.
      await downloadAndReopen(page, dir);
      await openReconcile(page);
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="recon-right"]') as HTMLSelectElement | null)?.value === "Ledger",
      );
      const nextMonth = path.join(dir, "paypal_2019-11.csv");
      fs.copyFileSync(path.join(CORPUS, "paypal_custom.csv"), nextMonth);
      await chooseFile(page, "recon-left-file", nextMonth);
      await said(page, /^paypal_2019-11\.csv read in this browser/);
      const offered = page.getByTestId("recon-left-profile");
      expect(await offered.textContent()).toMatch(/^Using the profile “PayPal USD” saved \d{4}-\d\d-\d\d · Change$/);
      expect(await page.getByTestId("recon-left-ref").inputValue()).toBe("Reference Txn ID");
      expect(await page.getByTestId("recon-left-date-order").inputValue()).toBe("MDY");
      expect(await axeViolations(page, "body")).toEqual([]);
      await scrollPaneTo(page, null);
      await page.screenshot({ path: path.join(ROOT, "docs", "reconcile-profile.png") });

      // Change: read the columns afresh instead (the profile stays for later) ...
      const change = page.getByRole("button", { name: "Change the profile of the left side" });
      await change.focus();
      await page.keyboard.press("Enter");
      expect(await change.getAttribute("aria-expanded")).toBe("true");
      expect(await axeViolations(page, "body")).toEqual([]);
      await page.getByRole("button", { name: "Detect columns instead" }).focus();
      await page.keyboard.press("Enter");
      await said(page, /^Left columns detected afresh; the profile "PayPal USD" is kept for later\.$/);
      expect(await page.getByTestId("recon-left-ref").inputValue()).toBe("Transaction ID");
      expect(await offered.count()).toBe(0);

      // ... or forget it: picking the file again offers it, and Forget removes it from the workbook.
      await chooseByKeys(page, "recon-left", "Bank — 76 rows");
      await chooseByKeys(page, "recon-left", /^paypal_2019-11\.csv/);
      await offered.waitFor();
      await change.focus();
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Forget this profile" }).focus();
      await page.keyboard.press("Enter");
      await said(page, /^Profile "PayPal USD" forgotten: removed from this workbook\.$/);
      const left = await page.evaluate(async () => {
        const w = (window as unknown as { __bpoWorkbench: { wb: { read(s: string): Promise<{ rows: unknown[][] }> } } })
          .__bpoWorkbench.wb;
        return (await w.read("Recon Profiles")).rows.map((r) => r[0]).join("");
      });
      expect(left).toBe("[]");
      await chooseByKeys(page, "recon-left", "Bank — 76 rows");
      await chooseByKeys(page, "recon-left", /^paypal_2019-11\.csv/);
      expect(await offered.count()).toBe(0);
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240000);
});
