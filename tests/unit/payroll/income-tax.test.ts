import { incomeTax, slabTax } from "../../../src/core/payroll";
import { err } from "../../helpers/excel-error";

describe("INCOMETAX India new regime FY 2025-26 (Finance Act 2025)", () => {
  test("rebate u/s 87A: nil up to 12,00,000", () => {
    expect(incomeTax(1200000)).toBe(0);
    expect(incomeTax(400000)).toBe(0);
    expect(incomeTax(0)).toBe(0);
  });
  test("Income Tax Department's example: 12,10,000 -> slab tax 61,500, marginal relief to 10,000, + 4% cess = 10,400", () => {
    expect(incomeTax(1210000)).toBe(10400);
  });
  test("marginal relief still binding at 12,70,000 (70,500 > 70,000) and gone at 12,75,000 (71,250 < 75,000)", () => {
    expect(incomeTax(1270000)).toBe(72800); // 70,000 x 1.04
    expect(incomeTax(1275000)).toBe(74100); // 71,250 x 1.04
  });
  test("Budget 2025 speech table (tax before cess): 16L 1,20,000; 20L 2,00,000; 24L 3,00,000; 50L 10,80,000", () => {
    expect(incomeTax(1600000)).toBe(124800);
    expect(incomeTax(2000000)).toBe(208000);
    expect(incomeTax(2400000)).toBe(312000);
    expect(incomeTax(5000000)).toBe(1123200);
  });
  test("surcharge marginal relief just above 50 lakh: tax + surcharge <= 10,80,000 + 10,000", () => {
    // slab tax on 50,10,000 = 10,83,000; +10% = 11,91,300; capped at 10,90,000; x 1.04 = 11,33,600
    expect(incomeTax(5010000)).toBe(1133600);
  });
  test("surcharge marginal relief just above 1 crore", () => {
    // at 1 Cr: 25,80,000 + 10% = 28,38,000; at 1,00,10,000: 25,83,000 x 1.15 = 29,70,450, capped 28,48,000; x 1.04
    expect(incomeTax(10010000)).toBe(2961920);
  });
  test("s.288B rounding of the tax payable to the nearest 10", () => {
    // 4,10,003: 5% of 10,000 = 500 -> rebate -> 0
    expect(incomeTax(410003)).toBe(0);
    // 13,00,123 is taxed on 13,00,120: 75,000 + 15% x 120 = 75,018 x 1.04 = 78,018.72 -> 78,018 -> 78,020
    expect(incomeTax(1300123)).toBe(78020);
  });
  test("s.288A: the total income is rounded off to ten rupees before the tax (paise ignored, five and above up)", () => {
    // 13,00,033 -> 13,00,030: 75,000 + 15% x 30 = 75,004.50 x 1.04 = 78,004.68 -> 78,000 (on 13,00,033 itself it
    // would be 75,004.95 x 1.04 = 78,005.148 -> 78,010)
    expect(incomeTax(1300033)).toBe(78000);
    // 13,00,034.99: paise ignored, last figure 4 -> 13,00,030
    expect(incomeTax(1300034.99)).toBe(78000);
    // 13,00,035 -> 13,00,040: 75,006 x 1.04 = 78,006.24 -> 78,010
    expect(incomeTax(1300035)).toBe(78010);
    // at the rebate limit: 12,00,004 -> 12,00,000, nil; 12,00,005 -> 12,00,010, marginal relief 10 x 1.04 -> 10
    expect(incomeTax(1200004.99)).toBe(0);
    expect(incomeTax(1200005)).toBe(10);
  });
  test("s.516 of the Income-tax Act 2025 keeps both roundings from tax year 2026-27", () => {
    expect(incomeTax(1300033, "IN-NEW-FY2026-27")).toBe(78000);
    expect(incomeTax(1300035, "IN-NEW-FY2026-27")).toBe(78010);
  });
  test("US brackets are to the cent: no rounding of the income", () => {
    // 2026 single 12,345.67 at 10% = 1,234.567 -> 1,234.57 (12,350 would give 1,235)
    expect(incomeTax(12345.67, "US-FED-2026-SINGLE")).toBe(1234.57);
  });
});

describe("INCOMETAX India new regime FY 2024-25", () => {
  test("rebate up to 7,00,000 with marginal relief", () => {
    expect(incomeTax(700000, "IN-NEW-FY2024-25")).toBe(0);
    expect(incomeTax(710000, "IN-NEW-FY2024-25")).toBe(10400); // 21,000 capped at 10,000, + cess
  });
  test("slabs 3/7/10/12/15 lakh", () => {
    expect(incomeTax(1000000, "in-new-fy2024-25")).toBe(52000); // 20,000 + 30,000
    expect(incomeTax(1500000, "IN-NEW-FY2024-25")).toBe(145600); // 20k + 30k + 30k + 60k
  });
});

