import Decimal from "decimal.js";
import { dso, invoiceTax, lineAmount, roundMoney, taxFromGross } from "../../../src/core/invoice";
import { expectError, rng } from "./helpers";

/** Independent oracle: decimal.js on the decimal text of each input, rounded once half-up (away from zero). */
const D = (x: number) => new Decimal(String(x));
const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();

describe("lineAmount", () => {
  it("multiplies qty × price × (1 − discount) × (1 + tax) and rounds once", () => {
    // 3 × 19.99 × 0.9 × 1.18 = 63.68814 (by hand) -> 63.69
    expect(lineAmount(3, 19.99, 0.1, 0.18)).toBe(63.69);
    // 2 × 0.125 = 0.25 exactly; 1 × 1.005 = 1.005 -> 1.01 half-up (binary float would give 1.00)
    expect(lineAmount(1, 1.005)).toBe(1.01);
    // 10 × 10.05 × 1.05 = 105.525 -> 105.53 (in binary float 10.05*10*1.05 = 105.52499999999999)
    expect(lineAmount(10, 10.05, 0, 0.05)).toBe(105.53);
    // Credit note: −2 × 49.995 = −99.99 exactly; half-up is away from zero on −0.005 cases: −1 × 0.005 -> −0.01
    expect(lineAmount(-2, 49.995)).toBe(-99.99);
    expect(lineAmount(-1, 0.005)).toBe(-0.01);
    expect(lineAmount(0, 99)).toBe(0);
    expect(Object.is(lineAmount(-0.001, 1), 0)).toBe(true); // no −0
  });

  it("agrees with decimal.js on 5,000 seeded random lines", () => {
    const r = rng(42);
    for (let i = 0; i < 2000; i++) {
      const qty = Math.round(r() * 1000) / (r() < 0.3 ? 1000 : 1);
      const price = Math.round(r() * 1e7) / 1000;
      const disc = Math.round(r() * 100) / 1000;
      const tax = [0, 0.05, 0.18, 0.28, 0.0025, 0.03][i % 6];
      const want = round2(
        D(qty)
          .times(D(price))
          .times(new Decimal(1).minus(D(disc)))
          .times(new Decimal(1).plus(D(tax))),
      );
      expect(lineAmount(qty, price, disc, tax)).toBe(want);
    }
  });

  it("reads float noise from formulas at Excel's 15 significant digits", () => {
    // 0.1 + 0.2 = 0.30000000000000004 in binary: read as 0.3, as Excel shows it
    expect(lineAmount(0.1 + 0.2, 1000)).toBe(300);
    expect(lineAmount(3, 0.1 + 0.2, 0, 0.18)).toBe(1.06); // 0.9 × 1.18 = 1.062
    // 1.1 × 1.1 = 1.2100000000000002 in binary; ROUNDUP(1.21, 2) is 1.21, not 1.22
    expect(roundMoney(1.1 * 1.1, 0.01, "up")).toBe(1.21);
    expect(roundMoney(0.1 + 0.2, 0.01, "up")).toBe(0.3);
    expect(taxFromGross(1.1 * 1.1 * 1000, 0.1)).toBe(110); // 1210 × 0.1 / 1.1
  });

  it("rejects bad input with a message naming the parameter", () => {
    expectError(() => lineAmount(1, 10, 10), "#VALUE!", /^discount: .*got 10 — did you mean 10%\?/);
    expectError(
      () => lineAmount(1, 10, 0, 18),
      "#VALUE!",
      /^taxRate: expected a percentage between 0 and 1, got 18 — did you mean 18%\?$/,
    );
    expectError(() => lineAmount(1, 10, -0.1), "#VALUE!", /^discount:/);
    expectError(() => lineAmount(NaN, 10), "#VALUE!", /^qty: expected a number/);
    expectError(() => lineAmount(1, Infinity), "#VALUE!", /^unitPrice:/);
    expectError(() => lineAmount("3" as unknown as number, 1), "#VALUE!", /^qty:/);
  });
});

describe("taxFromGross", () => {
  it("extracts the tax from a tax-inclusive amount", () => {
    // Spec example: 1,180 at 18% -> 180 (1180 × 0.18 / 1.18)
    expect(taxFromGross(1180, 0.18)).toBe(180);
    // 105 at 5% -> 5; 100 at 18% -> 15.254237... -> 15.25
    expect(taxFromGross(105, 0.05)).toBe(5);
    expect(taxFromGross(100, 0.18)).toBe(15.25);
    expect(taxFromGross(1000, 0)).toBe(0);
    expect(taxFromGross(-1180, 0.18)).toBe(-180);
  });

  it("agrees with decimal.js on 3,000 seeded amounts", () => {
    const r = rng(7);
    for (let i = 0; i < 1500; i++) {
      const g = Math.round(r() * 1e8) / 100;
      const rate = [0.05, 0.12, 0.18, 0.28, 0.4, 0.03, 0.0025][i % 7];
      const want = round2(D(g).times(D(rate)).div(D(rate).plus(1)));
      expect(taxFromGross(g, rate)).toBe(want);
    }
  });

  it("rejects a percent given as a whole number", () => {
    expectError(
      () => taxFromGross(1180, 18),
      "#VALUE!",
      /^rate: expected a percentage between 0 and 1, got 18 — did you mean 18%\?$/,
    );
  });
});

