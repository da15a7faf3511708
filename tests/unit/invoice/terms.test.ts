import { dueDate, earlyPay, parseTerms } from "../../../src/core/invoice";
import { serialFromYmd as ymd } from "../../../src/core/dates";
import { expectError } from "./helpers";

describe("parseTerms", () => {
  it("reads the documented forms, case and spacing insensitive", () => {
    for (const t of ["NET 30", "net 30", "Net30", "NET30", " n/30 ", "N / 30", "30 NET", "Net 30 days", "NET 30 DAY"])
      expect(parseTerms(t)).toMatchObject({
        canonical: "NET 30",
        netDays: 30,
        eom: false,
        discount: 0,
        discountDays: 0,
      });
    for (const t of ["2/10 NET 30", "2/10 net30", "2/10, N/30", "2% 10 NET 30", "2 / 10  Net 30", "2/10 net 30 days"])
      expect(parseTerms(t)).toMatchObject({ canonical: "2/10 NET 30", netDays: 30, discount: 0.02, discountDays: 10 });
    expect(parseTerms("1.5/15 NET 45")).toMatchObject({
      canonical: "1.5/15 NET 45",
      discount: 0.015,
      discountDays: 15,
    });
    expect(parseTerms("eom")).toMatchObject({ canonical: "EOM", netDays: 0, eom: true });
    expect(parseTerms("End of Month")).toMatchObject({ canonical: "EOM", eom: true });
    expect(parseTerms("net 15 eom")).toMatchObject({ canonical: "NET 15 EOM", netDays: 15, eom: true });
    expect(parseTerms("Due on receipt")).toMatchObject({ canonical: "DUE ON RECEIPT", netDays: 0, eom: false });
    expect(parseTerms("UPON RECEIPT")).toMatchObject({ canonical: "DUE ON RECEIPT" });
    // A bare number of days, as a "Terms" column often holds it, is NET n
    expect(parseTerms(30)).toMatchObject({ canonical: "NET 30", netDays: 30 });
    expect(parseTerms("45")).toMatchObject({ canonical: "NET 45" });
    expect(parseTerms("60 days")).toMatchObject({ canonical: "NET 60" });
    expect(parseTerms(0)).toMatchObject({ canonical: "DUE ON RECEIPT" });
  });

  it("answers #N/A for unknown terms, listing the accepted forms", () => {
    expectError(
      () => parseTerms("NET"),
      "#N/A",
      /^terms: unknown payment terms "NET"; accepted terms: "NET 30".*"DUE ON RECEIPT"$/,
    );
    expectError(() => parseTerms("thirty days"), "#N/A", /accepted terms/);
    expectError(() => parseTerms("CIA"), "#N/A");
    expectError(() => parseTerms("2/10 NET 30 EOM"), "#N/A", /mixes a cash discount with EOM/);
    // The cached error is re-thrown each time, with the same code and message
    expectError(() => parseTerms("NET"), "#N/A", /unknown payment terms/);
  });

  it("rejects impossible discounts and blank terms with #VALUE!", () => {
    expectError(() => parseTerms("2/40 NET 30"), "#VALUE!", /discount days \(40\).*more than the net days \(30\)/);
    expectError(() => parseTerms("100/10 NET 30"), "#VALUE!", /between 0 and 100/);
    expectError(() => parseTerms("   "), "#VALUE!", /^terms: is blank/);
    expectError(() => parseTerms(30.5), "#VALUE!", /^terms: expected payment terms text/);
    expectError(() => parseTerms(true as unknown as string), "#VALUE!", /^terms:/);
  });
});

