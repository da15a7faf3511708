import type { Workbook } from "../workbook/port";

/** Report kinds the ribbon offers (one ExecuteFunction button each). */
export type ReportKind = "aging" | "payroll" | "sla" | "quality" | "recon";

export interface ReportRunOutcome {
  /** Sheet written (activated by the caller), or null when the taskpane must ask the user for input. */
  sheet: string | null;
  message: string;
}

/**
 * Runs one report against the workbook (placeholder until the reports capability lands).
 * The ribbon command shell (commands.ts) calls this and always completes the event.
 */
export async function runReport(_kind: ReportKind, _wb: Workbook): Promise<ReportRunOutcome> {
  return { sheet: null, message: "Reports are not available in this version yet." };
}
