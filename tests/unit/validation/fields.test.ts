import { compileField, type FieldDef } from "../../../src/core/validation/fields";
import { serialFromYmd } from "../../../src/core/dates";

const f = (def: Partial<FieldDef> & Pick<FieldDef, "type">) => compileField({ key: "x", column: "X", ...def });
const ok = (r: ReturnType<ReturnType<typeof f>>) => (r.ok ? r.value : `ERR ${r.issue.rule}: ${r.issue.message}`);

describe("field checkers", () => {
  it("required and blanks", () => {
    expect(ok(f({ type: "text", required: true })(null))).toBe("ERR required: X is required — fill it in");
    expect(ok(f({ type: "text", required: true })("   "))).toMatch(/ERR required/);
    expect(ok(f({ type: "text" })(null))).toBeNull();
  });

  it("money: lakh and international grouping, 2 decimals, ranges", () => {
    const m = f({ type: "money", min: 0 });
    expect(ok(m("1,23,456.78"))).toBe(123456.78);
    expect(ok(m("123,456.78"))).toBe(123456.78);
    expect(ok(m("₹ 5,000"))).toBe(5000);
    expect(ok(m(1234.5600000000002))).toBe(1234.56); // binary noise of a computed cell, not a third decimal
    expect(ok(m("12.345"))).toMatch(/ERR type: X 12.345 has 3 decimals/);
    expect(ok(m(12.345))).toMatch(/has 3 decimals/);
    expect(ok(m("1,2,3"))).toMatch(/ERR type/);
    expect(ok(m("abc"))).toMatch(/contains letters/);
    expect(ok(m("-5"))).toBe("ERR range: X -5.00 is below the minimum 0.00");
    expect(ok(m(true))).toMatch(/ERR type/);
  });

  it("integer and number", () => {
    expect(ok(f({ type: "integer" })("1,000"))).toBe(1000);
    expect(ok(f({ type: "integer" })(2.5))).toMatch(/whole number/);
    expect(ok(f({ type: "number", min: 0, max: 31 })("20.5"))).toBe(20.5);
    expect(ok(f({ type: "number", min: 0, max: 31 })(32))).toMatch(/outside 0 to 31/);
    expect(ok(f({ type: "number" })("twelve"))).toMatch(/not a number/);
  });

  it("percentage: fractions as Excel holds them, text in points", () => {
    expect(ok(f({ type: "percentage" })(0.18))).toBe(0.18);
    expect(ok(f({ type: "percentage" })("18%"))).toBe(0.18);
    expect(ok(f({ type: "percentage" })("18"))).toBe(0.18);
    expect(ok(f({ type: "percentage" })(1.5))).toMatch(/150% is outside 0% to 100%/);
  });

  it("dates: serials, text in the user's order, impossible dates, implausible years", () => {
    const dmy = f({ type: "date" });
    const mdy = compileField({ key: "x", column: "X", type: "date" }, { dateOrder: "MDY" });
    // 2025-04-03 and 2025-03-04 serials from serialFromYmd (Excel's 1900 date system).
    expect(ok(dmy("03/04/2025"))).toBe(serialFromYmd(2025, 4, 3));
    expect(ok(mdy("03/04/2025"))).toBe(serialFromYmd(2025, 3, 4));
    expect(ok(dmy(45747))).toBe(45747);
    expect(ok(dmy("31/02/2025"))).toMatch(/not a real date \(February 2025 has 28 days\)/);
    expect(ok(dmy(5))).toMatch(/ERR range: X 1900-01-05 is outside 1990-01-01 to 2099-12-31 — check the year/);
    expect(ok(dmy("2025-13-01"))).toMatch(/ERR type/);
    expect(ok(dmy(false))).toMatch(/expected a date/);
  });

  it("timestamps keep the time", () => {
    const t = f({ type: "timestamp" });
    expect(ok(t("2025-10-03T14:30"))).toBeCloseTo(serialFromYmd(2025, 10, 3) + 14.5 / 24, 9);
  });

  it("month: YYYY-MM text or the date Excel makes of it", () => {
    const m = f({ type: "month" });
    expect(ok(m("2025-10"))).toBe("2025-10");
    expect(ok(m("10/2025"))).toBe("2025-10");
    expect(ok(m(serialFromYmd(2025, 10, 1)))).toBe("2025-10");
    expect(ok(m("Oct-2025"))).toBe("2025-10");
    expect(ok(m("2025-13"))).toMatch(/no month 13/);
  });

  it("lists and Y/N normalise to the canonical spelling", () => {
    const l = f({ type: "list", list: ["Pass", "Fail"], aliases: { Passed: "Pass" } });
    expect(ok(l("pass"))).toBe("Pass");
    expect(ok(l("Passed"))).toBe("Pass");
    expect(ok(l("OK"))).toBe('ERR list: X "OK" is not one of Pass, Fail');
    const yn = f({ type: "yn" });
    expect(ok(yn("yes"))).toBe("Y");
    expect(ok(yn(false))).toBe("N");
    expect(ok(yn("maybe"))).toMatch(/should be Y or N/);
  });

  it("text: Excel's cell limit, control characters, unicode and formula-looking text", () => {
    const t = f({ type: "text" });
    expect(ok(t("x".repeat(32767)))).toHaveLength(32767);
    expect(ok(t("x".repeat(32768)))).toBe(
      "ERR cell-limit: X is 32,768 characters long; an Excel cell holds at most 32,767 — shorten it",
    );
    expect(ok(t("Acme\u0007Ltd"))).toMatch(/ERR control-chars: .*U\+0007/);
    expect(ok(t("line one\nline two"))).toBe("line one\nline two"); // Alt+Enter line breaks are fine
    expect(ok(t("शर्मा ट्रेडर्स 🚀"))).toBe("शर्मा ट्रेडर्स 🚀");
    expect(ok(t("شركة الخليج"))).toBe("شركة الخليج");
    expect(ok(t('=HYPERLINK("http://x")'))).toBe('=HYPERLINK("http://x")'); // text, stored as text by the adapters
    expect(ok(t(1001))).toBe("1001");
  });

  it("patterns and lengths", () => {
    const p = f({ type: "text", pattern: "\\d{9,18}", example: "123456789012" });
    expect(ok(p("123456789012"))).toBe("123456789012");
    expect(ok(p("12345"))).toMatch(/ERR pattern: .* like 123456789012/);
    expect(ok(f({ type: "text", maxLength: 16 })("INV-2025-000000001"))).toMatch(/18 characters; at most 16/);
  });

  it("identifiers are trimmed and upper-cased before their check", () => {
    const g = f({ type: "gstin" });
    expect(ok(g(" 27aapfu0939f1zv "))).toBe("27AAPFU0939F1ZV");
    expect(ok(g("27AAPFU0939F1ZZ"))).toBe(
      "ERR gstin: X 27AAPFU0939F1ZZ: check character should be 'V', got 'Z' — re-check the last character",
    );
    expect(ok(f({ type: "uan" })(100123456789))).toBe("100123456789"); // a UAN Excel holds as a number
  });
});
