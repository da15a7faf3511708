/**
 * The taskpane shell in a real browser (the workbench): it starts without Office, says so, switches
 * views from the keyboard, previews the demo workbook and logs no errors. It also takes the README's
 * screenshot (docs/taskpane.png).
 */
import * as fs from "fs";
import * as path from "path";
import { describeBrowser, openWorkbench, type WorkbenchPage } from "./harness";

describeBrowser("taskpane shell (workbench)", () => {
  let wb: WorkbenchPage;

  beforeAll(async () => {
    wb = await openWorkbench();
  });
  afterAll(async () => {
    await wb?.close();
  });

  it("starts as the workbench and says it is not Excel", async () => {
    const { page } = wb;
    expect(await page.getAttribute("body", "data-desk-ready")).toBe("workbench");
    await expect(page.getByText("running against an in-browser demo workbook, not Excel").isVisible()).resolves.toBe(
      true,
    );
    // Office.js was never requested in a plain browser tab, so nothing waited on the CDN.
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("undefined");
  });

  it("has three tabs that switch with the keyboard", async () => {
    const { page } = wb;
    const views = page.getByRole("tablist", { name: "BPO Desk views" });
    await expect(views.getByRole("tab").allInnerTexts()).resolves.toEqual(["Entry", "Reconcile", "Reports"]);
    const entry = views.getByRole("tab", { name: "Entry" });
    expect(await entry.getAttribute("aria-selected")).toBe("true");
    await entry.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () =>
        document.querySelector('[aria-label="BPO Desk views"] [role="tab"][aria-selected="true"]')?.textContent ===
        "Reconcile",
    );
    expect(await page.locator('[role="tabpanel"][data-view="reconcile"]').isVisible()).toBe(true);
    expect(await page.locator('[role="tabpanel"][data-view="entry"]').isVisible()).toBe(false);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Space");
    await page.waitForFunction(
      () =>
        document.querySelector('[aria-label="BPO Desk views"] [role="tab"][aria-selected="true"]')?.textContent ===
        "Reports",
    );
    // The panel is labelled by its tab and reachable with Tab.
    const panel = page.locator('[role="tabpanel"][data-view="reports"]');
    const labelledBy = await panel.getAttribute("aria-labelledby");
    expect(await page.locator(`[id="${labelledBy}"]`).innerText()).toBe("Reports");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () =>
        document.querySelector('[aria-label="BPO Desk views"] [role="tab"][aria-selected="true"]')?.textContent ===
        "Entry",
    );
  });

  it("previews a sheet of the demo workbook with its formats", async () => {
    const { page } = wb;
    const select = page.getByLabel("Sheet", { exact: true });
    const names = await select.locator("option").allInnerTexts();
    // The sheets are the sample generator's tables, read back from the in-browser workbook.
    const fromWorkbook = await page.evaluate(async () => {
      const w = (
        window as unknown as { __bpoWorkbench: { wb: { sheets(): Promise<{ name: string; visible: boolean }[]> } } }
      ).__bpoWorkbench.wb;
      return (await w.sheets()).filter((s) => s.visible).map((s) => s.name);
    });
    expect(names).toEqual(fromWorkbook);
    expect(names.length).toBeGreaterThanOrEqual(5);
    const target = names.find((n) => /invoice/i.test(n)) ?? names[0];
    await select.selectOption(target);
    const grid = page.locator(`table[data-sheet="${target}"]`);
    await grid.waitFor();
    // The header row of the preview is the table's header, as read through the Workbook port.
    const table = await page.evaluate(async (name) => {
      const w = (
        window as unknown as {
          __bpoWorkbench: { wb: { read(s: string): Promise<{ headers: string[]; rows: unknown[][] }> } };
        }
      ).__bpoWorkbench.wb;
      const t = await w.read(name);
      return { headers: t.headers, rows: t.rows.length };
    }, target);
    const firstRow = await grid.locator("tbody tr").first().locator("td").allInnerTexts();
    expect(firstRow.slice(0, table.headers.length)).toEqual(table.headers);
    const shownRows = await grid.locator("tbody tr").count();
    expect(shownRows).toBe(Math.min(200, table.rows + 1));
    // Dates are shown as dates (yyyy-mm-dd), not serial numbers.
    const cells = await grid.locator("tbody tr").nth(1).locator("td").allInnerTexts();
    expect(cells.some((c) => /^\d{4}-\d{2}-\d{2}$/.test(c))).toBe(true);
  });

  it("downloads the workbook as .xlsx", async () => {
    const { page } = wb;
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download workbook" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 4);
    expect([...head]).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip container, as every .xlsx is
  });

  it("logs no console errors", () => {
    expect(wb.errors).toEqual([]);
  });

  it("takes the README screenshot", async () => {
    const { page } = wb;
    // Show what the add-in is for: a one-click report, written and previewed. If the Reports view has no
    // Run button (yet), the screenshot shows the view as it is.
    await page.getByRole("tablist", { name: "BPO Desk views" }).getByRole("tab", { name: "Reports" }).click();
    const select = page.getByLabel("Sheet", { exact: true });
    const before = await select.inputValue();
    const run = page.getByRole("tabpanel").getByRole("button", { name: /^Run/ }).first();
    if (await run.count()) {
      await run.click();
      await page
        .waitForFunction(
          (prev) => (document.querySelector("select") as HTMLSelectElement | null)?.value !== prev,
          before,
          { timeout: 30000 },
        )
        .catch(() => undefined);
      await page
        .locator(".fui-Toast")
        .first()
        .waitFor({ state: "detached", timeout: 15000 })
        .catch(() => undefined);
    }
    await page.mouse.move(0, 0);
    const out = path.resolve(__dirname, "..", "..", "docs", "taskpane.png");
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    expect(fs.statSync(out).size).toBeGreaterThan(10000);
  });
});

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const HOSTED = "?_host_Info=Excel$Win32$16.01$en-US$$$$0";

