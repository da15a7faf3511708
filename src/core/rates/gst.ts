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
      "The goods Schedule VII of Notification 9/2025-CT(Rate) kept at 28% (pan masala, tobacco) are a special " +
      "rate below, until 31.01.2026.",
  },
];

/** A rate for named supplies only (concessional, or kept for them alone), valid alongside the slabs while in force. */
export interface GstSpecialRate {
  rate: string;
  from: string;
  to?: string;
  /** The supplies it applies to, as shown in messages. */
  use: string;
  source: string;
}

export const GST_SPECIAL_RATES: readonly GstSpecialRate[] = [
  {
    rate: "0.001",
    from: "2017-10-23",
    use: "supplies to merchant exporters",
    source:
      "Notification 40/2017-Central Tax (Rate) (0.05% CGST, with 0.05% SGST/UTGST) and Notification 41/2017-Integrated " +
      "Tax (Rate) (0.1% IGST), both dated 23.10.2017, on the 22nd GST Council meeting (6 October 2017)",
  },
  {
    rate: "0.015",
    from: "2019-10-01",
    use: "job work in relation to diamonds",
    source:
      "Notification 20/2019-Central Tax (Rate) dated 30.09.2019 amending 11/2017-CT(R), effective 01.10.2019 (37th GST " +
      "Council meeting): 0.75% CGST + 0.75% SGST, i.e. 1.5%. Not among the rates the 56th meeting changed; re-check " +
      "against later notifications when one amends item 26 of 11/2017-CT(R)",
  },
  {
    rate: "0.28",
    from: "2025-09-22",
    to: "2026-01-31",
    use: "goods of Schedule VII (pan masala, tobacco products) until 31.01.2026",
    source:
      "Notification 9/2025-Central Tax (Rate) dated 17.09.2025 (G.S.R. 641(E)), Schedule VII - 14% CGST (with 14% " +
      "SGST/UTGST, i.e. 28%; 28% IGST under 9/2025-Integrated Tax (Rate)), effective 22.09.2025 for pan masala, " +
      "unmanufactured and manufactured tobacco, cigarettes and the like; Schedule VII and its entries omitted by " +
      "Notification 19/2025-Central Tax (Rate) dated 31.12.2025 (G.S.R. 946(E)), in force 01.02.2026, which moved " +
      "them to 40% (biris to 18%). Read from the Gazette text (CG-DL-E-31122025-268978) as reproduced by " +
      "gazettetracker.com and CBIC summaries (taxo.online, a2ztaxcorp.net)",
  },
];

/** The table in force on an ISO date, or undefined before GST existed. */
export function gstSlabsOn(isoDate: string): GstSlabTable | undefined {
  for (const t of GST_SLABS) if (isoDate >= t.from && (t.to === undefined || isoDate <= t.to)) return t;
  return undefined;
}
