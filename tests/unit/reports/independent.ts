/**
 * Independent re-implementations used as the expected side of the report tests: straightforward
 * integer arithmetic written from the published rules (cli.md, functions.md and the statutes they cite),
 * sharing no code with src/core. Money here is integer paise or whole rupees.
 */
import type { CellValue } from "../../../src/core/sheet-spec";
import { Rng, seededRandom } from "../../../src/core/sample";

export const DAY_MS = 86_400_000;
/** Excel serial of a UTC calendar date (dates after 1900-03-01). */
export function serial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / DAY_MS);
}

/** Aging bucket label of whole days past due with edges 30/60/90 (functions.md AGINGBUCKET). */
export function bucketOf(daysPastDue: number, edges = [30, 60, 90]): string {
  if (daysPastDue <= 0) return "Current";
  let lo = 1;
  for (const e of edges) {
    if (daysPastDue <= e) return `${lo}-${e}`;
    lo = e + 1;
  }
  return `${edges[edges.length - 1]}+`;
}

/** Half-up division of non-negative integers. */
export const divHalfUp = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));

/** EPF parts on a PF wage in rupees (EPF Scheme 1952 para 29; EPS 8.33%; EDLI 0.5%; admin 0.5%), wage ceiling 15,000. */
export function epfParts(wage: number): {
  employee: number;
  eps: number;
  employer: number;
  edli: number;
  admin: number;
} {
  const capped = Math.min(wage, 15000);
  const employee = divHalfUp(capped * 12, 100);
  const eps = Math.min(1250, divHalfUp(capped * 833, 10000));
  const edli = Math.min(75, divHalfUp(capped * 5, 1000));
  const admin = divHalfUp(capped * 5, 1000);
  return { employee, eps, employer: employee - eps, edli, admin };
}

/** ESI (ESIC, wage ceiling 21,000): 0.75% employee / 3.25% employer of gross, rounded up to the rupee. */
export function esiParts(gross: number): { employee: number; employer: number } {
  if (gross > 21000) return { employee: 0, employer: 0 };
  return { employee: Math.ceil((gross * 75) / 10000), employer: Math.ceil((gross * 325) / 10000) };
}

/** Professional tax for MH (Maharashtra schedule, women nil to 25,000) and KA (from 2025-04-01). */
export function profTax(gross: number, state: string, month: number, gender: string): number {
  const feb = month === 2;
  if (state === "KA") return gross < 25000 ? 0 : feb ? 300 : 200;
  if (state === "MH") {
    if (gender === "F" && gross <= 25000) return 0;
    if (gross <= 7500) return 0;
    if (gross <= 10000) return 175;
    return feb ? 300 : 200;
  }
  throw new Error(`no PT rule for ${state} in the test`);
}

/**
 * Annual income tax, new regime FY2025-26 (Finance Act 2025): the income rounded off to ten rupees (s.288A), slabs,
 * 87A rebate with marginal relief, 4% cess, nearest 10 (s.288B). Whole-rupee incomes only.
 */
export function incomeTaxFy2526(wholeRupees: number): number {
  const income = divHalfUp(wholeRupees, 10) * 10; // s.288A: a last figure of five or more goes up
  const slabs = [
    [400000, 0],
    [800000, 5],
    [1200000, 10],
    [1600000, 15],
    [2000000, 20],
    [2400000, 25],
    [Infinity, 30],
  ];
  let tax100 = 0; // tax × 100 (rupees), exact
  let lo = 0;
  for (const [hi, rate] of slabs) {
    if (income > lo) tax100 += (Math.min(income, hi) - lo) * rate;
    lo = hi;
  }
  if (income <= 1200000) return 0;
  tax100 = Math.min(tax100, (income - 1200000) * 100);
  if (income > 5_000_000) throw new Error("surcharge not modelled in the test");
  // cess 4%: tax × 1.04, then to the nearest 10 rupees (half-up).
  const withCess10000 = tax100 * 104; // rupees × 10,000
  return divHalfUp(withCess10000, 100000) * 10;
}

