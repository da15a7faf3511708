import { gstSlabs, gstSplit } from "../../../src/core/invoice";
import { GST_SLABS } from "../../../src/core/rates/gst";
import { GST_STATES, gstState } from "../../../src/core/rates/gst-states";
import { serialFromYmd } from "../../../src/core/dates";
import { expectError } from "./helpers";

const NEW = serialFromYmd(2025, 10, 1); // after the 56th Council rates (effective 2025-09-22)
const OLD = serialFromYmd(2025, 9, 21); // last day of the 2017 slabs

describe("gstSplit: intra-state vs inter-state", () => {
  it("splits the rate in halves within a state and charges IGST across states", () => {
    // 10,000 × 18% = 1,800: CGST 9% = 900 + SGST 9% = 900 (same state), else IGST 1,800
    expect(gstSplit(10000, 0.18, "MH", 27, NEW)).toEqual([900, 900, 0]);
    expect(gstSplit(10000, 0.18, "MH", "KA", NEW)).toEqual([0, 0, 1800]);
    expect(gstSplit(10000, 0.05, "29", "KA", NEW)).toEqual([250, 250, 0]);
    expect(gstSplit(10000, 0.4, "DL", "07", NEW)).toEqual([2000, 2000, 0]);
    expect(gstSplit(10000, 0, "DL", "MH", NEW)).toEqual([0, 0, 0]);
  });

  it("rounds each half separately (CGST + SGST is the tax)", () => {
    // 105.55 × 2.5% = 2.63875 -> 2.64 each; IGST 105.55 × 5% = 5.2775 -> 5.28
    expect(gstSplit(105.55, 0.05, "07", "DL", OLD)).toEqual([2.64, 2.64, 0]);
    expect(gstSplit(105.55, 0.05, "07", "MH", OLD)).toEqual([0, 0, 5.28]);
    // 100.10 × 2.5% = 2.5025 -> 2.50 each (5.00 in all), while 100.10 × 5% = 5.005 -> 5.01 as IGST
    expect(gstSplit(100.1, 0.05, "TN", "33", NEW)).toEqual([2.5, 2.5, 0]);
    expect(gstSplit(100.1, 0.05, "TN", "KL", NEW)).toEqual([0, 0, 5.01]);
    // Credit note: negative values, half-up away from zero: −100.10 × 2.5% = −2.5025 -> −2.50
    expect(gstSplit(-100.1, 0.05, "TN", "TN", NEW)).toEqual([-2.5, -2.5, 0]);
    // 0.25% (rough diamonds): 100,000 × 0.125% = 125 each
    expect(gstSplit(100000, 0.0025, "GJ", "24", NEW)).toEqual([125, 125, 0]);
    expect(gstSplit(100000, 0.03, "GJ", "MH", NEW)).toEqual([0, 0, 3000]);
  });

  it("reads state codes numeric or alphabetic, padded or not, any case, and GSTINs", () => {
    const same = (a: string | number, b: string | number) => gstSplit(1000, 0.18, a, b, NEW)[2] === 0;
    expect(same("07", 7)).toBe(true);
    expect(same("dl", "07")).toBe(true);
    expect(same(" Mh ", "27")).toBe(true);
    expect(same("27AAPFU0939F1ZV", "MH")).toBe(true); // GSTIN: the first two digits are the state
    expect(same("Tamil Nadu", "TN")).toBe(true);
    expect(same("TS", "36")).toBe(true);
    expect(same("TG", "36")).toBe(true);
    expect(same("38", "LA")).toBe(true); // Ladakh
    expect(same("97", "OT")).toBe(true); // Other Territory
    // Daman and Diu (25) merged into Dadra and Nagar Haveli and Daman and Diu (26) on 2020-01-26
    expect(same(25, 26)).toBe(true);
    expect(same("DD", "DN")).toBe(true);
    expect(same("MH", "KA")).toBe(false);
    expect(same("AP", "37")).toBe(true); // Andhra Pradesh (new) is 37
    expect(same("AR", "12")).toBe(true); // Arunachal Pradesh
    // Export: place of supply 96 (foreign country) is always IGST
    expect(gstSplit(1000, 0.18, "96", "96", NEW)).toEqual([0, 0, 180]);
  });

  it("covers every state code of the official list 01-38 (except retired 25), 97 and 99", () => {
    const codes = GST_STATES.map((s) => s.code);
    for (let c = 1; c <= 38; c++) if (c !== 25) expect(codes).toContain(String(c).padStart(2, "0"));
    expect(codes).toEqual(expect.arrayContaining(["97", "99"]));
    expect(gstState(26)?.name).toBe("Dadra and Nagar Haveli and Daman and Diu");
    expect(gstState("27")?.name).toBe("Maharashtra");
    expect(gstState("29")?.name).toBe("Karnataka");
    expect(gstState("04")?.utgst).toBe(true); // Chandigarh: UTGST
  });

  it("answers #N/A for an unknown state", () => {
    expectError(() => gstSplit(100, 0.18, "XX", "MH", NEW), "#N/A", /^supplierState: unknown GST state code "XX"/);
    expectError(() => gstSplit(100, 0.18, "MH", 40, NEW), "#N/A", /^placeOfSupply: unknown GST state code 40/);
    expectError(() => gstSplit(100, 0.18, "MH", "", NEW), "#N/A", /^placeOfSupply:/);
    expectError(() => gstSplit(100, 0.18, 27.5, "MH", NEW), "#N/A", /^supplierState:/);
  });
});

