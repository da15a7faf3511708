/**
 * The whole input domain of the BPO.* functions for the property tests (fast-check), and the checks every call must
 * pass: what a cell can hold (any number a double can be, NaN and infinities as a headless caller can pass them,
 * text of every kind, TRUE/FALSE, empty cells, ranges of all of these), weighted towards each parameter's own
 * vocabulary so the calls reach past the first check.
 */
import fc from "fast-check";
import { isoFromSerial, isoDateTimeFromSerial, serialFromYmd } from "../../src/core/dates";
import { WEEKEND_CODES } from "../../src/core/ops/calendar";
import { CATALOGUE } from "../../src/functions/catalogue";
import { FormulaError } from "../../src/functions/convention";
import { BLANK, callAsExcel, callOn, generatedMetadata, type ExcelArg, type Shown } from "./excel-call";

/** Numbers no calculation can take, and the edges of the double. */
export const SPECIAL_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  1e-320,
  5e-324,
  -5e-324,
  2 ** 53,
  2 ** 53 + 2,
  1e21,
  1e15 + 0.5,
  0.1 + 0.2,
  1.005,
  NaN,
  Infinity,
  -Infinity,
];

export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer({ min: -1e11, max: 1e11 }).map((c) => c / 100),
  fc.constantFrom(...SPECIAL_NUMBERS),
);

export const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", " ", "abc", "--45", "1,2,3", "1e999", "NaN", "Infinity", "TRUE", "#N/A", "2025-02-30", "12%%"),
  fc.constantFrom("(5)", "45 Dr", "1,250.50", "18%", "-0", "0x10", "₹1,250", "$-5", "2025-13", "24:00", "0000011"),
);

/** Anything a single cell can hold. */
export const anyCell: fc.Arbitrary<ExcelArg> = fc.oneof(
  { weight: 3, arbitrary: anyNumber },
  { weight: 2, arbitrary: junkText },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(BLANK) },
);

/** A rectangular range of cells drawn from `cell`. */
export function rangeOf(cell: fc.Arbitrary<ExcelArg>, maxRows = 4, maxCols = 3): fc.Arbitrary<ExcelArg> {
  return fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxCols }))
    .chain(([r, c]) =>
      fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }),
    ) as fc.Arbitrary<ExcelArg>;
}

const D0 = serialFromYmd(2017, 7, 1);
const D1 = serialFromYmd(2030, 12, 31);
/** A date serial in the years the rate tables cover, with or without a time of day. */
export const dateSerial = fc.oneof(
  fc.integer({ min: D0, max: D1 }),
  fc.integer({ min: D0 * 1440, max: D1 * 1440 }).map((m) => m / 1440),
);
export const amount = (max = 1e9): fc.Arbitrary<number> =>
  fc.integer({ min: 0, max: Math.round(max * 100) }).map((c) => c / 100);
export const fraction4 = fc.integer({ min: 0, max: 10000 }).map((b) => b / 10000);

const masks = fc.array(fc.constantFrom("0", "1"), { minLength: 7, maxLength: 7 }).map((a) => a.join(""));
const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);

