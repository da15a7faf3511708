/**
 * Exact decimal money. A JS number at the edge is read as the decimal the user typed
 * (its shortest round-trip representation: 1.005 is 1.005, not 1.00499999999999989...),
 * computed on as scaled integers, and rounded once, explicitly.
 *
 * Amounts inside the engines are integer minor units ("cents": paise for INR, cents for USD).
 */

import Decimal from "decimal.js";

export type RoundingMode = "half-up" | "half-even" | "up" | "down";

const POW10: number[] = [];
for (let i = 0; i <= 22; i++) POW10.push(10 ** i);
const MAX = Number.MAX_SAFE_INTEGER;

/** An exact integer: a safe number on the hot path, a bigint once a product or sum leaves the safe range. */
export type Int = number | bigint;

/** 10^k for 0 <= k <= 22 as a number (exact up to 10^22). */
export function p10(k: number): number {
  return POW10[k];
}

/** 10^k as a safe number when it is one, else a bigint. */
export function pow10(k: number): Int {
  return k <= 15 ? POW10[k] : 10n ** BigInt(k);
}

/**
 * The decimal scale of a number without allocating: the smallest s (0..15) whose x × 10^s is a safe integer that
 * maps back to x exactly, or -1 when there is none. The mantissa is then Math.round(x × 10^s).
 * scaleOf(19.99) === 2; scaleOf(0.1 + 0.2) === -1
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

/**
 * The decimal a number stands for, as an integer mantissa and a scale: x = m / 10^s,
 * with the smallest s whose decimal maps back to x exactly (scaleOf). null when no such decimal
 * fits in a safe integer (then callers fall back to decimal strings).
 * decimalParts(1.005) => { m: 1005, s: 3 }; decimalParts(-12) => { m: -12, s: 0 }
 */
export function decimalParts(x: number): { m: number; s: number } | null {
  const s = scaleOf(x);
  if (s < 0) return null;
  return { m: s === 0 ? x : Math.round(x * POW10[s]), s };
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
  return Number(bigDivRound(BigInt(num), BigInt(den), mode));
}

/**
 * divRound keeping an exact integer: a number when both operands are numbers, else a bigint (never rounded to a
 * double on the way, so a quotient past 2^53 or past the double range stays exact for the caller to convert once).
 */
export function divRoundInt(num: Int, den: Int, mode: RoundingMode = "half-up"): Int {
  if (typeof num === "number" && typeof den === "number") return divRound(num, den, mode);
  return bigDivRound(BigInt(num), BigInt(den), mode);
}

function bigDivRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const rem = a - q * d;
  if (rem !== 0n) q += BigInt(roundUpStep(rem * 2n > d ? 1 : rem * 2n === d ? 0 : -1, q % 2n === 1n, mode));
  return neg ? -q : q;
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

/** Divide an integer by 10^k (k <= 22; NaN beyond), rounding by mode. Exact for safe integers. */
export function roundScaled(m: number, k: number, mode: RoundingMode = "half-up"): number {
  if (k <= 0) return m * POW10[-k];
  if (k > 22) return NaN;
  const q = divRound(m, POW10[k], mode);
  return q === 0 ? 0 : q;
}

/**
 * Round a number to `places` decimals on its decimal value (half-up = away from zero, as Excel's ROUND).
 * roundTo(1.005, 2) === 1.01; roundTo(-2.5, 0) === -3; roundTo(2.345, 2, "half-even") === 2.34
 */
export function roundTo(x: number, places: number, mode: RoundingMode = "half-up"): number {
  const d = decimalParts(x);
  if (!d) return roundViaString(x, places, mode);
  if (d.s <= places) return x;
  const q = roundScaled(d.m, d.s - places, mode);
  return places >= 0 ? q / POW10[places] : q * POW10[-places];
}

/** Fallback for numbers whose decimal does not fit a safe integer: decimal.js on the same shortest decimal. */
function roundViaString(x: number, places: number, mode: RoundingMode): number {
  if (!Number.isFinite(x)) return x;
  const rm = {
    "half-up": Decimal.ROUND_HALF_UP,
    "half-even": Decimal.ROUND_HALF_EVEN,
    up: Decimal.ROUND_UP,
    down: Decimal.ROUND_DOWN,
  }[mode];
  return new Decimal(x).toDecimalPlaces(Math.max(0, places), rm).toNumber();
}

/**
 * Integer minor units (2 decimals) of an amount, rounded half-up on its decimal value.
 * toCents(10.05) === 1005; toCents(1.005) === 101; toCents(-0.125) === -13
 */
export function toCents(x: number): number {
  const d = decimalParts(x);
  if (!d) return Math.round(x * 100);
  return roundScaled(d.m, d.s - 2, "half-up");
}

/** The number for an amount in minor units: fromCents(1005) === 10.05 (one exact division, at the edge). */
export function fromCents(c: number): number {
  return c / 100;
}

