/**
 * The taskpane shell in a real browser (the workbench): it starts without Office, says so, switches
 * views from the keyboard, previews the demo workbook and logs no errors. It also takes the README's
 * screenshot (docs/taskpane.png).
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { axeViolations, describeBrowser, openWorkbench, tempDir, type WorkbenchPage } from "./harness";

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
    const banner = page.locator("main .fui-MessageBar");
    await expect(banner.getByText("running against an in-browser demo workbook, not Excel").isVisible()).resolves.toBe(
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

  it("links to the help page, which says what the add-in does, how to get help and how it handles data", async () => {
    const { page, context, url } = wb;
    const link = page.locator("footer").getByRole("link", { name: "Help" });
    expect(await link.getAttribute("href")).toBe("help.html");
    const [help] = await Promise.all([context.waitForEvent("page"), link.click()]);
    try {
      await help.waitForLoadState("domcontentloaded");
      expect(help.url()).toBe(`${url}help.html`);
      await help.setViewportSize({ width: 900, height: 1400 });
      await expect(help.getByRole("heading", { level: 2 }).allInnerTexts()).resolves.toEqual([
        "What BPO Desk does",
        "Getting help",
        "Privacy and data handling",
      ]);
      await expect(help.locator("main").innerText()).resolves.toContain(
        "Workbook data stays in the workbook; statements opened in the browser are never uploaded.",
      );
      expect(await axeViolations(help, "body")).toEqual([]);
      const shot = path.join(tempDir("bpo-help-"), "help.png");
      await help.screenshot({ path: shot, fullPage: true });
      if (process.env.BPO_SHOTS) fs.copyFileSync(shot, path.join(process.env.BPO_SHOTS, "help.png"));
    } finally {
      await help.close();
    }
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

/** A stand-in for Office.js whose Office.onReady answers only when the test calls window.__answerOffice(). */
const SLOW_OFFICE = `
  window.Office = {
    HostType: { Excel: "Excel" },
    onReady: function () {
      return new Promise(function (resolve) {
        window.__answerOffice = function () { resolve({ host: "Excel", platform: "PC" }); };
      });
    },
    actions: { associate: function () {} },
    addin: { showAsTaskpane: function () { return Promise.resolve(); } },
  };
  window.CustomFunctions = { associate: function () {} };
  window.Excel = { run: function () { return Promise.reject(new Error("no workbook in this test")); } };
`;

/** What the page shows that only the workbench shows: its banner, its demo book, its footer. */
async function workbenchTraces(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const text of ["Workbench:", "in-browser demo workbook", "Demo data", "Download workbook"])
    if (await page.getByText(text).count()) found.push(text);
  if (await page.evaluate(() => "__bpoWorkbench" in window)) found.push("window.__bpoWorkbench");
  if (await page.evaluate(() => document.body.dataset.deskReady === "workbench")) found.push("data-desk-ready");
  return found;
}

/** Presses Tab until `name` has the focus (at most `max` presses); returns how many presses it took. */
async function tabTo(page: Page, name: string, max = 5): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return i;
  }
  throw new Error(`${name} is not reachable with Tab`);
}

