/**
 * Property tests for the payroll functions over their whole input domain (tests/functions/domain.ts): no input makes
 * a function return anything but a finite number or an Excel error naming a parameter, no tax is negative on a
 * positive income, and the way a number is written does not change the result.
 */
import fc from "fast-check";
import { amount, checkFormatting, checkWholeDomain, FAMILY, fraction4, meantArguments } from "./domain";
import { callAsExcel, type Shown } from "./excel-call";

const num = (s: Shown): number => {
  if (typeof s !== "number") throw new Error(`expected a number, got ${JSON.stringify(s)}`);
  return s;
};

test("no input makes a payroll function return null, NaN, Infinity or an internal error", () => {
  checkWholeDomain(FAMILY.payroll);
});

test("the way a number is written (1,250.50 or 1250.5, 18% or 0.18, text or number) does not change the result", () => {
  checkFormatting(FAMILY.payroll);
});

test("no tax or contribution is negative on a positive income, and none exceeds it", () => {
  // FEDWITHHOLDING may pass the period's wages: Step 4(a) other income and 4(c) extra withholding are taxed there too.
  const capped = ["EPF", "ESI", "PROFTAX", "INCOMETAX", "FICA"];
  for (const name of [...capped, "FEDWITHHOLDING"])
    fc.assert(
      fc.property(meantArguments(name), (args) => {
        const s = callAsExcel(name, ...args);
        if (typeof s !== "number") return true; // an Excel error (e.g. a year outside every table): checked elsewhere
        // ESI is rounded UP to the rupee (ESI (Central) Rules r.51): on 0.01 it is 1, so the cap allows that rupee.
        return s >= 0 && (!capped.includes(name) || s <= (args[0] as number) + 1);
      }),
      { numRuns: 300, seed: 5 },
    );
});

test("INCOMETAX never decreases as income rises, and stays below the income (every regime)", () => {
  fc.assert(
    fc.property(amount(5e7), amount(1e6), meantArguments("INCOMETAX"), (x, dx, [, regime]) => {
      const a = num(callAsExcel("INCOMETAX", x, regime));
      const b = num(callAsExcel("INCOMETAX", x + dx, regime));
      return a >= 0 && a <= b && a <= x;
    }),
    { numRuns: 500, seed: 6 },
  );
});

test("SLABTAX on any ascending slab table with bounds >= 0: 0 <= tax <= amount, never decreasing", () => {
  const slabs = fc
    .array(fc.tuple(amount(1e6), fraction4), { minLength: 1, maxLength: 6 })
    .map((rows) => [...new Map(rows.map((r) => [r[0], r])).values()].sort((a, b) => a[0] - b[0]));
  fc.assert(
    fc.property(amount(1e7), amount(1e5), slabs, (x, dx, rows) => {
      const a = num(callAsExcel("SLABTAX", x, rows));
      const b = num(callAsExcel("SLABTAX", x + dx, rows));
      return a >= 0 && a <= b && a <= x;
    }),
    { numRuns: 500, seed: 7 },
  );
});

test("FEDWITHHOLDING never decreases as wages rise (each status, year and Step 2 box)", () => {
  fc.assert(
    fc.property(
      amount(50000),
      amount(5000),
      meantArguments("FEDWITHHOLDING"),
      (w, dw, [, periods, st, year, step2]) => {
        const a = num(callAsExcel("FEDWITHHOLDING", w, periods, st, year, step2));
        const b = num(callAsExcel("FEDWITHHOLDING", w + dw, periods, st, year, step2));
        return a >= 0 && a <= b;
      },
    ),
    { numRuns: 500, seed: 8 },
  );
});
