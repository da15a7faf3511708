/**
 * `npm run demo` end to end: the command writes out/demo.xlsx with every sheet, and LibreOffice
 * (a real spreadsheet program) opens it and recalculates every formula without an error value.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, rmSync, statSync } from "fs";
import * as os from "os";
import * as path from "path";
import { openWorkbookFile } from "../../src/workbook/file-io";
import { KEYED_MISTAKES } from "../../src/core/sample/keyed";
import { recalcToCsv, sofficeAvailable, repoRoot } from "../helpers/soffice";

const EXPECTED_SHEETS = [
  "About",
  "Employees",
  "Attendance",
  "Invoices",
  "Payments",
  "Bank",
  "Ledger",
  "WorkItems",
  "KeyedInvoices",
  "Function Gallery",
  "Payroll Formulas",
  "Invoice Formulas",
  "Data Quality",
  "Recon Summary",
  "Recon Matched",
  "Recon Unmatched",
  "Aging",
  "Payroll Register",
  "SLA & Quality",
];

describe("bpo-desk demo", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-demo-"));
  const out = path.join(dir, "demo.xlsx");
  let run: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    run = spawnSync(process.execPath, [path.join(repoRoot, "bin/bpo-desk.js"), "demo", "--out", out], {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 240_000,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0, says what it wrote, and writes a workbook with every sheet", async () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Wrote .*demo\.xlsx with \d+ sheets/);
    expect(statSync(out).size).toBeGreaterThan(10_000);
    const wb = await openWorkbookFile(out);
    const names = (await wb.sheets()).map((s) => s.name);
    for (const s of EXPECTED_SHEETS) expect(names).toContain(s);
    // The demo's input tables read back with their rows intact.
    expect((await wb.read("Invoices")).rows).toHaveLength(300);
    expect((await wb.read("Bank")).rows).toHaveLength(76);
  });

  it("shows validation at work: each mistake planted in the keyed batch is a finding, and nothing else is", async () => {
    const wb = await openWorkbookFile(out);
    const t = await wb.read("DataQualityFindings");
    const col = (h: string) => t.headers.indexOf(h);
    const found = t.rows.map((r) => [r[col("Sheet")], r[col("Row")], r[col("Column")]]);
    expect(found).toEqual(KEYED_MISTAKES.map((m) => ["KeyedInvoices", m.row, m.column]));
  });

  it("opens in LibreOffice and every formula outside the BPO.* custom functions recalculates without an error", () => {
    if (!sofficeAvailable()) return;
    const sheets = recalcToCsv(out);
    for (const s of EXPECTED_SHEETS) expect(Object.keys(sheets)).toContain(s);
    const errors: string[] = [];
    for (const [name, rows] of Object.entries(sheets)) {
      // BPO.* exists only inside Excel with the add-in loaded: these sheets' BPO cells are #NAME? elsewhere.
      if (["Function Gallery", "Payroll Formulas", "Invoice Formulas"].includes(name)) continue;
      rows.forEach((r, i) =>
        r.forEach((c, j) => {
          if (/^#(NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NUM!|NULL!)$|^Err:\d+$/.test(c))
            errors.push(`${name}!R${i + 1}C${j + 1}=${c}`);
        }),
      );
    }
    expect(errors).toEqual([]);
    // The plain-Excel proration formula next to the register's gross agrees on every line after recalculation.
    const payroll = sheets["Payroll Formulas"].slice(4).filter((r) => r[0]);
    expect(payroll).toHaveLength(50);
    for (const r of payroll) expect(Number(r[12].replace(/,/g, ""))).toBe(Number(r[11].replace(/,/g, "")));
  });
});
