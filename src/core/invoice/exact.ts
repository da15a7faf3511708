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
 * The decimal a finite number stands for (its shortest round-trip text), exactly.
 * decOf(1.005) => { m: 1005, s: 3 }; decOf(0.1 + 0.2) => { m: 30000000000000004n, s: 17 }
 */
export function decOf(x: number): Dec {
  const d = decimalParts(x);
  if (d) return d;
  // Shortest round-trip text, possibly in exponent form: "1.2345e-7", "1e+21".
  const t = String(x);
  const e = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(t);
  if (!e) throw valueError(`expected a finite number, got ${t}`);
  const digits = (e[2] + (e[3] ?? "")).replace(/^0+(?=\d)/, "");
  let s = (e[3] ?? "").length - Number(e[4] ?? 0);
  let m = BigInt(digits);
  if (s < 0) {
    m *= 10n ** BigInt(-s);
    s = 0;
  }
  return { m: e[1] ? -m : m, s };
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
