/**
 * The little XML the package reader and editor need: escaping, unescaping (XML entities and OOXML's
 * `_xHHHH_` escapes for characters XML cannot hold), one attribute of a start tag, and the relationship
 * parts (.rels) every OOXML part list hangs on. Text-level on purpose: parts the add-in does not own are
 * never parsed into a model and written back, so they cannot change.
 */

/** Text or attribute value as XML writes it. */
export function xmlEscape(s: string): string {
  if (!/[&<>"]/.test(s)) return s;
  return s.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

/**
 * Cell text as SpreadsheetML stores it: XML-escaped, with characters XML 1.0 cannot hold (most control
 * characters) and a literal `_xHHHH_` escaped as `_xHHHH_` (ECMA-376 Part 1, 22.9.2.19 ST_Xstring).
 */
export function cellTextEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[&<>"_\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)) return s;
  let out = xmlEscape(s);
  if (/_x[0-9A-Fa-f]{4}_/.test(out)) out = out.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(out))
    // eslint-disable-next-line no-control-regex
    out = out.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => {
      return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
    });
  return out;
}

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML entities and character references decoded. */
export function xmlUnescape(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITY[e],
  );
}

/** Cell text as Excel shows it: entities decoded, then `_xHHHH_` escapes (`_x005F_` keeps a literal one). */
export function cellTextUnescape(s: string): string {
  const t = xmlUnescape(s);
  if (t.indexOf("_x") < 0) return t;
  return t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** One attribute of a start tag (`name` may carry a prefix, `r:id`), decoded; null when absent. */
export function attrOf(tag: string, name: string): string | null {
  const at = tag.indexOf(` ${name}=`);
  const i = at >= 0 ? at : tag.search(new RegExp(`\\s${name.replace(":", "\\:")}=`));
  if (i < 0) return null;
  const q = tag[i + name.length + 2];
  const start = i + name.length + 3;
  const end = tag.indexOf(q, start);
  return end < 0 ? null : xmlUnescape(tag.slice(start, end));
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  theme: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
  extendedProperties: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
} as const;

/** The relationships of a .rels part. */
export function parseRels(xml: string | null | undefined): Relationship[] {
  const out: Relationship[] = [];
  if (!xml) return out;
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attrOf(m[0], "Id");
    const type = attrOf(m[0], "Type");
    const target = attrOf(m[0], "Target");
    if (id && type && target !== null)
      out.push({ id, type, target, external: attrOf(m[0], "TargetMode") === "External" });
  }
  return out;
}

/** "xl/worksheets/sheet1.xml" -> "xl/worksheets/_rels/sheet1.xml.rels". */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the part that holds it: ("xl/worksheets/sheet1.xml", "../drawings/d.xml"). */
export function resolvePart(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The target `to` as a relationship of `from` names it: ("xl/worksheets/sheet1.xml", "xl/drawings/d.xml") -> "../drawings/d.xml". */
export function relativeTarget(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let k = 0;
  while (k < a.length && k < b.length - 1 && a[k] === b[k]) k++;
  return [...a.slice(k).map(() => ".."), ...b.slice(k)].join("/");
}
