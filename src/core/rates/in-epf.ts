/**
 * India: Employees' Provident Funds and Miscellaneous Provisions Act 1952 (EPF & MP Act) and its schemes.
 * Rates are fractions of the monthly PF wage (basic + DA + retaining allowance).
 */

import type { Effective } from "./table";

export interface EpfRates extends Effective {
  /** Employee contribution (and the employer's total contribution before the EPS split). */
  employee: number;
  /** Employer's share diverted to the Employees' Pension Scheme, on wages up to the ceiling. */
  eps: number;
  /** Employees' Deposit Linked Insurance contribution (employer), on wages up to the ceiling. */
  edli: number;
  /** EPF administrative charges (employer). Statutory minimum charges per establishment are ignored: this is a per-employee figure. */
  admin: number;
  /** Statutory wage ceiling (EPS, EDLI, and the employee share when contributions are capped). */
  wageCeiling: number;
}

export const EPF_RATES: readonly EpfRates[] = [
  {
    from: "2014-09-01",
    to: "2018-05-31",
    employee: 0.12,
    eps: 0.0833,
    edli: 0.005,
    admin: 0.0065,
    wageCeiling: 15000,
    source:
      "EPF & MP Act 1952 s.6 (12%); EPS 1995 para 3 (8.33%); wage ceiling 15,000 from 2014-09-01 (MoLE notifications G.S.R. 609(E) and 610(E), 22 Aug 2014); EDLI Scheme 1976 para 8 (0.5%); admin charges 0.65% (EPF Scheme 1952 para 30). Not re-checked against the gazette text (search tool did not reach it).",
  },
  {
    from: "2018-06-01",
    to: null,
    employee: 0.12,
    eps: 0.0833,
    edli: 0.005,
    admin: 0.005,
    wageCeiling: 15000,
    source:
      "EPF & MP Act 1952 s.6 (12%); EPS 1995 para 3 (8.33% of wages up to 15,000, at most 1,250); EDLI Scheme 1976 para 8 (0.5%, at most 75); admin charges reduced to 0.5% from 2018-06-01 (MoLE notification S.O. 2145(E), 2018; minimum charges per establishment ignored for per-employee figures). Not re-checked against the gazette text (search tool did not reach it).",
  },
];
