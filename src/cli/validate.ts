/**
 * `bpo-desk validate SOURCE --schema NAME|schema.json [--out FILE.xlsx] [--json] [--date-order DMY|MDY]`
 * (shared/spec/cli.md). Checks every row of SOURCE against a built-in schema (invoices, payments,
 * employees, attendance, bank, ledger, workitems) or a JSON schema file (format: src/core/validation/custom.ts).
 * Without --schema the schema is detected from the headers.
 *
 * Exit codes: 0 when the check ran, whether or not rows are invalid (invalid rows are the result, not a
 * failure: scripts read "invalid" from --json); 2 on bad usage, an unknown schema, an unreadable SOURCE
 * or schema file, or a SOURCE whose columns do not fit the schema at all.
 * --out (default out/validate.xlsx unless --json) writes a copy of the SOURCE's workbook with the invalid
 * cells highlighted and a "Data Quality" sheet; the SOURCE itself is never modified.
 */
import * as path from "node:path";
import type { CliIo } from "./io";
import { UsageError, jsonText } from "./io";
import { parseCommandArgs } from "./args";
import { checkOutIsNoInput, outPath, readArgFile, saveCopy, shownPath } from "./files";
import { serialFromIso } from "../core/dates";
import {
  BUILT_IN_SCHEMAS,
  SchemaDefinitionError,
  SchemaMismatchError,
  builtInSchema,
  detectSchema,
  schemaFromJson,
  validateTable,
  type TableSchema,
} from "../core/validation";
import { openWorkbookFile, parseSource, readSource } from "../workbook/file-io";
import { highlightFindings, writeQualitySheet, type TableCheck } from "../workbook/jobs/validate";
import { recogniseStatement, rowRanges, shapeOfSchema, statementShapeView, type RowIssue } from "../core/recon";

const NAMES = Object.keys(BUILT_IN_SCHEMAS).join(", ");

