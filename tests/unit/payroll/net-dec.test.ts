import { netPay } from "../../../src/core/payroll";
import { dDivRound, dRound, dec } from "../../../src/core/payroll/dec";
import { pickInForce } from "../../../src/core/rates/table";
import { ExcelError } from "../../../src/core/errors";

describe("netPay", () => {
  test("gross minus deductions, exact in decimal", () => {
    expect(netPay(50000, [1800, 0, 200, 5000])).toBe(43000);
    expect(netPay(0.3, [0.1, 0.2])).toBe(0); // 0.3 - 0.1 - 0.2 is 5.5e-17 in binary floating point
    expect(netPay(100, [])).toBe(100);
  });
  test("text is #VALUE!", () => {
    expect(() => netPay(100, ["x" as unknown as number])).toThrow(ExcelError);
  });
});

describe("exact decimal helpers", () => {
  test("rounding on the decimal value, half away from zero", () => {
    expect(dRound(dec(1.005), 2)).toBe(1.01);
    expect(dRound(dec(-2.5), 0)).toBe(-3);
    expect(dRound(dec(1245), -1)).toBe(1250);
    expect(dRound(dec(0.001), 0, "up")).toBe(1);
  });
  test("division rounded once", () => {
    expect(dDivRound(dec(598), dec(46), 2)).toBe(13);
    expect(dDivRound(dec(2), dec(3), 2)).toBe(0.67);
    expect(dDivRound(dec(-2), dec(3), 2)).toBe(-0.67);
    expect(dDivRound(dec(1e20), dec(4), 2)).toBe(2.5e19); // past 2^53: BigInt path
  });
  test("a date outside every table is #N/A with the covered range", () => {
    const t = [{ from: "2025-01-01", to: "2025-12-31", source: "x" }];
    expect(() => pickInForce(t, "2026-01-01", "test rates")).toThrow(
      "test rates: no table in force on 2026-01-01; the tables cover 2025-01-01 to 2025-12-31",
    );
  });
});
