/**
 * The BPO.* custom functions (catalogue: shared/spec/functions.md). Each wrapper is coercion + one core call; the
 * metadata (functions.json) is generated from these JSDoc tags at build time, the namespace BPO comes from the manifest.
 * The same wrappers run headless: `bpo-desk fn NAME ARG...` calls exactly these functions (see ./catalogue.ts).
 * Each is written for Excel's calling convention (./convention.ts models it from functions.json for the CLI and the
 * tests): an omitted optional argument is null, a range is a 2-D array, a repeating parameter is ONE array of its
 * arguments, and an invocation object follows the declared parameters. Numbers go through the edge checks of
 * ./coerce.ts (num, date, ...) and every number result through `result`, so nothing returns Infinity, NaN or null.
 * Errors leave through toHostError (./coerce.ts): CustomFunctions.Error inside Excel, ExcelError elsewhere.
 * Volatility: none is @volatile. EPF and ESI use the rates in force today, PROFTAX today's table unless given a
 * month date, GST today's slabs unless given the invoice date; a rate change is years apart, while a volatile
 * function would recalculate every cell of a 50,000-row register on every edit. Such cells recalculate when their
 * inputs change or on a full recalculation (Ctrl+Alt+F9).
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- "any" is how the custom-functions metadata declares Excel's any-type parameters */
import * as inv from "../core/invoice";
import * as ops from "../core/ops";
import * as pay from "../core/payroll";
import { valueError } from "../core/errors";
import {
  bool,
  date,
  int,
  isOmitted,
  month as monthOf,
  num,
  numbers,
  optNumbers,
  pairs,
  rate as fraction,
  result,
  str,
  textOrNumber,
  today,
  toHostError,
} from "./coerce";

// ---------------------------------------------------------------------------------------------- Payroll

/**
 * Straight pay plus overtime for one workweek; a bonus is folded into the regular rate (29 CFR 778.110). Example: =BPO.GROSSPAY(45, 20) is 950.
 * @customfunction GROSSPAY
 * @param hours Hours worked in the workweek.
 * @param rate Straight-time hourly rate.
 * @param [threshold] Overtime threshold in hours per week (default 40).
 * @param [multiplier] Overtime multiplier (default 1.5).
 * @param [bonus] Non-discretionary bonus for the week (default 0).
 * @returns Gross pay for the week, to the cent.
 */
