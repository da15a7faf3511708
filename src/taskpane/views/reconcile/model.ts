/**
 * The Reconcile view's form, as plain data: which columns each side uses (detected from the headers, or
 * restored from the last run or a saved statement profile, then fixed by the user) and the tolerances,
 * turned into the engine's rules (rules file format) and back.
 */
import {
  DEFAULT_RULES,
  detectColumns,
  type ReconRulesInput,
  type SideColumns,
  type StatementProfile,
} from "../../../core/recon";
import type { DateOrder } from "../../../core/dates";
import type { TableData } from "../../../core/table";

export interface SideForm {
  date: string;
  /** "" reads the dates in the order the column's values prove (day first when none decides). */
  dateOrder: "" | DateOrder;
  /** "single": one signed Amount column; "pair": money in and money out columns. */
  mode: "single" | "pair";
  amount: string;
  /** A Dr/Cr or Debit/Credit column beside a single unsigned amount (optional). */
  indicator: string;
  moneyIn: string;
  moneyOut: string;
  reference: string;
  description: string;
  /** The running balance (the bank reconciliation statement reads the closing balance from it). */
  balance: string;
}

/** The right side's sign: reversed when the amounts meet only that way (automatic), kept, or reversed. */
export type FlipChoice = "auto" | "as-is" | "reversed";

export interface ReconForm {
  left: SideForm;
  right: SideForm;
  toleranceAmount: string;
  tolerancePercent: string;
  dateWindowDays: string;
  flip: FlipChoice;
}

export const EMPTY_SIDE: SideForm = {
  date: "",
  dateOrder: "",
  mode: "single",
  amount: "",
  indicator: "",
  moneyIn: "",
  moneyOut: "",
  reference: "",
  description: "",
  balance: "",
};

export function defaultForm(): ReconForm {
  return {
    left: { ...EMPTY_SIDE },
    right: { ...EMPTY_SIDE },
    toleranceAmount: (DEFAULT_RULES.toleranceCents / 100).toFixed(2),
    tolerancePercent: String(DEFAULT_RULES.tolerancePercent),
    dateWindowDays: String(DEFAULT_RULES.dateWindowDays),
    flip: "auto",
  };
}

/** The detected mapping of a table's headers as a form side, or the reason it cannot be detected. */
export function detectSide(headers: string[], name: string): { side: SideForm; error: string | null } {
  const t: TableData = { name, sheet: name, headers, rows: [], firstRow: 2, firstColumn: 1 };
  try {
    const m = detectColumns(t, {}, name);
    const h = (i: number) => (i >= 0 ? headers[i] : "");
    return {
      side: {
        date: h(m.date),
        dateOrder: "",
        mode: m.amount >= 0 ? "single" : "pair",
        amount: h(m.amount),
        indicator: m.amount >= 0 ? h(m.indicator) : "",
        moneyIn: h(m.amountIn),
        moneyOut: h(m.amountOut),
        reference: h(m.reference),
        description: h(m.description),
        balance: h(m.balance),
      },
      error: null,
    };
  } catch (e) {
    return { side: { ...EMPTY_SIDE }, error: (e as Error).message };
  }
}

/**
 * Rules-file columns (a saved run's, a profile's) as a form side. A column the table no longer has is
 * left to detection (`detected`), so an edited table is read afresh rather than refused.
 */
export function sideFormFromColumns(cols: SideColumns, headers: readonly string[], detected: SideForm): SideForm {
  const norm = (s: string) => s.trim().toLowerCase();
  const have = new Map(headers.map((h) => [norm(h), h]));
  const pick = (v: string | undefined, fallback: string) =>
    v === undefined ? fallback : (have.get(norm(v)) ?? fallback);
  const pair = cols.debit !== undefined && cols.credit !== undefined && cols.amount === undefined;
  // Columns that name the amount are a whole mapping (a saved run's or a profile's): a column they leave
  // out was not used. Without an amount they only override some columns of the detected mapping.
  const whole = pair || cols.amount !== undefined;
  const or = (v: string | undefined, detectedValue: string) => pick(v, whole ? "" : detectedValue);
  return {
    date: or(cols.date, detected.date),
    dateOrder: cols.dateOrder ?? "",
    mode: pair ? "pair" : whole ? "single" : detected.mode,
    amount: or(cols.amount, detected.amount),
    indicator: or(cols.indicator, detected.indicator),
    moneyIn: or(cols.debit, detected.moneyIn),
    moneyOut: or(cols.credit, detected.moneyOut),
    reference: or(cols.reference, detected.reference),
    description: or(cols.description, detected.description),
    balance: or(cols.balance, detected.balance),
  };
}