describeBrowser("taskpane start-up inside Office", () => {
  it("a slow Office start shows progress, then offers Retry from the keyboard, and never the demo workbook", async () => {
    const wb = await openWorkbench({
      query: HOSTED,
      fulfill: { [OFFICE_JS]: SLOW_OFFICE },
      waitReady: false,
      width: 360, // a taskpane's width
      height: 640,
      // Page timers on a fake clock, so the test jumps past the 15 s patience instead of waiting for it.
      beforeOpen: (context) => context.clock.install(),
    });
    try {
      const { page } = wb;
      await page.waitForSelector('body[data-desk-state="connecting"]');
      const status = page.getByRole("status");
      await expect(status.innerText()).resolves.toBe("Connecting to Excel…");
      expect(await page.getByRole("button", { name: "Retry" }).count()).toBe(0);

      await page.clock.fastForward(16000);
      await page.waitForSelector('body[data-desk-state="waiting"]');
      // The live region says what is happening (a screen reader hears it), and the pane still waits.
      await expect(status.innerText()).resolves.toMatch(/^Excel has not answered yet\.\s+BPO Desk is still waiting/);
      expect(await page.getAttribute("body", "data-desk-ready")).toBeNull();
      expect(await workbenchTraces(page)).toEqual([]);
      expect(await axeViolations(page, "body")).toEqual([]);
      const shots = tempDir("bpo-startup-");
      await page.screenshot({ path: path.join(shots, "retry.png") });
      if (process.env.BPO_SHOTS)
        fs.copyFileSync(path.join(shots, "retry.png"), path.join(process.env.BPO_SHOTS, "retry.png"));

      // Retry is the first stop of the keyboard, and Enter on it reloads the add-in.
      expect(await tabTo(page, "Retry")).toBe(1);
      await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
      await page.waitForSelector('body[data-desk-state="connecting"]');
      expect(await workbenchTraces(page)).toEqual([]);
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
    }
  });

  it("a slow start that Excel finally answers opens the taskpane on the workbook", async () => {
    const wb = await openWorkbench({
      query: HOSTED,
      fulfill: { [OFFICE_JS]: SLOW_OFFICE },
      waitReady: false,
      beforeOpen: (context) => context.clock.install(),
    });
    try {
      const { page } = wb;
      await page.waitForSelector('body[data-desk-state="connecting"]');
      await page.clock.fastForward(60000);
      await page.waitForSelector('body[data-desk-state="waiting"]');
      await page.evaluate(() => (window as unknown as { __answerOffice(): void }).__answerOffice());
      await page.waitForSelector('body[data-desk-ready="excel"]');
      await page.getByRole("tablist", { name: "BPO Desk views" }).waitFor();
      expect(await page.getByRole("button", { name: "Retry" }).count()).toBe(0);
      expect(await workbenchTraces(page)).toEqual([]);
    } finally {
      await wb.close();
    }
  });

  it("says so and offers Retry when Office.js cannot be fetched inside Office, never the demo workbook", async () => {
    // Looks hosted (the _host_Info Office adds), but the CDN is unreachable, as on a floor that blocks it.
    const wb = await openWorkbench({ query: HOSTED });
    try {
      const { page } = wb;
      expect(await page.getAttribute("body", "data-desk-ready")).toBe("error");
      expect(
        await page.evaluate(() => (window as unknown as { __bpoOfficeExpected?: boolean }).__bpoOfficeExpected),
      ).toBe(true);
      const alert = page.getByRole("alert");
      await expect(alert.innerText()).resolves.toContain("BPO Desk could not reach Office.");
      await expect(alert.innerText()).resolves.toContain(`Office.js did not load from ${OFFICE_JS}`);
      expect(await page.getByRole("button", { name: "Retry" }).isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "Help" }).getAttribute("href")).toBe("help.html");
      expect(await workbenchTraces(page)).toEqual([]);
      expect(await axeViolations(page, "body")).toEqual([]);
    } finally {
      await wb.close();
    }
  });

  it("in Excel: associates every ribbon command and custom function before any UI chunk is fetched, and completes every command", async () => {
    // A stand-in for Office.js that records what the shared runtime registers, and which scripts the page
    // had requested when the first custom function was associated.
    const fakeOffice = `
      window.__fake = { actions: {}, functions: {}, shown: 0, scriptsAtFirstAssociate: null };
      window.Office = {
        HostType: { Excel: "Excel" },
        onReady: function (cb) { var p = Promise.resolve({ host: "Excel", platform: "PC" }); if (cb) p.then(cb); return p; },
        actions: { associate: function (n, f) { window.__fake.actions[n] = f; } },
        addin: {
          showAsTaskpane: function () { window.__fake.shown++; return Promise.resolve(); },
          onVisibilityModeChanged: function () { return Promise.resolve(function () { return Promise.resolve(); }); },
        },
      };
      window.CustomFunctions = {
        associate: function (id, f) {
          // Every script requested so far: the page's own (in the document), and any chunk webpack loaded
          // (its script element is removed once loaded, but the fetch stays in the resource timeline).
          if (!window.__fake.scriptsAtFirstAssociate) {
            var seen = {};
            Array.prototype.forEach.call(document.scripts, function (s) { if (s.src) seen[s.src.split("/").pop()] = 1; });
            performance.getEntriesByType("resource").forEach(function (e) {
              if (/[.]js$/.test(e.name)) seen[e.name.split("/").pop()] = 1;
            });
            window.__fake.scriptsAtFirstAssociate = Object.keys(seen);
          }
          window.__fake.functions[id] = typeof f;
        },
      };
      window.Excel = { run: function () { return Promise.reject(new Error("no workbook in this test")); } };
    `;
    const wb = await openWorkbench({ query: HOSTED, fulfill: { [OFFICE_JS]: fakeOffice } });
    try {
      const { page } = wb;
      expect(await page.getAttribute("body", "data-desk-ready")).toBe("excel");
      expect(await workbenchTraces(page)).toEqual([]);
      const registered = await page.evaluate(async () => {
        const f = (
          window as unknown as {
            __fake: {
              actions: Record<string, unknown>;
              functions: Record<string, string>;
              scriptsAtFirstAssociate: string[];
            };
          }
        ).__fake;
        const meta = (await (await fetch("functions.json")).json()) as { functions: { id: string }[] };
        return {
          actions: Object.keys(f.actions).sort(),
          functions: Object.keys(f.functions).sort(),
          expected: meta.functions.map((x) => x.id).sort(),
          scriptsAtFirstAssociate: f.scriptsAtFirstAssociate,
          fetchedNow: performance.getEntriesByType("resource").map((e) => e.name.split("/").pop() ?? ""),
        };
      });
      // The manifest's ExecuteFunction names (see tests/manifest.test.ts) and functions.json's ids.
      expect(registered.actions).toEqual([
        "runAgingReport",
        "runBrsReport",
        "runPayrollReport",
        "runQualityReport",
        "runReconSummary",
        "runSlaReport",
      ]);
      expect(registered.functions).toEqual(registered.expected);
      expect(registered.functions.length).toBeGreaterThan(0);
      // The functions ran before the taskpane asked for its UI (React and Fluent come in the app and vendor
      // chunks, which webpack requests with a script element of their own) ...
      expect(registered.scriptsAtFirstAssociate.sort()).toEqual(
        ["commands.js", "core.js", "functions.js", "office.js", "runtime.js", "taskpane.js"].sort(),
      );
      // ... which the taskpane then fetched.
      expect(registered.fetchedNow.some((s) => /^vendor\..*\.js$/.test(s))).toBe(true);
      expect(registered.fetchedNow.some((s) => /^app\..*\.js$/.test(s))).toBe(true);
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

  it("a functions runtime that refuses every association still leaves the ribbon and the taskpane working", async () => {
    const fakeOffice = `
      window.__fake = { actions: {} };
      window.Office = {
        HostType: { Excel: "Excel" },
        onReady: function () { return Promise.resolve({ host: "Excel", platform: "PC" }); },
        actions: { associate: function (n, f) { window.__fake.actions[n] = f; } },
        addin: { showAsTaskpane: function () { return Promise.resolve(); } },
      };
      window.CustomFunctions = { associate: function () { throw new Error("custom functions are not available"); } };
      window.Excel = { run: function () { return Promise.reject(new Error("no workbook in this test")); } };
    `;
    const wb = await openWorkbench({ query: HOSTED, fulfill: { [OFFICE_JS]: fakeOffice } });
    try {
      const { page } = wb;
      expect(await page.getAttribute("body", "data-desk-ready")).toBe("excel");
      await page.getByRole("tablist", { name: "BPO Desk views" }).waitFor();
      const actions = await page.evaluate(
        () =>
          Object.keys((window as unknown as { __fake: { actions: Record<string, unknown> } }).__fake.actions).length,
      );
      expect(actions).toBe(6);
      expect(wb.errors.filter((e) => !/custom functions are not available/.test(e))).toEqual([]);
    } finally {
      await wb.close();
    }
  });
});
