import { fedWithholding, fica } from "../../../src/core/payroll";
import { err } from "../../helpers/excel-error";

// Each expectation is worked by hand through IRS Publication 15-T Worksheet 1A (lines 1a-4b), using the annual
// percentage-method table built from the year's rate schedule (Rev. Proc. 2024-40 / 2025-32) as Pub 15-T does.
describe("FEDWITHHOLDING (Pub 15-T Worksheet 1A)", () => {
  test("2026 single, weekly 1,000: 52,000 - 8,600 = 43,400; 1,240 + 12% x (43,400 - 19,900) = 4,060; / 52 = 78.08", () => {
    expect(fedWithholding(1000, 52, "single", 2026)).toBe(78.08);
  });
  test("2025 MFJ biweekly 3,000 with 4,000 credits: 78,000 - 12,900 = 65,100; 2,385 + 12% x 24,150 = 5,283; (5,283 - 4,000) / 26 = 49.35", () => {
    expect(fedWithholding(3000, 26, "mfj", 2025, false, 4000)).toBe(49.35);
  });
  test("Step 2 checkbox table, 2026 single monthly 5,000: 60,000 -> 2,900 + 22% x 26,750 = 8,785; / 12 = 732.08", () => {
    expect(fedWithholding(5000, 12, "single", 2026, true)).toBe(732.08);
  });
  test("Step 4(a) other income, 4(b) deductions and 4(c) extra", () => {
    // 2026 hoh semimonthly 2,500: 60,000 + 6,000 - (12,000 + 8,600) = 45,400; 1,770 + 12% x (45,400 - 33,250) = 3,228; /24 = 134.50; + 20
    expect(fedWithholding(2500, 24, "head of household", 2026, false, 0, 6000, 12000, 20)).toBe(154.5);
  });
  test("wages under the zero bracket withhold nothing but the extra", () => {
    expect(fedWithholding(100, 52, "single", 2026)).toBe(0);
    expect(fedWithholding(100, 52, "single", 2026, false, 0, 0, 0, 10)).toBe(10);
  });
  test("credits larger than the tax leave 0", () => {
    expect(fedWithholding(1000, 52, "single", 2026, false, 10000)).toBe(0);
  });
  test("high earner in the 37% row, 2026 MFJ annual 1,000,000: 1,000,000 - 12,900 = 987,100; 206,583.50 + 37% x 199,100 = 280,250.50", () => {
    expect(fedWithholding(1000000, 1, "married", 2026)).toBe(280250.5);
  });
  test("bad input: unknown status #N/A, year outside the tables #N/A, fractional periods #NUM!", () => {
    expect(err(() => fedWithholding(1000, 52, "widow", 2026))).toMatch(/^#N\/A filingStatus/);
    expect(err(() => fedWithholding(1000, 52, "single", 2024))).toMatch(
      /^#N\/A year: no Publication 15-T tables for 2024/,
    );
    expect(err(() => fedWithholding(1000, 52.5, "single", 2026))).toMatch(/^#NUM! periodsPerYear/);
    expect(err(() => fedWithholding(-1, 52, "single", 2026))).toMatch(/^#NUM! wages/);
  });
});

describe("FICA (IRC 3101/3111; SSA wage bases 176,100 for 2025 and 184,500 for 2026)", () => {
  test("6.2% + 1.45% = 7.65% under the base", () => {
    expect(fica(1000)).toBe(76.5);
    expect(fica(1234.56, 0, 2026, "employer")).toBe(94.44); // 94.44384
  });
  test("crossing the 2026 wage base 184,500: 4,500 x 6.2% + 10,000 x 1.45% = 424", () => {
    expect(fica(10000, 180000, 2026)).toBe(424);
  });
  test("crossing the 2025 wage base 176,100: 6,100 x 6.2% + 145 = 523.20", () => {
    expect(fica(10000, 170000, 2025)).toBe(523.2);
  });
  test("exactly at the base: no more Social Security", () => {
    expect(fica(1000, 184500, 2026)).toBe(14.5);
  });
  test("Additional Medicare 0.9% above 200,000 year to date, employee only", () => {
    // 195,000 ytd + 10,000: SS 0, Medicare 145, additional 0.9% x 5,000 = 45
    expect(fica(10000, 195000, 2026)).toBe(190);
    expect(fica(10000, 195000, 2026, "employer")).toBe(145);
    expect(fica(10000, 190000, 2026)).toBe(145); // reaches exactly 200,000
  });
  test("bad input", () => {
    expect(err(() => fica(100, 0, 2027))).toMatch(/^#N\/A year: no FICA rates for 2027/);
    expect(err(() => fica(100, 0, 2026, "both"))).toMatch(/^#N\/A part/);
    expect(err(() => fica(-100))).toMatch(/^#NUM!/);
  });
});
