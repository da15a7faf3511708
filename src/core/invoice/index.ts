/**
 * Invoices and receivables: the pure functions behind BPO.LINEAMOUNT ... BPO.ROUNDMONEY (see spec/functions.md).
 *
 * Decisions, documented once:
 * - Money is exact: inputs are read as the decimal they print as (money.ts decimalParts; float noise from formulas,
 *   which needs more than 15 decimals, at Excel's 15 significant digits), computed as integer ratios
 *   (src/core/invoice/exact.ts: safe integers, BigInt past 2^53) and rounded once to cents, half-up away from zero.
 * - GST: slabs and the two sourced special rates (0.1% merchant exports, 1.5% diamond job work) are dated data in
 *   src/core/rates/gst.ts. Intra-state CGST and SGST are each taxableValue × rate/2 rounded separately; the tax is
 *   CGST + SGST (it can be 0.01 off taxableValue × rate rounded once). A rate that is not a slab on the invoice date
 *   is #NUM! naming the valid rates then; a rate typed as 18 is #VALUE! "did you mean 18%?"; an unknown state is
 *   #N/A; a date before GST (2017-07-01) is #N/A.
 * - Terms: "NET n" (also NETn, N/n, "n NET", "NET n DAYS", a bare n), "d/D NET n" (also "d% D NET n", "d/D, N/n"),
 *   "EOM", "NET n EOM", "DUE ON RECEIPT"; any case and spacing. A discount with EOM is #N/A (ambiguous).
 *   Unknown terms are #N/A listing the accepted forms. Dates drop their time of day.
 * - LATEINTEREST monthly counts whole months with EDATE semantics (31 Jan -> 28 Feb is a month).
 * - Blank cells inside INVOICETAX amounts are skipped, as SUM skips them.
 */

export { lineAmount, taxFromGross, invoiceTax, roundMoney, roundingMode, dso, type TaxMode } from "./amounts";
export { gstSplit, gstSlabs } from "./gst";
export { dueDate, parseTerms, earlyPay, ACCEPTED_TERMS, type PaymentTerms } from "./terms";
export { lateInterest, type InterestMethod } from "./interest";
export { agingBucket, agingLabels, DEFAULT_AGING_EDGES } from "./aging";
