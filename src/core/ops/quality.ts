/** Quality metrics for operations teams. */

import { ExcelError, numError } from "../errors";
import { decOf, ratio } from "../invoice/exact";
import { mul, pow10 } from "../money";
import { finite } from "../invoice/args";

/**
 * Defects per million opportunities: defects / (units × opportunities) × 1,000,000 (not rounded; the nearest
 * double to the exact quotient). dpmo(25, 1000, 5) === 5000
 */
export function dpmo(defects: number, units: number, opportunities: number): number {
  finite(defects, "defects");
  finite(units, "units");
  finite(opportunities, "opportunities");
  if (defects < 0) throw numError(`defects: expected a count of 0 or more, got ${defects}`);
  if (units < 0) throw numError(`units: expected a count of 0 or more, got ${units}`);
  if (opportunities < 0)
    throw numError(`opportunities: expected opportunities per unit, 1 or more, got ${opportunities}`);
  if (units === 0 || opportunities === 0)
    throw new ExcelError(
      "#DIV/0!",
      `${units === 0 ? "units" : "opportunities"}: is 0; DPMO needs units × opportunities > 0`,
    );
  const d = decOf(defects);
  const u = decOf(units);
  const o = decOf(opportunities);
  // d/10^ds × 10^6 ÷ (u/10^us × o/10^os) = d × 10^(6+us+os) / (u × o × 10^ds)
  const v = ratio(mul(d.m, pow10(6 + u.s + o.s)), mul(u.m, o.m, pow10(d.s)));
  if (v > 1_000_000)
    throw numError(`defects: ${defects} is more than units × opportunities (${units} × ${opportunities})`);
  return v;
}
