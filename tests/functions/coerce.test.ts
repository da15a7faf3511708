import {
  bool,
  date,
  isOmitted,
  month,
  num,
  numbers,
  pairs,
  rate,
  result,
  str,
  textNumber,
  toHostError,
} from "../../src/functions/coerce";
import { serialFromYmd } from "../../src/core/dates";
import { ExcelError } from "../../src/core/errors";
import { err } from "../helpers/excel-error";

describe("coercion shared by Excel and the CLI", () => {
  test("blank, null, undefined and empty text are omitted: the default applies", () => {
    expect(isOmitted(null) && isOmitted(undefined) && isOmitted("") && isOmitted("  ")).toBe(true);
    expect(num(null, "threshold", 40)).toBe(40);
    expect(num("", "threshold", 40)).toBe(40);
    expect(str(undefined, "part", "employee")).toBe("employee");
    expect(err(() => num(null, "hours"))).toBe("#VALUE! hours: is required; expected a number");
  });
  test("text that is a number is the number; percent text is a fraction; booleans are 1/0 as in Excel arithmetic", () => {
    expect(num(" 45 ", "hours")).toBe(45);
    expect(num("1,23,456.50", "amount")).toBe(123456.5);
    expect(num("18%", "rate")).toBe(0.18);
    expect(num(true, "x")).toBe(1);
    expect(err(() => num("abc", "hours"))).toBe('#VALUE! hours: expected a number, got "abc"');
  });
  test("a rate above 1 is a percentage typed as a number", () => {
    expect(err(() => rate(18, "rate"))).toBe(
      "#VALUE! rate: expected a percentage between 0 and 1, got 18 — did you mean 18%?",
    );
    expect(err(() => rate(-0.1, "rate"))).toMatch(/^#VALUE! rate: expected a percentage between 0 and 1, got -0.1$/);
    expect(rate(0.18, "rate")).toBe(0.18);
    expect(rate(1, "rate")).toBe(1);
  });
  test("booleans", () => {
    expect(bool(null, "capWage", true)).toBe(true);
    expect(bool("false", "capWage", true)).toBe(false);
    expect(bool(0, "capWage", true)).toBe(false);
    expect(err(() => bool("maybe", "capWage", true))).toMatch(/^#VALUE! capWage: expected TRUE or FALSE/);
  });
  test("dates: serials stay, ISO text is read (2025-03-31 is serial 45747)", () => {
    expect(date(45747, "d")).toBe(45747);
    expect(date("2025-03-31", "d")).toBe(45747);
    expect(date("2025-03-31T12:00", "d")).toBe(45747.5);
    expect(err(() => date("someday", "invoiceDate"))).toMatch(/^#VALUE! invoiceDate: "someday" is not a date/);
  });
  test("ranges: blanks skipped, text numbers read, other text is #VALUE! naming the value", () => {
    expect(
      numbers(
        [
          [1, ""],
          ["2", null],
          [3, 4],
        ],
        "amounts",
      ),
    ).toEqual([1, 2, 3, 4]);
    expect(err(() => numbers([[1, "x"]], "amounts"))).toBe('#VALUE! amounts: value 2 is "x"; expected a number');
    expect(
      pairs(
        [
          [0, 0],
          ["", ""],
          [250000, "0.05"],
        ],
        "slabs",
      ),
    ).toEqual([
      [0, 0],
      [250000, 0.05],
    ]);
  });
  test("text is a number as VALUE() reads it: one sign at most, no Dr/Cr suffix", () => {
    expect(textNumber("(45)")).toBe(-45);
    expect(textNumber("$1,250")).toBe(1250);
    expect(textNumber("12.5%")).toBe(0.125);
    expect(textNumber("--45")).toBeUndefined();
    expect(textNumber("-45-")).toBeUndefined();
    expect(textNumber("45 Dr")).toBeUndefined();
    expect(textNumber("2025-10-01")).toBeUndefined();
  });
  test("a number that is not finite is #NUM! naming the parameter, at the edge and in a range", () => {
    expect(err(() => num(Infinity, "hours"))).toBe("#NUM! hours: expected a finite number, got Infinity");
    expect(err(() => num("1e999", "hours"))).toBe('#NUM! hours: expected a finite number, got "1e999"');
    expect(err(() => num(NaN, "hours", 40))).toBe("#NUM! hours: expected a finite number, got NaN");
    expect(err(() => date(-Infinity, "dueDate"))).toBe("#NUM! dueDate: expected a finite number, got -Infinity");
    expect(err(() => numbers([[1, Infinity]], "amounts"))).toBe(
      "#NUM! amounts value 2: expected a finite number, got Infinity",
    );
  });
  test("the result guard: a result that overflowed is #NUM! naming the parameters to check", () => {
    expect(result(950, "hours")).toBe(950);
    expect(err(() => result(Infinity, "hours and rate"))).toMatch(/^#NUM! hours and rate: the result is beyond/);
    expect(err(() => result(NaN, "x"))).toMatch(/^#NUM! x:/);
  });
  test("a month: 1-12, a date, or the attendance sheet's YYYY-MM (its first day)", () => {
    expect(month("2026-02", "month")).toBe(serialFromYmd(2026, 2, 1));
    expect(month(2, "month")).toBe(2);
    expect(month(null, "month")).toBeUndefined();
    expect(err(() => month("2026-13", "month"))).toMatch(/^#VALUE! month: "2026-13" is not a month/);
  });
  test("headless, errors leave as ExcelError", () => {
    const e = new ExcelError("#NUM!", "x");
    expect(toHostError(e)).toBe(e);
  });
});
