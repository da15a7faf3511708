/**
 * The worksheet part of one of the add-in's own sheets, written from its SheetSpec as a stream of XML
 * pieces (row by row), so a 100,000-row report is never held as one string; plus the parts that hang on
 * it (its tables, its drawing and charts). Elements go in CT_Worksheet's order (ECMA-376 Part 1, 18.3.1.99:
 * sheetPr, dimension, sheetViews, sheetFormatPr, cols, sheetData, sheetProtection, mergeCells,
 * conditionalFormatting, hyperlinks, printOptions, pageMargins, pageSetup, headerFooter, rowBreaks, drawing,
 * tableParts), because Excel refuses a part whose elements are out of order; each is one function below. The
 * print titles and the sheet's names are defined names, in workbook.xml (file.ts). Text is written as inline
 * strings: the workbook's shared string table is never touched.
 */
import type { CellStyle, CellValue, ChartSpec, HeaderFooterSpec, SheetSpec, SpecCell } from "../core/sheet-spec";
import { isFormulaCell } from "../core/sheet-spec";
import { cellAddress, colLetters, parseRange, rangeAddress, rowsIn1904, type RangeRef } from "./a1";
import { WorkbookError } from "./port";
import { CHART_NS, anchorXml, chartXml, drawingXml } from "./xlsx-charts";
import type { TablePart } from "./xlsx-read";
import type { CellFormat, StyleBook } from "./xlsx-styles";
import { cellTextEscape, xmlEscape } from "./xml";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** An Excel table on one of the add-in's sheets (its range grows with appends); read like a table part. */
export interface ModelTable extends TablePart {
  style: string;
}

/** A conditional format the add-in put on a sheet to highlight cells (removable by its tag). */
export interface Highlight {
  sqref: string;
  formula: string;
  /** ARGB. */
  fill: string;
}

/** One of the add-in's sheets as it is held until saved: its spec (rows grow with appends). */
export interface ModelSheet {
  name: string;
  spec: SheetSpec;
  tables: ModelTable[];
  highlights: Highlight[];
  /** The selected (active) sheet of the saved workbook. */
  selected?: boolean;
}

