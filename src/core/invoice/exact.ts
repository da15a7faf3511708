/**
 * Exact rational arithmetic for the invoice functions: every result is N / D with N and D
 * products of integers (decimal mantissas, powers of ten, day counts), rounded once.
 * Safe-integer arithmetic on the hot path, BigInt only when a product would leave the safe range
 * (or an input has more than 15 decimals, e.g. 0.30000000000000004 from a float formula).
 */

import { decimalParts, type RoundingMode } from "../money";
import { valueError } from "../errors";

export type Int = number | bigint;

/** An exact decimal: m / 10^s. */
export interface Dec {
  m: Int;
  s: number;
}

const POW10: number[] = [];
for (let i = 0; i <= 22; i++) POW10.push(10 ** i);
const MAX = Number.MAX_SAFE_INTEGER;

/** 10^k as a safe number when it is one, else a bigint. */
export function pow10(k: number): Int {
  return k <= 15 ? POW10[k] : 10n ** BigInt(k);
}

/**
 * The decimal scale of a number without allocating: the smallest s (0..15) with x × 10^s a safe integer that maps
 * back to x exactly (the same rule as money.ts decimalParts), or -1 when there is none (then use decOf).
 * The mantissa is then Math.round(x × 10^s). scaleOf(19.99) === 2; scaleOf(0.1 + 0.2) === -1
 */
export function scaleOf(x: number): number {
  if (Number.isInteger(x)) return x <= MAX && x >= -MAX ? 0 : -1;
  for (let s = 1; s <= 15; s++) {
    const p = POW10[s];
    const r = Math.round(x * p);
    if (r > MAX || r < -MAX) return -1;
    if (r / p === x) return s;
  }
  return -1;
}

/** 10^k for 0 <= k <= 22 as a number (exact up to 10^22). */
export function p10(k: number): number {
  return POW10[k];
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
  if (ax >= 1e-7 && ax < 1e15) {
    // Fast path: the 15-digit mantissa by one scaling (|m| < 10^15 is exact; the product's error is far below
    // the half-unit of the 15th digit), then trailing zeros dropped.
    let sc = 14 - Math.floor(Math.log10(ax));
    let y = x * POW10[sc];
    if (y >= 1e15 || y <= -1e15) y = x * POW10[--sc];
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
  // 15 significant digits, possibly in exponent form: "1.21000000000000", "1.00000000000000e+21".
  const e = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(x.toPrecision(15));
  if (!e) throw valueError(`expected a finite number, got ${x}`);
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

/** Product of up to four integers, as a safe number when it stays one, else a bigint (no allocation on the fast path). */
export function mul(a: Int, b: Int, c: Int = 1, d: Int = 1): Int {
  let p = mul2(a, b);
  if (c !== 1) p = mul2(p, c);
  if (d !== 1) p = mul2(p, d);
  return p;
}

function mul2(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return BigInt(a) * BigInt(b);
}

export function add(a: Int, b: Int): Int {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (r <= MAX && r >= -MAX) return r;
  }
  return BigInt(a) + BigInt(b);
}

export function sub(a: Int, b: Int): Int {
  return add(a, -b);
}

/**
 * num / den rounded to an integer by mode (half-up and up are away from zero, down is toward zero,
 * half-even is banker's). den must be positive.
 * divRound(5, 2) === 3; divRound(-5, 2) === -3; divRound(5, 2, "half-even") === 2
 */
export function divRound(num: Int, den: Int, mode: RoundingMode = "half-up"): number {
  if (typeof num === "number" && typeof den === "number") {
    const neg = num < 0;
    const a = neg ? -num : num;
    let q = Math.floor(a / den);
    let rem = a - q * den;
    // a / den in float may be off by one near integers: fix with the exact remainder.
    if (rem < 0) {
      q -= 1;
      rem += den;
    } else if (rem >= den) {
      q += 1;
      rem -= den;
    }
    if (rem !== 0) q += roundUpStep(rem * 2 > den ? 1 : rem * 2 === den ? 0 : -1, q % 2 === 1, mode);
    return neg && q !== 0 ? -q : q;
  }
  const n = BigInt(num);
  const d = BigInt(den);
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const rem = a - q * d;
  if (rem !== 0n) q += BigInt(roundUpStep(rem * 2n > d ? 1 : rem * 2n === d ? 0 : -1, q % 2n === 1n, mode));
  const r = Number(q);
  return neg && r !== 0 ? -r : r;
}

/** 1 when the truncated quotient must move one away from zero: cmp compares the remainder with a half. */
function roundUpStep(cmp: number, odd: boolean, mode: RoundingMode): number {
  switch (mode) {
    case "up":
      return 1;
    case "down":
      return 0;
    case "half-even":
      return cmp > 0 || (cmp === 0 && odd) ? 1 : 0;
    default:
      return cmp >= 0 ? 1 : 0;
  }
}

/** num / den rounded to 2 decimals half-up, as a number: money(1005, 1000) === 1.01. */
export function money(num: Int, den: Int, mode: RoundingMode = "half-up"): number {
  const c = divRound(mul(num, 100), den, mode);
  return c === 0 ? 0 : c / 100;
}

/** num / den as the nearest double (one correctly rounded division when both fit, for ratios such as DSO). */
export function ratio(num: Int, den: Int): number {
  if (typeof num === "number" && typeof den === "number") return num / den;
  // Scale to 17 significant digits exactly, then one float division of safe-ish parts.
  const n = BigInt(num);
  const d = BigInt(den);
  const q = divRound(n * 10n ** 20n, d);
  return q / 1e20;
}

/** num / den in integer cents (2 decimals), rounded by mode: cents(1005, 1000) === 101. */
export function cents(num: Int, den: Int, mode: RoundingMode = "half-up"): number {
  return divRound(mul(num, 100), den, mode);
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
  return typeof d.m === "number" && d.s <= 22 ? d.m / POW10[d.s] : Number(d.m) / 10 ** d.s;
}
