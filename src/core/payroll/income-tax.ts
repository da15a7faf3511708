/** Annual income tax on taxable income: India's new regime (with 87A rebate, surcharge, cess) and US federal brackets. */

import { naError, numError, valueError } from "../errors";
import { IN_INCOME_TAX, type InTaxTable } from "../rates/in-income-tax";
import { US_BRACKETS } from "../rates/us-income-tax";
import { finiteNumber, nonNegative, show } from "./checks";
import { dAdd, dCmp, dMin, dMul, dPos, dRound, dSign, dSub, dec, ZERO, type Dec } from "./dec";
import { bp, c2, safe, slabUnits } from "./fast";
import { divRound } from "../money";

/** Progressive tax on slabs [lower bound, rate] (ascending), exact. */
function slabTaxDec(income: Dec, slabs: { lower: Dec; rate: Dec }[]): Dec {
  let tax = ZERO;
  for (let i = 0; i < slabs.length; i++) {
    const s = slabs[i];
    if (dCmp(income, s.lower) <= 0) break;
    const top = i + 1 < slabs.length ? dMin(income, slabs[i + 1].lower) : income;
    if (dSign(s.rate) !== 0) tax = dAdd(tax, dMul(s.rate, dSub(top, s.lower)));
  }
  return tax;
}

interface InPre {
  t: InTaxTable;
  slabs: { lower: Dec; rate: Dec }[];
  rebateLimit: Dec;
  rebateMax: Dec;
  /** For each surcharge threshold: the income, its rate, and tax + surcharge at exactly that income (capped). */
  thresholds: { over: Dec; rate: Dec; atThreshold: Dec }[];
  cessFactor: Dec;
}

function preIndia(t: InTaxTable): InPre {
  const slabs = t.slabs.map(([l, r]) => ({ lower: dec(l), rate: dec(r) }));
  const pre: InPre = {
    t,
    slabs,
    rebateLimit: dec(t.rebate.incomeLimit),
    rebateMax: dec(t.rebate.max),
    thresholds: [],
    cessFactor: dec(1 + t.cess),
  };
  for (const s of t.surcharge) {
    const over = dec(s.over);
    // Tax + surcharge at exactly the threshold, where the lower rate (and its own relief) still applies.
    const atThreshold = taxWithSurcharge(pre, over);
    pre.thresholds.push({ over, rate: dec(s.rate), atThreshold });
  }
  return pre;
}

/** Income tax after the 87A rebate (and its marginal relief), before surcharge. */
function taxAfterRebate(p: InPre, income: Dec): Dec {
  const tax = slabTaxDec(income, p.slabs);
  if (dCmp(income, p.rebateLimit) <= 0) return dPos(dSub(tax, dMin(tax, p.rebateMax)));
  // Marginal relief (s.87A proviso): the tax may not exceed the income above the rebate limit.
  return dMin(tax, dSub(income, p.rebateLimit));
}

/** Tax + surcharge, with marginal relief at each surcharge threshold (the increase may not exceed the income above it). */
function taxWithSurcharge(p: InPre, income: Dec): Dec {
  const tax = taxAfterRebate(p, income);
  for (let i = p.thresholds.length - 1; i >= 0; i--) {
    const th = p.thresholds[i];
    if (dCmp(income, th.over) > 0) {
      const full = dAdd(tax, dMul(tax, th.rate));
      return dMin(full, dAdd(th.atThreshold, dSub(income, th.over)));
    }
  }
  return tax;
}

/**
 * Rounding off as s.288A (total income) and s.288B (tax payable) prescribe, and s.516 of the 2025 Act after them:
 * "any part of a rupee consisting of paise shall be ignored and thereafter if such amount is not a multiple of ten,
 * then, if the last figure ... is five or more, the amount shall be increased to the next higher amount which is a
 * multiple of ten and if the last figure is less than five, the amount shall be reduced to the next lower amount".
 * `rupees` is the amount with its paise already dropped; k is the multiple (10).
 * roundOff(1300033, 10) === 1300030; roundOff(78005, 10) === 78010; roundOff(78004, 10) === 78000
 */
function roundOff(rupees: number, k: number): number {
  return divRound(rupees, k, "half-up") * k;
}

/**
 * Integer form of an India table for the fast path: amounts in paise, rates in whole percent, so tax is in
 * paise x percent (1e-4 rupee); null when a rate is not a whole percent.
 */
