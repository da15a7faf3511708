/** US payroll: federal income tax withholding (Pub 15-T Worksheet 1A) and FICA. */

import { naError, valueError } from "../errors";
import { FICA_RATES, type FicaRates } from "../rates/us-fica";
import { PUB_15T, type Pub15tTable } from "../rates/us-pub15t";
import type { UsStatus } from "../rates/us-income-tax";
import { code, nonNegative, show, wholeNumber } from "./checks";
import { bp, c2, safe } from "./fast";
import { divRound } from "../money";
import { dAdd, dCmp, dDivRound, dMax, dMin, dMul, dPos, dRound, dSign, dSub, dec, ZERO, type Dec } from "./dec";

const STATUS: Record<string, UsStatus> = {
  SINGLE: "single",
  S: "single",
  MFS: "single",
  "MARRIED-FILING-SEPARATELY": "single",
  MFJ: "mfj",
  MARRIED: "mfj",
  "MARRIED-FILING-JOINTLY": "mfj",
  QSS: "mfj",
  "QUALIFYING-SURVIVING-SPOUSE": "mfj",
  HOH: "hoh",
  "HEAD-OF-HOUSEHOLD": "hoh",
};

type Row = { atLeast: Dec; tentative: Dec; pct: Dec };
interface W1A {
  t: Pub15tTable;
  line1g: Record<UsStatus, Dec>;
  standard: Record<UsStatus, Row[]>;
  checkbox: Record<UsStatus, Row[]>;
}
const rows = (r: [number, number, number][]): Row[] =>
  r.map(([a, t, p]) => ({ atLeast: dec(a), tentative: dec(t), pct: dec(p) }));
/** Integer form of a table for the fast path: cents, and whole percents. */
interface FastRows {
  atLeast: number[];
  tentative: number[];
  pct: number[];
}
const fastRows = (r: [number, number, number][]): FastRows => ({
  atLeast: r.map(([a]) => Math.round(a * 100)),
  tentative: r.map(([, t]) => Math.round(t * 100)),
  pct: r.map(([, , p]) => Math.round(p * 100)),
});
const W1A_FAST = new Map(
  PUB_15T.map((t) => [
    t.year,
    {
      line1g: { single: t.line1g.single * 100, mfj: t.line1g.mfj * 100, hoh: t.line1g.hoh * 100 },
      standard: { single: fastRows(t.standard.single), mfj: fastRows(t.standard.mfj), hoh: fastRows(t.standard.hoh) },
      checkbox: { single: fastRows(t.checkbox.single), mfj: fastRows(t.checkbox.mfj), hoh: fastRows(t.checkbox.hoh) },
    },
  ]),
);

const W1A_BY_YEAR = new Map<number, W1A>(
  PUB_15T.map((t) => [
    t.year,
    {
      t,
      line1g: { single: dec(t.line1g.single), mfj: dec(t.line1g.mfj), hoh: dec(t.line1g.hoh) },
      standard: { single: rows(t.standard.single), mfj: rows(t.standard.mfj), hoh: rows(t.standard.hoh) },
      checkbox: { single: rows(t.checkbox.single), mfj: rows(t.checkbox.mfj), hoh: rows(t.checkbox.hoh) },
    },
  ]),
);

function yearTable<T>(map: Map<number, T>, year: number, what: string): T {
  const t = map.get(year);
  if (!t) throw naError(`year: no ${what} for ${year}; available: ${[...map.keys()].join(", ")}`);
  return t;
}

/**
 * US federal income tax withholding for one pay period: IRS Publication 15-T, Worksheet 1A (percentage method for
 * automated payroll systems, Form W-4 2020 or later). Annualise the wages, add Step 4(a) other income, subtract
 * Step 4(b) deductions and (unless Step 2 is checked) the line 1g amount, look up the annual table, subtract the
 * Step 3 credits, de-annualise, add the Step 4(c) extra withholding. Rounded once to the cent.
 * fedWithholding(1000, 52, "single", 2026) === 78.08   (52,000 - 8,600 = 43,400: 1,240 + 12% x (43,400 - 19,900) = 4,060; / 52)
 */
