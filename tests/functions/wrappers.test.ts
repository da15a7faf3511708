/** The wrappers Excel calls: coercion, defaults, errors mapped to CustomFunctions.Error in one place. */
import * as F from "../../src/functions/functions";
import { serialFromYmd } from "../../src/core/dates";
import { err } from "../helpers/excel-error";

describe("payroll wrappers", () => {
  test("omitted optionals (null, as Excel passes them) take the catalogue defaults", () => {
    expect(F.grossPay(45, 20, null as unknown as number, undefined, "" as unknown as number)).toBe(950);
    expect(F.epf(20000, null as unknown as string, null as unknown as boolean)).toBe(1800);
    expect(F.incomeTax(1210000)).toBe(10400);
    expect(F.fedWithholding(1000, 52, "single")).toBe(78.08);
    expect(F.fica(1000)).toBe(76.5);
  });
  test("text numbers are read; text that is not a number is #VALUE!", () => {
    const loose = F.grossPay as unknown as (...args: unknown[]) => number;
    expect(loose("46", "12", "40", "1.5", "46")).toBe(637);
    expect(err(() => F.grossPay("forty" as unknown as number, 12))).toBe(
      '#VALUE! hours: expected a number, got "forty"',
    );
  });
  test("PROFTAX accepts a GST state code as a number", () => {
    expect(F.profTax(30000, 27, 2)).toBe(300);
  });
  test("SLABTAX takes a 2-column range", () => {
    expect(
      F.slabTax(500000, [
        [0, 0],
        [250000, 0.05],
        [500000, 0.2],
      ]),
    ).toBe(12500);
  });
  test("NETPAY takes values and ranges; blanks ignored; text is #VALUE!", () => {
    expect(
      F.netPay(
        50000,
        [[1800]],
        [
          [200, ""],
          [5000, null],
        ],
      ),
    ).toBe(43000);
    expect(err(() => F.netPay(50000, [["PF"]]))).toMatch(/^#VALUE! deductions: value 1 is "PF"/);
  });
});

describe("invoice and operations wrappers", () => {
  const OCT25 = serialFromYmd(2025, 10, 1);
  test("GST spills one row [CGST, SGST, IGST]", () => {
    expect(F.gst(10000, 0.18, "MH", "27", OCT25)).toEqual([[900, 900, 0]]);
    expect(F.gst(10000, 0.18, 27, "KA", OCT25)).toEqual([[0, 0, 1800]]);
  });
  test("a percentage typed as 18 is #VALUE! with the hint", () => {
    expect(err(() => F.gst(10000, 18, "MH", "KA", OCT25))).toBe(
      "#VALUE! rate: expected a percentage between 0 and 1, got 18 — did you mean 18%?",
    );
    expect(err(() => F.lineAmount(1, 100, 10))).toMatch(/^#VALUE! discount: .* did you mean 10%\?$/);
  });
  test("catalogue examples", () => {
    expect(F.taxFromGross(1180, 0.18)).toBe(180);
    expect(F.invoiceTax([[10.05], [10.05], [10.05]], 0.05, "line")).toBe(1.5);
    expect(F.invoiceTax([[10.05, 10.05, 10.05]], 0.05, "total")).toBe(1.51);
    expect(F.roundMoney(1.005)).toBe(1.01);
    expect(F.dueDate(serialFromYmd(2025, 1, 15), "2/10 NET 30")).toBe(serialFromYmd(2025, 2, 14));
    expect(F.agingBucket(serialFromYmd(2025, 1, 1), serialFromYmd(2025, 1, 1) + 90)).toBe("61-90");
    expect(F.agingBucket(serialFromYmd(2025, 1, 1), serialFromYmd(2025, 1, 1) + 91)).toBe("90+");
    expect(F.lateInterest(100000, serialFromYmd(2025, 1, 31), serialFromYmd(2025, 4, 30), 0.165, "monthly")).toBe(
      4181.98,
    );
    expect(F.dpmo(12, 4000, 5)).toBe(600);
    // Fri 2025-01-03 16:00 to Mon 2025-01-06 11:00 on 09:00-18:00: 2 h Friday + 2 h Monday
    expect(F.workHours(serialFromYmd(2025, 1, 3) + 16 / 24, serialFromYmd(2025, 1, 6) + 11 / 24)).toBe(4);
    expect(F.slaMet("2025-01-03T16:00" as unknown as number, "2025-01-06T11:00" as unknown as number, 4)).toBe(true);
  });
});

describe("inside Excel, errors become CustomFunctions.Error", () => {
  class FakeError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  const g = globalThis as unknown as { CustomFunctions?: unknown };
  beforeAll(() => {
    g.CustomFunctions = {
      Error: FakeError,
      ErrorCode: {
        invalidValue: "#VALUE!",
        notAvailable: "#N/A",
        invalidNumber: "#NUM!",
        divisionByZero: "#DIV/0!",
        nullReference: "#NULL!",
        invalidReference: "#REF!",
        invalidName: "#NAME?",
      },
    };
  });
  afterAll(() => {
    delete g.CustomFunctions;
  });
  test("#VALUE! and #N/A carry the message; #NUM! and #DIV/0! the code", () => {
    const catchIt = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
    };
    const v = catchIt(() => F.gst(10000, 18, "MH", "KA")) as FakeError;
    expect(v).toBeInstanceOf(FakeError);
    expect(v.code).toBe("#VALUE!");
    expect(v.message).toMatch(/did you mean 18%/);
    const na = catchIt(() => F.incomeTax(100, "XX")) as FakeError;
    expect(na.code).toBe("#N/A");
    expect(na.message).toMatch(/unknown regime/);
    expect((catchIt(() => F.grossPay(-1, 10)) as FakeError).code).toBe("#NUM!");
    expect((catchIt(() => F.prorate(1, 1, 0)) as FakeError).code).toBe("#DIV/0!");
  });
});
