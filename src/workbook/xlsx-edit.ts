/**
 * Minimal edits of a user's package parts, at the level of their text: the bookkeeping parts that list
 * sheets (workbook.xml, its relationships, [Content_Types].xml, docProps/app.xml, calcChain.xml) and the
 * few edits the user asks for on their own sheets (rows appended to a table or range, highlights added or
 * cleared, a table's range grown). Everything these functions do not name is left as it was, character
 * for character: nothing here parses a part into a model and writes the model back.
 */
import type { CellValue } from "../core/sheet-spec";
import { colLetters, colNumber, isHighlightFormula, parseRange, rangeAddress } from "./a1";
import { WorkbookError } from "./port";
import { textXml, type Highlight } from "./xlsx-sheet";
import { attrOf, cellTextUnescape, xmlEscape } from "./xml";

// ------------------------------------------------------------------------------ relationships, content types

/** Add a relationship under an id the part does not use yet; returns the new text and the id. */
export function addRelationship(relsXml: string, type: string, target: string): { xml: string; id: string } {
  const used = new Set([...relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*?\bId="([^"]*)"/g)].map((m) => m[1]));
  let k = used.size + 1;
  while (used.has(`rId${k}`)) k++;
  const id = `rId${k}`;
  const prefix = /<(\w+:)?Relationships\b/.exec(relsXml)?.[1] ?? "";
  const el = `<${prefix}Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"/>`;
  const xml = /<(\w+:)?Relationships\b[^>]*\/>/.test(relsXml)
    ? relsXml.replace(/<((?:\w+:)?Relationships\b[^>]*?)\s*\/>/, `<$1>${el}</${prefix}Relationships>`)
    : relsXml.replace(new RegExp(`</${prefix}Relationships>\\s*$`), `${el}</${prefix}Relationships>`);
  return { xml, id };
}

/** Remove the relationships with these ids. */
export function removeRelationships(relsXml: string, ids: ReadonlySet<string>): string {
  if (!ids.size) return relsXml;
  return relsXml.replace(/<(?:\w+:)?Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?Relationship>)/g, (el) =>
    ids.has(attrOf(el, "Id") ?? "") ? "" : el,
  );
}

export const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;

