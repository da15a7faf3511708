/**
 * Interest on late payment: simple (actual days / 365) or compounded with monthly rests (MSMED Act s.16).
 */

import { addMonths } from "../ops/civil";
import { numError, valueError } from "../errors";
import { add, decOf, type Int, money, mul, pow10, sub } from "./exact";
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
  const a = decOf(finite(amount, "amount"));
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
  const r = decOf(annualRate);
  const R = pow10(r.s); // rate = r.m / R
  if (m === "simple") {
    // a.m/10^a.s × r.m/R × days/365
    return money(mul(a.m, r.m, paid - due), mul(pow10(a.s), R, 365));
  }
  // Whole months: EDATE(due, k) <= due + 31k, so floor(days / 31) is a lower bound; step up from there.
  let k = Math.floor((paid - due) / 31);
  while (addMonths(due, k + 1) <= paid) k++;
  if (k > 1200) throw numError(`paidDate: more than 100 years after dueDate; check the dates`);
  const rest = paid - addMonths(due, k);
  // balance factor = (12R + r.m)^k / (12R)^k ; part month factor = (365R + r.m·rest) / (365R)
  const g = add(mul(12, R), r.m);
  const h = mul(12, R);
  const gk = ipow(g, k);
  const hk = ipow(h, k);
  const partNum = add(mul(365, R), mul(r.m, rest));
  const partDen = mul(365, R);
  // interest = a × (gk·partNum − hk·partDen) / (hk·partDen)
  return money(mul(a.m, sub(mul(gk, partNum), mul(hk, partDen))), mul(pow10(a.s), hk, partDen));
}

function ipow(b: Int, k: number): Int {
  let r: Int = 1;
  for (let i = 0; i < k; i++) r = mul(r, b);
  return r;
}

function interestMethod(method: string): InterestMethod {
  if (method === undefined || method === null || method === "") return "simple";
  if (typeof method === "string") {
    const m = method.trim().toLowerCase();
    if (m === "simple" || m === "monthly") return m;
  }
  throw valueError(`method: expected "simple" or "monthly" (compound with monthly rests), got ${show(method)}`);
}
