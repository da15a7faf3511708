/**
 * The wrappers as Excel calls them (tests/functions/excel-call.ts): defaults for omitted arguments, Excel's own type
 * conversions, the repeating NETPAY, errors surfaced as the code the user sees, and the older hosts' fallbacks.
 */
import { serialFromYmd } from "../../src/core/dates";
import { BLANK, callAsExcel, callOn, shownError } from "./excel-call";

const OCT25 = serialFromYmd(2025, 10, 1);

describe("omitted and left-out arguments", () => {
  test("omitted optionals arrive as null and take the catalogue defaults", () => {
    expect(callAsExcel("GROSSPAY", 45, 20)).toBe(950);
    expect(callAsExcel("GROSSPAY", 45, 20, undefined, undefined, 0)).toBe(950);
    expect(callAsExcel("EPF", 20000)).toBe(1800);
    expect(callAsExcel("INCOMETAX", 1210000)).toBe(10400);
    expect(callAsExcel("FEDWITHHOLDING", 1000, 52, "single")).toBe(78.08);
    expect(callAsExcel("FICA", 1000)).toBe(76.5);
  });
  test("trailing omitted optionals may also be absent (a caller passing no more than given)", () => {
    expect(callOn({ bare: true }, "GROSSPAY", 45, 20)).toBe(950);
    expect(callOn({ bare: true }, "WORKHOURS", OCT25 + 2 + 16 / 24, OCT25 + 5 + 11 / 24)).toBe(4);
    expect(callOn({ bare: true }, "NETPAY", 50000)).toBe(50000);
  });
  test("a required argument that is an empty cell is #VALUE! naming it (Excel on the web passes null)", () => {
    expect(shownError(callAsExcel("GROSSPAY", BLANK, 20))).toBe("#VALUE! hours: is required; expected a number");
  });
});

describe("Excel's conversions for typed parameters", () => {
  test("a number parameter given text that is a number gets the number; other text is #VALUE! before the call", () => {
    expect(callAsExcel("GROSSPAY", "46", "12", "40", "1.5", "46")).toBe(637);
    expect(callAsExcel("LINEAMOUNT", "1,250.50", 1)).toBe(1250.5);
    expect(callAsExcel("LINEAMOUNT", 1, 100, "10%", "18%")).toBe(106.2);
    expect(shownError(callAsExcel("GROSSPAY", "forty", 12))).toBe('#VALUE! hours: expected a number, got "forty"');
    expect(shownError(callAsExcel("GROSSPAY", "--45", 12))).toBe('#VALUE! hours: expected a number, got "--45"');
  });
  test("TRUE/FALSE to a number parameter are 1 and 0", () => {
    expect(callAsExcel("DPMO", true, 1000, 1)).toBe(1000);
  });
  test("a string parameter given a number gets its text; an any parameter keeps what it is given", () => {
    expect(callAsExcel("PROFTAX", 30000, 27, 2)).toBe(300); // state is any: 27 stays a number, a GST code
    expect(shownError(callAsExcel("INCOMETAX", 100, 2025))).toMatch(/^#N\/A regime: unknown regime "2025"/);
  });
  test("a boolean parameter takes numbers and the text TRUE/FALSE", () => {
    expect(callAsExcel("EPF", 20000, undefined, 0)).toBe(2400);
    expect(callAsExcel("EPF", 20000, undefined, "false")).toBe(2400);
    expect(shownError(callAsExcel("EPF", 20000, undefined, "maybe"))).toMatch(
      /^#VALUE! capWage: expected TRUE or FALSE/,
    );
  });
  test("a cell holding one value arrives as the value: a one-cell range given to a scalar parameter", () => {
    expect(callAsExcel("GROSSPAY", [[45]], [[20]])).toBe(950);
  });
});

describe("ranges and the repeating NETPAY", () => {
  test("=BPO.NETPAY(50000,1800,200) is 48000: the deductions arrive as ONE array of 2-D arrays", () => {
    expect(callAsExcel("NETPAY", 50000, 1800, 200)).toBe(48000);
  });
  test("values and ranges mixed; blanks ignored; text is #VALUE!", () => {
    expect(
      callAsExcel(
        "NETPAY",
        50000,
        [[1800]],
        [
          [200, BLANK],
          [5000, BLANK],
        ],
      ),
    ).toBe(43000);
    expect(callOn({ blank: "desktop" }, "NETPAY", 50000, [[1800, BLANK]], 200)).toBe(48000);
    expect(shownError(callAsExcel("NETPAY", 50000, "PF"))).toMatch(/^#VALUE! deductions: value 1 is "PF"/);
  });
  test("SLABTAX takes a 2-column range; a scalar given to a range parameter is a 1x1 range", () => {
    expect(
      callAsExcel("SLABTAX", 500000, [
        [0, 0],
        [250000, 0.05],
        [500000, 0.2],
      ]),
    ).toBe(12500);
    expect(callAsExcel("INVOICETAX", 100, 0.18)).toBe(18);
  });
});

describe("GST and percentages", () => {
  test("GST spills one row [CGST, SGST, IGST]", () => {
    expect(callAsExcel("GST", 10000, 0.18, "MH", "27", OCT25)).toEqual([[900, 900, 0]]);
    expect(callAsExcel("GST", 10000, 0.18, 27, "KA", OCT25)).toEqual([[0, 0, 1800]]);
    expect(callAsExcel("GST", 1000, 0.28, "MH", "KA", OCT25)).toEqual([[0, 0, 280]]);
  });
  test("a percentage typed as 18 is #VALUE! with the hint", () => {
    expect(shownError(callAsExcel("GST", 10000, 18, "MH", "KA", OCT25))).toBe(
      "#VALUE! rate: expected a percentage between 0 and 1, got 18 — did you mean 18%?",
    );
    expect(shownError(callAsExcel("LINEAMOUNT", 1, 100, 10))).toMatch(/^#VALUE! discount: .* did you mean 10%\?$/);
  });
});

describe("errors as Excel shows them (CustomFunctions.Error, codes from @types/custom-functions-runtime)", () => {
  test("#VALUE! and #N/A carry the message; #NUM! and #DIV/0! the code only, as Excel allows", () => {
    expect(callAsExcel("GST", 10000, 18, "MH", "KA")).toEqual({
      error: "#VALUE!",
      message: "rate: expected a percentage between 0 and 1, got 18 — did you mean 18%?",
    });
    expect(callAsExcel("INCOMETAX", 100, "XX")).toMatchObject({
      error: "#N/A",
      message: expect.stringMatching(/unknown regime/),
    });
    expect(callAsExcel("GROSSPAY", -1, 10)).toEqual({ error: "#NUM!", message: undefined });
    expect(callAsExcel("PRORATE", 1, 1, 0)).toEqual({ error: "#DIV/0!", message: undefined });
  });
  test("a CustomFunctionsRuntime 1.2 host (Error, no ErrorCode enum) still gets the code, as its string value", () => {
    expect(callOn({ runtime: "1.2" }, "GROSSPAY", -1, 10)).toEqual({ error: "#NUM!", message: undefined });
    expect(shownError(callOn({ runtime: "1.2" }, "INCOMETAX", 100, "XX"))).toMatch(/^#N\/A regime: unknown regime/);
  });
  test("a 1.1 host (no CustomFunctions.Error) gets a plain Error: #VALUE!, with the real code in its message", () => {
    expect(callOn({ runtime: "1.1" }, "GROSSPAY", -1, 10)).toEqual({
      error: "#VALUE!",
      message: "#NUM! hours: expected hours worked of 0 or more, got -1",
    });
  });
});
