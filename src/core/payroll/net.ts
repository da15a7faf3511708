/** Net pay: gross minus deductions, exact. */

import { finiteNumber } from "./checks";
import { c2, safe } from "./fast";
import { dRound, dSub, dAdd, dec, ZERO } from "./dec";

/**
 * gross minus the sum of the deductions, rounded once to the cent.
 * netPay(50000, [1800, 0, 200, 5000]) === 43000; netPay(0.3, [0.1, 0.2]) === 0
 */
export function netPay(gross: number, deductions: readonly number[]): number {
  finiteNumber(gross, "gross");
  // Fast path: amounts with at most 2 decimals, summed in cents.
  let cents = c2(gross);
  for (let i = 0; i < deductions.length && cents === cents; i++) {
    const d = deductions[i];
    finiteNumber(d, `deductions value ${i + 1}`);
    cents -= c2(d);
  }
  if (cents === cents && safe(cents)) return cents === 0 ? 0 : cents / 100;
  let sum = ZERO;
  for (let i = 0; i < deductions.length; i++)
    sum = dAdd(sum, dec(finiteNumber(deductions[i], `deductions value ${i + 1}`)));
  return dRound(dSub(dec(gross), sum), 2);
}
