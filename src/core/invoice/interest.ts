/**
 * Interest on late payment: simple (actual days / 365) or compounded with monthly rests (MSMED Act s.16).
 */

import { edate, ymdFromSerial } from "../dates";
import { numError, valueError } from "../errors";
import { approx, decOf, money } from "./exact";
import { add, type Int, mul, p10, pow10, scaleOf, sub } from "../money";
import { finite, serial, show } from "./args";

export type InterestMethod = "simple" | "monthly";

/**
 * Interest for paying after dueDate, rounded once to 2 decimals half-up. Days are whole days (time of day dropped);
 * 0 when paid on or before the due date.
 * - simple: amount × annualRate × days / 365.
 * - monthly: k = whole calendar months from dueDate (EDATE semantics: the largest k with EDATE(due, k) ≤ paid, so
 *   Jan 31 -> Feb 28 is one month); balance = amount × (1 + rate/12)^k; the days after EDATE(due, k) earn simple
 *   interest on that balance, days/365; the result is the final balance minus the amount. Exact rational arithmetic.
 * lateInterest(100000, due, edate(due, 3), 0.165, "monthly") === 4181.98 (100000 × (1 + 0.165/12)^3 − 100000)
 */
export function lateInterest(
  amount: number,
  dueDate: number,
  paidDate: number,
  annualRate: number,
  method: InterestMethod | string = "simple",
): number {
  finite(amount, "amount");
  const due = Math.floor(serial(dueDate, "dueDate"));
  const paid = Math.floor(serial(paidDate, "paidDate"));
  finite(annualRate, "annualRate");
  if (annualRate < 0) throw numError(`annualRate: expected a rate of 0 or more (18% = 0.18), got ${annualRate}`);
  if (annualRate > 1 && annualRate <= 100)
    throw valueError(
      `annualRate: expected a percentage as a fraction (18% = 0.18), got ${annualRate} — did you mean ${annualRate}%?`,
    );
  if (annualRate > 1) throw valueError(`annualRate: expected a percentage between 0 and 1, got ${annualRate}`);
  const m = interestMethod(method);
  if (paid <= due) return 0;
  const as = scaleOf(amount);
  const a = as >= 0 ? { m: Math.round(amount * p10(as)), s: as } : decOf(amount);
  const rs = scaleOf(annualRate);
  const r = rs >= 0 ? { m: Math.round(annualRate * p10(rs)), s: rs } : decOf(annualRate);
  const R = pow10(r.s); // rate = r.m / R
  if (m === "simple") {
    // a.m/10^a.s × r.m/R × days/365
    return money(mul(a.m, r.m, paid - due), mul(pow10(a.s), R, 365));
  }
  // Whole months: the largest k with EDATE(due, k) <= paid. EDATE(due, k0) falls in paid's month on day
  // min(due day, month length); if that is after paid, one month fewer.
  const d0 = ymdFromSerial(due);
  const d1 = ymdFromSerial(paid);
  let k = (d1.y - d0.y) * 12 + (d1.m - d0.m);
  let anniversary = edate(due, k);
  if (anniversary > paid) {
    k--;
    anniversary = edate(due, k);
  }
  if (k > 1200) throw numError(`paidDate: more than 100 years after dueDate; check the dates`);
  const rest = paid - anniversary;
  // balance factor = (12R + r.m)^k / (12R)^k, reduced by the gcd so that the powers stay in safe integers longer
  // (16.5%: 12165/12000 = 811/800); part month factor = (365R + r.m·rest) / (365R).
  const [g, h] = monthlyFactor(annualRate, r.m, R);
  const partNum = add(mul(365, R), mul(r.m, rest));
  const partDen = mul(365, R);
  const decided = interestIfDecided(approx(a), g, h, k, partNum, partDen);
  if (decided !== null) return decided;
  const gk = power(gPowers, g, k);
  const hk = power(hPowers, h, k);
  // interest = a × (gk·partNum − hk·partDen) / (10^a.s · hk·partDen)
  return money(mul(a.m, sub(mul(gk, partNum), mul(hk, partDen))), mul(pow10(a.s), hk, partDen));
}

/**
 * A filter in front of the exact computation, for speed: the interest in cents is evaluated in double precision
 * together with a rigorous bound on its error (each of the k + 5 roundings adds at most 2^-53 relative to the final
 * balance amount × F, F = (g/h)^k × partNum/partDen; 4× safety). When the exact value cannot be within that bound of
 * a half cent, half-up rounding of the estimate IS the half-up rounding of the exact value, and that is returned;
 * otherwise (a value at or next to a half cent, e.g. 0.005) null sends the caller to the exact BigInt computation.
 * The result is therefore always the exactly rounded one; no float value is ever returned unrounded.
 */
function interestIfDecided(amount: number, g: Int, h: Int, k: number, pn: Int, pd: Int): number | null {
  if (typeof g !== "number" || typeof h !== "number" || typeof pn !== "number" || typeof pd !== "number") return null;
  const q = g / h;
  let f = pn / pd;
  for (let i = 0; i < k; i++) f *= q;
  const c = amount * 100 * (f - 1);
  const abs = Math.abs(c);
  const margin = Math.abs(amount) * 100 * f * (k + 6) * 2 ** -53 * 4 + 1e-300;
  const frac = abs - Math.floor(abs);
  if (!(Math.abs(frac - 0.5) > margin) || abs > 2 ** 52) return null;
  const cents = Math.floor(abs + 0.5);
  return cents === 0 ? 0 : (c < 0 ? -cents : cents) / 100;
}

let lastRate = NaN;
let lastFactor: [Int, Int] = [1, 1];

/** 1 + rate/12 as a reduced fraction, remembered for the last rate used (a sheet usually has one rate). */
function monthlyFactor(rate: number, rm: Int, R: Int): [Int, Int] {
  if (rate !== lastRate) {
    lastFactor = reduced(add(mul(12, R), rm), mul(12, R));
    lastRate = rate;
    gPowers = [1];
    hPowers = [1];
  }
  return lastFactor;
}

/** Powers of the last rate's factor, kept as they are computed: powers[k] = base^k. */
let gPowers: Int[] = [1];
let hPowers: Int[] = [1];

function power(powers: Int[], base: Int, k: number): Int {
  while (powers.length <= k) powers.push(mul(powers[powers.length - 1], base));
  return powers[k];
}

/** n/d in lowest terms (safe integers only; BigInts are left as they are). */
function reduced(n: Int, d: Int): [Int, Int] {
  if (typeof n !== "number" || typeof d !== "number") return [n, d];
  let a = Math.abs(n);
  let b = d;
  while (b) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a > 1 ? [n / a, d / a] : [n, d];
}

function interestMethod(method: string): InterestMethod {
  if (method === "simple" || method === "monthly") return method;
  if (method === undefined || method === null || method === "") return "simple";
  if (typeof method === "string") {
    const m = method.trim().toLowerCase();
    if (m === "simple" || m === "monthly") return m;
  }
  throw valueError(`method: expected "simple" or "monthly" (compound with monthly rests), got ${show(method)}`);
}
