import { ExcelError } from "../../src/core/errors";

/**
 * What a call throws, as "CODE message" for an ExcelError (e.g. "#VALUE! hours: is required; expected a number"),
 * String(e) for anything else, or "no error" when it returns.
 */
export function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof ExcelError ? `${e.code} ${e.message}` : String(e);
  }
  return "no error";
}
