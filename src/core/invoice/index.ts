/** Invoices and receivables: the pure functions behind BPO.LINEAMOUNT ... BPO.ROUNDMONEY (see spec/functions.md). */

export { lineAmount, taxFromGross, invoiceTax, roundMoney, roundingMode, dso, type TaxMode } from "./amounts";
export { gstSplit, gstSlabs } from "./gst";
export { dueDate, parseTerms, earlyPay, ACCEPTED_TERMS, type PaymentTerms } from "./terms";
export { lateInterest, type InterestMethod } from "./interest";
export { agingBucket, agingLabels, DEFAULT_AGING_EDGES } from "./aging";
