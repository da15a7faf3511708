/**
 * Charts written by FileWorkbook.toXlsx (xlsx-charts.ts) are real DrawingML parts that another
 * spreadsheet program reads: the zip parts are checked directly, then LibreOffice re-saves the file
 * and its charts must still point at the same sheet ranges. Formulas are recalculated by
 * LibreOffice (the shared xlsx-recalc-csv tool) and compared with arithmetic done by hand.
 */
import { XMLParser } from "fast-xml-parser";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "fs";
import JSZip from "jszip";
import * as os from "os";
import * as path from "path";
import type { SheetSpec } from "../../src/core/sheet-spec";
import { NUMFMT } from "../../src/core/sheet-spec";
import { FileWorkbook } from "../../src/workbook/file";
import { libreOfficeResave, recalcToCsv, repoRoot, sofficeAvailable } from "../helpers/soffice";

const withSoffice = sofficeAvailable() ? test : test.skip;

const sales: SheetSpec = {
  name: "Sales Summary",
  role: "report:sales",
  rows: [
    ["Region", "Q1", "Q2"],
    ["North", 120, 90],
    ["South", 80, 110],
    ["East", 45.5, 60],
    ["West", 30, 20],
    ["Total", { f: "SUM(B2:B5)", v: 275.5 }, { f: "SUM(C2:C5)" }],
  ],
  columns: [{ width: 14 }, { numFmt: NUMFMT.money }, { numFmt: NUMFMT.money }],
  charts: [
    {
      type: "column",
      title: "Sales by region",
      categories: "A2:A5",
      series: [
        { name: "Q1", values: "B2:B5" },
        { name: "Q2", values: "C2:C5" },
      ],
      anchor: { from: "E2", to: "L16" },
    },
    {
      type: "pie",
      title: "Q1 share",
      categories: "A2:A5",
      series: [{ name: "Q1", values: "B2:B5" }],
      anchor: { from: "E18", to: "L32" },
    },
  ],
};

/** Parsed OOXML: a loose tree, walked by element names. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Xml = any;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

async function chartParts(
  bytes: Uint8Array | Buffer,
): Promise<{ zip: JSZip; charts: Record<string, unknown>[]; names: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
    .sort();
  const charts = await Promise.all(names.map(async (p) => parser.parse(await zip.file(p)!.async("string"))));
  return { zip, charts, names };
}

/** Every c:f formula of a parsed chart, normalised ($ and quotes dropped) for comparison across writers. */
function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, out));
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) {
      if (k === "c:f") out.push(String(v).replace(/\$/g, "").replace(/'/g, ""));
      else refsOf(v, out);
    }
  return out;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bpo-charts-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("toXlsx writes chart, drawing, relationship and content-type parts bound to the sheet's ranges", async () => {
  const wb = new FileWorkbook();
  await wb.write(sales);
  const bytes = await wb.toXlsx();
  const { zip, charts, names } = await chartParts(bytes);
  expect(names).toEqual(["xl/charts/chart1.xml", "xl/charts/chart2.xml"]);

  const bar = (charts[0]["c:chartSpace"] as Xml)["c:chart"]["c:plotArea"]["c:barChart"];
  expect(bar["c:barDir"]["@val"]).toBe("col");
  expect(bar["c:grouping"]["@val"]).toBe("clustered");
  expect(bar["c:ser"].map((s: Xml) => s["c:val"]["c:numRef"]["c:f"])).toEqual([
    "'Sales Summary'!$B$2:$B$5",
    "'Sales Summary'!$C$2:$C$5",
  ]);
  expect(bar["c:ser"][0]["c:cat"]["c:strRef"]["c:f"]).toBe("'Sales Summary'!$A$2:$A$5");
  // Cached values are the cells' values, so a reader that does not recalculate still draws the chart.
  expect(bar["c:ser"][0]["c:val"]["c:numRef"]["c:numCache"]["c:pt"].map((p: Xml) => p["c:v"])).toEqual([
    120, 80, 45.5, 30,
  ]);
  const pie = (charts[1]["c:chartSpace"] as Xml)["c:chart"]["c:plotArea"]["c:pieChart"];
  expect(pie["c:ser"]["c:val"]["c:numRef"]["c:f"]).toBe("'Sales Summary'!$B$2:$B$5");

  const drawing = parser.parse(await zip.file("xl/drawings/drawing1.xml")!.async("string"));
  const anchors = drawing["xdr:wsDr"]["xdr:twoCellAnchor"];
  expect(anchors).toHaveLength(2);
  // E2 is column index 4, row index 1 (0-based); the chart covers L16, so it ends at column 12, row 16.
  expect(anchors[0]["xdr:from"]).toMatchObject({ "xdr:col": 4, "xdr:row": 1 });
  expect(anchors[0]["xdr:to"]).toMatchObject({ "xdr:col": 12, "xdr:row": 16 });
  const drawingRels = await zip.file("xl/drawings/_rels/drawing1.xml.rels")!.async("string");
  expect(drawingRels).toContain('Target="../charts/chart1.xml"');
  expect(drawingRels).toContain('Target="../charts/chart2.xml"');

  const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const rid = /<drawing [^>]*r:id="([^"]+)"/.exec(sheetXml)?.[1];
  expect(rid).toBeDefined();
  const sheetRels = await zip.file("xl/worksheets/_rels/sheet1.xml.rels")!.async("string");
  expect(sheetRels).toMatch(new RegExp(`Id="${rid}"[^>]*Target="../drawings/drawing1.xml"`));
  // <drawing> sits after <pageMargins> and before <tableParts>, as CT_Worksheet orders them.
  expect(sheetXml.indexOf("<drawing ")).toBeGreaterThan(sheetXml.indexOf("<pageMargins"));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  expect(types).toContain(
    'PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"',
  );
  expect(types).toContain(
    'PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"',
  );
});

