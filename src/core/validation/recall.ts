/**
 * What a table already says that makes the next entry shorter: the values a column already holds (for
 * type-ahead), the last row of each customer (for the fields that follow from it) and the next number of
 * the table's numbering. Pure functions over the table's rows and a schema bound to its headers.
 */
import type { CellValue } from "../sheet-spec";
import type { BoundField } from "./validate";
import type { FieldDef, TableSchema } from "./fields";

/** A key as the table compares names: trimmed, runs of spaces closed up, case-insensitive. */
export function recallKey(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  const k = String(v).trim().replace(/\s+/g, " ").toLowerCase();
  return k === "" ? null : k;
}

/** A value's text and its runs of digits: "INV/0007/25-26" has the shape "inv/#/#-#" and runs 0007, 25, 26. */
function numbering(v: CellValue | undefined): { text: string; shape: string; runs: string[] } | null {
  if (v === null || v === undefined) return null;
  const text = String(v).trim();
  const runs = text.match(/\d+/g);
  return runs ? { text, shape: text.replace(/\d+/g, "#").toLowerCase(), runs } : null;
}

/**
 * The next number of a table's numbering: the last value with its counter one more than the highest
 * counter of the values numbered like it, zero padding kept. The counter is the run of digits that takes
 * the most different values among the values of the same shape (a year or a financial year repeats, the
 * counter does not); with nothing to compare, the last zero-padded run, else the last run. Null when the
 * last value has no digits.
 * nextNumber(["INV-2025-0041", "INV-2025-0042"]) === "INV-2025-0043"; nextNumber(["E1009"]) === "E1010";
 * nextNumber(["INV/0007/25-26"]) === "INV/0008/25-26"; nextNumber(["INV-2025-0300", "INV-2026-0001"]) === "INV-2026-0002"
 */
export function nextNumber(values: readonly CellValue[]): string | null {
  let i = values.length - 1;
  while (i >= 0 && (values[i] === null || values[i] === undefined || String(values[i]).trim() === "")) i--;
  const last = i >= 0 ? numbering(values[i]) : null;
  if (!last) return null;
  const alike = values.map(numbering).filter((n): n is NonNullable<typeof n> => n !== null && n.shape === last.shape);
  const distinct = last.runs.map((_, k) => new Set(alike.map((n) => BigInt(n.runs[k]))).size);
  let counter = -1;
  for (let k = 0; k < last.runs.length; k++) if (counter < 0 || distinct[k] >= distinct[counter]) counter = k;
  if (distinct[counter] === 1) {
    const padded = last.runs.map((r, k) => (r.length > 1 && r[0] === "0" ? k : -1)).filter((k) => k >= 0);
    counter = padded.length ? padded[padded.length - 1] : last.runs.length - 1;
  }
  // The same series: every other run as in the last value (INV-2026-… is not INV-2025-…).
  const same = alike.filter((n) => n.runs.every((r, k) => k === counter || BigInt(r) === BigInt(last.runs[k])));
  // BigInt: an account-style number of 18 digits is past what a double holds exactly.
  let max = BigInt(last.runs[counter]);
  let width = last.runs[counter].length;
  for (const n of same) {
    const x = BigInt(n.runs[counter]);
    if (x > max) [max, width] = [x, n.runs[counter].length];
  }
  const next = String(max + 1n).padStart(width, "0");
  let k = -1;
  return last.text.replace(/\d+/g, (run) => (++k === counter ? next : run));
}

/** Whether the entry form proposes the next number for this field: unique text, as invoice numbers and IDs are. */
export function isNumbered(def: FieldDef): boolean {
  return def.type === "text" && !!def.unique;
}

/**
 * The distinct values of one column, in the spelling of the latest row that has them, sorted as a person
 * looks them up (case-insensitive, numbers in number order). distinctValues([["Acme"], ["acme "], ["Beta"]], 0)
 * is ["acme", "Beta"]
 */
