/**
 * Batch validation of a table against a schema, header detection, and the one-record check the
 * entry form uses. Both run the same precompiled per-field checkers (./fields.ts).
 */
import type { CellValue } from "../sheet-spec";
import { isBlankRow, normHeader, type TableData } from "../table";
import {
  compileField,
  crossIssue,
  fieldMap,
  shown,
  type CheckOptions,
  type Checked,
  type FieldChecker,
  type FieldDef,
  type Issue,
  type TableSchema,
} from "./fields";
import { BUILT_IN_SCHEMAS } from "./schemas";

/** One thing to fix, at a worksheet cell. */
export interface Finding {
  sheet: string;
  /** Worksheet row number (TableData.firstRow + i; the header row for a missing column). */
  row: number;
  column: string;
  value: CellValue;
  message: string;
  rule: string;
  /** Worksheet column number (1 = A) of the cell, for highlighting; absent for a missing column. */
  col?: number;
}

export interface ValidationResult {
  /** Non-blank data rows checked. */
  rows: number;
  /** Rows with no finding. */
  valid: number;
  invalid: Finding[];
}

/** A schema bound to a table's headers: which column each field is in, with its compiled checker. */
export interface BoundField {
  def: FieldDef;
  /** Index into the table's headers, or -1 when the column is absent. */
  index: number;
  check: FieldChecker;
}

/** Bind a schema to headers: find each field's column by its name and synonyms. */
export function bindSchema(schema: TableSchema, headers: readonly string[], options: CheckOptions = {}): BoundField[] {
  const opts = { dateOrder: options.dateOrder ?? schema.dateOrder, showDates: options.showDates };
  const normed = headers.map(normHeader);
  const taken = new Set<number>();
  // Canonical names first, then synonyms for the rest, each column used once
  // (Invoices: "Invoice Date" is the invoice date even when a "Date" synonym could match something else).
  const index = schema.fields.map((def) => {
    const i = normed.indexOf(normHeader(def.column));
    if (i >= 0 && !taken.has(i)) {
      taken.add(i);
      return i;
    }
    return -1;
  });
  schema.fields.forEach((def, k) => {
    if (index[k] >= 0) return;
    for (const syn of def.synonyms ?? []) {
      const i = normed.indexOf(normHeader(syn));
      if (i >= 0 && !taken.has(i)) {
        taken.add(i);
        index[k] = i;
        return;
      }
    }
  });
  return schema.fields.map((def, k) => ({ def, index: index[k], check: compileField(def, opts) }));
}

/**
 * Pick the built-in schema whose columns these headers are: every required column present, most
 * columns matched; null when none fits. detectSchema(["Invoice No","Customer","Invoice Date","Due Date","Amount","Paid"]) is invoices.
 */
