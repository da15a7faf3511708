/**
 * United States: federal income tax rate schedules (IRC s.1(j) as made permanent by Public Law 119-21,
 * the 2025 reconciliation act, indexed by the annual Revenue Procedure). Brackets are
 * [lower bound of taxable income in dollars, rate].
 */

import type { Effective } from "./table";

export type UsStatus = "single" | "mfj" | "hoh";

export interface UsBracketTable extends Effective {
  year: number;
  status: UsStatus;
  brackets: [number, number][];
}

const RATES = [0.1, 0.12, 0.22, 0.24, 0.32, 0.35, 0.37];
const rows = (bounds: number[]): [number, number][] => [0, ...bounds].map((b, i) => [b, RATES[i]]);

const REV_PROC_2024_40 =
  "Rev. Proc. 2024-40 s.3.01 Tables 1-3 (tax year 2025); figures as published by the IRS (IR-2024-273), cross-checked against third-party reproductions, the Rev. Proc. text itself was not reached";
const REV_PROC_2025_32 =
  "Rev. Proc. 2025-32 s.4.01 Tables 1-3 (tax year 2026, reflecting Public Law 119-21); figures as published by the IRS (IR-2025-103) and reproduced by several third parties (CNBC, Capital Group), the Rev. Proc. text itself was not reached";

export const US_BRACKETS: readonly UsBracketTable[] = [
  {
    year: 2025,
    status: "single",
    from: "2025-01-01",
    to: "2025-12-31",
    brackets: rows([11925, 48475, 103350, 197300, 250525, 626350]),
    source: REV_PROC_2024_40 + " (Table 3, unmarried individuals)",
  },
  {
    year: 2025,
    status: "mfj",
    from: "2025-01-01",
    to: "2025-12-31",
    brackets: rows([23850, 96950, 206700, 394600, 501050, 751600]),
    source: REV_PROC_2024_40 + " (Table 1, married filing jointly)",
  },
  {
    year: 2025,
    status: "hoh",
    from: "2025-01-01",
    to: "2025-12-31",
    brackets: rows([17000, 64850, 103350, 197300, 250500, 626350]),
    source: REV_PROC_2024_40 + " (Table 2, heads of household)",
  },
  {
    year: 2026,
    status: "single",
    from: "2026-01-01",
    to: "2026-12-31",
    brackets: rows([12400, 50400, 105700, 201775, 256225, 640600]),
    source: REV_PROC_2025_32 + " (Table 3, unmarried individuals)",
  },
  {
    year: 2026,
    status: "mfj",
    from: "2026-01-01",
    to: "2026-12-31",
    brackets: rows([24800, 100800, 211400, 403550, 512450, 768700]),
    source: REV_PROC_2025_32 + " (Table 1, married filing jointly)",
  },
  {
    year: 2026,
    status: "hoh",
    from: "2026-01-01",
    to: "2026-12-31",
    brackets: rows([17700, 67450, 105700, 201750, 256200, 640600]),
    source:
      REV_PROC_2025_32 +
      " (Table 2, heads of household; the 24%/32% bounds 201,750/256,200 as two third-party reproductions and Thomson Reuters' UltraTax CS 2026 rate tables give them, one other gives 201,775; Pub 15-T (2026)'s head-of-household STANDARD bounds 217,300/271,750 = 201,750/256,200 + 15,550 agree: not verified against the Rev. Proc. text)",
  },
];
