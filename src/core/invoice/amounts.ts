/**
 * Invoice line and tax amounts, exact in decimal and rounded once to 2 decimals half-up (away from zero).
 */

import { type RoundingMode, add, divRoundInt, type Int, mul, p10, pow10, scaleOf, sub } from "../money";
import { ExcelError, numError, valueError } from "../errors";
import { approx, cents, centsIfDecided, type Dec, decOf, intNumber, money, ratio } from "./exact";
import { finite, fraction, show } from "./args";

/**
 * qty × unitPrice × (1 − discount) × (1 + taxRate), computed exactly and rounded once to 2 decimals half-up.
 * Negative quantities or prices (returns, credit notes) are allowed; discount and taxRate are fractions 0..1.
 * lineAmount(3, 19.99, 0.1, 0.18) === 63.68 (3 × 19.99 × 0.9 × 1.18 = 63.68418)
 */
export function lineAmount(qty: number, unitPrice: number, discount = 0, taxRate = 0): number {
  finite(qty, "qty");
  finite(unitPrice, "unitPrice");
  fraction(discount, "discount");
  fraction(taxRate, "taxRate");
  // Fast path, no allocation: all four are short decimals (the usual typed-in values).
  const qs = scaleOf(qty);
  const ps = scaleOf(unitPrice);
  const ds = scaleOf(discount);
  const ts = scaleOf(taxRate);
  if (qs >= 0 && ps >= 0 && ds >= 0 && ts >= 0 && qs + ps + ds + ts <= 22) {
    const keep = p10(ds) - Math.round(discount * p10(ds));
    const gross = p10(ts) + Math.round(taxRate * p10(ts));
    const num = mul(Math.round(qty * p10(qs)), Math.round(unitPrice * p10(ps)), keep, gross);
    return money(num, pow10(qs + ps + ds + ts));
  }
  const q = decOf(finite(qty, "qty"));
  const p = decOf(finite(unitPrice, "unitPrice"));
  const d = decOf(fraction(discount, "discount"));
  const t = decOf(fraction(taxRate, "taxRate"));
  // Long mantissas (computed inputs) would need BigInt: try the double estimate first. Error bound: 4 conversions,
  // 2 sums, 3 products and × 100, at most 2^-53 each, except that 1 − d amplifies d's error by d / (1 − d).
  const dd = approx(d);
  const est = approx(q) * approx(p) * (1 - dd) * (1 + approx(t)) * 100;
  const decided = dd < 1 ? centsIfDecided(est, (12 + 2 / (1 - dd)) * 2 ** -53) : null;
  if (decided !== null) return decided;
  const keep = sub(pow10(d.s), d.m); // (1 − discount) × 10^d.s
  const gross = add(pow10(t.s), t.m); // (1 + taxRate) × 10^t.s
  return money(mul(q.m, p.m, keep, gross), pow10(q.s + p.s + d.s + t.s));
}

/**
 * Tax contained in a tax-inclusive amount: gross × rate / (1 + rate), rounded to 2 decimals half-up.
 * taxFromGross(1180, 0.18) === 180
 */
export function taxFromGross(gross: number, rate: number): number {
  finite(gross, "grossAmount");
  fraction(rate, "rate");
  const gs = scaleOf(gross);
  const rs = scaleOf(rate);
  if (gs >= 0 && rs >= 0) {
    const rm = Math.round(rate * p10(rs));
    return money(mul(Math.round(gross * p10(gs)), rm), mul(pow10(gs), p10(rs) + rm));
  }
  const g = decOf(gross);
  const r = decOf(rate);
  // g.m/10^g.s × r.m/10^r.s ÷ (10^r.s + r.m)/10^r.s = g.m × r.m / (10^g.s × (10^r.s + r.m))
  return money(mul(g.m, r.m), mul(pow10(g.s), add(pow10(r.s), r.m)));
}

export type TaxMode = "line" | "total";

/**
 * Tax on a set of line amounts at one rate. `line`: each line's tax rounded to 2 decimals, then added;
 * `total`: the lines added exactly, the tax rounded once. Blank cells (null, undefined, "") are skipped.
 * invoiceTax([10.05, 10.05, 10.05], 0.05, "line") === 1.5; (..., "total") === 1.51
 */
export function invoiceTax(amounts: readonly number[], rate: number, mode: TaxMode | string = "line"): number {
  const r = decOf(fraction(rate, "rate"));
  const m = normMode(mode);
  if (!Array.isArray(amounts)) throw valueError(`amounts: expected a list of amounts, got ${show(amounts)}`);
  if (m === "line") {
    let total: Int = 0;
    for (let i = 0; i < amounts.length; i++) {
      if (isBlank(amounts[i])) continue;
      const x = amount(amounts[i], i);
      const xs = scaleOf(x);
      if (xs >= 0) total = add(total, cents(mul(Math.round(x * p10(xs)), r.m), pow10(xs + r.s)));
      else {
        const a = decOf(x);
        total = add(total, cents(mul(a.m, r.m), pow10(a.s + r.s)));
      }
    }
    return intNumber(total, 2);
  }
  // total: exact sum at the largest scale among the lines (short decimals without allocation, others via decOf).
  let scale = 0;
  let plain = true;
  for (let i = 0; i < amounts.length; i++) {
    if (isBlank(amounts[i])) continue;
    const xs = scaleOf(amount(amounts[i], i));
    if (xs < 0) plain = false;
    else if (xs > scale) scale = xs;
  }
  let sum: Int = 0;
  if (plain) {
    for (let i = 0; i < amounts.length; i++) {
      const x = amounts[i];
      if (isBlank(x)) continue;
      const xs = scaleOf(x);
      sum = add(sum, mul(Math.round(x * p10(xs)), pow10(scale - xs)));
    }
  } else {
    const parts: Dec[] = [];
    for (let i = 0; i < amounts.length; i++) if (!isBlank(amounts[i])) parts.push(decOf(amounts[i]));
    scale = parts.reduce((s, d) => Math.max(s, d.s), 0);
    for (const d of parts) sum = add(sum, mul(d.m, pow10(scale - d.s)));
  }
  return money(mul(sum, r.m), pow10(scale + r.s));
}

