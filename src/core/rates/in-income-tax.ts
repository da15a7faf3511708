/**
 * India: income tax on individuals under the new regime of s.115BAC(1A) of the Income-tax Act 1961 (to
 * FY 2025-26) and of the Income-tax Act 2025 that replaces it from tax year 2026-27.
 * Slabs are [lower bound in rupees, rate]; tax on the part of income above each bound at its rate.
 */

import type { Effective } from "./table";

export interface InTaxTable extends Effective {
  regime: string;
  slabs: [number, number][];
  /** Rebate u/s 87A: up to `max` when total income <= `incomeLimit`, with marginal relief above it. */
  rebate: { incomeLimit: number; max: number };
  /** Surcharge on income tax when total income exceeds `over`; marginal relief at each threshold. */
  surcharge: { over: number; rate: number }[];
  /** Health and Education Cess on tax + surcharge. */
  cess: number;
  /**
   * Total income rounded to the nearest multiple of this before any tax is worked out (s.288A of the 1961 Act,
   * s.516 of the 2025 Act: paise ignored, then a last figure of five or more goes up, less than five down).
   */
  incomeRoundTo: number;
  /** Tax payable rounded to the nearest multiple of this (s.288B of the 1961 Act, s.516 of the 2025 Act: 10 rupees). */
  roundTo: number;
}

/** The rule s.288A and s.288B (and s.516 of the 2025 Act) lay down for both roundings, in the statute's terms. */
const ROUNDING_1961 =
  "s.288A (total income) and s.288B (tax payable) of the Income-tax Act 1961: rounded off to the nearest multiple of ten rupees, any part of a rupee consisting of paise ignored, then a last figure of five or more increased to the next higher multiple of ten and less than five reduced to the next lower";

const SURCHARGE_NEW = [
  { over: 5000000, rate: 0.1 },
  { over: 10000000, rate: 0.15 },
  { over: 20000000, rate: 0.25 },
];

/** The new regime as the Finance Act 2025 set it; the Income-tax Act 2025 carried it into tax year 2026-27. */
const NEW_REGIME_FROM_FY2025_26: Pick<
  InTaxTable,
  "slabs" | "rebate" | "surcharge" | "cess" | "incomeRoundTo" | "roundTo"
> = {
  slabs: [
    [0, 0],
    [400000, 0.05],
    [800000, 0.1],
    [1200000, 0.15],
    [1600000, 0.2],
    [2000000, 0.25],
    [2400000, 0.3],
  ],
  rebate: { incomeLimit: 1200000, max: 60000 },
  surcharge: SURCHARGE_NEW,
  cess: 0.04,
  incomeRoundTo: 10,
  roundTo: 10,
};

export const IN_INCOME_TAX: readonly InTaxTable[] = [
  {
    regime: "IN-NEW-FY2024-25",
    from: "2024-04-01",
    to: "2025-03-31",
    slabs: [
      [0, 0],
      [300000, 0.05],
      [700000, 0.1],
      [1000000, 0.15],
      [1200000, 0.2],
      [1500000, 0.3],
    ],
    rebate: { incomeLimit: 700000, max: 25000 },
    surcharge: SURCHARGE_NEW,
    cess: 0.04,
    incomeRoundTo: 10,
    roundTo: 10,
    source:
      "Income-tax Act 1961 s.115BAC(1A) as amended by the Finance (No. 2) Act 2024 (FY 2024-25, AY 2025-26); s.87A rebate up to 25,000 for total income up to 7,00,000 with marginal relief (proviso inserted by Finance Act 2023); surcharge 10/15/25% above 50 lakh/1 crore/2 crore, capped at 25% under s.115BAC (First Schedule Part III); 4% Health and Education Cess; " +
      ROUNDING_1961 +
      ".",
  },
  {
    regime: "IN-NEW-FY2025-26",
    from: "2025-04-01",
    to: "2026-03-31",
    ...NEW_REGIME_FROM_FY2025_26,
    source:
      "Income-tax Act 1961 s.115BAC(1A) as amended by the Finance Act 2025 (FY 2025-26, AY 2026-27); s.87A rebate up to 60,000 for total income up to 12,00,000 with marginal relief; surcharge 10/15/25% above 50 lakh/1 crore/2 crore (capped at 25%), First Schedule Part III; 4% Health and Education Cess; " +
      ROUNDING_1961 +
      ".",
  },
  {
    regime: "IN-NEW-FY2026-27",
    from: "2026-04-01",
    to: "2027-03-31",
    ...NEW_REGIME_FROM_FY2025_26,
    source:
      "Income-tax Act 2025 (in force from 2026-04-01; tax year 2026-27), which carries over the new-regime rates, the rebate up to 60,000 for total income up to 12,00,000 with marginal relief, the surcharge and the 4% cess of FY 2025-26; the Union Budget 2026-27 left the slabs unchanged. Checked against a press report of the Budget (Outlook Money, 'Budget 2026 has retained income tax slabs under both old and new regimes'); the Finance Act 2026 text itself was not reachable here. Rounding: s.516 of the Income-tax Act 2025 (total income and any amount payable rounded off to the nearest multiple of ten rupees, paise ignored, a last figure of five or more up, less than five down), the same rule as s.288A/s.288B of the 1961 Act.",
  },
];