withSoffice("LibreOffice reopens the charts and keeps their references to the same ranges", async () => {
  const wb = new FileWorkbook();
  await wb.write(sales);
  const file = path.join(dir, "charts.xlsx");
  writeFileSync(file, await wb.toXlsx());
  const outDir = mkdtempSync(path.join(dir, "resaved-"));
  const resaved = libreOfficeResave(file, outDir);
  const { charts } = await chartParts(readFileSync(resaved));
  expect(charts).toHaveLength(2);
  const refs = charts.map((c) => [...new Set(refsOf(c))].sort());
  expect(refs).toEqual(
    expect.arrayContaining([
      expect.arrayContaining(["Sales Summary!A2:A5", "Sales Summary!B2:B5", "Sales Summary!C2:C5"]),
      expect.arrayContaining(["Sales Summary!A2:A5", "Sales Summary!B2:B5"]),
    ]),
  );
  const types = charts.map((c) =>
    Object.keys((c["c:chartSpace"] as Xml)["c:chart"]["c:plotArea"]).find((k) => k.endsWith("Chart")),
  );
  expect(types.sort()).toEqual(["c:barChart", "c:pieChart"]);
});

withSoffice("formulas written by FileWorkbook recalculate in LibreOffice to the hand-computed totals", async () => {
  const wb = new FileWorkbook();
  await wb.write(sales);
  await wb.write({
    name: "Calc",
    role: "report:calc",
    rows: [
      ["Item", "Qty", "Rate", "Amount"],
      ["A", 3, 12.5, { f: "ROUND(B2*C2,2)" }],
      ["B", 7, 0.99, { f: "ROUND(B3*C3,2)" }],
      ["Due", 45747, null, { f: "B4+30" }],
      ["Total", { f: "SUM(B2:B3)" }, null, { f: "SUM(D2:D3)" }],
    ],
    columns: [{}, { numFmt: "0" }, { numFmt: "0.00" }, { numFmt: "0.00" }],
    // The rest of a SheetSpec rides along, so LibreOffice proves the whole file opens.
    styles: [{ range: "A1:D1", style: { bold: true, fill: "#DDEBF7", border: "thin-bottom" } }],
    tables: [{ name: "CalcLines", range: "A1:D3" }],
    conditionalFormats: [
      { range: "D2:D3", type: "cellValue", operator: "greaterThan", formulas: ["10"], style: { fill: "#FFC7CE" } },
      { range: "A2:D3", type: "expression", formula: "$B2>5", style: { bold: true } },
    ],
    merges: ["A7:D7"],
    freeze: { rows: 1, columns: 1 },
    protect: true,
    tabColor: "#1F4E78",
  });
  const file = path.join(dir, "calc.xlsx");
  writeFileSync(file, await wb.toXlsx());
  const sheets = recalcToCsv(file);
  // The tool writes raw values. 3 x 12.50 = 37.5; 7 x 0.99 = 6.93; 37.5 + 6.93 = 44.43; 3 + 7 = 10;
  // 45747 (2025-03-31) + 30 = 45777 (2025-04-30).
  const calc = sheets["Calc"].map((r) => r.map((c) => (c === "" || isNaN(Number(c)) ? c : Number(c))));
  expect(calc[1][3]).toBe(37.5);
  expect(calc[2][3]).toBe(6.93);
  expect(calc[3][3]).toBe(45777);
  expect(calc[4][1]).toBe(10);
  expect(calc[4][3]).toBe(44.43);
  // 120 + 80 + 45.5 + 30 = 275.5 and 90 + 110 + 60 + 20 = 280 (this one had no cached value at all).
  expect(sheets["Sales Summary"][5]).toEqual(["Total", "275.5", "280"]);
});