/** What each parameter (by name) is meant to receive, before junk is mixed in. */
const VOCABULARY: Record<string, fc.Arbitrary<ExcelArg>> = {
  hours: fc.integer({ min: 0, max: 8000 }).map((q) => q / 100),
  rate: fc.oneof(amount(500), fc.constantFrom(0, 0.05, 0.18, 0.28, 0.4, 0.0025, 0.03, 0.12, 0.001, 0.015)),
  threshold: fc.integer({ min: 0, max: 60 }),
  multiplier: fc.constantFrom(1, 1.5, 2, 2.25),
  bonus: amount(1000),
  amount: amount(),
  paidDays: fc.integer({ min: 0, max: 31 }),
  periodDays: fc.integer({ min: 1, max: 31 }),
  pfWage: amount(100000),
  part: fc.constantFrom("employee", "eps", "employer", "edli", "admin", "EE", "er"),
  capWage: fc.boolean(),
  grossMonthly: amount(100000),
  gross: amount(100000),
  state: fc.constantFrom("MH", "KA", "27", "29", 27, 29, "Maharashtra", "karnataka"),
  month: fc.oneof(fc.integer({ min: 1, max: 12 }), dateSerial, fc.constantFrom("2026-02", "2025-10", "2026-2")),
  gender: fc.constantFrom("M", "F", "male", "Female"),
  taxableIncome: amount(1e8),
  regime: fc.constantFrom(
    "IN-NEW-FY2025-26",
    "IN-NEW-FY2024-25",
    "IN-NEW-FY2026-27",
    "US-FED-2025-SINGLE",
    "US-FED-2025-MFJ",
    "US-FED-2026-SINGLE",
    "US-FED-2026-MFJ",
  ),
  wages: amount(100000),
  periodsPerYear: fc.constantFrom(1, 12, 24, 26, 52, 365),
  filingStatus: fc.constantFrom("single", "mfj", "hoh", "married", "head of household"),
  year: fc.constantFrom(2025, 2026),
  step2: fc.boolean(),
  credits: amount(10000),
  otherIncome: amount(50000),
  deductions: amount(50000),
  extra: amount(500),
  ytdWages: amount(300000),
  qty: fc.integer({ min: -100, max: 10000 }),
  unitPrice: amount(100000),
  discount: fraction4,
  taxRate: fc.constantFrom(0, 0.05, 0.12, 0.18, 0.28),
  taxableValue: amount(1e7),
  supplierState: fc.constantFrom("MH", "KA", "27", "29", 27, "DL", "07", "96", 97),
  placeOfSupply: fc.constantFrom("MH", "KA", "27", "29", 29, "DL", "07", "96", 97),
  invoiceDate: dateSerial,
  grossAmount: amount(1e7),
  mode: fc.constantFrom("line", "total", "half-up", "half-even", "up", "down"),
  terms: fc.constantFrom("NET 30", "2/10 NET 30", "EOM", "NET 15 EOM", "DUE ON RECEIPT", "net 0", "1.5/10 NET 45"),
  paymentDate: dateSerial,
  dueDate: dateSerial,
  paidDate: dateSerial,
  annualRate: fc.constantFrom(0, 0.065, 0.165, 0.18, 0.24),
  method: fc.constantFrom("simple", "monthly"),
  asOf: dateSerial,
  receivables: amount(1e8),
  creditSales: amount(1e9),
  days: fc.constantFrom(365, 360, 90, 30),
  increment: fc.constantFrom(0.01, 0.05, 0.1, 1, 5, 10, 100),
  start: dateSerial,
  end: dateSerial,
  received: dateSerial,
  completed: dateSerial,
  slaHours: fc.integer({ min: 0, max: 200 }),
  dayStart: fc.oneof(clock, fc.constantFrom(0.375, "9:00", "6:30 AM")),
  dayEnd: fc.oneof(clock, fc.constantFrom(0.75, "18:00", "24:00", "6:30 PM")),
  weekend: fc.oneof(masks, fc.constantFrom(1, 2, 7, 11, 17, "0000011", "1111111")),
  defects: fc.integer({ min: 0, max: 1000 }),
  units: fc.integer({ min: 1, max: 100000 }),
  opportunities: fc.integer({ min: 1, max: 20 }),
};

const RANGES: Record<string, fc.Arbitrary<ExcelArg>> = {
  slabs: fc
    .array(fc.tuple(amount(1e6), fraction4), { minLength: 1, maxLength: 6 })
    .map((rows) => rows.sort((a, b) => a[0] - b[0]).map(([l, r]) => [l, r])),
  amounts: rangeOf(amount(1e5), 6, 2),
  edges: fc
    .uniqueArray(fc.integer({ min: 1, max: 365 }), { minLength: 1, maxLength: 5 })
    .map((a) => [a.sort((x, y) => x - y)]),
  holidays: rangeOf(dateSerial, 5, 1),
  deductions: rangeOf(amount(10000), 3, 2),
};

/** A meaningful value for a parameter of a function, from its vocabulary (by parameter name). */
export function meant(fn: string, param: string, matrix: boolean): fc.Arbitrary<ExcelArg> {
  if (matrix && RANGES[param]) return RANGES[param];
  const v = VOCABULARY[param];
  if (!v) throw new Error(`no vocabulary for ${fn} ${param}`);
  return v;
}

