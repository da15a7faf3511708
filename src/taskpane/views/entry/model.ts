/**
 * The entry form's model, derived from a table's schema bound to its headers: which fields to show, the
 * text a blank form starts with (defaults, "same as last", the next number), the fields that follow from a
 * choice, where Enter goes, the row to append in the table's column order, and what the form remembers of
 * the table (its unique keys, the values it suggests, each customer's last row). Pure functions and one
 * read (readTableMemory); the React components only hold state.
 */
import type { CellValue } from "../../../core/sheet-spec";
import type { DateOrder } from "../../../core/dates";
import { todaySerial } from "../../../core/dates";
import { formatRupees } from "../../../core/money";
import { localTimestamp } from "../../../workbook/jobs/entry";
import type { TableData } from "../../../core/table";
import type { Workbook } from "../../../workbook/port";
import {
  bindSchema,
  dateAs,
  isNumbered,
  recallKey,
  recallTable,
  recallWith,
  type BoundField,
  type FieldDef,
  type Issue,
  type TableRecall,
  type TableSchema,
} from "../../../core/validation";

/** Text typed per field key. */
export type FormValues = Record<string, string>;

export interface FormModel {
  schema: TableSchema;
  headers: string[];
  /** Fields whose column the table has, in the table's column order. */
  fields: BoundField[];
  /** Required fields whose column the table lacks (the form cannot fill them). */
  missing: FieldDef[];
}

export function formModel(schema: TableSchema, headers: readonly string[]): FormModel {
  const bound = bindSchema(schema, headers);
  return {
    schema,
    headers: headers.slice(),
    fields: bound.filter((b) => b.index >= 0).sort((a, b) => a.index - b.index),
    missing: bound.filter((b) => b.index < 0 && b.def.required).map((b) => b.def),
  };
}

/** A date serial as the user types dates in their order: 15/03/2025 (DMY) or 03/15/2025 (MDY). */
export function typedDate(serial: number, order: DateOrder, withTime: boolean): string {
  return dateAs(serial, order, withTime).slice(0, withTime ? 16 : 10);
}

/** The form's starting text for a field (its default), or "". */
export function defaultText(def: FieldDef, order: DateOrder, now: Date): string {
  const d = def.default;
  if (d === undefined || d === null) return "";
  if (d === "today") return typedDate(todaySerial(now), order, false);
  if (d === "now") return typedDate(localTimestamp(now), order, true);
  return String(d);
}

/** A value as a row holds it, as the user would type it into the field: 45747 in a date field is 31/03/2025. */
export function textFor(def: FieldDef, v: CellValue | undefined, order: DateOrder): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" && (def.type === "date" || def.type === "timestamp"))
    return typedDate(v, order, def.type === "timestamp");
  if (typeof v === "number" && def.type === "percentage") return `${Math.round(v * 1e6) / 1e4}%`;
  return String(v);
}

/** A date field that starts on today: in a batch it keeps the last date entered instead ("same as last"). */
function datesLikeLast(def: FieldDef): boolean {
  return def.type === "date" && def.default === "today";
}

/** What the form remembers of its table: read once, then kept current with each entry it writes. */
export interface TableMemory {
  /** The values already in the table for each unique field (trimmed, lower-cased), by field key. */
  existing: Map<string, Set<string>>;
  /** Type-ahead values, each key value's last row, the next number (core/validation/recall). */
  recall: TableRecall;
}

export const NO_MEMORY: TableMemory = {
  existing: new Map(),
  recall: { choices: new Map(), last: new Map(), next: new Map(), numbers: new Map() },
};

/**
 * A blank form: defaults, the next number where the table has a numbering, and, when `last` (the record
 * entered before) is given, "same as last" for the repeat fields and the dates of a batch; then the fields
 * that follow from those values (a kept customer brings its GSTIN and terms back).
 */
export function initialValues(
  model: FormModel,
  order: DateOrder,
  now: Date,
  last?: FormValues | null,
  memory: TableMemory = NO_MEMORY,
): FormValues {
  let v = baselineValues(model, order, now, last, memory);
  for (const rule of model.schema.follows ?? [])
    if (v[rule.from]) v = applyFollows(model, memory, order, v, rule.from, v, {}).values;
  return v;
}

/** initialValues before any follows are applied: what a field falls back to when its customer is new. */
export function baselineValues(
  model: FormModel,
  order: DateOrder,
  now: Date,
  last?: FormValues | null,
  memory: TableMemory = NO_MEMORY,
): FormValues {
  const v: FormValues = {};
  for (const f of model.fields) {
    const key = f.def.key;
    const kept = last && (f.def.repeat || datesLikeLast(f.def)) ? last[key] : undefined;
    const proposed = isNumbered(f.def) ? memory.recall.next.get(key) : null;
    v[key] = kept || proposed || defaultText(f.def, order, now);
  }
  return v;
}