describe("INCOMETAX India tax year 2026-27 (Income-tax Act 2025; Budget 2026 kept the slabs)", () => {
  it("keeps FY 2025-26's slabs, rebate to 12 lakh with marginal relief, surcharge and cess", () => {
    expect(incomeTax(1200000, "IN-NEW-FY2026-27")).toBe(0);
    expect(incomeTax(1210000, "IN-NEW-FY2026-27")).toBe(10400); // relief: tax capped at the 10,000 above 12 lakh, + 4% cess
    expect(incomeTax(1500000, "IN-NEW-FY2026-27")).toBe(109200); // 20k + 40k + 45k = 1,05,000, + 4% cess
  });
});

describe("INCOMETAX US federal brackets", () => {
  test("2026 single (Rev. Proc. 2025-32): 100,000 -> 5,800 + 22% x 49,600 = 16,712", () => {
    expect(incomeTax(100000, "US-FED-2026-SINGLE")).toBe(16712);
  });
  test("2025 single (Rev. Proc. 2024-40): 100,000 -> 5,578.50 + 22% x 51,525 = 16,914", () => {
    expect(incomeTax(100000, "US-FED-2025-SINGLE")).toBe(16914);
  });
  test("2026 MFJ 200,000 -> 11,600 + 22% x 99,200 = 33,424; 2025 MFJ -> 11,157 + 22% x 103,050 = 33,828", () => {
    expect(incomeTax(200000, "US-FED-2026-MFJ")).toBe(33424);
    expect(incomeTax(200000, "US-FED-2025-MFJ")).toBe(33828);
  });
  test("top bracket 2026 single: 192,979.25 + 37% over 640,600", () => {
    expect(incomeTax(700000, "US-FED-2026-SINGLE")).toBe(214957.25);
  });
  test("to the cent: 12,345.67 single 2026 -> 1,240 + 12% x 0... ", () => {
    // 10% x 12,345.67 = 1,234.567 -> 1,234.57
    expect(incomeTax(12345.67, "US-FED-2026-SINGLE")).toBe(1234.57);
  });
});

describe("INCOMETAX bad input", () => {
  test("unknown regime is #N/A listing the regimes; year outside every table too", () => {
    expect(err(() => incomeTax(100, "IN-OLD"))).toMatch(
      /^#N\/A regime: unknown regime "IN-OLD"; expected one of IN-NEW-FY2024-25/,
    );
    expect(err(() => incomeTax(100, "US-FED-2024-SINGLE"))).toMatch(/^#N\/A/);
  });
  test("negative or text income", () => {
    expect(err(() => incomeTax(-1))).toMatch(/^#NUM!/);
    expect(err(() => incomeTax("x" as unknown as number))).toMatch(/^#VALUE!/);
  });
});

describe("SLABTAX", () => {
  const OLD_REGIME: [number, number][] = [
    [0, 0],
    [250000, 0.05],
    [500000, 0.2],
    [1000000, 0.3],
  ];
  test("India old-regime slabs (before rebate/cess): 5L -> 12,500; 10L -> 1,12,500; 12L -> 1,72,500", () => {
    expect(slabTax(500000, OLD_REGIME)).toBe(12500);
    expect(slabTax(1000000, OLD_REGIME)).toBe(112500);
    expect(slabTax(1200000, OLD_REGIME)).toBe(172500);
  });
  test("a negative lower bound is #NUM!: a slab table starts at 0 or above", () => {
    expect(err(() => slabTax(100, [[-5, 0.1]]))).toMatch(/^#NUM! slabs row 1 lower bound: expected 0 or more, got -5/);
  });
  test("below the first bound is untaxed; zero and negative amounts give 0", () => {
    expect(slabTax(1000, [[5000, 0.1]])).toBe(0);
    expect(slabTax(6000, [[5000, 0.1]])).toBe(100);
    expect(slabTax(-10, OLD_REGIME)).toBe(0);
  });
  test("rates as percentages and unsorted bounds are #VALUE!", () => {
    expect(err(() => slabTax(100, [[0, 5]]))).toBe(
      "#VALUE! slabs row 1 rate: expected a percentage between 0 and 1, got 5 — did you mean 5%?",
    );
    expect(
      err(() =>
        slabTax(100, [
          [10, 0.1],
          [5, 0.2],
        ]),
      ),
    ).toMatch(/^#VALUE! slabs row 2: lower bounds must be in ascending order/);
    expect(err(() => slabTax(100, []))).toMatch(/^#VALUE!/);
  });
});
