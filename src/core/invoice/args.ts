/** Argument checks shared by the invoice and operations functions: each error names the parameter and what to fix. */

import { MAX_SERIAL } from "../dates";
import { numError, valueError } from "../errors";

/** A finite number, else #VALUE!. */
export function finite(x: number, param: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) throw valueError(`${param}: expected a number, got ${show(x)}`);
  return x;
}

/**
 * A rate given as a fraction between 0 and 1 (18% = 0.18), else #VALUE! with a hint when it looks like a percent:
 * fraction(18, "rate") throws "rate: expected a percentage between 0 and 1, got 18 — did you mean 18%?"
 */
export function fraction(x: number, param: string): number {
  finite(x, param);
  if (x < 0 || x > 1) {
    const hint = x > 1 && x <= 100 ? ` — did you mean ${x}%?` : "";
    throw valueError(`${param}: expected a percentage between 0 and 1, got ${x}${hint}`);
  }
  return x;
}

/**
 * A date serial from 1 (1900-01-01) to 9999-12-31 (2,958,465), else #NUM!. Serial 0 is Excel's "1900-01-00", which is
 * no day an invoice or a payment can fall on.
 */
export function serial(x: number, param: string): number {
  finite(x, param);
  if (!(x >= 1 && x < MAX_SERIAL + 1))
    throw numError(`${param}: expected a date (an Excel serial from 1 to ${MAX_SERIAL}), got ${x}`);
  return x;
}

export function show(x: unknown): string {
  if (typeof x === "string") return JSON.stringify(x);
  if (Array.isArray(x)) return "an array";
  return String(x);
}
