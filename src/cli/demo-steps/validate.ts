import type { DemoContext } from "./types";
import { checkWorkbook, highlightFindings, summaryLine, writeQualitySheet } from "../../workbook/jobs/validate";
import { generateSample, sampleSheet } from "../../core/sample";
import { keyedInvoices } from "../../core/sample/keyed";

/**
 * Demo step for validation: add a batch of keyed invoices with typical mistakes beside the (valid) sample
 * tables, check every recognised table, highlight the invalid cells and add the Data Quality sheet.
 */
export async function demoStep(ctx: DemoContext): Promise<string[]> {
  await ctx.wb.write(sampleSheet(keyedInvoices(generateSample())));
  const checks = await checkWorkbook(ctx.wb);
  await highlightFindings(ctx.wb, checks);
  const sheet = await writeQualitySheet(ctx.wb, checks, ctx.asOf);
  const issues = checks.reduce((a, c) => a + c.result.invalid.length, 0);
  return [
    `Validation: ${checks.length} tables checked, ${issues} issue${issues === 1 ? "" : "s"} (sheet "${sheet}").`,
    ...checks.map((c) => `  ${summaryLine(c)}`),
  ];
}