/** "#RRGGBB" -> ARGB "FFRRGGBB"; anything else is refused saying what a colour looks like. */
export function argb(hex: string): string {
  const h = hex.replace(/^#/, "").toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(h)) throw new WorkbookError(`"${hex}" is not a colour like #1F4E78.`, "bad-input");
  return "FF" + h;
}

/** A range style as the cell format it adds (borders merge side by side; "thin-all" sets all four). */
function formatOf(s: CellStyle): CellFormat {
  const f: CellFormat = {};
  if (s.numFmt !== undefined) f.numFmt = s.numFmt;
  if (s.bold !== undefined) f.bold = s.bold;
  if (s.italic !== undefined) f.italic = s.italic;
  if (s.underline !== undefined) f.underline = s.underline;
  if (s.fontSize !== undefined) f.size = s.fontSize;
  if (s.fontColor) f.color = argb(s.fontColor);
  if (s.fill) f.fill = argb(s.fill);
  if (s.horizontalAlignment) f.horizontal = s.horizontalAlignment;
  if (s.wrap !== undefined) f.wrap = s.wrap;
  if (s.border === "thin-all") f.border = { top: "thin", bottom: "thin", left: "thin", right: "thin" };
  else if (s.border === "thin-bottom") f.border = { bottom: "thin" };
  else if (s.border === "thin-top") f.border = { top: "thin" };
  else if (s.border === "double-bottom") f.border = { bottom: "double" };
  return f;
}

function merge(base: CellFormat, over: CellFormat): CellFormat {
  const out: CellFormat = { ...base, ...over };
  if (base.border && over.border) out.border = { ...base.border, ...over.border };
  if (out.border === undefined) delete out.border;
  return out;
}

/** Where a value that cannot go into a cell is, in words: 'row 7, column C of "Recon Matched"'. */
function at(sheet: string, row: number, col: number): string {
  return `row ${row}, column ${colLetters(col)} of "${sheet}"`;
}

/** Excel's limit on the text of one cell. */
const MAX_TEXT = 32767;

/** The <c> element of one value, or "" for a blank without a style. */
function cellXml(ref: string, v: SpecCell | undefined, s: number, sheet: string, row: number, col: number): string {
  const st = s ? ` s="${s}"` : "";
  if (v === null || v === undefined) return s ? `<c r="${ref}"${st}/>` : "";
  if (typeof v === "number") {
    if (!Number.isFinite(v))
      throw new WorkbookError(
        `Cannot write the number ${v} at ${at(sheet, row, col)}: a cell holds finite numbers only.`,
        "bad-input",
      );
    return `<c r="${ref}"${st}><v>${v}</v></c>`;
  }
  if (typeof v === "string") return `<c r="${ref}"${st} t="inlineStr"><is>${textXml(v, sheet, row, col)}</is></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${st} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (isFormulaCell(v)) {
    const f = `<f>${xmlEscape(v.f.replace(/^=/, ""))}</f>`;
    const c = v.v;
    if (c === null || c === undefined) return `<c r="${ref}"${st}>${f}</c>`;
    if (typeof c === "number")
      return Number.isFinite(c) ? `<c r="${ref}"${st}>${f}<v>${c}</v></c>` : `<c r="${ref}"${st}>${f}</c>`;
    if (typeof c === "boolean") return `<c r="${ref}"${st} t="b">${f}<v>${c ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${st} t="str">${f}<v>${cellTextEscape(String(c))}</v></c>`;
  }
  throw new WorkbookError(`Cannot write ${JSON.stringify(v)} at ${at(sheet, row, col)}.`, "bad-input");
}

/** A text run: kept whole, control characters included (escaped as _xHHHH_, as Excel does). */
export function textXml(v: string, sheet: string, row: number, col: number): string {
  if (v.length > MAX_TEXT)
    throw new WorkbookError(
      `The text at ${at(sheet, row, col)} has ${v.length.toLocaleString("en-US")} characters; a cell holds at most 32,767.`,
      "bad-input",
    );
  const space = /^\s|\s$|\n/.test(v) ? ` xml:space="preserve"` : "";
  return `<t${space}>${cellTextEscape(v)}</t>`;
}

/**
 * Everything of a spec that could stop it being written, checked before anything changes: colours,
 * ranges of styles, merges and conditional formats.
 */
export function checkSheetSpec(spec: SheetSpec): void {
  if (spec.tabColor) argb(spec.tabColor);
  for (const s of spec.styles ?? []) {
    parseRange(s.range);
    formatOf(s.style);
  }
  for (const m of spec.merges ?? []) parseRange(m);
  for (const cf of spec.conditionalFormats ?? []) {
    parseRange(cf.range);
    if (cf.style.fill) argb(cf.style.fill);
    if (cf.style.fontColor) argb(cf.style.fontColor);
  }
}

/** The value a cell of the spec shows (a formula's cached value). */
export function specValue(c: SpecCell | undefined): CellValue {
  if (c === undefined) return null;
  return isFormulaCell(c) ? (c.v ?? null) : c;
}

/** Range styles of a spec, resolved once: which apply to a row, and the xf of a cell. */
class Styler {
  private readonly ranges: { r: RangeRef; f: CellFormat }[];
  private readonly byTop: number[];
  private active: number[] = [];
  private nextRange = 0;
  private readonly colBase: (CellFormat | null)[];
  private readonly cache = new Map<string, number>();
  readonly lastRow: number;

  constructor(
    spec: SheetSpec,
    private readonly styles: StyleBook,
  ) {
    this.ranges = (spec.styles ?? []).map((s) => ({ r: parseRange(s.range), f: formatOf(s.style) }));
    this.byTop = this.ranges.map((_, i) => i).sort((a, b) => this.ranges[a].r.top - this.ranges[b].r.top || a - b);
    this.colBase = (spec.columns ?? []).map((c) => (c.numFmt !== undefined ? { numFmt: c.numFmt } : null));
    this.lastRow = this.ranges.reduce((m, x) => Math.max(m, x.r.bottom), 0);
  }

  /** The column's own style (for <col style>), 0 when it has none. */
  columnXf(col: number): number {
    const b = this.colBase[col - 1];
    return b ? this.styles.xf(b) : 0;
  }

  /** Move to a row (rows come in ascending order); returns the columns range styles cover there. */
  row(r: number): { left: number; right: number } | null {
    while (this.nextRange < this.byTop.length && this.ranges[this.byTop[this.nextRange]].r.top <= r)
      this.active.push(this.byTop[this.nextRange++]);
    this.active = this.active.filter((i) => this.ranges[i].r.bottom >= r).sort((a, b) => a - b);
    if (!this.active.length) return null;
    let left = Infinity;
    let right = 0;
    for (const i of this.active) {
      left = Math.min(left, this.ranges[i].r.left);
      right = Math.max(right, this.ranges[i].r.right);
    }
    return { left, right };
  }

  /** The xf of a cell of the current row: its column's style, then each range over it in the spec's order. */
  xf(col: number): number {
    let key = String(col - 1 < this.colBase.length && this.colBase[col - 1] ? col : 0);
    for (const i of this.active) {
      const r = this.ranges[i].r;
      if (r.left <= col && col <= r.right) key += "," + i;
    }
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let f: CellFormat = this.colBase[col - 1] ?? {};
    for (const i of this.active) {
      const r = this.ranges[i].r;
      if (r.left <= col && col <= r.right) f = merge(f, this.ranges[i].f);
    }
    const id = this.styles.xf(f);
    this.cache.set(key, id);
    return id;
  }

  /** Whether a column of the current row is under a range style. */
  covered(col: number): boolean {
    for (const i of this.active) {
      const r = this.ranges[i].r;
      if (r.left <= col && col <= r.right) return true;
    }
    return false;
  }
}

/** A part the sheet brings along: its name, content and content type. */
export interface ExtraPart {
  name: string;
  xml: string;
  contentType: string;
  /** The relationships of this part (a drawing's charts), as a .rels part, if any. */
  rels?: string;
}

export interface SheetParts {
  /** The worksheet XML, piece by piece (generated as it is consumed). */
  pieces: Iterable<string>;
  /** The sheet's own relationships part (tables, drawing), or null. */
  rels: string | null;
  parts: ExtraPart[];
}

export interface SheetContext {
  styles: StyleBook;
  /** Names for new parts: ("table") -> "xl/tables/table3.xml". */
  newPart(kind: "table" | "drawing" | "chart"): string;
  /** The next table id, unique in the workbook. */
  nextTableId(): number;
  /** The relationship target of `to` as seen from the sheet's part. */
  target(to: string): string;
  /** The workbook counts dates in the 1904 system: the spec's date serials are written in it (a1.ts rowsIn1904). */
  date1904?: boolean;
}

export const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
};

const REL_TABLE = `${RELS}/table`;
const REL_DRAWING = `${RELS}/drawing`;
const REL_CHART = `${RELS}/chart`;

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlEscape(r.target)}"/>`).join("") +
    `</Relationships>`
  );
}