/** Every chart of a package with the sheet whose drawing holds it: [sheet, sorted normalised refs]. */
async function chartsBySheet(bytes: Uint8Array | Buffer): Promise<[string, string[]][]> {
  const wb = await FileWorkbook.fromXlsx(bytes);
  const zip = await JSZip.loadAsync(bytes);
  const out: [string, string[]][] = [];
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(rels)![1].replace(/^\/?(xl\/)?/, "xl/");
    const sheetRels = zip.file(target.replace(/([^/]+)$/, "_rels/$1.rels"));
    const drawing = sheetRels && /Target="\.\.\/drawings\/([^"]+)"/.exec(await sheetRels.async("string"))?.[1];
    if (!drawing) continue;
    const dRels = await zip.file(`xl/drawings/_rels/${drawing}.rels`)!.async("string");
    for (const c of dRels.matchAll(/Target="\.\.\/charts\/([^"]+)"/g)) {
      const chart = parser.parse(await zip.file(`xl/charts/${c[1]}`)!.async("string"));
      out.push([m[1], [...new Set(refsOf(chart))].sort()]);
    }
  }
  expect(wb.sheetNames().length).toBeGreaterThan(0);
  return out;
}

test("charts already in an opened workbook are written back with the copy; a replaced sheet's old charts are not", async () => {
  const first = new FileWorkbook();
  await first.write(sales);
  const opened = await FileWorkbook.fromXlsx(await first.toXlsx());
  // ExcelJS alone would drop the chart; a report written beside it must not cost the user their chart.
  await opened.write({
    name: "Aging",
    role: "report:aging",
    rows: [
      ["Bucket", "Open"],
      ["Current", 5],
      ["90+", 7],
    ],
    charts: [
      {
        type: "bar",
        title: "Aging",
        categories: "A2:A3",
        series: [{ name: "Open", values: "B2:B3" }],
        anchor: { from: "D2", to: "J12" },
      },
    ],
  });
  const copy = await opened.toXlsx();
  expect(await chartsBySheet(copy)).toEqual([
    ["Sales Summary", ["Sales Summary!A2:A5", "Sales Summary!B2:B5", "Sales Summary!C2:C5"]],
    ["Sales Summary", ["Sales Summary!A2:A5", "Sales Summary!B2:B5"]],
    ["Aging", ["Aging!A2:A3", "Aging!B2:B3"]],
  ]);
  // A second pass keeps them again, once each.
  const again = await FileWorkbook.fromXlsx(copy);
  expect(await chartsBySheet(await again.toXlsx())).toHaveLength(3);
  // Regenerating a sheet replaces its charts with the new spec's.
  await again.write({ ...sales, charts: [sales.charts![1]] });
  expect((await chartsBySheet(await again.toXlsx())).filter(([s]) => s === "Sales Summary")).toHaveLength(1);
});

