/**
 * Excel's working-day built-ins against Microsoft's documented examples (support.microsoft.com pages cited per case).
 */
import { days360, networkdays, networkdaysIntl, workday, workdayIntl } from "../../../src/core/ops";
import { serialFromYmd as ymd } from "../../../src/core/dates";
import { expectError } from "../invoice/helpers";

describe("NETWORKDAYS (support.microsoft.com/office/networkdays-function)", () => {
  // Example data: 10/1/2012 start, 3/1/2013 end, holidays 11/22/2012, 12/4/2012, 1/21/2013
  const start = ymd(2012, 10, 1);
  const end = ymd(2013, 3, 1);
  const hol = [ymd(2012, 11, 22), ymd(2012, 12, 4), ymd(2013, 1, 21)];
  it("matches the documented results 110, 109, 107", () => {
    expect(networkdays(start, end)).toBe(110);
    expect(networkdays(start, end, [hol[0]])).toBe(109);
    expect(networkdays(start, end, hol)).toBe(107);
  });
  it("is negative when end is before start, counts a holiday once, ignores weekend holidays", () => {
    expect(networkdays(end, start, hol)).toBe(-107);
    expect(networkdays(start, end, [...hol, hol[0], hol[1] + 0.5])).toBe(107); // duplicates and a time part
    expect(networkdays(start, end, [ymd(2012, 10, 6)])).toBe(110); // a Saturday holiday changes nothing
    expect(networkdays(start, end, [hol[0], null, "", hol[1], hol[2]] as unknown as number[])).toBe(107); // blank cells
    expect(networkdays(ymd(2025, 1, 4), ymd(2025, 1, 4))).toBe(0); // a Saturday alone
    expect(networkdays(ymd(2025, 1, 6), ymd(2025, 1, 6))).toBe(1); // a Monday alone
  });
  it("reports out-of-range dates with #NUM!", () => {
    expectError(() => networkdays(-1, 10), "#NUM!", /^start:/);
    expectError(() => networkdays(1, 2958466), "#NUM!", /^end:/);
    expectError(() => networkdays(1, 10, [-3]), "#NUM!", /^holidays:/);
  });
});

describe("NETWORKDAYS.INTL (support.microsoft.com/office/networkdays-intl-function)", () => {
  it("matches the documented examples", () => {
    // =NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,1,31)) -> 22
    expect(networkdaysIntl(ymd(2006, 1, 1), ymd(2006, 1, 31))).toBe(22);
    // =NETWORKDAYS.INTL(DATE(2006,2,28),DATE(2006,1,31)) -> -21
    expect(networkdaysIntl(ymd(2006, 2, 28), ymd(2006, 1, 31))).toBe(-21);
    // =NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),7,{"2006/1/2","2006/1/16"}) -> 22
    expect(networkdaysIntl(ymd(2006, 1, 1), ymd(2006, 2, 1), 7, [ymd(2006, 1, 2), ymd(2006, 1, 16)])).toBe(22);
    // =NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),"0010001",{"2006/1/2","2006/1/16"}) -> 20
    expect(networkdaysIntl(ymd(2006, 1, 1), ymd(2006, 2, 1), "0010001", [ymd(2006, 1, 2), ymd(2006, 1, 16)])).toBe(20);
  });
  it("accepts every weekend number and 7-character masks, as documented", () => {
    // One full week Mon 2025-01-06 .. Sun 2025-01-12: two-day weekends leave 5, one-day weekends 6
    for (const code of [1, 2, 3, 4, 5, 6, 7]) expect(networkdaysIntl(ymd(2025, 1, 6), ymd(2025, 1, 12), code)).toBe(5);
    for (const code of [11, 12, 13, 14, 15, 16, 17])
      expect(networkdaysIntl(ymd(2025, 1, 6), ymd(2025, 1, 12), code)).toBe(6);
    expect(networkdaysIntl(ymd(2025, 1, 6), ymd(2025, 1, 12), "0000000")).toBe(7);
    // "Using 1111111 will always return 0" (Microsoft)
    expect(networkdaysIntl(ymd(2025, 1, 6), ymd(2025, 3, 12), "1111111")).toBe(0);
    // Friday-only weekend (16): Mon 2025-01-06 .. Fri 2025-01-10 -> 4
    expect(networkdaysIntl(ymd(2025, 1, 6), ymd(2025, 1, 10), 16)).toBe(4);
  });
  it("rejects bad weekends: invalid numbers #NUM!, invalid strings #VALUE!", () => {
    expectError(() => networkdaysIntl(1, 10, 8), "#NUM!", /^weekend: 8 is not a weekend number/);
    expectError(() => networkdaysIntl(1, 10, 0), "#NUM!");
    expectError(() => networkdaysIntl(1, 10, "000011"), "#VALUE!", /^weekend: expected a 7-character string/);
    expectError(() => networkdaysIntl(1, 10, "0000012"), "#VALUE!");
    expectError(() => networkdaysIntl(1, 10, "1"), "#VALUE!");
  });
});

