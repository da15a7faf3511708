/**
 * The BPO.* catalogue as a lookup table for headless callers (`bpo-desk fn`, the demo gallery, benchmarks):
 * each entry is the very wrapper Excel calls, with the metadata Excel reads for it (./metadata.json, the
 * custom-functions-metadata output for ./functions.ts that the build writes to dist/functions.json; a test keeps the
 * two identical), so headless callers pass arguments exactly as Excel's runtime does (./convention.ts).
 * A parameter written "[name]" is optional; "name..." repeats.
 */

import { excelArguments, type Arg, type FunctionMetadata } from "./convention";
import * as F from "./functions";
import METADATA from "./metadata.json";

/* eslint-disable @typescript-eslint/no-explicit-any -- the wrappers take Excel values of any type */

export interface CatalogueEntry {
  name: string;
  fn: (...args: any[]) => unknown;
  meta: FunctionMetadata;
  params: string[];
}

export const FUNCTIONS_METADATA: readonly FunctionMetadata[] = METADATA.functions as FunctionMetadata[];

const entry = (name: string, fn: (...args: any[]) => unknown): CatalogueEntry => {
  const meta = FUNCTIONS_METADATA.find((f) => f.id === name);
  if (!meta)
    throw new Error(`src/functions/metadata.json has no ${name}: regenerate it (see tests/functions/metadata.test.ts)`);
  const params = meta.parameters.map((p) => (p.repeating ? `${p.name}...` : p.optional ? `[${p.name}]` : p.name));
  return { name, fn, meta, params };
};

export const CATALOGUE: readonly CatalogueEntry[] = [
  entry("GROSSPAY", F.grossPay),
  entry("PRORATE", F.prorate),
  entry("EPF", F.epf),
  entry("ESI", F.esi),
  entry("PROFTAX", F.profTax),
  entry("INCOMETAX", F.incomeTax),
  entry("FEDWITHHOLDING", F.fedWithholding),
  entry("FICA", F.fica),
  entry("SLABTAX", F.slabTax),
  entry("NETPAY", F.netPay),
  entry("LINEAMOUNT", F.lineAmount),
  entry("GST", F.gst),
  entry("TAXFROMGROSS", F.taxFromGross),
  entry("INVOICETAX", F.invoiceTax),
  entry("DUEDATE", F.dueDate),
  entry("EARLYPAY", F.earlyPay),
  entry("LATEINTEREST", F.lateInterest),
  entry("AGINGBUCKET", F.agingBucket),
  entry("DSO", F.dso),
  entry("ROUNDMONEY", F.roundMoney),
  entry("WORKHOURS", F.workHours),
  entry("SLAMET", F.slaMet),
  entry("DPMO", F.dpmo),
];

/** The entry for a name, case-insensitive, with or without the "BPO." prefix: findFunction("bpo.grosspay"). */
export function findFunction(name: string): CatalogueEntry | undefined {
  const key = name
    .trim()
    .toUpperCase()
    .replace(/^=?BPO\./, "")
    .replace(/^=/, "");
  return CATALOGUE.find((e) => e.name === key);
}

/** "BPO.GROSSPAY(hours, rate, [threshold], [multiplier], [bonus])" */
export function signature(e: CatalogueEntry): string {
  return `BPO.${e.name}(${e.params.join(", ")})`;
}

/**
 * Evaluates `=BPO.NAME(args...)` as Excel would: the arguments converted and shaped by the function's metadata
 * (excelArguments), then the wrapper. Throws ExcelError for an Excel error, FormulaError for a formula Excel refuses.
 * evaluate(findFunction("NETPAY")!, [50000, 1800, 200]) === 48000
 */
export function evaluate(e: CatalogueEntry, args: readonly Arg[]): unknown {
  return e.fn(...excelArguments(e.meta, args));
}

/** evaluate by name: excelCall("NETPAY", 50000, 1800, 200) === 48000, as =BPO.NETPAY(50000,1800,200) in a cell. */
export function excelCall(name: string, ...args: Arg[]): unknown {
  const e = findFunction(name);
  if (!e) throw new Error(`no BPO.${name}`);
  return evaluate(e, args);
}
