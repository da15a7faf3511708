/**
 * `npm run demo` end to end: the command writes out/demo.xlsx with every sheet, and LibreOffice
 * (a real spreadsheet program) opens it and recalculates every formula without an error value.
 * #11's Done-when, read from the written package itself (not from the SheetSpecs): every report sheet
 * freezes at most 10 rows, has fit-to-page on, is landscape when 8 or more columns wide, and Aging's money
 * carries the rupee sign; and LibreOffice prints the Aging sheet landscape, one page wide, with its table's
 * header repeated on every page and the sheet's name, as-of date and page numbers in its header and footer.
 */
import { spawnSync } from "child_process";
import { XMLParser } from "fast-xml-parser";
import { unzipSync, strFromU8 } from "fflate";
import { mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import * as os from "os";
import * as path from "path";
import { openWorkbookFile } from "../../src/workbook/file-io";
import { KEYED_MISTAKES } from "../../src/core/sample/keyed";
import { recalcToCsv, sofficeAvailable, repoRoot } from "../helpers/soffice";
import { pdfToolsAvailable, printedPages } from "../helpers/pdf";
import { colNumber, parseRange } from "../../src/workbook/a1";
import { parseRels, resolvePart } from "../../src/workbook/xml";

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

  /** The report sheets (the add-in's visible report and reconciliation sheets) and their worksheet parts' XML. */
  async function reportSheets(): Promise<{ name: string; xml: string }[]> {
    const wb = await openWorkbookFile(out);
    const reports = (await wb.sheets()).filter((x) => x.visible && /^(report|recon):/.test(x.role ?? ""));
    const parts = unzipSync(readFileSync(out));
    const text = (p: string) => strFromU8(parts[p]);
    const rels = parseRels(text("xl/_rels/workbook.xml.rels"));
    const workbook = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(text("xl/workbook.xml"));
    const tags = [].concat(workbook.workbook.sheets.sheet) as { name: string; "r:id": string }[];
    return reports.map((r) => {
      const tag = tags.find((t) => t.name === r.name)!;
      const target = rels.find((x) => x.id === tag["r:id"])!.target;
      return { name: r.name, xml: text(resolvePart("xl/workbook.xml", target)) };
    });
  }

  it("#11: every report sheet freezes at most 10 rows, fits to the page, and prints landscape when 8+ columns wide", async () => {
    const sheets = await reportSheets();
    expect(sheets.map((x) => x.name).sort()).toEqual(
      [
        "Aging",
        "Bank Reconciliation",
        "Data Quality",
        "Payroll Register",
        "Recon Matched",
        "Recon Summary",
        "Recon Unmatched",
        "SLA & Quality",
      ].sort(),
    );
    for (const { name, xml } of sheets) {
      const pane = /<pane\b[^>]*>/.exec(xml)?.[0] ?? "";
      const frozen = Number(/\sySplit="(\d+)"/.exec(pane)?.[1] ?? 0);
      expect([name, frozen <= 10]).toEqual([name, true]);
      // The flag that turns fit-to-page on, and the page counts it fits to: one page wide, as long as needed.
      expect([name, /<sheetPr\b[^>]*>.*<pageSetUpPr fitToPage="1"\/>.*<\/sheetPr>/.test(xml)]).toEqual([name, true]);
      const setup = /<pageSetup\b[^>]*>/.exec(xml)?.[0] ?? "";
      expect([name, /fitToWidth="1"/.test(setup), /fitToHeight="0"/.test(setup)]).toEqual([name, true, true]);
      const dimension = /<dimension ref="([^"]+)"/.exec(xml)![1];
      const width = parseRange(dimension.includes(":") ? dimension : `${dimension}:${dimension}`).right;
      if (width >= 8) expect([name, /orientation="landscape"/.test(setup)]).toEqual([name, true]);
    }
  });

  it("#11: Aging's money carries the rupee sign, in its summary and in every amount of its detail table", async () => {
    const { xml } = (await reportSheets()).find((x) => x.name === "Aging")!;
    const parts = unzipSync(readFileSync(out));
    const styles = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(
      strFromU8(parts["xl/styles.xml"]),
    ).styleSheet;
    const codes = new Map(
      ([].concat(styles.numFmts.numFmt) as { numFmtId: string; formatCode: string }[]).map((f) => [
        f.numFmtId,
        f.formatCode,
      ]),
    );
    const xfs = [].concat(styles.cellXfs.xf) as { numFmtId: string }[];
    const cells = new Map<string, { s: number; text: string | null }>();
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")?([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g))
      cells.set(m[1], { s: Number(m[2] ?? 0), text: /<t[^>]*>([^<]*)<\/t>/.exec(m[4] ?? "")?.[1] ?? null });
    const formatOf = (ref: string) => codes.get(xfs[cells.get(ref)?.s ?? 0].numFmtId) ?? "";
    const find = (text: string) => [...cells.entries()].filter(([, c]) => c.text === text).map(([ref]) => ref);
    // The detail table: its amount columns under their headers, down to the last row.
    const [header] = find("Open Balance").filter((ref) =>
      find("Invoice No").some((x) => x.slice(-2) === ref.slice(-2)),
    );
    const headerRow = Number(/\d+$/.exec(header)![0]);
    const lastRow = parseRange(/<dimension ref="([^"]+)"/.exec(xml)![1]).bottom;
    const rupee: string[] = [];
    const plain: string[] = [];
    for (const title of ["Amount", "Paid", "Open Balance"]) {
      const col = find(title)
        .find((ref) => ref.endsWith(String(headerRow)))!
        .replace(/\d+$/, "");
      for (let r = headerRow + 1; r <= lastRow; r++)
        (formatOf(`${col}${r}`).includes("₹") ? rupee : plain).push(`${col}${r}`);
    }
    expect(plain).toEqual([]);
    expect(rupee.length).toBe(3 * (lastRow - headerRow));
    // The summary's totals by bucket: the column beside the bucket labels.
    const bucket = find("Bucket")[0];
    const col = String.fromCharCode(64 + colNumber(bucket.replace(/\d+$/, "")) + 1);
    const first = Number(/\d+$/.exec(bucket)![0]) + 1;
    for (let r = first; r < first + 5; r++) expect(formatOf(`${col}${r}`)).toContain("₹");
  });

  it("#11: LibreOffice prints Aging landscape, one page wide, the header repeated, name, as-of and page numbers", () => {
    if (!pdfToolsAvailable()) return;
    const pages = printedPages(out);
    // Each page's header carries its sheet's name (&A) on the left and the as-of date on the right.
    const aging = pages.filter((p) => /^Aging\s{2,}As of 2025-10-31$/.test(p.lines[0]?.trim() ?? ""));
    expect(aging.length).toBeGreaterThanOrEqual(3);
    for (const p of aging) {
      expect(p.width).toBeGreaterThan(p.height);
      expect(p.lines[p.lines.length - 1]).toMatch(/^Receivables aging\s{2,}Page \d+ of \d+$/);
    }
    // The summary fills the first page; the detail starts on a page of its own, and every page of it begins
    // with the table's header, every column of it on the page (one page wide).
    expect(aging[0].lines.some((l) => /Receivables aging/.test(l) && !/Page/.test(l))).toBe(true);
    const headerLine =
      /^\s*Customer\s+Invoice No\s+Invoice Date\s+Due Date\s+Days Past Due\s+Bucket\s+Amount\s+Paid\s+Open Balance\s*$/;
    for (const p of aging.slice(1)) expect(p.lines.slice(1, 4).some((l) => headerLine.test(l))).toBe(true);
    // Every report sheet prints with its name and page numbers.
    for (const name of ["Payroll Register", "SLA & Quality", "Recon Summary", "Data Quality", "Bank Reconciliation"])
      expect([
        name,
        pages.some((p) => p.lines[0]?.trim().startsWith(name) && /Page \d+ of \d+$/.test(p.lines[p.lines.length - 1])),
      ]).toEqual([name, true]);
  });
});