/**
 * Round to any increment (0.05, 1, 10, 0.01) on decimal values.
 * roundToIncrement(1.024, 0.05) === 1; roundToIncrement(1.025, 0.05) === 1.05; roundToIncrement(1234, 10) === 1230
 */
export function roundToIncrement(x: number, increment: number, mode: RoundingMode = "half-up"): number {
  const dx = decimalParts(x);
  const di = decimalParts(increment);
  if (!dx || !di || di.m === 0) return NaN;
  const s = Math.max(dx.s, di.s);
  const mx = dx.m * POW10[s - dx.s];
  const mi = Math.abs(di.m) * POW10[s - di.s];
  if (!Number.isSafeInteger(mx) || !Number.isSafeInteger(mi)) return NaN;
  const m = divRound(mx, mi, mode) * mi;
  const r = m / POW10[s];
  return r === 0 ? 0 : r;
}

export interface AmountOptions {
  /**
   * The column writes amounts with a decimal comma (1.234,56 as German and many European banks export):
   * a comma is the decimal point and dots group thousands. Only for a column whose values prove it
   * (decimalCommaEvidence); numbers are unaffected.
   */
  decimalComma?: boolean;
}

export type ParsedAmount =
  { ok: true; cents: number; decimals: number } | { ok: false; empty: boolean; message: string };

const CURRENCY = /^(?:₹|rs\.?|inr|\$|usd|us\$|€|eur|£|gbp|¥|aed|sgd|aud|cad)\s*/i;
const CURRENCY_END = /\s*(?:₹|rs\.?|inr|\$|usd|€|eur|£|gbp|aed|sgd|aud|cad)$/i;

/**
 * Read an amount as a person would key or a bank would print it, into exact minor units.
 * Accepts numbers; text with Indian lakh grouping (1,23,456.78) or international grouping
 * (123,456.78, 123 456.78); a currency symbol or code; a leading sign, a trailing minus
 * (1,234.50-) or brackets for negatives ((1,234.50)); a Dr/Cr suffix is stripped (the caller
 * decides its sign). More than 2 decimals are rounded half-up; `decimals` tells how many there were.
 * With `decimalComma` the comma is the decimal point instead: parseAmount("-1.234,56", { decimalComma: true })
 * is -123456 cents.
 * parseAmount("(1,23,456.50)") => { ok: true, cents: -12345650, decimals: 2 }
 */
