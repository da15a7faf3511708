/**
 * A report written into a copy of a workbook someone else made keeps everything of theirs. For every
 * workbook of the corpus (files Excel saved: charts, chart sheets, comments, pictures, pictures in cells,
 * header pictures, form controls, checkboxes, defined names global and sheet-scoped, tables, validation,
 * conditional formats, protection, merges, hyperlinks, text boxes, dynamic arrays), a bank export, and books
 * openpyxl (pandas' to_excel; it declares the relationships namespace on each <sheet>, not on the root) and
 * LibreOffice wrote:
 * - every part but the bookkeeping that lists sheets is byte-identical in the copy;
 * - the bookkeeping keeps every defined name with its scope, every sheet entry, every style (appended to);
 * - every relationship points at a part that is there, every part has a content type;
 * - LibreOffice recalculates the original sheets of the copy to the same values as the original's.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import type { SheetSpec } from "../../src/core/sheet-spec";
import { FileWorkbook } from "../../src/workbook/file";
import { parseRels, relsPathOf, resolvePart } from "../../src/workbook/xml";
import { recalcManyToCsv, repoRoot, sofficeAvailable } from "../helpers/soffice";
import { handBook, partsOf } from "../helpers/xlsx-parts";

const CORPUS = path.resolve(repoRoot, "../shared/corpus");
const BOOKS = [
  ...readdirSync(path.join(CORPUS, "workbooks"))
    .filter((f) => f.endsWith(".xlsx"))
    .map((f) => path.join(CORPUS, "workbooks", f)),
  path.join(CORPUS, "statements", "my_sample_hlb.xlsx"),
  // pandas 1.5.3 DataFrame.to_excel through openpyxl 3.0.9; LibreOffice 7.4 from tests/workbook/fixtures/statement.ods.
  path.join(__dirname, "fixtures", "openpyxl-statement.xlsx"),
  path.join(__dirname, "fixtures", "libreoffice-statement.xlsx"),
];

/**
 * Prefixes used on an element or attribute that no xmlns declaration in scope binds (an XML namespace error:
 * Excel and LibreOffice refuse the part). Tags are read with a stack of the declarations each one makes.
 */
function unboundPrefixes(xml: string): string[] {
  const scopes: Set<string>[] = [new Set(["xml"])];
  const bad = new Set<string>();
  for (const m of xml.matchAll(/<(\/?)([\w.-]+(?::[\w.-]+)?)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g)) {
    const [, close, name, attrs, selfClose] = m;
    if (close) {
      scopes.pop();
      continue;
    }
    const own = new Set<string>();
    const attrNames = [...attrs.matchAll(/([\w.:-]+)\s*=/g)].map((a) => a[1]);
    for (const a of attrNames) if (a.startsWith("xmlns:")) own.add(a.slice(6));
    const bound = (prefix: string) => own.has(prefix) || scopes.some((s) => s.has(prefix));
    for (const q of [name, ...attrNames.filter((a) => !a.startsWith("xmlns"))]) {
      const i = q.indexOf(":");
      if (i > 0 && !bound(q.slice(0, i))) bad.add(q.slice(0, i));
    }
    if (!selfClose) scopes.push(own);
  }
  return [...bad];
}

/** Parts that list sheets, names, styles and formula cells: edited (appended to), never rewritten from a model. */
const BOOKKEEPING = new Set([
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
  "docProps/app.xml",
  "xl/calcChain.xml",
]);

/** A report with everything a SheetSpec can hold. */
const REPORT: SheetSpec = {
  name: "Aging Report",
  role: "report:aging",
  rows: [
    ["Aging as of 2025-10-31"],
    ["Customer", "Current", "90+", "Total"],
    ["Acme", 100, 50.5, { f: "SUM(B3:C3)", v: 150.5 }],
    ["Beta", 20, 0, { f: "SUM(B4:C4)", v: 20 }],
    ["Total", { f: "SUM(B3:B4)", v: 120 }, { f: "SUM(C3:C4)", v: 50.5 }, { f: "SUM(D3:D4)", v: 170.5 }],
  ],
  columns: [{ width: 24 }, { numFmt: "#,##0.00" }, { numFmt: "#,##0.00" }, { numFmt: "#,##0.00" }],
  styles: [
    { range: "A1", style: { bold: true, fontSize: 14 } },
    { range: "A2:D2", style: { bold: true, fill: "#DDEBF7", border: "thin-bottom" } },
    { range: "A5:D5", style: { bold: true, border: "double-bottom" } },
  ],
  merges: ["A1:D1"],
  freeze: { rows: 2, columns: 1 },
  tables: [{ name: "AgingRows", range: "A2:D4" }],
  conditionalFormats: [
    { range: "C3:C4", type: "cellValue", operator: "greaterThan", formulas: ["0"], style: { fill: "#FFC7CE" } },
  ],
  charts: [
    {
      type: "column",
      title: "Open by customer",
      categories: "A3:A4",
      series: [{ name: "Total", values: "D3:D4" }],
      anchor: { from: "F2", to: "M16" },
    },
  ],
  protect: true,
  tabColor: "#1F4E78",
};