export function distinctValues(rows: readonly (readonly CellValue[])[], index: number): string[] {
  const seen = new Map<string, string>();
  for (const row of rows) {
    const v = row[index];
    const k = recallKey(v);
    if (k !== null) seen.set(k, String(v).trim());
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base", numeric: true }));
}

/** The values a follows rule fills, by field key, as a row holds them. */
export type Followed = Record<string, CellValue>;

/**
 * For each follows rule of the schema (by its `from` key): the fill fields of the last row for each value
 * of the `from` field, keyed by recallKey. Fields the table has no column for are left out.
 */
export function lastRowsBy(
  schema: TableSchema,
  bound: readonly BoundField[],
  rows: readonly (readonly CellValue[])[],
): Map<string, Map<string, Followed>> {
  const out = new Map<string, Map<string, Followed>>();
  const at = new Map(bound.filter((b) => b.index >= 0).map((b) => [b.def.key, b.index]));
  for (const rule of schema.follows ?? []) {
    const from = at.get(rule.from);
    if (from === undefined) continue;
    const fill = rule.fill.filter((k) => at.has(k));
    const byKey = out.get(rule.from) ?? new Map<string, Followed>();
    for (const row of rows) {
      const k = recallKey(row[from]);
      if (k === null) continue;
      const rec: Followed = byKey.get(k) ?? {};
      for (const f of fill) rec[f] = row[at.get(f)!] ?? null;
      byKey.set(k, rec);
    }
    out.set(rule.from, byKey);
  }
  return out;
}

/** What a table recalls for the entry form (see recallTable). */
export interface TableRecall {
  /** Per suggest field key: the values already in its column (distinctValues). */
  choices: Map<string, string[]>;
  /** Per follows `from` key: the last row's fill values per key value (lastRowsBy). */
  last: Map<string, Map<string, Followed>>;
  /** Per numbered field key (isNumbered): the next number, or null when the column has no numbering. */
  next: Map<string, string | null>;
  /** Per numbered field key: the column's values, so the next number can follow each entry. */
  numbers: Map<string, CellValue[]>;
}

/** Everything the entry form recalls from a table's rows. */
export function recallTable(
  schema: TableSchema,
  bound: readonly BoundField[],
  rows: readonly (readonly CellValue[])[],
): TableRecall {
  const choices = new Map<string, string[]>();
  const numbers = new Map<string, CellValue[]>();
  for (const b of bound) {
    if (b.index < 0) continue;
    if (b.def.suggest) choices.set(b.def.key, distinctValues(rows, b.index));
    if (isNumbered(b.def))
      numbers.set(
        b.def.key,
        rows.map((r) => r[b.index] ?? null),
      );
  }
  const next = new Map([...numbers].map(([k, vs]) => [k, nextNumber(vs)]));
  return { choices, last: lastRowsBy(schema, bound, rows), next, numbers };
}

/** The recall once `row` (in the table's column order) has been appended: what reading the table again would give. */
export function recallWith(
  recall: TableRecall,
  schema: TableSchema,
  bound: readonly BoundField[],
  row: readonly CellValue[],
): TableRecall {
  const choices = new Map(recall.choices);
  const numbers = new Map(recall.numbers);
  for (const b of bound) {
    if (b.index < 0) continue;
    const v = row[b.index] ?? null;
    const list = choices.get(b.def.key);
    const k = recallKey(v);
    if (list && k !== null)
      choices.set(
        b.def.key,
        [...list.filter((x) => recallKey(x) !== k), String(v).trim()].sort((a, c) =>
          a.localeCompare(c, "en", { sensitivity: "base", numeric: true }),
        ),
      );
    const vs = numbers.get(b.def.key);
    if (vs) numbers.set(b.def.key, [...vs, v]);
  }
  const last = new Map(recall.last);
  for (const [from, byKey] of lastRowsBy(schema, bound, [row]))
    last.set(from, new Map([...(recall.last.get(from) ?? []), ...byKey]));
  const next = new Map([...numbers].map(([k, vs]) => [k, nextNumber(vs)]));
  return { choices, last, next, numbers };
}
