/**
 * Entry at typing speed, measured: a batch of invoices keyed into the demo's Invoices table with the
 * keyboard only, every key press counted (each character, Tab, Enter, arrow and Esc the script sends),
 * and the counts reported in the test output. Issue #11's bounds: a repeat-customer invoice in at most 30
 * keys, a new-customer invoice in at most 45.
 *
 * The batch is last month's invoices, as an executive keys them: the first one sets the batch's date; a
 * repeat customer keeps the customer, its GSTIN and terms and the date; a customer the table has never
 * seen is typed in full, name and GSTIN; one the table already has is picked by its first letters.
 * Then what was written is read back from the workbook: every value where it should be.
 */
import type { Page } from "playwright-core";
import { gstinCheckChar } from "../../src/core/validation";
import { serialFromYmd } from "../../src/core/dates";
import { describeBrowser, openWorkbench, type WorkbenchPage } from "./harness";

/** The keyboard, counting: one press per character typed, per Tab, Enter, Esc or arrow. */
class CountingKeyboard {
  count = 0;
  constructor(private readonly page: Page) {}
  async press(key: string): Promise<void> {
    this.count++;
    await this.page.keyboard.press(key);
  }
  async type(text: string): Promise<void> {
    this.count += [...text].length;
    await this.page.keyboard.type(text);
  }
  /** The keys since the last call. */
  take(): number {
    const n = this.count;
    this.count = 0;
    return n;
  }
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-field") ?? null);
const value = (page: Page, key: string) => page.inputValue(`[data-view="entry"] [data-field="${key}"]`);

async function lastRows(page: Page, n: number): Promise<unknown[][]> {
  return page.evaluate(async (count) => {
    const w = (window as unknown as { __bpoWorkbench: { wb: { read(s: string): Promise<{ rows: unknown[][] }> } } })
      .__bpoWorkbench.wb;
    return (await w.read("Invoices")).rows.slice(-count);
  }, n);
}

/** A new customer's GSTIN: Gujarat (24), a company's PAN, its check character computed as GSTN does. */
const NEW_GSTIN = "24AAACN4821K1Z" + gstinCheckChar("24AAACN4821K1Z");
const NEW_CUSTOMER = "Narmada Chemicals"; // 17 characters, as in the count

describeBrowser("Entry at typing speed (workbench, keyboard only)", () => {
  let wb: WorkbenchPage;
  beforeAll(async () => {
    wb = await openWorkbench({ width: 1280, height: 1000 });
  });
  afterAll(async () => {
    await wb?.close();
  });

  it("keys a batch of invoices within the bounds, and writes what was meant", async () => {
    const { page } = wb;
    const keys = new CountingKeyboard(page);
    const panel = page.locator('[role="tabpanel"][data-view="entry"]');
    const table = panel.getByLabel("Table", { exact: true });
    await table.waitFor();
    const rowsBefore = await page.evaluate(async () => {
      const w = (window as unknown as { __bpoWorkbench: { wb: { read(s: string): Promise<{ rows: unknown[][] }> } } })
        .__bpoWorkbench.wb;
      return (await w.read("Invoices")).rows.length;
    });

    // Once per session (and remembered after): the table, and the date order this executive types in.
    await table.focus();
    await keys.type("Invoices");
    await page.waitForFunction(() => document.querySelector('[data-view="entry"] [data-field="invoiceNo"]') !== null);
    await keys.press("Tab");
    await keys.type("DD");
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-view="entry"] [data-field="invoiceDate"]') as HTMLInputElement)?.placeholder ===
        "DD/MM/YYYY",
    );
    // The numbering and the customers come with the table's one read.
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-view="entry"] [data-field="invoiceNo"]') as HTMLInputElement)?.value ===
        "INV-2025-0301",
    );
    await keys.press("Tab");
    expect(await focused(page)).toBe("invoiceNo");
    const setup = keys.take();

    // 1. The first invoice of the batch: a customer the table has, by its first letters; last month's date.
    await keys.press("Tab");
    expect(await focused(page)).toBe("customer");
    await keys.type("acm");
    await page.getByRole("option", { name: "Acme Retail Pvt Ltd" }).waitFor();
    await keys.press("Tab"); // takes the highlighted customer; its GSTIN and terms follow
    expect(await value(page, "customer")).toBe("Acme Retail Pvt Ltd");
    expect(await value(page, "customerGstin")).toMatch(/^27[A-Z0-9]{13}$/);
    const acmeGstin = await value(page, "customerGstin");
    const acmeTerms = await value(page, "terms");
    expect(acmeTerms).toMatch(/NET/);
    expect(await focused(page)).toBe("customerGstin");
    await keys.press("Tab");
    expect(await focused(page)).toBe("invoiceDate");
    await keys.type("15/10/2025");
    await keys.press("Enter"); // not ready yet: Enter goes on to the next field it needs
    expect(await focused(page)).toBe("amount");
    await keys.type("118000");
    await keys.press("Enter");
    await panel.getByText("INV-2025-0301 added to Invoices").waitFor();
    const first = keys.take();
    expect(await panel.getByTestId("entry-result").innerText()).toContain("₹1,18,000.00");

