/**
 * The field-description layer: one definition per table column (name and synonyms, type, required,
 * rules, default, help text). From it come the zod schema (./zod.ts: the record's TypeScript type and
 * the entry form's final gate), the entry form itself, and the batch validator's precompiled
 * per-cell checkers (this file), so a rule is written once and means the same everywhere.
 */
import type { CellValue } from "../sheet-spec";
import type { DateOrder } from "../dates";
import { isoDateTimeFromSerial, isoFromSerial, isoMonth, parseDate, serialFromYmd } from "../dates";
import { formatCents, fromCents, parseAmount } from "../money";
import { checkEmail, checkGstin, checkIban, checkIfsc, checkPan, checkUan } from "./identifiers";

export type FieldType =
  | "text"
  | "integer"
  | "number"
  | "money"
  | "percentage"
  | "date"
  | "timestamp"
  | "month"
  | "list"
  | "yn"
  | "gstin"
  | "pan"
  | "ifsc"
  | "uan"
  | "iban"
  | "email";

export const FIELD_TYPES: readonly FieldType[] = [
  "text",
  "integer",
  "number",
  "money",
  "percentage",
  "date",
  "timestamp",
  "month",
  "list",
  "yn",
  "gstin",
  "pan",
  "ifsc",
  "uan",
  "iban",
  "email",
];

export interface FieldDef {
  /** Key of the field in the typed record (camelCase). */
  key: string;
  /** Canonical column header. */
  column: string;
  /** Other headers accepted for this column (matched case, spacing and punctuation insensitive). */
  synonyms?: readonly string[];
  type: FieldType;
  required?: boolean;
  /** No two rows may hold the same value (trimmed, case-insensitive). */
  unique?: boolean;
  /**
   * Inclusive bounds: numbers in their own unit (rupees for money, 0.18 for 18%), dates and timestamps
   * as Excel serials. Dates default to 1990-01-01..2099-12-31 (a wrong year is the commonest date typo).
   */
  min?: number;
  max?: number;
  maxLength?: number;
  /** Regular expression the whole text must match, and an example shown when it does not. */
  pattern?: string;
  /** Match the pattern ignoring case. */
  ignoreCase?: boolean;
  example?: string;
  /** Allowed values for "list" (matched case-insensitively; the canonical spelling is what is written). */
  list?: readonly string[];
  /** Other spellings accepted for a list value: { "male": "M" }. */
  aliases?: Readonly<Record<string, string>>;
  /** PAN holder types allowed in the 4th character (e.g. "P" for an employee). */
  panEntity?: string;
  /** Prefilled in the entry form (never used to fill blanks in batch validation). "today"/"now" for dates. */
  default?: CellValue | "today" | "now";
  /** Offer "same as last" for this field in the entry form (values that repeat across consecutive records). */
  repeat?: boolean;
  /**
   * Offer the values already in the column as the user types (customers, employees, processes: names and
   * codes that repeat across rows). The entry form shows them in a type-ahead list; any other value is allowed.
   */
  suggest?: boolean;
  /**
   * How text is written once checked: "upper" upper-cases it and closes up runs of spaces, so "net  45"
   * is stored as "NET 45" (as GSTIN, PAN and IFSC are always stored upper-case).
   */
  normalize?: "upper";
  /** One line for the form. */
  help?: string;
}

/**
 * Fields whose values follow from another field's: choosing a customer the table already has fills in
 * that customer's GSTIN and terms from its last row. `from` and `fill` are FieldDef keys.
 */
export interface FollowRule {
  from: string;
  fill: readonly string[];
}

/** A rule across fields of the same row (keys refer to FieldDef.key). */
export type CrossRule =
  | { type: "notBefore"; field: string; other: string }
  | { type: "notMore"; field: string; other: string }
  | { type: "atLeastOne"; fields: readonly string[] }
  | { type: "exactlyOne"; fields: readonly string[] };

export interface TableSchema {
  /** Schema name as the CLI takes it: "invoices". */
  name: string;
  /** Title in the user's words: "Invoices". */
  title: string;
  fields: readonly FieldDef[];
  rules?: readonly CrossRule[];
  /** Fields the entry form fills from the last row with the same value of another field. */
  follows?: readonly FollowRule[];
  /** How numeric dates like 03/04/2025 are read (default DMY, as in India). */
  dateOrder?: DateOrder;
}

