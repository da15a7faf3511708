/**
 * Fast exact paths for the payroll functions: when every input has at most 2 decimals and every product stays a
 * safe integer, the whole computation runs on plain integers in fixed minor units (no allocation, no BigInt).
 * Callers fall back to the general Dec path (./dec.ts) when a fast path returns undefined; tests check that both
 * paths agree on random inputs.
 */

export const MAX = Number.MAX_SAFE_INTEGER;

/** x x 100 as an exact integer (cents), or NaN when x has more than 2 decimals or is too large: c2(12.34) === 1234. */
export function c2(x: number): number {
  const v = Math.round(x * 100);
  return v / 100 === x && v <= 1e13 && v >= -1e13 ? v : NaN;
}

/** A rate as whole basis points (5% = 500), or NaN: bp(0.0833) === 833. */
export function bp(x: number): number {
  const v = Math.round(x * 10000);
  return v / 10000 === x ? v : NaN;
}

/** True when |p| is still exact as a double integer. */
export function safe(p: number): boolean {
  return p <= MAX && p >= -MAX;
}

/**
 * Progressive slab tax in integer units: income and lower bounds in cents, rates in basis points;
 * the result is in cents x basis points (1e-6 of the currency unit). NaN when a product leaves the safe range.
 */
export function slabUnits(incomeCents: number, lowers: readonly number[], ratesBp: readonly number[]): number {
  let tax = 0;
  for (let i = 0; i < lowers.length; i++) {
    const lo = lowers[i];
    if (incomeCents <= lo) break;
    const next = i + 1 < lowers.length ? lowers[i + 1] : Infinity;
    const top = incomeCents < next ? incomeCents : next;
    tax += ratesBp[i] * (top - lo);
  }
  return safe(tax) ? tax : NaN;
}
