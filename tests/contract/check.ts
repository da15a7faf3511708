/**
 * The few assertions the contract cases use. They run under jest and inside Excel (tests/excel/runner.ts),
 * where jest's expect is not available, so they are plain functions that throw a readable Error.
 */

function show(x: unknown): string {
  if (x instanceof Error) return `${x.name}: ${x.message}`;
  const s = JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 400 ? s.slice(0, 400) + "…" : s;
}

/** Deep equality of JSON-like values (arrays, plain objects, primitives; NaN equals NaN). */
export function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Whether `actual` has every key of `partial` with an equal value (recursively for plain objects). */
function matches(actual: unknown, partial: unknown): boolean {
  if (partial === null || typeof partial !== "object" || Array.isArray(partial)) return same(actual, partial);
  if (actual === null || typeof actual !== "object") return false;
  return Object.entries(partial as Record<string, unknown>).every(([k, v]) =>
    matches((actual as Record<string, unknown>)[k], v),
  );
}

export function equal(actual: unknown, expected: unknown, what = "value"): void {
  if (!same(actual, expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function like(actual: unknown, partial: unknown, what = "value"): void {
  if (!matches(actual, partial)) throw new Error(`${what}: expected to match ${show(partial)}, got ${show(actual)}`);
}

export function ok(condition: unknown, what: string): void {
  if (!condition) throw new Error(`expected ${what}`);
}

/** The error `p` rejects with; fails when it resolves. `expect` checks the error (keys to match, or a pattern of its message). */
export async function rejects(
  p: Promise<unknown>,
  expect?: RegExp | Record<string, unknown> | (new (...args: never[]) => Error),
  what = "the call",
): Promise<Error & { code?: string }> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  if (err === undefined) throw new Error(`${what}: expected it to fail, it succeeded`);
  const e = err as Error & { code?: string };
  if (expect instanceof RegExp && !expect.test(e.message))
    throw new Error(`${what}: expected ${expect}, got ${show(e)}`);
  if (typeof expect === "function" && !(e instanceof expect))
    throw new Error(`${what}: expected a ${expect.name}, got ${show(e)}`);
  if (expect && typeof expect === "object" && !(expect instanceof RegExp) && !matches(e, expect))
    throw new Error(`${what}: expected an error matching ${show(expect)}, got ${show(e)} (code ${show(e.code)})`);
  return e;
}
