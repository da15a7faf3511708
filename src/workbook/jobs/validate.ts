/**
 * Data Quality over the Workbook port: find the tables a built-in schema recognises, check every row,
 * highlight the invalid cells (removably), and write the "Data Quality" sheet. Used by the taskpane's
 * Validate section, the ribbon's Data Quality command and the demo.
 */
import type { TableData } from "../../core/table";
import {
  BUILT_IN_SCHEMAS,
  SchemaDefinitionError,
  detectSchema,
  schemaFromRows,
  validateTable,
  type CheckOptions,
  type Finding,
  type TableSchema,
  type ValidationResult,
} from "../../core/validation";
import { buildQualityReport, type QualitySource } from "../../core/reports/quality";
import { recogniseStatement, shapeOfSchema, statementShapeView } from "../../core/recon";
import { cellAddress } from "../a1";
import type { SheetSpec, TableInfo, Workbook } from "../port";

// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const ANY_CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const ANY_CONTROL_G = /[\u0000-\u001f\u007f]/g;

/** Tag of the validation highlights (Workbook.highlight / clearHighlights). */
export const VALIDATE_TAG = "bpo-validate";
/** Cells highlighted per table at most; the Data Quality sheet lists every finding anyway. */
export const MAX_HIGHLIGHTS = 10_000;

export interface TableCheck {
  /** The table's name as the Workbook port reads it (Excel table name or sheet name). */
  source: string;
  table: TableData;
  schema: TableSchema;
  result: ValidationResult;
}

export interface Candidate {
  info: TableInfo;
  schema: TableSchema;
}

/** Name of the sheet where a user defines their own schema (columns: column, type, required, min, max, pattern, list). */
export const SCHEMA_SHEET = "Schema";

/**
 * The schemas this workbook's tables are checked against: a custom one from a "Schema" sheet (when the
 * workbook has one) first, then the built-in ones. A Schema sheet that cannot be used is reported in `error`.
 */
export async function workbookSchemas(wb: Workbook): Promise<{ schemas: TableSchema[]; error: string | null }> {
  const builtIns: TableSchema[] = Object.values(BUILT_IN_SCHEMAS);
  const sheet = (await wb.sheets()).find((s) => s.name.toLowerCase() === SCHEMA_SHEET.toLowerCase() && s.role === null);
  if (!sheet) return { schemas: builtIns, error: null };
  try {
    const t = await wb.read(sheet.name);
    const custom = schemaFromRows(t.headers, t.rows, `The "${sheet.name}" sheet`, t.firstRow);
    return { schemas: [{ ...custom, name: "schema-sheet", title: "Schema sheet" }, ...builtIns], error: null };
  } catch (e) {
    if (e instanceof SchemaDefinitionError || e instanceof Error) return { schemas: builtIns, error: e.message };
    throw e;
  }
}

/**
 * The user's tables a built-in schema recognises by their headers. Sheets the add-in wrote (reports,
 * reconciliation output, the Entry Log) are skipped; the sample workbook's input sheets are the user's.
 * A sheet holding an Excel table is offered once, as the table.
 */
export async function recognisedTables(wb: Workbook, schemas?: readonly TableSchema[]): Promise<Candidate[]> {
  const [sheets, tables] = await Promise.all([wb.sheets(), wb.tables()]);
  const roleOf = new Map(sheets.map((s) => [s.name.toLowerCase(), s.role]));
  const withTable = new Set(tables.filter((t) => t.kind === "table").map((t) => t.sheet.toLowerCase()));
  const out: Candidate[] = [];
  for (const info of tables) {
    const role = roleOf.get(info.sheet.toLowerCase()) ?? null;
    if (role !== null && !role.startsWith("sample:")) continue;
    if (info.sheet.toLowerCase() === SCHEMA_SHEET.toLowerCase()) continue;
    if (info.kind === "range" && withTable.has(info.sheet.toLowerCase())) continue;
    let schema = detectSchema(info.headers, schemas);
    if (!schema) {
      // Headers no schema names, but the statement detector (the one reconcile uses) reads a statement or
      // ledger with a date, an amount and at least two of reference, description and balance.
      const r = recogniseStatement(info.headers, info.name);
      if (r && r.score >= 5) schema = r.kind === "bank" ? BUILT_IN_SCHEMAS.bank : BUILT_IN_SCHEMAS.ledger;
    }
    if (schema) out.push({ info, schema });
  }
  return out;
}

