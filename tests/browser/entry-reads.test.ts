/**
 * What the entry form reads, in a real browser (the workbench): the table once (its existing keys, the values
 * it suggests, the next number), never the whole table again after each entry (the form adds the row it
 * wrote, so a repeated Employee ID is still caught); and nothing at all while the pane is hidden: the views
 * mount when it is first shown.
 * Reads are counted on the page's own Workbook (window.__bpoWorkbench.wb), the object the views call.
 */
import type { Page } from "playwright-core";
import { describeBrowser, openWorkbench } from "./harness";

/** Wraps the workbench workbook's read and tables so the page counts its calls in window.__reads. */
async function countReads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __bpoWorkbench: { wb: Record<string, (...a: unknown[]) => Promise<unknown>> };
      __reads: string[];
    };
    w.__reads = [];
    const wb = w.__bpoWorkbench.wb;
    for (const name of ["read", "tables", "sheets"]) {
      const original = wb[name].bind(wb);
      wb[name] = (...args: unknown[]) => {
        w.__reads.push(args.length ? `${name}(${String(args[0])})` : `${name}()`);
        return original(...args);
      };
    }
  });
}

const reads = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __reads: string[] }).__reads.slice());

const EMPLOYEE: [string, string][] = [
  ["name", "Priya Nair"],
  ["state", "KA"],
  ["gender", "F"],
  ["basic", "30000"],
  ["hra", "12000"],
  ["otherAllowances", "0"],
  ["pf", "Y"],
  ["esi", "N"],
  ["pan", "ABCPE1234F"],
  ["uan", "100123456789"],
  ["ifsc", "HDFC0000001"],
  ["bankAccount", "50100123456789"],
];

async function fillEmployee(page: Page, id: string): Promise<void> {
  for (const [key, text] of [["employeeId", id] as [string, string], ...EMPLOYEE]) {
    const field = page.locator(`[data-view="entry"] [data-field="${key}"]`);
    if ((await field.evaluate((e) => e.tagName)) === "SELECT") await field.selectOption(text);
    else await field.fill(text);
  }
}

/** Makes document.visibilityState follow window.__setVisibility(state), starting hidden. */
const HIDDEN_AT_START = `
  (function () {
    var state = "hidden";
    Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: function () { return state; } });
    Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: function () { return state === "hidden"; } });
    window.__setVisibility = function (s) { state = s; document.dispatchEvent(new Event("visibilitychange")); };
  })();
`;

