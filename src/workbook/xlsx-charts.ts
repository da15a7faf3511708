/**
 * Charts for .xlsx files. ExcelJS cannot write charts, so toXlsx() lets ExcelJS write the workbook
 * and this module adds, for each sheet with ChartSpecs, the DrawingML parts Excel itself writes:
 * xl/charts/chartN.xml (c:chartSpace bound to the sheet's ranges with cached values),
 * xl/drawings/drawingN.xml (one xdr:twoCellAnchor per chart) with its _rels, the sheet's
 * <drawing r:id/> element and relationship, and the [Content_Types].xml overrides.
 * The charts are live: c:f references point at the sheet's cells, so they redraw on recalculation.
 */
import JSZip from "jszip";
import type { CellValue, ChartSpec } from "../core/sheet-spec";
import { parseCell, parseRange, sheetReference } from "./a1";

export interface ChartSheet {
  sheet: string;
  charts: ChartSpec[];
  /** Current value of a cell of the sheet (1-based), for the charts' cached values. */
  valueAt(row: number, col: number): CellValue;
}

const NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  pkgRels: "http://schemas.openxmlformats.org/package/2006/relationships",
  relChart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  relDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  ctChart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  ctDrawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
};

/** A package has parts only: no folder entries in the zip. */
const NO_FOLDERS = { createFolders: false };

/** Elements that follow <drawing> in CT_Worksheet: the drawing goes before the first one present. */
const AFTER_DRAWING = [
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

export function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(":", "\\:")}="([^"]*)"`).exec(tag);
  return m ? xmlUnescape(m[1]) : null;
}