describe("gstSplit: slabs in force on the invoice date", () => {
  it("allows 12% and 28% until 2025-09-21 and 40% from 2025-09-22", () => {
    expect(gstSplit(10000, 0.12, "MH", "KA", OLD)).toEqual([0, 0, 1200]);
    expect(gstSplit(10000, 0.28, "MH", "MH", OLD)).toEqual([1400, 1400, 0]);
    expect(gstSplit(10000, 0.4, "MH", "KA", serialFromYmd(2025, 9, 22))).toEqual([0, 0, 4000]);
  });

  it("rejects a rate not in force with #NUM! naming the valid slabs that day", () => {
    expectError(
      () => gstSplit(10000, 0.12, "MH", "KA", serialFromYmd(2025, 9, 22)),
      "#NUM!",
      /^rate: 12% is not a GST slab on 2025-09-22; valid rates then: 0%, 0\.25%, 3%, 5%, 18%, 40% \(and for special supplies only: 0\.1% supplies to merchant exporters, 1\.5% job work in relation to diamonds, 28% goods of Schedule VII \(pan masala, tobacco products\) until 31\.01\.2026\)$/,
    );
    expectError(() => gstSplit(10000, 0.28, "MH", "KA", serialFromYmd(2026, 2, 1)), "#NUM!", /28% is not a GST slab/);
    expectError(
      () => gstSplit(10000, 0.4, "MH", "KA", OLD),
      "#NUM!",
      /valid rates then: 0%, 0\.25%, 3%, 5%, 12%, 18%, 28% \(and for special/,
    );
    expectError(() => gstSplit(10000, 0.185, "MH", "KA", NEW), "#NUM!", /18\.5% is not a GST slab/);
    expectError(() => gstSplit(10000, 0.180001, "MH", "KA", NEW), "#NUM!");
  });

  it("keeps 28% from 2025-09-22 to 2026-01-31 for Schedule VII goods (Notifications 9/2025 and 19/2025-CT(Rate))", () => {
    expect(gstSplit(1000, 0.28, "MH", "KA", NEW)).toEqual([0, 0, 280]);
    expect(gstSplit(1000, 0.28, "MH", "MH", serialFromYmd(2025, 9, 22))).toEqual([140, 140, 0]);
    expect(gstSplit(1000, 0.28, "MH", "KA", serialFromYmd(2026, 1, 31))).toEqual([0, 0, 280]);
    expectError(
      () => gstSplit(1000, 0.28, "MH", "KA", serialFromYmd(2026, 2, 1)),
      "#NUM!",
      /^rate: 28% is not a GST slab on 2026-02-01; valid rates then: 0%, 0\.25%, 3%, 5%, 18%, 40% \(and for special supplies only: 0\.1% supplies to merchant exporters, 1\.5% job work in relation to diamonds\)$/,
    );
    // 12% had no such reprieve
    expectError(() => gstSplit(1000, 0.12, "MH", "KA", NEW), "#NUM!", /12% is not a GST slab/);
  });

  it("allows the sourced special rates from their own dates (0.1% merchant exports, 1.5% diamond job work)", () => {
    // Notification 40/2017-CT(R) and 41/2017-IT(R), 23.10.2017: 0.05% CGST + 0.05% SGST, or 0.1% IGST
    expect(gstSplit(100000, 0.001, "MH", "MH", serialFromYmd(2017, 10, 23))).toEqual([50, 50, 0]);
    expect(gstSplit(100000, 0.001, "MH", "GJ", NEW)).toEqual([0, 0, 100]);
    expectError(
      () => gstSplit(100000, 0.001, "MH", "GJ", serialFromYmd(2017, 10, 22)),
      "#NUM!",
      /0\.1% is not a GST slab/,
    );
    // Notification 20/2019-CT(R), effective 01.10.2019: 1.5%
    expect(gstSplit(100000, 0.015, "GJ", "GJ", serialFromYmd(2019, 10, 1))).toEqual([750, 750, 0]);
    expectError(
      () => gstSplit(100000, 0.015, "GJ", "GJ", serialFromYmd(2019, 9, 30)),
      "#NUM!",
      /1\.5% is not a GST slab/,
    );
  });

  it("rejects a percent typed as a whole number with #VALUE!", () => {
    expectError(
      () => gstSplit(10000, 18, "MH", "KA", NEW),
      "#VALUE!",
      /^rate: expected a percentage between 0 and 1, got 18 — did you mean 18%\?$/,
    );
  });

  it("answers #N/A before GST existed (2017-07-01)", () => {
    expectError(
      () => gstSplit(100, 0.18, "MH", "KA", serialFromYmd(2017, 6, 30)),
      "#N/A",
      /^invoiceDate: no GST rate table covers 2017-06-30/,
    );
    expect(gstSplit(100, 0.18, "MH", "KA", serialFromYmd(2017, 7, 1))).toEqual([0, 0, 18]);
  });

  it("keeps the rate tables as dated data with sources, without gaps or overlaps", () => {
    for (let i = 0; i < GST_SLABS.length; i++) {
      expect(GST_SLABS[i].source.length).toBeGreaterThan(20);
      if (i > 0) {
        const prevTo = new Date(GST_SLABS[i - 1].to + "T00:00:00Z").getTime();
        expect(new Date(GST_SLABS[i].from + "T00:00:00Z").getTime() - prevTo).toBe(86_400_000);
      }
    }
    expect(gstSlabs(NEW)).toEqual([0, 0.0025, 0.03, 0.05, 0.18, 0.4]);
    expect(gstSlabs(OLD)).toEqual([0, 0.0025, 0.03, 0.05, 0.12, 0.18, 0.28]);
  });
});