async function loadSchema(arg: string, cwd: string): Promise<TableSchema> {
  const named = builtInSchema(arg);
  if (named && !/\.json$/i.test(arg)) return named;
  if (!/\.json$/i.test(arg))
    throw new UsageError(`unknown schema "${arg}". Use one of ${NAMES}, or a schema file ending in .json.`);
  const text = await readArgFile(arg, cwd, "schema file");
  try {
    return schemaFromJson(text, arg, path.basename(arg, path.extname(arg)));
  } catch (e) {
    if (e instanceof SchemaDefinitionError)
      throw new UsageError(`${e.message.replace(/:\n\s*/, ": ").replace(/\n\s*/g, "; ")}`);
    throw e;
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs("validate", args, ["schema", "out", "date-order"], ["json"]);
  if (positionals.length !== 1)
    throw new UsageError(
      `give exactly one SOURCE (book.xlsx, book.xlsx#Sheet or file.csv), got ${positionals.length}. Usage: bpo-desk validate SOURCE --schema NAME|schema.json [--out FILE.xlsx] [--json]`,
    );
  const source = positionals[0];
  const order = values["date-order"] as string | undefined;
  if (order !== undefined && order !== "DMY" && order !== "MDY")
    throw new UsageError(`--date-order takes DMY (31/03/2025) or MDY (03/31/2025), got "${order}"`);
  const schemaArg = values.schema as string | undefined;
  const explicit = schemaArg !== undefined ? await loadSchema(schemaArg, io.cwd) : null;
  const source_ = await readSource(source, io.cwd);
  // Without --schema: the headers name the schema, else the statement detector (the one reconcile uses)
  // may recognise a bank statement or a ledger.
  let schema = explicit ?? detectSchema(source_.headers);
  if (!schema) {
    const r = recogniseStatement(source_.headers, source_.name);
    if (r) schema = r.kind === "bank" ? BUILT_IN_SCHEMAS.bank : BUILT_IN_SCHEMAS.ledger;
  }
  if (!schema)
    throw new UsageError(
      `could not tell what ${source} holds from its headers (${source_.headers.join(", ")}); give --schema ${NAMES.replace(/, /g, "|")} or a schema.json`,
    );
  // Bank and Ledger are read as reconcile reads them: non-transaction rows left out, columns by synonym
  // and suffix, dates in the order the column proves (unless --date-order says otherwise).
  const shape = shapeOfSchema(schema);
  const view =
    shape && explicit?.name !== "schema-file"
      ? statementShapeView(source_, shape, schema, order ? { dateOrder: order as "DMY" | "MDY" } : {})
      : null;
  const table = view?.table ?? source_;
  if (view) schema = view.schema;
  const excluded: RowIssue[] = view?.excluded ?? [];
  const warnings: RowIssue[] = view?.warnings ?? [];
  const options = order ? { dateOrder: order as "DMY" | "MDY" } : {};
  let result;
  try {
    result = validateTable(table, schema, options);
  } catch (e) {
    if (e instanceof SchemaMismatchError) throw new UsageError(`${source}: ${e.message}`);
    throw e;
  }
  const json = values.json === true;
  const outArg = values.out as string | undefined;
  let written: string | null = null;
  const out = outPath(outArg, json, io.cwd, /\.xlsm(#|$)/i.test(source) ? "out/validate.xlsm" : "out/validate.xlsx");
  if (out) {
    const { file } = parseSource(source);
    const inputs = [source, ...(schemaArg !== undefined && /\.json$/i.test(schemaArg) ? [schemaArg] : [])];
    await checkOutIsNoInput(out, outArg ?? "out/validate.xlsx", inputs, io.cwd);
    const wb = await openWorkbookFile(path.resolve(io.cwd, file));
    const check: TableCheck = { source: source_.name, table, schema, result };
    await highlightFindings(wb, [check]);
    await writeQualitySheet(wb, [check], serialFromIso(io.today()) ?? 0, true);
    await saveCopy(io, wb, file, out);
    written = shownPath(io.cwd, out);
  }
  if (json) {
    io.out(
      jsonText({
        rows: result.rows,
        valid: result.valid,
        invalid: result.invalid.map((f) => ({ row: f.row, column: f.column, value: f.value, message: f.message })),
        ...(view
          ? {
              excluded: excluded.map((e) => ({ row: e.row, reason: e.reason ?? e.message })),
              warnings: warnings.map((w) => ({ row: w.row, column: w.column, message: w.message })),
            }
          : {}),
      }),
    );
    for (const line of statementLines(source, excluded, warnings)) io.err(`bpo-desk validate: ${line}`);
    return 0;
  }
  for (const line of statementLines(source, excluded, warnings)) io.err(`bpo-desk validate: ${line}`);
  const n = result.invalid.length;
  const lines = [
    `${source} checked as ${schema.title}: ${result.rows} rows, ${result.valid} valid, ${result.rows - result.valid} with issues (${n} issue${n === 1 ? "" : "s"}).`,
  ];
  for (const f of result.invalid.slice(0, 20)) lines.push(`  row ${f.row}, ${f.column}: ${f.message}`);
  if (n > 20) lines.push(`  ... and ${n - 20} more (see the Data Quality sheet)`);
  if (written) lines.push(`Wrote ${written} (invalid cells highlighted, Data Quality sheet).`);
  io.out(lines.join("\n"));
  return 0;
}

/** Rows left out (one line, by reason) and each warning (at most 10, then a count), for stderr. */
function statementLines(source: string, excluded: readonly RowIssue[], warnings: readonly RowIssue[]): string[] {
  const lines: string[] = [];
  if (excluded.length) {
    const by = new Map<string, number[]>();
    for (const e of excluded) by.set(e.reason ?? e.message, [...(by.get(e.reason ?? e.message) ?? []), e.row]);
    lines.push(
      `${source}: ${excluded.length} row${excluded.length === 1 ? "" : "s"} left out (not transactions): ${[...by]
        .map(([reason, rows]) => `${reason} (row${rows.length === 1 ? "" : "s"} ${rowRanges(rows)})`)
        .join(", ")}`,
    );
  }
  for (const w of warnings.slice(0, 10)) lines.push(`${source}${w.row ? ` row ${w.row}` : ""}: ${w.message}`);
  if (warnings.length > 10) lines.push(`... and ${warnings.length - 10} more warnings (see --json "warnings")`);
  return lines;
}