interface InFast {
  lowers: number[];
  pct: number[];
  rebateLimit: number;
  rebateMax: number; // 1e-4 rupee
  thresholds: { over: number; pct: number; atThreshold: number }[]; // atThreshold in 1e-6 rupee
  cessPct: number;
  incomeRoundTo: number;
  roundTo: number;
}

const pctOf = (r: number) => {
  const b = bp(r);
  return b === b && b % 100 === 0 ? b / 100 : NaN;
};

function fastIndia(t: InTaxTable): InFast | null {
  const pct = t.slabs.map(([, r]) => pctOf(r));
  const sur = t.surcharge.map((x) => pctOf(x.rate));
  const cessPct = pctOf(t.cess);
  if ([...pct, ...sur, cessPct].some((x) => x !== x)) return null;
  const f: InFast = {
    lowers: t.slabs.map(([l]) => l * 100),
    pct,
    rebateLimit: t.rebate.incomeLimit * 100,
    rebateMax: t.rebate.max * 10000,
    thresholds: [],
    cessPct,
    incomeRoundTo: t.incomeRoundTo,
    roundTo: t.roundTo,
  };
  t.surcharge.forEach((x, i) => {
    const over = x.over * 100;
    f.thresholds.push({ over, pct: sur[i], atThreshold: fastTaxWithSurcharge(f, over) });
  });
  return f;
}

/** Tax + surcharge in 1e-6 rupee for an income in paise (income <= 10 crore keeps every product safe). */
function fastTaxWithSurcharge(f: InFast, paise: number): number {
  let tax = slabUnits(paise, f.lowers, f.pct); // 1e-4 rupee
  if (paise <= f.rebateLimit) tax = tax > f.rebateMax ? tax - f.rebateMax : 0;
  else {
    const relief = (paise - f.rebateLimit) * 100;
    if (tax > relief) tax = relief;
  }
  for (let i = f.thresholds.length - 1; i >= 0; i--) {
    const th = f.thresholds[i];
    if (paise > th.over) {
      const full = tax * (100 + th.pct);
      const cap = th.atThreshold + (paise - th.over) * 10000;
      return full < cap ? full : cap;
    }
  }
  return tax * 100;
}

const INDIA = new Map<string, InPre>(IN_INCOME_TAX.map((t) => [t.regime, preIndia(t)]));
const INDIA_FAST = new Map<string, InFast | null>(IN_INCOME_TAX.map((t) => [t.regime, fastIndia(t)]));
const US_FAST = new Map<string, { lowers: number[]; pct: number[] }>(
  US_BRACKETS.map((b) => [
    `US-FED-${b.year}-${b.status.toUpperCase()}`,
    { lowers: b.brackets.map(([l]) => l * 100), pct: b.brackets.map(([, r]) => Math.round(r * 100)) },
  ]),
);

const US = new Map<string, { lower: Dec; rate: Dec }[]>(
  US_BRACKETS.map((b) => [
    `US-FED-${b.year}-${b.status.toUpperCase()}`,
    b.brackets.map(([l, r]) => ({ lower: dec(l), rate: dec(r) })),
  ]),
);

const REGIME_KEYS = new Map<string, string>();

export const INCOME_TAX_REGIMES: string[] = [...INDIA.keys(), ...US.keys()];

/**
 * Annual income tax payable on taxable income (no deduction is applied inside).
 * India "IN-NEW-FY2025-26" / "IN-NEW-FY2024-25" / "IN-NEW-FY2026-27": the total income rounded off to ten rupees
 * (s.288A), slab tax, s.87A rebate with marginal relief, surcharge with marginal relief, 4% cess, the tax payable
 * rounded off to ten rupees (s.288B); s.516 of the 2025 Act from tax year 2026-27. US "US-FED-2025-SINGLE" etc.:
 * the brackets, to the cent (no rounding of the income).
 * incomeTax(1200000) === 0; incomeTax(1210000) === 10400 (marginal relief: 10,000 + 4% cess);
 * incomeTax(1300033) === 78000 (taxed on 13,00,030: 75,004.50 + 4% = 78,004.68, rounded off);
 * incomeTax(100000, "US-FED-2026-SINGLE") === 16712
 */