/** The worksheet part and what hangs on it, for one of the add-in's sheets. */
export function sheetParts(model: ModelSheet, ctx: SheetContext): SheetParts {
  // The model keeps 1900-system serials (reads see them so); only what is written moves to the book's system.
  const m = ctx.date1904 ? { ...model, spec: { ...model.spec, rows: rowsIn1904(model.spec) } } : model;
  const rels: { id: string; type: string; target: string }[] = [];
  const parts: ExtraPart[] = [];
  const tableRids: string[] = [];
  for (const t of m.tables) {
    const part = ctx.newPart("table");
    const id = `rId${rels.length + 1}`;
    rels.push({ id, type: REL_TABLE, target: ctx.target(part) });
    tableRids.push(id);
    parts.push({ name: part, xml: tableXml(t, ctx.nextTableId()), contentType: CT.table });
  }
  let drawingRid: string | null = null;
  const charts = m.spec.charts ?? [];
  if (charts.length) {
    const drawing = ctx.newPart("drawing");
    drawingRid = `rId${rels.length + 1}`;
    rels.push({ id: drawingRid, type: REL_DRAWING, target: ctx.target(drawing) });
    const valueAt = (row: number, col: number) => specValue(m.spec.rows[row - 1]?.[col - 1]);
    const anchors: string[] = [];
    const drawingRels: { id: string; type: string; target: string }[] = [];
    charts.forEach((chart: ChartSpec, i) => {
      const part = ctx.newPart("chart");
      const rid = `rId${i + 1}`;
      drawingRels.push({ id: rid, type: REL_CHART, target: `../charts/${part.slice(part.lastIndexOf("/") + 1)}` });
      parts.push({ name: part, xml: chartXml({ sheet: m.name, valueAt }, chart), contentType: CHART_NS.ctChart });
      anchors.push(anchorXml(chart, i + 2, rid));
    });
    parts.push({
      name: drawing,
      xml: drawingXml(anchors),
      contentType: CHART_NS.ctDrawing,
      rels: relsXml(drawingRels),
    });
  }
  return {
    pieces: sheetXml(m, ctx.styles, drawingRid, tableRids),
    rels: rels.length ? relsXml(rels) : null,
    parts,
  };
}

