/**
 * Report benchmarks:
 * - engine time of each report builder over 100,000 source rows (invoices; employees + attendance;
 *   work items; for quality, validation of 100,000 invoice rows plus the findings sheet), target < 1 s
 *   each (median of 3 runs after a warm-up);
 * - writing each report's sheet through OfficeWorkbook on the Excel fake: context.sync() calls and the
 *   request payload, target at most ceil(payload / 4 MB) + 3 syncs.
 * The reconciliation summary is benchmarked with the reconciliation engine (bench/recon.bench.ts).
 *   node bin/run-ts.js bench/reports.bench.ts
 */
import type { BenchResult } from "./types";
import type { CellValue, SheetSpec } from "../src/core/sheet-spec";
import type { TableData } from "../src/core/table";
import { generateSample } from "../src/core/sample";
import { buildAgingReport } from "../src/core/reports/aging";
import { buildPayrollReport } from "../src/core/reports/payroll";
import { buildSlaReport } from "../src/core/reports/sla";
import { buildQualityReport } from "../src/core/reports/quality";
import { invoicesSchema, validateTable } from "../src/core/validation";
import { OfficeWorkbook, REQUEST_BUDGET } from "../src/workbook/office";
import { ExcelFake, MB } from "../tests/fakes/excel-fake";

const ROWS = 100_000;

/** ROWS rows cycling through a sample table's rows, with unique keys in the first column. */
function scaled(base: { headers: string[]; rows: CellValue[][] }, key: (i: number) => string, name: string): TableData {
  const rows: CellValue[][] = [];
  for (let i = 0; i < ROWS; i++) {
    const r = base.rows[i % base.rows.length].slice();
    r[0] = key(i);
    rows.push(r);
  }
  return { name, sheet: name, headers: base.headers, rows, firstRow: 2, firstColumn: 1 };
}

const invoiceKey = (i: number) => `INV-${String(i).padStart(7, "0")}`;
const employeeKey = (i: number) => `E${100000 + i}`;

/**
 * Median engine time of `runs` runs after a warm-up: CPU time of the process (user + system), which a busy
 * shared machine does not inflate the way it inflates wall-clock time; the wall-clock median is kept too.
 */
function time(fn: () => void, runs: number): { cpu: number; wall: number } {
  fn(); // warm-up
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { cpu: mid(cpu), wall: mid(wall) };
}

async function officeWrite(spec: SheetSpec): Promise<{ syncs: number; bytes: number; maxRequest: number }> {
  const fake = new ExcelFake();
  fake.addSheet("Sheet1", [["x"]]);
  const wb = new OfficeWorkbook(fake.run);
  fake.resetCounters();
  await wb.write(spec);
  return { syncs: fake.syncCount, bytes: fake.totalBytes, maxRequest: fake.maxRequestBytes };
}

export async function bench(): Promise<BenchResult[]> {
  const s = generateSample();
  const asOf = s.asOf;
  const n = ROWS.toLocaleString("en-US");
  // Each report's inputs are made just before it runs and dropped after, so one report's data does not
  // weigh on the next one's garbage collection.
  const specs: Record<string, SheetSpec> = {};
  const runs: [string, string, () => () => void][] = [
    [
      "aging",
      `${n} invoices`,
      () => {
        const invoices = scaled(s.invoices, invoiceKey, "Invoices");
        return () => (specs.aging = buildAgingReport({ invoices, asOf }).sheet);
      },
    ],
    [
      "payroll",
      `${n} employees + ${n} attendance rows`,
      () => {
        const employees = scaled(s.employees, employeeKey, "Employees");
        const attendance = scaled(s.attendance, employeeKey, "Attendance");
        return () => (specs.payroll = buildPayrollReport({ employees, attendance, asOf }).sheet);
      },
    ],
    [
      "sla",
      `${n} work items`,
      () => {
        const work = scaled(s.workItems, (i) => `WI-${i}`, "WorkItems");
        return () => (specs.sla = buildSlaReport({ workItems: work, asOf }).sheet);
      },
    ],
    [
      "quality",
      `validation of ${n} invoice rows (every 50th amount keyed wrong) + findings sheet`,
      () => {
        const invoices = scaled(s.invoices, invoiceKey, "Invoices");
        const messy = {
          ...invoices,
          rows: invoices.rows.map((r, i) => (i % 50 === 3 ? [...r.slice(0, 6), "12,34.5x", r[7]] : r)),
        };
        return () => {
          const v = validateTable(messy, invoicesSchema);
          specs.quality = buildQualityReport({
            asOf,
            sources: [{ name: "Invoices", sheet: "Invoices", schema: "Invoices", rows: v.rows, valid: v.valid }],
            findings: v.invalid,
          });
        };
      },
    ],
  ];
  const out: BenchResult[] = [];
  for (const [kind, what, make] of runs) {
    const t = time(make(), 3);
    out.push({
      name: `report ${kind}: build over ${what}`,
      value: Math.round(t.cpu),
      unit: "ms",
      target: "< 1000 ms",
      ok: t.cpu < 1000,
      note: `engine CPU time (pure builder, no I/O), median of 3 runs after a warm-up; wall clock ${Math.round(t.wall)} ms on this machine`,
    });
  }
  for (const [kind, spec] of Object.entries(specs)) {
    const w = await officeWrite(spec);
    const budget = Math.ceil(w.bytes / REQUEST_BUDGET) + 3;
    out.push({
      name: `report ${kind}: OfficeWorkbook.write on the Excel fake (${spec.rows.length.toLocaleString("en-US")} rows, payload ${(w.bytes / MB).toFixed(1)} MB, largest request ${(w.maxRequest / MB).toFixed(2)} MB)`,
      value: w.syncs,
      unit: "syncs",
      target: `<= ceil(payload / 4 MB) + 3 = ${budget}`,
      ok: w.syncs <= budget,
    });
  }
  return out;
}

if (require.main === module || /reports\.bench\.ts$/.test(process.argv[1] ?? ""))
  bench().then((r) => {
    for (const x of r) console.log(JSON.stringify(x));
  });
