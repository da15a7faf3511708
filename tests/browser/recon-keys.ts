/**
 * Keyboard-only steps the Reconcile browser tests share: every control is reached by focusing it (as Tab
 * would) and worked with keys; a file is given to the file chooser a key opened. No mouse clicks.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";

export const CORPUS = "/work/shared/corpus/statements";

/** Focus an element and press a key on it. */
export async function press(page: Page, testidOrSelector: string, key = "Enter"): Promise<void> {
  const loc = testidOrSelector.startsWith("[") ? page.locator(testidOrSelector) : page.getByTestId(testidOrSelector);
  await loc.first().focus();
  await page.keyboard.press(key);
}

/** Choose an option of a native select with the arrow keys (as a person does with the list closed). */
export async function chooseByKeys(page: Page, testid: string, text: string | RegExp): Promise<void> {
  const sel = page.getByTestId(testid);
  await sel.focus();
  const { from, to, texts } = await sel.evaluate(
    (el, want) => {
      const s = el as HTMLSelectElement;
      const opts = [...s.options];
      const match = (o: HTMLOptionElement) =>
        want.re ? new RegExp(want.re).test(o.text) : o.text.trim() === want.text || o.value === want.text;
      return { from: s.selectedIndex, to: opts.findIndex(match), texts: opts.map((o) => o.text) };
    },
    typeof text === "string" ? { text, re: "" } : { text: "", re: text.source },
  );
  if (to < 0) throw new Error(`no option ${String(text)} in ${testid}: ${texts.join(" | ")}`);
  for (let k = from; k < to; k++) await page.keyboard.press("ArrowDown");
  for (let k = from; k > to; k--) await page.keyboard.press("ArrowUp");
}

/** Type into a field (focused first), replacing what it held. */
export async function typeInto(page: Page, testid: string, text: string): Promise<void> {
  await page.getByTestId(testid).focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  if (text) await page.keyboard.type(text);
}

/** Press a button that opens the browser's file chooser, and answer it with a file. */
export async function chooseFile(page: Page, buttonTestidOrSelector: string, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), press(page, buttonTestidOrSelector)]);
  await chooser.setFiles(file);
}

/** Wait until the pane's live region has said something matching `re`; returns what it said. */
export async function said(page: Page, re: RegExp, timeout = 30000): Promise<string> {
  await page.waitForFunction(
    (src) => new RegExp(src).test(document.querySelector("[data-live-region]")?.getAttribute("data-said") ?? ""),
    re.source,
    { timeout },
  );
  return (await page.locator("[data-live-region]").getAttribute("data-said")) ?? "";
}

/** Open the Reconcile view with the keyboard and wait for its pickers. */
export async function openReconcile(page: Page): Promise<void> {
  await page.getByRole("tab", { name: /Reconcile/ }).focus();
  await page.keyboard.press("Enter");
  await page.locator('[role="tabpanel"][data-view="reconcile"]').waitFor();
}

/** Run the reconciliation with the keyboard and wait for its result (the focus moves to its heading). */
export async function runByKeys(page: Page): Promise<void> {
  await press(page, "recon-run");
  await page.getByTestId("recon-summary").waitFor({ timeout: 60000 });
  await page.waitForFunction(() => document.activeElement?.id === "recon-result-h");
}

/**
 * Download the workbook (the workbench's button) and open the downloaded file again ("Open a workbook…"):
 * what the next person who opens the saved workbook gets. Returns the file's path.
 */
export async function downloadAndReopen(page: Page, dir: string): Promise<string> {
  const download = await downloadByRole(page);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(fs.statSync(file).size).toBeGreaterThan(1000);
  await chooseFileByRole(page, "Open a workbook…", file);
  await waitForSource(page, path.basename(file));
  return file;
}

async function downloadByRole(page: Page) {
  const button = page.getByRole("button", { name: "Download workbook" });
  const [d] = await Promise.all([
    page.waitForEvent("download"),
    (async () => {
      await button.focus();
      await page.keyboard.press("Enter");
    })(),
  ]);
  return d;
}

/** Open one of the user's files as the workbook ("Open a workbook…"), with the keyboard. */
export async function openAsWorkbook(page: Page, file: string): Promise<void> {
  await chooseFileByRole(page, "Open a workbook…", file);
  await waitForSource(page, path.basename(file));
}

async function waitForSource(page: Page, name: string): Promise<void> {
  await page
    .locator(".fui-MessageBarBody", { hasText: `running against ${name}` })
    .first()
    .waitFor({ timeout: 60000 });
  await page.waitForFunction(
    (n) => document.querySelector("footer")?.textContent?.startsWith(`${n}: read in this browser`),
    name,
  );
}

async function chooseFileByRole(page: Page, name: string, file: string): Promise<void> {
  const button = page.getByRole("button", { name });
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    (async () => {
      await button.focus();
      await page.keyboard.press("Enter");
    })(),
  ]);
  await chooser.setFiles(file);
}

/** A table of the in-browser workbook, as JSON text (to compare before and after). */
export function readTable(page: Page, name: string): Promise<string> {
  return page.evaluate(async (n) => {
    const w = (window as unknown as { __bpoWorkbench: { wb: { read(s: string): Promise<{ rows: unknown[][] }> } } })
      .__bpoWorkbench.wb;
    return JSON.stringify((await w.read(n)).rows);
  }, name);
}

/** The sheets of the in-browser workbook with their roles and visibility. */
export function sheetsOf(page: Page): Promise<{ name: string; role: string | null; visible: boolean }[]> {
  return page.evaluate(async () => {
    const w = (
      window as unknown as {
        __bpoWorkbench: { wb: { sheets(): Promise<{ name: string; role: string | null; visible: boolean }[]> } };
      }
    ).__bpoWorkbench.wb;
    return w.sheets();
  });
}

/** Scroll the pane so that an element is at its top, or the pane to its top (null), for a screenshot. */
export async function scrollPaneTo(page: Page, selector: string | null): Promise<void> {
  await page.evaluate((sel) => {
    const el = sel ? (document.querySelector(sel) as HTMLElement | null) : null;
    const panel = document.querySelector('[role="tabpanel"][data-view="reconcile"]') as HTMLElement;
    if (panel && !sel) panel.scrollTop = 0;
    if (el && panel) panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8;
    window.scrollTo(0, 0);
  }, selector);
  await page.mouse.move(0, 0);
}
