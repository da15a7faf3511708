/**
 * Argument coercion shared by every BPO.* wrapper, so Excel (through the custom-functions runtime) and the
 * `bpo-desk fn` command read arguments the same way:
 * - blank, null, undefined or "" is an omitted argument: its default applies (or #VALUE! "is required");
 * - text that is a number is that number ("1,250.50" and "18%" too, as Excel reads typed text);
 * - TRUE/FALSE count as 1/0 where a number is expected, as Excel's arithmetic does;
 * - dates are serials; ISO text ("2025-03-31", "2025-03-31T14:30") and dates as a bank prints them are read too;
 * - a rate above 1 where a fraction is expected is #VALUE! with a hint ("did you mean 18%?").
 * Errors are ExcelError (src/core/errors.ts); toHostError turns them into what the host expects, in one place.
 */

import { parseDate, todaySerial } from "../core/dates";
import { ExcelError, numError, valueError } from "../core/errors";
import { parseAmount } from "../core/money";

/** Blank, null, undefined, or text with nothing but spaces. */
export function isOmitted(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

function show(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 37) + "..." : v);
  if (Array.isArray(v)) return "a range";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/** More than one sign mark ("--45", "-(45)", "45-" after "-"), or a Dr/Cr suffix: no number, as Excel's VALUE() says. */