/**
 * Argument lists for a function over its whole domain: each argument is left out, a meaningful value, or anything
 * a cell or range can hold; a repeating parameter gets 0-3 arguments.
 */
export function anyArguments(name: string): fc.Arbitrary<ExcelArg[]> {
  const meta = generatedMetadata().find((f) => f.id === name)!;
  const parts = meta.parameters.map((p) => {
    const matrix = p.dimensionality === "matrix";
    const one = fc.oneof(
      { weight: 6, arbitrary: meant(name, p.name, matrix) },
      { weight: 3, arbitrary: matrix ? fc.oneof(rangeOf(anyCell), anyCell) : anyCell },
      { weight: 1, arbitrary: fc.constant(undefined as ExcelArg) },
    );
    return p.repeating ? fc.array(one, { maxLength: 3 }) : one.map((x) => [x]);
  });
  return fc.tuple(...parts).map((lists) => (lists as ExcelArg[][]).flat());
}

/** Meaningful argument lists only (every parameter given from its vocabulary). */
export function meantArguments(name: string): fc.Arbitrary<ExcelArg[]> {
  const meta = generatedMetadata().find((f) => f.id === name)!;
  const parts = meta.parameters.map((p) => {
    const a = meant(name, p.name, p.dimensionality === "matrix");
    return p.repeating ? fc.array(a, { maxLength: 3 }) : a.map((x) => [x]);
  });
  return fc.tuple(...parts).map((lists) => (lists as ExcelArg[][]).flat());
}

const ERROR_CODES = new Set(["#VALUE!", "#NUM!", "#N/A", "#DIV/0!"]);

const isError = (s: Shown): s is { error: string; message?: string } =>
  s !== null && typeof s === "object" && !Array.isArray(s) && "error" in s;

/**
 * The contract of every call: a value of the function's result type (a finite number, never null, NaN or Infinity;
 * text; TRUE/FALSE; a row of finite numbers for GST), or an Excel error whose message names a parameter of the
 * function; and Excel (the fake runtime, CustomFunctions.Error) shows the same value or the same code.
 * Returns a description of what is wrong, or "" when the call is well behaved.
 */
export function misbehaviour(name: string, args: ExcelArg[]): string {
  const meta = generatedMetadata().find((f) => f.id === name)!;
  let headless: Shown;
  try {
    headless = callOn({ headless: true }, name, ...args);
  } catch (e) {
    // A formula Excel itself refuses (a required argument left out at the end): nothing to evaluate.
    if (e instanceof FormulaError) return "";
    throw e;
  }
  const inExcel = callAsExcel(name, ...args);
  if (isError(headless)) {
    if (!ERROR_CODES.has(headless.error)) return `${headless.error}: ${headless.message}`;
    const lead = (headless.message ?? "").split(":")[0];
    if (!meta.parameters.some((p) => lead.includes(p.name))) return `message names no parameter: ${headless.message}`;
    if (!isError(inExcel) || inExcel.error !== headless.error) return `Excel shows ${JSON.stringify(inExcel)}`;
    return "";
  }
  const type = meta.result.type;
  if (meta.result.dimensionality === "matrix") {
    if (!Array.isArray(headless) || !headless.every((r) => Array.isArray(r) && r.every((x) => finite(x))))
      return `not a row of finite numbers: ${JSON.stringify(headless)}`;
  } else if (type === "number" ? !finite(headless) : typeof headless !== type)
    return `not a ${type}: ${String(headless)}`;
  if (JSON.stringify(inExcel) !== JSON.stringify(headless)) return `Excel shows ${JSON.stringify(inExcel)}`;
  return "";
}

const finite = (x: unknown): boolean => typeof x === "number" && Number.isFinite(x);

/** Asserts the contract over the whole domain of each function. */
export function checkWholeDomain(names: string[], numRuns = 400): void {
  for (const name of names) {
    fc.assert(
      fc.property(anyArguments(name), (args) => misbehaviour(name, args) === ""),
      { numRuns, seed: 12, reporter: (r) => report(name, r) },
    );
  }
}

