/** United States: FICA (IRC s.3101 employee, s.3111 employer; s.3101(b)(2) Additional Medicare Tax). */

import type { Effective } from "./table";

export interface FicaRates extends Effective {
  year: number;
  socialSecurity: number;
  wageBase: number;
  medicare: number;
  additionalMedicare: number;
  /** Additional Medicare Tax is withheld on wages paid in the calendar year above this (any filing status). */
  additionalThreshold: number;
}

const RATES_SOURCE =
  "IRC s.3101(a)/(b) and s.3111(a)/(b): 6.2% OASDI and 1.45% HI each for employee and employer; s.3101(b)(2) and s.3102(f): 0.9% Additional Medicare Tax withheld from the employee on wages above 200,000 in the calendar year (IRS Publication 15 section 9)";

export const FICA_RATES: readonly FicaRates[] = [
  {
    year: 2025,
    from: "2025-01-01",
    to: "2025-12-31",
    socialSecurity: 0.062,
    wageBase: 176100,
    medicare: 0.0145,
    additionalMedicare: 0.009,
    additionalThreshold: 200000,
    source: `${RATES_SOURCE}; 2025 contribution and benefit base 176,100 (SSA fact sheet "2025 Social Security Changes", Oct 2024).`,
  },
  {
    year: 2026,
    from: "2026-01-01",
    to: "2026-12-31",
    socialSecurity: 0.062,
    wageBase: 184500,
    medicare: 0.0145,
    additionalMedicare: 0.009,
    additionalThreshold: 200000,
    source: `${RATES_SOURCE}; 2026 contribution and benefit base 184,500 (SSA fact sheet "2026 Social Security Changes", Oct 2025; also reproduced in third-party 2026 payroll tables).`,
  },
];
