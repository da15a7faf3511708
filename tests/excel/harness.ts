/**
 * The contract harness on real Excel (tests/contract/cases.ts's OfficeHarness): what a user does by hand,
 * done through Office.js on the open workbook. The workbook keeps the sheets it had when the run began
 * (Excel needs one); each case sees only its own sheets, and cleanup removes them.
 */
import { OfficeWorkbook } from "../../src/workbook/office";
import { colLetters } from "../../src/workbook/a1";
import type { CellValue } from "../../src/core/sheet-spec";
import type { OfficeHarness } from "../contract/cases";

function grid(rows: CellValue[][]): (string | number | boolean)[][] {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const out = rows.map((r) =>
    Array.from({ length: width }, (_, j) => (r[j] === null || r[j] === undefined ? "" : r[j]!)),
  );
  return out.length ? out : [[""]];
}

async function batch<T>(f: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(f);
}

/** A harness on the open workbook; `baseline` are the sheets that were there before the run. */
export async function excelHarness(baseline: readonly string[]): Promise<OfficeHarness & { names: string[] }> {
  const userNames: string[] = [];
  const own = (list: string[]) => list.filter((n) => !baseline.includes(n));
  const wb = new OfficeWorkbook();
  const addSheet = (name: string, rows: CellValue[][]) =>
    batch(async (context) => {
      const ws = context.workbook.worksheets.add(name);
      const g = grid(rows);
      ws.getRange(`A1:${colLetters(g[0].length)}${g.length}`).values = g;
      await context.sync();
    });
  return {
    wb,
    names: userNames,
    userSheet: addSheet,
    async userTable(sheet, name, rows) {
      await addSheet(sheet, rows);
      await batch(async (context) => {
        const g = grid(rows);
        const t = context.workbook.worksheets
          .getItem(sheet)
          .tables.add(`A1:${colLetters(g[0].length)}${g.length}`, true);
        t.name = name;
        await context.sync();
      });
    },
    sheetNames: async () => own((await wb.sheets()).map((s) => s.name)),
    sheets: async () => (await wb.sheets()).filter((s) => !baseline.includes(s.name)),
    conditionalFormatCount: (sheet) =>
      batch(async (context) => {
        const n = context.workbook.worksheets.getItem(sheet).getRange().conditionalFormats.getCount();
        await context.sync();
        return n.value;
      }),
    userFormula: (sheet, cell, formula) =>
      batch(async (context) => {
        context.workbook.worksheets.getItem(sheet).getRange(cell).formulas = [[formula]];
        await context.sync();
      }),
    userName: (name, sheet, cell) =>
      batch(async (context) => {
        userNames.push(name);
        context.workbook.names.add(name, context.workbook.worksheets.getItem(sheet).getRange(cell));
        await context.sync();
      }),
    value: (sheet, cell) =>
      batch(async (context) => {
        const r = context.workbook.worksheets.getItem(sheet).getRange(cell).load("values");
        await context.sync();
        const v = r.values[0][0] as CellValue;
        return v === "" ? null : v;
      }),
    nameFormula: (name) =>
      batch(async (context) => {
        const n = context.workbook.names.getItem(name).load("formula");
        await context.sync();
        return String(n.formula);
      }),
    valueType: (sheet, cell) =>
      batch(async (context) => {
        const r = context.workbook.worksheets.getItem(sheet).getRange(cell).load("valueTypes");
        await context.sync();
        return String(r.valueTypes[0][0]);
      }),
    protectStructure: (on) =>
      batch(async (context) => {
        if (on) context.workbook.protection.protect();
        else context.workbook.protection.unprotect();
        await context.sync();
      }),
  };
}

/** Remove what a case left: its sheets, the add-in's markers, the user's names; structure unprotected. */
export async function cleanupExcel(baseline: readonly string[], h: { names?: string[] }): Promise<void> {
  await batch(async (context) => {
    const structure = context.workbook.protection.load("protected");
    const sheets = context.workbook.worksheets.load("items/name,items/visibility");
    const names = context.workbook.names.load("items/name");
    await context.sync();
    if (structure.protected) context.workbook.protection.unprotect();
    for (const n of names.items) if (/^BPODESK/i.test(n.name) || h.names?.includes(n.name)) n.delete();
    for (const s of sheets.items)
      if (!baseline.includes(s.name)) {
        if (s.visibility !== "Visible") s.visibility = "Visible";
        s.delete();
      }
    await context.sync();
  });
}

/** Type the formulas into a scratch sheet, let Excel calculate them, read what it shows. */
export async function evaluateInExcel(formulas: string[], timeoutMs = 60_000): Promise<unknown[]> {
  const sheetName = "~bpo-desk smoke";
  await batch(async (context) => {
    const ws = context.workbook.worksheets.add(sheetName);
    formulas.forEach((f, i) => (ws.getRange(`A${i * 2 + 1}`).formulas = [[f]]));
    await context.sync();
  });
  try {
    const started = Date.now();
    for (;;) {
      const rows = await batch(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheetName);
        // Two rows per formula: a spilled result (GST's one row of three) has room to the right.
        const r = ws.getRange(`A1:C${formulas.length * 2}`).load("values");
        await context.sync();
        return r.values;
      });
      const values = formulas.map((_, i) => {
        const row = rows[i * 2];
        return row[1] !== "" ? [row.filter((v) => v !== "")] : row[0];
      });
      // Custom functions are asynchronous: Excel shows #BUSY! until they return.
      if (!values.some((v) => v === "#BUSY!" || v === "#GETTING_DATA") || Date.now() - started > timeoutMs)
        return values;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await batch(async (context) => {
      context.workbook.worksheets.getItem(sheetName).delete();
      await context.sync();
    });
  }
}