/**
 * The values once `key` has changed: where a follows rule starts at `key`, its fields take the values of
 * the last row with that value (choosing "Acme Retail" fills Acme's GSTIN and terms). For a value the table
 * does not have, fields the form filled itself go back to `baseline`; a field the user typed in is kept.
 * `auto` holds what the form filled, by field key; the returned one replaces it.
 */
export function applyFollows(
  model: FormModel,
  memory: TableMemory,
  order: DateOrder,
  values: FormValues,
  key: string,
  baseline: FormValues,
  auto: Readonly<Record<string, string>>,
): { values: FormValues; auto: Record<string, string> } {
  const out = { ...values };
  const filled = { ...auto };
  for (const rule of model.schema.follows ?? []) {
    if (rule.from !== key) continue;
    const k = recallKey(values[key]);
    const rec = k === null ? undefined : memory.recall.last.get(key)?.get(k);
    for (const fk of rule.fill) {
      const def = model.fields.find((f) => f.def.key === fk)?.def;
      if (!def) continue;
      if (rec) out[fk] = textFor(def, rec[fk], order);
      else if (out[fk] === (filled[fk] ?? baseline[fk])) out[fk] = baseline[fk] ?? "";
      else continue; // typed by the user: theirs
      filled[fk] = out[fk];
    }
  }
  return { values: out, auto: filled };
}

/**
 * The fields whose text is what their follows rule would fill from the current values (the GSTIN of the
 * customer now in the Customer field), by field key: the ones the form may replace when the customer changes.
 */
export function autoFilled(
  model: FormModel,
  memory: TableMemory,
  order: DateOrder,
  values: FormValues,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of model.schema.follows ?? []) {
    const k = recallKey(values[rule.from]);
    const rec = k === null ? undefined : memory.recall.last.get(rule.from)?.get(k);
    if (!rec) continue;
    for (const fk of rule.fill) {
      const def = model.fields.find((f) => f.def.key === fk)?.def;
      if (def && (values[fk] ?? "") === textFor(def, rec[fk], order)) out[fk] = values[fk] ?? "";
    }
  }
  return out;
}

/** Whether the form holds anything beyond what a blank form starts with (Esc asks before discarding it). */
export function hasInput(values: FormValues, blank: FormValues): boolean {
  return Object.keys(values).some((k) => (values[k] ?? "").trim() !== (blank[k] ?? "").trim());
}

/**
 * Where Enter goes when the record is not ready to add: the first field after `from` that is blank and
 * still needed (required, or named by a rule such as "Due Date or Terms"); null when none is, and Enter
 * then says what to fix.
 */
export function nextNeededField(
  model: FormModel,
  values: FormValues,
  issues: Readonly<Record<string, Issue>>,
  from: string | null,
): string | null {
  const at = from === null ? -1 : model.fields.findIndex((f) => f.def.key === from);
  for (const f of model.fields.slice(at + 1))
    if (!(values[f.def.key] ?? "").trim() && issues[f.def.key]) return f.def.key;
  return null;
}

/** Raw record for checkRecord: "" is blank. */
export function rawRecord(values: FormValues): Record<string, CellValue> {
  const r: Record<string, CellValue> = {};
  for (const [k, s] of Object.entries(values)) r[k] = s === "" ? null : s;
  return r;
}

/** The row to append: the checked values in the table's column order, blanks elsewhere. */
export function rowFor(model: FormModel, values: Readonly<Record<string, CellValue>>): CellValue[] {
  const row: CellValue[] = new Array(model.headers.length).fill(null);
  for (const f of model.fields) row[f.index] = values[f.def.key] ?? null;
  return row;
}

/** The record's columns (in rowFor's row) that hold dates or timestamps as serials. */
export function dateColumnsOf(model: FormModel): number[] {
  return model.fields.filter((f) => f.def.type === "date" || f.def.type === "timestamp").map((f) => f.index);
}

/**
 * How the success message names a record: its first unique field (the invoice number, the employee ID) and
 * its first required amount, "INV-2025-0301" and "₹1,18,000.00".
 */