/** A table part: the range, its columns (named as its header cells are) and its style. */
export function tableXml(t: ModelTable, id: number): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${MAIN}" id="${id}" name="${xmlEscape(t.name)}" displayName="${xmlEscape(t.name)}" ref="${t.ref}" totalsRowShown="0">` +
    `<autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">` +
    t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${xmlEscape(c)}"/>`).join("") +
    `</tableColumns><tableStyleInfo name="${xmlEscape(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** The worksheet XML in CT_Worksheet's order. */
function* sheetXml(
  m: ModelSheet,
  styles: StyleBook,
  drawingRid: string | null,
  tableRids: string[],
): Generator<string> {
  const spec = m.spec;
  const styler = new Styler(spec, styles);
  // Header cells of a table are its column names, as Excel keeps them.
  const header = new Map<number, Map<number, string>>();
  for (const t of m.tables) {
    const r = parseRange(t.ref);
    const row = header.get(r.top) ?? new Map<number, string>();
    t.columns.forEach((name, j) => row.set(r.left + j, name));
    header.set(r.top, row);
  }
  let width = 0;
  for (const r of spec.rows) if (r.length > width) width = r.length;
  const lastRow = Math.max(spec.rows.length, styler.lastRow);
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELS}">`;
  yield sheetPr(spec);
  yield `<dimension ref="${lastRow && width ? rangeAddress({ top: 1, left: 1, bottom: lastRow, right: width }) : "A1"}"/>`;
  yield sheetViews(spec, !!m.selected);
  yield `<sheetFormatPr defaultRowHeight="15"/>`;
  yield cols(spec, styler);
  yield* sheetData(m, styler, header, lastRow);
  yield sheetProtection(spec);
  yield mergeCells(spec);
  yield conditionalFormatting(m, styles);
  yield hyperlinks(spec);
  yield printOptions(spec);
  yield pageMargins();
  yield pageSetup(spec);
  yield headerFooter(spec);
  yield rowBreaks(spec);
  if (drawingRid) yield `<drawing r:id="${drawingRid}"/>`;
  if (tableRids.length)
    yield `<tableParts count="${tableRids.length}">${tableRids.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`;
  yield `</worksheet>`;
}

function sheetPr(spec: SheetSpec): string {
  // CT_SheetPr: tabColor, outlinePr, pageSetUpPr. fitToPage is the flag without which the page setup's
  // fitToWidth/fitToHeight are ignored and the sheet prints at 100%.
  const tab = spec.tabColor ? `<tabColor rgb="${argb(spec.tabColor)}"/>` : "";
  const fit = spec.print ? `<pageSetUpPr fitToPage="1"/>` : "";
  return tab || fit ? `<sheetPr>${tab}${fit}</sheetPr>` : "";
}

