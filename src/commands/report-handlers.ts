import { todaySerial } from "../core/dates";
import type { Progress, Workbook } from "../workbook/port";
import { ReportInputMissing, runReportJob, type ReportKind } from "../workbook/jobs/reports";

export type { ReportKind } from "../workbook/jobs/reports";

export interface ReportRunOutcome {
  /** Sheet written (activated by the caller), or null when the taskpane must ask the user for input. */
  sheet: string | null;
  message: string;
  /** True when a sheet replaced carried the user's edits (a copy of it is kept; the message says where). */
  userEdits?: boolean;
}

/**
 * Runs one report against the workbook, as of today: no dialog when the inputs are found; when one
 * is missing, `{ sheet: null, message }` and the shell opens the Reports view to ask which table to use.
 * Any other failure (e.g. a sheet of the user's with the report's name) is thrown, and the shell shows it.
 * A report sheet the user edited (comments, notes, their own names on it) cannot be asked about without a pane:
 * its old version is kept as "<sheet> (kept <today>)" and the message says so.
 * The ribbon command shell (commands.ts) calls this and always completes the event.
 */
export async function runReport(
  kind: ReportKind,
  wb: Workbook,
  options: { asOf?: number; progress?: Progress } = {},
): Promise<ReportRunOutcome> {
  try {
    const r = await runReportJob(wb, kind, {
      asOf: options.asOf ?? todaySerial(),
      progress: options.progress,
      activate: true,
      // One click after month end: today's month has no attendance yet, so the month just closed is run.
      latestMonthIfMissing: options.asOf === undefined,
      onUserEdits: "keep-copy",
    });
    if (!r.userEditsNotes.length) return { sheet: r.sheet, message: r.message };
    return { sheet: r.sheet, message: [r.message, ...r.userEditsNotes].join(" "), userEdits: true };
  } catch (e) {
    if (e instanceof ReportInputMissing)
      return { sheet: null, message: `${e.message} Choose the table in the Reports pane.` };
    throw e;
  }
}