const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : "");

/** Defined names as [name, scope sheet name or "", reference], from a workbook part. */
function namesOf(workbookXml: string): [string, string, string][] {
  const sheets = [...workbookXml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => m[1]);
  return [...workbookXml.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)]
    .map((m): [string, string, string] => {
      const name = /\bname="([^"]*)"/.exec(m[1])![1];
      const local = /\blocalSheetId="(\d+)"/.exec(m[1]);
      return [name, local ? sheets[Number(local[1])] : "", m[2]];
    })
    .filter(([n]) => !n.startsWith("BPODESK_"));
}

/** The elements of each style collection, in order. */
function styleCollections(xml: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, el] of [
    ["numFmts", "numFmt"],
    ["fonts", "font"],
    ["fills", "fill"],
    ["borders", "border"],
    ["cellXfs", "xf"],
    ["cellStyleXfs", "xf"],
    ["cellStyles", "cellStyle"],
    ["dxfs", "dxf"],
  ]) {
    const block = new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? "";
    out[name] = [...block.matchAll(new RegExp(`<${el}\\b(?:[^>]*/>|[^>]*>[\\s\\S]*?</${el}>)`, "g"))].map((m) => m[0]);
  }
  return out;
}

let dir: string;
const copies = new Map<string, string>();
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bpo-copies-"));
  for (const book of BOOKS) {
    const wb = await FileWorkbook.fromXlsx(readFileSync(book));
    await wb.write(REPORT);
    const copy = path.join(dir, `copy-${path.basename(book)}`);
    writeFileSync(copy, await wb.toXlsx());
    copies.set(book, copy);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(BOOKS.map((b) => [path.basename(b), b]))("a report written into a copy of %s", (_name, book) => {
  test("every part but the bookkeeping is byte-identical; the report's parts are added", () => {
    const before = partsOf(readFileSync(book));
    const after = partsOf(readFileSync(copies.get(book)!));
    for (const [name, bytes] of Object.entries(before)) {
      if (BOOKKEEPING.has(name) || name.endsWith("/")) continue;
      expect({ part: name, same: Buffer.compare(Buffer.from(after[name] ?? []), Buffer.from(bytes)) === 0 }).toEqual({
        part: name,
        same: true,
      });
    }
    const added = Object.keys(after).filter((n) => !(n in before));
    expect(added.some((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))).toBe(true);
    expect(added.filter((n) => /^xl\/(tables|charts|drawings)\/[^/]+\.xml$/.test(n))).toHaveLength(3);
  });

  test("the bookkeeping keeps every sheet, every defined name with its scope, every style", () => {
    const before = partsOf(readFileSync(book));
    const after = partsOf(readFileSync(copies.get(book)!));
    const wbBefore = text(before["xl/workbook.xml"]);
    const wbAfter = text(after["xl/workbook.xml"]);
    const sheetTags = (x: string) => [...x.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => m[0]);
    expect(sheetTags(wbAfter).slice(0, sheetTags(wbBefore).length)).toEqual(sheetTags(wbBefore));
    expect(sheetTags(wbAfter).at(-1)).toMatch(/name="Aging Report"/);
    expect(namesOf(wbAfter)).toEqual(namesOf(wbBefore));
    expect(wbAfter).toContain(`<definedName name="BPODESK_REPORT__AGING">'Aging Report'!$A$1</definedName>`);
    if (before["xl/styles.xml"]) {
      const s0 = styleCollections(text(before["xl/styles.xml"]));
      const s1 = styleCollections(text(after["xl/styles.xml"]));
      for (const k of Object.keys(s0)) expect({ k, kept: s1[k].slice(0, s0[k].length) }).toEqual({ k, kept: s0[k] });
      expect(s1.cellXfs.length).toBeGreaterThan(s0.cellXfs.length);
    }
  });

  test("every namespace prefix the edited bookkeeping uses is declared where it is used", () => {
    const after = partsOf(readFileSync(copies.get(book)!));
    for (const part of BOOKKEEPING) {
      if (!after[part]) continue;
      expect({ part, unbound: unboundPrefixes(text(after[part])) }).toEqual({ part, unbound: [] });
    }
  });

  test("every relationship points at a part that is there; ids are unique; every part has a content type", () => {
    const after = partsOf(readFileSync(copies.get(book)!));
    const names = new Set(Object.keys(after));
    const types = text(after["[Content_Types].xml"]);
    const defaults = new Set([...types.matchAll(/<Default\b[^>]*Extension="([^"]*)"/g)].map((m) => m[1].toLowerCase()));
    const overrides = [...types.matchAll(/<Override\b[^>]*PartName="\/([^"]*)"/g)].map((m) => m[1]);
    for (const o of overrides) expect({ override: o, present: names.has(o) }).toEqual({ override: o, present: true });
    for (const n of names) {
      if (n === "[Content_Types].xml" || n.endsWith("/")) continue;
      const ext = n.slice(n.lastIndexOf(".") + 1).toLowerCase();
      expect({ part: n, typed: overrides.includes(n) || defaults.has(ext) }).toEqual({ part: n, typed: true });
      if (!n.endsWith(".rels")) continue;
      const rels = parseRels(text(after[n]));
      expect(new Set(rels.map((r) => r.id)).size).toBe(rels.length);
      const owner = n === "_rels/.rels" ? "" : n.replace(/_rels\/([^/]+)\.rels$/, "$1");
      for (const r of rels.filter((x) => !x.external)) {
        const target = resolvePart(owner, r.target);
        expect({ from: n, target, present: names.has(target) }).toEqual({ from: n, target, present: true });
      }
    }
    expect(relsPathOf("xl/workbook.xml")).toBe("xl/_rels/workbook.xml.rels");
  });
});

const withSoffice = sofficeAvailable() ? test : test.skip;

withSoffice(
  "LibreOffice recalculates the original sheets of every copy to the same values",
  () => {
    const results = recalcManyToCsv([...BOOKS, ...copies.values()]);
    for (const book of BOOKS) {
      const original = results.get(book)!;
      const copy = results.get(copies.get(book)!)!;
      expect(Object.keys(original).length).toBeGreaterThan(0);
      for (const [sheet, cells] of Object.entries(original))
        expect({ book: path.basename(book), sheet, cells: copy[sheet] }).toEqual({
          book: path.basename(book),
          sheet,
          cells,
        });
      // And the report itself: 100 + 50.5 = 150.5; 150.5 + 20 = 170.5.
      expect(copy["Aging Report"]?.[4]).toEqual(["Total", "120", "50.5", "170.5"]);
    }
  },
  600_000,
);

withSoffice(
  "sheet-scoped names keep their scope: =Rate*B2 is 180 on the sheet whose Rate is 1.5",
  async () => {
    // Two sheets, each with its own Rate (1.5 on Gross, 1 on Net) and a workbook-level Rate of 2 that neither uses.
    const sheet = (rate: number) =>
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Rate</t></is></c><c r="B1"><v>${rate}</v></c></row>` +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>Base</t></is></c><c r="B2"><v>120</v></c><c r="C2"><f>Rate*B2</f></c></row>`;
    const bytes = handBook(
      [
        { name: "Gross", xml: sheet(1.5) },
        { name: "Net", xml: sheet(1) },
      ],
      {},
    );
    const xml = new TextDecoder().decode(partsOf(bytes)["xl/workbook.xml"]);
    const withNames = xml.replace(
      "</sheets>",
      `</sheets><definedNames><definedName name="Rate">2</definedName><definedName name="Rate" localSheetId="0">Gross!$B$1</definedName><definedName name="Rate" localSheetId="1">Net!$B$1</definedName></definedNames>`,
    );
    const files = partsOf(bytes);
    files["xl/workbook.xml"] = new TextEncoder().encode(withNames);
    const { zipSync } = await import("fflate");
    const original = path.join(dir, "rates.xlsx");
    writeFileSync(original, zipSync(files));
    const wb = await FileWorkbook.fromXlsx(readFileSync(original));
    await wb.write({ name: "Summary", role: "report:summary", rows: [["x"], [1]] });
    const copy = path.join(dir, "copy-rates.xlsx");
    writeFileSync(copy, await wb.toXlsx());
    const r = recalcManyToCsv([original, copy]);
    for (const f of [original, copy]) {
      expect(r.get(f)!["Gross"][1]).toEqual(["Base", "120", "180"]);
      expect(r.get(f)!["Net"][1]).toEqual(["Base", "120", "120"]);
    }
  },
  300_000,
);
