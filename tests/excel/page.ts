/**
 * The test add-in's page inside Excel (`npm run test:excel` sideloads it with tests/excel/run.ts): the
 * contract cases with the real OfficeWorkbook, then the functions smoke set, results posted to
 * office-addin-test-server on https://localhost:4201 through office-addin-test-helpers, and shown here.
 */
import { pingTestServer, sendTestResults } from "office-addin-test-helpers";
import { cleanupExcel, evaluateInExcel, excelHarness } from "./harness";
import { payload, runSuite, summarise } from "./suite";

const PORT = 4201;

function show(text: string): void {
  const pre = document.getElementById("results");
  if (pre) pre.textContent = text;
}

async function baselineSheets(): Promise<string[]> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    return sheets.items.map((s) => s.name);
  });
}

async function main(): Promise<void> {
  const info = await Office.onReady();
  if (info.host !== Office.HostType.Excel) return show("Not in Excel: nothing to test.");
  const ping = await pingTestServer(PORT).catch(() => null);
  show("Running the contract cases and the functions smoke set…");
  const baseline = await baselineSheets();
  const results = await runSuite({
    harness: () => excelHarness(baseline),
    cleanup: (h) => cleanupExcel(baseline, h as { names?: string[] }),
    evaluate: (formulas) => evaluateInExcel(formulas),
  });
  const { text } = summarise(results);
  show(text);
  if (ping && ping.status === 200) await sendTestResults(payload(results), PORT);
}

void main();
