/**
 * Reading a report's source tables: columns found by header (canonical names and synonyms of the
 * built-in schemas in ../validation, so a column means the same to the validator and to a report),
 * blank rows skipped, extra columns ignored, and every unreadable cell reported with its worksheet
 * row instead of being read as 0.
 */
import type { CellValue } from "../sheet-spec";
import { isBlankRow, type TableData } from "../table";
import { parseAmount } from "../money";
import { parseDate } from "../dates";
import { bindSchema, type Finding } from "../validation/validate";
import type { TableSchema } from "../validation/fields";

/** A cell a report could not use: a validation Finding (without the highlight column), so the quality report can list it. */
export type ReportIssue = Omit<Finding, "col">;

/** A required input is missing or lacks columns; the message names what was looked for. */
export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportInputError";
  }
}

/** "Amount (or Invoice Amount, Total)": a column as a message names it. */
export function headerWithSynonyms(schema: TableSchema, key: string): string {
  const f = schema.fields.find((x) => x.key === key);
  if (!f) return key;
  const syn = (f.synonyms ?? []).slice(0, 3);
  return syn.length ? `${f.column} (or ${syn.join(", ")})` : f.column;
}

/** The headers a report needs from a table, for "looked for" messages: "Invoice No, Customer, ...". */
export function neededHeaders(schema: TableSchema, keys: readonly string[]): string {
  return keys.map((k) => schema.fields.find((f) => f.key === k)?.column ?? k).join(", ");
}

/** One data row being read: its worksheet row number and cell reader. */
export interface SourceRow {
  index: number;
  rowNo: number;
  raw: readonly CellValue[];
}

/**
 * A source table bound to a schema's columns. Readers return the value, `null` for a blank cell,
 * or `undefined` when the cell is unreadable (an issue has then been recorded).
 */
export class SourceTable {
  readonly sheet: string;
  readonly issues: ReportIssue[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly table: TableData,
    readonly schema: TableSchema,
    required: readonly string[],
  ) {
    this.sheet = table.sheet || table.name;
    for (const b of bindSchema(schema, table.headers)) if (b.index >= 0) this.index.set(b.def.key, b.index);
    const missing = required.filter((k) => !this.index.has(k));
    if (missing.length)
      throw new ReportInputError(
        `${table.name} lacks the column${missing.length > 1 ? "s" : ""} ${missing
          .map((k) => headerWithSynonyms(schema, k))
          .join(", ")}; the ${schema.title} table needs ${neededHeaders(schema, required)}`,
      );
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  column(key: string): string {
    return this.schema.fields.find((f) => f.key === key)?.column ?? key;
  }

  /** Non-blank rows, in worksheet order. */
  *rows(): Generator<SourceRow> {
    const t = this.table;
    for (let i = 0; i < t.rows.length; i++) {
      const raw = t.rows[i];
      if (isBlankRow(raw)) continue;
      yield { index: i, rowNo: t.firstRow + i, raw };
    }
  }

  /** Count of non-blank rows. */
  get rowCount(): number {
    let n = 0;
    for (const r of this.table.rows) if (!isBlankRow(r)) n++;
    return n;
  }

  cell(r: SourceRow, key: string): CellValue {
    const i = this.index.get(key);
    return i === undefined ? null : (r.raw[i] ?? null);
  }

  report(r: SourceRow, key: string, message: string, rule = "type"): undefined {
    this.issues.push({
      sheet: this.sheet,
      row: r.rowNo,
      column: this.column(key),
      value: this.cell(r, key),
      message,
      rule,
    });
    return undefined;
  }

  /** Amount in paise; text that is not an amount is reported (never read as 0). */
  money(r: SourceRow, key: string, required = false): number | null | undefined {
    const v = this.cell(r, key);
    const p = parseAmount(v);
    if (p.ok) return p.cents;
    if (p.empty) return required ? this.report(r, key, `${this.column(key)} is blank — fill it in`, "required") : null;
    return this.report(r, key, `${this.column(key)} ${p.message}`);
  }

  /** A plain number (days, hours); text that is not a number is reported. */
  number(r: SourceRow, key: string, required = false): number | null | undefined {
    const v = this.cell(r, key);
    if (v === null || (typeof v === "string" && v.trim() === ""))
      return required ? this.report(r, key, `${this.column(key)} is blank — fill it in`, "required") : null;
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "string") {
      const t = v.trim().replace(/,(?=\d{3}\b)/g, "");
      if (/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(t)) return Number(t);
    }
    return this.report(r, key, `${this.column(key)} "${String(v)}" is not a number`);
  }

  /** A date or timestamp serial. */
  date(r: SourceRow, key: string, required = false): number | null | undefined {
    const v = this.cell(r, key);
    if (typeof v === "boolean") return this.report(r, key, `${this.column(key)}: expected a date, got ${v}`);
    const p = parseDate(v);
    if (p.ok) return p.serial;
    if (p.empty) return required ? this.report(r, key, `${this.column(key)} is blank — fill it in`, "required") : null;
    return this.report(r, key, `${this.column(key)} ${p.message}`);
  }

  /** Trimmed text ("" for blank). Numbers are shown as text (an employee ID typed as 1001). */
  text(r: SourceRow, key: string): string {
    const v = this.cell(r, key);
    if (v === null) return "";
    return String(v).trim();
  }
}

/**
 * A short note for the report sheet about the rows it could not use, with up to three examples.
 * issuesNote([...]) === 'Invoices: 2 cells could not be read and their rows were left out of the totals, e.g. row 7 Amount "abc" is not an amount ...'
 */
export function issuesNote(issues: readonly ReportIssue[], what = "left out of the totals"): string[] {
  if (!issues.length) return [];
  const bySheet = new Map<string, ReportIssue[]>();
  for (const i of issues) bySheet.set(i.sheet, [...(bySheet.get(i.sheet) ?? []), i]);
  const out: string[] = [];
  for (const [sheet, list] of bySheet) {
    const rows = new Set(list.map((i) => i.row)).size;
    const eg = list
      .slice(0, 3)
      .map((i) => `row ${i.row}: ${i.message}`)
      .join("; ");
    out.push(
      `${sheet}: ${rows} row${rows === 1 ? "" : "s"} ${what} because a cell could not be read (${eg}${
        list.length > 3 ? `; ${list.length - 3} more` : ""
      }). Fix them in ${sheet}; the Data Quality report lists them all.`,
    );
  }
  return out;
}
