/**
 * The one way functions tests call BPO.* functions: as Excel's custom-functions runtime does, driven by the metadata
 * custom-functions-metadata generates from src/functions/functions.ts (what the build writes to dist/functions.json).
 *
 *   callAsExcel("NETPAY", 50000, 1800, 200)         => 48000
 *   callAsExcel("GST", 10000, 18, "MH", "KA")        => { error: "#VALUE!", message: "rate: ... did you mean 18%?" }
 *
 * - Arguments are what the formula holds: a literal or one cell's value (number, text, boolean), a range (rows of
 *   cells), BLANK for an empty cell, or undefined for an argument left out (=BPO.X(1,,3), or trailing).
 * - The runtime's side (src/functions/convention.ts, which `bpo-desk fn` uses too) converts and shapes them by the
 *   metadata: omitted optional = null, repeating = one array, matrix parameters as 2-D arrays, a one-cell value as a
 *   scalar, typed parameters converted as Excel documents ("Custom functions parameter options",
 *   learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options; "Autogenerate JSON metadata for
 *   custom functions: Types", .../custom-functions-json-autogeneration#types), and the invocation object last.
 * - A fake `CustomFunctions` global, its Error class and its ErrorCode enum read from
 *   node_modules/@types/custom-functions-runtime/index.d.ts (member names and the Excel error strings they hold), and
 *   a fake `Office.context.requirements.isSetSupported` for the CustomFunctionsRuntime sets, are installed for the
 *   call, so toHostError takes its Excel path; what the wrapper throws is surfaced as the code the user would see.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { excelArguments, type Arg, type Cell, type FunctionMetadata } from "../../src/functions/convention";
import { CATALOGUE } from "../../src/functions/catalogue";
import { ExcelError } from "../../src/core/errors";

const ROOT = path.join(__dirname, "../..");
const SOURCE = path.join(ROOT, "src/functions/functions.ts");

let generated: FunctionMetadata[] | undefined;

/**
 * The metadata custom-functions-metadata generates for src/functions/functions.ts. generateCustomFunctionsMetadata
 * is async only in name: it runs parseTree (synchronous) over the file and keeps its functions; this does the same,
 * once per test file, so calls stay synchronous.
 */
export function generatedMetadata(): FunctionMetadata[] {
  if (!generated) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseTree } = require("custom-functions-metadata/lib/parseTree");
    const r = parseTree(fs.readFileSync(SOURCE, "utf8"), SOURCE);
    const errors = r.extras.flatMap((x: { errors: string[] }) => x.errors);
    if (errors.length) throw new Error(`custom-functions-metadata: ${errors.join("; ")}`);
    generated = JSON.parse(JSON.stringify(r.functions)) as FunctionMetadata[];
  }
  return generated;
}

/** The ErrorCode enum of @types/custom-functions-runtime: member name -> Excel error string. */
export function errorCodesFromTypes(): Record<string, string> {
  const dts = fs.readFileSync(path.join(ROOT, "node_modules/@types/custom-functions-runtime/index.d.ts"), "utf8");
  const body = /enum ErrorCode \{([\s\S]*?)\n {4}\}/.exec(dts);
  if (!body) throw new Error("ErrorCode not found in @types/custom-functions-runtime");
  const codes: Record<string, string> = {};
  for (const m of body[1].matchAll(/(\w+) = "([^"]+)"/g)) codes[m[1]] = m[2];
  return codes;
}

/** CustomFunctions.Error as the runtime's type declares it: a code and an optional message. */
class FakeCustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** An empty cell in an argument. */
export const BLANK = Symbol("blank cell");
export type ExcelArg = Cell | typeof BLANK | (Cell | typeof BLANK)[][] | undefined;

/** What the cell shows: a value, a spilled array, or an error code with the message Excel offers beside it. */
export type Shown = number | string | boolean | unknown[][] | { error: string; message?: string };

