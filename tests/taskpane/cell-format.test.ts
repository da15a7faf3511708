/**
 * The workbench preview's rough number formatting. Expected strings are what Excel shows for the
 * same value and format code (Excel's "Format Cells > Custom" with en-US regional settings):
 * e.g. 1234567.891 with #,##0.00 shows 1,234,567.89; serial 45747 with yyyy-mm-dd shows 2025-03-31
 * (serial 45747 is 2025-03-31: 45658 is 2025-01-01, +89 days).
 */
import { NUMFMT } from "../../src/core/sheet-spec";
import { formatDateSerial, showCell } from "../../src/taskpane/cell-format";

describe("showCell", () => {
  it("shows blanks, booleans, text and errors as Excel does", () => {
    expect(showCell(null).text).toBe("");
    expect(showCell(true)).toEqual({ text: "TRUE", align: "center" });
    expect(showCell("INV-1", NUMFMT.money)).toEqual({ text: "INV-1", align: "left" });
    expect(showCell("#DIV/0!").align).toBe("center");
  });

  it("formats money with thousands separators, two decimals and red negatives", () => {
    expect(showCell(1234567.891, NUMFMT.money)).toEqual({ text: "1,234,567.89", align: "right", color: undefined });
    const neg = showCell(-1500, NUMFMT.money);
    expect(neg.text).toBe("-1,500.00");
    expect(neg.color).toBe("#C00000");
    expect(showCell(0, NUMFMT.money).text).toBe("0.00");
  });

  it("groups Indian amounts in lakhs and crores", () => {
    // Excel and LibreOffice with the conditional formats NUMFMT.inr / inrNegative show ₹1,23,45,678.50 and ₹12,34,567.00.
    expect(showCell(12345678.5, NUMFMT.inr).text).toBe("₹1,23,45,678.50");
    expect(showCell(1234567, NUMFMT.inr).text).toBe("₹12,34,567.00");
    expect(showCell(99999.5, NUMFMT.inr).text).toBe("₹99,999.50");
    expect(showCell(-250000, NUMFMT.inrNegative).text).toBe("-₹2,50,000.00");
  });

  it("formats integers, percentages and hours", () => {
    expect(showCell(1234.6, NUMFMT.integer).text).toBe("1,235");
    expect(showCell(0.1234, NUMFMT.percent).text).toBe("12.3%");
    expect(showCell(1, "0%").text).toBe("100%");
    expect(showCell(7.5, NUMFMT.hours).text).toBe("7.50");
  });

  it("formats date and date-time serials", () => {
    expect(showCell(45747, NUMFMT.date)).toEqual({ text: "2025-03-31", align: "right" });
    // 45747.5 is noon; 0.75 of a day is 18:00.
    expect(showCell(45747.75, NUMFMT.dateTime).text).toBe("2025-03-31 18:00");
    expect(formatDateSerial(45747, "dd-mmm-yyyy")).toBe("31-Mar-2025");
    expect(formatDateSerial(45747, "d/m/yy")).toBe("31/3/25");
    expect(formatDateSerial(45747.5, "h:mm AM/PM")).toBe("12:00 PM");
    expect(formatDateSerial(45747 + 0.25 + 5 / 1440, "hh:mm:ss")).toBe("06:05:00");
    // Serial 60 is Excel's fictitious 1900-02-29.
    expect(formatDateSerial(60, "yyyy-mm-dd")).toBe("1900-02-29");
  });

  it("uses General for numbers without a format (Excel's General depends on column width; the preview keeps 10 significant digits)", () => {
    expect(showCell(42).text).toBe("42");
    expect(showCell(0.1 + 0.2).text).toBe("0.3");
    expect(showCell(1 / 3).text).toBe("0.3333333333");
  });

  it("keeps literal text of a format (currency symbols)", () => {
    expect(showCell(1234.5, '"₹"#,##0.00').text).toBe("₹1,234.50");
    expect(showCell(1234.5, "$#,##0.00").text).toBe("$1,234.50");
  });
});