/** [Content_Types].xml with the overrides of dropped parts removed and new ones added. */
export function editContentTypes(
  xml: string,
  dropped: ReadonlySet<string>,
  added: readonly { name: string; contentType: string }[],
): string {
  const prefix = /<(\w+:)?Types\b/.exec(xml)?.[1] ?? "";
  let out = xml.replace(/<(?:\w+:)?Override\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?Override>)/g, (el) => {
    const part = (attrOf(el, "PartName") ?? "").replace(/^\//, "");
    return dropped.has(part) ? "" : el;
  });
  const present = new Set(
    [...out.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)].map((m) => (attrOf(m[0], "PartName") ?? "").replace(/^\//, "")),
  );
  const els = added
    .filter((a) => !present.has(a.name))
    .map((a) => `<${prefix}Override PartName="/${xmlEscape(a.name)}" ContentType="${a.contentType}"/>`)
    .join("");
  out = out.replace(new RegExp(`</${prefix}Types>\\s*$`), `${els}</${prefix}Types>`);
  return out;
}

// ---------------------------------------------------------------------------------------------- workbook

/** workbook.xml with a new <sheets> list, a new <definedNames> list and the active tab. */
export function editWorkbookXml(
  xml: string,
  o: { sheets: string[]; names: string[]; activeTab: number | null; fullCalcOnLoad?: boolean },
): string {
  const p = /<(\w+:)?workbook\b/.exec(xml)?.[1] ?? "";
  let out = xml;
  const sheetsBlock = new RegExp(`<${p}sheets\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}sheets>)`).exec(out);
  const sheetsXml = `<${p}sheets>${o.sheets.join("")}</${p}sheets>`;
  if (sheetsBlock)
    out = out.slice(0, sheetsBlock.index) + sheetsXml + out.slice(sheetsBlock.index + sheetsBlock[0].length);
  else out = insertBefore(out, p, WORKBOOK_AFTER_SHEETS, sheetsXml);
  const namesRe = new RegExp(`<${p}definedNames\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}definedNames>)`);
  const namesXml = o.names.length ? `<${p}definedNames>${o.names.join("")}</${p}definedNames>` : "";
  const namesBlock = namesRe.exec(out);
  if (namesBlock) out = out.slice(0, namesBlock.index) + namesXml + out.slice(namesBlock.index + namesBlock[0].length);
  else if (namesXml) out = insertBefore(out, p, WORKBOOK_AFTER_NAMES, namesXml);
  if (o.fullCalcOnLoad) {
    // Formulas the add-in wrote without a cached value are computed when Excel opens the file.
    const calc = new RegExp(`<${p}calcPr\\b[^>]*?(/?)>`).exec(out);
    if (!calc) out = insertBefore(out, p, WORKBOOK_AFTER_NAMES.slice(1), `<${p}calcPr fullCalcOnLoad="1"/>`);
    else if (!/\sfullCalcOnLoad=/.test(calc[0]))
      out =
        out.slice(0, calc.index) +
        calc[0].replace(/^(<[\w:]*calcPr)/, `$1 fullCalcOnLoad="1"`) +
        out.slice(calc.index + calc[0].length);
  }
  if (o.activeTab !== null) {
    const view = new RegExp(`<${p}workbookView\\b[^>]*>`).exec(out);
    if (view) {
      const tag = /\sactiveTab="[^"]*"/.test(view[0])
        ? view[0].replace(/\sactiveTab="[^"]*"/, o.activeTab ? ` activeTab="${o.activeTab}"` : "")
        : o.activeTab
          ? view[0].replace(new RegExp(`^<${p}workbookView`), `<${p}workbookView activeTab="${o.activeTab}"`)
          : view[0];
      // firstSheet (the first tab shown) must not be past the sheets there are.
      const fixed =
        /\sfirstSheet="(\d+)"/.test(tag) && Number(/\sfirstSheet="(\d+)"/.exec(tag)![1]) >= o.sheets.length
          ? tag.replace(/\sfirstSheet="\d+"/, "")
          : tag;
      out = out.slice(0, view.index) + fixed + out.slice(view.index + view[0].length);
    }
  }
  return out;
}

const WORKBOOK_AFTER_SHEETS = [
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];
const WORKBOOK_AFTER_NAMES = WORKBOOK_AFTER_SHEETS.slice(3);

