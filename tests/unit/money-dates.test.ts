import { roundTo, toCents, roundToIncrement, parseAmount, formatCents, decimalParts } from "../../src/core/money";
import {
  serialFromYmd,
  ymdFromSerial,
  parseDate,
  isoFromSerial,
  serialFromIso,
  weekdayMon0,
  edate,
  eomonth,
  serialFromDate,
  expandYear,
} from "../../src/core/dates";

describe("money: decimal rounding on the value the user typed", () => {
  it("rounds half away from zero like Excel's ROUND, not like binary floats", () => {
    // Excel: ROUND(1.005,2) = 1.01 (functions.md); Math.round(1.005*100)/100 gives 1 in binary floating point.
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(1234.5678, -2)).toBe(1200);
    expect(roundTo(2.345, 2, "half-even")).toBe(2.34);
    expect(roundTo(2.355, 2, "half-even")).toBe(2.36);
    expect(roundTo(1.001, 2, "up")).toBe(1.01);
    expect(roundTo(-1.009, 2, "down")).toBe(-1);
  });

  it("turns amounts into exact minor units", () => {
    expect(toCents(10.05)).toBe(1005);
    expect(toCents(1.005)).toBe(101);
    expect(toCents(-0.125)).toBe(-13);
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(decimalParts(123.45)).toEqual({ m: 12345, s: 2 });
  });

  it("rounds to increments in decimal", () => {
    expect(roundToIncrement(1.024, 0.05)).toBe(1);
    expect(roundToIncrement(1.025, 0.05)).toBe(1.05);
    expect(roundToIncrement(1235, 10)).toBe(1240);
    expect(roundToIncrement(-1235, 10)).toBe(-1240);
    expect(roundToIncrement(7.3, 0.25, "down")).toBe(7.25);
  });

  it("reads amounts as people key them and banks print them", () => {
    const ok = (s: unknown) => {
      const r = parseAmount(s);
      if (!r.ok) throw new Error(`${String(s)}: ${r.message}`);
      return r.cents;
    };
    expect(ok("1,23,456.78")).toBe(12345678); // Indian lakh grouping
    expect(ok("123,456.78")).toBe(12345678); // international grouping
    expect(ok("(1,234.50)")).toBe(-123450); // accounting negative
    expect(ok("1,234.50-")).toBe(-123450); // trailing minus (bank exports)
    expect(ok("₹ 5,00,000")).toBe(50000000);
    expect(ok("$1,234.567")).toBe(123457); // 3 decimals rounded half-up
    expect(ok(" 12 345.00 ")).toBe(1234500);
    expect(ok(-42.1)).toBe(-4210);
    expect(parseAmount("1,2,3")).toMatchObject({ ok: false, empty: false });
    expect(parseAmount("twelve")).toMatchObject({ ok: false, message: expect.stringContaining("contains letters") });
    expect(parseAmount("")).toMatchObject({ ok: false, empty: true });
    expect(parseAmount(null)).toMatchObject({ ok: false, empty: true });
    expect(parseAmount(true)).toMatchObject({ ok: false, empty: false });
  });

  it("formats minor units for messages in Indian and international grouping", () => {
    expect(formatCents(12345650, "en-IN")).toBe("1,23,456.50");
    expect(formatCents(-123456789)).toBe("-1,234,567.89");
    expect(formatCents(5)).toBe("0.05");
  });
});

describe("dates: Excel's 1900 date system", () => {
  it("matches Microsoft's documented serials", () => {
    // Microsoft: "January 1, 1900 is serial number 1, and January 1, 2008 is serial number 39448".
    expect(serialFromYmd(1900, 1, 1)).toBe(1);
    expect(serialFromYmd(2008, 1, 1)).toBe(39448);
    // The fictitious 1900-02-29 is serial 60; 1900-03-01 is 61 (functions.md).
    expect(serialFromYmd(1900, 2, 28)).toBe(59);
    expect(serialFromYmd(1900, 2, 29)).toBe(60);
    expect(serialFromYmd(1900, 3, 1)).toBe(61);
    expect(ymdFromSerial(60)).toEqual({ y: 1900, m: 2, d: 29 });
    expect(ymdFromSerial(61)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(serialFromYmd(9999, 12, 31)).toBe(2958465);
  });

  it("rolls over months and days as DATE does", () => {
    expect(serialFromYmd(2024, 13, 1)).toBe(serialFromYmd(2025, 1, 1));
    expect(serialFromYmd(2025, 3, 0)).toBe(serialFromYmd(2025, 2, 28));
  });

  it("round-trips every serial through its calendar date", () => {
    for (let s = 1; s < 80000; s += 7) {
      const { y, m, d } = ymdFromSerial(s);
      expect(serialFromYmd(y, m, d)).toBe(s);
    }
  });

  it("knows weekdays, EDATE and EOMONTH", () => {
    expect(weekdayMon0(serialFromYmd(2025, 3, 31))).toBe(0); // a Monday
    expect(weekdayMon0(1)).toBe(6); // Excel's WEEKDAY(1) = 1, Sunday
    expect(isoFromSerial(edate(serialFromYmd(2025, 1, 31), 1))).toBe("2025-02-28");
    expect(isoFromSerial(edate(serialFromYmd(2024, 1, 31), 1))).toBe("2024-02-29");
    expect(isoFromSerial(eomonth(serialFromYmd(2025, 10, 15), -1))).toBe("2025-09-30");
    expect(eomonth(serialFromYmd(1900, 1, 15), 1)).toBe(60); // Excel's February 1900 has 29 days
  });

  it("converts UTC instants with time of day", () => {
    expect(serialFromDate(new Date(Date.UTC(2025, 2, 31, 12)))).toBe(45747.5);
    expect(serialFromIso("2025-03-31T18:00")).toBe(45747.75);
    expect(serialFromIso("2025-02-30")).toBeNull();
  });

  it("reads dates from text in the formats exports use, and refuses impossible ones", () => {
    const s = serialFromYmd(2025, 3, 31);
    for (const t of [
      "2025-03-31",
      "31/03/2025",
      "31-03-25",
      "31.03.2025",
      "31-Mar-25",
      "31 March 2025",
      "Mar 31, 2025",
      "20250331",
    ])
      expect(parseDate(t)).toEqual({ ok: true, serial: s });
    expect(parseDate("03/31/2025", "MDY")).toEqual({ ok: true, serial: s });
    expect(parseDate("31/02/2025")).toMatchObject({
      ok: false,
      message: expect.stringContaining("February 2025 has 28 days"),
    });
    expect(parseDate("29/02/2024")).toEqual({ ok: true, serial: serialFromYmd(2024, 2, 29) });
    expect(parseDate("31/03/2025 2:30 PM")).toEqual({ ok: true, serial: s + 14.5 / 24 });
    expect(parseDate("tomorrow")).toMatchObject({ ok: false, empty: false });
    expect(parseDate("  ")).toMatchObject({ ok: false, empty: true });
    // Two-digit years as Excel reads them: 00-29 -> 20xx, 30-99 -> 19xx.
    expect(expandYear(29, 2)).toBe(2029);
    expect(expandYear(30, 2)).toBe(1930);
  });
});
