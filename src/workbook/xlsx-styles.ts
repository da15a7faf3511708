/**
 * The styles part of a workbook, appended to: the add-in's number formats, fonts, fills, borders, cell
 * formats (cellXfs) and conditional-format styles (dxfs) go after the ones the workbook has, so every
 * existing style index keeps its meaning and the user's styles are untouched. Text-level, as the rest of
 * the package editor: the part is not parsed into a model and written back.
 */
import { attrOf, xmlEscape } from "./xml";

/** One cell's look, resolved (colours are ARGB "FF1F4E78"). */
export interface CellFormat {
  numFmt?: string;
  bold?: boolean;
  italic?: boolean;
  /** A single underline (`<u/>`), as a link looks. */
  underline?: boolean;
  size?: number;
  color?: string;
  fill?: string;
  horizontal?: "left" | "center" | "right";
  wrap?: boolean;
  border?: { top?: BorderLine; bottom?: BorderLine; left?: BorderLine; right?: BorderLine };
}

export type BorderLine = "thin" | "double";

/** A conditional format's look. */
export interface DiffFormat {
  fill?: string;
  color?: string;
  bold?: boolean;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** Built-in number formats (ECMA-376 Part 1, 18.8.30) the reports use, by code. */
const BUILT_IN: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

/** A minimal styles part for a new workbook: Calibri 11, the two fills Excel requires, no theme. */
export const NEW_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

/** CT_Stylesheet's children in schema order: a missing collection is inserted before the first later one. */
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

interface Collection {
  /** Elements present in the part. */
  count: number;
  added: string[];
  keys: Map<string, number>;
}

export class StyleBook {
  private readonly prefix: string;
  private readonly coll = new Map<string, Collection>();
  private readonly customFormats = new Map<string, number>();
  private nextFormatId = 164;
  private readonly newFormats: string[] = [];
  private readonly xfs = new Map<string, number>();
  /** The default font's children other than bold, italic, size and colour (its name, family, scheme). */
  private readonly baseFont: string;
  private readonly baseSize: string;