/** The rules-file columns of a form side. */
export function sideRules(s: SideForm): SideColumns {
  const out: SideColumns = {};
  if (s.date) out.date = s.date;
  if (s.dateOrder) out.dateOrder = s.dateOrder;
  if (s.reference) out.reference = s.reference;
  if (s.description) out.description = s.description;
  if (s.balance) out.balance = s.balance;
  if (s.mode === "single" && s.amount) {
    out.amount = s.amount;
    if (s.indicator) out.indicator = s.indicator;
  }
  if (s.mode === "pair" && s.moneyIn && s.moneyOut) {
    out.debit = s.moneyIn;
    out.credit = s.moneyOut;
  }
  return out;
}

const money = (x: number) => (Number.isInteger(x) ? x.toFixed(2) : String(x));

/** The tolerances and sign convention of rules (a saved run's) on the form; what the rules leave out stays. */
export function formWithRules(form: ReconForm, rules: ReconRulesInput): ReconForm {
  return {
    ...form,
    toleranceAmount: rules.tolerance?.amount !== undefined ? money(rules.tolerance.amount) : form.toleranceAmount,
    tolerancePercent: rules.tolerance?.percent !== undefined ? String(rules.tolerance.percent) : form.tolerancePercent,
    dateWindowDays: rules.dateWindowDays !== undefined ? String(rules.dateWindowDays) : form.dateWindowDays,
    flip: rules.flipRight === undefined ? form.flip : rules.flipRight ? "reversed" : "as-is",
  };
}

/**
 * A saved profile applied to one side of the form: its columns, its tolerances and date window, and, on
 * the right side, its sign convention (the rules of rulesWithProfiles, for a form a person can still edit).
 */
export function formWithProfile(
  form: ReconForm,
  which: "left" | "right",
  p: StatementProfile,
  headers: readonly string[],
  detected: SideForm,
): ReconForm {
  return {
    ...form,
    [which]: sideFormFromColumns(p.columns, headers, detected),
    toleranceAmount: money(p.tolerance.amount),
    tolerancePercent: String(p.tolerance.percent),
    dateWindowDays: String(p.dateWindowDays),
    flip: which === "right" ? (p.sign === "reversed" ? "reversed" : "as-is") : form.flip,
  };
}

/** The rules for a run, or a message saying which field to fix. */
export function rulesFromForm(f: ReconForm): { rules: ReconRulesInput } | { error: string } {
  const amount = Number(f.toleranceAmount);
  const percent = Number(f.tolerancePercent || "0");
  const days = Number(f.dateWindowDays);
  if (!Number.isFinite(amount) || amount < 0)
    return { error: "Amount tolerance: enter a number of 0 or more, e.g. 1.00" };
  if (!Number.isFinite(percent) || percent < 0 || percent > 100)
    return { error: "Percent tolerance: enter a number from 0 to 100, e.g. 0.5" };
  if (!Number.isInteger(days) || days < 0) return { error: "Date window: enter whole days, 0 or more, e.g. 5" };
  for (const [label, s] of [
    ["Left", f.left],
    ["Right", f.right],
  ] as const) {
    if (s.mode === "single" && !s.amount) return { error: `${label}: choose the amount column` };
    if (s.mode === "pair" && (!s.moneyIn || !s.moneyOut))
      return { error: `${label}: choose both the money-in and the money-out column` };
  }
  return {
    rules: {
      left: sideRules(f.left),
      right: sideRules(f.right),
      // Automatic: the engine reverses the right side when the amounts meet only that way, and says so.
      ...(f.flip === "auto" ? {} : { flipRight: f.flip === "reversed" }),
      tolerance: { amount, percent },
      dateWindowDays: days,
    },
  };
}
