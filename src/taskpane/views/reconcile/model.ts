/**
 * The Reconcile view's form, as plain data: which columns each side uses (detected from the headers,
 * then fixed by the user) and the tolerances, turned into the engine's rules (rules file format).
 */
import { detectColumns, DEFAULT_RULES, type ReconRulesInput, type SideColumns } from "../../../core/recon";
import type { TableData } from "../../../core/table";

export interface SideForm {
  date: string;
  /** "single": one signed Amount column; "pair": money in and money out columns. */
  mode: "single" | "pair";
  amount: string;
  moneyIn: string;
  moneyOut: string;
  reference: string;
  description: string;
}

export interface ReconForm {
  left: SideForm;
  right: SideForm;
  toleranceAmount: string;
  tolerancePercent: string;
  dateWindowDays: string;
  flipRight: boolean;
}

export const EMPTY_SIDE: SideForm = {
  date: "",
  mode: "single",
  amount: "",
  moneyIn: "",
  moneyOut: "",
  reference: "",
  description: "",
};

export function defaultForm(): ReconForm {
  return {
    left: { ...EMPTY_SIDE },
    right: { ...EMPTY_SIDE },
    toleranceAmount: (DEFAULT_RULES.toleranceCents / 100).toFixed(2),
    tolerancePercent: String(DEFAULT_RULES.tolerancePercent),
    dateWindowDays: String(DEFAULT_RULES.dateWindowDays),
    flipRight: false,
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
        mode: m.amount >= 0 ? "single" : "pair",
        amount: h(m.amount),
        moneyIn: h(m.amountIn),
        moneyOut: h(m.amountOut),
        reference: h(m.reference),
        description: h(m.description),
      },
      error: null,
    };
  } catch (e) {
    return { side: { ...EMPTY_SIDE }, error: (e as Error).message };
  }
}

function sideRules(s: SideForm): SideColumns {
  const out: SideColumns = {};
  if (s.date) out.date = s.date;
  if (s.reference) out.reference = s.reference;
  if (s.description) out.description = s.description;
  if (s.mode === "single" && s.amount) out.amount = s.amount;
  if (s.mode === "pair" && s.moneyIn && s.moneyOut) {
    out.debit = s.moneyIn;
    out.credit = s.moneyOut;
  }
  return out;
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
      flipRight: f.flipRight,
      tolerance: { amount, percent },
      dateWindowDays: days,
    },
  };
}