function sheetViews(spec: SheetSpec, selected: boolean): string {
  const fr = spec.freeze;
  const view = `<sheetView${selected ? ` tabSelected="1"` : ""} workbookViewId="0"`;
  if (!fr || (fr.rows <= 0 && fr.columns <= 0)) return `<sheetViews>${view}/></sheetViews>`;
  const pane = fr.rows > 0 && fr.columns > 0 ? "bottomRight" : fr.rows > 0 ? "bottomLeft" : "topRight";
  return (
    `<sheetViews>${view}><pane${fr.columns > 0 ? ` xSplit="${fr.columns}"` : ""}${fr.rows > 0 ? ` ySplit="${fr.rows}"` : ""}` +
    ` topLeftCell="${cellAddress(fr.rows + 1, fr.columns + 1)}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"/></sheetView></sheetViews>`
  );
}

function cols(spec: SheetSpec, styler: Styler): string {
  const out: string[] = [];
  (spec.columns ?? []).forEach((c, i) => {
    const style = styler.columnXf(i + 1);
    if (c.width === undefined && !style && !c.hidden) return;
    out.push(
      `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 9.140625}"${c.width !== undefined ? ` customWidth="1"` : ""}` +
        `${style ? ` style="${style}"` : ""}${c.hidden ? ` hidden="1"` : ""}/>`,
    );
  });
  return out.length ? `<cols>${out.join("")}</cols>` : "";
}

/** Rows, in blocks of about 64 KB of XML. */
function* sheetData(
  m: ModelSheet,
  styler: Styler,
  header: Map<number, Map<number, string>>,
  lastRow: number,
): Generator<string> {
  const rows = m.spec.rows;
  const letters: string[] = [];
  const letter = (c: number) => (letters[c] ??= colLetters(c));
  yield "<sheetData>";
  let block: string[] = [];
  let size = 0;
  for (let r = 1; r <= lastRow; r++) {
    const cells = rows[r - 1] ?? [];
    const styled = styler.row(r);
    const heads = header.get(r);
    let right = cells.length;
    if (styled) right = Math.max(right, styled.right);
    let open = false;
    for (let c = 1; c <= right; c++) {
      const v = heads?.get(c) ?? cells[c - 1];
      const blank = v === null || v === undefined;
      if (blank && !(styled && styled.left <= c && styler.covered(c))) continue;
      const x = cellXml(letter(c) + r, v, styler.xf(c), m.name, r, c);
      if (!x) continue;
      if (!open) {
        block.push(`<row r="${r}">`);
        open = true;
      }
      block.push(x);
      size += x.length;
    }
    if (open) block.push("</row>");
    if (size > 1 << 18) {
      yield block.join("");
      block = [];
      size = 0;
    }
  }
  block.push("</sheetData>");
  yield block.join("");
}

function sheetProtection(spec: SheetSpec): string {
  // A guard without a password, as the add-in protects inside Excel; selecting cells stays allowed.
  return spec.protect ? `<sheetProtection sheet="1" objects="1" scenarios="1"/>` : "";
}

function mergeCells(spec: SheetSpec): string {
  const merges = spec.merges ?? [];
  if (!merges.length) return "";
  return `<mergeCells count="${merges.length}">${merges.map((x) => `<mergeCell ref="${rangeAddress(parseRange(x))}"/>`).join("")}</mergeCells>`;
}

