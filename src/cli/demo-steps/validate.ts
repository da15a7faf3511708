import type { DemoContext } from "./types";
import {
  checkTables,
  highlightFindings,
  recognisedTables,
  summaryLine,
  writeQualitySheet,
} from "../../workbook/jobs/validate";

/** Demo step for validation: check every recognised table of the sample workbook and add the Data Quality sheet. */
export async function demoStep(ctx: DemoContext): Promise<string[]> {
  const found = await recognisedTables(ctx.wb);
  const checks = await checkTables(
    ctx.wb,
    found.map((c) => ({ source: c.info.name, schema: c.schema })),
  );
  await highlightFindings(ctx.wb, checks);
  const sheet = await writeQualitySheet(ctx.wb, checks, ctx.asOf);
  const issues = checks.reduce((a, c) => a + c.result.invalid.length, 0);
  return [
    `Validation: ${checks.length} tables checked, ${issues} issue${issues === 1 ? "" : "s"} (sheet "${sheet}").`,
    ...checks.map((c) => `  ${summaryLine(c)}`),
  ];
}
