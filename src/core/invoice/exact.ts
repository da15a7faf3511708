/**
 * Exact rational arithmetic for the invoice functions: every result is N / D with N and D
 * products of integers (decimal mantissas, powers of ten, day counts), rounded once.
 * The integer primitives (Int, mul, add, sub, pow10, divRound: safe integers on the hot path, BigInt only when a
 * product would leave the safe range) are money.ts's; here are the decimals they work on (decOf, also for inputs
 * with more than 15 decimals, e.g. 0.30000000000000004 from a float formula) and the final roundings.
 */

import { decimalParts, divRoundInt, type Int, mul, p10, type RoundingMode } from "../money";
import { valueError } from "../errors";

/** An exact decimal: m / 10^s. */
export interface Dec {
  m: Int;
  s: number;
}

/**
 * The decimal a finite number stands for, exactly: its shortest round-trip text when that has at most 15 decimals
 * (money.ts decimalParts: 1.005 is 1.005). A number that needs more is float noise from a formula
 * (0.1 + 0.2 = 0.30000000000000004, 1.1 × 1.1 = 1.2100000000000002): it is read at Excel's 15 significant digits
 * ("Excel stores 15 significant digits of precision", Microsoft, "Floating-point arithmetic may give inaccurate
 * results in Excel"), as the cell shows it, so ROUNDMONEY(1.1*1.1, 0.01, "up") is 1.21 as in Excel, not 1.22.
 * decOf(1.005) => { m: 1005, s: 3 }; decOf(0.1 + 0.2) => { m: 3, s: 1 }; decOf(1e21) => { m: 10n ** 21n, s: 0 }
 */
export function decOf(x: number): Dec {
  const d = decimalParts(x);
  if (d) return d;
  if (!Number.isFinite(x)) throw valueError(`expected a finite number, got ${x}`);
  const ax = Math.abs(x);
  // From 10^15 up a double has no float noise to read away, only its own digits: take its shortest round-trip text
  // exactly, so a number past 2^53 (already a whole number there) is itself, not cut to 15 digits (9007199254740992,
  // 1e21 and 1.5e300 stay what they are).
  if (ax >= 1e15) return decOfText(String(x));
  if (ax >= 1e-7 && ax < 1e15) {
    // Fast path: the 15-digit mantissa by one scaling (|m| < 10^15 is exact; the product's error is far below
    // the half-unit of the 15th digit), then trailing zeros dropped.
    let sc = 14 - Math.floor(Math.log10(ax));
    let y = x * p10(sc);
    if (y >= 1e15 || y <= -1e15) y = x * p10(--sc);
    // Near a half unit the scaled product's own rounding could decide: leave those to the exact text path.
    const frac = Math.abs(y - Math.trunc(y));
    if (Math.abs(frac - 0.5) > 1e-3) {
      let m = Math.round(y);
      while (sc > 0 && m % 10 === 0) {
        m /= 10;
        sc--;
      }
      return { m: m === 0 ? 0 : m, s: sc };
    }
  }
  // 15 significant digits, possibly in exponent form: "1.21000000000000", "1.00000000000000e-7".
  return decOfText(x.toPrecision(15));
}

/** The exact decimal of a number's text ("1.21000000000000", "1e+21", "9007199254740992", "-2.5e-8"). */
function decOfText(text: string): Dec {
  const e = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!e) throw valueError(`expected a finite number, got ${text}`);
  const frac = (e[3] ?? "").replace(/0+$/, "");
  let s = frac.length - Number(e[4] ?? 0);
  const digits = (e[2] + frac).replace(/^0+(?=\d)/, "");
  let m: Int = digits.length <= 15 ? Number(digits) : BigInt(digits);
  if (s < 0) {
    m = BigInt(m) * 10n ** BigInt(-s);
    s = 0;
  }
  if (typeof m === "number" && Number.isSafeInteger(m)) return { m: e[1] ? -m : m, s };
  const big = BigInt(m);
  return { m: e[1] ? -big : big, s };
}

/** num / den rounded to 2 decimals half-up, as a number: money(1005, 1000) === 1.01. */
export function money(num: Int, den: Int, mode: RoundingMode = "half-up"): number {
  const c = divRoundInt(mul(num, 100), den, mode);
  return typeof c === "number" ? (c === 0 ? 0 : c / 100) : intNumber(c, 2);
}

/**
 * The nearest double to m / 10^s, one correct rounding: intNumber(1005, 2) === 10.05; a quotient past 2^53 or
 * the double range is read from its exact digits (Infinity only when the value itself is beyond about 1.8e308).
 */
export function intNumber(m: Int, s: number): number {
  if (typeof m === "number" && s >= 0 && s <= 22) {
    const r = m / p10(s);
    return r === 0 ? 0 : r;
  }
  const r = Number(`${m}e${-s}`);
  return r === 0 ? 0 : r;
}

/** num / den as the nearest double (one correctly rounded division when both fit, for ratios such as DSO). */
export function ratio(num: Int, den: Int): number {
  if (typeof num === "number" && typeof den === "number") return num / den;
  // Scale to 17 significant digits exactly, then one float division of safe-ish parts.
  const n = BigInt(num);
  const d = BigInt(den);
  return intNumber(divRoundInt(n * 10n ** 20n, d), 20);
}

/** num / den in integer cents (2 decimals), rounded by mode, exact (a bigint past 2^53): cents(1005, 1000) === 101. */
export function cents(num: Int, den: Int, mode: RoundingMode = "half-up"): Int {
  return divRoundInt(mul(num, 100), den, mode);
}

/**
 * Half-up rounding to cents decided from a double estimate, or null when the estimate cannot decide it.
 * `cents` is the estimate of the exact value × 100 and `relErr` a rigorous bound on its relative error. When the
 * exact value cannot lie within that error of a half cent, rounding the estimate half-up (away from zero) gives the
 * same cents as rounding the exact value, which is returned (as cents / 100); otherwise null, and the caller computes
 * exactly. A filter in front of BigInt arithmetic: the answer is always the exactly rounded one.
 */
export function centsIfDecided(cents: number, relErr: number): number | null {
  const abs = Math.abs(cents);
  if (!(abs < 2 ** 52)) return null;
  const margin = abs * relErr * 4 + 1e-300;
  const frac = abs - Math.floor(abs);
  if (!(Math.abs(frac - 0.5) > margin)) return null;
  const c = Math.floor(abs + 0.5);
  return c === 0 ? 0 : (cents < 0 ? -c : c) / 100;
}

/** A decimal as the nearest double (one rounding when m is a safe integer and s <= 22). */
export function approx(d: Dec): number {
  return typeof d.m === "number" && d.s <= 22 ? d.m / p10(d.s) : Number(d.m) / 10 ** d.s;
}
