/**
 * Charts for .xlsx files: the DrawingML parts Excel itself writes for a sheet's ChartSpecs.
 * xl/charts/chartN.xml is a c:chartSpace bound to the sheet's ranges with cached values, and the sheet's
 * drawing holds one xdr:twoCellAnchor per chart. The charts are live: c:f references point at the
 * sheet's cells, so they redraw on recalculation. The package editor (file.ts) names the parts and
 * their relationships; charts already in a user's workbook are never touched (they are carried over as
 * they are).
 */
import type { CellValue, ChartSpec } from "../core/sheet-spec";
import { parseCell, parseRange, sheetReference } from "./a1";
import { xmlEscape } from "./xml";

export interface ChartSheet {
  sheet: string;
  /** Current value of a cell of the sheet (1-based), for the charts' cached values. */
  valueAt(row: number, col: number): CellValue;
}

export const CHART_NS = {
  c: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  xdr: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  ctChart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  ctDrawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
};
const NS = CHART_NS;

/** A drawing part holding these anchors. */
export function drawingXml(anchors: readonly string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchors.join("")}</xdr:wsDr>`
  );
}

/** The anchor of one chart: where it sits (top-left and bottom-right cells) and its relationship. */
export function anchorXml(chart: ChartSpec, id: number, rid: string): string {
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