export function grossPay(hours: number, rate: number, threshold?: number, multiplier?: number, bonus?: number): number {
  try {
    return result(
      pay.grossPay(
        num(hours, "hours"),
        num(rate, "rate"),
        num(threshold, "threshold", 40),
        num(multiplier, "multiplier", 1.5),
        num(bonus, "bonus", 0),
      ),
      "hours, rate, multiplier and bonus",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Prorates an amount by days: amount × paidDays / periodDays. Example: =BPO.PRORATE(30000, 20, 30) is 20000.
 * @customfunction PRORATE
 * @param amount Full-period amount.
 * @param paidDays Days paid.
 * @param periodDays Days in the period.
 * @returns The prorated amount, to the cent.
 */
export function prorate(amount: number, paidDays: number, periodDays: number): number {
  try {
    return result(
      pay.prorate(num(amount, "amount"), num(paidDays, "paidDays"), num(periodDays, "periodDays")),
      "amount, paidDays and periodDays",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * India EPF monthly contribution, rounded to the rupee. Example: =BPO.EPF(20000) is 1800; =BPO.EPF(20000,"eps") is 1250. Uses the EPF rates in force today; not volatile (recalculates when its inputs change, or on Ctrl+Alt+F9).
 * @customfunction EPF
 * @param pfWage Monthly PF wage (basic + DA).
 * @param [part] employee (default), eps, employer, edli or admin.
 * @param [capWage] TRUE (default) caps the wage at 15,000 for the employee share.
 * @returns The contribution in rupees.
 */
export function epf(pfWage: number, part?: string, capWage?: boolean): number {
  try {
    return result(
      pay.epf(num(pfWage, "pfWage"), str(part, "part", "employee"), bool(capWage, "capWage", true), today()),
      "pfWage",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * India ESI monthly contribution: 0.75% employee / 3.25% employer of gross up to 21,000, rounded up. Example: =BPO.ESI(20000) is 150. Uses the ESI rates in force today; not volatile (recalculates when its inputs change, or on Ctrl+Alt+F9).
 * @customfunction ESI
 * @param grossMonthly Gross monthly wages.
 * @param [part] employee (default) or employer.
 * @returns The contribution in rupees (0 above 21,000).
 */
export function esi(grossMonthly: number, part?: string): number {
  try {
    return result(pay.esi(num(grossMonthly, "grossMonthly"), str(part, "part", "employee"), today()), "grossMonthly");
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * India professional tax for one month (MH, KA). Example: =BPO.PROFTAX(30000, "MH", 2) is 300. Uses the table in force in the month given (a date or YYYY-MM), else today's; not volatile.
 * @customfunction PROFTAX
 * @param grossMonthly Gross monthly salary.
 * @param state State: MH (27) or KA (29).
 * @param [month] Month 1-12 (February differs), a date, or the attendance sheet's YYYY-MM text; omitted = not February.
 * @param [gender] M (default) or F.
 * @returns Professional tax for the month in rupees.
 */
export function profTax(grossMonthly: number, state: any, month?: any, gender?: string): number {
  try {
    return result(
      pay.professionalTax(
        num(grossMonthly, "grossMonthly"),
        str(state, "state"),
        monthOf(month, "month"),
        str(gender, "gender", "M"),
        today(),
      ),
      "grossMonthly",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Annual income tax on taxable income (India new regime with rebate, surcharge, cess; US federal brackets). Example: =BPO.INCOMETAX(1210000) is 10400.
 * @customfunction INCOMETAX
 * @param taxableIncome Annual taxable income (no deduction is applied inside).
 * @param [regime] IN-NEW-FY2025-26 (default), IN-NEW-FY2024-25, IN-NEW-FY2026-27, US-FED-2025-SINGLE, US-FED-2025-MFJ, US-FED-2026-SINGLE, US-FED-2026-MFJ.
 * @returns Tax payable (India: income and tax rounded off to ten rupees, s.288A/s.288B; US: to the cent).
 */
export function incomeTax(taxableIncome: number, regime?: string): number {
  try {
    return result(
      pay.incomeTax(num(taxableIncome, "taxableIncome"), str(regime, "regime", "IN-NEW-FY2025-26")),
      "taxableIncome",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * US federal income tax withholding for one pay period (IRS Pub 15-T, Worksheet 1A, W-4 2020 or later). Example: =BPO.FEDWITHHOLDING(1000, 52, "single") is 78.08.
 * @customfunction FEDWITHHOLDING
 * @param wages Taxable wages for the pay period.
 * @param periodsPerYear Pay periods per year (52, 26, 24, 12...).
 * @param filingStatus single, mfj or hoh (Form W-4 Step 1(c)).
 * @param [year] Tax year (default 2026).
 * @param [step2] TRUE when the Form W-4 Step 2 box is checked.
 * @param [credits] Step 3 amount (annual credits).
 * @param [otherIncome] Step 4(a) other income (annual).
 * @param [deductions] Step 4(b) deductions (annual).
 * @param [extra] Step 4(c) extra withholding per period.
 * @returns Federal income tax to withhold this period, to the cent.
 */
export function fedWithholding(
  wages: number,
  periodsPerYear: number,
  filingStatus: string,
  year?: number,
  step2?: boolean,
  credits?: number,
  otherIncome?: number,
  deductions?: number,
  extra?: number,
): number {
  try {
    return result(
      pay.fedWithholding(
        num(wages, "wages"),
        int(periodsPerYear, "periodsPerYear"),
        str(filingStatus, "filingStatus"),
        int(year, "year", 2026),
        bool(step2, "step2", false),
        num(credits, "credits", 0),
        num(otherIncome, "otherIncome", 0),
        num(deductions, "deductions", 0),
        num(extra, "extra", 0),
      ),
      "wages, otherIncome and extra",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * US Social Security + Medicare (+ Additional Medicare for the employee) on one payment. Example: =BPO.FICA(1000) is 76.5.
 * @customfunction FICA
 * @param wages Wages for this payment.
 * @param [ytdWages] Wages already paid this year (default 0).
 * @param [year] Tax year (default 2026).
 * @param [part] employee (default) or employer.
 * @returns FICA tax on the payment, to the cent.
 */
export function fica(wages: number, ytdWages?: number, year?: number, part?: string): number {
  try {
    return result(
      pay.fica(
        num(wages, "wages"),
        num(ytdWages, "ytdWages", 0),
        int(year, "year", 2026),
        str(part, "part", "employee"),
      ),
      "wages and ytdWages",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Progressive tax on any slab table. Example: =BPO.SLABTAX(500000, {0,0;250000,0.05;500000,0.2}) is 12500.
 * @customfunction SLABTAX
 * @param amount Amount to tax.
 * @param slabs 2-column range: lower bound, rate (ascending).
 * @returns The tax, to the cent.
 */
export function slabTax(amount: number, slabs: any[][]): number {
  try {
    return result(pay.slabTax(num(amount, "amount"), pairs(slabs, "slabs")), "amount and slabs");
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Gross minus any number of deductions (values or ranges; blanks ignored, text is #VALUE!). Example: =BPO.NETPAY(50000, 1800, 200) is 48000.
 * @customfunction NETPAY
 * @param gross Gross pay.
 * @param [deductions] Deduction values or ranges.
 * @returns Net pay, to the cent.
 */
export function netPay(gross: number, deductions?: any[][][]): number {
  try {
    // A repeating parameter arrives as ONE array holding each argument given, each a 2-D array (a range, or [[v]]
    // for a single value): =BPO.NETPAY(50000,1800,200) is netPay(50000, [[[1800]], [[200]]]).
    const all: number[] = [];
    if (Array.isArray(deductions))
      for (let i = 0; i < deductions.length; i++) {
        const d = numbers(deductions[i], "deductions");
        for (let j = 0; j < d.length; j++) all.push(d[j]);
      }
    else if (!isOmitted(deductions)) for (const x of numbers(deductions, "deductions")) all.push(x);
    return result(pay.netPay(num(gross, "gross"), all), "gross and deductions");
  } catch (e) {
    throw toHostError(e);
  }
}

// ---------------------------------------------------------------------------------------------- Invoices

/**
 * Line amount: qty × unitPrice × (1 − discount) × (1 + taxRate), to the cent. Example: =BPO.LINEAMOUNT(3, 100, 10%, 18%) is 318.6.
 * @customfunction LINEAMOUNT
 * @param qty Quantity.
 * @param unitPrice Unit price.
 * @param [discount] Discount as a fraction (10% = 0.1).
 * @param [taxRate] Tax rate as a fraction (18% = 0.18).
 * @returns The line amount, to the cent.
 */
export function lineAmount(qty: number, unitPrice: number, discount?: number, taxRate?: number): number {
  try {
    return result(
      inv.lineAmount(
        num(qty, "qty"),
        num(unitPrice, "unitPrice"),
        fraction(discount, "discount", 0),
        fraction(taxRate, "taxRate", 0),
      ),
      "qty and unitPrice",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * India GST split into one row [CGST, SGST, IGST] (spills). Example: =BPO.GST(10000, 18%, "MH", "KA") is {0, 0, 1800}. Without invoiceDate the slabs in force today apply; not volatile, so give the invoice date.
 * @customfunction GST
 * @param taxableValue Taxable value.
 * @param rate GST rate as a fraction (18% = 0.18), a slab in force on the invoice date.
 * @param supplierState Supplier's state: GST code (27) or letters (MH).
 * @param placeOfSupply Place of supply: GST code (29) or letters (KA).
 * @param [invoiceDate] Invoice date (default today: the day the cell last calculated).
 * @returns One row: CGST, SGST, IGST.
 */
export function gst(
  taxableValue: number,
  rate: number,
  supplierState: any,
  placeOfSupply: any,
  invoiceDate?: number,
): number[][] {
  try {
    const split = inv.gstSplit(
      num(taxableValue, "taxableValue"),
      fraction(rate, "rate"),
      stateCode(supplierState, "supplierState"),
      stateCode(placeOfSupply, "placeOfSupply"),
      date(invoiceDate, "invoiceDate", today()),
    );
    return [[result(split[0], "taxableValue"), result(split[1], "taxableValue"), result(split[2], "taxableValue")]];
  } catch (e) {
    throw toHostError(e);
  }
}

function stateCode(v: unknown, param: string): string | number {
  const t = textOrNumber(v, param);
  if (t === undefined) throw valueError(`${param}: is required; expected a GST state code such as 27 or MH`);
  return t;
}

/**
 * Tax contained in a tax-inclusive amount: gross × rate / (1 + rate). Example: =BPO.TAXFROMGROSS(1180, 18%) is 180.
 * @customfunction TAXFROMGROSS
 * @param grossAmount Tax-inclusive amount.
 * @param rate Tax rate as a fraction.
 * @returns The tax inside the amount, to the cent.
 */
export function taxFromGross(grossAmount: number, rate: number): number {
  try {
    return result(inv.taxFromGross(num(grossAmount, "grossAmount"), fraction(rate, "rate")), "grossAmount");
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Tax on a set of line amounts, rounded per line or on the total. Example: =BPO.INVOICETAX({10.05,10.05,10.05}, 5%, "total") is 1.51.
 * @customfunction INVOICETAX
 * @param amounts Line amounts (a range; blanks ignored).
 * @param rate Tax rate as a fraction.
 * @param [mode] line (default: round each line's tax) or total (round once).
 * @returns The tax, to the cent.
 */
export function invoiceTax(amounts: any[][], rate: number, mode?: string): number {
  try {
    return result(
      inv.invoiceTax(numbers(amounts, "amounts"), fraction(rate, "rate"), str(mode, "mode", "line")),
      "amounts",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Due date from payment terms, as a date serial: format the cell as a date. Example: =BPO.DUEDATE(DATE(2025,1,15), "2/10 NET 30") is 2025-02-14 (45702).
 * @customfunction DUEDATE
 * @param invoiceDate Invoice date.
 * @param terms NET n, d/D NET n, EOM, NET n EOM, DUE ON RECEIPT.
 * @returns The due date (a date serial: format the cell as a date).
 */
export function dueDate(invoiceDate: number, terms: string): number {
  try {
    return result(inv.dueDate(date(invoiceDate, "invoiceDate"), str(terms, "terms")), "invoiceDate and terms");
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Amount to pay on a date, after any early-payment discount. Example: =BPO.EARLYPAY(1000, "2/10 NET 30", DATE(2025,1,1), DATE(2025,1,8)) is 980.
 * @customfunction EARLYPAY
 * @param amount Invoice amount.
 * @param terms Payment terms such as 2/10 NET 30.
 * @param invoiceDate Invoice date.
 * @param paymentDate Payment date.
 * @returns Amount payable on the payment date.
 */
export function earlyPay(amount: number, terms: string, invoiceDate: number, paymentDate: number): number {
  try {
    return result(
      inv.earlyPay(
        num(amount, "amount"),
        str(terms, "terms"),
        date(invoiceDate, "invoiceDate"),
        date(paymentDate, "paymentDate"),
      ),
      "amount",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Interest for paying after the due date, simple or with monthly rests. Example: 100,000 at 16.5% for 3 whole months, monthly, is 4181.98.
 * @customfunction LATEINTEREST
 * @param amount Amount overdue.
 * @param dueDate Due date.
 * @param paidDate Date paid.
 * @param annualRate Annual interest rate as a fraction.
 * @param [method] simple (default) or monthly.
 * @returns Interest, to the cent.
 */
export function lateInterest(
  amount: number,
  dueDate: number,
  paidDate: number,
  annualRate: number,
  method?: string,
): number {
  try {
    return result(
      inv.lateInterest(
        num(amount, "amount"),
        date(dueDate, "dueDate"),
        date(paidDate, "paidDate"),
        fraction(annualRate, "annualRate"),
        str(method, "method", "simple"),
      ),
      "amount and annualRate",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Aging bucket of a receivable: Current, 1-30, 31-60, 61-90, 90+. Example: 91 days past due is "90+".
 * @customfunction AGINGBUCKET
 * @param dueDate Due date.
 * @param asOf Date to age at.
 * @param [edges] Bucket edges in days (default {30,60,90}).
 * @returns The bucket label.
 */
export function agingBucket(dueDate: number, asOf: number, edges?: any[][]): string {
  try {
    return inv.agingBucket(date(dueDate, "dueDate"), date(asOf, "asOf"), optNumbers(edges, "edges"));
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Days sales outstanding: receivables / creditSales × days. Example: =BPO.DSO(250000, 1000000, 365) is 91.25.
 * @customfunction DSO
 * @param receivables Receivables at the end of the period.
 * @param creditSales Credit sales in the period.
 * @param [days] Days in the period (default 365).
 * @returns Days sales outstanding.
 */
export function dso(receivables: number, creditSales: number, days?: number): number {
  try {
    return result(
      inv.dso(num(receivables, "receivables"), num(creditSales, "creditSales"), num(days, "days", 365)),
      "receivables, creditSales and days",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Decimal-correct rounding to any increment. Example: =BPO.ROUNDMONEY(1.005) is 1.01; =BPO.ROUNDMONEY(1.024, 0.05) is 1.
 * @customfunction ROUNDMONEY
 * @param amount Amount to round.
 * @param [increment] Increment (default 0.01; e.g. 0.05, 1, 10).
 * @param [mode] half-up (default, away from zero), half-even, up or down.
 * @returns The rounded amount.
 */
export function roundMoney(amount: number, increment?: number, mode?: string): number {
  try {
    return result(
      inv.roundMoney(num(amount, "amount"), num(increment, "increment", 0.01), str(mode, "mode", "half-up")),
      "amount and increment",
    );
  } catch (e) {
    throw toHostError(e);
  }
}

// ---------------------------------------------------------------------------------------------- Operations

/**
 * Working hours between two timestamps on a business calendar. Example: Friday 16:00 to Monday 11:00 is 4 (09:00-18:00, Sat/Sun off).
 * @customfunction WORKHOURS
 * @param start Start timestamp.
 * @param end End timestamp.
 * @param [dayStart] Start of the working day (default "09:00").
 * @param [dayEnd] End of the working day (default "18:00").
 * @param [holidays] Holiday dates (a range).
 * @param [weekend] Weekend mask as NETWORKDAYS.INTL, Monday first (default "0000011"; "1111111" = no working day), or a weekend number 1-7, 11-17.
 * @returns Working hours.
 */
export function workHours(
  start: number,
  end: number,
  dayStart?: any,
  dayEnd?: any,
  holidays?: any[][],
  weekend?: any,
): number {
  try {
    const hours = ops.workHours(
      date(start, "start"),
      date(end, "end"),
      textOrNumber(dayStart, "dayStart"),
      textOrNumber(dayEnd, "dayEnd"),
      optNumbers(holidays, "holidays", true),
      textOrNumber(weekend, "weekend"),
    );
    return result(hours, "start and end");
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * TRUE when the working hours from received to completed are within the SLA. Example: =BPO.SLAMET(received, completed, 8).
 * @customfunction SLAMET
 * @param received Received timestamp.
 * @param completed Completed timestamp.
 * @param slaHours SLA in working hours.
 * @param [dayStart] Start of the working day (default "09:00").
 * @param [dayEnd] End of the working day (default "18:00").
 * @param [holidays] Holiday dates (a range).
 * @param [weekend] Weekend mask as NETWORKDAYS.INTL (default "0000011"), or a weekend number 1-7, 11-17.
 * @returns TRUE when met.
 */
export function slaMet(
  received: number,
  completed: number,
  slaHours: number,
  dayStart?: any,
  dayEnd?: any,
  holidays?: any[][],
  weekend?: any,
): boolean {
  try {
    return ops.slaMet(
      date(received, "received"),
      date(completed, "completed"),
      num(slaHours, "slaHours"),
      textOrNumber(dayStart, "dayStart"),
      textOrNumber(dayEnd, "dayEnd"),
      optNumbers(holidays, "holidays", true),
      textOrNumber(weekend, "weekend"),
    );
  } catch (e) {
    throw toHostError(e);
  }
}

/**
 * Defects per million opportunities. Example: =BPO.DPMO(12, 4000, 5) is 600.
 * @customfunction DPMO
 * @param defects Defects found.
 * @param units Units inspected.
 * @param opportunities Defect opportunities per unit.
 * @returns DPMO.
 */
export function dpmo(defects: number, units: number, opportunities: number): number {
  try {
    return result(
      ops.dpmo(num(defects, "defects"), num(units, "units"), num(opportunities, "opportunities")),
      "defects, units and opportunities",
    );
  } catch (e) {
    throw toHostError(e);
  }
}