/** Excel's limit for the characters in one cell. */
export const EXCEL_CELL_LIMIT = 32767;

const DEFAULT_MIN_DATE = serialFromYmd(1990, 1, 1);
const DEFAULT_MAX_DATE = serialFromYmd(2099, 12, 31);

/** One problem with one cell (or one row, for cross-field rules). */
export interface Issue {
  message: string;
  rule: string;
}

/**
 * The outcome of checking one cell: the value to store (normalised: trimmed text, canonical list
 * spelling, serials for dates, the amount for money) and `cmp`, the exact number cross-field rules
 * compare (paise for money, the serial for dates); or an issue.
 */
export type Checked = { ok: true; value: CellValue; cmp?: number } | { ok: false; issue: Issue };

export interface CheckOptions {
  dateOrder?: DateOrder;
  /**
   * How messages show dates: "DMY" says 31/03/2025, "MDY" 03/31/2025; ISO 2025-03-31 when absent (the
   * batch reports, read by whoever opens the Data Quality sheet). The entry form passes the order its user types in.
   */
  showDates?: DateOrder;
}

/**
 * A date (or timestamp) serial as a user of `order` writes it: 31/03/2025 (DMY), 03/31/2025 (MDY),
 * 2025-03-31 (YMD); a timestamp adds the time, 31/03/2025 14:30. dateAs(45747, "DMY") === "31/03/2025"
 */
export function dateAs(serial: number, order: DateOrder, withTime = false): string {
  const [y, m, d] = isoFromSerial(serial).split("-");
  const date = order === "MDY" ? `${m}/${d}/${y}` : order === "YMD" ? `${y}-${m}-${d}` : `${d}/${m}/${y}`;
  return withTime ? `${date} ${isoDateTimeFromSerial(serial).slice(11)}` : date;
}

/** A compiled checker for one field: blank cells come back as { ok: true, value: null } unless required. */
export type FieldChecker = (v: CellValue) => Checked;

const BLANK: Checked = { ok: true, value: null };

function fail(message: string, rule: string): Checked {
  return { ok: false, issue: { message, rule } };
}

/** Text for a message: clipped, control characters shown as \uXXXX so the message stays one line. */
export function shown(v: unknown): string {
  let s = typeof v === "string" ? v : String(v);
  if (s.length > 40) s = s.slice(0, 37) + "...";
  // eslint-disable-next-line no-control-regex -- showing control characters is the point
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function isBlank(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== "string") return false;
  // Fast path: most text neither starts nor ends with whitespace, so no trim() allocation.
  return v.length === 0 || (/^\s/.test(v) && v.trim() === "");
}

/** Control characters other than a line break (Alt+Enter in Excel): pasted from other systems, invisible in a cell. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]|\r(?!\n)/;

function describeNumber(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString("en-US") : String(x);
}

function rangeMessage(label: string, shownValue: string, min?: number, max?: number, fmt = describeNumber): string {
  if (min !== undefined && max !== undefined)
    return `${label} ${shownValue} is outside ${fmt(min)} to ${fmt(max)} — check the figure`;
  if (min !== undefined) return `${label} ${shownValue} is below the minimum ${fmt(min)}`;
  return `${label} ${shownValue} is above the maximum ${fmt(max!)}`;
}

/** Whether a money number is a float carrying binary noise below a paisa (1234.5600000000002), not a third decimal. */
function floatNoise(x: number): boolean {
  const c = x * 100;
  return Math.abs(c - Math.round(c)) < 1e-6;
}

/** Text as keyed: numbers (Excel may hold an ID as a number) become their digits. */
function asText(v: CellValue): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : null;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return null;
}

/** Checks every text must pass: no control characters, no more than Excel holds in a cell. */
function textProblem(label: string, s: string): Checked | null {
  if (s.length <= EXCEL_CELL_LIMIT && !ANY_CONTROL.test(s)) return null;
  if (s.length > EXCEL_CELL_LIMIT)
    return fail(
      `${label} is ${s.length.toLocaleString("en-US")} characters long; an Excel cell holds at most 32,767 — shorten it`,
      "cell-limit",
    );
  if (CONTROL.test(s)) {
    const c = CONTROL.exec(s)![0].charCodeAt(0);
    return fail(
      `${label} contains an invisible control character (U+${c.toString(16).toUpperCase().padStart(4, "0")}) — retype the value`,
      "control-chars",
    );
  }
  return null;
}

