/** Pay for time worked: one workweek's gross with FLSA overtime, and proration by days. */

import { numError } from "../errors";
import { dAdd, dDivRound, dMul, dPos, dRound, dSign, dSub, dec, ZERO } from "./dec";
import { divByZero, finiteNumber, nonNegative } from "./checks";
import { c2, safe } from "./fast";
import { divRound } from "../money";

/**
 * Straight pay plus overtime for one workweek. A non-discretionary bonus is folded into the regular rate
 * as 29 CFR 778.110(b) requires: regular rate = (hours x rate + bonus) / hours, and each overtime hour earns
 * an extra (multiplier - 1) x regular rate. Rounded once to the cent.
 * grossPay(46, 12, 40, 1.5, 46) === 637   (29 CFR 778.110(b): 46 h at $12 plus a $46 bonus)
 * grossPay(45, 20) === 950
 */
export function grossPay(hours: number, rate: number, threshold = 40, multiplier = 1.5, bonus = 0): number {
  nonNegative(hours, "hours", "hours worked");
  nonNegative(rate, "rate", "an hourly rate");
  nonNegative(threshold, "threshold", "the weekly overtime threshold in hours");
  finiteNumber(multiplier, "multiplier");
  if (multiplier < 1) throw numError(`multiplier: expected 1 or more (1.5 is time and a half), got ${multiplier}`);
  nonNegative(bonus, "bonus", "a bonus amount");
  const fast = grossPayFast(hours, rate, threshold, multiplier, bonus);
  return fast !== undefined ? fast : grossPayExact(hours, rate, threshold, multiplier, bonus);
}

/** The general path of grossPay (any number of decimals, any magnitude), on exact decimals. Inputs already checked. */
export function grossPayExact(
  hours: number,
  rate: number,
  threshold: number,
  multiplier: number,
  bonus: number,
): number {
  const H = dec(hours);
  const B = dec(bonus);
  const straight = dAdd(dMul(H, dec(rate)), B);
  if (dSign(H) === 0) return dRound(B, 2);
  const ot = dPos(dSub(H, dec(threshold)));
  if (dSign(ot) === 0) return dRound(straight, 2);
  // pay = straight + ot x (straight / H) x (m - 1) = (straight x H + ot x straight x (m - 1)) / H
  const extra = dMul(dMul(ot, straight), dSub(dec(multiplier), { m: 1, s: 0 }));
  return dDivRound(dAdd(dMul(straight, H), extra), H, 2);
}

/** grossPay on integers in hundredths when every input has at most 2 decimals; undefined otherwise. */
function grossPayFast(
  hours: number,
  rate: number,
  threshold: number,
  multiplier: number,
  bonus: number,
): number | undefined {
  const H = c2(hours);
  const R = c2(rate);
  const T = c2(threshold);
  const M = c2(multiplier);
  const B = c2(bonus);
  if (H !== H || R !== R || T !== T || M !== M || B !== B) return undefined;
  if (H === 0) return B === 0 ? 0 : B / 100;
  const straight = H * R + B * 100; // 1e-4 units
  if (!safe(straight)) return undefined;
  const ot = H > T ? H - T : 0; // hundredths of an hour
  if (ot === 0) return divRound(straight, 100) / 100;
  // pay = (straight x H + ot x straight x (M - 100) / 100) / H, in 1e-8 units over H hundredths
  const a = straight * H * 100;
  const b = ot * straight * (M - 100);
  const num = a + b;
  if (!safe(a) || !safe(b) || !safe(num) || !safe(H * 10000)) return undefined;
  const c = divRound(num, H * 10000);
  return c === 0 ? 0 : c / 100;
}

/**
 * amount x paidDays / periodDays, rounded once to the cent.
 * prorate(30000, 20, 30) === 20000; prorate(25000, 15, 31) === 12096.77
 */
export function prorate(amount: number, paidDays: number, periodDays: number): number {
  finiteNumber(amount, "amount");
  nonNegative(paidDays, "paidDays", "a number of days");
  finiteNumber(periodDays, "periodDays");
  if (periodDays === 0) throw divByZero("periodDays: the period has 0 days; expected the days in the period (e.g. 30)");
  nonNegative(periodDays, "periodDays", "the days in the period");
  const num = dMul(dec(amount), dec(paidDays));
  return dSign(num) === 0 ? dRound(ZERO, 2) : dDivRound(num, dec(periodDays), 2);
}