describe("invoiceTax", () => {
  it("rounds per line or once on the total (spec example)", () => {
    // 10.05 × 5% = 0.5025 -> 0.50 per line, × 3 = 1.50; total 30.15 × 5% = 1.5075 -> 1.51
    expect(invoiceTax([10.05, 10.05, 10.05], 0.05, "line")).toBe(1.5);
    expect(invoiceTax([10.05, 10.05, 10.05], 0.05, "total")).toBe(1.51);
    expect(invoiceTax([10.05, 10.05, 10.05], 0.05)).toBe(1.5); // default line
  });

  it("handles an empty list, credits and case-insensitive mode", () => {
    expect(invoiceTax([], 0.18)).toBe(0);
    // 100 − 40.5 = 59.5; × 18% = 10.71 either way
    expect(invoiceTax([100, -40.5], 0.18, "TOTAL")).toBe(10.71);
    // line: 18 + (−7.29) = 10.71
    expect(invoiceTax([100, -40.5], 0.18, " Line ")).toBe(10.71);
  });

  it("skips blank cells of the range", () => {
    const withBlanks = [10.05, null, 10.05, "", undefined, 10.05] as unknown as number[];
    expect(invoiceTax(withBlanks, 0.05, "line")).toBe(1.5);
    expect(invoiceTax(withBlanks, 0.05, "total")).toBe(1.51);
  });

  it("mixes typed and computed (float-noise) lines", () => {
    // 0.1 + 0.2 reads as 0.3: total (0.3 + 10.05) × 5% = 0.5175 -> 0.52; line 0.015 -> 0.02 plus 0.5025 -> 0.50
    expect(invoiceTax([0.1 + 0.2, 10.05], 0.05, "total")).toBe(0.52);
    expect(invoiceTax([0.1 + 0.2, 10.05], 0.05, "line")).toBe(0.52);
  });

  it("sums lines of different scales exactly", () => {
    // 0.001 × 3 lines + 1.5 = 1.503; × 10% = 0.1503 -> 0.15
    expect(invoiceTax([0.001, 0.001, 0.001, 1.5], 0.1, "total")).toBe(0.15);
    // Each line rounds to 0 in line mode
    expect(invoiceTax([0.001, 0.001, 0.001], 0.1, "line")).toBe(0);
  });

  it("rejects an unknown mode and bad amounts", () => {
    expectError(() => invoiceTax([1], 0.18, "sum"), "#VALUE!", /^mode: expected "line" or "total", got "sum"/);
    expectError(() => invoiceTax([1, NaN], 0.18), "#VALUE!", /^amounts\[2\]:/);
    expectError(() => invoiceTax([1], 5), "#VALUE!", /did you mean 5%\?/);
  });
});