export interface ExcelHost {
  /** Highest CustomFunctionsRuntime set the host supports: "1.3" (default, current Excel), "1.2" or "1.1". */
  runtime?: "1.1" | "1.2" | "1.3";
  /** Empty cells: null as Excel on the web passes them (default), 0 as Excel desktop does (office-js #4702, #5262). */
  blank?: "web" | "desktop";
  /** Leave trailing omitted arguments out, and no invocation object (as a caller that passes no more than given). */
  bare?: boolean;
  /**
   * No CustomFunctions global (as `bpo-desk fn` runs): an ExcelError shows with its full message whatever its code,
   * and anything else that escapes a wrapper shows as { error: "internal" } (a bug: nothing should).
   */
  headless?: boolean;
}

const SETS = ["1.1", "1.2", "1.3"];

/** =BPO.NAME(args...) in a cell of a host, through the metadata-driven runtime and the fake globals. */
export function callOn(host: ExcelHost, name: string, ...args: ExcelArg[]): Shown {
  const meta = generatedMetadata().find((f) => f.id === name);
  const entry = CATALOGUE.find((e) => e.name === name);
  if (!meta || !entry) throw new Error(`no BPO.${name} in the metadata or the catalogue`);
  const blank = host.blank === "desktop" ? 0 : null;
  const cells: Arg[] = args.map((a) =>
    a === BLANK ? blank : Array.isArray(a) ? a.map((row) => row.map((c) => (c === BLANK ? blank : c))) : a,
  );
  let jsArgs: unknown[];
  try {
    jsArgs = excelArguments(meta, cells, host.bare ? undefined : { functionName: name });
  } catch (e) {
    // Excel's own conversion failed: the cell shows #VALUE! and the function is never called.
    if (e instanceof ExcelError) return { error: e.code, message: e.message };
    throw e;
  }
  if (host.bare) while (jsArgs.length > 0 && jsArgs[jsArgs.length - 1] === null) jsArgs.pop();
  if (host.headless) {
    try {
      return entry.fn(...jsArgs) as Shown;
    } catch (e) {
      if (e instanceof ExcelError) return { error: e.code, message: e.message };
      return { error: "internal", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }
  const g = globalThis as unknown as { CustomFunctions?: unknown; Office?: unknown };
  const saved = { CustomFunctions: g.CustomFunctions, Office: g.Office };
  const top = SETS.indexOf(host.runtime ?? "1.3");
  // Each member only where the host's runtime has it: Error from 1.2, ErrorCode from 1.3 (the [Api set] lines).
  g.CustomFunctions = {
    ...(top >= 1 ? { Error: FakeCustomFunctionsError } : {}),
    ...(top >= 2 ? { ErrorCode: errorCodesFromTypes() } : {}),
  };
  g.Office = {
    context: {
      requirements: {
        isSetSupported: (set: string, version?: string) =>
          set === "CustomFunctionsRuntime" && SETS.indexOf(version ?? "1.1") <= top && SETS.includes(version ?? "1.1"),
      },
    },
  };
  try {
    return entry.fn(...jsArgs) as Shown;
  } catch (e) {
    if (e instanceof FakeCustomFunctionsError) return { error: e.code, message: e.message };
    // A plain Error thrown to Excel shows as #VALUE! (what a 1.1 host gets).
    if (e instanceof Error && !(e instanceof ExcelError)) return { error: "#VALUE!", message: e.message };
    throw e;
  } finally {
    g.CustomFunctions = saved.CustomFunctions;
    g.Office = saved.Office;
  }
}

/** =BPO.NAME(args...) in current Excel on the web (CustomFunctionsRuntime 1.3, empty cells null). */
export function callAsExcel(name: string, ...args: ExcelArg[]): Shown {
  return callOn({}, name, ...args);
}

/** The error a call shows, as "CODE message" ("no error" when it shows a value): for compact expectations. */
export function shownError(s: Shown): string {
  if (s !== null && typeof s === "object" && !Array.isArray(s) && "error" in s)
    return s.message ? `${s.error} ${s.message}` : s.error;
  return "no error";
}