/** The i-th line amount, checked (the parameter name is only built for the error message). */
function amount(x: unknown, i: number): number {
  if (typeof x === "number" && Number.isFinite(x)) return x;
  return finite(x as number, `amounts[${i + 1}]`);
}

/** A blank cell in a range: skipped, as SUM skips it. */
function isBlank(x: unknown): boolean {
  return x === null || x === undefined || x === "";
}

function normMode(mode: string): TaxMode {
  if (mode === "line" || mode === "total") return mode;
  const m = typeof mode === "string" ? mode.trim().toLowerCase() : mode;
  if (m === "line" || m === "total") return m;
  if (m === "" || m === undefined || m === null) return "line";
  throw valueError(`mode: expected "line" or "total", got ${show(mode)}`);
}

const ROUND_MODES: Record<string, RoundingMode> = {
  "half-up": "half-up",
  halfup: "half-up",
  "half-even": "half-even",
  halfeven: "half-even",
  bankers: "half-even",
  up: "up",
  down: "down",
};

/** The rounding mode a user typed: "half-up" (default), "half-even", "up", "down"; case, spaces and _ forgiven. */
export function roundingMode(mode: string | undefined | null, param = "mode"): RoundingMode {
  if (mode === undefined || mode === null || mode === "") return "half-up";
  if (typeof mode === "string") {
    const hit =
      ROUND_MODES[mode] ??
      ROUND_MODES[
        mode
          .trim()
          .toLowerCase()
          .replace(/[\s_]+/g, "-")
      ];
    if (hit) return hit;
  }
  throw valueError(
    `${param}: expected "half-up" (away from zero), "half-even", "up" (away from zero) or "down" (toward zero), got ${show(mode)}`,
  );
}

/**
 * Round to any positive increment on the decimal value: half-up (away from zero, as Excel's ROUND),
 * half-even, up (away from zero, as ROUNDUP) or down (toward zero, as ROUNDDOWN).
 * roundMoney(1.005) === 1.01; roundMoney(1.025, 0.05) === 1.05; roundMoney(1234.5, 10, "down") === 1230
 */
export function roundMoney(amount: number, increment = 0.01, mode: RoundingMode | string = "half-up"): number {
  finite(amount, "amount");
  finite(increment, "increment");
  if (increment <= 0)
    throw numError(`increment: expected a positive step such as 0.01, 0.05, 1 or 10, got ${increment}`);
  const rm = roundingMode(mode);
  const a = decOf(amount);
  const inc = decOf(increment);
  // amount / increment at a common scale, rounded to a whole number of steps, times the step.
  // Exact throughout (a bigint past 2^53), one conversion at the end: an amount of 1e21 or 2^53 + 1 is already a
  // whole number of cents, so rounding it to 0.01 gives the amount itself.
  const sc = Math.max(a.s, inc.s);
  const steps = divRoundInt(mul(a.m, pow10(sc - a.s)), mul(inc.m, pow10(sc - inc.s)), rm);
  const r = intNumber(mul(steps, inc.m), inc.s);
  if (!Number.isFinite(r)) throw numError(`amount: ${amount} rounded up to ${increment} is beyond the largest number`);
  return r;
}

/**
 * Days sales outstanding: receivables / creditSales × days (the nearest double to the exact quotient; not rounded).
 * dso(250000, 1000000) === 91.25
 */
export function dso(receivables: number, creditSales: number, days = 365): number {
  const r = decOf(finite(receivables, "receivables"));
  const s = decOf(finite(creditSales, "creditSales"));
  const d = decOf(finite(days, "days"));
  if (receivables < 0) throw numError(`receivables: expected an amount of 0 or more, got ${receivables}`);
  if (creditSales === 0) throw new ExcelError("#DIV/0!", "creditSales: is 0; DSO needs credit sales for the period");
  if (creditSales < 0) throw numError(`creditSales: expected a positive amount, got ${creditSales}`);
  if (days <= 0) throw numError(`days: expected the number of days in the period (e.g. 365, 90, 30), got ${days}`);
  // r/10^rs × d/10^ds ÷ (s/10^ss) = r × d × 10^ss / (s × 10^(rs+ds))
  const v = ratio(mul(r.m, d.m, pow10(s.s)), mul(s.m, pow10(r.s + d.s)));
  return v === 0 ? 0 : v;
}
