/**
 * India: state professional tax on salaries (Constitution art. 276(2) caps it at 2,500 a year).
 * A slab applies when the month's gross salary is at least `atLeast` (or more than `over`);
 * the last matching slab wins. `february` is the amount due in February when it differs.
 */

import type { Effective } from "./table";

export interface PtSlab {
  /** The slab applies when gross > over. */
  over: number;
  amount: number;
  february?: number;
  /** When true the slab applies from gross >= over (a "below X nil" rule), else from gross > over. */
  inclusive?: boolean;
}

export interface PtTable extends Effective {
  state: "MH" | "KA";
  men: PtSlab[];
  women: PtSlab[];
}

const MH_MEN: PtSlab[] = [
  { over: 0, amount: 0 },
  { over: 7500, amount: 175 },
  { over: 10000, amount: 200, february: 300 },
];

export const PROFTAX_TABLES: readonly PtTable[] = [
  {
    state: "MH",
    from: "2015-10-01",
    to: "2023-06-30",
    men: MH_MEN,
    women: [
      { over: 0, amount: 0 },
      { over: 10000, amount: 200, february: 300 },
    ],
    source:
      "Maharashtra State Tax on Professions, Trades, Callings and Employments Act 1975, Schedule I entry 1 (men: up to 7,500 nil; 7,501-10,000 175; above 10,000 2,500 a year paid 200 a month and 300 in February; women up to 10,000 nil). Not re-checked against the gazette text.",
  },
  {
    state: "MH",
    from: "2023-07-01",
    to: null,
    men: MH_MEN,
    women: [
      { over: 0, amount: 0 },
      { over: 25000, amount: 200, february: 300 },
    ],
    source:
      "Maharashtra State Tax on Professions, Trades, Callings and Employments Act 1975, Schedule I entry 1 as amended by Maharashtra Act of 2023 (women: up to 25,000 nil from 2023-07-01); men unchanged (7,500 nil; 7,501-10,000 175; above 200, 300 in February). Not re-checked against the gazette text.",
  },
  {
    state: "KA",
    from: "2015-04-01",
    to: "2025-03-31",
    men: [
      { over: 0, amount: 0 },
      { over: 15000, amount: 200, inclusive: true },
    ],
    women: [
      { over: 0, amount: 0 },
      { over: 15000, amount: 200, inclusive: true },
    ],
    source:
      "Karnataka Tax on Professions, Trades, Callings and Employments Act 1976, Schedule entry 1(a) as amended by the Karnataka Finance Act 2015 (salary 15,000 a month and above: 200 a month; below nil). Not re-checked against the gazette text.",
  },
  {
    state: "KA",
    from: "2025-04-01",
    to: null,
    men: [
      { over: 0, amount: 0 },
      { over: 25000, amount: 200, february: 300, inclusive: true },
    ],
    women: [
      { over: 0, amount: 0 },
      { over: 25000, amount: 200, february: 300, inclusive: true },
    ],
    source:
      "Karnataka Tax on Professions, Trades, Callings and Employments (Amendment) Act 2025, Schedule entry 1(a) from 2025-04-01 (below 25,000 nil; 25,000 and above 200 a month and 300 in February, 2,500 a year). Not re-checked against the gazette text.",
  },
];

/** State names and GST state codes accepted for each table: "27", "MH", "Maharashtra". */
export const PT_STATE_ALIASES: Record<string, "MH" | "KA"> = {
  MH: "MH",
  "27": "MH",
  MAHARASHTRA: "MH",
  KA: "KA",
  "29": "KA",
  KARNATAKA: "KA",
};
