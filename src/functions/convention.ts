/**
 * Excel's calling convention for custom functions, driven by the metadata Excel itself reads (functions.json, which
 * custom-functions-metadata generates from the JSDoc of ./functions.ts). `bpo-desk fn`, the demo gallery and every
 * functions test call the wrappers through excelArguments, so they receive exactly what Excel's runtime hands them.
 *
 * What Excel does, as Microsoft documents it:
 * - "Custom functions parameter options" (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options):
 *   an optional parameter given no value is `null`; "Excel will pass a range of cell data as a two-dimensional
 *   array"; a repeating parameter: "When the function is called, the values are provided in an array for the
 *   parameter" (each value a 2-D array when the parameter is a matrix, `number[][][]`); "Every custom function is
 *   automatically passed an invocation argument as the last argument".
 * - "Autogenerate JSON metadata for custom functions", Types (learn.microsoft.com/office/dev/add-ins/excel/
 *   custom-functions-json-autogeneration#types): "By specifying a parameter type, Excel will convert values into that
 *   type before calling the function. If the type is any, no conversion will be performed."
 * The conversions themselves are Excel's ordinary ones, modelled here for the en-US/en-IN locales: a `number`
 * parameter given text reads it as VALUE() would ("1,250.50", "18%", "2025-10-01", "09:30") and is #VALUE! without
 * calling the function when the text is no number; TRUE/FALSE to a number are 1/0; a `string` parameter given a
 * number gets its text (15 significant digits, as Excel shows it); a `boolean` parameter takes numbers (0 is FALSE)
 * and the text TRUE/FALSE; `any` passes as it is. A cell holding a single value arrives as that value, not a range.
 * Empty cells: Excel on the web passes null, Excel desktop 0 (office-js issues #4702, #5262); callers choose.
 */

import { serialFromIso } from "../core/dates";
import { ExcelError } from "../core/errors";
import { textNumber } from "./coerce";

export interface ParameterMetadata {
  name: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
  description?: string;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: ParameterMetadata[];
  result: { type?: string; dimensionality?: string };
  options?: { volatile?: boolean; [k: string]: unknown };
}

/** A cell's value as Excel holds it (null: an empty cell). */
export type Cell = number | string | boolean | null;
/** One argument of a formula: a value (a literal or a single cell), a range (rows of cells), or undefined (left out). */
export type Arg = Cell | Cell[][] | undefined;

/** The formula itself does not fit the function (too many or too few arguments): Excel refuses to enter it. */
export class FormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FormulaError";
  }
}

const isRange = (a: Arg): a is Cell[][] => Array.isArray(a);

/**
 * The arguments Excel's runtime passes to the JavaScript function for `=BPO.NAME(args...)`, in order: one per
 * declared parameter (null when omitted), the repeating parameter as ONE array, and `invocation` last when given.
 * Throws ExcelError #VALUE! when Excel's own type conversion fails (the function is never called), FormulaError when
 * Excel would not accept the formula.
 * excelArguments(NETPAY, [50000, 1800, 200]) => [50000, [[[1800]], [[200]]]]
 */
export function excelArguments(fn: FunctionMetadata, args: readonly Arg[], invocation?: object): unknown[] {
  const params = fn.parameters;
  const last = params[params.length - 1];
  const repeating = last !== undefined && last.repeating === true;
  const fixed = repeating ? params.length - 1 : params.length;
  if (!repeating && args.length > params.length)
    throw new FormulaError(`${fn.name} takes at most ${params.length} argument(s), got ${args.length}`);
  const required = params.filter((p) => !p.optional && !p.repeating).length;
  let given = args.length;
  while (given > 0 && args[given - 1] === undefined) given--;
  if (given < required) throw new FormulaError(`${fn.name} needs at least ${required} argument(s), got ${given}`);
  const out: unknown[] = [];
  for (let i = 0; i < fixed; i++) out.push(convert(params[i], args[i]));
  if (repeating) {
    const values: unknown[] = [];
    for (let i = fixed; i < args.length; i++) if (args[i] !== undefined) values.push(convert(last, args[i]));
    out.push(values);
  }
  if (invocation) out.push(invocation);
  return out;
}

/** One argument as Excel hands it to a parameter: shaped by its dimensionality, converted by its type. */
function convert(p: ParameterMetadata, a: Arg): unknown {
  if (a === undefined) return null;
  if (p.dimensionality === "matrix") {
    const rows = isRange(a) ? a : [[a]];
    return rows.map((row) => row.map((c) => typed(p, c)));
  }
  if (isRange(a)) {
    if (a.length === 1 && a[0].length === 1) return typed(p, a[0][0]);
    // Excel would evaluate the function once per cell and spill (array lifting); the catalogue does not rely on it.
    throw new FormulaError(`${p.name}: a range of ${a.length}x${a[0]?.length ?? 0} cells where one value is expected`);
  }
  return typed(p, a);
}

/** Excel's conversion of one value to the parameter's type; #VALUE! when it has none. */
function typed(p: ParameterMetadata, v: Cell): Cell {
  if (v === null) return null;
  switch (p.type) {
    case "number":
      return toNumber(p, v);
    case "string":
      return typeof v === "string" ? v : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : numberText(v);
    case "boolean":
      if (typeof v === "boolean") return v;
      if (typeof v === "number") return v !== 0;
      if (/^true$/i.test(v.trim())) return true;
      if (/^false$/i.test(v.trim())) return false;
      throw new ExcelError("#VALUE!", `${p.name}: expected TRUE or FALSE, got ${JSON.stringify(v)}`);
    default:
      return v;
  }
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function toNumber(p: ParameterMetadata, v: number | string | boolean): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const t = v.trim();
  const n = textNumber(t);
  if (n !== undefined) return n;
  const iso = serialFromIso(t);
  if (iso !== null) return iso;
  const tm = TIME.exec(t);
  if (tm && +tm[1] <= 23 && +tm[2] <= 59 && +(tm[3] ?? 0) <= 59)
    return (+tm[1] * 3600 + +tm[2] * 60 + +(tm[3] ?? 0)) / 86400;
  throw new ExcelError("#VALUE!", `${p.name}: expected a number, got ${JSON.stringify(v)}`);
}

/** A number as Excel turns it into text: up to 15 significant digits, "1E+21" for large ones. */
function numberText(n: number): string {
  return String(Number(n.toPrecision(15))).replace(/e\+?/, (e) => (e === "e+" ? "E+" : "E"));
}