export function detectSchema(
  headers: readonly string[],
  schemas: readonly TableSchema[] = Object.values(BUILT_IN_SCHEMAS),
): TableSchema | null {
  let best: TableSchema | null = null;
  let bestScore = 0;
  for (const s of schemas) {
    const bound = bindSchema(s, headers);
    if (bound.some((b) => b.def.required && b.index < 0)) continue;
    const score = bound.filter((b) => b.index >= 0).length / s.fields.length;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** Text of a value for uniqueness: trimmed, case-insensitive. */
function uniqueKey(v: CellValue): string {
  return String(v).trim().toLowerCase();
}

/**
 * Check every non-blank row of a table. Findings name the worksheet row and column and say what to fix.
 * A required column that is missing is one finding on the header row, and then no row is valid.
 */
export function validateTable(table: TableData, schema: TableSchema, options: CheckOptions = {}): ValidationResult {
  const bound = bindSchema(schema, table.headers, options);
  if (!bound.some((b) => b.index >= 0))
    throw new SchemaMismatchError(
      `${table.name} has none of the ${schema.title} columns (${schema.fields.map((f) => f.column).join(", ")}); ` +
        `check the schema or the header row`,
    );
  const sheet = table.sheet || table.name;
  const invalid: Finding[] = [];
  const missingRequired = bound.filter((b) => b.index < 0 && b.def.required);
  for (const b of missingRequired)
    invalid.push({
      sheet,
      row: table.firstRow - 1,
      column: b.def.column,
      value: null,
      message: `The required column "${b.def.column}" is missing — add a column with that header`,
      rule: "missing-column",
    });
  // "Due Date or Terms", "Withdrawal or Deposit": a table with none of those columns cannot satisfy the rule.
  for (const r of schema.rules ?? []) {
    if (r.type !== "atLeastOne" && r.type !== "exactlyOne") continue;
    if (r.fields.some((k) => bound.some((b) => b.def.key === k && b.index >= 0))) continue;
    const cols = r.fields.map((k) => bound.find((b) => b.def.key === k)?.def.column ?? k);
    missingRequired.push(bound.find((b) => b.def.key === r.fields[0])!);
    invalid.push({
      sheet,
      row: table.firstRow - 1,
      column: cols[0],
      value: null,
      message: `The table needs a ${cols.join(" or ")} column — add one of them`,
      rule: "missing-column",
    });
  }
  const present = bound.filter((b) => b.index >= 0);
  const fields = fieldMap(schema);
  const rules = (schema.rules ?? []).filter((r) =>
    (r.type === "notBefore" || r.type === "notMore" ? [r.field, r.other] : r.fields).some((k) =>
      present.some((b) => b.def.key === k),
    ),
  );
  const keyPos = new Map(present.map((b, j) => [b.def.key, j]));
  const firstCol = table.firstColumn;
  const seen = present.map((b) => (b.def.unique ? new Map<string, number>() : null));
  const checked: (Checked | undefined)[] = new Array(present.length);
  const get = (k: string) => {
    const j = keyPos.get(k);
    return j === undefined ? undefined : checked[j];
  };
  let rows = 0;
  let valid = 0;
  for (let i = 0; i < table.rows.length; i++) {
    const row = table.rows[i];
    if (isBlankRow(row)) continue;
    rows++;
    const rowNo = table.firstRow + i;
    const before = invalid.length;
    for (let j = 0; j < present.length; j++) {
      const b = present[j];
      const v = row[b.index] ?? null;
      const c = b.check(v);
      checked[j] = c;
      if (!c.ok) {
        invalid.push({
          sheet,
          row: rowNo,
          column: b.def.column,
          value: v,
          message: c.issue.message,
          rule: c.issue.rule,
          col: firstCol + b.index,
        });
        continue;
      }
      const s = seen[j];
      if (s && c.value !== null) {
        const k = uniqueKey(c.value);
        const first = s.get(k);
        if (first === undefined) s.set(k, rowNo);
        else
          invalid.push({
            sheet,
            row: rowNo,
            column: b.def.column,
            value: v,
            message: `${b.def.column} ${shown(c.value)} is already used on row ${first} — each row needs its own ${b.def.column}`,
            rule: "unique",
            col: firstCol + b.index,
          });
      }
    }
    for (const rule of rules) {
      const issue = crossIssue(rule, fields, get, options.showDates);
      if (issue) {
        const key = rule.type === "notBefore" || rule.type === "notMore" ? rule.field : rule.fields[0];
        const b =
          present[keyPos.get(key) ?? -1] ??
          present.find((p) => rule.type !== "notBefore" && rule.type !== "notMore" && rule.fields.includes(p.def.key))!;
        invalid.push({
          sheet,
          row: rowNo,
          column: b.def.column,
          value: row[b.index] ?? null,
          message: issue.message,
          rule: issue.rule,
          col: firstCol + b.index,
        });
      }
    }
    if (invalid.length === before && missingRequired.length === 0) valid++;
  }
  return { rows, valid, invalid };
}

/** The table's columns do not fit the schema at all (a wrong --schema): the caller reports it as bad input. */
export class SchemaMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaMismatchError";
  }
}

/** The outcome of checking one record as keyed in the entry form. */
export interface RecordCheck {
  /** Values to write, in schema field order (by key). */
  values: Record<string, CellValue>;
  /** Issues by field key (the first one per field); cross-field issues go to the first field they name. */
  issues: Record<string, Issue>;
  ok: boolean;
}

/**
 * Check one record keyed in the form: raw text per field key. `existing` holds, per unique field key,
 * the values already in the table (lower-cased, trimmed), so a duplicate is caught before it is written.
 * Messages show dates in the order the user types them (options.showDates, else the date order).
 */
export function checkRecord(
  schema: TableSchema,
  raw: Readonly<Record<string, CellValue>>,
  options: CheckOptions & { existing?: ReadonlyMap<string, ReadonlySet<string>> } = {},
): RecordCheck {
  const dateOrder = options.dateOrder ?? schema.dateOrder;
  const opts = { dateOrder, showDates: options.showDates ?? dateOrder ?? "DMY" };
  const values: Record<string, CellValue> = {};
  const issues: Record<string, Issue> = {};
  const results = new Map<string, Checked>();
  for (const f of schema.fields) {
    const c = compileField(f, opts)(raw[f.key] ?? null);
    results.set(f.key, c);
    if (!c.ok) issues[f.key] = c.issue;
    else {
      values[f.key] = c.value;
      const taken = options.existing?.get(f.key);
      if (f.unique && c.value !== null && taken?.has(uniqueKey(c.value)))
        issues[f.key] = {
          message: `${f.column} ${shown(c.value)} is already in the table — each row needs its own ${f.column}`,
          rule: "unique",
        };
    }
  }
  const fields = fieldMap(schema);
  for (const rule of schema.rules ?? []) {
    const issue = crossIssue(rule, fields, (k) => results.get(k), opts.showDates);
    const key = rule.type === "notBefore" || rule.type === "notMore" ? rule.field : rule.fields[0];
    if (issue && !issues[key]) issues[key] = issue;
  }
  return { values, issues, ok: Object.keys(issues).length === 0 };
}
