/**
 * `bpo-desk report` end to end on .xlsx files written by the file adapter: --json documents of cli.md,
 * BOOK never modified, --out written, clear exit-2 messages for bad usage and missing inputs.
 * Expected figures come from the independent computations of tests/unit/reports/independent.ts.
 */
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from "fs";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { captureIo } from "../helpers/cli-io";
import { FileWorkbook } from "../../src/workbook/file";
import { openWorkbookFile, saveWorkbookFile } from "../../src/workbook/file-io";
import {
  expectedAging,
  expectedSla,
  genInvoices,
  genWorkItems,
  serial,
  type GenTable,
} from "../unit/reports/independent";
import { hdfcBook } from "../unit/recon/fixtures";
import { annotate } from "../helpers/annotate";

const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-report-cli-"));
const asOf = serial(2025, 10, 31);

const io = () => captureIo(dir);

async function book(file: string, sheets: [string, GenTable][]): Promise<string> {
  const wb = new FileWorkbook();
  // Plain user sheets, as a user types them: they carry no add-in marker.
  for (const [name, t] of sheets) wb.addUserSheet(name, [t.headers, ...t.rows]);
  const full = path.join(dir, file);
  await saveWorkbookFile(wb, full);
  return full;
}

describe("bpo-desk report", () => {
  const invoices = genInvoices(31, asOf, 120);
  const work = genWorkItems(32, 150);
  let bookFile: string;

  beforeAll(async () => {
    bookFile = await book("book.xlsx", [
      ["Notes", { headers: ["Anything"], rows: [["free text"]] }],
      ["Invoices", invoices],
      ["WorkItems", work],
    ]);
  });

  it("prints the aging document of cli.md with --json, writes nothing without --out, leaves BOOK unchanged", async () => {
    const before = readFileSync(bookFile);
    const o = io();
    expect(await main(["report", "aging", "book.xlsx", "--as-of", "2025-10-31", "--json"], o)).toBe(0);
    expect(o.stdout).toHaveLength(1);
    const doc = JSON.parse(o.stdout[0]);
    const exp = expectedAging(invoices, asOf);
    expect(doc.asOf).toBe("2025-10-31");
    expect(Object.keys(doc)).toEqual(["asOf", "buckets", "total", "byCustomer"]);
    for (const [k, v] of Object.entries(exp.buckets)) expect(Math.round(doc.buckets[k] * 100)).toBe(v);
    expect(Math.round(doc.total * 100)).toBe(exp.total);
    expect(readFileSync(bookFile).equals(before)).toBe(true);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("writes a copy of BOOK with the report sheet to --out", async () => {
    const o = io();
    expect(await main(["report", "sla", "book.xlsx", "--as-of", "2025-10-31", "--out", "sla.xlsx"], o)).toBe(0);
    expect(o.stdout.join("\n")).toMatch(/Wrote sla.xlsx .*SLA & Quality/);
    const wb = await openWorkbookFile(path.join(dir, "sla.xlsx"));
    const names = (await wb.sheets()).map((s) => [s.name, s.role]);
    expect(names).toEqual([
      ["Notes", null],
      ["Invoices", null],
      ["WorkItems", null],
      ["SLA & Quality", "report:sla"],
    ]);
    const o2 = io();
    expect(await main(["report", "sla", "book.xlsx", "--as-of", "2025-10-31", "--json"], o2)).toBe(0);
    expect(JSON.parse(o2.stdout[0]).items).toBe(expectedSla(work, asOf).all.items);
  });

  it("defaults --out to out/<kind>-report.xlsx and --as-of to today", async () => {
    const o = io();
    expect(await main(["report", "aging", "book.xlsx"], o)).toBe(0);
    expect(existsSync(path.join(dir, "out", "aging-report.xlsx"))).toBe(true);
    expect(o.stdout.join("")).toMatch(/Aging as of 2025-10-31/);
  });

  it("exits 2 naming the headers it looked for when an input is missing", async () => {
    const o = io();
    expect(await main(["report", "payroll", "book.xlsx", "--json"], o)).toBe(2);
    expect(o.stderr.join("")).toMatch(/No Employees table found: .*Employee ID, Name, State/);
    expect(o.stdout).toEqual([]);
  });

  it("exits 2 on bad usage with a message that says what to fix", async () => {
    const cases: [string[], RegExp][] = [
      [["report", "ageing", "book.xlsx"], /unknown report "ageing"; choose one of aging, payroll, sla, quality, recon/],
      [["report", "aging"], /give a KIND .* and a BOOK.xlsx/],
      [["report", "aging", "book.xlsx", "--as-of", "31/10/2025"], /--as-of takes a date like 2025-03-31/],
      [["report", "aging", "missing.xlsx", "--json"], /File not found/],
      [
        ["report", "aging", "book.xlsx", "--out", "book.xlsx"],
        /--out book\.xlsx is the input book\.xlsx; inputs are never overwritten/,
      ],
    ];
    for (const [args, msg] of cases) {
      const o = io();
      expect(await main(args, o)).toBe(2);
      expect(o.stderr.join("")).toMatch(msg);
    }
  });

  it("refuses to overwrite a user's sheet that has the report's name, and leaves it untouched", async () => {
    const f = await book("clash.xlsx", [
      ["Invoices", invoices],
      ["Aging", { headers: ["My own notes"], rows: [["keep me"]] }],
    ]);
    const o = io();
    expect(await main(["report", "aging", path.basename(f), "--out", "clash-out.xlsx"], o)).toBe(2);
    expect(o.stderr.join("")).toMatch(/Aging/);
    expect(existsSync(path.join(dir, "clash-out.xlsx"))).toBe(false);
  });

  it("keeps the book's charts and its pivot table in the copy: nothing to report on stderr", async () => {
    // A book with a chart on its Invoices sheet and a pivot table part (as Excel writes one).
    const wb = await openWorkbookFile(bookFile);
    await wb.write({
      name: "Chart Data",
      role: "user:chart",
      rows: [
        ["k", "v"],
        ["a", 1],
        ["b", 2],
      ],
      charts: [
        {
          type: "pie",
          title: "Mine",
          categories: "A2:A3",
          series: [{ name: "v", values: "B2:B3" }],
          anchor: { from: "D2", to: "H10" },
        },
      ],
    });
    const zip = await JSZip.loadAsync(await wb.toXlsx());
    zip.file("xl/pivotTables/pivotTable1.xml", "<pivotTableDefinition/>");
    writeFileSync(path.join(dir, "pivot.xlsx"), await zip.generateAsync({ type: "uint8array" }));
    const o = io();
    expect(await main(["report", "aging", "pivot.xlsx", "--as-of", "2025-10-31", "--out", "pivot-out.xlsx"], o)).toBe(
      0,
    );
    expect(o.stderr).toEqual([]);
    const copy = await JSZip.loadAsync(readFileSync(path.join(dir, "pivot-out.xlsx")));
    expect(await copy.file("xl/pivotTables/pivotTable1.xml")!.async("string")).toBe("<pivotTableDefinition/>");
    const charts = Object.keys(copy.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    // The user's pie and the aging report's own chart.
    expect(charts).toHaveLength(2);
    const texts = await Promise.all(charts.map((p) => copy.file(p)!.async("string")));
    expect(texts.some((t) => t.includes("'Chart Data'!$B$2:$B$3"))).toBe(true);
  });

  it("brs --json prints the bank reconciliation statement of cli.md; the rows left out go to stderr", async () => {
    // An HDFC statement and its Tally ledger (tests/unit/recon/fixtures.ts, truths worked out there).
    await saveWorkbookFile(hdfcBook(), path.join(dir, "hdfc.xlsx"));
    const o = io();
    expect(await main(["report", "brs", "hdfc.xlsx", "--as-of", "2025-04-30", "--json"], o)).toBe(0);
    expect(o.stdout).toHaveLength(1);
    const doc = JSON.parse(o.stdout[0]);
    expect(doc).toMatchObject({
      asOf: "2025-04-30",
      bankBalance: 118707,
      depositsInTransit: [],
      unpresentedCheques: [{ row: 14, date: "2025-04-28", reference: "204", amount: 45000 }],
      bankOnly: [
        { row: 26, amount: -11500 },
        { row: 28, amount: -750 },
        { row: 30, amount: -148 },
      ],
      bookOnly: [],
      bookBalance: 86105,
      difference: 0,
    });
    expect(o.stderr).toEqual([
      "bpo-desk report: Statement: 7 rows left out: separator (rows 23, 32), statement summary (rows 34-36, 38-39)",
      "bpo-desk report: Tally: 4 rows left out: opening balance (row 8), total (rows 15, 17), closing balance (row 16)",
    ]);
  });

  it("brs --out writes a copy of BOOK with the Bank Reconciliation sheet", async () => {
    const o = io();
    expect(await main(["report", "brs", "hdfc.xlsx", "--as-of", "2025-04-30", "--out", "hdfc-brs.xlsx"], o)).toBe(0);
    expect(o.stdout.join("\n")).toMatch(/Bank reconciliation as of 2025-04-30: .*difference ₹0\.00 \(reconciled\)/);
    const wb = await openWorkbookFile(path.join(dir, "hdfc-brs.xlsx"));
    expect((await wb.sheets()).map((s) => [s.name, s.role])).toEqual([
      ["Statement", null],
      ["Tally", null],
      ["Bank Reconciliation", "report:brs"],
    ]);
  });

  it("re-running a report over a demo book the user annotated keeps the old sheet and says so on stderr", async () => {
    const o = io();
    expect(await main(["demo", "--out", "demo.xlsx"], o)).toBe(0);
    // In the demo's Aging sheet the user adds a note and a name of their own, as Excel saves them.
    writeFileSync(
      path.join(dir, "demo-notes.xlsx"),
      annotate(readFileSync(path.join(dir, "demo.xlsx")), "Aging", {
        notes: [{ cell: "B7", text: "Chase the 90+ bucket first" }],
        names: [{ name: "MyOverdue", reference: "'Aging'!$B$11" }],
      }),
    );
    const r = io();
    expect(
      await main(["report", "aging", "demo-notes.xlsx", "--as-of", "2025-10-31", "--out", "demo-rerun.xlsx"], r),
    ).toBe(0);
    expect(r.stderr).toEqual([
      '"Aging" had changes of yours (1 note and the name MyOverdue): the old sheet is kept as "Aging (kept 2025-10-31)" and the report replaced it.',
    ]);
    const wb = await openWorkbookFile(path.join(dir, "demo-rerun.xlsx"));
    const sheets = (await wb.sheets()).map((s) => [s.name, s.role]);
    const at = sheets.findIndex(([n]) => n === "Aging");
    expect(sheets.slice(at, at + 2)).toEqual([
      ["Aging", "report:aging"],
      ["Aging (kept 2025-10-31)", null],
    ]);
    // The note is on the kept copy, not on the new report.
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, "demo-rerun.xlsx")));
    const comments = Object.keys(zip.files).filter((p) => /^xl\/comments\d*\.xml$/.test(p));
    expect(comments).toHaveLength(1);
    expect(await zip.file(comments[0])!.async("string")).toContain("Chase the 90+ bucket first");
    // Re-running over the copy the add-in just wrote: the note went with the old sheet, the name was said.
    const again = io();
    expect(
      await main(["report", "aging", "demo-rerun.xlsx", "--as-of", "2025-10-31", "--out", "demo-rerun2.xlsx"], again),
    ).toBe(0);
    expect(again.stderr).toEqual([]);
  });
});
