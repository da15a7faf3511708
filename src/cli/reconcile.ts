/**
 * `bpo-desk reconcile LEFT RIGHT [--rules rules.json] [--out FILE.xlsx] [--json]` (shared/spec/cli.md).
 * Matches LEFT against RIGHT (each a SOURCE: book.xlsx, book.xlsx#SheetOrTable or file.csv), prints a short
 * summary (or the JSON document with --json), and writes Recon Summary / Recon Matched / Recon Unmatched to
 * --out (default out/reconcile.xlsx; nothing when --json is given without --out). The inputs are never
 * modified. Exit 2 with one line on stderr for bad usage or input.
 */
import * as path from "node:path";
import type { CliIo } from "./io";
import { UsageError, jsonText } from "./io";
import { parseCommandArgs } from "./args";
import { checkOutIsNoInput, outPath, readArgFile, shownPath } from "./files";
import {
  RulesError,
  ReconInputError,
  describeMapping,
  issueLines,
  parseRules,
  reconJson,
  reconJsonBytes,
  reconJsonText,
  reconSheets,
  reconcileTables,
  summaryCents,
  applyDecisions,
  prepareSide,
  reconcile,
  resolveRules,
  settleSides,
  sideOptions,
  type PreparedSide,
  type ReconResult,
  type ReconRules,
  type ReconRulesInput,
} from "../core/recon";
import type { TableData } from "../core/table";
import { csvColumnsTable } from "../workbook/read";
import { WorkbookError } from "../workbook/port";
import type { SideError, SideReply } from "./side-worker";
import { dropEarlySide, sideApart } from "./side-apart";
import { formatCents } from "../core/money";
import { readSource, saveWorkbookFile } from "../workbook/file-io";
import { FileWorkbook } from "../workbook/file";

const USAGE = "Usage: bpo-desk reconcile LEFT RIGHT [--rules rules.json] [--out FILE.xlsx] [--json]";

async function loadRules(arg: string, cwd: string): Promise<ReconRulesInput> {
  const text = await readArgFile(arg, cwd, "rules file");
  try {
    return parseRules(text, path.basename(arg));
  } catch (e) {
    if (e instanceof RulesError) throw new UsageError(e.message.replace(/\s*\n\s*/g, " "));
    throw e;
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  try {
    return await reconcileCommand(args, io);
  } finally {
    // A worker the dispatcher started for the right file, if this run did not take it over.
    dropEarlySide();
  }
}

async function reconcileCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs("reconcile", args, ["rules", "out"], ["json"]);
  if (positionals.length !== 2)
    throw new UsageError(
      `give two SOURCEs (book.xlsx, book.xlsx#Sheet or file.csv), got ${positionals.length}. ${USAGE}`,
    );
  const [leftArg, rightArg] = positionals;
  const rules = values.rules !== undefined ? await loadRules(values.rules as string, io.cwd) : {};
  const json = values.json === true;
  const outArg = values.out as string | undefined;
  const out = outPath(outArg, json, io.cwd, "out/reconcile.xlsx");
  if (out) {
    if (path.extname(out).toLowerCase() !== ".xlsx") throw new UsageError(`--out must be an .xlsx file, got ${outArg}`);
    const inputs = [leftArg, rightArg, ...(values.rules !== undefined ? [values.rules as string] : [])];
    await checkOutIsNoInput(out, outArg ?? "out/reconcile.xlsx", inputs, io.cwd);
  }
  const labels = { left: `LEFT ${leftArg}`, right: `RIGHT ${rightArg}` };
  let left: TableData;
  let result: ReconResult;
  try {
    // Rules that do not resolve take the path in process, which names the problem in its own order.
    const resolved = resolvedOrNull(rules);
    const apart = resolved
      ? sideApart(
          {
            source: rightArg,
            cwd: io.cwd,
            side: "right",
            columns: resolved.right,
            options: sideOptions(resolved, "right", labels.right),
          },
          leftArg,
        )
      : null;
    if (resolved && apart) {
      left = await readSource(leftArg, io.cwd);
      ({ left, result } = await withRightApart(left, apart, resolved, rules, labels.left));
    } else {
      const [l, right] = await Promise.all([readSource(leftArg, io.cwd), readSource(rightArg, io.cwd)]);
      left = l;
      result = reconcileTables(left, right, { rules, leftLabel: labels.left, rightLabel: labels.right });
    }
  } catch (e) {
    if (e instanceof ReconInputError || e instanceof RulesError) throw new UsageError(e.message);
    throw e;
  }
  // Rows left out and every warning reach stderr whatever the output (stdout stays the one JSON document).
  for (const line of issueLines(result, { left: leftArg, right: rightArg })) io.err(`bpo-desk reconcile: ${line}`);
  let written: string | null = null;
  if (out) {
    const wb = new FileWorkbook();
    for (const spec of reconSheets(result)) await wb.write(spec);
    await saveWorkbookFile(wb, out);
    written = shownPath(io.cwd, out);
  }
  if (json) {
    // The document's text straight from the engine's columns (printed as bytes, terminal-safe as made,
    // when the io can); through reconJson only to name a number JSON cannot carry.
    const bytes = io.outSafe ? reconJsonBytes(result) : null;
    if (bytes && io.outSafe) io.outSafe(bytes);
    else io.out(reconJsonText(result) ?? jsonText(reconJson(result)));
    return 0;
  }
  const s = summaryCents(result);
  const confirmed = result.matches.filter((m) => m.status === "confirmed").length;
  const byRule = new Map<string, number>();
  for (const m of result.matches) byRule.set(m.rule, (byRule.get(m.rule) ?? 0) + 1);
  const lines = [
    `LEFT  ${leftArg}: ${describeMapping(left, result.left.mapping)}`,
    `RIGHT ${rightArg}: ${describeMapping(result.right.table, result.right.mapping)}${result.rules.flipRight ? " (sign reversed)" : ""}`,
    `${result.matches.length} matches (${confirmed} confirmed, ${result.matches.length - confirmed} suggested; ` +
      `${[...byRule].map(([k, v]) => `${k} ${v}`).join(", ") || "none"}).`,
    `Matched ${s.matchedLeft} of ${s.left} left and ${s.matchedRight} of ${s.right} right items; ` +
      `unmatched ${formatCents(s.unmatchedLeftCents)} left, ${formatCents(s.unmatchedRightCents)} right.`,
  ];
  if (result.duplicates.length) lines.push(`${result.duplicates.length} duplicate reference+amount group(s) flagged.`);
  if (result.excluded.length)
    lines.push(
      `${result.excluded.length} row(s) left out of matching (not transactions or no usable amount), ${result.warnings.length} warning(s): see above.`,
    );
  else if (result.warnings.length) lines.push(`${result.warnings.length} warning(s): see above.`);
  if (written) lines.push(`Wrote ${written} (Recon Summary, Recon Matched, Recon Unmatched).`);
  io.out(lines.join("\n"));
  return 0;
}

