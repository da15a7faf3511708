import { dpmo, slaMet, workHours } from "../../../src/core/ops";
import { serialFromYmd as ymd } from "../../../src/core/dates";
import { expectError, rng } from "../invoice/helpers";

const at = (y: number, m: number, d: number, hh = 0, mm = 0, ss = 0) =>
  ymd(y, m, d) + (hh * 3600 + mm * 60 + ss) / 86400;
// 2025-01-03 is a Friday, 2025-01-04/05 the weekend, 2025-01-06 a Monday (calendar).

/**
 * Independent oracle: walk every day between the two timestamps, overlap [start, end] with that day's window in
 * whole seconds, skip weekend days (Monday-first mask) and holidays.
 */
function naiveHours(start: number, end: number, ds: number, de: number, mask: string, holidays: number[]): number {
  const s = Math.round(start * 86400);
  const e = Math.round(end * 86400);
  const len = de > ds ? de - ds : de + 86400 - ds;
  let secs = 0;
  for (let d = Math.floor(start) - 1; d <= Math.floor(end); d++) {
    const weekday = (d + 5) % 7; // Excel: serial 1 (1900-01-01) is a Sunday
    if (mask[weekday] === "1" || holidays.includes(d)) continue;
    const w0 = d * 86400 + ds;
    const w1 = w0 + len;
    secs += Math.max(0, Math.min(e, w1) - Math.max(s, w0));
  }
  return secs / 3600;
}

describe("workHours", () => {
  it("counts the overlap with each working day's window", () => {
    // Fri 16:00 -> Mon 11:00 on 09:00-18:00 Mon-Fri: 2 h Friday + 2 h Monday
    expect(workHours(at(2025, 1, 3, 16), at(2025, 1, 6, 11))).toBe(4);
    expect(workHours(at(2025, 1, 6, 10), at(2025, 1, 6, 12, 30))).toBe(2.5);
    expect(workHours(at(2025, 1, 6, 7), at(2025, 1, 6, 20))).toBe(9); // clipped to the window
    expect(workHours(at(2025, 1, 4, 10), at(2025, 1, 6, 10))).toBe(1); // starts on Saturday
    expect(workHours(at(2025, 1, 4, 10), at(2025, 1, 5, 23))).toBe(0); // weekend only
    expect(workHours(at(2025, 1, 6), at(2025, 1, 13))).toBe(45); // a whole week: 5 × 9
    expect(workHours(at(2025, 1, 6, 12), at(2025, 1, 6, 12))).toBe(0);
  });

  it("skips holidays (a weekend holiday counts once) and follows the weekend argument", () => {
    const monday = ymd(2025, 1, 6);
    expect(workHours(at(2025, 1, 3, 16), at(2025, 1, 7, 10), "09:00", "18:00", [monday])).toBe(3);
    expect(workHours(at(2025, 1, 3, 16), at(2025, 1, 7, 10), "09:00", "18:00", [monday, monday, ymd(2025, 1, 4)])).toBe(
      3,
    );
    // Fri/Sat weekend (code 7, or "7" from a cell, or its mask): Friday 16:00 does not count, Sunday does
    expect(workHours(at(2025, 1, 3, 16), at(2025, 1, 6, 11), "09:00", "18:00", [], 7)).toBe(11);
    expect(workHours(at(2025, 1, 3, 16), at(2025, 1, 6, 11), "09:00", "18:00", [], "7")).toBe(11);
    expect(workHours(at(2025, 1, 3, 16), at(2025, 1, 6, 11), "09:00", "18:00", [], "0000110")).toBe(11);
    expect(workHours(at(2025, 1, 3, 16), at(2025, 1, 6, 11), "09:00", "18:00", [], "0000000")).toBe(22);
    expect(workHours(at(2025, 1, 3, 16), at(2025, 1, 6, 11), "09:00", "18:00", [], "1111111")).toBe(0);
  });

  it("reads times as text (24h, AM/PM) or fractions of a day, and supports overnight shifts", () => {
    const a = at(2025, 1, 6, 8);
    const b = at(2025, 1, 6, 19);
    expect(workHours(a, b, 0.375, 0.75)).toBe(9);
    expect(workHours(a, b, "9:00 AM", "6:00 PM")).toBe(9);
    expect(workHours(a, b, "9 am", "6pm")).toBe(9);
    expect(workHours(a, b, "09:30:00", "17:45")).toBe(8.25);
    expect(workHours(at(2025, 1, 6), at(2025, 1, 7), "00:00", "24:00")).toBe(24);
    // Night shift 22:00-06:00 belongs to the day it starts: Monday 22:00 -> Tuesday 03:00 = 5 h
    expect(workHours(at(2025, 1, 6, 22), at(2025, 1, 7, 3), "22:00", "06:00")).toBe(5);
    // Friday's night shift runs into Saturday morning; Saturday's does not exist (weekend)
    expect(workHours(at(2025, 1, 3, 20), at(2025, 1, 5, 12), "22:00", "06:00")).toBe(8);
  });

  it("is exact to the second", () => {
    expect(workHours(at(2025, 1, 6, 9), at(2025, 1, 6, 9, 0, 1))).toBe(1 / 3600);
    expect(workHours(at(2025, 1, 6, 9, 59, 59), at(2025, 1, 6, 10, 0, 1))).toBe(2 / 3600);
    // 17:59:59 Friday -> 09:00:01 Monday: 1 s + 1 s
    expect(workHours(at(2025, 1, 3, 17, 59, 59), at(2025, 1, 6, 9, 0, 1))).toBe(2 / 3600);
  });

  it("is negative when end is before start (as NETWORKDAYS)", () => {
    expect(workHours(at(2025, 1, 6, 11), at(2025, 1, 3, 16))).toBe(-4);
  });

  it("agrees with a day-by-day walk on 2,000 seeded cases, spans up to 3 years", () => {
    const r = rng(11);
    const masks = ["0000011", "0000110", "1000001", "0000001", "0000000", "0101010"];
    const windows: [string, string, number, number][] = [
      ["09:00", "18:00", 32400, 64800],
      ["08:30", "17:15", 30600, 62100],
      ["22:00", "06:00", 79200, 21600],
      ["00:00", "24:00", 0, 86400],
    ];
    for (let i = 0; i < 2000; i++) {
      const start = Math.round((45000 + r() * 1000) * 86400) / 86400;
      const end = Math.round((start + r() * (i % 10 === 0 ? 1100 : 20)) * 86400) / 86400;
      const mask = masks[i % masks.length];
      const [ds, de, dss, des] = windows[i % windows.length];
      const holidays = Array.from({ length: i % 5 }, () => Math.floor(start + r() * 30));
      const got = workHours(start, end, ds, de, holidays, mask);
      expect(got).toBeCloseTo(naiveHours(start, end, dss, des, mask, holidays), 9);
    }
  });

  it("rejects bad input, naming the parameter", () => {
    expectError(() => workHours(45000, 45001, 9), "#VALUE!", /^dayStart: .*got 9 — did you mean "9:00"\?/);
    expectError(() => workHours(45000, 45001, "25:00"), "#VALUE!", /^dayStart: expected a time such as "09:00"/);
    expectError(() => workHours(45000, 45001, "24:00", "18:00"), "#VALUE!", /^dayStart: "24:00" is only allowed/);
    expectError(() => workHours(45000, 45001, "9:00", "9:00"), "#VALUE!", /^dayEnd:/);
    expectError(() => workHours(45000, 45001, "9:00", "noon"), "#VALUE!", /^dayEnd:/);
    expectError(() => workHours(45000, 45001, "9:00", "18:00", [], "weekdays"), "#VALUE!", /^weekend:/);
    expectError(() => workHours(45000, 45001, "9:00", "18:00", [], 9), "#NUM!", /^weekend:/);
    expectError(() => workHours(-1, 45001), "#NUM!", /^start:/);
    expectError(() => workHours(45000, NaN), "#VALUE!", /^end:/);
  });
});

