/**
 * Exact decimal arithmetic for the payroll functions, on the shared integer helpers of ../money
 * (safe integers on the hot path, BigInt only past 2^53) and the decimals of ../invoice/exact. A value is m / 10^s; only the final rounding
 * (or a final division) leaves the exact domain.
 */

import { decOf, intNumber, type Dec } from "../invoice/exact";
import { add, divRoundInt, type Int, mul, pow10, sub, type RoundingMode } from "../money";

export type { Dec };

export const ZERO: Dec = { m: 0, s: 0 };

/** The decimal a number stands for: dec(1.005) => { m: 1005, s: 3 }. */
export const dec = decOf;

function at(a: Dec, s: number): Int {
  return a.s === s ? a.m : mul(a.m, pow10(s - a.s));
}

export function dAdd(a: Dec, b: Dec): Dec {
  const s = a.s > b.s ? a.s : b.s;
  return { m: add(at(a, s), at(b, s)), s };
}

export function dSub(a: Dec, b: Dec): Dec {
  const s = a.s > b.s ? a.s : b.s;
  return { m: sub(at(a, s), at(b, s)), s };
}

export function dMul(a: Dec, b: Dec): Dec {
  return { m: mul(a.m, b.m), s: a.s + b.s };
}

export function dSign(a: Dec): number {
  return a.m > 0 ? 1 : a.m < 0 ? -1 : 0;
}

/** -1, 0 or 1 as a <, =, > b. */
export function dCmp(a: Dec, b: Dec): number {
  return dSign(dSub(a, b));
}

export function dMin(a: Dec, b: Dec): Dec {
  return dCmp(a, b) <= 0 ? a : b;
}

export function dMax(a: Dec, b: Dec): Dec {
  return dCmp(a, b) >= 0 ? a : b;
}

/** max(0, a): the positive part. */
export function dPos(a: Dec): Dec {
  return dSign(a) > 0 ? a : ZERO;
}

/**
 * Round to `places` decimals (negative places: tens, hundreds) by mode and return the number:
 * dRound(dec(1.005), 2) === 1.01; dRound(dec(10404.8), -1) === 10400; dRound(dec(0.01), 0, "up") === 1
 */
export function dRound(a: Dec, places: number, mode: RoundingMode = "half-up"): number {
  if (a.s <= places) return dNumber(a);
  return intNumber(divRoundInt(a.m, pow10(a.s - places), mode), places);
}

/** num / den rounded to `places` decimals; den must not be zero. dDivRound(dec(598), dec(46), 2) === 13 */
export function dDivRound(num: Dec, den: Dec, places: number, mode: RoundingMode = "half-up"): number {
  // (n / 10^ns) / (d / 10^ds) * 10^places = n * 10^(ds + places) / (d * 10^ns)
  let n = num.m;
  let d = den.m;
  if (d < 0) {
    n = sub(0, n);
    d = sub(0, d);
  }
  const k = den.s + places - num.s;
  const q = k >= 0 ? divRoundInt(mul(n, pow10(k)), d, mode) : divRoundInt(n, mul(d, pow10(-k)), mode);
  return intNumber(q, places);
}

/** The nearest double to an exact decimal. */
export function dNumber(a: Dec): number {
  return intNumber(a.m, a.s);
}
