/**
 * The entry form's model, derived from a table's schema bound to its headers: which fields to show,
 * their defaults, the row to append in the table's column order, and the values already used where a
 * field must be unique. Pure functions (and one read, readExistingKeys); the React components only hold state.
 */
import type { CellValue } from "../../../core/sheet-spec";
import type { DateOrder } from "../../../core/dates";
import { isoDateTimeFromSerial, isoFromSerial, todaySerial } from "../../../core/dates";
import { localTimestamp } from "../../../workbook/jobs/entry";
import type { TableData } from "../../../core/table";
import type { Workbook } from "../../../workbook/port";
import { bindSchema, type BoundField, type FieldDef, type TableSchema } from "../../../core/validation";

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
  const [y, m, d] = isoFromSerial(serial).split("-");
  const date = order === "MDY" ? `${m}/${d}/${y}` : order === "YMD" ? `${y}-${m}-${d}` : `${d}/${m}/${y}`;
  return withTime ? `${date} ${isoDateTimeFromSerial(serial).slice(11, 16)}` : date;
}

/** The form's starting text for a field (its default), or "". */
export function defaultText(def: FieldDef, order: DateOrder, now: Date): string {
  const d = def.default;
  if (d === undefined || d === null) return "";
  if (d === "today") return typedDate(todaySerial(now), order, false);
  if (d === "now") return typedDate(localTimestamp(now), order, true);
  return String(d);
}

/** A blank form: defaults, and "same as last" values for repeat fields when `last` is given. */
export function initialValues(model: FormModel, order: DateOrder, now: Date, last?: FormValues | null): FormValues {
  const v: FormValues = {};
  for (const f of model.fields)
    v[f.def.key] = last && f.def.repeat && last[f.def.key] ? last[f.def.key] : defaultText(f.def, order, now);
  return v;
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

/** A value as uniqueness compares it (checkRecord's rule: trimmed, case-insensitive), or null when blank. */
function keyOf(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const k = String(v).trim().toLowerCase();
  return k === "" ? null : k;
}

/** True when some field of the form must be unique, so the form needs the table's existing values. */
export function needsExistingKeys(model: FormModel): boolean {
  return model.fields.some((f) => f.def.unique);
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
 * What the form reads from the workbook: the existing values of its unique fields, or nothing at all when
 * no field must be unique (the headers came with the table list). Read once per table; after each entry
 * the form adds the row it wrote (withEntry) instead of reading the table again.
 */
export async function readExistingKeys(
  wb: Workbook,
  source: string,
  model: FormModel,
): Promise<Map<string, Set<string>>> {
  if (!needsExistingKeys(model)) return new Map();
  return existingValues(model, await wb.read(source));
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

/** Placeholder for a field's input, by type. */
export function placeholderFor(def: FieldDef, order: DateOrder): string {
  const date = order === "MDY" ? "MM/DD/YYYY" : "DD/MM/YYYY";
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