/** Add the charts to an .xlsx written by ExcelJS. */
export async function injectCharts(xlsx: Uint8Array, sheets: readonly ChartSheet[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const read = async (p: string) => {
    const f = zip.file(p);
    if (!f) throw new Error(`The workbook written has no ${p}`);
    return f.async("string");
  };
  const workbookXml = await read("xl/workbook.xml");
  const workbookRels = await read("xl/_rels/workbook.xml.rels");
  const relTargets = new Map<string, string>();
  for (const m of workbookRels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) relTargets.set(id, target);
  }
  const sheetPaths = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name");
    const rid = attr(m[0], "r:id");
    const target = rid ? relTargets.get(rid) : undefined;
    if (name && target) sheetPaths.set(name, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }

  let contentTypes = await read("[Content_Types].xml");
  let chartNo = nextFree(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  let drawingNo = nextFree(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);
  const overrides: string[] = [];

  for (const s of sheets) {
    const sheetPath = sheetPaths.get(s.sheet);
    if (!sheetPath) throw new Error(`The workbook written has no sheet "${s.sheet}"`);
    const sheetXml = await read(sheetPath);
    // ExcelJS writes a <drawing> only for images, which bpo-desk never adds; one drawing per sheet.
    if (/<drawing\b/.test(sheetXml)) throw new Error(`The sheet "${s.sheet}" already has a drawing`);

    const anchors: string[] = [];
    const drawingRels: string[] = [];
    s.charts.forEach((chart, i) => {
      const n = chartNo++;
      zip.file(`xl/charts/chart${n}.xml`, chartXml(s, chart), NO_FOLDERS);
      overrides.push(`<Override PartName="/xl/charts/chart${n}.xml" ContentType="${NS.ctChart}"/>`);
      drawingRels.push(`<Relationship Id="rId${i + 1}" Type="${NS.relChart}" Target="../charts/chart${n}.xml"/>`);
      anchors.push(anchorXml(chart, i + 2, `rId${i + 1}`));
    });
    const d = drawingNo++;
    zip.file(
      `xl/drawings/drawing${d}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors.join("")}</xdr:wsDr>`,
      NO_FOLDERS,
    );
    zip.file(
      `xl/drawings/_rels/drawing${d}.xml.rels`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRels}">${drawingRels.join("")}</Relationships>`,
      NO_FOLDERS,
    );
    overrides.push(`<Override PartName="/xl/drawings/drawing${d}.xml" ContentType="${NS.ctDrawing}"/>`);

    // The sheet's relationship to its drawing.
    const slash = sheetPath.lastIndexOf("/");
    const relsPath = `${sheetPath.slice(0, slash)}/_rels/${sheetPath.slice(slash + 1)}.rels`;
    const existingRels = zip.file(relsPath)
      ? await read(relsPath)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRels}"></Relationships>`;
    const used = new Set([...existingRels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
    let k = used.size + 1;
    while (used.has(`rId${k}`)) k++;
    const rid = `rId${k}`;
    zip.file(
      relsPath,
      existingRels.replace(
        /<\/Relationships>\s*$/,
        `<Relationship Id="${rid}" Type="${NS.relDrawing}" Target="../drawings/drawing${d}.xml"/></Relationships>`,
      ),
      NO_FOLDERS,
    );
    zip.file(sheetPath, insertDrawing(sheetXml, rid), NO_FOLDERS);
  }

  contentTypes = contentTypes.replace(/<\/Types>\s*$/, `${overrides.join("")}</Types>`);
  zip.file("[Content_Types].xml", contentTypes, NO_FOLDERS);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

function nextFree(zip: JSZip, re: RegExp): number {
  let max = 0;
  zip.forEach((p) => {
    const m = re.exec(p);
    if (m) max = Math.max(max, Number(m[1]));
  });
  return max + 1;
}

/** Put <drawing r:id="..."/> where CT_Worksheet wants it. */
export function insertDrawing(sheetXml: string, rid: string): string {
  const root = /<worksheet\b[^>]*>/.exec(sheetXml)?.[0] ?? "";
  const declared = root.includes(`xmlns:r="${NS.r}"`);
  const el = declared ? `<drawing r:id="${rid}"/>` : `<drawing xmlns:r="${NS.r}" r:id="${rid}"/>`;
  let at = -1;
  for (const name of AFTER_DRAWING) {
    const m = new RegExp(`<${name}[\\s/>]`).exec(sheetXml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = sheetXml.lastIndexOf("</worksheet>");
  return sheetXml.slice(0, at) + el + sheetXml.slice(at);
}

function anchorXml(chart: ChartSpec, id: number, rid: string): string {
  const from = parseCell(chart.anchor.from);
  const to = parseCell(chart.anchor.to);
  // xdr:from/to are 0-based; the chart covers the `to` cell, so it ends at the next row/column.
  const marker = (tag: string, row: number, col: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">` +
    marker("from", Math.min(from.row, to.row) - 1, Math.min(from.col, to.col) - 1) +
    marker("to", Math.max(from.row, to.row), Math.max(from.col, to.col)) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="Chart ${id - 1}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${rid}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function cellsOf(s: ChartSheet, address: string): CellValue[] {
  const r = parseRange(address);
  const out: CellValue[] = [];
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++) out.push(s.valueAt(row, col));
  return out;
}

function strRef(s: ChartSheet, address: string): string {
  const values = cellsOf(s, address);
  const pts = values
    .map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${xmlEscape(String(v))}</c:v></c:pt>`))
    .join("");
  return `<c:strRef><c:f>${xmlEscape(sheetReference(s.sheet, address))}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(s: ChartSheet, address: string): string {
  const values = cellsOf(s, address);
  const pts = values
    .map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : ""))
    .join("");
  return `<c:numRef><c:f>${xmlEscape(sheetReference(s.sheet, address))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

/** The c:chartSpace of one ChartSpec. */
export function chartXml(s: ChartSheet, chart: ChartSpec): string {
  const series = (extra: (i: number) => string) =>
    chart.series
      .map(
        (ser, i) =>
          `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${xmlEscape(ser.name)}</c:v></c:tx>` +
          extra(i) +
          `<c:cat>${strRef(s, chart.categories)}</c:cat><c:val>${numRef(s, ser.values)}</c:val>` +
          (chart.type === "line" ? `<c:smooth val="0"/>` : "") +
          `</c:ser>`,
      )
      .join("");
  const axIds = `<c:axId val="500000001"/><c:axId val="500000002"/>`;
  let plot: string;
  let axes = "";
  if (chart.type === "pie") {
    plot = `<c:pieChart><c:varyColors val="1"/>${series(() => "")}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else if (chart.type === "line") {
    plot = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series(() => `<c:marker><c:symbol val="circle"/></c:marker>`)}<c:marker val="1"/>${axIds}</c:lineChart>`;
    axes = axesXml("b", "l");
  } else {
    const horizontal = chart.type === "bar";
    const stacked = chart.type === "stackedColumn";
    plot =
      `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>` +
      series(() => `<c:invertIfNegative val="0"/>`) +
      `<c:gapWidth val="150"/>${stacked ? `<c:overlap val="100"/>` : ""}${axIds}</c:barChart>`;
    axes = horizontal ? axesXml("l", "b") : axesXml("b", "l");
  }
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${xmlEscape(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:plotArea><c:layout/>${plot}${axes}</c:plotArea>` +
    `<c:legend><c:legendPos val="${chart.type === "pie" ? "r" : "b"}"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function axesXml(catPos: "b" | "l", valPos: "b" | "l"): string {
  return (
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${catPos}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${valPos}"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`
  );
}
