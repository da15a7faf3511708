/**
 * The Entry view's second chances, in the workbench: Undo last entry removes exactly the row it wrote and
 * says so in the Entry Log, and refuses once someone changed that row; messages speak the user's date
 * order; terms are stored as the schema writes them; T is today; the table and the date order are
 * remembered across a reload.
 */
import type { Page } from "playwright-core";
import { todaySerial } from "../../src/core/dates";
import { describeBrowser, openWorkbench, type WorkbenchPage } from "./harness";

type Book = {
  read(s: string): Promise<{ rows: unknown[][] }>;
  setUserCell(sheet: string, row: number, col: number, value: unknown): void;
};

const rowsOf = (page: Page, table: string) =>
  page.evaluate(
    async (t) => (await (window as unknown as { __bpoWorkbench: { wb: Book } }).__bpoWorkbench.wb.read(t)).rows,
    table,
  );
const value = (page: Page, key: string) => page.inputValue(`[data-view="entry"] [data-field="${key}"]`);
const field = (page: Page, key: string) => page.locator(`[data-view="entry"] [data-field="${key}"]`);

/** A message the field announces with itself (aria-describedby). */
async function described(page: Page, key: string): Promise<string> {
  return page.evaluate((k) => {
    const el = document.querySelector(`[data-view="entry"] [data-field="${k}"]`)!;
    return (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ");
  }, key);
}

describeBrowser("Entry: undo, the user's dates and remembered settings (workbench)", () => {
  let wb: WorkbenchPage;
  beforeAll(async () => {
    wb = await openWorkbench({ width: 1280, height: 1000 });
    const panel = wb.page.locator('[data-view="entry"]');
    await panel.getByLabel("Table", { exact: true }).selectOption({ label: "Invoices" });
    await panel.getByLabel("Dates typed as", { exact: true }).selectOption("DMY");
    await wb.page.waitForFunction(
      () =>
        (document.querySelector('[data-view="entry"] [data-field="invoiceNo"]') as HTMLInputElement)?.value ===
        "INV-2025-0301",
    );
  });
  afterAll(async () => {
    await wb?.close();
  });

  it("undoes the last entry: the row goes, the Entry Log says so, and the record is back in the form", async () => {
    const { page } = wb;
    const panel = page.locator('[data-view="entry"]');
    const before = await rowsOf(page, "Invoices");
    await field(page, "customer").focus();
    await page.keyboard.type("acm");
    await page.keyboard.press("Tab");
    await field(page, "amount").fill("118000");
    await page.keyboard.press("Enter");
    await panel.getByText("INV-2025-0301 added to Invoices").waitFor();
    const row = before.length + 2;
    expect((await rowsOf(page, "Invoices")).length).toBe(before.length + 1);

    // From the first field, Shift+Tab reaches Undo in the result; Enter presses it.
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-field") === "invoiceNo");
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Undo");
    await page.keyboard.press("Enter");
    await panel.getByText("INV-2025-0301 undone").waitFor();
    expect(await rowsOf(page, "Invoices")).toEqual(before);
    const log = await rowsOf(page, "Entry Log");
    expect(log.at(-2)?.slice(1, 3)).toEqual(["Invoices", row]);
    expect(log.at(-1)?.slice(1, 3)).toEqual(["Invoices", row]);
    expect(String(log.at(-1)?.[3])).toMatch(/^Undone: \{"Invoice No":"INV-2025-0301","Customer":"Acme Retail Pvt Ltd"/);
    // What it held is back in the form, to fix and add again.
    expect(await value(page, "invoiceNo")).toBe("INV-2025-0301");
    expect(await value(page, "amount")).toBe("118000");
    expect(wb.errors).toEqual([]);
  });

  it("refuses to undo an entry someone changed since, and removes nothing", async () => {
    const { page } = wb;
    const panel = page.locator('[data-view="entry"]');
    await field(page, "amount").focus();
    await page.keyboard.press("Enter");
    await panel.getByText("INV-2025-0301 added to Invoices").waitFor();
    const rows = await rowsOf(page, "Invoices");
    // The user corrects the amount in the sheet itself.
    await page.evaluate((r) => {
      (window as unknown as { __bpoWorkbench: { wb: Book } }).__bpoWorkbench.wb.setUserCell("Invoices", r, 7, 999);
    }, rows.length + 1);
    await panel.getByRole("button", { name: "Undo" }).click();
    await panel.getByText("INV-2025-0301 was not undone").waitFor();
    expect(await panel.getByTestId("entry-result").innerText()).toContain(
      'it was changed after it was added (Amount is "999", not "118000")',
    );
    expect((await rowsOf(page, "Invoices")).length).toBe(rows.length);
  });

  it("says dates as the user types them, stores terms as the schema writes them, and reads T as today", async () => {
    const { page } = wb;
    await field(page, "invoiceDate").fill("31/02/2025");
    await field(page, "dueDate").focus();
    expect(await described(page, "invoiceDate")).toContain(
      'Invoice Date "31/02/2025" is not a real date (February 2025 has 28 days)',
    );
    await field(page, "invoiceDate").fill("15/10/2025");
    await field(page, "dueDate").fill("01/10/2025");
    await field(page, "terms").focus();
    expect(await described(page, "dueDate")).toContain("Due Date 01/10/2025 is before Invoice Date 15/10/2025");
    await field(page, "dueDate").fill("");
    await field(page, "invoiceDate").fill("t");
    const today = todaySerial(new Date());
    const [y, m, d] = new Date(Date.UTC(1899, 11, 30 + today)).toISOString().slice(0, 10).split("-");
    expect(await value(page, "invoiceDate")).toBe(`${d}/${m}/${y}`);
    await field(page, "invoiceDate").fill("15/10/2025");

    await field(page, "invoiceNo").fill("INV-2025-0400");
    await field(page, "terms").fill("net  45");
    await field(page, "amount").fill("2500");
    await page.keyboard.press("Enter");
    await page.locator('[data-view="entry"]').getByText("INV-2025-0400 added to Invoices").waitFor();
    const last = (await rowsOf(page, "Invoices")).at(-1)!;
    expect(last[0]).toBe("INV-2025-0400");
    expect(last[5]).toBe("NET 45");
    expect(wb.errors).toEqual([]);
  });

  it("remembers the table and the date order across a reload", async () => {
    const { page } = wb;
    await page.reload();
    await page.waitForSelector("body[data-desk-ready]");
    const panel = page.locator('[data-view="entry"]');
    await panel.locator('[data-field="invoiceNo"]').waitFor();
    expect(await panel.getByLabel("Table", { exact: true }).inputValue()).toBe("Invoices");
    expect(await panel.getByLabel("Dates typed as", { exact: true }).inputValue()).toBe("DMY");
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem("bpo-desk.settings") ?? "{}") as unknown)).toEqual(
      { entry: { table: "Invoices", dateOrder: "DMY" } },
    );
  });
});
