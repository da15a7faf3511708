/**
 * Payment terms: parse "2/10 NET 30", "NET 45 EOM", "DUE ON RECEIPT" once (cached), then due dates and
 * early-payment discounts from them.
 */

import { eomonth, MAX_SERIAL } from "../dates";
import { ExcelError, naError, numError, valueError } from "../errors";
import { decOf, type Dec, money } from "./exact";
import { mul, p10, pow10, scaleOf, sub } from "../money";
import { finite, serial, show } from "./args";

export interface PaymentTerms {
  /** Canonical spelling: "2/10 NET 30", "NET 30 EOM", "DUE ON RECEIPT". */
  canonical: string;
  /** Days after the base date (the invoice date, or the end of its month when eom). */
  netDays: number;
  /** Count the net days from the end of the invoice month. */
  eom: boolean;
  /** Cash discount as a fraction (2/10 NET 30 -> 0.02); 0 when the terms have none. */
  discount: number;
  /** Days after the invoice date within which the discount applies (inclusive). */
  discountDays: number;
  /** The discount percent as an exact decimal (2 -> {m: 2, s: 0}), for exact arithmetic. */
  discountPercent: Dec;
}

export const ACCEPTED_TERMS =
  'accepted terms: "NET 30" (also "NET30", "N/30", "30 NET", "NET 30 DAYS", "30 DAYS", 30), "2/10 NET 30" (also "2% 10 NET 30", ' +
  '"2/10, N/30"), "EOM", "NET 30 EOM", "DUE ON RECEIPT"';

const RECEIPT = /^(?:DUE )?(?:ON |UPON )?RECEIPT$|^IMMEDIATE(?:LY)?$|^DUE IMMEDIATELY$/;
const EOM_ONLY = /^(?:EOM|END OF (?:THE )?MONTH|NET EOM|N ?\/ ?EOM)$/;
const NET =
  /^(?:(\d+(?:\.\d+)?) ?(?:%|\/) ?(\d+) ?)?(?:NET ?(\d+)|N ?\/ ?(\d+)|(\d+) ?NET)( ?EOM| END OF (?:THE )?MONTH)?$/;

const cache = new Map<string, PaymentTerms | ExcelError>();

/**
 * Parse payment terms, case and spacing insensitive. Unknown forms are #N/A listing the accepted forms.
 * parseTerms("2/10 net 30") => { canonical: "2/10 NET 30", netDays: 30, eom: false, discount: 0.02, discountDays: 10, ... }
 */
export function parseTerms(terms: string | number): PaymentTerms {
  // A bare whole number of days (a "Terms" column holding 30) is NET n.
  if (typeof terms === "number" && Number.isInteger(terms) && terms >= 0 && terms <= 36500)
    return parseTerms(`NET ${terms}`);
  if (typeof terms !== "string")
    throw valueError(`terms: expected payment terms text such as "NET 30", got ${show(terms)}`);
  let hit = cache.get(terms);
  if (hit === undefined) {
    try {
      hit = parseUncached(terms);
    } catch (e) {
      if (!(e instanceof ExcelError)) throw e;
      hit = e;
    }
    if (cache.size > 2000) cache.clear();
    cache.set(terms, hit);
  }
  if (hit instanceof ExcelError) throw new ExcelError(hit.code, hit.message);
  return hit;
}

function parseUncached(terms: string): PaymentTerms {
  const t = terms
    .toUpperCase()
    .replace(/[,;]/g, " ")
    .replace(/(\d)\s*DAYS?\b/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  if (t === "") throw valueError(`terms: is blank; ${ACCEPTED_TERMS}`);
  if (RECEIPT.test(t) || t === "NET 0" || t === "NET0")
    return freeze({ canonical: "DUE ON RECEIPT", netDays: 0, eom: false, discount: 0, discountDays: 0 });
  if (EOM_ONLY.test(t)) return freeze({ canonical: "EOM", netDays: 0, eom: true, discount: 0, discountDays: 0 });
  const m = NET.exec(/^\d+$/.test(t) ? `NET ${t}` : t);
  if (!m) throw naError(`terms: unknown payment terms ${show(terms)}; ${ACCEPTED_TERMS}`);
  const netDays = Number(m[3] ?? m[4] ?? m[5]);
  const eom = m[6] !== undefined;
  if (m[1] === undefined)
    return freeze({ canonical: `NET ${netDays}${eom ? " EOM" : ""}`, netDays, eom, discount: 0, discountDays: 0 });
  const pct = Number(m[1]);
  const discountDays = Number(m[2]);
  if (eom)
    throw naError(
      `terms: ${show(terms)} mixes a cash discount with EOM; write the discount terms without EOM ("2/10 NET 30"). ${ACCEPTED_TERMS}`,
    );
  if (!(pct > 0 && pct < 100))
    throw valueError(
      `terms: the cash discount in ${show(terms)} must be a percent between 0 and 100, e.g. 2/10 NET 30`,
    );
  if (discountDays > netDays)
    throw valueError(
      `terms: the discount days (${discountDays}) in ${show(terms)} are more than the net days (${netDays})`,
    );
  return freeze(
    { canonical: `${m[1]}/${discountDays} NET ${netDays}`, netDays, eom, discount: pct / 100, discountDays },
    m[1],
  );
}

function freeze(t: Omit<PaymentTerms, "discountPercent">, pctText = "0"): PaymentTerms {
  return Object.freeze({ ...t, discountPercent: decOf(Number(pctText)) });
}

/**
 * Due date serial of an invoice (the invoice date's time of day is dropped).
 * dueDate(45658, "NET 30") === 45688 (2025-01-01 + 30 days = 2025-01-31); dueDate(45658, "NET 15 EOM") === 45703
 */
export function dueDate(invoiceDate: number, terms: string | number): number {
  const inv = Math.floor(serial(invoiceDate, "invoiceDate"));
  const t = parseTerms(terms);
  const base = t.eom ? eomonth(inv, 0) : inv;
  const due = base + t.netDays;
  if (due > MAX_SERIAL) throw numError(`terms: the due date falls after 9999-12-31`);
  return due;
}

/**
 * Amount to pay on paymentDate: with "d/D NET n" terms and payment no later than D days after the invoice date
 * (inclusive, whole days), amount × (1 − d%) rounded to 2 decimals half-up; otherwise the full amount (rounded).
 * earlyPay(1000, "2/10 NET 30", 45658, 45668) === 980; earlyPay(1000, "2/10 NET 30", 45658, 45669) === 1000
 */
export function earlyPay(amount: number, terms: string | number, invoiceDate: number, paymentDate: number): number {
  finite(amount, "amount");
  const t = parseTerms(terms);
  const inv = Math.floor(serial(invoiceDate, "invoiceDate"));
  const paid = Math.floor(serial(paymentDate, "paymentDate"));
  const as = scaleOf(amount);
  const a = as >= 0 ? { m: Math.round(amount * p10(as)), s: as } : decOf(amount);
  if (t.discount > 0 && paid <= inv + t.discountDays) {
    const p = t.discountPercent;
    // a × (1 − p/100) = a.m × (100·10^p.s − p.m) / (10^a.s × 100·10^p.s)
    const hundred = mul(100, pow10(p.s));
    return money(mul(a.m, sub(hundred, p.m)), mul(pow10(a.s), hundred));
  }
  return money(a.m, pow10(a.s));
}