describeBrowser("what the entry form reads (workbench)", () => {
  it("reads the table's keys once, adds each entry to them, and still catches a repeated key", async () => {
    const wb = await openWorkbench({ height: 1100 });
    try {
      const { page } = wb;
      const panel = page.locator('[role="tabpanel"][data-view="entry"]');
      await panel.locator('[data-field="employeeId"]').waitFor();
      // Count from a fresh form: pick another table and come back to Employees.
      await countReads(page);
      const table = panel.getByLabel("Table", { exact: true });
      await table.selectOption({ label: "Invoices" });
      await panel.locator('[data-field="invoiceNo"]').waitFor();
      await table.selectOption({ label: "Employees" });
      await panel.locator('[data-field="employeeId"]').waitFor();
      await page.waitForFunction(() =>
        (window as unknown as { __reads: string[] }).__reads.includes("read(Employees)"),
      );
      const atMount = await reads(page);
      expect(atMount.filter((r) => r === "read(Employees)")).toHaveLength(1);

      await fillEmployee(page, "E9101");
      await page.keyboard.press("Enter");
      await panel.getByText(/^E91\d\d added to Employees$/).waitFor();
      // The same Employee ID again is refused from what the form kept, without reading the table back.
      await fillEmployee(page, "E9101");
      await panel.locator('[data-field="employeeId"]').blur();
      await page.keyboard.press("Enter");
      await panel.getByText("Nothing was written: fix 1 field").waitFor();
      await fillEmployee(page, "E9102");
      await page.keyboard.press("Enter");
      await panel.getByText(/^E91\d\d added to Employees$/).waitFor();
      await page.waitForTimeout(300); // let any effect the entries triggered run
      const after = await reads(page);
      expect(after.filter((r) => r === "read(Employees)")).toHaveLength(1);
      const rows = await page.evaluate(async () => {
        const w = (window as unknown as { __bpoWorkbench: { wb: { read(s: string): Promise<{ rows: unknown[][] }> } } })
          .__bpoWorkbench.wb;
        return (await w.read("Employees")).rows.map((r) => r[0]);
      });
      expect(rows.filter((id) => id === "E9101")).toHaveLength(1);
      expect(rows.slice(-2)).toEqual(["E9101", "E9102"]);
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
    }
  });

  it("reads nothing for the views while the pane is hidden, and mounts them when it is shown", async () => {
    const wb = await openWorkbench({ beforeOpen: (context) => context.addInitScript(HIDDEN_AT_START) });
    try {
      const { page } = wb;
      await countReads(page);
      await page.waitForTimeout(500);
      // The shell is there, the views are not, and nothing was read for them.
      await page.getByRole("tablist", { name: "BPO Desk views" }).waitFor();
      expect(await page.locator('[role="tabpanel"][data-view="entry"]').count()).toBe(0);
      expect((await reads(page)).filter((r) => r.startsWith("read(") || r === "tables()")).toEqual([]);

      await page.evaluate(() => (window as unknown as { __setVisibility(s: string): void }).__setVisibility("visible"));
      await page.locator('[role="tabpanel"][data-view="entry"] [data-field="employeeId"]').waitFor();
      expect((await reads(page)).filter((r) => r === "read(Employees)")).toHaveLength(1);
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
    }
  });
});

describeBrowser("what the views read inside Excel while the pane is hidden", () => {
  it("mount when Office says the pane is shown (Office.addin.onVisibilityModeChanged), not before", async () => {
    // The shared runtime started hidden (a custom function or a ribbon command started it).
    const fakeOffice = `
      window.__fake = { visibility: null, runs: 0 };
      window.Office = {
        HostType: { Excel: "Excel" },
        onReady: function () { return Promise.resolve({ host: "Excel", platform: "PC" }); },
        actions: { associate: function () {} },
        addin: {
          showAsTaskpane: function () { return Promise.resolve(); },
          onVisibilityModeChanged: function (handler) {
            window.__fake.visibility = handler;
            return Promise.resolve(function () { return Promise.resolve(); });
          },
        },
      };
      window.CustomFunctions = { associate: function () {} };
      window.Excel = { run: function () { window.__fake.runs++; return Promise.reject(new Error("no workbook in this test")); } };
    `;
    const wb = await openWorkbench({
      query: "?_host_Info=Excel$Win32$16.01$en-US$$$$0",
      fulfill: { "https://appsforoffice.microsoft.com/lib/1/hosted/office.js": fakeOffice },
      beforeOpen: (context) => context.addInitScript(HIDDEN_AT_START),
    });
    try {
      const { page } = wb;
      expect(await page.getAttribute("body", "data-desk-ready")).toBe("excel");
      await page.getByRole("tablist", { name: "BPO Desk views" }).waitFor();
      await page.waitForTimeout(500);
      const runs = () => page.evaluate(() => (window as unknown as { __fake: { runs: number } }).__fake.runs);
      expect(await page.locator('[role="tabpanel"][data-view="entry"]').count()).toBe(0);
      expect(await runs()).toBe(0); // not one Excel.run for the views while hidden

      await page.evaluate(() =>
        (window as unknown as { __fake: { visibility(m: { visibilityMode: string }): void } }).__fake.visibility({
          visibilityMode: "Taskpane",
        }),
      );
      // The Entry view mounts and asks Excel for the tables (which this fake refuses).
      await page.locator('[role="tabpanel"][data-view="entry"]').waitFor();
      await page.getByText("Could not read the workbook's tables").waitFor();
      expect(await runs()).toBeGreaterThan(0);
    } finally {
      await wb.close();
    }
  });
});