    // 2. A repeat customer: number proposed, customer, GSTIN, terms and the batch's date kept.
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-field") === "invoiceNo");
    expect(await value(page, "invoiceNo")).toBe("INV-2025-0302");
    expect(await value(page, "invoiceDate")).toBe("15/10/2025");
    expect(await value(page, "customer")).toBe("Acme Retail Pvt Ltd");
    await keys.press("Enter");
    expect(await focused(page)).toBe("amount");
    await keys.type("45210");
    await keys.press("Enter");
    await panel.getByText("INV-2025-0302 added to Invoices").waitFor();
    const repeat = keys.take();

    // 3. A customer the table has never seen: name and GSTIN typed in full; the GSTIN the form had filled
    // for Acme goes, the batch's terms stay.
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-field") === "invoiceNo");
    await keys.press("Tab");
    await keys.type(NEW_CUSTOMER);
    await keys.press("Tab");
    expect(await focused(page)).toBe("customerGstin");
    expect(await value(page, "customerGstin")).toBe("");
    await keys.type(NEW_GSTIN);
    await keys.press("Enter");
    expect(await focused(page)).toBe("amount");
    await keys.type("9800");
    await keys.press("Enter");
    await panel.getByText("INV-2025-0303 added to Invoices").waitFor();
    const fresh = keys.take();

    // 4. Another customer the table has, picked by two letters: its own GSTIN and terms follow.
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-field") === "invoiceNo");
    await keys.press("Tab");
    await keys.type("bl");
    await page.getByRole("option", { name: "Bluewave Logistics LLP" }).waitFor();
    await keys.press("Tab");
    expect(await value(page, "customerGstin")).toMatch(/^29/);
    await keys.press("Enter");
    expect(await focused(page)).toBe("amount");
    await keys.type("7200");
    await keys.press("Enter");
    await panel.getByText("INV-2025-0304 added to Invoices").waitFor();
    const other = keys.take();

    // 5. The new customer again: now the table knows it.
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-field") === "invoiceNo");
    await keys.press("Tab");
    await keys.type("nar");
    await keys.press("Tab");
    expect(await value(page, "customerGstin")).toBe(NEW_GSTIN);
    await keys.press("Enter");
    await keys.type("3300");
    await keys.press("Enter");
    await panel.getByText("INV-2025-0305 added to Invoices").waitFor();
    const known = keys.take();

    console.log(
      `Entry keystrokes per invoice: repeat customer ${repeat}, new customer ${fresh} (17-character name, 15-character GSTIN), ` +
        `another known customer ${other}, the new customer again ${known}, first of the batch with its date ${first}; ` +
        `once per session: ${setup} (table and date order, remembered)`,
    );
    expect(repeat).toBeLessThanOrEqual(30);
    expect(fresh).toBeLessThanOrEqual(45);
    expect(other).toBeLessThanOrEqual(30);

    // What was written: five rows, each as meant.
    const oct15 = serialFromYmd(2025, 10, 15);
    const rows = await lastRows(page, 5);
    expect(rows.map((r) => r[0])).toEqual([
      "INV-2025-0301",
      "INV-2025-0302",
      "INV-2025-0303",
      "INV-2025-0304",
      "INV-2025-0305",
    ]);
    expect(rows.map((r) => r[1])).toEqual([
      "Acme Retail Pvt Ltd",
      "Acme Retail Pvt Ltd",
      NEW_CUSTOMER,
      "Bluewave Logistics LLP",
      NEW_CUSTOMER,
    ]);
    expect(rows[0][2]).toBe(acmeGstin);
    expect(rows[1][2]).toBe(acmeGstin);
    expect(rows[2][2]).toBe(NEW_GSTIN);
    expect(rows[4][2]).toBe(NEW_GSTIN);
    expect(rows.map((r) => r[3])).toEqual([oct15, oct15, oct15, oct15, oct15]);
    expect(rows[0][5]).toBe(acmeTerms);
    expect(rows[2][5]).toBe(acmeTerms); // a new customer's terms: the batch's, same as last
    expect(rows.map((r) => r[6])).toEqual([118000, 45210, 9800, 7200, 3300]);
    expect(rows.map((r) => r[7])).toEqual([0, 0, 0, 0, 0]);
    expect(rowsBefore + 5).toBe((await lastRows(page, 100000)).length);
    expect(wb.errors).toEqual([]);
  });
});
