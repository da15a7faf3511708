/**
 * Rough rendering of a cell for the workbench preview: the value as Excel would show it with its
 * number format, closely enough to read a report (dates, money with thousands separators and the
 * Indian lakh/crore grouping, percentages, red negatives). It is a preview, not Excel's formatter.
 */
import type { CellValue } from "../core/sheet-spec";
import { ymdFromSerial } from "../core/dates";

export interface ShownCell {
  text: string;
  /** "#RRGGBB" when the format asks for a colour (e.g. [Red] negatives). */
  color?: string;
  align: "left" | "right" | "center";
}

const COLORS: Record<string, string> = {
  red: "#C00000",
  blue: "#0000FF",
  green: "#008000",
  black: "#000000",
  magenta: "#FF00FF",
  cyan: "#00FFFF",
  yellow: "#FFFF00",
  white: "#FFFFFF",
};

/** Splits a format into its ;-sections, ignoring ; inside quotes or brackets. */
function sections(fmt: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote = false;
  let bracket = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === "\\" && i + 1 < fmt.length) {
      cur += ch + fmt[++i];
      continue;
    }
    if (ch === '"') quote = !quote;
    else if (!quote && ch === "[") bracket = true;
    else if (!quote && ch === "]") bracket = false;
    if (ch === ";" && !quote && !bracket) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** The format without quoted literals, escapes and [..] directives: what decides its kind. */
function bare(section: string): string {
  return section
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "");
}

function isDateFormat(section: string): boolean {
  // Number formats have no letters besides E (scientific); date/time formats have y m d h s.
  return /[ymdhs]/i.test(bare(section).replace(/General/gi, ""));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Formats a date/time serial with the common Excel tokens (yyyy yy mmmm mmm mm m dd d hh h mm ss AM/PM). */
export function formatDateSerial(serial: number, section: string): string {
  const day = Math.floor(serial);
  const { y, m, d } = ymdFromSerial(day);
  let secs = Math.round((serial - day) * 86400);
  const hh = Math.floor(secs / 3600);
  secs -= hh * 3600;
  const mi = Math.floor(secs / 60);
  const ss = secs - mi * 60;
  const ampm = /AM\/PM/i.test(section);
  const src = section.replace(/\[[^\]]*\]/g, "");
  let out = "";
  let lastWasHour = false;
  for (let i = 0; i < src.length;) {
    const rest = src.slice(i);
    const tok = /^(yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s|AM\/PM|"[^"]*"|\\.)/i.exec(rest);
    if (!tok) {
      out += src[i];
      i++;
      continue;
    }
    const t = tok[0];
    const lower = t.toLowerCase();
    i += t.length;
    if (t.startsWith('"')) out += t.slice(1, -1);
    else if (t.startsWith("\\")) out += t.slice(1);
    else if (lower === "yyyy") out += pad(y, 4);
    else if (lower === "yy") out += pad(y % 100);
    else if (lower === "mmmm")
      out += new Date(Date.UTC(2000, m - 1, 1)).toLocaleString("en-US", { month: "long", timeZone: "UTC" });
    else if (lower === "mmm") out += MONTHS[m - 1];
    else if (lower === "mm" || lower === "m") {
      // Minutes right after an hour or before seconds; otherwise the month.
      const minutes = lastWasHour || /^[^a-z"]*s/i.test(src.slice(i));
      const v = minutes ? mi : m;
      out += lower === "mm" ? pad(v) : String(v);
    } else if (lower === "dd") out += pad(d);
    else if (lower === "d") out += String(d);
    else if (lower === "hh" || lower === "h") {
      const h = ampm ? ((hh + 11) % 12) + 1 : hh;
      out += lower === "hh" ? pad(h) : String(h);
    } else if (lower === "ss") out += pad(ss);
    else if (lower === "s") out += String(ss);
    else if (lower === "am/pm") out += hh < 12 ? "AM" : "PM";
    lastWasHour = lower === "hh" || lower === "h";
  }
  return out;
}

function groupDigits(int: string, indian: boolean): string {
  if (int.length <= 3) return int;
  if (!indian) return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const last3 = int.slice(-3);
  const rest = int.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ",");
  return `${rest},${last3}`;
}

