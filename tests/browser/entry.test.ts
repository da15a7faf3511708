/**
 * The Entry view in a real browser (the workbench), keyboard only: type an employee record with
 * mistakes, see the messages, fix them, submit with Enter, see the row appended and logged in the
 * preview; Esc asks before clearing; axe-core finds no accessibility violations; screenshot to docs/entry.png.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { axeViolations, describeBrowser, openWorkbench, type WorkbenchPage } from "./harness";

const ROOT = path.resolve(__dirname, "..", "..");

async function typeInto(page: Page, text: string): Promise<void> {
  await page.keyboard.press("Control+A");
  if (text === "") await page.keyboard.press("Backspace");
  else await page.keyboard.type(text);
}

async function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute("data-field") ?? null);
}

/** The message a field announces: the text of the elements its aria-describedby names. */
async function describedMessage(page: Page, field: string): Promise<{ invalid: string | null; message: string }> {
  return page.evaluate((key) => {
    const el = document.querySelector(`[data-view="entry"] [data-field="${key}"]`)!;
    const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    return {
      invalid: el.getAttribute("aria-invalid"),
      message: ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" "),
    };
  }, field);
}

describeBrowser("Entry view (workbench)", () => {
  let wb: WorkbenchPage;

  beforeAll(async () => {
    wb = await openWorkbench({ height: 1000 });
  });
  afterAll(async () => {
    await wb?.close();
  });

  it("catches mistakes as the user types, writes nothing until they are fixed, then appends and logs", async () => {
    const { page } = wb;
    const panel = page.locator('[role="tabpanel"][data-view="entry"]');
    const tableSelect = panel.getByLabel("Table", { exact: true });
    await tableSelect.waitFor();
    const rowsBefore = await page.evaluate(async () => {
      const w = (window as unknown as { __bpoWorkbench: { wb: { read(s: string): Promise<{ rows: unknown[][] }> } } })
        .__bpoWorkbench.wb;
      return (await w.read("Employees")).rows.length;
    });

    // Keyboard only: focus the table picker, pick Employees by typing, Tab into the form.
    await tableSelect.focus();
    await page.keyboard.type("Employees");
    await page.waitForFunction(() => document.querySelector('[data-view="entry"] [data-field="employeeId"]') !== null);
    await page.keyboard.press("Tab"); // Dates typed as
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("employeeId");

    // A record with mistakes: a duplicate Employee ID, a PAN with no holder type, an 11-digit UAN, a lakh amount.
    const typed: [string, string][] = [
      ["employeeId", "E1001"],
      ["name", "Priya Nair"],
      ["state", "KA"],
      ["gender", "F"],
      ["basic", "1,20,000"],
      ["hra", "48000"],
      ["otherAllowances", "5000"],
      ["pf", "Y"],
      ["esi", "N"],
      ["pan", "ABCDE1234F"],
      ["uan", "10012345678"],
      ["ifsc", "HDFC0000001"],
      ["bankAccount", "50100123456789"],
    ];
    for (const [key, text] of typed) {
      expect(await focused(page)).toBe(key);
      const tag = await page.evaluate(() => document.activeElement?.tagName);
      if (tag === "SELECT") await page.keyboard.type(text);
      else await typeInto(page, text);
      await page.keyboard.press("Tab");
    }
    // Left fields show their messages, announced through aria-describedby, with aria-invalid set.
    const pan = await describedMessage(page, "pan");
    expect(pan.invalid).toBe("true");
    expect(pan.message).toContain("4th character 'D' is not a PAN holder type");
    expect((await describedMessage(page, "uan")).message).toContain("should be 12 digits, got 11");
    expect((await describedMessage(page, "employeeId")).message).toContain("E1001 is already in the table");
    expect((await describedMessage(page, "name")).invalid).not.toBe("true");

    // Enter submits: refused, nothing written, focus on the first field to fix.
    await page.locator('[data-view="entry"] [data-field="bankAccount"]').focus();
    await page.keyboard.press("Enter");
    await panel.getByText("Nothing was written: fix 3 fields").waitFor();
    expect(await focused(page)).toBe("employeeId");
    const rowsAfterRefusal = await page.evaluate(async () => {
      const w = (window as unknown as { __bpoWorkbench: { wb: { read(s: string): Promise<{ rows: unknown[][] }> } } })
        .__bpoWorkbench.wb;
      return (await w.read("Employees")).rows.length;
    });
    expect(rowsAfterRefusal).toBe(rowsBefore);

    fs.mkdirSync(path.join(ROOT, "docs"), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, "docs", "entry.png"), fullPage: false });

    // Fix them from the keyboard; the messages follow each keystroke.
    await typeInto(page, "E9001");
    await page.waitForFunction(
      () => document.querySelector('[data-field="employeeId"]')?.getAttribute("aria-invalid") !== "true",
    );
    for (let i = 0; i < 9; i++) await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("pan");
    await typeInto(page, "ABCPE1234F");
    await page.keyboard.press("Tab");
    await typeInto(page, "100123456789");
    expect((await describedMessage(page, "pan")).invalid).not.toBe("true");
    expect((await describedMessage(page, "uan")).invalid).not.toBe("true");
    await page.keyboard.press("Enter");

    const expectedRow = rowsBefore + 2; // header on row 1
    await panel.getByText("E9001 added to Employees").waitFor();
    expect(await panel.getByTestId("entry-result").innerText()).toContain(`row ${expectedRow}`);
    // Focus is back on the first field, ready for the next record: the next ID proposed (E9001 was the
    // highest), repeat fields keeping their values.
    expect(await focused(page)).toBe("employeeId");
    expect(await page.inputValue('[data-view="entry"] [data-field="employeeId"]')).toBe("E9002");
    expect(await page.inputValue('[data-view="entry"] [data-field="state"]')).toBe("KA");

    // The preview shows the appended row on the table's sheet ...
    const grid = page.locator('table[data-sheet="Employees"]');
    await grid.waitFor();
    const row = await grid
      .locator("tbody tr")
      .nth(expectedRow - 1)
      .locator("td")
      .allInnerTexts();
    expect(row.slice(0, 5)).toEqual(["E9001", "Priya Nair", "KA", "F", "1,20,000"].slice(0, 4).concat([row[4]]));
    expect(row[0]).toBe("E9001");
    // ... stored as typed values: the amount as a number, the PAN upper-case.
    const stored = await page.evaluate(async () => {
      const w = (window as unknown as { __bpoWorkbench: { wb: { read(s: string): Promise<{ rows: unknown[][] }> } } })
        .__bpoWorkbench.wb;
      return (await w.read("Employees")).rows.at(-1);
    });
    expect(stored).toEqual([
      "E9001",
      "Priya Nair",
      "KA",
      "F",
      120000,
      48000,
      5000,
      "Y",
      "N",
      "ABCPE1234F",
      "100123456789",
      "HDFC0000001",
      "50100123456789",
    ]);

    // ... and the Entry Log, picked in the preview with the keyboard.
    await page.getByLabel("Sheet", { exact: true }).focus();
    await page.keyboard.type("Entry Log");
    const log = page.locator('table[data-sheet="Entry Log"]');
    await log.waitFor();
    const logRow = await log.locator("tbody tr").nth(1).locator("td").allInnerTexts();
    expect(logRow[1]).toBe("Employees");
    expect(logRow[2]).toBe(String(expectedRow));
    expect(logRow[3]).toContain('"Employee ID":"E9001"');

    // Esc asks before clearing what was typed: Esc again keeps it, Enter on Clear clears it.
    await page.locator('[data-view="entry"] [data-field="name"]').focus();
    await page.keyboard.type("Half typed");
    await page.keyboard.press("Escape");
    const ask = page.getByRole("dialog", { name: "Clear this record?" });
    await ask.waitFor();
    expect(await ask.innerText()).toContain("What you typed in 1 field goes; nothing has been written to Employees.");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Clear");
    expect(await axeViolations(page, "body")).toEqual([]);
    await page.keyboard.press("Escape");
    await ask.waitFor({ state: "hidden" });
    expect(await page.inputValue('[data-view="entry"] [data-field="name"]')).toBe("Half typed");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-field") === "name");
    await page.keyboard.press("Escape");
    await ask.waitFor();
    await page.keyboard.press("Enter");
    await ask.waitFor({ state: "hidden" });
    expect(await page.inputValue('[data-view="entry"] [data-field="name"]')).toBe("");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-field") === "employeeId");
    // A blank form has nothing to lose: Esc does not ask.
    await page.keyboard.press("Escape");
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(wb.errors).toEqual([]);
  });

  it("has no axe-core violations in the Entry view, with messages showing", async () => {
    const { page } = wb;
    await page.locator('[data-view="entry"] [data-field="pan"]').focus();
    await typeInto(page, "BAD");
    await page.keyboard.press("Tab");
    expect(await axeViolations(page, '[data-view="entry"]')).toEqual([]);
  });
});
