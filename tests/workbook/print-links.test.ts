/**
 * What the file adapter writes of a SheetSpec's print setup, links, names, chart axes, combo lines, legends and
 * underlines (#11), read from the written package itself: the worksheet's elements in the order of CT_Worksheet
 * (ECMA-376 Part 1, 18.3.1.99; Excel refuses a part with its elements out of order), the chart's in the order of
 * CT_PlotArea/CT_ValAx/CT_Scaling (21.2.2), the names in workbook.xml with their scopes, the fonts in styles.xml.
 * LibreOffice then opens the book: the names and links leave every formula computing, and the print setup
 * survives its re-save.
 */
import { XMLParser } from "fast-xml-parser";
import { unzipSync } from "fflate";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import type { SheetSpec } from "../../src/core/sheet-spec";
import { NUMFMT, headerFooterText } from "../../src/core/sheet-spec";
import { FileWorkbook } from "../../src/workbook/file";
import { OWN_NAME_TAG } from "../../src/workbook/user-edits";
import { partText, patchParts } from "../helpers/xlsx-parts";
import { libreOfficeResave, recalcToCsv, sofficeAvailable } from "../helpers/soffice";

const withSoffice = sofficeAvailable() ? test : test.skip;

/** CT_Worksheet's children in schema order (ECMA-376 Part 1, 18.3.1.99). */
const CT_WORKSHEET = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The element names directly under the root element of a part, in document order. */
function childrenOf(xml: string): string[] {
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: true }).parse(xml) as Record<string, unknown>[];
  const root = tree.find((n) => !Object.keys(n)[0].startsWith("?"))!;
  const kids = Object.values(root)[0] as Record<string, unknown>[];
  return kids.map((k) => Object.keys(k).find((x) => x !== ":@")!);
}

/** The children of the first element `name` (a regex over the text: the parts are small). */
function childrenOfElement(xml: string, name: string): string[] {
  const m = new RegExp(`<${name}\\b[^>]*>[\\s\\S]*?</${name}>`).exec(xml);
  if (!m) throw new Error(`no <${name}>`);
  return childrenOf(m[0]);
}

/** Whether `seen` follows `order` (each name at or after the previous one's place; repeats allowed). */
function inSchemaOrder(seen: readonly string[], order: readonly string[]): boolean {
  let at = 0;
  for (const s of seen) {
    const k = order.indexOf(s, at);
    if (k < 0) return false;
    at = k;
  }
  return true;
}

const attrs = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

/** A report-shaped sheet with every new field. */
function aging(): SheetSpec {
  return {
    name: "R&D Aging",
    role: "report:aging",
    rows: [
      ["Receivables aging"],
      ["As of", 45961, null, "Go to the detail ↓"],
      [],
      ["Bucket", "Amount"],
      ["Current", { f: "SUM(B9:B10)", v: 300 }],
      ["90+", { f: "B11", v: -50 }],
      [],
      ["Customer", "Open", "Due"],
      ["Acme", 100, 45900],
      ["Birla", 200, 45910],
      ["Chitra", -50, 45920],
    ],
    columns: [{ width: 20 }, { width: 14, numFmt: NUMFMT.inr }, { width: 12, numFmt: NUMFMT.date }],
    styles: [
      { range: "A1", style: { bold: true } },
      { range: "B2", style: { numFmt: NUMFMT.date } },
      { range: "D2", style: { fontColor: "#0563C1", underline: true } },
      { range: "A5:A6", style: { fontColor: "#0563C1", underline: true } },
      { range: "B5:B6", style: { numFmt: NUMFMT.inr } },
      // The negative twin over the positive format: the later style wins.
      { range: "B6", style: { numFmt: NUMFMT.inrNegative } },
      { range: "B11", style: { numFmt: NUMFMT.inrNegative } },
    ],
    merges: ["A1:C1"],
    freeze: { rows: 2, columns: 0 },
    tables: [{ name: "AgingDetail", range: "A8:C11" }],
    conditionalFormats: [
      { range: "B9:B11", type: "cellValue", operator: "lessThan", formulas: ["0"], style: { fill: "#FFC7CE" } },
    ],
    charts: [
      {
        type: "column",
        title: "Open by customer",
        categories: "A9:A11",
        series: [
          { name: "Open", values: "B9:B11", color: "#1F4E78" },
          { name: "Target", values: "B9:B11", type: "line", color: "#C00000" },
        ],
        anchor: { from: "E2", to: "L16" },
        valueAxis: { numFmt: NUMFMT.inrWhole, min: 0, max: 400, majorUnit: 100 },
        legend: "bottom",
      },
      {
        type: "bar",
        title: "From the top",
        categories: "A9:A11",
        series: [{ name: "Open", values: "B9:B11" }],
        anchor: { from: "E18", to: "L30" },
        categoryAxis: { reverse: true },
        legend: "none",
      },
    ],
    tabColor: "#2F5597",
    print: {
      orientation: "landscape",
      paper: "A4",
      fit: { wide: 1, tall: 0 },
      titleRows: { first: 8, last: 8 },
      pageBreaksBefore: [7],
      header: { left: "&A", right: headerFooterText("As of 2025-10-31 & after") },
      footer: { left: headerFooterText("R&D receivables"), right: "Page &P of &N" },
      centerHorizontally: true,
    },
    hyperlinks: [
      { cell: "D2", location: "'R&D Aging'!A8:C11", tooltip: "The rows" },
      { cell: "A5", location: "'R&D Aging'!Bucket_current", tooltip: "Current invoices" },
      { cell: "B6", location: "#'R&D Aging'!A11:C11" },
    ],
    names: [{ name: "Bucket_current", refersTo: "A9:C9,A10:C10", comment: "Current invoices" }],
  };
}

