/**
 * Property tests for the operations functions (WORKHOURS, SLAMET, DPMO) over their whole input domain
 * (tests/functions/domain.ts), and the weekend masks as NETWORKDAYS.INTL reads them.
 */
import fc from "fast-check";
import { checkFormatting, checkWholeDomain, dateSerial, FAMILY } from "./domain";
import { callAsExcel } from "./excel-call";

test("no input makes an operations function return null, NaN, Infinity or an internal error", () => {
  checkWholeDomain(FAMILY.ops);
});

test("the way an argument is written (a time as 09:00 or 0.375, a weekend number or its mask, a date or ISO text) does not change the result", () => {
  checkFormatting(FAMILY.ops);
});

test("WORKHOURS is 0 or more from start to end, never more than the calendar hours, and 0 with no working day", () => {
  fc.assert(
    fc.property(dateSerial, fc.integer({ min: 0, max: 60 * 24 * 40 }), (start, minutes) => {
      const end = start + minutes / 1440;
      const h = callAsExcel("WORKHOURS", start, end);
      const none = callAsExcel("WORKHOURS", start, end, undefined, undefined, undefined, "1111111");
      return typeof h === "number" && h >= 0 && h <= (minutes / 60) * (1 + 1e-12) && none === 0;
    }),
    { numRuns: 300, seed: 14 },
  );
});

test("SLAMET agrees with WORKHOURS <= slaHours", () => {
  fc.assert(
    fc.property(
      dateSerial,
      fc.integer({ min: 0, max: 60 * 24 * 10 }),
      fc.integer({ min: 0, max: 100 }),
      (s, m, sla) => {
        const e = s + m / 1440;
        return callAsExcel("SLAMET", s, e, sla) === (callAsExcel("WORKHOURS", s, e) as number) <= sla;
      },
    ),
    { numRuns: 300, seed: 15 },
  );
});