function conditionalFormatting(m: ModelSheet, styles: StyleBook): string {
  let priority = 0;
  const out: string[] = [];
  for (const cf of m.spec.conditionalFormats ?? []) {
    const sqref = rangeAddress(parseRange(cf.range));
    const dxf = styles.dxf({
      fill: cf.style.fill ? argb(cf.style.fill) : undefined,
      color: cf.style.fontColor ? argb(cf.style.fontColor) : undefined,
      bold: cf.style.bold,
    });
    const rule =
      cf.type === "expression"
        ? `<cfRule type="expression" dxfId="${dxf}" priority="${++priority}"><formula>${xmlEscape(cf.formula.replace(/^=/, ""))}</formula></cfRule>`
        : `<cfRule type="cellIs" dxfId="${dxf}" priority="${++priority}" operator="${cf.operator}">${cf.formulas
            .map((f) => `<formula>${xmlEscape(f.replace(/^=/, ""))}</formula>`)
            .join("")}</cfRule>`;
    out.push(`<conditionalFormatting sqref="${sqref}">${rule}</conditionalFormatting>`);
  }
  for (const h of m.highlights) out.push(highlightXml(h, styles.dxf({ fill: h.fill }), ++priority));
  return out.join("");
}

/** One highlight's conditional format. */
export function highlightXml(h: Highlight, dxf: number, priority: number): string {
  return `<conditionalFormatting sqref="${h.sqref}"><cfRule type="expression" dxfId="${dxf}" priority="${priority}"><formula>${xmlEscape(h.formula)}</formula></cfRule></conditionalFormatting>`;
}

function pageMargins(): string {
  return `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
}

/**
 * Links to places in the workbook: a location and no relationship (an internal link has no r:id). The cell keeps
 * its value or formula; `display` is only the text it already shows.
 */
function hyperlinks(spec: SheetSpec): string {
  const links = spec.hyperlinks ?? [];
  if (!links.length) return "";
  const out = links.map((l) => {
    const r = parseRange(l.cell);
    const shown = specValue(spec.rows[r.top - 1]?.[r.left - 1]);
    return (
      `<hyperlink ref="${rangeAddress(r)}" location="${xmlEscape(l.location.replace(/^#/, ""))}"` +
      `${typeof shown === "string" && shown ? ` display="${xmlEscape(shown)}"` : ""}` +
      `${l.tooltip ? ` tooltip="${xmlEscape(l.tooltip)}"` : ""}/>`
    );
  });
  return `<hyperlinks>${out.join("")}</hyperlinks>`;
}

function printOptions(spec: SheetSpec): string {
  return spec.print?.centerHorizontally ? `<printOptions horizontalCentered="1"/>` : "";
}

/** OOXML paper sizes (ECMA-376 Part 1, 18.3.1.63 pageSetup, paperSize). */
const PAPER = { A4: 9 } as const;

function pageSetup(spec: SheetSpec): string {
  const p = spec.print;
  if (!p) return "";
  return (
    `<pageSetup paperSize="${PAPER[p.paper]}" fitToWidth="${p.fit.wide}" fitToHeight="${p.fit.tall}"` +
    ` orientation="${p.orientation}"/>`
  );
}

/** One header or footer line: its three parts behind Excel's section codes (the texts are codes already). */
function headerFooterLine(h: HeaderFooterSpec | undefined): string {
  if (!h) return "";
  return `${h.left ? `&L${h.left}` : ""}${h.center ? `&C${h.center}` : ""}${h.right ? `&R${h.right}` : ""}`;
}

function headerFooter(spec: SheetSpec): string {
  const head = headerFooterLine(spec.print?.header);
  const foot = headerFooterLine(spec.print?.footer);
  if (!head && !foot) return "";
  // CT_HeaderFooter: oddHeader before oddFooter.
  return (
    `<headerFooter>${head ? `<oddHeader>${xmlEscape(head)}</oddHeader>` : ""}` +
    `${foot ? `<oddFooter>${xmlEscape(foot)}</oddFooter>` : ""}</headerFooter>`
  );
}

/** Manual page breaks: a break sits below row `id` (1-based), so "a new page at row 40" is id 39. */
function rowBreaks(spec: SheetSpec): string {
  const rows = [...new Set(spec.print?.pageBreaksBefore ?? [])].filter((r) => r > 1).sort((a, b) => a - b);
  if (!rows.length) return "";
  return (
    `<rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">` +
    rows.map((r) => `<brk id="${r - 1}" max="16383" man="1"/>`).join("") +
    `</rowBreaks>`
  );
}
