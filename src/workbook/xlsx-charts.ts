/**
 * Charts for .xlsx files: the DrawingML parts Excel itself writes for a sheet's ChartSpecs.
 * xl/charts/chartN.xml is a c:chartSpace bound to the sheet's ranges with cached values, and the sheet's
 * drawing holds one xdr:twoCellAnchor per chart. The charts are live: c:f references point at the
 * sheet's cells, so they redraw on recalculation. The package editor (file.ts) names the parts and
 * their relationships; charts already in a user's workbook are never touched (they are carried over as
 * they are).
 */
import type { CellValue, ChartLegendPosition, ChartSeriesSpec, ChartSpec } from "../core/sheet-spec";
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

/** A series' colour as DrawingML shape properties: a fill (columns, bars) or a line. */
function seriesLook(color: string | undefined, asLine: boolean): string {
  if (!color) return "";
  const rgb = color.replace(/^#/, "").toUpperCase();
  return asLine
    ? `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill><a:round/></a:ln></c:spPr>`
    : `<c:spPr><a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill></c:spPr>`;
}

const LEGEND_POS: Record<Exclude<ChartLegendPosition, "none">, string> = {
  bottom: "b",
  right: "r",
  top: "t",
  left: "l",
};

/**
 * The c:chartSpace of one ChartSpec, as the office adapter draws it: a series marked `type: "line"` on a column
 * chart goes in a c:lineChart beside the c:barChart in the same plot area, on the same two axes (a combo chart);
 * on any other chart it is drawn as the chart's own type. Elements in the schema's order (ECMA-376 Part 1, 21.2:
 * CT_Chart title, autoTitleDeleted, plotArea, legend, plotVisOnly, dispBlanksAs; the series' idx, order, tx,
 * spPr, then invertIfNegative or marker, cat, val, smooth).
 */
export function chartXml(s: ChartSheet, chart: ChartSpec): string {
  const combines = chart.type === "column" || chart.type === "stackedColumn";
  const indexed = chart.series.map((ser, i) => ({ ser, i }));
  const lines = combines ? indexed.filter((x) => x.ser.type === "line") : [];
  const main = combines ? indexed.filter((x) => x.ser.type !== "line") : indexed;
  const data = (ser: ChartSeriesSpec) =>
    `<c:cat>${strRef(s, chart.categories)}</c:cat><c:val>${numRef(s, ser.values)}</c:val>`;
  const head = ({ ser, i }: { ser: ChartSeriesSpec; i: number }) =>
    `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${xmlEscape(ser.name)}</c:v></c:tx>`;
  const axIds = `<c:axId val="500000001"/><c:axId val="500000002"/>`;
  let plot: string;
  let axes = "";
  if (chart.type === "pie") {
    // One series is every slice: a single colour would paint them all alike, so a pie keeps the theme's.
    const ser = main.map((x) => `<c:ser>${head(x)}${data(x.ser)}</c:ser>`).join("");
    plot = `<c:pieChart><c:varyColors val="1"/>${ser}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else if (chart.type === "line") {
    const ser = main
      .map(
        (x) =>
          `<c:ser>${head(x)}${seriesLook(x.ser.color, true)}<c:marker><c:symbol val="circle"/></c:marker>` +
          `${data(x.ser)}<c:smooth val="0"/></c:ser>`,
      )
      .join("");
    plot = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${ser}<c:marker val="1"/>${axIds}</c:lineChart>`;
    axes = axesXml(chart, "b", "l");
  } else {
    const horizontal = chart.type === "bar";
    const stacked = chart.type === "stackedColumn";
    const ser = main
      .map(
        (x) => `<c:ser>${head(x)}${seriesLook(x.ser.color, false)}<c:invertIfNegative val="0"/>${data(x.ser)}</c:ser>`,
      )
      .join("");
    plot =
      `<c:barChart><c:barDir val="${horizontal ? "bar" : "col"}"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>` +
      ser +
      `<c:gapWidth val="150"/>${stacked ? `<c:overlap val="100"/>` : ""}${axIds}</c:barChart>`;
    if (lines.length)
      // Excel's "Line" type (no markers) over the columns, e.g. a target.
      plot +=
        `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
        lines
          .map(
            (x) =>
              `<c:ser>${head(x)}${seriesLook(x.ser.color, true)}<c:marker><c:symbol val="none"/></c:marker>` +
              `${data(x.ser)}<c:smooth val="0"/></c:ser>`,
          )
          .join("") +
        `<c:marker val="1"/>${axIds}</c:lineChart>`;
    axes = horizontal ? axesXml(chart, "l", "b") : axesXml(chart, "b", "l");
  }
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>${xmlEscape(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>`;
  // No legend at all for "none"; absent, this adapter's default (right of a pie, below anything else).
  const legend =
    chart.legend === "none"
      ? ""
      : `<c:legend><c:legendPos val="${chart.legend ? LEGEND_POS[chart.legend] : chart.type === "pie" ? "r" : "b"}"/><c:overlay val="0"/></c:legend>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:plotArea><c:layout/>${plot}${axes}</c:plotArea>${legend}` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/**
 * The category and value axes. CT_Scaling: orientation, max, min; CT_ValAx: axId, scaling, delete, axPos,
 * majorGridlines, numFmt, majorTickMark, minorTickMark, tickLblPos, crossAx, crosses, crossBetween, majorUnit.
 * Categories in reverse (a bar chart listed from the top) are orientation maxMin, with the value axis crossing at
 * the maximum category so it stays at the bottom.
 */
function axesXml(chart: ChartSpec, catPos: "b" | "l", valPos: "b" | "l"): string {
  const va = chart.valueAxis ?? {};
  const reverse = !!chart.categoryAxis?.reverse;
  // Finite: file.ts checks a chart's axis values before anything is written.
  const num = (v: number) => String(v);
  const valFmt =
    va.numFmt !== undefined
      ? `<c:numFmt formatCode="${xmlEscape(va.numFmt)}" sourceLinked="0"/>`
      : `<c:numFmt formatCode="General" sourceLinked="1"/>`;
  return (
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${reverse ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${catPos}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/>` +
    `${va.max !== undefined ? `<c:max val="${num(va.max)}"/>` : ""}${va.min !== undefined ? `<c:min val="${num(va.min)}"/>` : ""}` +
    `</c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${valPos}"/><c:majorGridlines/>${valFmt}<c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="${reverse ? "max" : "autoZero"}"/><c:crossBetween val="between"/>` +
    `${va.majorUnit !== undefined ? `<c:majorUnit val="${num(va.majorUnit)}"/>` : ""}</c:valAx>`
  );
}
