/**
 * India GST rate slabs (total rate: CGST + SGST/UTGST, or IGST), effective-dated. Data, not code:
 * a new Council decision is a new row. Dates are ISO, inclusive; `to` undefined = until further notice.
 * Rates are fractions stored as text so they stay exact decimals ("0.0025" is 0.25%).
 */

export interface GstSlabTable {
  from: string;
  to?: string;
  /** Total GST rates that are valid on an invoice dated in [from, to]. */
  slabs: readonly string[];
  source: string;
}

export const GST_SLABS: readonly GstSlabTable[] = [
  {
    from: "2017-07-01",
    to: "2025-09-21",
    slabs: ["0", "0.0025", "0.03", "0.05", "0.12", "0.18", "0.28"],
    source:
      "GST launch 1 July 2017: Notification 1/2017-Central Tax (Rate) dated 28.06.2017, Schedules I-VI " +
      "(CGST 2.5%, 6%, 9%, 14%, 1.5%, 0.125%, i.e. GST 5%, 12%, 18%, 28%, 3%, 0.25%); Notification 2/2017-Central " +
      "Tax (Rate) (nil-rated goods); Notification 11/2017-Central Tax (Rate) (services 5/12/18/28%)",
  },
  {
    from: "2025-09-22",
    slabs: ["0", "0.0025", "0.03", "0.05", "0.18", "0.4"],
    source:
      "GST Council 56th meeting (3 September 2025), rate rationalisation notified by Notifications 9/2025 to " +
      "17/2025-Central Tax (Rate) dated 17.09.2025, effective 22.09.2025: 12% and 28% removed, slabs 5% and 18%, " +
      "40% for demerit goods; 3% (gold, silver) and 0.25% (rough diamonds, precious stones) unchanged. " +
      "Tobacco products kept their old 28% plus compensation cess until the cess loans are repaid; that " +
      "transitional rate is not offered here.",
  },
];

/** The table in force on an ISO date, or undefined before GST existed. */
export function gstSlabsOn(isoDate: string): GstSlabTable | undefined {
  for (const t of GST_SLABS) if (isoDate >= t.from && (t.to === undefined || isoDate <= t.to)) return t;
  return undefined;
}
