/**
 * GST on a taxable value: CGST + SGST (intra-state) or IGST (inter-state), at a slab in force on the invoice date.
 */

import { isoFromSerial, serialFromIso } from "../dates";
import { naError, numError } from "../errors";
import { GST_SLABS, GST_SPECIAL_RATES, type GstSlabTable } from "../rates/gst";
import { gstState, type GstState } from "../rates/gst-states";
import { decOf, money } from "./exact";
import { mul, p10, pow10, scaleOf } from "../money";
import { finite, fraction, serial, show } from "./args";

interface SlabPeriod {
  from: number;
  to: number;
  /** Slabs as rationals scaled by 10^4 (0.18 -> 1800), exact for every slab in the table. */
  scaled: Set<number>;
  table: GstSlabTable;
  list: string;
}

interface Special {
  from: number;
  to: number;
  scaled: number;
  label: string;
}

const SPECIALS: Special[] = GST_SPECIAL_RATES.map((r) => ({
  from: serialFromIso(r.from)!,
  to: r.to ? serialFromIso(r.to)! : Infinity,
  scaled: Math.round(Number(r.rate) * 10000),
  label: `${pct(r.rate)} ${r.use}`,
}));

/** Whether a rate (scaled by 10^4) is a special rate in force on a day. */
function isSpecial(scaled: number, day: number): boolean {
  for (const sp of SPECIALS) if (sp.scaled === scaled && day >= sp.from && day <= sp.to) return true;
  return false;
}

function specialsOn(day: number): string {
  const list = SPECIALS.filter((sp) => day >= sp.from && day <= sp.to).map((sp) => sp.label);
  return list.length ? ` (and for special supplies only: ${list.join(", ")})` : "";
}

const PERIODS: SlabPeriod[] = GST_SLABS.map((t) => ({
  from: serialFromIso(t.from)!,
  to: t.to ? serialFromIso(t.to)! : Infinity,
  scaled: new Set(t.slabs.map((s) => Math.round(Number(s) * 10000))),
  table: t,
  list: t.slabs.map((s) => pct(s)).join(", "),
}));

function pct(fractionText: string): string {
  const v = Number(fractionText) * 100;
  return `${Number(v.toFixed(4))}%`;
}

/** The slab table in force on an invoice date serial: #N/A outside every table. */
export function gstPeriod(invoiceDate: number): SlabPeriod {
  const d = Math.floor(invoiceDate);
  for (const p of PERIODS) if (d >= p.from && d <= p.to) return p;
  throw naError(
    `invoiceDate: no GST rate table covers ${isoFromSerial(d)} (GST applies from ${GST_SLABS[0].from}); check the date`,
  );
}

function state(code: string | number, param: string): GstState {
  const s = gstState(code);
  if (s) return s;
  throw naError(
    `${param}: unknown GST state code ${show(code)}; expected a GST state code such as 27 or MH (Maharashtra), ` +
      `07 or DL (Delhi), 29 or KA (Karnataka), 33 or TN (Tamil Nadu), 97 (Other Territory)`,
  );
}

/**
 * [CGST, SGST, IGST] on a taxable value. Intra-state (supplier state = place of supply): CGST and SGST (UTGST in
 * union territories) are each taxableValue × rate/2, computed exactly and rounded to 2 decimals half-up, so the
 * tax is CGST + SGST (it can differ by 0.01 from taxableValue × rate rounded once, as two separately rounded
 * taxes on a GST invoice do). Inter-state (and exports, place of supply 96): IGST = taxableValue × rate, rounded.
 * The rate must be a slab in force on the invoice date, else #NUM! naming the valid slabs.
 * gstSplit(10000, 0.18, "MH", 27, 45940) => [900, 900, 0]; gstSplit(10000, 0.18, "MH", "KA", 45940) => [0, 0, 1800]
 */
export function gstSplit(
  taxableValue: number,
  rate: number,
  supplierState: string | number,
  placeOfSupply: string | number,
  invoiceDate: number,
): [number, number, number] {
  finite(taxableValue, "taxableValue");
  fraction(rate, "rate");
  serial(invoiceDate, "invoiceDate");
  const period = gstPeriod(invoiceDate);
  const rs = scaleOf(rate);
  const key = rs >= 0 && rs <= 4 ? Math.round(rate * p10(rs)) * p10(4 - rs) : -1;
  if (!period.scaled.has(key) && !isSpecial(key, Math.floor(invoiceDate)))
    throw numError(
      `rate: ${Number((rate * 100).toFixed(6))}% is not a GST slab on ${isoFromSerial(invoiceDate)}; ` +
        `valid rates then: ${period.list}${specialsOn(Math.floor(invoiceDate))}`,
    );
  const from = state(supplierState, "supplierState");
  const to = state(placeOfSupply, "placeOfSupply");
  const vs = scaleOf(taxableValue);
  const v = vs >= 0 ? { m: Math.round(taxableValue * p10(vs)), s: vs } : decOf(taxableValue);
  const r = { m: Math.round(rate * p10(rs)), s: rs };
  if (from.code === to.code && from.code !== "96") {
    // Each half: value × rate / 2, to cents: v.m × r.m × 100 / (10^(v.s + r.s) × 2)
    const h = money(mul(v.m, r.m), mul(pow10(v.s + r.s), 2));
    return [h, h, 0];
  }
  return [0, 0, money(mul(v.m, r.m), pow10(v.s + r.s))];
}

/** Rates allowed on an invoice date, as fractions: gstSlabs(serialFromYmd(2025, 10, 1)) => [0, 0.0025, 0.03, 0.05, 0.18, 0.4]. */
export function gstSlabs(invoiceDate: number): number[] {
  return gstPeriod(serial(invoiceDate, "invoiceDate")).table.slabs.map(Number);
}