describe("WORKDAY (support.microsoft.com/office/workday-function)", () => {
  // Example: start 10/1/2008, 151 days, holidays 11/26/2008, 12/4/2008, 1/21/2009
  it("matches the documented results 4/30/2009 and 5/5/2009", () => {
    expect(workday(ymd(2008, 10, 1), 151)).toBe(ymd(2009, 4, 30));
    expect(workday(ymd(2008, 10, 1), 151, [ymd(2008, 11, 26), ymd(2008, 12, 4), ymd(2009, 1, 21)])).toBe(
      ymd(2009, 5, 5),
    );
  });
  it("counts backwards, truncates days, returns start for 0", () => {
    expect(workday(ymd(2025, 1, 6), -1)).toBe(ymd(2025, 1, 3)); // Monday -> previous Friday
    expect(workday(ymd(2025, 1, 4), 1)).toBe(ymd(2025, 1, 6)); // from a Saturday
    expect(workday(ymd(2025, 1, 4), -1)).toBe(ymd(2025, 1, 3));
    expect(workday(ymd(2025, 1, 4), 0)).toBe(ymd(2025, 1, 4)); // zero yields start_date itself
    expect(workday(ymd(2025, 1, 6) + 0.7, 1.9)).toBe(ymd(2025, 1, 7)); // both truncated
    expect(workday(ymd(2025, 1, 6), -1.9)).toBe(ymd(2025, 1, 3));
    // Holiday on the landing day pushes on; consecutive holidays chain
    expect(workday(ymd(2025, 1, 6), 1, [ymd(2025, 1, 7), ymd(2025, 1, 8)])).toBe(ymd(2025, 1, 9));
    expect(workday(ymd(2025, 1, 9), -1, [ymd(2025, 1, 7), ymd(2025, 1, 8)])).toBe(ymd(2025, 1, 6));
  });
  it("reports results outside Excel's dates with #NUM!", () => {
    expectError(() => workday(1, -5), "#NUM!", /^days:/);
    expectError(() => workday(2958465, 5), "#NUM!", /^days:/);
  });
});

describe("WORKDAY.INTL (support.microsoft.com/office/workday-intl-function)", () => {
  it("matches the documented examples", () => {
    // =WORKDAY.INTL(DATE(2012,1,1),30,0) -> #NUM! (0 is not a weekend number)
    expectError(() => workdayIntl(ymd(2012, 1, 1), 30, 0), "#NUM!");
    // =WORKDAY.INTL(DATE(2012,1,1),90,11) -> 41013 (4/12/2012), Sundays only as weekend
    expect(workdayIntl(ymd(2012, 1, 1), 90, 11)).toBe(41013);
    // =TEXT(WORKDAY.INTL(DATE(2012,1,1),30,17),"m/dd/yyyy") -> 2/05/2012, Saturdays only as weekend
    expect(workdayIntl(ymd(2012, 1, 1), 30, 17)).toBe(ymd(2012, 2, 5));
  });
  it("accepts masks and rejects 1111111 (an invalid string for WORKDAY.INTL)", () => {
    expect(workdayIntl(ymd(2025, 1, 9), 1, "0000110")).toBe(ymd(2025, 1, 12)); // Thu -> Sun with a Fri/Sat weekend
    expectError(() => workdayIntl(ymd(2025, 1, 9), 1, "1111111"), "#VALUE!", /no working day/);
  });
});

describe("DAYS360 (support.microsoft.com/office/days360-function)", () => {
  it("matches the documented examples", () => {
    expect(days360(ymd(2011, 1, 30), ymd(2011, 2, 1))).toBe(1);
    expect(days360(ymd(2011, 1, 1), ymd(2011, 12, 31))).toBe(360);
    expect(days360(ymd(2011, 1, 1), ymd(2011, 2, 1))).toBe(30);
  });
  it("matches Microsoft's older examples (Excel 97 help, quoted in Apache POI's Days360 docs)", () => {
    // DAYS360("2/28/93","3/1/93",FALSE) = 1, ("2/29/96","3/1/96",FALSE) = 1, TRUE: 3 and 2
    expect(days360(ymd(1993, 2, 28), ymd(1993, 3, 1))).toBe(1);
    expect(days360(ymd(1996, 2, 29), ymd(1996, 3, 1))).toBe(1);
    expect(days360(ymd(1993, 2, 28), ymd(1993, 3, 1), true)).toBe(3);
    expect(days360(ymd(1996, 2, 29), ymd(1996, 3, 1), true)).toBe(2);
  });
  it("follows Excel's NASD variant on month ends and reversed dates", () => {
    // Start on the last day of February becomes the 30th: 28-Feb-95 to 31-Aug-95 = 180
    expect(days360(ymd(1995, 2, 28), ymd(1995, 8, 31))).toBe(180);
    // 28-Feb-96 is not the last day (leap year): 28-Feb-96 to 31-Aug-96: end stays 31 -> 183
    expect(days360(ymd(1996, 2, 28), ymd(1996, 8, 31))).toBe(183);
    expect(days360(ymd(1996, 1, 30), ymd(1996, 3, 31))).toBe(60);
    // End on the 31st with a start before the 30th counts as the 1st of next month: 15-Jan to 31-Mar = 76
    expect(days360(ymd(2011, 1, 15), ymd(2011, 3, 31))).toBe(76);
    // End on 30-Apr (last day, but not the 31st) is unchanged: 15-Jan to 30-Apr = 105
    expect(days360(ymd(2011, 1, 15), ymd(2011, 4, 30))).toBe(105);
    // Reversed dates are not swapped (Excel: 31-Mar-2000 to 02-Feb-1999 is -418, not -419)
    expect(days360(ymd(2000, 3, 31), ymd(1999, 2, 2))).toBe(-418);
    expect(days360(ymd(1999, 2, 2), ymd(2000, 3, 31))).toBe(419);
    // European: every 31st becomes the 30th
    expect(days360(ymd(2011, 1, 15), ymd(2011, 3, 31), true)).toBe(75);
    expect(days360(ymd(2011, 1, 31), ymd(2011, 3, 31), true)).toBe(60);
  });
});
