import { todaySerial } from "../core/dates";
import type { Progress, Workbook } from "../workbook/port";
import { ReportInputMissing, runReportJob, type ReportKind } from "../workbook/jobs/reports";

export type { ReportKind } from "../workbook/jobs/reports";

export interface ReportRunOutcome {
  /** Sheet written (activated by the caller), or null when the taskpane must ask the user for input. */
  sheet: string | null;
  message: string;
}

/**
 * Runs one report against the workbook, as of today: no dialog when the inputs are found; when one
 * is missing, `{ sheet: null, message }` and the shell opens the Reports view to ask which table to use.
 * Any other failure (e.g. a sheet of the user's with the report's name) is thrown, and the shell shows it.
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
    });
    return { sheet: r.sheet, message: r.message };
  } catch (e) {
    if (e instanceof ReportInputMissing)
      return { sheet: null, message: `${e.message} Choose the table in the Reports pane.` };
    throw e;
  }
}