export function incomeTax(taxableIncome: number, regime: string = "IN-NEW-FY2025-26"): number {
  nonNegative(taxableIncome, "taxableIncome", "taxable income");
  if (typeof regime !== "string")
    throw valueError(`regime: expected a regime name such as "IN-NEW-FY2025-26", got ${show(regime)}`);
  let key = REGIME_KEYS.get(regime);
  if (key === undefined) {
    key = regime
      .trim()
      .toUpperCase()
      .replace(/[\s_]+/g, "-");
    if (REGIME_KEYS.size < 1000) REGIME_KEYS.set(regime, key);
  }
  const cents = c2(taxableIncome);
  if (cents === cents && cents <= 1e10) {
    const fi = INDIA_FAST.get(key);
    if (fi) {
      // s.288A: the tax is on the total income rounded off to ten rupees (paise ignored, five and above up).
      const k = fi.incomeRoundTo;
      const paise = divRound(Math.floor(cents / 100), k) * k * 100;
      const units = fastTaxWithSurcharge(fi, paise) * (100 + fi.cessPct); // 1e-8 rupee
      if (safe(units)) return roundOff(divRound(units, 1e8, "down"), fi.roundTo);
    }
    const fu = US_FAST.get(key);
    if (fu) return divRound(slabUnits(cents, fu.lowers, fu.pct), 100) / 100;
  }
  return incomeTaxExact(taxableIncome, key, regime);
}

/** The general path of incomeTax on exact decimals (any magnitude or number of decimals). */
export function incomeTaxExact(taxableIncome: number, key: string, regime: string = key): number {
  const income = dec(taxableIncome);
  const india = INDIA.get(key);
  if (india) {
    // s.288A on the total income, then s.288B on the tax payable (s.516 of the 2025 Act for both).
    const total = dec(roundOff(dRound(income, 0, "down"), india.t.incomeRoundTo));
    return roundOff(dRound(dMul(taxWithSurcharge(india, total), india.cessFactor), 0, "down"), india.t.roundTo);
  }
  const us = US.get(key);
  if (us) return dRound(slabTaxDec(income, us), 2);
  throw naError(`regime: unknown regime ${show(regime)}; expected one of ${INCOME_TAX_REGIMES.join(", ")}`);
}

/**
 * Generic progressive tax: slabs are rows [lower bound, rate] in ascending order of lower bound (each 0 or more, else
 * #NUM!); income below the first bound is untaxed. Rates are fractions (5% = 0.05). Rounded to the cent.
 * slabTax(500000, [[0, 0], [250000, 0.05], [500000, 0.2]]) === 12500
 */
export function slabTax(amount: number, slabs: readonly (readonly number[])[]): number {
  finiteNumber(amount, "amount");
  if (!Array.isArray(slabs) || slabs.length === 0)
    throw valueError("slabs: expected a 2-column range of [lower bound, rate] rows, got nothing");
  // One pass: check each row and, while every figure has at most 2 (bounds) or 4 (rates) decimals, add the previous
  // row's band in cents x basis points. Messages are only built for a row that fails.
  const cents = amount > 0 ? c2(amount) : 0;
  let fast = cents === cents;
  let units = 0;
  let prevL = 0;
  let prevR = 0;
  for (let i = 0; i < slabs.length; i++) {
    const lower = slabs[i][0];
    const rate = slabs[i][1];
    if (!(typeof lower === "number" && lower - lower === 0)) finiteNumber(lower, `slabs row ${i + 1} lower bound`);
    if (!(typeof rate === "number" && rate - rate === 0)) finiteNumber(rate, `slabs row ${i + 1} rate`);
    // A tax on the part of an amount above a negative bound would tax the amount more than in full.
    if (lower < 0) throw numError(`slabs row ${i + 1} lower bound: expected 0 or more, got ${lower}`);
    if (rate < 0 || rate > 1)
      throw valueError(
        `slabs row ${i + 1} rate: expected a percentage between 0 and 1, got ${rate}${rate > 1 && rate <= 100 ? ` — did you mean ${rate}%?` : ""}`,
      );
    if (i > 0 && lower <= slabs[i - 1][0])
      throw valueError(
        `slabs row ${i + 1}: lower bounds must be in ascending order, but ${lower} follows ${slabs[i - 1][0]}`,
      );
    if (fast) {
      const l = c2(lower);
      const r = bp(rate);
      if (l !== l || r !== r) fast = false;
      else {
        if (i > 0 && cents > prevL) units += prevR * ((cents < l ? cents : l) - prevL);
        prevL = l;
        prevR = r;
      }
    }
  }
  if (amount <= 0) return 0;
  if (fast) {
    if (cents > prevL) units += prevR * (cents - prevL);
    // Every band is >= 0, so a safe total means every partial sum was exact too.
    if (safe(units)) return divRound(units, 10000) / 100;
  }
  const rows = slabs.map(([l, r]) => ({ lower: dec(l), rate: dec(r) }));
  return dRound(slabTaxDec(dec(amount), rows), 2);
}

export { slabTaxDec };
