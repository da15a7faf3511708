/**
 * United States: IRS Publication 15-T, "Percentage Method Tables for Automated Payroll Systems and Withholding on
 * Periodic Payments of Pensions and Annuities", for Forms W-4 from 2020 or later (used with Worksheet 1A).
 * Each row: [adjusted annual wage at least, tentative amount to withhold, percentage of the excess over the row's bound].
 *
 * Where the figures come from: the rows are the publication's, as transcribed (the IRS PDF itself was not reachable
 * from here; the transcriptions used are named in each table's source). They obey how Pub 15-T builds them, and
 * tests/unit/payroll/pub15t-tables.test.ts checks every row against that construction from the year's rate schedule
 * (src/core/rates/us-income-tax.ts) and standard deduction:
 * - STANDARD: each bound is the schedule's bracket + (standard deduction - the Worksheet 1A line 1g amount), each
 *   tentative amount is the schedule's own tax at the bracket;
 * - Form W-4 Step 2 checkbox: each bound is (bracket + standard deduction) / 2 rounded half up to the dollar, and each
 *   tentative amount is HALF THE SCHEDULE'S TAX AT THE BRACKET, rounded to the cent. The publication does not rebuild
 *   the tentative amounts from its rounded bounds: 2026 single at 108,938 is 20,512.00 (41,024 / 2), where 20,512 +
 *   the 24% band worked from the rounded bounds would give 20,512.12. Where the two differ the publication wins.
 */

import type { Effective } from "./table";
import type { UsStatus } from "./us-income-tax";

export interface Pub15tTable extends Effective {
  year: number;
  /** The year's basic standard deduction the tables are built on (Rev. Proc.), for the construction check. */
  standardDeduction: Record<UsStatus, number>;
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
    standardDeduction: { single: 15000, mfj: 30000, hoh: 22500 },
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
        [13463, 596.25, 0.12],
        [31738, 2789.25, 0.22],
        [59175, 8825.5, 0.24],
        [106150, 20099.5, 0.32],
        [132763, 28615.5, 0.35],
        [320675, 94384.88, 0.37],
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
      "IRS Publication 15-T (2025) section 1, Worksheet 1A and the 2025 Annual Percentage Method tables (STANDARD and Form W-4 Step 2 checkbox); Rev. Proc. 2024-40 (standard deduction 15,000/30,000/22,500; line 1g 8,600/12,900). " +
      "Transcribed from third-party reproductions of the publication's tables (a payroll tutorial's 'Form W-4, Step 2, Checkbox, Withholding Rate Schedules' for all three statuses, and two open-source payroll engines' 2025 tables, which agree); the IRS PDF was not reached. " +
      "The Step 2 single tentative amounts 596.25, 2,789.25, 8,825.50, 20,099.50, 28,615.50, 94,384.88 are the publication's (half the rate schedule's 1,192.50 ... 188,769.75); this table held 596.30, 2,789.30, 8,825.44, 20,099.44, 28,615.60, 94,384.80 rebuilt from the rounded bounds before this correction. " +
      "Every row agrees with the construction check. Pub 15-T (2025) was not revised for the 2025 reconciliation act's higher 2025 standard deduction.",
  },
  {
    year: 2026,
    from: "2026-01-01",
    to: "2026-12-31",
    standardDeduction: { single: 16100, mfj: 32200, hoh: 24150 },
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
        [108938, 20512, 0.32],
        [136163, 29224, 0.35],
        [328350, 96489.63, 0.37],
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
      "IRS Publication 15-T (2026) section 1, Worksheet 1A and the 2026 Annual Percentage Method tables, p.12 (STANDARD and Form W-4 Step 2 checkbox); Rev. Proc. 2025-32 (standard deduction 16,100/32,200/24,150; line 1g still 8,600/12,900). " +
      "Transcribed from two independent open-source payroll engines' transcriptions of the 2026 tables (one stating it was checked against irs.gov/publications/p15t), which agree row for row; the IRS PDF was not reached. " +
      "The Step 2 single tentative amounts 20,512.00, 29,224.00 and 96,489.63 are the publication's (half of 41,024, 58,448 and 192,979.25); this table held 20,512.12, 29,224.12 and 96,489.57 rebuilt from the rounded bounds before this correction. " +
      "Every row agrees with the construction check.",
  },
];