/** Read and check the given tables (each with its schema). */
export async function checkTables(
  wb: Workbook,
  targets: readonly { source: string; schema: TableSchema }[],
  options: CheckOptions = {},
): Promise<TableCheck[]> {
  const out: TableCheck[] = [];
  for (const t of targets) {
    const table = await wb.read(t.source);
    // Bank statements and ledgers are read as reconcile reads them (rows that are not transactions left
    // out, columns by synonym and suffix, dates in the order the column proves).
    const shape = shapeOfSchema(t.schema);
    const view = shape
      ? statementShapeView(table, shape, t.schema, options.dateOrder ? { dateOrder: options.dateOrder } : {})
      : null;
    const schema = view?.schema ?? t.schema;
    out.push({ source: t.source, table, schema, result: validateTable(view?.table ?? table, schema, options) });
  }
  return out;
}

/** Worksheet addresses ("C5") of the invalid cells of one check, at most MAX_HIGHLIGHTS. */
export function invalidCells(check: TableCheck): string[] {
  const cells = new Set<string>();
  for (const f of check.result.invalid) {
    if (f.col === undefined) continue;
    cells.add(cellAddress(f.row, f.col));
    if (cells.size >= MAX_HIGHLIGHTS) break;
  }
  return [...cells];
}

/** Replace the validation highlights of each checked table with its current invalid cells. */
export async function highlightFindings(wb: Workbook, checks: readonly TableCheck[]): Promise<number> {
  let n = 0;
  for (const c of checks) {
    await wb.clearHighlights(c.source, VALIDATE_TAG);
    const cells = invalidCells(c);
    if (cells.length) await wb.highlight(c.source, cells, VALIDATE_TAG);
    n += cells.length;
  }
  return n;
}

/** Remove the validation highlights from these tables. */
export async function clearFindings(wb: Workbook, sources: readonly string[]): Promise<void> {
  for (const s of sources) await wb.clearHighlights(s, VALIDATE_TAG);
}

/** The per-table lines of the Data Quality sheet (name, sheet, schema, rows, valid) for these checks. */
export function qualitySources(checks: readonly TableCheck[]): QualitySource[] {
  return checks.map((c) => ({
    name: c.source,
    sheet: c.table.sheet || c.table.name,
    schema: c.schema.title,
    rows: c.result.rows,
    valid: c.result.valid,
  }));
}

/**
 * The Data Quality sheet for these checks. Values go on one line: a control character that made a cell
 * invalid must not break the report's cell.
 */
export function qualitySpec(checks: readonly TableCheck[], asOf: number): SheetSpec {
  const findings: Finding[] = checks.flatMap((c) =>
    c.result.invalid.map((f) =>
      typeof f.value === "string" && ANY_CONTROL.test(f.value)
        ? { ...f, value: f.value.replace(ANY_CONTROL_G, " ") }
        : f,
    ),
  );
  return buildQualityReport({ asOf, sources: qualitySources(checks), findings });
}

/** Write the Data Quality sheet for these checks; returns its name. */
export async function writeQualitySheet(
  wb: Workbook,
  checks: readonly TableCheck[],
  asOf: number,
  activate = false,
): Promise<string> {
  const spec = qualitySpec(checks, asOf);
  await wb.write(spec, { activate });
  return spec.name;
}

/** One line per check for a console or a message bar: "Invoices (Invoices): 300 rows, 298 valid, 3 issues". */
export function summaryLine(c: TableCheck): string {
  const issues = c.result.invalid.length;
  return `${c.source} (${c.schema.title}): ${c.result.rows} rows, ${c.result.valid} valid, ${issues} issue${issues === 1 ? "" : "s"}`;
}

/**
 * Check every table of the workbook that a schema recognises (the "Schema" sheet's first, then the
 * built-in ones): what the ribbon's Data Quality report and the demo check.
 */
export async function checkWorkbook(wb: Workbook, options: CheckOptions = {}): Promise<TableCheck[]> {
  const { schemas } = await workbookSchemas(wb);
  const found = await recognisedTables(wb, schemas);
  return checkTables(
    wb,
    found.map((c) => ({ source: c.info.name, schema: c.schema })),
    options,
  );
}
