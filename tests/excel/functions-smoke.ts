/**
 * The functions smoke set: formulas a user types, with the results the catalogue promises
 * (/work/shared/spec/functions.md and the examples in each function's documentation, src/functions/functions.ts).
 * Inside Excel (`npm run test:excel`) the formulas are typed into a scratch sheet and Excel's values read back;
 * under jest (./suite.test.ts) the same list is evaluated through the functions by `evaluateFormula`, a thin
 * step: the arguments as Excel evaluates them, then one call.
 */
import { serialFromYmd } from "../../src/core/dates";
import { excelCall, findFunction } from "../../src/functions/catalogue";
import type { Arg } from "../../src/functions/convention";

export interface SmokeCase {
  formula: string;
  /** A number, text or boolean; a spilled row as a 2-D array. */
  expected: unknown;
}

export const FUNCTIONS_SMOKE: readonly SmokeCase[] = [
  { formula: "=BPO.GROSSPAY(45,20)", expected: 950 },
  { formula: "=BPO.PRORATE(30000,20,30)", expected: 20000 },
  { formula: "=BPO.EPF(20000)", expected: 1800 },
  { formula: '=BPO.EPF(20000,"eps")', expected: 1250 },
  { formula: "=BPO.ESI(20000)", expected: 150 },
  { formula: '=BPO.PROFTAX(30000,"MH",2)', expected: 300 },
  { formula: "=BPO.INCOMETAX(1210000)", expected: 10400 },
  { formula: '=BPO.FEDWITHHOLDING(1000,52,"single")', expected: 78.08 },
  { formula: "=BPO.FICA(1000)", expected: 76.5 },
  { formula: "=BPO.SLABTAX(500000,{0,0;250000,0.05;500000,0.2})", expected: 12500 },
  // A repeating parameter: Excel hands the function ONE array of the arguments given.
  { formula: "=BPO.NETPAY(50000,1800,200)", expected: 48000 },
  { formula: "=BPO.LINEAMOUNT(3,100,10%,18%)", expected: 318.6 },
  { formula: '=BPO.GST(10000,18%,"MH","KA")', expected: [[0, 0, 1800]] },
  { formula: "=BPO.TAXFROMGROSS(1180,18%)", expected: 180 },
  { formula: '=BPO.INVOICETAX({10.05,10.05,10.05},5%,"total")', expected: 1.51 },
  { formula: '=BPO.INVOICETAX({10.05,10.05,10.05},5%,"line")', expected: 1.5 },
  { formula: '=BPO.DUEDATE(DATE(2025,1,15),"2/10 NET 30")', expected: serialFromYmd(2025, 2, 14) },
  { formula: '=BPO.EARLYPAY(1000,"2/10 NET 30",DATE(2025,1,1),DATE(2025,1,8))', expected: 980 },
  { formula: '=BPO.LATEINTEREST(100000,DATE(2025,1,15),DATE(2025,4,15),16.5%,"monthly")', expected: 4181.98 },
  { formula: "=BPO.AGINGBUCKET(DATE(2025,1,1),DATE(2025,4,1))", expected: "61-90" },
  { formula: "=BPO.AGINGBUCKET(DATE(2025,1,1),DATE(2025,4,2))", expected: "90+" },
  { formula: "=BPO.DSO(250000,1000000,365)", expected: 91.25 },
  { formula: "=BPO.ROUNDMONEY(1.005)", expected: 1.01 },
  { formula: "=BPO.ROUNDMONEY(1.024,0.05)", expected: 1 },
  { formula: "=BPO.WORKHOURS(DATE(2025,3,14)+TIME(16,0,0),DATE(2025,3,17)+TIME(11,0,0))", expected: 4 },
  { formula: "=BPO.DPMO(12,4000,5)", expected: 600 },
];

/** What Excel makes of one argument as typed: a number, text, boolean, array constant, DATE()+TIME(), or null when omitted. */
export function excelArgument(text: string): unknown {
  const t = text.trim();
  if (t === "") return null;
  if (/^"(?:[^"]|"")*"$/.test(t)) return t.slice(1, -1).replace(/""/g, '"');
  if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
  if (/^-?\d+(\.\d+)?%$/.test(t)) return Number(t.slice(0, -1)) / 100;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t.startsWith("{") && t.endsWith("}"))
    return t
      .slice(1, -1)
      .split(";")
      .map((row) => row.split(",").map((c) => excelArgument(c)));
  const date = /^DATE\((\d+),(\d+),(\d+)\)(?:\+TIME\((\d+),(\d+),(\d+)\))?$/i.exec(t.replace(/\s+/g, ""));
  if (date) {
    const [y, m, d, hh = "0", mi = "0", ss = "0"] = date.slice(1);
    return serialFromYmd(Number(y), Number(m), Number(d)) + (Number(hh) * 3600 + Number(mi) * 60 + Number(ss)) / 86400;
  }
  throw new Error(`smoke set: cannot evaluate the argument ${t}`);
}

/** `=BPO.NAME(a,b,...)` as the function's name and its arguments' text (top-level commas only). */
export function splitFormula(formula: string): { name: string; args: string[] } {
  const m = /^=BPO\.([A-Z0-9]+)\((.*)\)$/i.exec(formula.trim());
  if (!m) throw new Error(`smoke set: ${formula} is not =BPO.NAME(...)`);
  const args: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = "";
  for (const ch of m[2]) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "(" || ch === "{")) depth++;
    if (!quoted && (ch === ")" || ch === "}")) depth--;
    if (ch === "," && depth === 0 && !quoted) {
      args.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (m[2] !== "" || cur !== "") args.push(cur);
  return { name: m[1].toUpperCase(), args };
}

/** How a function is called: (name, arguments as Excel evaluated them) -> its result. */
export type CallFunction = (name: string, args: unknown[]) => unknown;

/**
 * The call as Excel's custom-functions runtime makes it (src/functions/convention.ts, driven by the functions'
 * metadata: omitted optional = null, a repeating parameter as one array, ranges as 2-D arrays, typed conversions),
 * the same path `bpo-desk fn` and the functions tests take.
 */
export const catalogueCall: CallFunction = (name, args) => {
  if (!findFunction(name)) throw new Error(`smoke set: no function BPO.${name}`);
  return excelCall(name, ...(args as Arg[]));
};

/** One smoke formula evaluated through the functions: the thin step CI takes instead of Excel. */
export async function evaluateFormula(formula: string, call: CallFunction = catalogueCall): Promise<unknown> {
  const { name, args } = splitFormula(formula);
  const result = await call(name, args.map(excelArgument));
  return typeof result === "number" || typeof result === "string" || typeof result === "boolean"
    ? result
    : Array.isArray(result)
      ? result
      : String(result);
}

/** Whether a result is the one expected (numbers to 1e-9, a spilled row element by element). */
export function smokeMatches(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((row, i) => smokeMatches(actual[i], row))
    );
  if (typeof expected === "number") return typeof actual === "number" && Math.abs(actual - expected) < 1e-9;
  return actual === expected;
}