/** Working minutes between two minute-exact serials on Mon-Fri 09:00-18:00 (functions.md WORKHOURS defaults). */
export function workMinutes(start: number, end: number): number {
  const s = Math.round(start * 1440);
  const e = Math.round(end * 1440);
  if (e <= s) return 0;
  let total = 0;
  for (let day = Math.floor(s / 1440); day * 1440 < e; day++) {
    // Excel serial 1 = 1900-01-01 (a Monday in Excel's calendar after 1900-03-01: serial 2 = Monday? use Date).
    const dow = new Date(Date.UTC(1899, 11, 30) + day * DAY_MS).getUTCDay(); // 0 Sunday
    if (dow === 0 || dow === 6) continue;
    const open = day * 1440 + 9 * 60;
    const close = day * 1440 + 18 * 60;
    total += Math.max(0, Math.min(close, e) - Math.max(open, s));
  }
  return total;
}

/** A seeded generator for test tables (the sample generator's draws on its mulberry32). */
export class Gen extends Rng {
  constructor(seed: number) {
    super(seededRandom(seed));
  }
}

export interface GenTable {
  headers: string[];
  rows: CellValue[][];
}

const CUSTOMERS = [
  "Acme Pvt Ltd",
  "Bharat Traders",
  "Coastal Foods",
  "Deccan Steel",
  "Everest Pharma",
  "Fern Logistics",
];

/** Invoices over the 200 days before asOf: some with Due Date, some with only Terms "NET n", paise amounts. */
export function genInvoices(seed: number, asOf: number, n: number): GenTable {
  const g = new Gen(seed);
  const rows: CellValue[][] = [];
  for (let i = 1; i <= n; i++) {
    const inv = asOf - g.int(-5, 200);
    const net = g.pick([15, 30, 45, 60]);
    const amount = g.int(1000, 500000) * 100 + g.int(0, 99);
    const paid = g.chance(0.4) ? amount : g.chance(0.5) ? g.int(0, amount) : 0;
    const withDue = g.chance(0.6);
    rows.push([
      `INV-${i}`,
      g.pick(CUSTOMERS),
      inv,
      withDue ? inv + net : null,
      withDue ? null : `NET ${net}`,
      amount / 100,
      paid / 100,
    ]);
  }
  return { headers: ["Invoice No", "Customer", "Invoice Date", "Due Date", "Terms", "Amount", "Paid"], rows };
}

/** Expected aging (paise) of generated invoices: open = Amount − Paid, invoices dated after asOf left out. */
export function expectedAging(t: GenTable, asOf: number) {
  const buckets: Record<string, number> = { Current: 0, "1-30": 0, "31-60": 0, "61-90": 0, "90+": 0 };
  const byCustomer = new Map<string, Record<string, number>>();
  let total = 0;
  const h = (name: string) => t.headers.indexOf(name);
  for (const r of t.rows) {
    if (r.every((c) => c === null || c === "")) continue;
    const amount = r[h("Amount")];
    const paid = r[h("Paid")];
    if (typeof amount !== "number" || (paid !== null && typeof paid !== "number")) continue;
    const inv = r[h("Invoice Date")] as number;
    if (inv > asOf) continue;
    const due =
      r[h("Due Date")] !== null ? (r[h("Due Date")] as number) : inv + Number(/\d+/.exec(String(r[h("Terms")]))![0]);
    const open = Math.round(amount * 100) - Math.round(((paid as number | null) ?? 0) * 100);
    if (open === 0) continue;
    const b = bucketOf(asOf - due);
    buckets[b] += open;
    total += open;
    const c = String(r[h("Customer")]);
    const m = byCustomer.get(c) ?? { Current: 0, "1-30": 0, "31-60": 0, "61-90": 0, "90+": 0, total: 0 };
    m[b] += open;
    m.total += open;
    byCustomer.set(c, m);
  }
  return { buckets, total, byCustomer };
}

const AGENTS = ["Asha", "Bilal", "Chen", "Divya"];
const PROCESSES = ["KYC", "Claims", "Invoice Entry"];

/** Work items received over October 2025 (minute-exact), some still open, some completed after asOf. */
export function genWorkItems(seed: number, n: number): GenTable {
  const g = new Gen(seed);
  const rows: CellValue[][] = [];
  const start = serial(2025, 10, 1);
  for (let i = 1; i <= n; i++) {
    const recv = start + g.int(0, 32) + g.int(6 * 60, 20 * 60) / 1440;
    const open = g.chance(0.1);
    const done = open ? null : recv + g.int(10, 5 * 1440) / 1440;
    rows.push([
      `T${i}`,
      g.pick(PROCESSES),
      g.pick(AGENTS),
      Math.round(recv * 1440) / 1440,
      done === null ? null : Math.round(done * 1440) / 1440,
      g.pick([4, 8, 24]),
      done === null ? null : g.chance(0.1) ? null : g.chance(0.9) ? "Pass" : "Fail",
    ]);
  }
  return { headers: ["Item ID", "Process", "Agent", "Received", "Completed", "SLA Hours", "QC Result"], rows };
}