function report(name: string, r: fc.RunDetails<[ExcelArg[]]>): void {
  if (!r.failed) return;
  const args = r.counterexample?.[0] ?? [];
  throw new Error(`BPO.${name}(${args.map(show).join(", ")}): ${misbehaviour(name, args)} (seed ${r.seed})`);
}

export function show(a: ExcelArg): string {
  if (a === BLANK) return "<blank>";
  if (a === undefined) return "<left out>";
  if (Array.isArray(a)) return `{${a.map((r) => r.map((c) => show(c as ExcelArg)).join(",")).join(";")}}`;
  if (typeof a === "number") return Object.is(a, -0) ? "-0" : String(a);
  return JSON.stringify(a);
}

/** The catalogue's functions of a family, by name. */
export const FAMILY = {
  payroll: ["GROSSPAY", "PRORATE", "EPF", "ESI", "PROFTAX", "INCOMETAX", "FEDWITHHOLDING", "FICA", "SLABTAX", "NETPAY"],
  invoice: [
    "LINEAMOUNT",
    "GST",
    "TAXFROMGROSS",
    "INVOICETAX",
    "DUEDATE",
    "EARLYPAY",
    "LATEINTEREST",
    "AGINGBUCKET",
    "DSO",
    "ROUNDMONEY",
  ],
  ops: ["WORKHOURS", "SLAMET", "DPMO"],
};

if (Object.values(FAMILY).flat().length !== CATALOGUE.length) throw new Error("a catalogue function has no family");

// ---------------------------------------------------------------------------------------------- formatting

const grouped = (x: number): string =>
  x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true });

/**
 * The same argument written another way a user or a sheet would: a number as its text, with thousands separators,
 * a fraction as a percent ("18%"), a date as ISO text, a time of day as "HH:MM", a weekend number as its mask, a
 * state code as text. Excel (number parameters) or the wrapper (any parameters, range cells) reads each back.
 */
export function reformat(param: string, v: ExcelArg, how: number): ExcelArg {
  if (Array.isArray(v)) return v.map((row) => row.map((c) => reformat(param, c as ExcelArg, how) as never));
  if (typeof v !== "number") return v;
  const isDate = /date|^asOf$|^start$|^end$|^received$|^completed$|holidays/i.test(param);
  if (isDate && how % 2 === 0)
    return Number.isInteger(v) ? isoFromSerial(v) : isoDateTimeFromSerial(Math.round(v * 1440) / 1440);
  if (param === "weekend" && WEEKEND_CODES[v]) return WEEKEND_CODES[v];
  if ((param === "dayStart" || param === "dayEnd") && v > 0 && v < 1) {
    const m = Math.round(v * 1440);
    return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  }
  if (isDate || /state|placeOfSupply/i.test(param)) return String(v);
  if (/rate|discount|slabs/i.test(param) && v >= 0 && v <= 1 && how % 3 === 0)
    return `${Number((v * 100).toPrecision(12))}%`;
  if (Math.abs(v) < 1e12 && Math.round(v * 100) / 100 === v && how % 3 === 1) return grouped(v);
  return String(v);
}

/** The parameter an argument position fills (the repeating one for every position from it on). */
export function paramAt(name: string, i: number): string {
  const ps = generatedMetadata().find((f) => f.id === name)!.parameters;
  return ps[Math.min(i, ps.length - 1)].name;
}

/** What a cell shows, for comparing two calls: the value, or the error code alone (messages quote the input). */
function outcome(s: Shown): unknown {
  return isError(s) ? s.error : s;
}

/** Asserts that writing the arguments another way (reformat) never changes what the cell shows. */
export function checkFormatting(names: string[], numRuns = 300): void {
  for (const name of names) {
    fc.assert(
      fc.property(meantArguments(name), fc.nat(), (args, how) => {
        const alt = args.map((a, i) => reformat(paramAt(name, i), a, how + i));
        const a = outcome(callAsExcel(name, ...args));
        const b = outcome(callAsExcel(name, ...alt));
        if (JSON.stringify(a) !== JSON.stringify(b))
          throw new Error(
            `BPO.${name}(${args.map(show).join(", ")}) shows ${JSON.stringify(a)}, written as ` +
              `(${alt.map(show).join(", ")}) it shows ${JSON.stringify(b)}`,
          );
      }),
      { numRuns, seed: 34 },
    );
  }
}
