/**
 * Validation benchmarks:
 * - engine time of validateTable on 100,000 rows × 12 columns (employees: IDs, names, state and gender
 *   lists, money, Y/N, PAN, UAN, IFSC; about 2% of rows carry a mistake), target < 1 s;
 *   peer: the same rows through a full zod object parse per row (recordSchema.safeParse), the path
 *   the batch validator avoids;
 * - the number of context.sync() calls for one entry through OfficeWorkbook on the Excel fake
 *   (the record itself, and the whole entry with the Entry Log).
 *   node bin/run-ts.js bench/validate.bench.ts
 */
import type { BenchResult } from "./types";
import type { CellValue } from "../src/core/sheet-spec";
import { generateSample } from "../src/core/sample";
import { bindSchema, employeesSchema, recordSchema, validateTable } from "../src/core/validation";
import { OfficeWorkbook } from "../src/workbook/office";
import { appendEntry } from "../src/workbook/jobs/entry";
import { ExcelFake } from "../tests/fakes/excel-fake";

const ROWS = 100_000;

function employeeRows(n: number): { headers: string[]; rows: CellValue[][] } {
  const s = generateSample();
  const headers = s.employees.headers.slice(0, 12); // Employee ID ... IFSC
  const base = s.employees.rows;
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const r = base[i % base.length].slice(0, 12);
    r[0] = `E${100000 + i}`;
    if (i % 50 === 7) r[9] = "ABCDE1234F"; // PAN with no holder type
    if (i % 50 === 23) r[4] = "12,34.5x"; // Basic keyed wrong
    rows.push(r);
  }
  return { headers, rows };
}

function time(fn: () => void, runs: number): number {
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

export async function bench(): Promise<BenchResult[]> {
  const { headers, rows } = employeeRows(ROWS);
  const table = { name: "Employees", sheet: "Employees", headers, rows, firstRow: 2, firstColumn: 1 };
  let findings = 0;
  validateTable(table, employeesSchema); // warm-up
  const engine = time(() => {
    findings = validateTable(table, employeesSchema).invalid.length;
  }, 5);

  // Peer: a full zod parse per row (records already converted to the typed shape, so this is zod alone).
  const zod = recordSchema(employeesSchema);
  const bound = bindSchema(employeesSchema, headers);
  const records = rows.map((r) => {
    const o: Record<string, CellValue> = {};
    for (const b of bound) o[b.def.key] = b.index >= 0 ? (r[b.index] ?? null) : null;
    if (typeof o.uan === "number") o.uan = String(o.uan);
    return o;
  });
  const zodMs = time(() => {
    for (const rec of records) zod.safeParse(rec);
  }, 1);

  // One entry through OfficeWorkbook on the Excel fake.
  const fake = new ExcelFake();
  const s = generateSample();
  fake.addSheet("Payments", [s.payments.headers, ...s.payments.rows.slice(0, 20)]);
  fake.addTable("Payments", "Payments", `A1:D21`);
  const wb = new OfficeWorkbook(fake.run);
  await appendEntry(wb, "Payments", s.payments.headers, [45960, "Acme Retail Pvt Ltd", "UTR000000000001", 1000]); // creates the log
  fake.resetCounters();
  await wb.append("Payments", [[45960, "Acme Retail Pvt Ltd", "UTR000000000002", 2000]]);
  const appendSyncs = fake.syncCount;
  fake.resetCounters();
  await appendEntry(wb, "Payments", s.payments.headers, [45960, "Acme Retail Pvt Ltd", "UTR000000000003", 3000]);
  const entrySyncs = fake.syncCount;

  return [
    {
      name: `validateTable, ${ROWS.toLocaleString("en-US")} rows × 12 columns (employees, ${findings} findings)`,
      value: Math.round(engine),
      unit: "ms",
      target: "< 1000 ms",
      ok: engine < 1000,
      peer: { name: "zod object parse per row (same rows)", value: Math.round(zodMs), unit: "ms" },
      note: "median of 5 runs after a warm-up; precompiled per-field checkers",
    },
    {
      name: "context.sync() calls to append one entry's row (OfficeWorkbook on the Excel fake)",
      value: appendSyncs,
      unit: "syncs",
      target: "1",
      ok: appendSyncs === 1,
    },
    {
      name: "context.sync() calls for one whole entry: ownership check + row + one Entry Log row (any log length)",
      value: entrySyncs,
      unit: "syncs",
      note: "the log is rewritten through Workbook.write (the log sheet is protected), after the row is in",
    },
  ];
}

if (require.main === module)
  bench().then((r) => {
    for (const x of r) console.log(JSON.stringify(x));
  });
