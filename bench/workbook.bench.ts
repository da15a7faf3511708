/**
 * Workbook adapters writing a 100,000 x 10 sheet:
 * - the Office adapter through the instrumented Excel fake (round trips, request sizes, time in the adapter);
 * - the file adapter (the package editor) writing the sheet and saving the .xlsx to disk (streamed).
 * Run alone: node bin/run-ts.js bench/workbook.bench.ts
 */
import { mkdtempSync, rmSync, statSync } from "fs";
import * as os from "os";
import * as path from "path";
import type { CellValue, SheetSpec } from "../src/core/sheet-spec";
import { FileWorkbook } from "../src/workbook/file";
import { saveWorkbookFile } from "../src/workbook/file-io";
import { OfficeWorkbook } from "../src/workbook/office";
import { ExcelFake, MB } from "../tests/fakes/excel-fake";
import type { BenchResult } from "./types";

const ROWS = 100_000;

function bigSpec(): SheetSpec {
  const rows: CellValue[][] = [Array.from({ length: 10 }, (_, j) => `Column ${j + 1}`)];
  for (let i = 0; i < ROWS; i++)
    rows.push([
      `INV-${100000 + i}`,
      `Customer ${i % 997}`,
      45658 + (i % 365),
      ((i * 37) % 100000) / 100,
      i % 30,
      "Open",
      "North",
      18,
      `REF${i}`,
      i % 2 === 0,
    ]);
  return { name: "Register", role: "bench:register", rows, columns: [{ width: 14 }], freeze: { rows: 1, columns: 0 } };
}

export async function bench(): Promise<BenchResult[]> {
  const spec = bigSpec();
  const fake = new ExcelFake();
  const office = new OfficeWorkbook(fake.run);
  let t0 = performance.now();
  await office.write(spec);
  const officeMs = performance.now() - t0;
  const syncs = fake.syncCount;
  const bytes = fake.totalBytes;
  const minSyncs = Math.ceil(bytes / (4 * MB)) + 2;

  const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-bench-wb-"));
  const file = new FileWorkbook();
  t0 = performance.now();
  await file.write(spec);
  const writeMs = performance.now() - t0;
  const out = path.join(dir, "register.xlsx");
  t0 = performance.now();
  await saveWorkbookFile(file, out);
  const saveMs = performance.now() - t0;
  const size = statSync(out).size;
  rmSync(dir, { recursive: true, force: true });

  return [
    {
      name: "office write 100k x 10: round trips",
      value: syncs,
      unit: "syncs",
      target: `<= ceil(MB / 4) + 2 = ${minSyncs}`,
      ok: syncs <= minSyncs,
    },
    {
      name: "office write 100k x 10: payload",
      value: Math.round((bytes / MB) * 100) / 100,
      unit: "MB",
      note: `largest request ${(fake.maxRequestBytes / MB).toFixed(2)} MB (limit 5 MB on Excel on the web)`,
      target: "every request <= 4 MB",
      ok: fake.maxRequestBytes <= 4 * MB,
    },
    { name: "office write 100k x 10: adapter + fake time", value: Math.round(officeMs), unit: "ms" },
    { name: "file write 100k x 10 (package writer: spec checked)", value: Math.round(writeMs), unit: "ms" },
    {
      name: "file save 100k x 10 .xlsx",
      value: Math.round(saveMs),
      unit: "ms",
      note: `${(size / MB).toFixed(1)} MB on disk`,
    },
  ];
}

if (require.main === module || process.argv[1]?.endsWith("workbook.bench.ts")) {
  bench().then((r) => console.table(r));
}