describeBrowser("taskpane start-up inside Office", () => {
  it("falls back to the workbench when Office.js cannot be fetched (never hangs)", async () => {
    // Looks hosted (the _host_Info Office adds), but the CDN is unreachable: the page must still start.
    const wb = await openWorkbench({ query: HOSTED });
    try {
      expect(await wb.page.getAttribute("body", "data-desk-ready")).toBe("workbench");
      expect(
        await wb.page.evaluate(() => (window as unknown as { __bpoOfficeExpected?: boolean }).__bpoOfficeExpected),
      ).toBe(true);
    } finally {
      await wb.close();
    }
  });

  it("in Excel: associates every ribbon command and custom function at load and completes every command", async () => {
    // A stand-in for Office.js that records what the shared runtime registers.
    const fakeOffice = `
      window.__fake = { actions: {}, functions: {}, shown: 0 };
      window.Office = {
        HostType: { Excel: "Excel" },
        onReady: function (cb) { var p = Promise.resolve({ host: "Excel", platform: "PC" }); if (cb) p.then(cb); return p; },
        actions: { associate: function (n, f) { window.__fake.actions[n] = f; } },
        addin: { showAsTaskpane: function () { window.__fake.shown++; return Promise.resolve(); } },
      };
      window.CustomFunctions = { associate: function (id, f) { window.__fake.functions[id] = typeof f; } };
      window.Excel = { run: function () { return Promise.reject(new Error("no workbook in this test")); } };
    `;
    const wb = await openWorkbench({ query: HOSTED, fulfill: { [OFFICE_JS]: fakeOffice } });
    try {
      const { page } = wb;
      expect(await page.getAttribute("body", "data-desk-ready")).toBe("excel");
      expect(await page.getByText("in-browser demo workbook").count()).toBe(0);
      const registered = await page.evaluate(async () => {
        const f = (
          window as unknown as { __fake: { actions: Record<string, unknown>; functions: Record<string, string> } }
        ).__fake;
        const meta = (await (await fetch("functions.json")).json()) as { functions: { id: string }[] };
        return {
          actions: Object.keys(f.actions).sort(),
          functions: Object.keys(f.functions).sort(),
          expected: meta.functions.map((x) => x.id).sort(),
        };
      });
      // The manifest's ExecuteFunction names (see tests/manifest.test.ts) and functions.json's ids.
      expect(registered.actions).toEqual([
        "runAgingReport",
        "runPayrollReport",
        "runQualityReport",
        "runReconSummary",
        "runSlaReport",
      ]);
      expect(registered.functions).toEqual(registered.expected);
      expect(registered.functions.length).toBeGreaterThan(0);
      const completed = await page.evaluate(async () => {
        const f = (window as unknown as { __fake: { actions: Record<string, (e: unknown) => Promise<void>> } }).__fake;
        const done: string[] = [];
        for (const [name, handler] of Object.entries(f.actions)) {
          await handler({ completed: () => done.push(name) });
        }
        return done.sort();
      });
      expect(completed).toEqual(registered.actions);
      expect(wb.errors.filter((e) => !/office\.js|appsforoffice/.test(e))).toEqual([]);
    } finally {
      await wb.close();
    }
  });
});
