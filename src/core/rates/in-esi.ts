/** India: Employees' State Insurance Act 1948 (s.39 contributions; ESI (Central) Rules 1950 r.51 rates). */

import type { Effective } from "./table";

export interface EsiRates extends Effective {
  employee: number;
  employer: number;
  /** Employees with gross monthly wages above this are not covered (contribution 0). */
  wageCeiling: number;
}

export const ESI_RATES: readonly EsiRates[] = [
  {
    from: "2017-01-01",
    to: "2019-06-30",
    employee: 0.0175,
    employer: 0.0475,
    wageCeiling: 21000,
    source:
      "ESI Act 1948 s.2(9) coverage ceiling raised to 21,000 from 2017-01-01 (ESIC notification, Dec 2016); ESI (Central) Rules 1950 r.51: 1.75% employee, 4.75% employer. Contribution rounded to the next higher rupee. Not re-checked against the gazette text.",
  },
  {
    from: "2019-07-01",
    to: null,
    employee: 0.0075,
    employer: 0.0325,
    wageCeiling: 21000,
    source:
      "ESI (Central) Rules 1950 r.51 as amended by G.S.R. 423(E), 13 June 2019: 0.75% employee, 3.25% employer from 2019-07-01; ceiling 21,000 (from 2017-01-01). Contribution rounded to the next higher rupee. Not re-checked against the gazette text.",
  },
];
