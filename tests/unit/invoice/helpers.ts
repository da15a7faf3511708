import { ExcelError } from "../../../src/core/errors";

/** Expect fn to throw an ExcelError with this code and, when given, a message matching re. */
export function expectError(fn: () => unknown, code: string, re?: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ExcelError);
  expect((caught as ExcelError).code).toBe(code);
  if (re) expect((caught as ExcelError).message).toMatch(re);
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
