import { grossPay, prorate } from "../../../src/core/payroll";
import { ExcelError } from "../../../src/core/errors";

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ExcelError ? e.code : String(e);
  }
  return "no error";
};

describe("grossPay (FLSA regular rate, 29 CFR 778.110)", () => {
  test("29 CFR 778.110(a): 46 hours at $12 = $12 x 40 + $18 x 6 = $588", () => {
    expect(grossPay(46, 12)).toBe(588);
  });
  test("29 CFR 778.110(b): 46 hours at $12 plus a $46 production bonus: regular rate $13, total $637", () => {
    // 46 x 12 = 552; + 46 = 598; 598 / 46 = 13.00; 6 overtime hours x 6.50 = 39; 598 + 39 = 637
    expect(grossPay(46, 12, 40, 1.5, 46)).toBe(637);
  });
  test("no overtime at exactly the threshold; bonus added straight", () => {
    expect(grossPay(40, 20)).toBe(800);
    expect(grossPay(40, 20, 40, 1.5, 100)).toBe(900);
  });
  test("DOL fact sheet 23 style: 45 hours at $20 is 40 x 20 + 5 x 30 = 950", () => {
    expect(grossPay(45, 20)).toBe(950);
  });
  test("custom threshold and double time: 50 h at $10, threshold 40, x2 = 500 + 10 x 10 = 600", () => {
    expect(grossPay(50, 10, 40, 2)).toBe(600);
  });
  test("decimal-exact: 40.1 h at $19.99 = 799.60 + 0.1 x 29.985 = 802.5985 -> 802.60", () => {
    expect(grossPay(40.1, 19.99)).toBe(802.6);
  });
  test("zero hours with a bonus pays the bonus", () => {
    expect(grossPay(0, 15, 40, 1.5, 50)).toBe(50);
  });
  test("bad input", () => {
    expect(code(() => grossPay(-1, 10))).toBe("#NUM!");
    expect(code(() => grossPay(10, -1))).toBe("#NUM!");
    expect(code(() => grossPay(45, 10, 40, 0.5))).toBe("#NUM!");
    expect(code(() => grossPay("abc" as unknown as number, 10))).toBe("#VALUE!");
  });
});

describe("prorate", () => {
  test("amount x paidDays / periodDays, once rounded", () => {
    expect(prorate(30000, 20, 30)).toBe(20000);
    // 25000 x 15 / 31 = 12096.7741... -> 12096.77
    expect(prorate(25000, 15, 31)).toBe(12096.77);
    expect(prorate(0, 5, 30)).toBe(0);
  });
  test("period of 0 days is #DIV/0!, negative days #NUM!", () => {
    expect(code(() => prorate(100, 1, 0))).toBe("#DIV/0!");
    expect(code(() => prorate(100, -1, 30))).toBe("#NUM!");
  });
});