export function recordLabel(
  model: FormModel,
  values: Readonly<Record<string, CellValue>>,
): {
  name: string | null;
  amount: string | null;
} {
  const named = model.fields.find((f) => f.def.unique && values[f.def.key] !== null) ?? null;
  const money = model.fields.find(
    (f) => f.def.type === "money" && f.def.required && typeof values[f.def.key] === "number",
  );
  return {
    name: named ? String(values[named.def.key]) : null,
    // The checked amount has at most 2 decimals: rounding to paise once, here, is exact.
    amount: money ? formatRupees(Math.round((values[money.def.key] as number) * 100)) : null,
  };
}

/** A value as uniqueness compares it (checkRecord's rule: trimmed, case-insensitive), or null when blank. */
function keyOf(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const k = String(v).trim().toLowerCase();
  return k === "" ? null : k;
}

/** True when the form needs the table's rows: a unique field to check, values to suggest, fields that follow. */
export function needsTableRead(model: FormModel): boolean {
  return (
    model.fields.some((f) => f.def.unique || f.def.suggest) ||
    (model.schema.follows ?? []).some((r) => model.fields.some((f) => f.def.key === r.from))
  );
}

/** The values already in the table for each unique field (trimmed, lower-cased), by field key. */
export function existingValues(model: FormModel, table: TableData): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of model.fields) {
    if (!f.def.unique) continue;
    const s = new Set<string>();
    for (const row of table.rows) {
      const k = keyOf(row[f.index]);
      if (k !== null) s.add(k);
    }
    out.set(f.def.key, s);
  }
  return out;
}

/**
 * What the form reads from the workbook: the table's rows once, for its unique keys and its recall; nothing
 * at all when the form needs neither. After each entry the form adds the row it wrote (memoryWith) instead
 * of reading the table again.
 */
export async function readTableMemory(wb: Workbook, source: string, model: FormModel): Promise<TableMemory> {
  if (!needsTableRead(model)) return NO_MEMORY;
  const table = await wb.read(source);
  return { existing: existingValues(model, table), recall: recallTable(model.schema, model.fields, table.rows) };
}

/** The memory once the record `values` (checked, by field key), written as `row`, is in the table. */
export function memoryWith(
  memory: TableMemory,
  model: FormModel,
  values: Readonly<Record<string, CellValue>>,
  row: readonly CellValue[],
): TableMemory {
  return {
    existing: withEntry(memory.existing, model, values),
    recall: recallWith(memory.recall, model.schema, model.fields, row),
  };
}

/** The existing values once the record `values` (checked, by field key) is in the table. */
export function withEntry(
  existing: ReadonlyMap<string, ReadonlySet<string>>,
  model: FormModel,
  values: Readonly<Record<string, CellValue>>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [key, set] of existing) out.set(key, new Set(set));
  for (const f of model.fields) {
    if (!f.def.unique) continue;
    const k = keyOf(values[f.def.key]);
    if (k === null) continue;
    if (!out.has(f.def.key)) out.set(f.def.key, new Set());
    out.get(f.def.key)!.add(k);
  }
  return out;
}

/** The type-ahead choices for `typed`: values starting with it first, then values containing it; at most `limit`. */
export function choicesFor(all: readonly string[], typed: string, limit = 30): string[] {
  const t = typed.trim().toLowerCase();
  if (!t) return all.slice(0, limit);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const v of all) {
    const l = v.toLowerCase();
    if (l.startsWith(t)) starts.push(v);
    else if (l.includes(t)) contains.push(v);
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}

/** Placeholder for a field's input, by type. */
export function placeholderFor(def: FieldDef, order: DateOrder): string {
  const date = order === "MDY" ? "MM/DD/YYYY" : order === "YMD" ? "YYYY-MM-DD" : "DD/MM/YYYY";
  switch (def.type) {
    case "date":
      return date;
    case "timestamp":
      return `${date} HH:MM`;
    case "month":
      return "YYYY-MM";
    case "money":
      return "1,23,456.78";
    case "percentage":
      return "18%";
    case "gstin":
      return "27AAPFU0939F1ZV";
    case "pan":
      return "ABCPE1234F";
    case "ifsc":
      return "HDFC0001234";
    case "uan":
      return "12 digits";
    case "iban":
      return "GB82WEST12345698765432";
    case "email":
      return "name@example.com";
    default:
      return def.example ?? "";
  }
}

/** The date order of a locale: en-US types 03/31/2025, en-IN and en-GB 31/03/2025. */
export function localeDateOrder(locale?: string): DateOrder {
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(
      new Date(Date.UTC(2025, 2, 31)),
    );
    const firstNumeric = parts.find((p) => p.type === "day" || p.type === "month" || p.type === "year")?.type;
    return firstNumeric === "month" ? "MDY" : firstNumeric === "year" ? "YMD" : "DMY";
  } catch {
    return "DMY";
  }
}
