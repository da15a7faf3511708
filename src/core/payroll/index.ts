/**
 * Payroll: small pure functions (numbers and codes in, a rounded amount out), each documented with an example.
 * Statutory figures come from the effective-dated tables in ../rates.
 */

export { grossPay, prorate } from "./gross";
export { epf, esi, professionalTax, type EpfPart } from "./india";
export { incomeTax, slabTax, INCOME_TAX_REGIMES } from "./income-tax";
export { fedWithholding, fica } from "./us";
export { netPay } from "./net";
