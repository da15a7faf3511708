import { serialFromIso } from "../core/dates";
import { ExcelError } from "../core/errors";
import { CATALOGUE, evaluate, findFunction, signature } from "../functions/catalogue";
import { FormulaError, type Arg, type Cell } from "../functions/convention";
import type { CliIo } from "./io";
import { FunctionError, UsageError } from "./io";

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
/**
 * A number token that is text: leading zeros ("0000011", "07": a weekend mask, a state code), or seven 0s and 1s
 * ("1111111", "1000001": a NETWORKDAYS.INTL weekend mask, which as a number would be no weekend at all). Text costs a
 * number nothing: a number parameter converts numeric text back, as Excel does.
 */
const TEXT_NUMBER = /^[+-]?0\d|^[01]{7}$/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/;

/**
 * One command-line ARG as cli.md reads it, into what a formula would hold: a number; TRUE/FALSE; an ISO date
 * "YYYY-MM-DD" or timestamp "YYYY-MM-DDTHH:MM[:SS]" (an Excel serial; an impossible one such as 2025-02-30 or
 * 2025-10-01T25:99 is bad usage); a JSON array of rows for a range; "" for an omitted argument; a token with leading
 * zeros or in double quotes is text; anything else is text. The function's metadata then converts it (convention.ts).
 * parseArg("45") === 45; parseArg("0000011") === "0000011"; parseArg('"18"') === "18"; parseArg("--45") === "--45";
 * parseArg("2025-03-31") === 45747; parseArg("[[0,0],[400000,0.05]]") => [[0, 0], [400000, 0.05]]
 */
export function parseArg(a: string): Arg {
  const t = a.trim();
  if (t === "") return undefined;
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1);
  if (NUMBER.test(t)) return TEXT_NUMBER.test(t) ? t : Number(t);
  const up = t.toUpperCase();
  if (up === "TRUE") return true;
  if (up === "FALSE") return false;
  if (ISO.test(t)) {
    const s = serialFromIso(t);
    if (s === null)
      throw new UsageError(
        `"${a}" looks like a date but is not a real one; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM (hours 00-23, minutes 00-59)`,
      );
    return s;
  }
  if (t.startsWith("[")) return range(a, t);
  return a;
}

/** A JSON array of rows as a range; a flat list [1,2,3] is one row. Cells are numbers, text, booleans or null. */
function range(a: string, t: string): Cell[][] {
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    throw new UsageError(`"${a}" is not valid JSON; a range is a JSON array of rows, e.g. [[0,0],[400000,0.05]]`);
  }
  if (!Array.isArray(v)) throw new UsageError(`"${a}": a range is a JSON array of rows`);
  const rows = v.every((r) => Array.isArray(r))
    ? v
    : v.some((r) => Array.isArray(r))
      ? v.map((r) => (Array.isArray(r) ? r : [r]))
      : [v];
  for (const row of rows as unknown[][])
    for (const c of row)
      if (c !== null && typeof c !== "number" && typeof c !== "string" && typeof c !== "boolean")
        throw new UsageError(`"${a}": a range holds numbers, text, true/false or null, not ${JSON.stringify(c)}`);
  return rows as Cell[][];
}

/** `bpo-desk fn NAME [ARG ...]`: evaluates one BPO.* function exactly as Excel does and prints the result as JSON. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const names = CATALOGUE.map((e) => e.name).join(", ");
  if (!name || name === "--help" || name === "-h") {
    if (!name) throw new UsageError(`expected a function name. Functions: ${names}`);
    io.out(["usage: bpo-desk fn NAME [ARG ...]", ...CATALOGUE.map(signature)].join("\n"));
    return 0;
  }
  const entry = findFunction(name);
  if (!entry) throw new UsageError(`unknown function "${name}". Functions: ${names}`);
  const values = rest.map(parseArg);
  let result: unknown;
  try {
    result = evaluate(entry, values);
  } catch (e) {
    if (e instanceof ExcelError) throw new FunctionError(e.code, e.message);
    if (e instanceof FormulaError) throw new UsageError(`${e.message}: ${signature(entry)}`);
    throw e;
  }
  io.out(JSON.stringify(result));
  return 0;
}
