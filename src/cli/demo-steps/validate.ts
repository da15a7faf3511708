import type { DemoContext } from "./types";
import { checkWorkbook, highlightFindings, summaryLine, writeQualitySheet } from "../../workbook/jobs/validate";

/** Demo step for validation: check every recognised table of the sample workbook and add the Data Quality sheet. */
export async function demoStep(ctx: DemoContext): Promise<string[]> {
  const checks = await checkWorkbook(ctx.wb);
  await highlightFindings(ctx.wb, checks);
  const sheet = await writeQualitySheet(ctx.wb, checks, ctx.asOf);
  const issues = checks.reduce((a, c) => a + c.result.invalid.length, 0);
  return [
    `Validation: ${checks.length} tables checked, ${issues} issue${issues === 1 ? "" : "s"} (sheet "${sheet}").`,
    ...checks.map((c) => `  ${summaryLine(c)}`),
  ];
}