const NOT_ONE_NUMBER = /[-−–+(].*[-−–+(]|(?:dr|cr)\.?$/i;

/**
 * The number a text stands for, as Excel's VALUE() reads typed text (en-US/en-IN): "45", " 1e3 ", "1,250.50",
 * "1,23,456.50", "$1,250", "(45)" (negative), "18%" (0.18, exact as the decimal); undefined for anything else,
 * "--45" and "45 Dr" included. textNumber("18%") === 0.18; textNumber("--45") === undefined
 */
export function textNumber(text: string): number | undefined {
  const t = text.trim();
  if (PLAIN_NUMBER.test(t)) return Number(t);
  const pct = /^(.*?)\s*%$/.exec(t);
  if (pct && PLAIN_NUMBER.test(pct[1])) {
    // "18%" is 0.18, exactly as the decimal: shift the decimal point instead of dividing a float.
    const n = Number(pct[1]);
    return Number((n / 100).toPrecision(15));
  }
  if (NOT_ONE_NUMBER.test(t)) return undefined;
  const a = parseAmount(t);
  if (a.ok && a.decimals <= 2) return a.cents / 100;
  return undefined;
}

/** The number a value stands for, or undefined when it is not one (text "abc", an array). Blanks are not handled here. */
function numberOf(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") return textNumber(v);
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return numberOf(v[0][0]);
  return undefined;
}

/**
 * The one rule for numbers no calculation can take, at the edge: a number that is not finite (1e999 typed on the
 * command line, a NaN from a caller) is #NUM! naming the parameter. Excel never passes one; everything else may.
 */
function notFinite(param: string, v: unknown, n: number): ExcelError {
  return numError(`${param}: expected a finite number, got ${typeof v === "string" ? show(v) : String(n)}`);
}

/** A number argument: num(" 45 ", "hours") === 45; num("", "threshold", 40) === 40; num("abc", "hours") throws #VALUE!. */
export function num(v: unknown, param: string, dflt?: number): number {
  if (typeof v === "number") {
    if (v - v === 0) return v;
    throw notFinite(param, v, v);
  }
  if (isOmitted(v)) {
    if (dflt === undefined) throw valueError(`${param}: is required; expected a number`);
    return dflt;
  }
  const n = numberOf(v);
  if (n === undefined) throw valueError(`${param}: expected a number, got ${show(v)}`);
  if (n - n !== 0) throw notFinite(param, v, n);
  return n;
}

/**
 * The one result guard: every number a function returns goes through it, so a result that would overflow (1e308 ×
 * 20, a divisor of 1e-320) is #NUM! naming the parameters to check, never Infinity, NaN or null.
 * result(950, "hours and rate") === 950
 */
export function result(x: number, params: string): number {
  if (x - x === 0) return x;
  throw numError(
    `${params}: the result is beyond the largest number a cell can hold (about 1.8E+308); check their size`,
  );
}

/** An optional number: undefined when omitted. */
export function optNum(v: unknown, param: string): number | undefined {
  return isOmitted(v) ? undefined : num(v, param);
}

/**
 * A rate as a fraction between 0 and 1 (18% = 0.18): rate(18, "rate") throws
 * #VALUE! "rate: expected a percentage between 0 and 1, got 18 — did you mean 18%?".
 */
export function rate(v: unknown, param: string, dflt?: number): number {
  const r = num(v, param, dflt);
  if (r < 0 || r > 1) {
    const hint = r > 1 && r <= 100 ? ` — did you mean ${r}%?` : "";
    throw valueError(`${param}: expected a percentage between 0 and 1, got ${r}${hint}`);
  }
  return r;
}

/** A whole number (year, periods, month): num plus an integer check. */
export function int(v: unknown, param: string, dflt?: number): number {
  const n = num(v, param, dflt);
  if (!Number.isInteger(n)) throw valueError(`${param}: expected a whole number, got ${n}`);
  return n;
}

/** A text argument (a code such as a state or a regime); numbers are read as their text (27 -> "27"). */
export function str(v: unknown, param: string, dflt?: string): string {
  if (isOmitted(v)) {
    if (dflt === undefined) throw valueError(`${param}: is required; expected text`);
    return dflt;
  }
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1) return str(v[0][0], param, dflt);
  throw valueError(`${param}: expected text, got ${show(v)}`);
}

/** A text or number argument passed on as it is (times of day, weekend codes, state codes). */
export function textOrNumber(v: unknown, param: string): string | number | undefined {
  if (typeof v === "string") return isOmitted(v) ? undefined : v.trim();
  if (typeof v === "number") {
    if (v - v !== 0) throw notFinite(param, v, v);
    return v;
  }
  if (isOmitted(v)) return undefined;
  if (Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1)
    return textOrNumber(v[0][0], param);
  throw valueError(`${param}: expected text or a number, got ${show(v)}`);
}

const TRUE_TEXT = new Set(["TRUE", "YES", "Y", "1"]);
const FALSE_TEXT = new Set(["FALSE", "NO", "N", "0"]);

/** TRUE/FALSE: booleans, numbers (0 is FALSE, anything else TRUE, as Excel), or the text TRUE/FALSE/Yes/No. */
export function bool(v: unknown, param: string, dflt: boolean): boolean {
  if (isOmitted(v)) return dflt;
  if (typeof v === "boolean") return v;
  if (typeof v === "number" && Number.isFinite(v)) return v !== 0;
  if (typeof v === "string") {
    const t = v.trim().toUpperCase();
    if (TRUE_TEXT.has(t)) return true;
    if (FALSE_TEXT.has(t)) return false;
  }
  throw valueError(`${param}: expected TRUE or FALSE, got ${show(v)}`);
}

/** A date or timestamp as a serial: numbers are serials; text is read as ISO (or as a bank prints dates, day first). */
export function date(v: unknown, param: string, dflt?: number): number {
  if (isOmitted(v)) {
    if (dflt === undefined) throw valueError(`${param}: is required; expected a date`);
    return dflt;
  }
  if (typeof v === "number") {
    if (v - v !== 0) throw notFinite(param, v, v);
    return v;
  }
  // A serial written as text ("45931", "45,931.00") is the serial, as Excel reads it for a number.
  const n = typeof v === "string" ? textNumber(v) : undefined;
  if (n !== undefined) {
    if (n - n !== 0) throw notFinite(param, v, n);
    return n;
  }
  const p = parseDate(v);
  if (p.ok) return p.serial;
  throw valueError(`${param}: ${"message" in p ? p.message : "is not a date"}`);
}

/**
 * A month: a month number 1-12, a date (its month, and the rate table in force on it), or the attendance sheet's
 * "YYYY-MM" text (the first day of that month); undefined when omitted.
 * month("2026-02", "month") === serialFromYmd(2026, 2, 1); month(2, "month") === 2; month(null, "month") === undefined
 */
export function month(v: unknown, param: string): number | undefined {
  if (typeof v === "string") {
    const ym = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(v);
    if (ym) {
      const p = parseDate(`${ym[1]}-${ym[2]}-01`);
      if (!p.ok) throw valueError(`${param}: "${v.trim()}" is not a month; expected YYYY-MM such as 2026-02, or 1-12`);
      return p.serial;
    }
  }
  return optDate(v, param);
}

/** Optional date: undefined when omitted. */
export function optDate(v: unknown, param: string): number | undefined {
  return isOmitted(v) ? undefined : date(v, param);
}

/** One cell of a range into `out`: blanks skipped, numbers kept, text numbers read, anything else #VALUE!. */
function pushCell(out: number[], c: unknown, param: string, k: number, asDates: boolean): void {
  if (typeof c === "number") {
    if (c - c !== 0) throw notFinite(`${param} value ${k}`, c, c);
    out.push(c);
    return;
  }
  if (isOmitted(c)) return;
  if (asDates) {
    out.push(date(c, `${param} value ${k}`));
    return;
  }
  const n = typeof c === "boolean" ? undefined : numberOf(c);
  if (n === undefined) throw valueError(`${param}: value ${k} is ${show(c)}; expected a number`);
  if (n - n !== 0) throw notFinite(`${param} value ${k}`, c, n);
  out.push(n);
}

/**
 * The numbers of a range (or a single value, or a list) in row order, blanks skipped, text numbers read as numbers,
 * other text #VALUE! naming the cell: numbers([[1, ""], ["2", 3]], "amounts") => [1, 2, 3].
 * `asDates` reads date text too (holidays).
 */
export function numbers(v: unknown, param: string, asDates = false): number[] {
  const out: number[] = [];
  if (!Array.isArray(v)) {
    pushCell(out, v, param, 1, asDates);
    return out;
  }
  let k = 0;
  for (let i = 0; i < v.length; i++) {
    const row = v[i];
    if (Array.isArray(row)) {
      for (let j = 0; j < row.length; j++) {
        const c = row[j];
        k++;
        if (typeof c === "number" && c - c === 0) out.push(c);
        else pushCell(out, c, param, k, asDates);
      }
    } else pushCell(out, row, param, ++k, asDates);
  }
  return out;
}

/**
 * An optional range of numbers: undefined when omitted or when it holds no number (all blank), so the core's default
 * applies (aging edges {30,60,90}, no holidays); otherwise numbers(v, param, asDates).
 */
export function optNumbers(v: unknown, param: string, asDates = false): number[] | undefined {
  if (v === undefined || v === null) return undefined;
  const out = numbers(v, param, asDates);
  return out.length ? out : undefined;
}

const finiteNum = (x: unknown): boolean => typeof x === "number" && x - x === 0;

/** A 2-column range as rows [a, b], fully blank rows skipped; a half-filled row or text is #VALUE!. */
export function pairs(v: unknown, param: string): readonly (readonly number[])[] {
  if (!Array.isArray(v)) throw valueError(`${param}: expected a 2-column range such as [lower bound, rate] rows`);
  // A range of numbers only (the usual slab table) is passed on as it is: no copy per call.
  let plain = true;
  for (let i = 0; i < v.length && plain; i++) {
    const row = v[i];
    plain = Array.isArray(row) && row.length >= 2 && finiteNum(row[0]) && finiteNum(row[1]);
  }
  if (plain) return v as number[][];
  const out: [number, number][] = [];
  for (let i = 0; i < v.length; i++) {
    const row = v[i];
    if (!Array.isArray(row)) throw valueError(`${param}: expected a 2-column range such as [lower bound, rate] rows`);
    const a = row[0];
    const b = row[1];
    if (typeof a === "number" && typeof b === "number" && a - a === 0 && b - b === 0) {
      out.push([a, b]);
      continue;
    }
    if (row.every(isOmitted)) continue;
    if (row.length < 2) throw valueError(`${param}: expected 2 columns, got ${row.length} in row ${i + 1}`);
    out.push([num(a, `${param} row ${i + 1} column 1`), num(b, `${param} row ${i + 1} column 2`)]);
  }
  return out;
}

type HostCode =
  | "invalidValue"
  | "notAvailable"
  | "invalidNumber"
  | "divisionByZero"
  | "nullReference"
  | "invalidReference"
  | "invalidName";

const HOST_CODES: Record<string, HostCode> = {
  "#VALUE!": "invalidValue",
  "#N/A": "notAvailable",
  "#NUM!": "invalidNumber",
  "#DIV/0!": "divisionByZero",
  "#NULL!": "nullReference",
  "#REF!": "invalidReference",
  "#NAME?": "invalidName",
};

/**
 * The one place errors leave the functions: inside Excel an ExcelError becomes CustomFunctions.Error with the same
 * code (and its message, which Excel shows for #VALUE! and #N/A); headless (Node, the CLI, tests) it is rethrown as is.
 * Any other exception inside Excel becomes #VALUE! with its message, never a wrong number.
 *
 * CustomFunctions.Error is CustomFunctionsRuntime 1.2 and CustomFunctions.ErrorCode 1.3 ([Api set: ...] in
 * @types/custom-functions-runtime), above the 1.1 a manifest may declare, so both are checked here before use: on a
 * 1.2 host the code is the ErrorCode's own string value ("#NUM!"), which is what the enum holds; on a 1.1 host (or
 * before Office is ready) a plain Error is thrown, which Excel shows as #VALUE!, the best an older host can show.
 */
export function toHostError(e: unknown): unknown {
  if (typeof CustomFunctions === "undefined") return e;
  const err = e instanceof ExcelError ? e : new ExcelError("#VALUE!", e instanceof Error ? e.message : String(e));
  const office =
    typeof Office !== "undefined" && Office.context !== undefined && Office.context.requirements !== undefined;
  const errorClass = office && Office.context.requirements.isSetSupported("CustomFunctionsRuntime", "1.2");
  if (!errorClass) return new Error(`${err.code} ${err.message}`);
  const code = Office.context.requirements.isSetSupported("CustomFunctionsRuntime", "1.3")
    ? CustomFunctions.ErrorCode[HOST_CODES[err.code] ?? "invalidValue"]
    : (err.code as CustomFunctions.ErrorCode);
  const withMessage = err.code === "#VALUE!" || err.code === "#N/A";
  return withMessage ? new CustomFunctions.Error(code, err.message) : new CustomFunctions.Error(code);
}

let todayValue = 0;
let todayUntil = 0;

/** Today's serial in the local calendar, recomputed only when the day changes (TODAY() for defaults and rate tables). */
export function today(): number {
  const now = Date.now();
  if (now >= todayUntil) {
    const d = new Date(now);
    todayValue = todaySerial(d);
    todayUntil = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
  }
  return todayValue;
}
