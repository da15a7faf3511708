/** Argument checks for the payroll functions: every error names the parameter and says what to fix. */

import { ExcelError, naError, numError, valueError } from "../errors";

export function show(x: unknown): string {
  if (typeof x === "string") return JSON.stringify(x);
  if (Array.isArray(x)) return "an array";
  return String(x);
}

/** A finite number, else #VALUE!. */
export function finiteNumber(x: unknown, param: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) throw valueError(`${param}: expected a number, got ${show(x)}`);
  return x;
}

/** A finite number >= 0: text is #VALUE!, a negative number #NUM!. nonNegative(-5, "hours", "hours worked") throws. */
export function nonNegative(x: unknown, param: string, what: string): number {
  finiteNumber(x, param);
  if ((x as number) < 0) throw numError(`${param}: expected ${what} of 0 or more, got ${x}`);
  return x as number;
}

/** A whole number in [min, max], else #NUM!. */
export function wholeNumber(x: unknown, param: string, min: number, max: number, what: string): number {
  finiteNumber(x, param);
  const n = x as number;
  if (!Number.isInteger(n) || n < min || n > max) throw numError(`${param}: expected ${what}, got ${n}`);
  return n;
}

export function divByZero(message: string): ExcelError {
  return new ExcelError("#DIV/0!", message);
}

/** A code in a list (case, spacing, "-" and "_" insensitive), else #N/A naming the choices. */
const CODE_CACHE = new WeakMap<object, Map<string, string>>();

export function code<T extends string>(x: unknown, param: string, aliases: Record<string, T>, choices: string): T {
  if (typeof x !== "string") throw valueError(`${param}: expected one of ${choices}, got ${show(x)}`);
  let cache = CODE_CACHE.get(aliases);
  if (!cache) CODE_CACHE.set(aliases, (cache = new Map()));
  const known = cache.get(x);
  if (known !== undefined) return known as T;
  const key = x
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, "-");
  const hit = aliases[key] ?? aliases[key.replace(/-/g, "")];
  if (!hit) throw naError(`${param}: unknown ${param} ${show(x)}; expected one of ${choices}`);
  if (cache.size < 1000) cache.set(x, hit);
  return hit;
}
