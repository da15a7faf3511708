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

/** Deterministic pseudo-random numbers in [0, 1) (the sample generator's mulberry32), so failures reproduce. */
export { seededRandom as rng } from "../../../src/core/sample";
