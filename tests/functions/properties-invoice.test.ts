/**
 * Property tests for the invoice and receivables functions over their whole input domain (tests/functions/domain.ts):
 * a finite number (or text, or a row of finite numbers) or an Excel error naming a parameter, never anything else;
 * no negative tax on a positive amount; results independent of how a number is written.
 */
import fc from "fast-check";
import { amount, checkFormatting, checkWholeDomain, dateSerial, FAMILY, meantArguments } from "./domain";
import { callAsExcel } from "./excel-call";

test("no input makes an invoice function return null, NaN, Infinity or an internal error", () => {
  checkWholeDomain(FAMILY.invoice);
});

test("the way a number is written (1,250.50 or 1250.5, 18% or 0.18, a date or its ISO text) does not change the result", () => {
  checkFormatting(FAMILY.invoice);
});

test("GST, TAXFROMGROSS and INVOICETAX are never negative on amounts of 0 or more; LATEINTEREST neither", () => {
  fc.assert(
    fc.property(meantArguments("GST"), (args) => {
      const s = callAsExcel("GST", ...args);
      return !Array.isArray(s) || s[0].every((x) => (x as number) >= 0);
    }),
    { numRuns: 300, seed: 9 },
  );
  for (const name of ["TAXFROMGROSS", "INVOICETAX", "LATEINTEREST"])
    fc.assert(
      fc.property(meantArguments(name), (args) => {
        const s = callAsExcel(name, ...args);
        return typeof s !== "number" || s >= 0;
      }),
      { numRuns: 300, seed: 10 },
    );
});

test("ROUNDMONEY gives a multiple of the increment within one increment of the amount, for any amount", () => {
  fc.assert(
    fc.property(
      fc.oneof(amount(1e12), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 })),
      fc.constantFrom(0.01, 0.05, 1, 10),
      fc.constantFrom("half-up", "half-even", "up", "down"),
      (x, inc, mode) => {
        const r = callAsExcel("ROUNDMONEY", x, inc, mode);
        if (typeof r !== "number") return false;
        // Past 2^53 every double is a whole number, a multiple of any increment up to 1: the amount itself.
        if (Math.abs(x) >= 2 ** 53 && inc <= 1) return r === x;
        // Below 1e15 a value with more than 15 significant digits is read at 15, as Excel keeps a typed number
        // (decOf): half a unit of the 15th digit may be added to the increment.
        return Math.abs(r - x) <= inc * (1 + 1e-9) + Math.abs(x) * 5e-15;
      },
    ),
    { numRuns: 500, seed: 11 },
  );
});

test("DUEDATE is on or after the invoice date, and a date Excel holds", () => {
  fc.assert(
    fc.property(dateSerial, meantArguments("DUEDATE"), (day, [, terms]) => {
      const due = callAsExcel("DUEDATE", day, terms);
      return typeof due === "number" && Number.isInteger(due) && due >= Math.floor(day) && due <= 2958465;
    }),
    { numRuns: 300, seed: 13 },
  );
});
