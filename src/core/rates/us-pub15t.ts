/**
 * United States: IRS Publication 15-T, "Percentage Method Tables for Automated Payroll Systems and Withholding on
 * Periodic Payments of Pensions and Annuities", for Forms W-4 from 2020 or later (used with Worksheet 1A).
 * Each row: [adjusted annual wage at least, tentative amount to withhold, percentage of the excess over the row's bound].
 *
 * How the rows were obtained: each table is the year's rate schedule shifted by the Worksheet 1A line 1g amount
 * (STANDARD: the standard deduction less 8,600, or 12,900 for married filing jointly) or, for the Step 2 checkbox
 * tables, halved (half the standard deduction, half of each bracket rounded to the dollar), exactly as Pub 15-T builds
 * them. The published PDF tables were not reached by the search tool, so these rows are derived, not transcribed.
 */

import type { Effective } from "./table";
import type { UsStatus } from "./us-income-tax";

export interface Pub15tTable extends Effective {
  year: number;
  /** Worksheet 1A line 1g: subtracted when the Step 2 box is not checked. */
  line1g: Record<UsStatus, number>;
  standard: Record<UsStatus, [number, number, number][]>;
  checkbox: Record<UsStatus, [number, number, number][]>;
}

export const PUB_15T: readonly Pub15tTable[] = [
  {
    year: 2025,
    from: "2025-01-01",
    to: "2025-12-31",
    line1g: { single: 8600, mfj: 12900, hoh: 8600 },
    standard: {
      single: [
        [0, 0, 0],
        [6400, 0, 0.1],
        [18325, 1192.5, 0.12],
        [54875, 5578.5, 0.22],
        [109750, 17651, 0.24],
        [203700, 40199, 0.32],
        [256925, 57231, 0.35],
        [632750, 188769.75, 0.37],
      ],
      mfj: [
        [0, 0, 0],
        [17100, 0, 0.1],
        [40950, 2385, 0.12],
        [114050, 11157, 0.22],
        [223800, 35302, 0.24],
        [411700, 80398, 0.32],
        [518150, 114462, 0.35],
        [768700, 202154.5, 0.37],
      ],
      hoh: [
        [0, 0, 0],
        [13900, 0, 0.1],
        [30900, 1700, 0.12],
        [78750, 7442, 0.22],
        [117250, 15912, 0.24],
        [211200, 38460, 0.32],
        [264400, 55484, 0.35],
        [640250, 187031.5, 0.37],
      ],
    },
    checkbox: {
      single: [
        [0, 0, 0],
        [7500, 0, 0.1],
        [13463, 596.3, 0.12],
        [31738, 2789.3, 0.22],
        [59175, 8825.44, 0.24],
        [106150, 20099.44, 0.32],
        [132763, 28615.6, 0.35],
        [320675, 94384.8, 0.37],
      ],
      mfj: [
        [0, 0, 0],
        [15000, 0, 0.1],
        [26925, 1192.5, 0.12],
        [63475, 5578.5, 0.22],
        [118350, 17651, 0.24],
        [212300, 40199, 0.32],
        [265525, 57231, 0.35],
        [390800, 101077.25, 0.37],
      ],
      hoh: [
        [0, 0, 0],
        [11250, 0, 0.1],
        [19750, 850, 0.12],
        [43675, 3721, 0.22],
        [62925, 7956, 0.24],
        [109900, 19230, 0.32],
        [136500, 27742, 0.35],
        [324425, 93515.75, 0.37],
      ],
    },
    source:
      "IRS Publication 15-T (2025) section 1, Worksheet 1A and the 2025 Annual Percentage Method tables (STANDARD and Form W-4 Step 2 checkbox), built from Rev. Proc. 2024-40 (standard deduction 15,000/30,000/22,500; line 1g 8,600/12,900). Derived, not transcribed: the PDF was not reached. Pub 15-T (2025) was not revised for the 2025 reconciliation act's higher 2025 standard deduction.",
  },
  {
    year: 2026,
    from: "2026-01-01",
    to: "2026-12-31",
    line1g: { single: 8600, mfj: 12900, hoh: 8600 },
    standard: {
      single: [
        [0, 0, 0],
        [7500, 0, 0.1],
        [19900, 1240, 0.12],
        [57900, 5800, 0.22],
        [113200, 17966, 0.24],
        [209275, 41024, 0.32],
        [263725, 58448, 0.35],
        [648100, 192979.25, 0.37],
      ],
      mfj: [
        [0, 0, 0],
        [19300, 0, 0.1],
        [44100, 2480, 0.12],
        [120100, 11600, 0.22],
        [230700, 35932, 0.24],
        [422850, 82048, 0.32],
        [531750, 116896, 0.35],
        [788000, 206583.5, 0.37],
      ],
      hoh: [
        [0, 0, 0],
        [15550, 0, 0.1],
        [33250, 1770, 0.12],
        [83000, 7740, 0.22],
        [121250, 16155, 0.24],
        [217300, 39207, 0.32],
        [271750, 56631, 0.35],
        [656150, 191171, 0.37],
      ],
    },
    checkbox: {
      single: [
        [0, 0, 0],
        [8050, 0, 0.1],
        [14250, 620, 0.12],
        [33250, 2900, 0.22],
        [60900, 8983, 0.24],
        [108938, 20512.12, 0.32],
        [136163, 29224.12, 0.35],
        [328350, 96489.57, 0.37],
      ],
      mfj: [
        [0, 0, 0],
        [16100, 0, 0.1],
        [28500, 1240, 0.12],
        [66500, 5800, 0.22],
        [121800, 17966, 0.24],
        [217875, 41024, 0.32],
        [272325, 58448, 0.35],
        [400450, 103291.75, 0.37],
      ],
      hoh: [
        [0, 0, 0],
        [12075, 0, 0.1],
        [20925, 885, 0.12],
        [45800, 3870, 0.22],
        [64925, 8077.5, 0.24],
        [112950, 19603.5, 0.32],
        [140175, 28315.5, 0.35],
        [332375, 95585.5, 0.37],
      ],
    },
    source:
      "IRS Publication 15-T (2026) section 1, Worksheet 1A and the 2026 Annual Percentage Method tables (STANDARD and Form W-4 Step 2 checkbox), built from Rev. Proc. 2025-32 (standard deduction 16,100/32,200/24,150; line 1g still 8,600/12,900 as third-party reproductions of the 2026 Pub 15-T state). Derived, not transcribed: the PDF was not reached.",
  },
];