/** Formats |n| with one numeric section: decimals, grouping, percent, literal prefix/suffix. */
function formatNumberSection(n: number, section: string, indian: boolean): string {
  const b = bare(section);
  const percent = b.includes("%");
  const value = Math.abs(percent ? n * 100 : n);
  const dot = b.indexOf(".");
  const decimals = dot >= 0 ? (b.slice(dot + 1).match(/[0#?]/g) ?? []).length : 0;
  const grouped = /[0#?],[0#?]/.test(b) || indian;
  const fixed = value.toFixed(decimals);
  const [int, frac] = fixed.split(".");
  const body = (grouped ? groupDigits(int, indian) : int) + (frac ? "." + frac : "");
  // Literal text before the first digit placeholder and after the last one (currency symbols, units).
  const clean = section.replace(/\[[^\]]*\]/g, "");
  const first = clean.search(/[0#?]/);
  const lastIdx = Math.max(clean.lastIndexOf("0"), clean.lastIndexOf("#"), clean.lastIndexOf("?"));
  const lit = (s: string) =>
    s
      .replace(/"([^"]*)"/g, "$1")
      .replace(/\\(.)/g, "$1")
      .replace(/[_*]./g, " ")
      .replace(/[,.]/g, "");
  const prefix = first > 0 ? lit(clean.slice(0, first)) : "";
  const suffix = lastIdx >= 0 ? lit(clean.slice(lastIdx + 1)).replace(/%/, "%") : "";
  return prefix + body + (percent && !suffix.includes("%") ? "%" : suffix);
}

function colorOf(section: string): string | undefined {
  const m = /\[(red|blue|green|black|magenta|cyan|yellow|white)\]/i.exec(section);
  return m ? COLORS[m[1].toLowerCase()] : undefined;
}

/** Excel's General format, roughly: up to 11 significant characters. */
function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9))
    return n
      .toExponential(5)
      .replace(/\.?0+e/, "E")
      .replace("e", "E");
  return String(Number(n.toPrecision(10)));
}

/** Shows a cell value with an Excel number format, roughly as Excel would. */
export function showCell(value: CellValue, numFmt?: string | null): ShownCell {
  if (value === null || value === undefined) return { text: "", align: "left" };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE", align: "center" };
  if (typeof value === "string") {
    if (/^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!)$/.test(value))
      return { text: value, align: "center" };
    return { text: value, align: "left" };
  }
  if (!Number.isFinite(value)) return { text: "#NUM!", align: "center" };
  const fmt = (numFmt ?? "").trim();
  if (!fmt || /^general$/i.test(fmt) || fmt === "@") return { text: general(value), align: "right" };
  const secs = sections(fmt);
  // Conditional sections ([>=100000]...) mark the Indian grouping formats; they all group the Indian way.
  const conditional = secs.some((s) => /\[[<>=]/.test(s));
  const indian = conditional && secs.some((s) => /#\\?,##\\?,/.test(s) || /##,##,/.test(s));
  let section = secs[0];
  let negativeSection = false;
  if (!conditional) {
    if (value < 0 && secs.length > 1) {
      section = secs[1];
      negativeSection = true;
    } else if (value === 0 && secs.length > 2) section = secs[2];
  }
  if (isDateFormat(section)) {
    if (value < 0) return { text: "#".repeat(8), align: "right" };
    return { text: formatDateSerial(value, section), align: "right" };
  }
  let text = formatNumberSection(value, section, indian);
  // A negative shown with the first section (or an Indian conditional format) keeps its minus sign.
  if (value < 0 && !negativeSection && Number(text.replace(/[^0-9.]/g, "")) !== 0) text = "-" + text;
  return { text, color: colorOf(section), align: "right" };
}
