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
  /** Charts the sheet had in the file it was opened from, carried over as they were. */
  kept?: KeptChart[];
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

const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRels}"></Relationships>`;

/** Where a kept chart's anchor names its chart relationship; replaced by the new id when written. */
const KEPT_RID = "__bpo_desk_chart_rid__";

/** A chart a sheet had in the file it was opened from: its anchor (position) and its chart part, as they were. */
export interface KeptChart {
  anchor: string;
  chartXml: string;
  /** xmlns declarations of the drawing the anchor came from (its elements may use any of them). */
  namespaces: string[];
}

/** "xl/worksheets/sheet1.xml" -> "xl/worksheets/_rels/sheet1.xml.rels". */
function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/** Relationship id -> target of a .rels part. */
function relTargetsOf(relsXml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target && attr(m[0], "TargetMode") !== "External") out.set(id, target);
  }
  return out;
}

/**
 * Add a relationship to a .rels part, under an id no relationship there uses yet (external ones, such as
 * a sheet's hyperlinks, included): returns the new part text and the id.
 */
function addRelationship(relsXml: string, type: string, target: string): { xml: string; id: string } {
  const used = new Set([...relsXml.matchAll(/<Relationship\b[^>]*?\bId="([^"]*)"/g)].map((m) => m[1]));
  let k = used.size + 1;
  while (used.has(`rId${k}`)) k++;
  const id = `rId${k}`;
  return {
    id,
    xml: relsXml.replace(
      /<\/Relationships>\s*$/,
      `<Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"/></Relationships>`,
    ),
  };
}

/** A relationship target resolved against the part that holds it: ("xl/worksheets/sheet1.xml", "../drawings/d.xml"). */
function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

/** Sheet name -> its worksheet part, from xl/workbook.xml and its relationships. */
async function sheetPathsOf(zip: JSZip): Promise<Map<string, string>> {
  const workbookXml = await zip.file("xl/workbook.xml")?.async("string");
  const workbookRels = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!workbookXml || !workbookRels) throw new Error("The workbook has no xl/workbook.xml");
  const targets = relTargetsOf(workbookRels);
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name");
    const rid = attr(m[0], "r:id");
    const target = rid ? targets.get(rid) : undefined;
    if (name && target) out.set(name, resolvePart("xl/workbook.xml", target));
  }
  return out;
}

/** Add xmlns declarations the root element of `xml` lacks. */
function withNamespaces(xml: string, decls: readonly string[]): string {
  const root = /<(\w+:)?wsDr\b[^>]*>/.exec(xml);
  if (!root) return xml;
  const missing = [...new Set(decls)].filter((d) => {
    const prefix = d.slice(0, d.indexOf("="));
    return !new RegExp(`\\s${prefix.replace(":", "\\:")}=`).test(root[0]);
  });
  if (!missing.length) return xml;
  const tag = root[0].replace(/\s*(\/?)>$/, ` ${missing.join(" ")}$1>`);
  return xml.slice(0, root.index) + tag + xml.slice(root.index + root[0].length);
}

/**
 * What ExcelJS would drop from a workbook it opens: the classic charts of each sheet (read here, so
 * toXlsx can write them back), and a list of the parts nobody writes back ("1 pivot table", "macros"),
 * for a message.
 */
export async function readKeptCharts(
  xlsx: Uint8Array,
): Promise<{ bySheet: Map<string, KeptChart[]>; notKept: string[] }> {
  const bySheet = new Map<string, KeptChart[]>();
  const lost = new Map<string, number>();
  const lose = (what: string, n = 1) => lost.set(what, (lost.get(what) ?? 0) + n);
  const zip = await JSZip.loadAsync(xlsx);
  const text = (p: string) => zip.file(p)?.async("string") ?? Promise.resolve(undefined);
  zip.forEach((p) => {
    if (/^xl\/pivotTables\/pivotTable\d+\.xml$/.test(p)) lose("pivot table");
    else if (/^xl\/slicers\/slicer\d+\.xml$/.test(p)) lose("slicer");
    else if (/^xl\/vbaProject\.bin$/.test(p)) lose("macros");
  });
  for (const [sheet, sheetPath] of await sheetPathsOf(zip)) {
    // A sheet has at most one drawing; its relationship says where (the sheet itself, maybe large, is not read).
    const sheetRels = (await text(relsPathOf(sheetPath))) ?? "";
    const rel = [...sheetRels.matchAll(/<Relationship\b[^>]*>/g)].find((m) =>
      (attr(m[0], "Type") ?? "").endsWith("/drawing"),
    );
    const target = rel ? attr(rel[0], "Target") : null;
    if (!target) continue;
    const drawingPath = resolvePart(sheetPath, target);
    const drawing = await text(drawingPath);
    if (!drawing) continue;
    const rels = relTargetsOf((await text(relsPathOf(drawingPath))) ?? "");
    const namespaces = [...(/<(?:\w+:)?wsDr\b[^>]*>/.exec(drawing)?.[0] ?? "").matchAll(/xmlns:\w+="[^"]*"/g)].map(
      (m) => m[0],
    );
    // Newer chart kinds and shapes wrapped in mc:AlternateContent are not carried over.
    const plain = drawing.replace(/<mc:AlternateContent\b[\s\S]*?<\/mc:AlternateContent>/g, (block) => {
      lose(block.includes("chartex") || block.includes(":chart") ? "chart" : "shape");
      return "";
    });
    const kept: KeptChart[] = [];
    for (const m of plain.matchAll(/<(\w+:)?(twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/\1\2>/g)) {
      const anchor = m[0];
      if (!anchor.includes(NS.c)) {
        // Pictures come back through ExcelJS; other drawing objects (shapes, text boxes) do not.
        if (!/<(\w+:)?pic\b/.test(anchor)) lose("shape");
        continue;
      }
      const ref = /(<(?:\w+:)?chart\b[^>]*\b\w+:id=")([^"]+)"/.exec(anchor);
      const chartTarget = ref ? rels.get(ref[2]) : undefined;
      const chartXml = chartTarget ? await text(resolvePart(drawingPath, chartTarget)) : undefined;
      if (!ref || !chartXml) {
        lose("chart");
        continue;
      }
      // The chart's own relationships (style, colours, embedded data) are not carried: drop what refers to them.
      const clean = chartXml
        .replace(/<(\w+:)?externalData\b[^>]*\/>|<(\w+:)?externalData\b[\s\S]*?<\/(\w+:)?externalData>/g, "")
        .replace(/<(\w+:)?userShapes\b[^>]*\/>/g, "");
      if (/\br:id=/.test(clean)) {
        lose("chart");
        continue;
      }
      kept.push({ anchor: anchor.replace(ref[0], `${ref[1]}${KEPT_RID}"`), chartXml: clean, namespaces });
    }
    if (kept.length) bySheet.set(sheet, kept);
  }
  const notKept = [...lost].map(([what, n]) => (what === "macros" ? what : `${n} ${what}${n === 1 ? "" : "s"}`));
  return { bySheet, notKept };
}