function resolvedOrNull(input: ReconRulesInput): ReconRules | null {
  try {
    return resolveRules(input);
  } catch {
    return null;
  }
}

/** An error from the worker as the same kind of error it was there. */
function rethrown(e: SideError): Error {
  if (e.name === "WorkbookError") return new WorkbookError(e.message, e.code as WorkbookError["code"]);
  if (e.name === "ReconInputError") return new ReconInputError(e.message);
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {}, e.path ? { path: e.path } : {});
}

/**
 * reconcileTables(left, right) with the right side from the worker, exactly as in process: the errors
 * in the same order (a file that cannot be read before a side that cannot be reconciled, left first),
 * the right table made again from its columns, then the same settling and passes.
 */
async function withRightApart(
  left: TableData,
  apart: Promise<SideReply>,
  rules: ReconRules,
  input: ReconRulesInput,
  leftLabel: string,
): Promise<{ left: TableData; result: ReconResult }> {
  let L: PreparedSide | null = null;
  let leftError: unknown = null;
  try {
    L = prepareSide(left, "left", rules.left, sideOptions(rules, "left", leftLabel));
  } catch (e) {
    leftError = e;
  }
  const reply = await apart;
  if (!reply.ok && reply.error.stage === "read") throw rethrown(reply.error);
  if (leftError) throw leftError;
  if (!reply.ok) throw rethrown(reply.error);
  const table = reply.columns ? csvColumnsTable(reply.columns, reply.name) : reply.table;
  if (!table) throw new Error("the right side's table could not be made again");
  const s = reply.side;
  const R: PreparedSide = {
    side: s.side,
    name: s.name,
    table,
    mapping: s.mapping,
    n: s.n,
    rowIndex: s.rowIndex,
    row: s.row,
    cents: s.cents,
    day: s.day,
    ref: reply.ref.split(" "),
    keyStart: s.keyStart,
    keyHash: s.keyHash,
    keyStr: reply.keyCount ? reply.keys.split(" ") : [],
    balance: s.balance,
    layout: s.layout,
    excluded: s.excluded,
    warnings: s.warnings,
  };
  const settled = settleSides(L as PreparedSide, R, rules, input);
  return { left, result: applyDecisions(reconcile(settled.L, settled.R, settled.rules), []) };
}
