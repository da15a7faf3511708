/**
 * src/core/dates.ts converts serials and calendar dates with integer arithmetic (Hinnant's days_from_civil /
 * civil_from_days), no Date objects. The independent reference here is the JavaScript Date object itself
 * (ECMA-262 Date.UTC / getUTC*), the way dates.ts computed these before: every serial, DATE-style month and day
 * overflow, truncated fractions, Date.UTC's years 0-99 (= 1900-1999) and NaN outside Date's range must agree.
 * Excel's own calendar (1900-02-29 = serial 60, serial 0 = 1900-01-00) is pinned separately, from Microsoft's KB
 * (learn.microsoft.com/office/troubleshoot/excel/wrongly-assumes-1900-is-leap-year).
 */
import { daysInMonth, edate, eomonth, isoMonth, MAX_SERIAL, serialFromYmd, ymdFromSerial } from "../../src/core/dates";
import { rng } from "./invoice/helpers";

const MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 31); // serial 0 = 1899-12-31 in the real calendar

/** Reference: the serial of Date.UTC(y, m - 1, d), serial 60 (the fictitious 1900-02-29) skipped. */
function refSerial(y: number, m: number, d: number): number {
  if (y === 1900 && m === 2 && d === 29) return 60;
  const days = Math.round((Date.UTC(y, m - 1, d) - EPOCH) / MS);
  return days >= 60 ? days + 1 : days;
}

/** Reference: the UTC calendar date of a whole serial through a Date. */
function refYmd(serial: number): { y: number; m: number; d: number } {
  const s = Math.floor(serial);
  if (s === 60) return { y: 1900, m: 2, d: 29 };
  if (s === 0) return { y: 1900, m: 1, d: 0 };
  const dt = new Date(EPOCH + (s > 60 ? s - 1 : s) * MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

describe("dates.ts integer calendar vs the Date object", () => {
  it("gives the same calendar date for every serial from 0 to 9999-12-31 and back", () => {
    for (let s = 0; s <= MAX_SERIAL; s++) {
      const got = ymdFromSerial(s);
      const want = refYmd(s);
      if (got.y !== want.y || got.m !== want.m || got.d !== want.d) expect({ s, got }).toEqual({ s, got: want });
      if (s > 0 && serialFromYmd(got.y, got.m, got.d) !== s)
        expect({ s, back: serialFromYmd(got.y, got.m, got.d) }).toEqual({ s, back: s });
    }
    expect(ymdFromSerial(45747.75)).toEqual({ y: 2025, m: 3, d: 31 }); // the fraction is ignored
  });

  it("rolls month and day overflow over as Date.UTC (and Excel's DATE) do, on 20,000 seeded triples", () => {
    const r = rng(11);
    for (let i = 0; i < 20_000; i++) {
      const y = 1900 + Math.floor(r() * 8100);
      const m = Math.floor(r() * 40) - 13;
      const d = Math.floor(r() * 800) - 400;
      if (serialFromYmd(y, m, d) !== refSerial(y, m, d))
        expect({ y, m, d, got: serialFromYmd(y, m, d) }).toEqual({ y, m, d, got: refSerial(y, m, d) });
    }
    expect(serialFromYmd(2025, 13, 1)).toBe(serialFromYmd(2026, 1, 1));
    expect(serialFromYmd(2025, 3, 0)).toBe(serialFromYmd(2025, 2, 28));
    expect(serialFromYmd(1899, 14, 29)).toBe(61); // the REAL 1900-02-29 rolls to 1900-03-01; only (1900, 2, 29) is 60
  });

  it("reads odd arguments as Date.UTC does: fractions truncated, years 0-99 as 1900-1999, NaN out of range", () => {
    const cases: [number, number, number][] = [
      [2025.9, 3.7, 31.2],
      [25, 3, 31],
      [0, 1, 1],
      [99, 12, 31],
      [-1, 6, 15],
      [1900, 2, 29.5],
      [2025, -0.5, 10],
      [NaN, 1, 1],
      [2025, Infinity, 1],
      [300_000, 1, 1],
      [-300_000, 1, 1],
    ];
    for (const [y, m, d] of cases) expect([y, m, d, serialFromYmd(y, m, d)]).toEqual([y, m, d, refSerial(y, m, d)]);
    for (const s of [1e9, -1e9, NaN, -5, -400000]) expect([s, ymdFromSerial(s)]).toEqual([s, refYmd(s)]);
  });

  it("counts days in a month of the real calendar as Date.UTC(y, m, 0) does, overflowing months included", () => {
    for (let y = 1899; y <= 2401; y++)
      for (let m = -13; m <= 26; m++)
        expect([y, m, daysInMonth(y, m)]).toEqual([y, m, new Date(Date.UTC(y, m, 0)).getUTCDate()]);
    expect([daysInMonth(50, 2), daysInMonth(2024, 2.5), daysInMonth(NaN, 2)]).toEqual([28, 29, NaN]);
  });

  it("keeps Excel's 29-day February 1900 in EDATE and EOMONTH (serial 60 exists in Excel's calendar)", () => {
    expect(edate(serialFromYmd(1900, 1, 31), 1)).toBe(60);
    expect(eomonth(serialFromYmd(1900, 2, 10), 0)).toBe(60);
    expect(edate(60, 12)).toBe(serialFromYmd(1901, 2, 28));
  });

  it("writes a month key as YYYY-MM (the form month cells and the payroll report use)", () => {
    expect([isoMonth(2025, 3), isoMonth(2025, 10), isoMonth(1999, 12)]).toEqual(["2025-03", "2025-10", "1999-12"]);
  });
});