function insertBefore(xml: string, p: string, later: readonly string[], el: string): string {
  let at = -1;
  for (const name of later) {
    const m = new RegExp(`<${p}${name}[\\s/>]`).exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = xml.lastIndexOf(`</${p}workbook>`);
  return xml.slice(0, at) + el + xml.slice(at);
}

/** A defined name's element with its scope set to a sheet index (or none). */
export function withLocalSheetId(el: string, index: number | null): string {
  const open = /^<[^>]*?>|^<[^>]*?\/>/.exec(el)![0];
  let tag = open.replace(/\slocalSheetId="[^"]*"/, "");
  if (index !== null) tag = tag.replace(/^(<[\w:]*definedName)/, `$1 localSheetId="${index}"`);
  return tag + el.slice(open.length);
}

/** A new defined name element (hidden: not listed in Excel's Name Manager). */
export function definedNameXml(
  prefix: string,
  name: string,
  reference: string,
  comment?: string | null,
  hidden?: boolean,
): string {
  return `<${prefix}definedName name="${xmlEscape(name)}"${comment ? ` comment="${xmlEscape(comment)}"` : ""}${hidden ? ` hidden="1"` : ""}>${xmlEscape(reference)}</${prefix}definedName>`;
}

/** A defined name's element with another formula (its attributes as they were). */
export function withReference(el: string, reference: string): string {
  const open = /^<[^>]*?>|^<[^>]*?\/>/.exec(el)![0];
  const p = /^<(\w+:)?definedName/.exec(open)?.[1] ?? "";
  const start = open.endsWith("/>") ? open.replace(/\s*\/>$/, ">") : open;
  return `${start}${xmlEscape(reference)}</${p}definedName>`;
}

// -------------------------------------------------------------------------------------- app.xml, calcChain

/**
 * docProps/app.xml with its list of worksheet titles replaced: the group of TitlesOfParts that lists the
 * old worksheet names, in order, whatever its heading's language. Unchanged when no group matches.
 */
export function editAppTitles(xml: string, oldNames: readonly string[], newNames: readonly string[]): string {
  const pairs = /<(\w+:)?HeadingPairs>\s*<(\w+:)?vector\b[^>]*>([\s\S]*?)<\/\2vector>\s*<\/\1HeadingPairs>/.exec(xml);
  const titles = /<(\w+:)?TitlesOfParts>\s*<(\w+:)?vector\b[^>]*>([\s\S]*?)<\/\2vector>\s*<\/\1TitlesOfParts>/.exec(
    xml,
  );
  if (!pairs || !titles) return xml;
  const counts = [...pairs[3].matchAll(/<(\w+:)?i4>(\d+)<\/\1i4>/g)].map((m) => Number(m[2]));
  const items = [...titles[3].matchAll(/<(\w+:)?lpstr>([^<]*)<\/\1lpstr>/g)];
  if (counts.reduce((a, b) => a + b, 0) !== items.length) return xml;
  let start = 0;
  let group = -1;
  for (let g = 0; g < counts.length; g++) {
    const names = items.slice(start, start + counts[g]).map((m) => cellTextUnescape(m[2]));
    if (names.length === oldNames.length && names.every((n, i) => n === oldNames[i])) {
      group = g;
      break;
    }
    start += counts[g];
  }
  if (group < 0) return xml;
  const vt = items[0]?.[1] ?? titles[2] ?? "";
  const newItems = [
    ...items.slice(0, start).map((m) => m[0]),
    ...newNames.map((n) => `<${vt}lpstr>${xmlEscape(n)}</${vt}lpstr>`),
    ...items.slice(start + counts[group]).map((m) => m[0]),
  ];
  let k = 0;
  const newPairs = pairs[0].replace(/<(\w+:)?i4>(\d+)<\/\1i4>/g, (el, pre: string | undefined) =>
    k++ === group ? `<${pre ?? ""}i4>${newNames.length}</${pre ?? ""}i4>` : el,
  );
  const newTitles = titles[0]
    .replace(/(<(?:\w+:)?vector\b[^>]*?\bsize=")\d+"/, `$1${newItems.length}"`)
    .replace(titles[3], newItems.join(""));
  return xml.replace(pairs[0], newPairs).replace(titles[0], newTitles);
}

/** calcChain.xml without the entries of dropped sheets (by sheetId); null when none is left. */
export function filterCalcChain(xml: string, droppedIds: ReadonlySet<number>): string | null {
  let i = 0;
  let kept = 0;
  const out = xml.replace(/<(?:\w+:)?c\b[^>]*?\/>/g, (el) => {
    const own = attrOf(el, "i");
    if (own !== null) i = Number(own);
    if (droppedIds.has(i)) {
      // The next entry inherits this one's sheet: keep it explicit.
      return "";
    }
    kept++;
    return own === null ? el.replace(/^(<[\w:]*c)\b/, `$1 i="${i}"`) : el;
  });
  return kept ? out : null;
}

// ------------------------------------------------------------------------------------- a user's own sheet

/** Rows the user asked to append: values from column `left` on worksheet row `row`. */
export interface RowEdit {
  row: number;
  left: number;
  /** From column `left` on; undefined leaves a cell as it is. */
  values: (CellValue | undefined)[];
}

/**
 * Add an edit of one row to a sheet's pending edits, merged into the edit that row already has (one edit per
 * row: each is spliced into the row as the source holds it). pendRow(edits, { row: 5, left: 7, values: [999] })
 */
export function pendRow(edits: RowEdit[], add: RowEdit): void {
  const k = edits.findIndex((e) => e.row === add.row);
  if (k < 0) {
    edits.push(add);
    return;
  }
  const had = edits[k];
  const left = Math.min(had.left, add.left);
  const right = Math.max(had.left + had.values.length, add.left + add.values.length);
  const values: (CellValue | undefined)[] = new Array(right - left).fill(undefined);
  had.values.forEach((v, j) => (values[had.left - left + j] = v));
  add.values.forEach((v, j) => (values[add.left - left + j] = v));
  edits[k] = { row: add.row, left, values };
}

export interface SheetEdits {
  rows: RowEdit[];
  highlights: Highlight[];
  /** Tags whose highlights are removed (those already in the sheet included). */
  cleared: string[];
}

/** CT_Worksheet's children after <conditionalFormatting>: a new one goes before the first present. */
const AFTER_CF = [
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

/** Whether a conditional format block is one of the add-in's highlights with one of these tags. */
function isTagged(block: string, tags: readonly string[]): boolean {
  const formulas = [...block.matchAll(/<(?:\w+:)?formula>([\s\S]*?)<\/(?:\w+:)?formula>/g)].map((m) =>
    cellTextUnescape(m[1]),
  );
  return formulas.length > 0 && formulas.every((f) => tags.some((t) => isHighlightFormula(f, t)));
}

/** The add-in's highlights already in a sheet: their ranges (sqref) by tag text found in the formula. */
export function highlightsIn(sheetXml: string): { sqref: string; formula: string }[] {
  const out: { sqref: string; formula: string }[] = [];
  for (const m of sheetXml.matchAll(
    /<(?:\w+:)?conditionalFormatting\b[^>]*>[\s\S]*?<\/(?:\w+:)?conditionalFormatting>/g,
  )) {
    const f = /<(?:\w+:)?formula>([\s\S]*?)<\/(?:\w+:)?formula>/.exec(m[0]);
    const formula = f ? cellTextUnescape(f[1]) : "";
    if (/"bpo-desk:/.test(formula)) out.push({ sqref: attrOf(m[0], "sqref") ?? "", formula });
  }
  return out;
}

/**
 * A user's sheet with the edits they asked for and nothing else changed: appended rows go into the rows
 * that exist (a styled blank cell keeps its style and takes the value) or new rows in order; a new cell
 * takes the style of the cell above it; highlights are added (their looks appended to the styles) or
 * removed; the dimension grows to cover the new rows.
 */
export function editUserSheet(xml: string, edits: SheetEdits, dxf: (fill: string) => number): string {
  let out = xml;
  const p = /<(\w+:)?worksheet\b/.exec(out)?.[1] ?? "";
  if (edits.cleared.length)
    out = out.replace(
      new RegExp(`<${p}conditionalFormatting\\b[^>]*>[\\s\\S]*?</${p}conditionalFormatting>`, "g"),
      (block) => (isTagged(block, edits.cleared) ? "" : block),
    );
  if (edits.highlights.length) {
    let priority = 0;
    for (const m of out.matchAll(/\spriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
    const blocks = edits.highlights
      .map(
        (h) =>
          `<${p}conditionalFormatting sqref="${h.sqref}"><${p}cfRule type="expression" dxfId="${dxf(h.fill)}" priority="${++priority}"><${p}formula>${xmlEscape(h.formula)}</${p}formula></${p}cfRule></${p}conditionalFormatting>`,
      )
      .join("");
    const last = out.lastIndexOf(`</${p}conditionalFormatting>`);
    let at = last >= 0 ? last + `</${p}conditionalFormatting>`.length : -1;
    if (at < 0)
      for (const name of AFTER_CF) {
        const m = new RegExp(`<${p}${name}[\\s/>]`).exec(out);
        if (m && (at < 0 || m.index < at)) at = m.index;
      }
    if (at < 0) at = out.lastIndexOf(`</${p}worksheet>`);
    out = out.slice(0, at) + blocks + out.slice(at);
  }
  if (edits.rows.length) out = appendRows(out, p, edits.rows);
  return out;
}

interface RowSpan {
  row: number;
  start: number;
  end: number;
  /** Where the row's content starts (after its start tag); -1 for <row .../>. */
  inner: number;
}

/** The row elements of a sheet's <sheetData> (a self-closing <sheetData/> is opened first). */
function rowSpans(xml: string, p: string): { xml: string; rows: RowSpan[]; dataEnd: number } {
  const selfClosed = new RegExp(`<${p}sheetData\\s*/>`).exec(xml);
  if (selfClosed)
    xml =
      xml.slice(0, selfClosed.index) +
      `<${p}sheetData></${p}sheetData>` +
      xml.slice(selfClosed.index + selfClosed[0].length);
  const open = xml.indexOf(`<${p}sheetData`);
  const dataEnd = xml.indexOf(`</${p}sheetData>`, open);
  const rows: RowSpan[] = [];
  const re = new RegExp(`<${p}row\\b[^>]*?(/?)>`, "g");
  re.lastIndex = open;
  let prev = 0;
  for (let m = re.exec(xml); m && m.index < dataEnd; m = re.exec(xml)) {
    const r = attrOf(m[0], "r");
    const row = r !== null ? Number(r) : prev + 1;
    prev = row;
    if (m[1] === "/") rows.push({ row, start: m.index, end: m.index + m[0].length, inner: -1 });
    else {
      const close = xml.indexOf(`</${p}row>`, m.index);
      rows.push({ row, start: m.index, end: close + `</${p}row>`.length, inner: m.index + m[0].length });
      re.lastIndex = close;
    }
  }
  return { xml, rows, dataEnd };
}

interface CellEl {
  col: number;
  xml: string;
  style: string | null;
}

function cellsOf(rowXml: string, p: string): CellEl[] {
  const out: CellEl[] = [];
  let next = 1;
  for (const m of rowXml.matchAll(new RegExp(`<${p}c\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}c>)`, "g"))) {
    const tag = /^<[^>]*>/.exec(m[0])![0];
    const r = attrOf(tag, "r");
    const col = r ? colNumber(/^[A-Za-z]+/.exec(r)![0]) : next;
    next = col + 1;
    out.push({ col, xml: m[0], style: attrOf(tag, "s") });
  }
  return out;
}

function valueXml(p: string, ref: string, v: CellValue, style: string | null): string {
  const s = style ? ` s="${style}"` : "";
  if (v === null) return style ? `<${p}c r="${ref}"${s}/>` : "";
  if (typeof v === "number") return `<${p}c r="${ref}"${s}><${p}v>${v}</${p}v></${p}c>`;
  if (typeof v === "boolean") return `<${p}c r="${ref}"${s} t="b"><${p}v>${v ? 1 : 0}</${p}v></${p}c>`;
  const row = Number(/\d+$/.exec(ref)![0]);
  const t = textXml(v, "", row, colNumber(/^[A-Z]+/.exec(ref)![0]));
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is>${p ? t.replace(/<(\/?)t\b/g, `<$1${p}t`) : t}</${p}is></${p}c>`;
}

function appendRows(xml: string, p: string, edits: RowEdit[]): string {
  const spans = rowSpans(xml, p);
  xml = spans.xml;
  const byRow = new Map<number, RowSpan>(spans.rows.map((r) => [r.row, r]));
  const sorted = [...edits].sort((a, b) => a.row - b.row);
  // Styles of the row above the first appended one: the look new cells take.
  const above = byRow.get(sorted[0].row - 1);
  const styleAbove = new Map<number, string>();
  if (above && above.inner >= 0)
    for (const c of cellsOf(xml.slice(above.inner, above.end), p)) if (c.style) styleAbove.set(c.col, c.style);
  // Edits from the bottom up, so offsets above stay valid.
  const pieces: { start: number; end: number; xml: string }[] = [];
  for (const e of sorted) {
    const existing = byRow.get(e.row);
    const cells = existing && existing.inner >= 0 ? cellsOf(xml.slice(existing.inner, existing.end), p) : [];
    const byCol = new Map(cells.map((c) => [c.col, c]));
    e.values.forEach((v, j) => {
      // A gap (undefined) in a merged edit leaves that cell as it is.
      if (v === undefined) return;
      const col = e.left + j;
      const old = byCol.get(col);
      const style = old?.style ?? styleAbove.get(col) ?? null;
      const x = valueXml(p, `${colLetters(col)}${e.row}`, v, style);
      if (x) byCol.set(col, { col, xml: x, style });
      else byCol.delete(col);
    });
    const body = [...byCol.values()]
      .sort((a, b) => a.col - b.col)
      .map((c) => c.xml)
      .join("");
    if (existing) {
      const open = /^<[^>]*?>/.exec(xml.slice(existing.start, existing.end))![0].replace(/\s*\/>$/, ">");
      // The spans hint would no longer be right.
      const tag = open.replace(/\sspans="[^"]*"/, "");
      pieces.push({ start: existing.start, end: existing.end, xml: `${tag}${body}</${p}row>` });
    } else {
      const after = spans.rows.find((r) => r.row > e.row);
      const at = after ? after.start : spans.dataEnd;
      pieces.push({ start: at, end: at, xml: `<${p}row r="${e.row}">${body}</${p}row>` });
    }
  }
  // Spliced in document order; inserts at one point keep their rows' order.
  const ordered = pieces.map((x, i) => ({ ...x, i })).sort((a, b) => a.start - b.start || a.i - b.i);
  let out = "";
  let pos = 0;
  for (const piece of ordered) {
    out += xml.slice(pos, piece.start) + piece.xml;
    pos = piece.end;
  }
  out += xml.slice(pos);
  // The dimension covers the new rows.
  const bottom = sorted[sorted.length - 1].row;
  const right = Math.max(...sorted.map((e) => e.left + e.values.length - 1));
  out = out.replace(new RegExp(`<${p}dimension\\b[^>]*?ref="([^"]*)"`), (el, ref: string) => {
    try {
      const r = parseRange(ref);
      return el.replace(
        ref,
        rangeAddress({ ...r, bottom: Math.max(r.bottom, bottom), right: Math.max(r.right, right) }),
      );
    } catch {
      return el;
    }
  });
  return out;
}

/** A table part with its range (and its filter's) moved to `ref`. */
export function editTableRef(xml: string, ref: string, totalsRows: number): string {
  const r = parseRange(ref);
  const filter = rangeAddress({ ...r, bottom: r.bottom - totalsRows });
  return xml
    .replace(/(<(?:\w+:)?table\b[^>]*?\sref=")[^"]*"/, `$1${ref}"`)
    .replace(/(<(?:\w+:)?autoFilter\b[^>]*?\sref=")[^"]*"/, `$1${filter}"`);
}

/** A table part under another name (its name and displayName; nothing else of it changes). */
export function editTableName(xml: string, name: string): string {
  return xml.replace(/<(?:\w+:)?table\b[^>]*>/, (tag) =>
    tag
      .replace(/(\sname=")[^"]*"/, `$1${xmlEscape(name)}"`)
      .replace(/(\sdisplayName=")[^"]*"/, `$1${xmlEscape(name)}"`),
  );
}

/** A refusal for rows that would have to move a user's totals row. */
export function totalsRowRefusal(table: string): WorkbookError {
  return new WorkbookError(
    `The table "${table}" has a totals row; turn it off in Excel (Table Design > Total Row), add the rows, then turn it on again.`,
    "bad-input",
  );
}