export function fedWithholding(
  wages: number,
  periodsPerYear: number,
  filingStatus: string,
  year = 2026,
  step2 = false,
  credits = 0,
  otherIncome = 0,
  deductions = 0,
  extra = 0,
): number {
  nonNegative(wages, "wages", "wages for the pay period");
  wholeNumber(periodsPerYear, "periodsPerYear", 1, 366, "the number of pay periods in a year (52, 26, 24, 12, ...)");
  const st = code(filingStatus, "filingStatus", STATUS, "single, mfj, hoh");
  if (typeof year !== "number" || !Number.isInteger(year))
    throw valueError(`year: expected a year such as 2026, got ${show(year)}`);
  if (typeof step2 !== "boolean") throw valueError(`step2: expected TRUE or FALSE, got ${show(step2)}`);
  nonNegative(credits, "credits", "the annual Step 3 credits");
  nonNegative(otherIncome, "otherIncome", "the annual Step 4(a) other income");
  nonNegative(deductions, "deductions", "the annual Step 4(b) deductions");
  nonNegative(extra, "extra", "the Step 4(c) extra withholding per period");
  const w = yearTable(W1A_BY_YEAR, year, "Publication 15-T tables");
  // Fast path: every amount with at most 2 decimals, worked in cents and 1e-4 dollars on safe integers.
  const W = c2(wages);
  const O = c2(otherIncome);
  const D = c2(deductions);
  const C = c2(credits);
  const X = c2(extra);
  if (W === W && O === O && D === D && C === C && X === X) {
    const f = W1A_FAST.get(year)!;
    const line1i = Math.max(0, W * periodsPerYear + O - D - (step2 ? 0 : f.line1g[st]));
    const rows = (step2 ? f.checkbox : f.standard)[st];
    let i = 0;
    while (i + 1 < rows.atLeast.length && line1i >= rows.atLeast[i + 1]) i++;
    const line2g = rows.tentative[i] * 100 + rows.pct[i] * (line1i - rows.atLeast[i]); // 1e-4 dollars
    const after = Math.max(0, line2g - C * 100);
    const total = after + X * 100 * periodsPerYear;
    if (safe(line2g) && safe(total)) {
      const c = divRound(total, periodsPerYear * 100);
      return c === 0 ? 0 : c / 100;
    }
  }
  const periods = dec(periodsPerYear);
  // Step 1: adjusted annual wage amount.
  const line1e = dAdd(dMul(dec(wages), periods), dec(otherIncome));
  const line1h = step2 ? dec(deductions) : dAdd(dec(deductions), w.line1g[st]);
  const line1i = dPos(dSub(line1e, line1h));
  // Step 2: tentative annual withholding from the table.
  const table = (step2 ? w.checkbox : w.standard)[st];
  let row = table[0];
  for (const r of table) if (dCmp(line1i, r.atLeast) >= 0) row = r;
  const line2g = dAdd(row.tentative, dMul(row.pct, dSub(line1i, row.atLeast)));
  // Steps 3-4: (2g - credits)+ / periods + extra, one rounding.
  const afterCredits = dPos(dSub(line2g, dec(credits)));
  const total = dAdd(afterCredits, dMul(dec(extra), periods));
  return dSign(total) === 0 ? 0 : dDivRound(total, periods, 2);
}

interface FicaPre {
  r: FicaRates;
  ss: Dec;
  base: Dec;
  medicare: Dec;
  addl: Dec;
  addlThreshold: Dec;
  /** Cents and basis points, for the fast path (null when a rate is finer than a basis point). */
  fast: { ss: number; base: number; medicare: number; addl: number; threshold: number } | null;
}

const FICA_BY_YEAR = new Map<number, FicaPre>(
  FICA_RATES.map((r) => [
    r.year,
    {
      r,
      ss: dec(r.socialSecurity),
      base: dec(r.wageBase),
      medicare: dec(r.medicare),
      addl: dec(r.additionalMedicare),
      addlThreshold: dec(r.additionalThreshold),
      fast: [r.socialSecurity, r.medicare, r.additionalMedicare].every((x) => bp(x) === bp(x))
        ? {
            ss: bp(r.socialSecurity),
            base: r.wageBase * 100,
            medicare: bp(r.medicare),
            addl: bp(r.additionalMedicare),
            threshold: r.additionalThreshold * 100,
          }
        : null,
    },
  ]),
);

const PARTS: Record<string, "employee" | "employer"> = {
  EMPLOYEE: "employee",
  EE: "employee",
  EMPLOYER: "employer",
  ER: "employer",
};

/**
 * US FICA on one payment: Social Security 6.2% of the wages up to what is left of the year's wage base after
 * ytdWages, Medicare 1.45% of all wages, and (employee only) Additional Medicare 0.9% of the wages above 200,000
 * year to date. Rounded once to the cent.
 * fica(1000) === 76.5; fica(10000, 180000, 2026) === 424 (4,500 x 6.2% + 10,000 x 1.45%)
 */
export function fica(wages: number, ytdWages = 0, year = 2026, part: string = "employee"): number {
  nonNegative(wages, "wages", "wages for the payment");
  nonNegative(ytdWages, "ytdWages", "wages already paid this year");
  if (typeof year !== "number" || !Number.isInteger(year))
    throw valueError(`year: expected a year such as 2026, got ${show(year)}`);
  const p = code(part, "part", PARTS, "employee, employer");
  const f = yearTable(FICA_BY_YEAR, year, "FICA rates");
  const W = c2(wages);
  const Y = c2(ytdWages);
  if (W === W && Y === Y && f.fast) {
    const k = f.fast;
    const room = k.base - Y;
    const ssWages = Math.max(0, Math.min(W, room));
    let units = k.ss * ssWages + k.medicare * W; // cents x basis points
    if (p === "employee") units += k.addl * Math.max(0, Y + W - Math.max(k.threshold, Y));
    if (safe(units)) {
      const c = divRound(units, 10000);
      return c === 0 ? 0 : c / 100;
    }
  }
  const w = dec(wages);
  const ytd = dec(ytdWages);
  const ssWages = dPos(dMin(w, dSub(f.base, ytd)));
  let tax = dAdd(dMul(f.ss, ssWages), dMul(f.medicare, w));
  if (p === "employee") {
    const above = dPos(dSub(dAdd(ytd, w), dMax(f.addlThreshold, ytd)));
    tax = dAdd(tax, dMul(f.addl, above));
  }
  return dSign(tax) === 0 ? dRound(ZERO, 2) : dRound(tax, 2);
}
