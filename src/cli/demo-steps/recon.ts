import type { DemoContext } from "./types";
import { runRecon, writeReconResults } from "../../workbook/jobs/recon";
import { formatCents } from "../../core/money";

/** Demo step: reconcile the sample workbook's Bank statement against its Ledger and write the three sheets. */
export async function demoStep(ctx: DemoContext): Promise<string[]> {
  const run = await runRecon(ctx.wb, { left: "Bank", right: "Ledger", asOf: ctx.asOf });
  await writeReconResults(ctx.wb, run);
  const j = run.json;
  const count = (rule: string) => j.matches.filter((m) => m.rule === rule).length;
  const suggested = j.matches.filter((m) => m.status === "suggested").length;
  return [
    `Reconciliation: Bank vs Ledger, ${j.matches.length} matches (exact ${count("exact")}, tolerance ${count("tolerance")}, ` +
      `fuzzy ${count("fuzzy")}, group ${count("group")}; ${suggested} suggested for review); ` +
      `unmatched: ${j.unmatchedLeft.length} bank lines (${formatCents(Math.round(j.summary.unmatchedLeftAmount * 100))}), ` +
      `${j.unmatchedRight.length} ledger lines (${formatCents(Math.round(j.summary.unmatchedRightAmount * 100))}).`,
  ];
}
