/**
 * functions.json as Excel will read it, generated from src/functions/functions.ts by custom-functions-metadata (the
 * same generator the webpack plugin runs). The expectation below is transcribed from shared/spec/functions.md, the
 * contract workbooks in the field depend on: names, parameter order and names, and which parameters are optional.
 */
import * as path from "node:path";

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

beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(path.join(__dirname, "../../src/functions/functions.ts"));
  errors = r.errors;
  functions = JSON.parse(r.metadataJson).functions;
});

test("the metadata generates without errors", () => {
  expect(errors).toEqual([]);
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