/** Match a list value: canonical spelling, case-insensitive, with aliases. */
function listMatcher(def: FieldDef): (s: string) => string | undefined {
  const map = new Map<string, string>();
  for (const x of def.list ?? []) map.set(x.toLowerCase(), x);
  for (const [k, x] of Object.entries(def.aliases ?? {})) map.set(k.toLowerCase(), x);
  return (s) => map.get(s.trim().toLowerCase());
}

const YN_ALIASES: Record<string, "Y" | "N"> = { y: "Y", yes: "Y", true: "Y", n: "N", no: "N", false: "N" };

/**
 * Compile the checker of one field: every decision that depends only on the definition (regex,
 * bounds, list lookup) is made here once, so checking a cell is a few comparisons.
 */
export function compileField(def: FieldDef, options: CheckOptions = {}): FieldChecker {
  const label = def.column;
  const order: DateOrder = options.dateOrder ?? "DMY";
  const required = !!def.required;
  const blank = (): Checked => (required ? fail(`${label} is required — fill it in`, "required") : BLANK);
  const inner = compileInner(def, label, order, options.showDates);
  return (v) => (isBlank(v) ? blank() : inner(v));
}

function compileInner(def: FieldDef, label: string, order: DateOrder, showDates?: DateOrder): FieldChecker {
  const { min, max } = def;
  const regex = def.pattern ? new RegExp(`^(?:${def.pattern})$`, def.ignoreCase ? "iu" : "u") : null;
  const example = def.example ? ` like ${def.example}` : "";
  const maxLength = def.maxLength;

  const normalizeUpper = def.normalize === "upper";
  const textChecks = (typed: string): Checked => {
    const s = normalizeUpper ? typed.replace(/\s+/g, " ").toUpperCase() : typed;
    if (maxLength !== undefined && s.length > maxLength)
      return fail(`${label} is ${s.length} characters; at most ${maxLength} allowed`, "length");
    if (regex && !regex.test(s))
      return fail(`${label} "${shown(s)}" does not have the expected form${example}`, "pattern");
    return { ok: true, value: s };
  };

  const identifier = (check: (s: string) => string | null, upper = true): FieldChecker => {
    return (v) => {
      const raw = asText(v);
      if (raw === null) return fail(`${label}: expected text, got ${shown(v)}`, "type");
      const p = textProblem(label, raw);
      if (p) return p;
      const s = upper ? raw.trim().toUpperCase() : raw.trim();
      const problem = check(s);
      return problem ? fail(`${label} ${shown(raw.trim())}: ${problem}`, def.type) : { ok: true, value: s };
    };
  };

  switch (def.type) {
    case "text":
      return (v) => {
        const s = asText(v);
        if (s === null) return fail(`${label}: expected text, got ${shown(v)}`, "type");
        // Control characters are looked for before trimming: a leading tab or CR is still in the cell.
        const p = textProblem(label, s);
        return p ?? textChecks(typeof v === "string" && /^\s|\s$/.test(s) ? s.trim() : s);
      };
    case "gstin":
      return identifier(checkGstin);
    case "pan":
      return identifier((s) => checkPan(s, def.panEntity));
    case "ifsc":
      return identifier(checkIfsc);
    case "uan":
      return identifier(checkUan);
    case "iban":
      return identifier(checkIban);
    case "email":
      return identifier(checkEmail, false);
    case "integer":
    case "number":
      return (v) => {
        let x: number;
        if (typeof v === "number") x = v;
        else if (typeof v === "string") {
          const t = v.trim().replace(/,(?=\d)/g, "");
          x = /^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
          if (Number.isNaN(x)) return fail(`${label} "${shown(v)}" is not a number`, "type");
        } else return fail(`${label}: expected a number, got ${shown(v)}`, "type");
        if (!Number.isFinite(x)) return fail(`${label}: ${x} is not a finite number`, "type");
        if (def.type === "integer" && !Number.isInteger(x))
          return fail(`${label} ${shown(v)} should be a whole number`, "type");
        if ((min !== undefined && x < min) || (max !== undefined && x > max))
          return fail(rangeMessage(label, describeNumber(x), min, max), "range");
        return { ok: true, value: x, cmp: x };
      };
    case "money": {
      const minC = min === undefined ? undefined : Math.round(min * 100);
      const maxC = max === undefined ? undefined : Math.round(max * 100);
      const money = (c: number) => formatCents(c, "en-IN");
      return (v) => {
        let c: number;
        const hundred = typeof v === "number" ? v * 100 : NaN;
        // Fast path for numbers with at most 2 decimals (nearly every money cell): exact paise.
        if (Number.isFinite(hundred) && Math.abs(hundred - Math.round(hundred)) < 1e-6 && Math.abs(hundred) < 9e15)
          c = Math.round(hundred) || 0;
        else {
          const p = parseAmount(v);
          if (!p.ok) return fail(`${label} ${p.message}`, "type");
          if (p.decimals > 2 && !(typeof v === "number" && floatNoise(v)))
            return fail(
              `${label} ${shown(v)} has ${p.decimals} decimals; amounts are kept to 2 (paise) — round it`,
              "type",
            );
          c = p.cents;
        }
        if ((minC !== undefined && c < minC) || (maxC !== undefined && c > maxC))
          return fail(
            rangeMessage(label, money(c), minC, maxC, (x) => money(x)),
            "range",
          );
        return { ok: true, value: fromCents(c), cmp: c };
      };
    }
    case "percentage": {
      const lo = min ?? 0;
      const hi = max ?? 1;
      const pct = (x: number) => `${Math.round(x * 1e6) / 1e4}%`;
      return (v) => {
        let x: number;
        if (typeof v === "number") x = v;
        else if (typeof v === "string") {
          const m = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*%?$/.exec(v.trim());
          if (!m) return fail(`${label} "${shown(v)}" is not a percentage like 18% or 0.18`, "type");
          x = Number(m[1]) / 100;
        } else return fail(`${label}: expected a percentage, got ${shown(v)}`, "type");
        if (!Number.isFinite(x)) return fail(`${label}: ${x} is not a finite number`, "type");
        if (x < lo || x > hi) return fail(`${label} ${pct(x)} is outside ${pct(lo)} to ${pct(hi)}`, "range");
        return { ok: true, value: x, cmp: x };
      };
    }
    case "date":
    case "timestamp": {
      const lo = min ?? DEFAULT_MIN_DATE;
      const hi = max ?? DEFAULT_MAX_DATE + 0.99999;
      const withTime = def.type === "timestamp";
      const iso = showDates
        ? (x: number) => dateAs(x, showDates, withTime)
        : withTime
          ? isoDateTimeFromSerial
          : isoFromSerial;
      const day = showDates ? (x: number) => dateAs(x, showDates) : isoFromSerial;
      return (v) => {
        if (typeof v === "boolean") return fail(`${label}: expected a date, got ${v ? "TRUE" : "FALSE"}`, "type");
        const p = parseDate(v, order);
        if (!p.ok) return fail(`${label} ${p.message}`, "type");
        const s = p.serial;
        if (s < lo || s > hi)
          return fail(
            `${label} ${s >= 1 ? iso(s) : shown(v)} is outside ${day(lo)} to ${day(Math.floor(hi))} — check the year`,
            "range",
          );
        return { ok: true, value: s, cmp: s };
      };
    }
    case "month":
      return (v) => {
        let y: number;
        let m: number;
        if (typeof v === "number") {
          // Excel turns a typed 2025-10 into the date 2025-10-01.
          const p = parseDate(v, order);
          if (!p.ok) return fail(`${label} ${p.message}`, "type");
          [y, m] = isoFromSerial(p.serial).split("-").map(Number);
        } else {
          const s = asText(v)!.trim();
          const a = /^(\d{4})[-/.](\d{1,2})$/.exec(s) ?? null;
          const b = a ? null : /^(\d{1,2})[-/.](\d{4})$/.exec(s);
          if (a) [y, m] = [+a[1], +a[2]];
          else if (b) [y, m] = [+b[2], +b[1]];
          else {
            const p = parseDate(/^[a-z]+[-\s]\d{2,4}$/i.test(s) ? `1 ${s.replace("-", " ")}` : s, order);
            if (!p.ok) return fail(`${label} "${shown(s)}" is not a month like 2025-10`, "type");
            [y, m] = isoFromSerial(p.serial).split("-").map(Number);
          }
        }
        if (m < 1 || m > 12) return fail(`${label} has no month ${m}; write it like 2025-10`, "type");
        if (y < 1990 || y > 2099) return fail(`${label} year ${y} is outside 1990 to 2099 — check the year`, "range");
        const value = isoMonth(y, m);
        return { ok: true, value, cmp: y * 12 + m };
      };
    case "list": {
      const match = listMatcher(def);
      const choices = (def.list ?? []).join(", ");
      return (v) => {
        const s = asText(v);
        if (s === null) return fail(`${label}: expected one of ${choices}`, "list");
        const hit = match(s);
        return hit === undefined
          ? fail(`${label} "${shown(s.trim())}" is not one of ${choices}`, "list")
          : { ok: true, value: hit };
      };
    }
    case "yn":
      return (v) => {
        const hit = typeof v === "boolean" ? (v ? "Y" : "N") : YN_ALIASES[String(v).trim().toLowerCase()];
        return hit === undefined ? fail(`${label} "${shown(v)}" should be Y or N`, "list") : { ok: true, value: hit };
      };
  }
}