/** Add the charts to an .xlsx written by ExcelJS. */
export async function injectCharts(xlsx: Uint8Array, sheets: readonly ChartSheet[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const read = async (p: string) => {
    const f = zip.file(p);
    if (!f) throw new Error(`The workbook written has no ${p}`);
    return f.async("string");
  };
  const sheetPaths = await sheetPathsOf(zip);

  let contentTypes = await read("[Content_Types].xml");
  let chartNo = nextFree(zip, /^xl\/charts\/chart(\d+)\.xml$/);
  let drawingNo = nextFree(zip, /^xl\/drawings\/drawing(\d+)\.xml$/);
  const overrides: string[] = [];

  for (const s of sheets) {
    const sheetPath = sheetPaths.get(s.sheet);
    if (!sheetPath) throw new Error(`The workbook written has no sheet "${s.sheet}"`);
    const sheetXml = await read(sheetPath);
    const sheetRelsPath = relsPathOf(sheetPath);
    const sheetRels = zip.file(sheetRelsPath) ? await read(sheetRelsPath) : EMPTY_RELS;

    // The drawing the anchors go into: the one ExcelJS wrote for the sheet's images, else a new one.
    const existingRid = /<drawing\b[^>]*\br:id="([^"]+)"/.exec(sheetXml)?.[1];
    const existingTarget = existingRid ? relTargetsOf(sheetRels).get(existingRid) : undefined;
    const drawingPath = existingTarget
      ? resolvePart(sheetPath, existingTarget)
      : `xl/drawings/drawing${drawingNo++}.xml`;
    const drawingRelsPath = relsPathOf(drawingPath);
    let drawingXml = existingTarget
      ? await read(drawingPath)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"></xdr:wsDr>`;
    let drawingRels = zip.file(drawingRelsPath) ? await read(drawingRelsPath) : EMPTY_RELS;
    let shapeId = Math.max(1, ...[...drawingXml.matchAll(/<\w+:cNvPr\b[^>]*\bid="(\d+)"/g)].map((m) => Number(m[1])));

    const anchors: string[] = [];
    const addChart = (xml: string): string => {
      const n = chartNo++;
      zip.file(`xl/charts/chart${n}.xml`, xml, NO_FOLDERS);
      overrides.push(`<Override PartName="/xl/charts/chart${n}.xml" ContentType="${NS.ctChart}"/>`);
      const added = addRelationship(drawingRels, NS.relChart, `../charts/chart${n}.xml`);
      drawingRels = added.xml;
      return added.id;
    };
    const namespaces: string[] = [];
    for (const k of s.kept ?? []) {
      const rid = addChart(k.chartXml);
      // Shape ids are unique within a drawing: the carried anchor takes the next free one.
      anchors.push(
        k.anchor
          .replace(KEPT_RID, rid)
          .replace(/(<\w+:cNvPr\b[^>]*\bid=")\d+"/, (_, head: string) => `${head}${++shapeId}"`),
      );
      namespaces.push(...k.namespaces);
    }
    for (const chart of s.charts) anchors.push(anchorXml(chart, ++shapeId, addChart(chartXml(s, chart))));

    drawingXml = withNamespaces(drawingXml, namespaces).replace(/(<\/(?:\w+:)?wsDr>)\s*$/, `${anchors.join("")}$1`);
    zip.file(drawingPath, drawingXml, NO_FOLDERS);
    zip.file(drawingRelsPath, drawingRels, NO_FOLDERS);
    if (existingTarget) continue;
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${NS.ctDrawing}"/>`);

    // The sheet's relationship to its new drawing.
    const drawingRel = addRelationship(
      sheetRels,
      NS.relDrawing,
      `../drawings/${drawingPath.slice(drawingPath.lastIndexOf("/") + 1)}`,
    );
    zip.file(sheetRelsPath, drawingRel.xml, NO_FOLDERS);
    zip.file(sheetPath, insertDrawing(sheetXml, drawingRel.id), NO_FOLDERS);
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