describe("roundMoney", () => {
  it("rounds like Excel's ROUND on decimal values", () => {
    // Spec: ROUNDMONEY(1.005) is 1.01 as Excel's ROUND(1.005,2)
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(-1.005)).toBe(-1.01); // half-up is away from zero, as ROUND
    expect(roundMoney(2.675)).toBe(2.68); // binary float 2.67499999... would give 2.67
    expect(roundMoney(1234.5, 1)).toBe(1235);
  });

  it("keeps numbers past 2^53 exact: such a number is already whole, so rounding to the cent gives it back", () => {
    // The 15-digit reading that clears float noise from formula results (0.1 + 0.2) is not applied from 1e15 up,
    // where a double has whole-number digits only: 9007199254740993 is the double 9007199254740992 itself.
    expect(roundMoney(1e21)).toBe(1e21);
    expect(roundMoney(Number("9007199254740993"))).toBe(2 ** 53); // as typed: the double 2^53
    expect(roundMoney(-(2 ** 60))).toBe(-(2 ** 60));
    expect(roundMoney(1e308)).toBe(1e308);
    expect(roundMoney(1234567890123456.5, 1)).toBe(1234567890123457);
    expect(roundMoney(Number("9007199254740993"), 10, "down")).toBe(9007199254740990);
  });

  it("is #NUM! when the rounded value would pass the largest number", () => {
    expectError(() => roundMoney(1.7976931348623157e308, 1e308, "up"), "#NUM!", /^amount:/);
  });

  it("rounds to increments 0.05, 1, 10", () => {
    // 1.025 / 0.05 = 20.5 -> 21 × 0.05 = 1.05; 1.024 -> 1.00; 1234 -> 1230 (to 10); 1235 -> 1240
    expect(roundMoney(1.025, 0.05)).toBe(1.05);
    expect(roundMoney(1.024, 0.05)).toBe(1);
    expect(roundMoney(1234, 10)).toBe(1230);
    expect(roundMoney(1235, 10)).toBe(1240);
    expect(roundMoney(99.99, 1)).toBe(100);
  });

  it("supports half-even, up (away from zero) and down (toward zero), as ROUNDUP/ROUNDDOWN", () => {
    expect(roundMoney(2.345, 0.01, "half-even")).toBe(2.34);
    expect(roundMoney(2.355, 0.01, "half-even")).toBe(2.36);
    expect(roundMoney(2.5, 1, "half-even")).toBe(2);
    expect(roundMoney(3.5, 1, "half-even")).toBe(4);
    expect(roundMoney(1.001, 0.01, "up")).toBe(1.01); // ROUNDUP(1.001,2) = 1.01
    expect(roundMoney(-1.001, 0.01, "up")).toBe(-1.01); // ROUNDUP(-1.001,2) = -1.01
    expect(roundMoney(1.009, 0.01, "down")).toBe(1); // ROUNDDOWN(1.009,2) = 1
    expect(roundMoney(-1.009, 0.01, "down")).toBe(-1);
    expect(roundMoney(1.2, 0.01, "UP")).toBe(1.2); // exact values are untouched
    expect(roundMoney(7.5, 5, "Half_Up")).toBe(10);
  });

  it("agrees with decimal.js for all modes on seeded amounts", () => {
    const r = rng(99);
    const modes = {
      "half-up": Decimal.ROUND_HALF_UP,
      "half-even": Decimal.ROUND_HALF_EVEN,
      up: Decimal.ROUND_UP,
      down: Decimal.ROUND_DOWN,
    } as const;
    for (let i = 0; i < 1500; i++) {
      const x = (Math.round(r() * 2e7) - 1e7) / 1000;
      const inc = [0.01, 0.05, 1, 10, 0.25][i % 5];
      for (const [mode, rm] of Object.entries(modes)) {
        const want = D(x).div(D(inc)).toDecimalPlaces(0, rm).times(D(inc)).toNumber();
        expect(roundMoney(x, inc, mode)).toBe(want === 0 ? 0 : want);
      }
    }
  });

  it("rejects bad increments and modes", () => {
    expectError(() => roundMoney(1, 0), "#NUM!", /^increment: expected a positive step/);
    expectError(() => roundMoney(1, -0.05), "#NUM!", /^increment:/);
    expectError(() => roundMoney(1, 0.01, "nearest"), "#VALUE!", /^mode: expected "half-up"/);
  });
});

describe("dso", () => {
  it("is receivables / credit sales × days", () => {
    // 250,000 / 1,000,000 × 365 = 91.25 (by hand)
    expect(dso(250000, 1000000)).toBe(91.25);
    // 50,000 / 300,000 × 90 = 15
    expect(dso(50000, 300000, 90)).toBe(15);
    expect(dso(0, 100)).toBe(0);
    // 1/3 × 365 = 121.666... : the nearest double to the exact quotient
    expect(dso(1, 3)).toBe(365 / 3);
  });

  it("errors on zero or negative inputs", () => {
    expectError(() => dso(100, 0), "#DIV/0!", /^creditSales: is 0/);
    expectError(() => dso(100, -5), "#NUM!", /^creditSales:/);
    expectError(() => dso(-1, 5), "#NUM!", /^receivables:/);
    expectError(() => dso(1, 5, 0), "#NUM!", /^days:/);
  });
});

describe("computed (float-noise) inputs agree with decimal.js at 15 significant digits", () => {
  it("lineAmount on 2,000 seeded quotients", () => {
    const r = rng(5150);
    for (let i = 0; i < 2000; i++) {
      const price = Math.round(r() * 1e7) / 100 / (3 + (i % 11)); // =A1/7 style
      const qty = 1 + (i % 9);
      const disc = [0, 0.1, 0.125, 0.999][i % 4];
      const tax = [0.18, 0.05][i % 2];
      const p15 = new Decimal(price.toPrecision(15));
      const want = round2(
        p15
          .times(qty)
          .times(new Decimal(1).minus(D(disc)))
          .times(D(tax).plus(1)),
      );
      expect(lineAmount(qty, price, disc, tax)).toBe(want);
    }
  });
});
