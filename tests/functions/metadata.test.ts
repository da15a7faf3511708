/**
 * functions.json as Excel will read it, generated from src/functions/functions.ts by custom-functions-metadata (the
 * same generator the webpack plugin runs). The expectation below is transcribed from shared/spec/functions.md, the
 * contract workbooks in the field depend on: names, parameter order and names, and which parameters are optional.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CATALOGUE as ENTRIES } from "../../src/functions/catalogue";
import { generatedMetadata } from "./excel-call";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");

const CATALOGUE: Record<string, string> = {
  GROSSPAY: "hours, rate, [threshold], [multiplier], [bonus]",
  PRORATE: "amount, paidDays, periodDays",
  EPF: "pfWage, [part], [capWage]",
  ESI: "grossMonthly, [part]",
  PROFTAX: "grossMonthly, state, [month], [gender]",
  INCOMETAX: "taxableIncome, [regime]",
  FEDWITHHOLDING:
    "wages, periodsPerYear, filingStatus, [year], [step2], [credits], [otherIncome], [deductions], [extra]",
  FICA: "wages, [ytdWages], [year], [part]",
  SLABTAX: "amount, slabs",
  NETPAY: "gross, deductions...",
  LINEAMOUNT: "qty, unitPrice, [discount], [taxRate]",
  GST: "taxableValue, rate, supplierState, placeOfSupply, [invoiceDate]",
  TAXFROMGROSS: "grossAmount, rate",
  INVOICETAX: "amounts, rate, [mode]",
  DUEDATE: "invoiceDate, terms",
  EARLYPAY: "amount, terms, invoiceDate, paymentDate",
  LATEINTEREST: "amount, dueDate, paidDate, annualRate, [method]",
  AGINGBUCKET: "dueDate, asOf, [edges]",
  DSO: "receivables, creditSales, [days]",
  ROUNDMONEY: "amount, [increment], [mode]",
  WORKHOURS: "start, end, [dayStart], [dayEnd], [holidays], [weekend]",
  SLAMET: "received, completed, slaHours, [dayStart], [dayEnd], [holidays], [weekend]",
  DPMO: "defects, units, opportunities",
};

interface Param {
  name: string;
  optional?: boolean;
  repeating?: boolean;
  dimensionality?: string;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  parameters: Param[];
  result: { dimensionality?: string; type?: string };
}

let functions: Fn[] = [];
let errors: string[] = [];
let metadataJson = "";

const CHECKED_IN = path.join(__dirname, "../../src/functions/metadata.json");

beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(path.join(__dirname, "../../src/functions/functions.ts"));
  errors = r.errors;
  metadataJson = r.metadataJson;
  functions = JSON.parse(r.metadataJson).functions;
  // UPDATE_METADATA=1 npx jest tests/functions/metadata.test.ts rewrites the copy after a JSDoc change.
  if (process.env.UPDATE_METADATA)
    fs.writeFileSync(CHECKED_IN, JSON.stringify(JSON.parse(metadataJson), null, 2) + "\n");
});

test("the metadata generates without errors", () => {
  expect(errors).toEqual([]);
});

test("src/functions/metadata.json, which `bpo-desk fn` converts its arguments by, is the generator's output", () => {
  // Regenerate with: UPDATE_METADATA=1 npx jest tests/functions/metadata.test.ts
  expect(JSON.parse(fs.readFileSync(CHECKED_IN, "utf8"))).toEqual(JSON.parse(metadataJson));
});

test("the test harness drives the calls by the same metadata (parseTree, as the generator runs it)", () => {
  expect(generatedMetadata()).toEqual(functions);
});

test("every generated function has a catalogue entry calling its wrapper, and no entry lacks one", () => {
  expect(ENTRIES.map((e) => e.name).sort()).toEqual(functions.map((f) => f.id).sort());
});

test("no function is volatile (documented per function in its description and the README)", () => {
  for (const f of functions) expect((f as { options?: { volatile?: boolean } }).options?.volatile).toBeFalsy();
});

test("the date-returning DUEDATE says to format the cell as a date", () => {
  expect(functions.find((f) => f.name === "DUEDATE")!.description).toMatch(/format the cell as a date/);
});

test("PROFTAX's month is typed any, so Excel passes the attendance sheet's YYYY-MM text to it", () => {
  const month = functions.find((f) => f.name === "PROFTAX")!.parameters[2] as Param & { type?: string };
  expect(month.name).toBe("month");
  expect(month.type).toBe("any");
});

test("every catalogue function is present under its exact name", () => {
  const names = functions.map((f) => f.name);
  for (const name of Object.keys(CATALOGUE)) expect(names).toContain(name);
});

test.each(Object.entries(CATALOGUE))(
  "%s has the catalogue's parameters in order, with their optionality",
  (name, spec) => {
    const f = functions.find((x) => x.name === name)!;
    expect(f.id).toBe(name);
    expect(f.description).toMatch(/\S/);
    const expected = spec.split(",").map((p) => p.trim());
    expect(f.parameters.map((p) => p.name)).toEqual(expected.map((p) => p.replace(/^\[|\]$|\.\.\.$/g, "")));
    expected.forEach((p, i) => {
      const got = f.parameters[i];
      if (p.endsWith("...")) expect(got.repeating).toBe(true);
      else expect(Boolean(got.optional)).toBe(p.startsWith("["));
    });
  },
);

test("GST spills one row (matrix result); ranges are matrices", () => {
  expect(functions.find((f) => f.name === "GST")!.result.dimensionality).toBe("matrix");
  const slabs = functions.find((f) => f.name === "SLABTAX")!.parameters[1];
  expect(slabs.dimensionality).toBe("matrix");
  const amounts = functions.find((f) => f.name === "INVOICETAX")!.parameters[0];
  expect(amounts.dimensionality).toBe("matrix");
});