describe("dueDate", () => {
  it("adds net days to the invoice date", () => {
    // 2025-01-01 + 30 days = 2025-01-31 (calendar)
    expect(dueDate(ymd(2025, 1, 1), "NET 30")).toBe(ymd(2025, 1, 31));
    expect(dueDate(ymd(2025, 1, 1), "2/10 NET 30")).toBe(ymd(2025, 1, 31));
    // Crossing a leap day: 2024-02-15 + 30 = 2024-03-16
    expect(dueDate(ymd(2024, 2, 15), "net 30")).toBe(ymd(2024, 3, 16));
    // The time of day is dropped
    expect(dueDate(ymd(2025, 1, 1) + 0.75, "NET 7")).toBe(ymd(2025, 1, 8));
  });

  it("counts from the end of the invoice month for EOM terms", () => {
    expect(dueDate(ymd(2025, 2, 10), "EOM")).toBe(ymd(2025, 2, 28));
    expect(dueDate(ymd(2024, 2, 10), "EOM")).toBe(ymd(2024, 2, 29)); // leap year
    expect(dueDate(ymd(2100, 2, 1), "EOM")).toBe(ymd(2100, 2, 28)); // 2100 is not a leap year
    // NET 15 EOM: 15 days after 2025-01-31 = 2025-02-15
    expect(dueDate(ymd(2025, 1, 15), "NET 15 EOM")).toBe(ymd(2025, 2, 15));
    // NET 30 EOM from 31 January: 2025-01-31 + 30 = 2025-03-02
    expect(dueDate(ymd(2025, 1, 31), "net 30 eom")).toBe(ymd(2025, 3, 2));
    expect(dueDate(ymd(2025, 12, 5), "NET 10 EOM")).toBe(ymd(2026, 1, 10));
  });

  it("is the invoice date itself when due on receipt", () => {
    expect(dueDate(ymd(2025, 3, 31), "DUE ON RECEIPT")).toBe(ymd(2025, 3, 31));
  });

  it("rejects dates outside Excel's range with #NUM!", () => {
    expectError(() => dueDate(-1, "NET 30"), "#NUM!", /^invoiceDate:/);
    // Serial 0 is Excel's "1900-01-00": the message says dates start at 1, and so does the check.
    expectError(
      () => dueDate(0, "NET 30"),
      "#NUM!",
      /^invoiceDate: expected a date \(an Excel serial from 1 to 2958465\), got 0$/,
    );
    expectError(() => dueDate(0.5, "NET 30"), "#NUM!", /^invoiceDate:/);
    expect(dueDate(1, "NET 30")).toBe(31);
    expectError(() => dueDate(2958465, "NET 30"), "#NUM!", /after 9999-12-31/);
  });
});

describe("earlyPay", () => {
  const inv = ymd(2025, 1, 1);
  it("discounts a payment within the discount days, inclusive", () => {
    // 2/10 NET 30: 2% off when paid by 2025-01-11 (invoice + 10 days): 1,000 × 0.98 = 980
    expect(earlyPay(1000, "2/10 NET 30", inv, ymd(2025, 1, 11))).toBe(980);
    expect(earlyPay(1000, "2/10 NET 30", inv, ymd(2025, 1, 11) + 0.99)).toBe(980); // same day, later hour
    expect(earlyPay(1000, "2/10 NET 30", inv, inv)).toBe(980);
    expect(earlyPay(1000, "2/10 NET 30", inv, ymd(2024, 12, 20))).toBe(980); // prepaid
  });

  it("charges the full amount after the discount window or without a discount", () => {
    expect(earlyPay(1000, "2/10 NET 30", inv, ymd(2025, 1, 12))).toBe(1000);
    expect(earlyPay(1000, "NET 30", inv, inv)).toBe(1000);
    expect(earlyPay(1234.565, "NET 30", inv, inv)).toBe(1234.57); // rounded to cents, half-up
  });

  it("computes fractional discounts exactly", () => {
    // 999.99 × (1 − 1.5%) = 984.99015 -> 984.99
    expect(earlyPay(999.99, "1.5/10 NET 30", inv, inv)).toBe(984.99);
    // 10.05 × 0.98 = 9.849 -> 9.85
    expect(earlyPay(10.05, "2/10 NET 30", inv, inv)).toBe(9.85);
  });

  it("passes on bad terms and dates", () => {
    expectError(() => earlyPay(1000, "2/10", inv, inv), "#N/A", /^terms:/);
    expectError(() => earlyPay(1000, "2/10 NET 30", inv, NaN), "#VALUE!", /^paymentDate:/);
  });
});
