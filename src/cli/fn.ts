import { serialFromIso } from "../core/dates";
import { ExcelError } from "../core/errors";
import { CATALOGUE, findFunction, signature } from "../functions/catalogue";
import type { CliIo } from "./io";
import { FunctionError, UsageError } from "./io";

/**
 * One command-line ARG as cli.md reads it: a number; TRUE/FALSE; an ISO date "YYYY-MM-DD" or timestamp
 * "YYYY-MM-DDTHH:MM" (an Excel serial); a JSON array of rows for a range; "" for an omitted optional (null, as Excel
 * passes an omitted argument); anything else is a string.
 * parseArg("45") === 45; parseArg("2025-03-31") === 45747; parseArg("[[0,0],[400000,0.05]]") => [[0, 0], [400000, 0.05]]
 */
export function parseArg(a: string): unknown {
  const t = a.trim();
  if (t === "") return null;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(t)) return Number(t);
  const up = t.toUpperCase();
  if (up === "TRUE") return true;
  if (up === "FALSE") return false;
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/.test(t)) {
    const s = serialFromIso(t);
    if (s === null)
      throw new UsageError(`"${a}" looks like a date but is not a real one; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM`);
    return s;
  }
  if (t.startsWith("[")) {
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch {
      throw new UsageError(`"${a}" is not valid JSON; a range is a JSON array of rows, e.g. [[0,0],[400000,0.05]]`);
    }
    if (!Array.isArray(v)) throw new UsageError(`"${a}": a range is a JSON array of rows`);
    // A flat list [1,2,3] is one row; every row becomes an array.
    return v.every((r) => Array.isArray(r))
      ? v
      : v.some((r) => Array.isArray(r))
        ? v.map((r) => (Array.isArray(r) ? r : [r]))
        : [v];
  }
  return a;
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
  const repeating = entry.params.some((p) => p.endsWith("..."));
  const required = entry.params.filter((p) => !p.startsWith("[") && !p.endsWith("...")).length;
  if (rest.length < required)
    throw new UsageError(`${entry.name} needs at least ${required} argument(s): ${signature(entry)}`);
  if (!repeating && rest.length > entry.params.length)
    throw new UsageError(`${entry.name} takes at most ${entry.params.length} argument(s): ${signature(entry)}`);
  const values = rest.map(parseArg);
  // A repeating parameter receives ranges, as Excel passes each value or range of a repeating argument.
  const callArgs = repeating
    ? values.map((v, i) => (i >= entry.params.length - 1 && !Array.isArray(v) ? [[v]] : v))
    : values;
  let result: unknown;
  try {
    result = entry.fn(...callArgs);
  } catch (e) {
    if (e instanceof ExcelError) throw new FunctionError(e.code, e.message);
    throw e;
  }
  io.out(JSON.stringify(result));
  return 0;
}
