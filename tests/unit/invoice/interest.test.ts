import Decimal from "decimal.js";
import { lateInterest } from "../../../src/core/invoice";
import { serialFromYmd as ymd } from "../../../src/core/dates";
import { expectError, rng } from "./helpers";

/**
 * Independent oracle for `monthly`: walk whole months with JS Date (UTC) month arithmetic clipped to the month end
 * (EDATE as Microsoft documents it), compound with decimal.js, simple interest on the rest, round half-up once.
 */
function oracle(amount: number, due: Date, paid: Date, rate: number): number {
  const edate = (d: Date, k: number) => {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + k;
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
  };
  let k = 0;
  while (edate(due, k + 1) <= paid) k++;
  const rest = Math.round((paid.getTime() - edate(due, k).getTime()) / 86_400_000);
  const r = new Decimal(String(rate));
  const bal = new Decimal(String(amount)).times(r.div(12).plus(1).pow(k));
  return bal
    .times(r.times(rest).div(365).plus(1))
    .minus(String(amount))
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toNumber();
}

describe("lateInterest simple", () => {
  it("is amount × rate × days / 365", () => {
    // 100,000 × 18% × 28 / 365 = 1,380.8219... -> 1,380.82 (by hand)
    expect(lateInterest(100000, ymd(2025, 1, 31), ymd(2025, 2, 28), 0.18)).toBe(1380.82);
    // 50,000 × 12% × 365 / 365 = 6,000
    expect(lateInterest(50000, ymd(2025, 1, 1), ymd(2026, 1, 1), 0.12, "simple")).toBe(6000);
    // 1 day: 1,000 × 10% / 365 = 0.27397 -> 0.27
    expect(lateInterest(1000, ymd(2025, 1, 1), ymd(2025, 1, 2), 0.1)).toBe(0.27);
  });

  it("is 0 when paid on or before the due date; time of day is ignored", () => {
    expect(lateInterest(100000, ymd(2025, 1, 31), ymd(2025, 1, 31) + 0.9, 0.18)).toBe(0);
    expect(lateInterest(100000, ymd(2025, 1, 31), ymd(2025, 1, 10), 0.18, "monthly")).toBe(0);
  });
});

describe("lateInterest monthly (compound with monthly rests)", () => {
  it("matches the spec example: 100,000 at 16.5% for 3 whole months", () => {
    // 100000 × (1 + 0.165/12)^3 − 100000 = 4,181.9787... -> 4,181.98
    expect(lateInterest(100000, ymd(2025, 1, 15), ymd(2025, 4, 15), 0.165, "monthly")).toBe(4181.98);
    expect(lateInterest(100000, ymd(2025, 1, 15), ymd(2025, 4, 15), 0.165, "Monthly")).toBe(4181.98);
  });

  it("counts months by EDATE (month ends clip) and the rest simple on the compounded balance", () => {
    // 31 Jan -> 28 Feb is one whole month: 100,000 × 1.5% = 1,500
    expect(lateInterest(100000, ymd(2025, 1, 31), ymd(2025, 2, 28), 0.18, "monthly")).toBe(1500);
    // + 10 days to 10 Mar: 101,500 × (1 + 0.18 × 10/365) − 100,000 = 2,000.5479 -> 2,000.55
    expect(lateInterest(100000, ymd(2025, 1, 31), ymd(2025, 3, 10), 0.18, "monthly")).toBe(2000.55);
    // Less than a month: simple on the amount, 20 days: 100,000 × 0.18 × 20/365 = 986.30
    expect(lateInterest(100000, ymd(2025, 1, 1), ymd(2025, 1, 21), 0.18, "monthly")).toBe(986.3);
  });

  it("counts months by Excel's own EDATE in 1900, whose February has a 29th (serial 60)", () => {
    // Microsoft KB "Excel incorrectly assumes that the year 1900 is a leap year": EDATE(29, 1) is 60 (1900-02-29),
    // so from 29-Jan-1900 a whole month has passed on serial 60, not yet on 59 (30 days simple: 100000 × 0.18 × 30/365).
    expect(lateInterest(100000, 29, 60, 0.18, "monthly")).toBe(1500); // 100000 × 0.18 / 12
    expect(lateInterest(100000, 29, 59, 0.18, "monthly")).toBe(1479.45); // 1479.452... half-up
  });

  it("rounds exact half cents half-up, away from zero (the exact path)", () => {
    // 0.50 × 12%/12 = 0.005 exactly -> 0.01; −0.50 -> −0.01; 1.50 × 1% = 0.015 -> 0.02
    const due = ymd(2025, 1, 15);
    expect(lateInterest(0.5, due, ymd(2025, 2, 15), 0.12, "monthly")).toBe(0.01);
    expect(lateInterest(-0.5, due, ymd(2025, 2, 15), 0.12, "monthly")).toBe(-0.01);
    expect(lateInterest(1.5, due, ymd(2025, 2, 15), 0.12, "monthly")).toBe(0.02);
    // 0.25 × (1.01^2 − 1) = 0.005025 -> 0.01 (just above the half)
    expect(lateInterest(0.25, due, ymd(2025, 3, 15), 0.12, "monthly")).toBe(0.01);
  });

  it("agrees with an independent month walk on 1,500 seeded cases", () => {
    const r = rng(2024);
    for (let i = 0; i < 1500; i++) {
      const due = new Date(Date.UTC(2020 + Math.floor(r() * 8), Math.floor(r() * 12), 1 + Math.floor(r() * 31)));
      const paid = new Date(due.getTime() + Math.floor(r() * 900) * 86_400_000);
      const amount = Math.round(r() * 1e9) / 100;
      const rate = Math.round(r() * 3600) / 10000;
      const toSerial = (d: Date) => ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      expect(lateInterest(amount, toSerial(due), toSerial(paid), rate, "monthly")).toBe(
        oracle(amount, due, paid, rate),
      );
    }
  });

  it("agrees on 1,000 small amounts at round rates and whole months, where exact half cents are common", () => {
    const r = rng(77);
    const due = new Date(Date.UTC(2025, 0, 15));
    for (let i = 0; i < 1000; i++) {
      const amount = (Math.floor(r() * 2000) - 1000) / 100;
      const rate = [0.12, 0.06, 0.24, 0.18, 0.3][i % 5];
      const months = 1 + (i % 3);
      const day = 15 + (i % 7 === 0 ? 3 : 0);
      const paid = new Date(Date.UTC(2025, months, day));
      const got = lateInterest(amount, ymd(2025, 1, 15), ymd(2025, months + 1, day), rate, "monthly");
      const want = oracle(Math.abs(amount), due, paid, rate) * Math.sign(amount);
      expect(got).toBe(want === 0 ? 0 : want);
    }
  });
});

describe("lateInterest bad input", () => {
  it("names the parameter", () => {
    expectError(() => lateInterest(1000, 45000, 45100, 18), "#VALUE!", /^annualRate: .*got 18 — did you mean 18%\?$/);
    expectError(() => lateInterest(1000, 45000, 45100, -0.1), "#NUM!", /^annualRate:/);
    expectError(
      () => lateInterest(1000, 45000, 45100, 0.18, "compound"),
      "#VALUE!",
      /^method: expected "simple" or "monthly"/,
    );
    expectError(() => lateInterest(1000, -5, 45100, 0.18), "#NUM!", /^dueDate:/);
    expectError(() => lateInterest(NaN, 45000, 45100, 0.18), "#VALUE!", /^amount:/);
  });
});
