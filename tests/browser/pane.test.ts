/**
 * The pane at Excel's default taskpane width (320 px), in the workbench: nothing overlaps, clips or scrolls
 * sideways on any view; axe-core finds nothing on the whole page of any view, in light and dark theme, in
 * the states worth checking (messages showing, a result listed, the clear dialog open); after a report runs
 * the focus is on its outcome and the one live region says it; notices come one at a time at the foot of
 * the pane, never over a Run button. The theme follows the system (prefers-color-scheme, forced-colors),
 * ?theme= for screenshots, and inside Excel Office.context.officeTheme, with the settings in
 * OfficeRuntime.storage. Screenshots: docs/{entry,reports}-320-{light,dark}.png.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { axeViolations, describeBrowser, openWorkbench } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");
const VIEWS = ["Entry", "Reconcile", "Reports"] as const;

async function openView(page: Page, view: (typeof VIEWS)[number]): Promise<void> {
  await page.getByRole("tab", { name: view }).click();
  await page.locator(`[role="tabpanel"][data-view="${view.toLowerCase()}"]`).waitFor();
  // Each view reads the workbook when it first opens: wait for its spinner to go.
  await page.waitForFunction((v) => !document.querySelector(`[data-view="${v}"] .fui-Spinner`), view.toLowerCase());
  await page.mouse.move(0, 0);
}

/** Elements of the open view that stick out of the pane, or that overlap a sibling control: "" when none. */
async function layoutProblems(page: Page, view: string): Promise<string[]> {
  return page.evaluate((v) => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width)
      problems.push(`page scrolls sideways (${document.documentElement.scrollWidth}px)`);
    const panel = document.querySelector(`[role="tabpanel"][data-view="${v}"]`) as HTMLElement;
    const box = panel.getBoundingClientRect();
    const controls = [
      ...panel.querySelectorAll<HTMLElement>("input, select, button, [role=combobox], .fui-Field, .fui-Card"),
    ].filter((e) => e.offsetParent !== null);
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.getAttribute("data-field") ? `[${e.getAttribute("data-field")}]` : ""}${e.getAttribute("aria-label") ? `"${e.getAttribute("aria-label")}"` : ""} "${(e.textContent ?? "").trim().slice(0, 30)}"`;
    for (const e of controls) {
      const r = e.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5)
        problems.push(`${name(e)} runs off the pane (${Math.round(r.left)}..${Math.round(r.right)})`);
    }
    // Fields overlapping each other (the Entry pickers did at 320 px).
    const fields = controls.filter((e) => e.classList.contains("fui-Field"));
    for (let i = 0; i < fields.length; i++)
      for (let j = i + 1; j < fields.length; j++) {
        if (fields[i].contains(fields[j]) || fields[j].contains(fields[i])) continue;
        const a = fields[i].getBoundingClientRect();
        const b = fields[j].getBoundingClientRect();
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
          problems.push(`${name(fields[i])} overlaps ${name(fields[j])}`);
      }
    return problems;
  }, view);
}

describeBrowser("the pane at 320 px (workbench)", () => {
  for (const theme of ["light", "dark"] as const)
    it(`has no overlap, clipping or axe violation on any view, ${theme} theme`, async () => {
      const wb = await openWorkbench({ width: 320, height: 900, query: `?theme=${theme}` });
      try {
        const { page } = wb;
        expect(await page.evaluate(() => document.querySelector(".bpo-desk")?.getAttribute("data-theme"))).toBe(theme);
        for (const view of VIEWS) {
          await openView(page, view);
          expect(await layoutProblems(page, view.toLowerCase())).toEqual([]);
          expect(await axeViolations(page, "body")).toEqual([]);
        }
        // The Entry view with messages showing, and with the clear dialog open.
        await openView(page, "Entry");
        const entry = page.locator('[data-view="entry"]');
        await entry.getByLabel("Table", { exact: true }).selectOption({ label: "Invoices" });
        await entry.locator('[data-field="invoiceNo"]').waitFor();
        await entry.locator('[data-field="amount"]').fill("12.345");
        // Enter from the last field: nothing further to go to, so the form says what to fix.
        await entry.locator('[data-field="paid"]').focus();
        await page.keyboard.press("Enter");
        await entry.getByText(/^Nothing was written: fix \d fields?$/).waitFor();
        expect(await axeViolations(page, "body")).toEqual([]);
        fs.mkdirSync(path.join(ROOT, "docs"), { recursive: true });
        await entry.locator('[data-field="customer"]').focus();
        await page.keyboard.press("Escape");
        await page.getByRole("dialog").waitFor();
        expect(await axeViolations(page, "body")).toEqual([]);
        await page.keyboard.press("Enter");
        await page.getByRole("dialog").waitFor({ state: "hidden" });

        // The screenshot: an invoice added, the next one being keyed with the customer's list open.
        await entry.getByLabel("Dates typed as", { exact: true }).selectOption("DMY");
        await entry.locator('[data-field="customer"]').focus();
        await page.keyboard.type("acm");
        await page.keyboard.press("Tab");
        await entry.locator('[data-field="amount"]').focus();
        await page.keyboard.type("118000");
        await page.keyboard.press("Enter");
        await entry.getByText("INV-2025-0301 added to Invoices").waitFor();
        expect(await layoutProblems(page, "entry")).toEqual([]);
        expect(await axeViolations(page, "body")).toEqual([]);
        await entry.locator('[data-field="customer"]').focus();
        await page.keyboard.press("Control+A");
        await page.keyboard.type("b");
        await page.locator('[role="listbox"] [role="option"]').first().waitFor();
        await page.evaluate(() => {
          window.scrollTo(0, 0);
          document.querySelector('[role="tabpanel"][data-view="entry"]')!.scrollTop = 0;
        });
        await page.mouse.move(0, 0);
        await page.screenshot({ path: path.join(ROOT, "docs", `entry-320-${theme}.png`) });
        await page.keyboard.press("Escape");

        // Reports: the focus goes to the outcome after a run, and the live region says it.
        await openView(page, "Reports");
        const reports = page.locator('[data-view="reports"]');
        await reports.getByTestId("run-report-aging").click();
        await reports.getByTestId("report-result").waitFor({ timeout: 60000 });
        await page.waitForFunction(() => document.activeElement?.tagName === "H2");
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Receivables aging written");
        await page.waitForFunction(() =>
          /^Receivables aging written\. Aging as of 2025-10-31: ₹[\d,]+\.\d\d open/.test(
            document.querySelector("[data-live-region]")?.getAttribute("data-said") ?? "",
          ),
        );
        // The one live region of the page: no component brings its own.
        expect(await page.locator("[aria-live], [role=status], [role=alert]").count()).toBe(1);
        expect(await layoutProblems(page, "reports")).toEqual([]);
        expect(await axeViolations(page, "body")).toEqual([]);
        await page.evaluate(() => {
          window.scrollTo(0, 0);
          document.querySelector('[role="tabpanel"][data-view="reports"]')!.scrollTop = 0;
        });
        await page.screenshot({ path: path.join(ROOT, "docs", `reports-320-${theme}.png`) });
        expect(wb.errors).toEqual([]);
      } finally {
        await wb.close();
      }
    });

  it("shows notices one at a time at the foot of the pane, never over a Run button", async () => {
    const wb = await openWorkbench({ width: 320, height: 640 });
    try {
      const { page } = wb;
      await openView(page, "Reports");
      // What the ribbon posts (src/taskpane/bridge.ts postNotice), three at once.
      await page.evaluate(() => {
        const b = (globalThis as unknown as { __bpoDeskBridge: { notices: unknown[]; listeners: Set<() => void> } })
          .__bpoDeskBridge;
        b.notices.push(
          { message: "Aging written: ₹2,98,10,847.51 open on 212 invoices.", intent: "success" },
          { message: "Payroll Register written.", intent: "success" },
          { message: "The SLA report could not find its work items.", intent: "error" },
        );
        for (const fn of b.listeners) fn();
      });
      const strip = page.locator("[data-notice]");
      await strip.waitFor();
      expect(await strip.count()).toBe(1);
      expect(await strip.innerText()).toContain("Aging written: ₹2,98,10,847.51 open on 212 invoices.");
      expect(await strip.getByRole("button").innerText()).toBe("Next (2)");
      // Nothing of the panel's is under it: the panel ends where the strip begins.
      const [stripBox, panelBox] = await Promise.all([
        strip.boundingBox(),
        page.locator('[role="tabpanel"][data-view="reports"]').boundingBox(),
      ]);
      expect(panelBox!.y + panelBox!.height).toBeLessThanOrEqual(stripBox!.y + 0.5);
      for (const run of await page.getByRole("button", { name: /^Run / }).all()) {
        await run.evaluate((el) => el.scrollIntoView({ block: "center" }));
        const r = (await run.boundingBox())!;
        const s = (await strip.boundingBox())!;
        expect(r.y + r.height <= s.y + 0.5 || r.y >= s.y + s.height - 0.5).toBe(true);
        // The button is the element at its own centre: nothing covers it.
        expect(
          await run.evaluate((el) => {
            const b = el.getBoundingClientRect();
            return el.contains(document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2));
          }),
        ).toBe(true);
      }
      await strip.getByRole("button").click();
      expect(await strip.innerText()).toContain("Payroll Register written.");
      await strip.getByRole("button").click();
      expect(await strip.innerText()).toContain("The SLA report could not find its work items.");
      expect(await strip.getByRole("button").innerText()).toBe("Dismiss");
      await strip.getByRole("button").click();
      await strip.waitFor({ state: "detached" });
      expect(wb.errors).toEqual([]);
    } finally {
      await wb.close();
    }
  });

  it("follows the system's theme: dark, and high contrast when colours are forced", async () => {
    const dark = await openWorkbench({ width: 320 });
    try {
      await dark.page.emulateMedia({ colorScheme: "dark" });
      await dark.page.waitForFunction(() => document.querySelector(".bpo-desk")?.getAttribute("data-theme") === "dark");
      // Native controls follow too.
      expect(await dark.page.evaluate(() => document.documentElement.style.colorScheme)).toBe("dark");
      await dark.page.emulateMedia({ colorScheme: "light", forcedColors: "active" });
      await dark.page.waitForFunction(
        () => document.querySelector(".bpo-desk")?.getAttribute("data-theme") === "contrast",
      );
      // Let the forced colours settle (a frame or two after the media change).
      await dark.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      expect(await axeViolations(dark.page, "body")).toEqual([]);
      await dark.page.emulateMedia({ forcedColors: "none" });
      await dark.page.waitForFunction(
        () => document.querySelector(".bpo-desk")?.getAttribute("data-theme") === "light",
      );
    } finally {
      await dark.close();
    }
  });
});

describeBrowser("the pane inside Excel: Office's theme and storage", () => {
  it("wears Office's dark theme and keeps its settings in OfficeRuntime.storage", async () => {
    const fakeOffice = `
      window.__stored = {};
      window.__asked = [];
      window.Office = {
        HostType: { Excel: "Excel" },
        onReady: function () { return Promise.resolve({ host: "Excel", platform: "PC" }); },
        actions: { associate: function () {} },
        addin: { showAsTaskpane: function () { return Promise.resolve(); } },
        context: {
          officeTheme: { isDarkTheme: true, themeId: "Black", bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF",
            controlBackgroundColor: "#3A3A3A", controlForegroundColor: "#FFFFFF" },
          requirements: { isSetSupported: function (name, v) { window.__asked.push(name + " " + v); return name === "SharedRuntime"; } },
        },
      };
      window.OfficeRuntime = { storage: {
        getItem: function (k) { return Promise.resolve(window.__stored[k] === undefined ? null : window.__stored[k]); },
        setItem: function (k, v) { window.__stored[k] = v; return Promise.resolve(); },
      } };
      window.__stored["bpo-desk.settings"] = JSON.stringify({ entry: { dateOrder: "DMY", table: "Invoices" } });
      window.CustomFunctions = { associate: function () {} };
      window.Excel = { run: function () { return Promise.reject(new Error("no workbook in this test")); } };
    `;
    const wb = await openWorkbench({
      width: 320,
      query: "?_host_Info=Excel$Win32$16.01$en-US$$$$0",
      fulfill: { "https://appsforoffice.microsoft.com/lib/1/hosted/office.js": fakeOffice },
    });
    try {
      const { page } = wb;
      expect(await page.getAttribute("body", "data-desk-ready")).toBe("excel");
      await page.waitForFunction(() => document.querySelector(".bpo-desk")?.getAttribute("data-theme") === "dark");
      // The store was chosen by its requirement set, and read before any view mounted.
      expect(await page.evaluate(() => (window as unknown as { __asked: string[] }).__asked)).toContain(
        "SharedRuntime 1.1",
      );
      await page.locator('[role="tabpanel"][data-view="entry"]').waitFor();
      // Office switches to a light theme: seen when the pane next gets the focus.
      await page.evaluate(() => {
        const o = (window as unknown as { Office: { context: { officeTheme: { isDarkTheme: boolean } } } }).Office;
        o.context.officeTheme.isDarkTheme = false;
        window.dispatchEvent(new Event("focus"));
      });
      await page.waitForFunction(() => document.querySelector(".bpo-desk")?.getAttribute("data-theme") === "light");
    } finally {
      await wb.close();
    }
  });
});
