/**
 * `bpo-desk report KIND BOOK.xlsx [--as-of YYYY-MM-DD] [--out FILE.xlsx] [--json]` (shared/spec/cli.md).
 * KIND: aging, payroll, sla, quality, recon, brs (the bank reconciliation statement). Runs the same job as the ribbon command inside Excel on a
 * copy of BOOK, and writes that copy with the report sheets to --out (default out/<kind>-report.xlsx,
 * or nothing when --json is given without --out). BOOK itself is never modified.
 * --json prints the report's key figures, exactly the document cli.md gives for KIND.
 * --as-of defaults to today; payroll without it pays the latest month of attendance at or before today (the
 * ribbon's rule, one function: payrollMonthOf) and says which month it ran.
 * A report sheet of BOOK that the user edited (comments, notes, their own names) is kept in the copy as
 * "<sheet> (kept <today>)", said on stderr, where the workbook adapter can tell.
 */
import * as path from "node:path";
import type { CliIo } from "./io";
import { UsageError, jsonText } from "./io";
import { parseCommandArgs } from "./args";
import { checkOutIsNoInput, outPath, saveCopy, shownPath } from "./files";
import { serialFromIso } from "../core/dates";
import { openWorkbookFile } from "../workbook/file-io";
import { REPORT_KINDS, runReportJob, type ReportKind } from "../workbook/jobs/reports";

const USAGE = "Usage: bpo-desk report KIND BOOK.xlsx [--as-of YYYY-MM-DD] [--out FILE.xlsx] [--json]";

export async function run(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parseCommandArgs("report", args, ["as-of", "out"], ["json"]);
  if (positionals.length !== 2)
    throw new UsageError(
      `give a KIND (${REPORT_KINDS.join(", ")}) and a BOOK.xlsx, got ${positionals.length} argument(s). ${USAGE}`,
    );
  const [kindArg, book] = positionals;
  const kind = kindArg.toLowerCase() as ReportKind;
  if (!REPORT_KINDS.includes(kind))
    throw new UsageError(`unknown report "${kindArg}"; choose one of ${REPORT_KINDS.join(", ")}. ${USAGE}`);
  const asOfGiven = values["as-of"] !== undefined;
  const asOfIso = (values["as-of"] as string | undefined) ?? io.today();
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOfIso) ? serialFromIso(asOfIso) : null;
  if (asOf === null) throw new UsageError(`--as-of takes a date like 2025-03-31, got "${asOfIso}"`);
  const json = values.json === true;
  const outArg = values.out as string | undefined;
  const bookPath = path.resolve(io.cwd, book);
  // A book with macros is copied as one: Excel opens an .xlsm package only under that name.
  const out = outPath(outArg, json, io.cwd, `out/${kind}-report${/\.xlsm$/i.test(book) ? ".xlsm" : ".xlsx"}`);
  if (out) await checkOutIsNoInput(out, outArg ?? path.relative(io.cwd, out), [book], io.cwd);

  const wb = await openWorkbookFile(bookPath);
  // Payroll without --as-of pays the latest month of attendance at or before today, as the ribbon does.
  // A report sheet the user edited in BOOK is kept beside the new one in the copy, as the ribbon keeps it.
  const result = await runReportJob(wb, kind, {
    asOf,
    latestMonthIfMissing: !asOfGiven,
    onUserEdits: "keep-copy",
    today: io.today(),
  });
  // Rows the reconciliation left out and its warnings reach stderr whatever the output (recon, brs).
  for (const line of result.warnings ?? []) io.err(`bpo-desk report: ${line}`);
  if (out) {
    await saveCopy(io, wb, book, out);
    for (const note of result.userEditsNotes) io.err(note);
  }
  if (json) {
    // The document is cli.md's; which month ran goes beside it, on stderr.
    if (!asOfGiven && result.month)
      io.err(`Payroll ${result.month}: the latest month of attendance on or before ${asOfIso} (no --as-of given).`);
    io.out(jsonText(result.json));
    return 0;
  }
  const lines = [result.message];
  if (out)
    lines.push(
      `Wrote ${shownPath(io.cwd, out)} (a copy of ${book} with the sheet${result.sheets.length === 1 ? "" : "s"} ${result.sheets.join(", ")}).`,
    );
  io.out(lines.join("\n"));
  return 0;
}