  constructor(private readonly source: string) {
    this.prefix = /<(\w+:)?styleSheet\b/.exec(source)?.[1] ?? "";
    for (const name of ["fonts", "fills", "borders", "cellXfs", "dxfs"]) {
      const block = this.block(name);
      const element = name === "cellXfs" ? "xf" : name.slice(0, -1);
      const count = block
        ? [...block.inner.matchAll(new RegExp(`<${this.prefix}${element}\\b[^>]*?(/?)>`, "g"))].length
        : 0;
      this.coll.set(name, { count, added: [], keys: new Map() });
    }
    for (const m of source.matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) {
      const id = Number(attrOf(m[0], "numFmtId"));
      const code = attrOf(m[0], "formatCode");
      if (!Number.isFinite(id)) continue;
      if (code !== null && !this.customFormats.has(code)) this.customFormats.set(code, id);
      this.nextFormatId = Math.max(this.nextFormatId, id + 1);
    }
    const fonts = this.block("fonts");
    const font0 = fonts
      ? new RegExp(`<${this.prefix}font\\b[^>]*>([\\s\\S]*?)</${this.prefix}font>`).exec(fonts.inner)
      : null;
    const inner = font0?.[1] ?? `<name val="Calibri"/><family val="2"/>`;
    this.baseSize = /<(?:\w+:)?sz\b[^>]*\bval="([^"]*)"/.exec(inner)?.[1] ?? "11";
    this.baseFont = inner
      .replace(/<(\w+:)?(b|i|u|sz|color)\b[^>]*\/>/g, "")
      .replace(/<(\w+:)?(b|i|u|sz|color)\b[^>]*>[\s\S]*?<\/(\w+:)?(b|i|u|sz|color)>/g, "");
  }

  /** Whether anything was added (the part must then be written). */
  get changed(): boolean {
    return this.newFormats.length > 0 || [...this.coll.values()].some((c) => c.added.length > 0);
  }

  private block(name: string): { start: number; end: number; open: string; inner: string; self: boolean } | null {
    const open = new RegExp(`<${this.prefix}${name}\\b[^>]*?(/?)>`).exec(this.source);
    if (!open) return null;
    const start = open.index;
    if (open[1] === "/") return { start, end: start + open[0].length, open: open[0], inner: "", self: true };
    const close = `</${this.prefix}${name}>`;
    const e = this.source.indexOf(close, start);
    return {
      start,
      end: e + close.length,
      open: open[0],
      inner: this.source.slice(start + open[0].length, e),
      self: false,
    };
  }

  private add(name: string, key: string, xml: string): number {
    const c = this.coll.get(name)!;
    const hit = c.keys.get(key);
    if (hit !== undefined) return hit;
    const id = c.count + c.added.length;
    c.added.push(xml);
    c.keys.set(key, id);
    return id;
  }

  /** The id of a number format code: a built-in one, one the workbook defines, or a new one. */
  numFmtId(code: string): number {
    if (code in BUILT_IN) return BUILT_IN[code];
    const known = this.customFormats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.customFormats.set(code, id);
    this.newFormats.push(`<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`);
    return id;
  }

  private fontId(f: CellFormat): number {
    if (
      f.bold === undefined &&
      f.italic === undefined &&
      f.underline === undefined &&
      f.size === undefined &&
      f.color === undefined
    )
      return 0;
    // CT_Font is a choice of any order; this is the order Excel writes (b, i, u, sz, color, name, family, scheme).
    const xml =
      `<font>${f.bold ? "<b/>" : ""}${f.italic ? "<i/>" : ""}${f.underline ? "<u/>" : ""}<sz val="${f.size ?? this.baseSize}"/>` +
      `${f.color ? `<color rgb="${f.color}"/>` : ""}${this.baseFont}</font>`;
    return this.add("fonts", xml, xml);
  }

  private fillId(argb: string | undefined): number {
    if (!argb) return 0;
    const xml = `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
    return this.add("fills", xml, xml);
  }

  private borderId(b: CellFormat["border"]): number {
    if (!b || (!b.top && !b.bottom && !b.left && !b.right)) return 0;
    const side = (tag: string, s?: BorderLine) =>
      s ? `<${tag} style="${s}"><color indexed="64"/></${tag}>` : `<${tag}/>`;
    const xml = `<border>${side("left", b.left)}${side("right", b.right)}${side("top", b.top)}${side("bottom", b.bottom)}<diagonal/></border>`;
    return this.add("borders", xml, xml);
  }

  /** The cellXfs index of a cell format (0, the workbook's default, when the format is empty). */
  xf(f: CellFormat): number {
    const key = JSON.stringify(f);
    const hit = this.xfs.get(key);
    if (hit !== undefined) return hit;
    const numFmtId = f.numFmt !== undefined ? this.numFmtId(f.numFmt) : 0;
    const fontId = this.fontId(f);
    const fillId = this.fillId(f.fill);
    const borderId = this.borderId(f.border);
    const align = f.horizontal !== undefined || f.wrap !== undefined;
    let id = 0;
    if (numFmtId || fontId || fillId || borderId || align) {
      const xml =
        `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
        `${numFmtId ? ` applyNumberFormat="1"` : ""}${fontId ? ` applyFont="1"` : ""}${fillId ? ` applyFill="1"` : ""}` +
        `${borderId ? ` applyBorder="1"` : ""}${align ? ` applyAlignment="1"` : ""}` +
        (align
          ? `><alignment${f.horizontal ? ` horizontal="${f.horizontal}"` : ""}${f.wrap ? ` wrapText="1"` : ""}/></xf>`
          : "/>");
      id = this.add("cellXfs", xml, xml);
    }
    this.xfs.set(key, id);
    return id;
  }

  /** The dxfs index of a conditional format's look. */
  dxf(d: DiffFormat): number {
    const font =
      d.color || d.bold !== undefined
        ? `<font>${d.bold ? "<b/>" : d.bold === false ? `<b val="0"/>` : ""}${d.color ? `<color rgb="${d.color}"/>` : ""}</font>`
        : "";
    const fill = d.fill ? `<fill><patternFill patternType="solid"><bgColor rgb="${d.fill}"/></patternFill></fill>` : "";
    const xml = `<dxf>${font}${fill}</dxf>`;
    return this.add("dxfs", xml, xml);
  }

  /** The styles part with the additions (the source unchanged when there are none). */
  xml(): string {
    if (!this.changed) return this.source;
    let out = this.source;
    const p = this.prefix;
    // Later collections first, so earlier offsets stay valid.
    const edits: { name: string; items: string[] }[] = [
      { name: "numFmts", items: this.newFormats },
      ...["fonts", "fills", "borders", "cellXfs", "dxfs"].map((name) => ({ name, items: this.coll.get(name)!.added })),
    ];
    for (const { name, items } of edits.reverse()) {
      if (!items.length) continue;
      const src = new StyleBook(out).block(name);
      const body = p ? items.map((x) => x.replace(/<(\/?)(\w)/g, `<$1${p}$2`)).join("") : items.join("");
      if (src) {
        const open = setCount(src.open.replace(/\s*\/>$/, ">"), countIn(src.inner, p, name) + items.length);
        const replaced = `${open}${src.inner}${body}</${p}${name}>`;
        out = out.slice(0, src.start) + replaced + out.slice(src.end);
      } else {
        const at = insertionPoint(out, p, name);
        out = out.slice(0, at) + `<${p}${name} count="${items.length}">${body}</${p}${name}>` + out.slice(at);
      }
    }
    return out;
  }
}

function countIn(inner: string, p: string, name: string): number {
  const element = name === "cellXfs" ? "xf" : name === "numFmts" ? "numFmt" : name.slice(0, -1);
  return [...inner.matchAll(new RegExp(`<${p}${element}\\b`, "g"))].length;
}

function setCount(open: string, n: number): string {
  return /\scount="[^"]*"/.test(open)
    ? open.replace(/\scount="[^"]*"/, ` count="${n}"`)
    : open.replace(/^(<[\w:]+)/, `$1 count="${n}"`);
}

function insertionPoint(xml: string, p: string, name: string): number {
  for (const later of ORDER.slice(ORDER.indexOf(name) + 1)) {
    const m = new RegExp(`<${p}${later}\\b`).exec(xml);
    if (m) return m.index;
  }
  return xml.lastIndexOf(`</${p}styleSheet>`);
}