/** Expected SLA figures: completed by the end of asOf, received by then; percentages 0-100. */
export function expectedSla(t: GenTable, asOf: number) {
  const cutoff = (asOf + 1) * 1440;
  type T = { items: number; met: number; pass: number; qc: number; tatMin: number; backlog: number };
  const z = (): T => ({ items: 0, met: 0, pass: 0, qc: 0, tatMin: 0, backlog: 0 });
  const all = z();
  const agents = new Map<string, T>();
  for (const r of t.rows) {
    const recv = Math.round((r[3] as number) * 1440);
    if (recv >= cutoff) continue;
    const a = agents.get(r[2] as string) ?? z();
    agents.set(r[2] as string, a);
    const done = r[4] === null ? null : Math.round((r[4] as number) * 1440);
    for (const x of [all, a]) {
      if (done === null || done >= cutoff) {
        x.backlog++;
        continue;
      }
      const m = workMinutes(r[3] as number, r[4] as number);
      x.items++;
      x.tatMin += m;
      if (m <= (r[5] as number) * 60) x.met++;
      if (r[6] === "Pass" || r[6] === "Fail") {
        x.qc++;
        if (r[6] === "Pass") x.pass++;
      }
    }
  }
  return { all, agents };
}

/** Employees (MH and KA, some ESI-covered) with attendance for 2025-10 (some half days), whole-rupee pay. */
export function genPayroll(seed: number, n: number): { employees: GenTable; attendance: GenTable } {
  const g = new Gen(seed);
  const emp: CellValue[][] = [];
  const att: CellValue[][] = [];
  for (let i = 1; i <= n; i++) {
    const low = g.chance(0.3);
    const basic = low ? g.int(5000, 12000) : g.int(12000, 120000);
    const hra = Math.round(basic * 0.4);
    const other = low ? g.int(0, 3000) : g.int(0, 40000);
    emp.push([
      `E${i}`,
      `Person ${i}`,
      g.pick(["MH", "KA"]),
      g.pick(["M", "F"]),
      basic,
      hra,
      other,
      g.chance(0.85) ? "Y" : "N",
      basic + hra + other <= 21000 ? "Y" : "N",
    ]);
    const dim = 31;
    const paid = g.chance(0.7) ? dim : g.int(10, 30) + (g.chance(0.3) ? 0.5 : 0);
    att.push([`E${i}`, "2025-10", paid, dim]);
    if (g.chance(0.2)) att.push([`E${i}`, "2025-09", 30, 30]); // another month: ignored
  }
  return {
    employees: {
      headers: ["Employee ID", "Name", "State", "Gender", "Basic", "HRA", "Other Allowances", "PF", "ESI"],
      rows: emp,
    },
    attendance: { headers: ["Employee ID", "Month", "Days Paid", "Days In Month"], rows: att },
  };
}

/** round(amount × days / dim) half-up, in whole rupees, for amounts in rupees and days with at most 1 decimal. */
export function prorate(amount: number, days: number, dim: number): number {
  return divHalfUp(amount * Math.round(days * 10), dim * 10);
}

/** The cli.md register line of one employee for October 2025. */
export function expectedPayLine(e: CellValue[], daysPaid: number, dim: number) {
  const [, , state, gender, basic, hra, other, pfYn, esiYn] = e as [
    string,
    string,
    string,
    string,
    number,
    number,
    number,
    string,
    string,
  ];
  const monthly = basic + hra + other;
  const gross = prorate(monthly, daysPaid, dim);
  const pfWage = prorate(basic, daysPaid, dim);
  const pf = pfYn === "Y" ? epfParts(pfWage).employee : 0;
  const esi = esiYn === "Y" ? esiParts(gross).employee : 0;
  const pt = profTax(gross, state, 10, gender);
  const tax = incomeTaxFy2526(Math.max(0, 12 * monthly - 75000));
  const tds = divHalfUp(tax, 12);
  return { gross, pf, esi, pt, tds, net: gross - pf - esi - pt - tds };
}