async function written(spec: SheetSpec = aging()): Promise<{ bytes: Uint8Array; sheet: string; wb: FileWorkbook }> {
  const wb = new FileWorkbook();
  wb.addUserSheet("Notes", [["mine"]]);
  await wb.write(spec);
  const bytes = await wb.toXlsx();
  return { bytes, sheet: partText(bytes, "xl/worksheets/sheet2.xml"), wb };
}

describe("the worksheet part of a report sheet", () => {
  test("its elements are in CT_Worksheet's order, and every new one is there", async () => {
    const { sheet } = await written();
    const seen = childrenOf(sheet);
    expect(inSchemaOrder(seen, CT_WORKSHEET)).toBe(true);
    for (const el of ["sheetPr", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks"])
      expect(seen).toContain(el);
    // CT_SheetPr: tabColor before pageSetUpPr.
    expect(childrenOfElement(sheet, "sheetPr")).toEqual(["tabColor", "pageSetUpPr"]);
    // The check itself tells an order Excel refuses.
    expect(inSchemaOrder(["sheetData", "pageSetup", "hyperlinks"], CT_WORKSHEET)).toBe(false);
  });

  test("fit to one page wide is on (the flag with the counts), A4 landscape, centred, header, footer, break", async () => {
    const { sheet } = await written();
    const ws = attrs.parse(sheet).worksheet;
    expect(ws.sheetPr.pageSetUpPr).toEqual({ fitToPage: "1" });
    expect(ws.pageSetup).toEqual({ paperSize: "9", fitToWidth: "1", fitToHeight: "0", orientation: "landscape" });
    expect(ws.printOptions).toEqual({ horizontalCentered: "1" });
    // Codes stay codes; a literal & is doubled so Excel prints it.
    expect(ws.headerFooter.oddHeader).toBe("&L&A&RAs of 2025-10-31 && after");
    expect(ws.headerFooter.oddFooter).toBe("&LR&&D receivables&RPage &P of &N");
    // A page starts at row 7: the break sits below row 6.
    expect(ws.rowBreaks).toEqual({ count: "1", manualBreakCount: "1", brk: { id: "6", max: "16383", man: "1" } });
  });

  test("links go to places in the book without a relationship, and the cells keep their values and formulas", async () => {
    const { bytes, sheet } = await written();
    const links = attrs.parse(sheet).worksheet.hyperlinks.hyperlink;
    expect(links).toEqual([
      { ref: "D2", location: "'R&D Aging'!A8:C11", display: "Go to the detail ↓", tooltip: "The rows" },
      { ref: "A5", location: "'R&D Aging'!Bucket_current", display: "Current", tooltip: "Current invoices" },
      { ref: "B6", location: "'R&D Aging'!A11:C11" },
    ]);
    expect(sheet).not.toMatch(/<hyperlink [^>]*r:id=/);
    expect(partText(bytes, "xl/worksheets/_rels/sheet2.xml.rels")).not.toMatch(/hyperlink/);
    expect(sheet).toMatch(/<c r="B6"[^>]*><f>B11<\/f><v>-50<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="D2"[^>]*t="inlineStr"><is><t>Go to the detail ↓<\/t><\/is><\/c>/);
    // Read back, the cells are what the spec put there.
    const back = await FileWorkbook.fromXlsx(bytes);
    expect((await back.read("AgingDetail")).rows).toEqual([
      ["Acme", 100, 45900],
      ["Birla", 200, 45910],
      ["Chitra", -50, 45920],
    ]);
  });

  test("the sheet's names and print titles are scoped to it in workbook.xml, the names tagged as the add-in's", async () => {
    const { bytes } = await written();
    const names = [].concat(attrs.parse(partText(bytes, "xl/workbook.xml")).workbook.definedNames.definedName);
    expect(names).toEqual(
      expect.arrayContaining([
        {
          name: "Bucket_current",
          localSheetId: "1",
          comment: `Current invoices ${OWN_NAME_TAG}`,
          "#text": "'R&D Aging'!$A$9:$C$9,'R&D Aging'!$A$10:$C$10",
        },
        { name: "_xlnm.Print_Titles", localSheetId: "1", "#text": "'R&D Aging'!$8:$8" },
      ]),
    );
  });

  test("underline is in the link cells' font; a later style's money format overrides an earlier one", async () => {
    const { bytes, sheet } = await written();
    const styles = attrs.parse(partText(bytes, "xl/styles.xml")).styleSheet;
    const xfs = [].concat(styles.cellXfs.xf) as { numFmtId: string; fontId: string }[];
    const fonts = [].concat(styles.fonts.font) as Record<string, unknown>[];
    const formats = new Map(
      ([].concat(styles.numFmts.numFmt) as { numFmtId: string; formatCode: string }[]).map((f) => [
        f.numFmtId,
        f.formatCode,
      ]),
    );
    const xfOf = (cell: string) => xfs[Number(new RegExp(`<c r="${cell}" s="(\\d+)"`).exec(sheet)![1])];
    for (const c of ["D2", "A5", "A6"]) expect(fonts[Number(xfOf(c).fontId)]).toHaveProperty("u");
    expect(fonts[Number(xfOf("A1").fontId)]).not.toHaveProperty("u");
    expect(formats.get(xfOf("B5").numFmtId)).toBe(NUMFMT.inr);
    expect(formats.get(xfOf("B6").numFmtId)).toBe(NUMFMT.inrNegative);
    expect(formats.get(xfOf("B11").numFmtId)).toBe(NUMFMT.inrNegative);
    expect(formats.get(xfOf("B10").numFmtId)).toBe(NUMFMT.inr);
  });

  test("a name or link cell Excel would refuse is refused before anything changes", async () => {
    const wb = new FileWorkbook();
    wb.addUserSheet("Notes", [["mine"]]);
    for (const bad of [
      { names: [{ name: "A1", refersTo: "A2:B2" }] },
      { names: [{ name: "my rows", refersTo: "A2:B2" }] },
      { names: [{ name: "Rows_x", refersTo: "A2:B$$" }] },
      { hyperlinks: [{ cell: "B", location: "'R&D Aging'!A2" }] },
      { charts: [{ ...aging().charts![0], series: [{ name: "x", values: "B9:B11", color: "red" }] }] },
      { charts: [{ ...aging().charts![0], valueAxis: { max: Infinity } }] },
    ])
      await expect(wb.write({ ...aging(), ...bad })).rejects.toMatchObject({ code: "bad-input" });
    expect(wb.sheetNames()).toEqual(["Notes"]);
  });

  test("written again into its own copy: one set of names and print titles, the user's name kept on the sheet", async () => {
    const { bytes } = await written();
    // The user adds a name of their own on the report sheet, as Excel's Name Manager writes it.
    const withName = partText(bytes, "xl/workbook.xml").replace(
      "</definedNames>",
      `<definedName name="MyPick" localSheetId="1">'R&amp;D Aging'!$B$10</definedName></definedNames>`,
    );
    const again = await FileWorkbook.fromXlsx(patchParts(bytes, { "xl/workbook.xml": withName }));
    await again.write(aging());
    const names = [].concat(
      attrs.parse(partText(await again.toXlsx(), "xl/workbook.xml")).workbook.definedNames.definedName,
    ) as { name: string; localSheetId?: string }[];
    const onSheet = names.filter((n) => n.localSheetId === "1").map((n) => n.name);
    expect(onSheet.sort()).toEqual(["Bucket_current", "MyPick", "_xlnm.Print_Titles"]);
  });
});

describe("the chart part", () => {
  const chartOf = async (i: number) => partText((await written()).bytes, `xl/charts/chart${i}.xml`);

  test("a line series on a column chart is a c:lineChart in the same plot area, on the same axes", async () => {
    const xml = await chartOf(1);
    expect(childrenOfElement(xml, "c:plotArea")).toEqual([
      "c:layout",
      "c:barChart",
      "c:lineChart",
      "c:catAx",
      "c:valAx",
    ]);
    const axIds = (el: string) =>
      [...new RegExp(`<${el}>[\\s\\S]*?</${el}>`).exec(xml)![0].matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]);
    expect(axIds("c:lineChart")).toEqual(axIds("c:barChart"));
    expect(axIds("c:barChart")).toHaveLength(2);
    // Each series once, with its own index; the line carries its colour as a line, the column as a fill.
    const bar = /<c:barChart>[\s\S]*?<\/c:barChart>/.exec(xml)![0];
    const line = /<c:lineChart>[\s\S]*?<\/c:lineChart>/.exec(xml)![0];
    expect(bar).toMatch(
      /<c:idx val="0"\/>.*<c:tx><c:v>Open<\/c:v><\/c:tx><c:spPr><a:solidFill><a:srgbClr val="1F4E78"\/>/,
    );
    expect(bar).not.toMatch(/Target/);
    expect(line).toMatch(
      /<c:idx val="1"\/>.*<c:v>Target<\/c:v>.*<c:spPr><a:ln[^>]*><a:solidFill><a:srgbClr val="C00000"\/>/,
    );
    expect(childrenOfElement(line, "c:ser")).toEqual([
      "c:idx",
      "c:order",
      "c:tx",
      "c:spPr",
      "c:marker",
      "c:cat",
      "c:val",
      "c:smooth",
    ]);
    expect(childrenOfElement(bar, "c:ser")).toEqual([
      "c:idx",
      "c:order",
      "c:tx",
      "c:spPr",
      "c:invertIfNegative",
      "c:cat",
      "c:val",
    ]);
  });

  test("the value axis: its number format (not linked to the cells), fixed ends, step, in CT_ValAx order", async () => {
    const xml = await chartOf(1);
    const valAx = /<c:valAx>[\s\S]*?<\/c:valAx>/.exec(xml)![0];
    expect(valAx).toContain(`<c:numFmt formatCode="${attrEscape(NUMFMT.inrWhole)}" sourceLinked="0"/>`);
    expect(childrenOfElement(valAx, "c:scaling")).toEqual(["c:orientation", "c:max", "c:min"]);
    expect(valAx).toMatch(/<c:max val="400"\/><c:min val="0"\/>/);
    expect(childrenOfElement(xml, "c:valAx")).toEqual([
      "c:axId",
      "c:scaling",
      "c:delete",
      "c:axPos",
      "c:majorGridlines",
      "c:numFmt",
      "c:majorTickMark",
      "c:minorTickMark",
      "c:tickLblPos",
      "c:crossAx",
      "c:crosses",
      "c:crossBetween",
      "c:majorUnit",
    ]);
    expect(valAx).toContain(`<c:majorUnit val="100"/>`);
    // CT_Chart's order, the legend where asked.
    expect(childrenOfElement(xml, "c:chart")).toEqual([
      "c:title",
      "c:autoTitleDeleted",
      "c:plotArea",
      "c:legend",
      "c:plotVisOnly",
      "c:dispBlanksAs",
    ]);
    expect(xml).toContain(`<c:legend><c:legendPos val="b"/>`);
  });

  test("categories from the top on a bar chart (value axis at the maximum category), and no legend for none", async () => {
    const xml = await chartOf(2);
    expect(xml).toMatch(/<c:catAx>.*<c:orientation val="maxMin"\/>.*<\/c:catAx>/);
    expect(xml).toMatch(/<c:valAx>.*<c:crosses val="max"\/>.*<\/c:valAx>/);
    expect(xml).not.toContain("<c:legend>");
    expect(childrenOfElement(xml, "c:chart")).not.toContain("c:legend");
  });
});

function attrEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

describe("in LibreOffice", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "bpo-print-links-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  withSoffice("names and links leave every formula computing; formulas over the sheet's name too", async () => {
    const spec = aging();
    // A formula over the sheet's own name: it resolves only if the name is written where LibreOffice reads it.
    spec.rows[2] = ["Open total", { f: "SUM(Open_amounts)", v: 0 }, null, { f: "COUNT(Bucket_current)", v: 0 }];
    spec.names = [...spec.names!, { name: "Open_amounts", refersTo: "B9:B11" }];
    const { bytes } = await written(spec);
    const file = path.join(dir, "links.xlsx");
    writeFileSync(file, bytes);
    const sheets = recalcToCsv(file);
    const rows = sheets["R&D Aging"];
    const num = (c: string) => Number(c.replace(/[₹,]/g, ""));
    // Cached values of 0 were written: these are LibreOffice's own results.
    expect([rows[2][0], num(rows[2][1]), num(rows[2][3])]).toEqual(["Open total", 250, 4]);
    expect([rows[4][0], num(rows[4][1])]).toEqual(["Current", 300]);
    expect(num(rows[5][1])).toBe(-50);
    // The link cells show their own text, not a link's.
    expect(rows[1][3]).toBe("Go to the detail ↓");
    expect(rows[4][0]).toBe("Current");
    for (const r of rows) for (const c of r) expect(c).not.toMatch(/^#|^Err:/);
  });

  withSoffice("LibreOffice keeps the print setup and the sheet's names when it re-saves the book", async () => {
    const { bytes } = await written();
    const file = path.join(dir, "print.xlsx");
    writeFileSync(file, bytes);
    const out = mkdtempSync(path.join(dir, "resaved-"));
    const resaved = await FileWorkbook.fromXlsx(readFileSync(libreOfficeResave(file, out)));
    const bytes2 = await resaved.toXlsx();
    const wbXml = partText(bytes2, "xl/workbook.xml");
    expect(wbXml).toMatch(
      /<definedName[^>]*name="_xlnm.Print_Titles"[^>]*>(?:'|&apos;)R&amp;D Aging(?:'|&apos;)!\$8:\$8</,
    );
    expect(wbXml).toMatch(/name="Bucket_current"/);
    const sheetPart = Object.keys(unzipSync(bytes2)).find(
      (p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p) && /R&amp;&amp;D receivables/.test(partText(bytes2, p)),
    )!;
    expect(sheetPart).toBeDefined();
    const ws = attrs.parse(partText(bytes2, sheetPart)).worksheet;
    expect(ws.sheetPr.pageSetUpPr.fitToPage).toMatch(/^(1|true)$/);
    expect(ws.pageSetup).toMatchObject({ paperSize: "9", orientation: "landscape", fitToWidth: "1", fitToHeight: "0" });
    // LibreOffice read every part of it: links, header and footer, the break, the centring.
    expect(ws.hyperlinks.hyperlink.map((h: { ref: string; location: string }) => [h.ref, h.location])).toEqual([
      ["D2", "'R&D Aging'!A8:C11"],
      ["A5", "'R&D Aging'!Bucket_current"],
      ["B6", "'R&D Aging'!A11:C11"],
    ]);
    expect(ws.headerFooter).toMatchObject({
      oddHeader: "&L&A&RAs of 2025-10-31 && after",
      oddFooter: "&LR&&D receivables&RPage &P of &N",
    });
    expect(ws.rowBreaks.brk.id).toBe("6");
    expect(ws.printOptions.horizontalCentered).toMatch(/^(1|true)$/);
  });
});