/** The message of a failed cross-field rule, or null. `a`/`b` are the two fields' checked values. */
export function crossIssue(
  rule: CrossRule,
  fields: ReadonlyMap<string, FieldDef>,
  get: (key: string) => Checked | undefined,
  showDates?: DateOrder,
): Issue | null {
  // Filled in, valid or not: an invalid value already has its own message.
  const present = (k: string) => {
    const c = get(k);
    return c !== undefined && !(c.ok && c.value === null) && !(!c.ok && c.issue.rule === "required");
  };
  switch (rule.type) {
    case "notBefore":
    case "notMore": {
      const a = get(rule.field);
      const b = get(rule.other);
      if (!a || !b || !a.ok || !b.ok || a.cmp === undefined || b.cmp === undefined) return null;
      const fa = fields.get(rule.field)!;
      const fb = fields.get(rule.other)!;
      if (rule.type === "notBefore" && a.cmp < b.cmp)
        return {
          message: `${fa.column} ${show(fa, a, showDates)} is before ${fb.column} ${show(fb, b, showDates)}`,
          rule: "cross",
        };
      if (rule.type === "notMore" && a.cmp > b.cmp)
        return {
          message: `${fa.column} ${show(fa, a, showDates)} is more than ${fb.column} ${show(fb, b, showDates)}`,
          rule: "cross",
        };
      return null;
    }
    case "atLeastOne":
      if (rule.fields.some(present)) return null;
      return { message: `Fill in ${names(rule.fields, fields, "or")}`, rule: "cross" };
    case "exactlyOne": {
      // A zero amount fills nothing: banks and Tally write 0.00 in the column a row does not use (ICICI's
      // Withdrawal 0.00 beside a Deposit), and a row of zeros is a zero-amount record, not a missing one.
      const zero = (k: string) => {
        const c = get(k);
        const t = fields.get(k)?.type;
        return !!c && c.ok && c.value === 0 && (t === "money" || t === "number" || t === "integer");
      };
      const n = rule.fields.filter((k) => present(k) && !zero(k)).length;
      if (n === 1 || (n === 0 && rule.fields.some(present))) return null;
      return {
        message:
          n === 0
            ? `Fill in ${names(rule.fields, fields, "or")}`
            : `Fill in only one of ${names(rule.fields, fields, "and")}, not both`,
        rule: "cross",
      };
    }
  }
}

function names(keys: readonly string[], fields: ReadonlyMap<string, FieldDef>, joiner: string): string {
  const cols = keys.map((k) => fields.get(k)?.column ?? k);
  return cols.length <= 2 ? cols.join(` ${joiner} `) : `${cols.slice(0, -1).join(", ")} ${joiner} ${cols.at(-1)}`;
}

/** A checked value as the user knows it: 2025-03-15 (or 15/03/2025 with showDates "DMY"), 1,23,456.00. */
export function show(def: FieldDef, c: Checked, showDates?: DateOrder): string {
  if (!c.ok) return "";
  if (def.type === "date") return showDates ? dateAs(c.value as number, showDates) : isoFromSerial(c.value as number);
  if (def.type === "timestamp")
    return showDates ? dateAs(c.value as number, showDates, true) : isoDateTimeFromSerial(c.value as number);
  if (def.type === "money" && c.cmp !== undefined) return formatCents(c.cmp, "en-IN");
  return String(c.value);
}

/** The key→definition map of a schema. */
export function fieldMap(schema: TableSchema): Map<string, FieldDef> {
  return new Map(schema.fields.map((f) => [f.key, f]));
}