describe("slaMet", () => {
  it("is TRUE when working hours are within the SLA (compared exactly)", () => {
    expect(slaMet(at(2025, 1, 3, 16), at(2025, 1, 6, 11), 4)).toBe(true); // 4 h
    expect(slaMet(at(2025, 1, 3, 16), at(2025, 1, 6, 11), 3.99)).toBe(false);
    expect(slaMet(at(2025, 1, 6, 9), at(2025, 1, 6, 9, 6), 0.1)).toBe(true); // 0.1 h = 360 s exactly
    expect(slaMet(at(2025, 1, 6, 9), at(2025, 1, 6, 9, 6, 1), 0.1)).toBe(false);
    expect(slaMet(at(2025, 1, 4, 9), at(2025, 1, 5, 20), 0)).toBe(true); // weekend only: 0 h
    // With a holiday on Monday, Fri 16:00 -> Tue 11:00 is 2 + 2 = 4 h
    expect(slaMet(at(2025, 1, 3, 16), at(2025, 1, 7, 11), 4, "09:00", "18:00", [ymd(2025, 1, 6)])).toBe(true);
  });
  it("rejects a completion before receipt and negative SLAs", () => {
    expectError(() => slaMet(at(2025, 1, 6, 11), at(2025, 1, 3, 16), 4), "#NUM!", /^completed: is before received/);
    expectError(() => slaMet(at(2025, 1, 3, 16), at(2025, 1, 6, 11), -1), "#NUM!", /^slaHours:/);
    expectError(() => slaMet(NaN, at(2025, 1, 6, 11), 1), "#VALUE!", /^received:/);
  });
});

describe("dpmo", () => {
  it("is defects / (units × opportunities) × 1,000,000", () => {
    // 25 / (1,000 × 5) × 1e6 = 5,000 (by hand)
    expect(dpmo(25, 1000, 5)).toBe(5000);
    // Six Sigma's 3.4 DPMO: 34 defects in 10,000,000 opportunities
    expect(dpmo(34, 1_000_000, 10)).toBe(3.4);
    expect(dpmo(0, 10, 3)).toBe(0);
    expect(dpmo(1, 3, 7)).toBe(1e6 / 21);
  });
  it("errors on impossible counts", () => {
    expectError(() => dpmo(1, 0, 5), "#DIV/0!", /^units: is 0/);
    expectError(() => dpmo(1, 5, 0), "#DIV/0!", /^opportunities: is 0/);
    expectError(() => dpmo(-1, 5, 5), "#NUM!", /^defects:/);
    expectError(() => dpmo(26, 5, 5), "#NUM!", /^defects: 26 is more than units × opportunities/);
  });
});