export function parseAmount(v: unknown, options: AmountOptions = {}): ParsedAmount {
  if (v === null || v === undefined) return { ok: false, empty: true, message: "is blank" };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false, empty: false, message: `is not a finite number (${v})` };
    // toCents and decimalParts in one: the scale is found once.
    const sc = scaleOf(v);
    if (sc < 0) return { ok: true, cents: Math.round(v * 100), decimals: 15 };
    return { ok: true, cents: roundScaled(sc === 0 ? v : Math.round(v * POW10[sc]), sc - 2, "half-up"), decimals: sc };
  }
  if (typeof v === "boolean")
    return { ok: false, empty: false, message: `expected an amount, got ${v ? "TRUE" : "FALSE"}` };
  if (typeof v === "string" && !options.decimalComma) {
    const quick = plainAmount(v);
    if (quick !== null) return quick;
  }
  let s = String(v)
    .replace(/[\u00a0\u2007\u202f\u2009]/g, " ")
    .trim();
  if (s === "" || s === "-" || s === "–") return { ok: false, empty: true, message: "is blank" };
  const original = s;
  const fail = (why: string): ParsedAmount => ({
    ok: false,
    empty: false,
    message: `"${clip(original)}" is not an amount${why ? ` (${why})` : ""}; expected e.g. 1,23,456.78 or -1234.50`,
  });
  let negative = false;
  s = s.replace(/\s*(?:dr|cr)\.?$/i, "");
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (/^[-−–]/.test(s)) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith("+")) s = s.slice(1).trim();
  s = s.replace(CURRENCY, "").replace(CURRENCY_END, "").trim();
  if (/^[-−–]/.test(s)) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  if (/[-−–]$/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  if (s === "") return fail("no digits");
  if (options.decimalComma) {
    // 1.234,56 / 1 234,56 / 1234,5: dots, spaces or apostrophes group thousands, the comma is the decimal point.
    const dc = /^(\d{1,3}(?:[. '](?:\d{3}))*|\d+)(?:,(\d+))?$/.exec(s);
    if (!dc) return fail(/[a-z]/i.test(s) ? "contains letters" : "expected a decimal comma, e.g. 1.234,56");
    s = dc[1].replace(/[. ']/g, "") + (dc[2] !== undefined ? `.${dc[2]}` : "");
  }
  // Grouping: commas (Indian or international), spaces in groups of 3, or apostrophes (Swiss).
  const m = /^(\d{1,3}(?:[, '](?:\d{2,3}))*|\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return fail(/[a-z]/i.test(s) ? "contains letters" : "");
  const intPart = m[1];
  if (/[, ']/.test(intPart) && !validGrouping(intPart)) return fail("misplaced thousands separator");
  const digits = intPart.replace(/[, ']/g, "");
  const frac = m[2] ?? "";
  if (digits.length > 13) return fail("too large");
  let cents = Number(digits) * 100 + Number((frac + "00").slice(0, 2));
  if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1;
  if (negative && cents !== 0) cents = -cents;
  return { ok: true, cents, decimals: frac.length };
}

/**
 * An amount written plainly, read from its character codes: an optional "-", 1 to 13 digits, and
 * optionally "." and one or more digits, nothing else ("1234.50", "-12", "0.125"). The same result as
 * parseAmount's general path gives that text; null for anything else, which takes the general path.
 */
function plainAmount(v: string): ParsedAmount | null {
  const n = v.length;
  let k = 0;
  const negative = v.charCodeAt(0) === 45;
  if (negative) k++;
  const start = k;
  let int = 0;
  for (let c = v.charCodeAt(k); c >= 48 && c <= 57; c = v.charCodeAt(++k)) int = int * 10 + c - 48;
  const intDigits = k - start;
  if (intDigits === 0 || intDigits > 13) return null;
  let frac = 0;
  let fracDigits = 0;
  let roundUp = false;
  if (k < n) {
    if (v.charCodeAt(k) !== 46) return null;
    k++;
    for (let c = v.charCodeAt(k); c >= 48 && c <= 57; c = v.charCodeAt(++k)) {
      if (fracDigits < 2) frac = frac * 10 + c - 48;
      else if (fracDigits === 2) roundUp = c >= 53;
      fracDigits++;
    }
    if (fracDigits === 0 || k !== n) return null;
  }
  if (fracDigits === 1) frac *= 10;
  let cents = int * 100 + frac + (roundUp ? 1 : 0);
  if (negative && cents !== 0) cents = -cents;
  return { ok: true, cents, decimals: fracDigits };
}

/** 1,23,45,678 (lakh) or 12,345,678 (international): the last group has 3 digits, the others 2 or all 3. */
function validGrouping(intPart: string): boolean {
  const groups = intPart.split(/[, ']/);
  const last = groups[groups.length - 1];
  if (last.length !== 3) return false;
  const middle = groups.slice(1, -1);
  const allThree = middle.every((g) => g.length === 3);
  const allTwo = middle.every((g) => g.length === 2);
  return allThree || allTwo;
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + "..." : s;
}

/** Paise as rupees in a message, as the pane and the sheets show them: formatRupees(-875000) === "-₹8,750.00". */
export function formatRupees(paise: number): string {
  return `${paise < 0 ? "-" : ""}₹${formatCents(Math.abs(paise), "en-IN")}`;
}

/**
 * Format minor units for messages and labels: formatCents(12345650, "en-IN") === "1,23,456.50".
 */
export function formatCents(cents: number, locale: "en-IN" | "en-US" = "en-US"): string {
  const neg = cents < 0;
  const a = Math.abs(cents);
  const int = Math.floor(a / 100).toString();
  const frac = (a % 100).toString().padStart(2, "0");
  let grouped: string;
  if (locale === "en-IN" && int.length > 3) {
    const head = int.slice(0, -3);
    grouped = head.replace(/\B(?=(\d{2})+(?!\d))/g, ",") + "," + int.slice(-3);
  } else grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${neg ? "-" : ""}${grouped}.${frac}`;
}

/**
 * What one amount text says about its decimal separator: "comma" when only a decimal comma reads it
 * ("1.234,56", "-12,5", "0,99"), "dot" when only a decimal point does ("1,234.56", "12.50"), null when it
 * reads either way or is not an amount ("1.234", "1,234", "500", numbers).
 * decimalCommaEvidence("-1.234,56") === "comma"; decimalCommaEvidence("1,23,456.78") === "dot"
 */
export function decimalCommaEvidence(v: unknown): "comma" | "dot" | null {
  if (typeof v !== "string") return null;
  // The text's digits, dots and commas alone, looked at where they are: positions count only those.
  let len = 0;
  let digits = false;
  let lastComma = -1;
  let lastDot = -1;
  let commas = 0;
  let dots = 0;
  for (let k = 0; k < v.length; k++) {
    const c = v.charCodeAt(k);
    if (c >= 48 && c <= 57) digits = true;
    else if (c === 44) {
      lastComma = len;
      commas++;
    } else if (c === 46) {
      lastDot = len;
      dots++;
    } else continue;
    len++;
  }
  if (!digits) return null;
  if (lastComma >= 0 && lastDot >= 0) return lastComma > lastDot ? "comma" : "dot";
  // One kind of separator: a final group of other than 3 digits can only be decimals.
  const comma = lastComma >= 0;
  if (!comma && lastDot < 0) return null;
  const tail = len - (comma ? lastComma : lastDot) - 1;
  if (tail === 3) return null;
  if ((comma ? commas : dots) > 1) return comma ? "dot" : "comma"; // 1,23,456 / 1.234.567: grouping, so the other is decimal
  return comma ? "comma" : "dot";
}
