/**
 * The BPO.* catalogue as a lookup table for headless callers (`bpo-desk fn`, the demo gallery, benchmarks):
 * each entry is the very wrapper Excel calls, with its parameter list for usage messages.
 * A parameter written "[name]" is optional; "name..." repeats.
 */

import * as F from "./functions";

/* eslint-disable @typescript-eslint/no-explicit-any -- the wrappers take Excel values of any type */

export interface CatalogueEntry {
  name: string;
  fn: (...args: any[]) => unknown;
  params: string[];
}

const entry = (name: string, fn: (...args: any[]) => unknown, params: string): CatalogueEntry => ({
  name,
  fn,
  params: params.split(",").map((p) => p.trim()),
});

export const CATALOGUE: readonly CatalogueEntry[] = [
  entry("GROSSPAY", F.grossPay, "hours, rate, [threshold], [multiplier], [bonus]"),
  entry("PRORATE", F.prorate, "amount, paidDays, periodDays"),
  entry("EPF", F.epf, "pfWage, [part], [capWage]"),
  entry("ESI", F.esi, "grossMonthly, [part]"),
  entry("PROFTAX", F.profTax, "grossMonthly, state, [month], [gender]"),
  entry("INCOMETAX", F.incomeTax, "taxableIncome, [regime]"),
  entry(
    "FEDWITHHOLDING",
    F.fedWithholding,
    "wages, periodsPerYear, filingStatus, [year], [step2], [credits], [otherIncome], [deductions], [extra]",
  ),
  entry("FICA", F.fica, "wages, [ytdWages], [year], [part]"),
  entry("SLABTAX", F.slabTax, "amount, slabs"),
  entry("NETPAY", F.netPay, "gross, deductions..."),
  entry("LINEAMOUNT", F.lineAmount, "qty, unitPrice, [discount], [taxRate]"),
  entry("GST", F.gst, "taxableValue, rate, supplierState, placeOfSupply, [invoiceDate]"),
  entry("TAXFROMGROSS", F.taxFromGross, "grossAmount, rate"),
  entry("INVOICETAX", F.invoiceTax, "amounts, rate, [mode]"),
  entry("DUEDATE", F.dueDate, "invoiceDate, terms"),
  entry("EARLYPAY", F.earlyPay, "amount, terms, invoiceDate, paymentDate"),
  entry("LATEINTEREST", F.lateInterest, "amount, dueDate, paidDate, annualRate, [method]"),
  entry("AGINGBUCKET", F.agingBucket, "dueDate, asOf, [edges]"),
  entry("DSO", F.dso, "receivables, creditSales, [days]"),
  entry("ROUNDMONEY", F.roundMoney, "amount, [increment], [mode]"),
  entry("WORKHOURS", F.workHours, "start, end, [dayStart], [dayEnd], [holidays], [weekend]"),
  entry("SLAMET", F.slaMet, "received, completed, slaHours, [dayStart], [dayEnd], [holidays], [weekend]"),
  entry("DPMO", F.dpmo, "defects, units, opportunities"),
];

/** The entry for a name, case-insensitive, with or without the "BPO." prefix: findFunction("bpo.grosspay"). */
export function findFunction(name: string): CatalogueEntry | undefined {
  const key = name
    .trim()
    .toUpperCase()
    .replace(/^=?BPO\./, "")
    .replace(/^=/, "");
  return CATALOGUE.find((e) => e.name === key);
}

/** "BPO.GROSSPAY(hours, rate, [threshold], [multiplier], [bonus])" */
export function signature(e: CatalogueEntry): string {
  return `BPO.${e.name}(${e.params.join(", ")})`;
}