test("a chart written into a copy of a book with a picture gets its own drawing; the picture's stays as it was", async () => {
  const file = path.join(repoRoot, "../shared/corpus/workbooks/xw_image01.xlsx");
  const source = readFileSync(file);
  const wb = await FileWorkbook.fromXlsx(source);
  await wb.write(sales);
  const bytes = await wb.toXlsx();
  const before = await JSZip.loadAsync(source);
  const zip = await JSZip.loadAsync(bytes);
  for (const p of ["xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/media/image1.png"])
    expect(await zip.file(p)!.async("uint8array")).toEqual(await before.file(p)!.async("uint8array"));
  const drawings = Object.keys(zip.files)
    .filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p))
    .sort();
  expect(drawings).toEqual(["xl/drawings/drawing1.xml", "xl/drawings/drawing2.xml"]);
  const ours = await zip.file("xl/drawings/drawing2.xml")!.async("string");
  expect(ours.match(/<c:chart /g)).toHaveLength(2);
  expect(await chartsBySheet(bytes)).toHaveLength(2);
});

test("macros, pivot tables and slicers are carried over byte for byte", async () => {
  const wb = new FileWorkbook();
  await wb.write(sales);
  const zip = await JSZip.loadAsync(await wb.toXlsx());
  zip.file("xl/pivotTables/pivotTable1.xml", "<pivotTableDefinition/>");
  zip.file("xl/vbaProject.bin", new Uint8Array([1, 2, 3, 4]));
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file(
    "xl/_rels/workbook.xml.rels",
    rels.replace(
      "</Relationships>",
      '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
    ),
  );
  const opened = await FileWorkbook.fromXlsx(await zip.generateAsync({ type: "uint8array" }));
  await opened.write({ name: "Note", role: "report:note", rows: [["x"], [1]] });
  const copy = await JSZip.loadAsync(await opened.toXlsx());
  expect(await copy.file("xl/vbaProject.bin")!.async("uint8array")).toEqual(new Uint8Array([1, 2, 3, 4]));
  expect(await copy.file("xl/pivotTables/pivotTable1.xml")!.async("string")).toBe("<pivotTableDefinition/>");
  expect(await copy.file("xl/_rels/workbook.xml.rels")!.async("string")).toContain('Target="vbaProject.bin"');
});

withSoffice("a chart from another program's file survives a report written into the copy", async () => {
  // LibreOffice writes its own chart parts (styles, its own ids): the kind of file a user brings.
  const wb = new FileWorkbook();
  await wb.write(sales);
  const file = path.join(dir, "theirs.xlsx");
  writeFileSync(file, await wb.toXlsx());
  const theirs = readFileSync(libreOfficeResave(file, mkdtempSync(path.join(dir, "theirs-"))));
  const opened = await FileWorkbook.fromXlsx(theirs);
  await opened.write({ name: "Note", role: "report:note", rows: [["x"], [1]] });
  const copyFile = path.join(dir, "copy.xlsx");
  writeFileSync(copyFile, await opened.toXlsx());
  // LibreOffice opens the copy, and the charts are still there, bound to the same ranges.
  const { charts } = await chartParts(readFileSync(libreOfficeResave(copyFile, mkdtempSync(path.join(dir, "copy-")))));
  expect(charts.map((c) => [...new Set(refsOf(c))].sort())).toEqual(
    expect.arrayContaining([
      expect.arrayContaining(["Sales Summary!A2:A5", "Sales Summary!B2:B5", "Sales Summary!C2:C5"]),
      expect.arrayContaining(["Sales Summary!A2:A5", "Sales Summary!B2:B5"]),
    ]),
  );
  expect(charts).toHaveLength(2);
});

test("a report written beside a sheet with hyperlinks leaves that sheet's relationships as they were", async () => {
  const file = path.join(repoRoot, "../shared/corpus/workbooks/xw_hyperlink01.xlsx");
  const source = await JSZip.loadAsync(readFileSync(file));
  const wb = await FileWorkbook.fromXlsx(readFileSync(file));
  await wb.write(sales);
  const zip = await JSZip.loadAsync(await wb.toXlsx());
  const rels = "xl/worksheets/_rels/sheet1.xml.rels";
  expect(await zip.file(rels)!.async("string")).toBe(await source.file(rels)!.async("string"));
  const wbRels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const ids = [...wbRels.matchAll(/<Relationship\b[^>]*?\bId="([^"]*)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  const ours = await zip.file("xl/worksheets/_rels/sheet2.xml.rels")!.async("string");
  expect(ours).toMatch(/Target="..\/drawings\/drawing1.xml"/);
});
