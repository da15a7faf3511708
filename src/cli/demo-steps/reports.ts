import type { DemoContext } from "./types";
import { REPORT_KINDS, runReportJob } from "../../workbook/jobs/reports";

/**
 * Demo step for the reports: writes every report into the demo workbook as of the sample month's end
 * (recon and the bank reconciliation statement last, as they read the run the reconciliation step saved).
 * A report that cannot run (e.g. the reconciliation capability is not in this build) is skipped with a
 * line saying why.
 */
export async function demoStep(ctx: DemoContext): Promise<string[]> {
  const lines: string[] = [];
  for (const kind of REPORT_KINDS) {
    try {
      const r = await runReportJob(ctx.wb, kind, { asOf: ctx.asOf });
      lines.push(`Report ${kind} -> sheet ${r.sheets.join(", ")}: ${r.message}`);
    } catch (e) {
      lines.push(`Report ${kind} skipped: ${(e as Error).message}`);
    }
  }
  return lines;
}
