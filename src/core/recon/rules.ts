/**
 * The reconciliation rules file: JSON validated with zod. The zod schema is the single source of truth;
 * the TypeScript types are inferred from it. Every field is optional; `resolveRules` fills the defaults.
 *
 * {
 *   "left":  { "date": "Value Date", "amount": "Amount", "debit": "Dr", "credit": "Cr",
 *              "indicator": "Dr/Cr", "reference": "UTR", "description": "Narration",
 *              "balance": "Closing Balance", "dateOrder": "MDY" },  // column overrides (header text)
 *   "right": { ... },
 *   "flipRight": false,              // reverse the right side's sign (e.g. both sides are the same account)
 *   "dateOrder": "DMY",              // read every 03/04/2025 text date this way: DMY | MDY | YMD (without it,
 *                                    // each date column's order is proven by its values, DMY when none decides)
 *   "passes": { "exact": true, "tolerance": true, "fuzzy": true, "group": true },
 *   "tolerance": { "amount": 1, "percent": 0 },   // allowed |left - right|: max(amount, percent% of |left|)
 *   "dateWindowDays": 5,             // |date difference| allowed by the tolerance and group passes
 *   "fuzzyDateWindowDays": 31,       // |date difference| allowed by the fuzzy pass
 *   "fuzzyThreshold": 0.8,           // minimum text similarity (0-1) for the fuzzy pass
 *   "groupMaxSize": 5,               // most items on the "many" side of a group match (2-8)
 *   "confidenceThreshold": 0.9       // score at or above it: confirmed; below: suggested
 * }
 * "debit" and "credit" of a side name its money-in and money-out columns (Debit/Credit of a ledger,
 * Deposit/Withdrawal or Credit/Debit of a bank statement); "indicator" a column of Dr/Cr, Debit/Credit
 * marks beside a single "amount" (an amount carrying its own sign keeps it); "balance" the running balance
 * (the bank reconciliation statement reads the closing balance from it).
 */
// Named imports, not the z namespace: the namespace would bring every locale of zod into the command's
// bundle (750 KB to parse at each start); these bring the schemas used here and the English messages.
import { boolean, number, object, string, enum as zEnum, type infer as Infer } from "zod";

const z = { boolean, number, object, string, enum: zEnum };
import type { DateOrder } from "../dates";

const header = z.string().trim().min(1, { error: "expected a column header (non-empty text)" });

export const sideColumnsSchema = z
  .object({
    date: header.optional(),
    amount: header.optional(),
    debit: header.optional(),
    credit: header.optional(),
    indicator: header.optional(),
    reference: header.optional(),
    description: header.optional(),
    balance: header.optional(),
    dateOrder: z.enum(["DMY", "MDY", "YMD"]).optional(),
  })
  .strict();

export const rulesSchema = z
  .object({
    left: sideColumnsSchema.optional(),
    right: sideColumnsSchema.optional(),
    flipRight: z.boolean().optional(),
    dateOrder: z.enum(["DMY", "MDY", "YMD"]).optional(),
    passes: z
      .object({
        exact: z.boolean().optional(),
        tolerance: z.boolean().optional(),
        fuzzy: z.boolean().optional(),
        group: z.boolean().optional(),
      })
      .strict()
      .optional(),
    tolerance: z
      .object({
        amount: z.number().min(0).max(1e9).optional(),
        percent: z.number().min(0).max(100).optional(),
      })
      .strict()
      .optional(),
    dateWindowDays: z.number().int().min(0).max(3660).optional(),
    fuzzyDateWindowDays: z.number().int().min(0).max(3660).optional(),
    fuzzyThreshold: z.number().min(0).max(1).optional(),
    groupMaxSize: z.number().int().min(2).max(8).optional(),
    confidenceThreshold: z.number().min(0).max(1).optional(),
  })
  .strict();

/** The rules as written in a rules file (everything optional). */
export type ReconRulesInput = Infer<typeof rulesSchema>;
export type SideColumns = Infer<typeof sideColumnsSchema>;

/** The rules with every default filled in. */
export interface ReconRules {
  left: SideColumns;
  right: SideColumns;
  flipRight: boolean;
  /** Order of a date column that its values do not decide (or of every column when dateOrderFixed). */
  dateOrder: DateOrder;
  /** The rules named the order: every text date is read in it, whatever the column proves. */
  dateOrderFixed: boolean;
  passes: { exact: boolean; tolerance: boolean; fuzzy: boolean; group: boolean };
  /** Allowed amount difference in minor units (cents/paise), and as a percentage of |left amount|. */
  toleranceCents: number;
  tolerancePercent: number;
  dateWindowDays: number;
  fuzzyDateWindowDays: number;
  fuzzyThreshold: number;
  groupMaxSize: number;
  confidenceThreshold: number;
}

export const DEFAULT_RULES: ReconRules = {
  left: {},
  right: {},
  flipRight: false,
  dateOrder: "DMY",
  dateOrderFixed: false,
  passes: { exact: true, tolerance: true, fuzzy: true, group: true },
  toleranceCents: 100,
  tolerancePercent: 0,
  dateWindowDays: 5,
  fuzzyDateWindowDays: 31,
  fuzzyThreshold: 0.8,
  groupMaxSize: 5,
  confidenceThreshold: 0.9,
};

/** Thrown for a rules file that is not valid JSON or does not fit the schema; the message says what to fix. */
export class RulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulesError";
  }
}

/** Fill the defaults of validated rules. */
export function resolveRules(input: ReconRulesInput = {}): ReconRules {
  const d = DEFAULT_RULES;
  return {
    left: input.left ?? {},
    right: input.right ?? {},
    flipRight: input.flipRight ?? d.flipRight,
    dateOrder: input.dateOrder ?? d.dateOrder,
    dateOrderFixed: input.dateOrder !== undefined,
    passes: { ...d.passes, ...(input.passes ?? {}) },
    toleranceCents: input.tolerance?.amount !== undefined ? Math.round(input.tolerance.amount * 100) : d.toleranceCents,
    tolerancePercent: input.tolerance?.percent ?? d.tolerancePercent,
    dateWindowDays: input.dateWindowDays ?? d.dateWindowDays,
    fuzzyDateWindowDays: input.fuzzyDateWindowDays ?? Math.max(d.fuzzyDateWindowDays, input.dateWindowDays ?? 0),
    fuzzyThreshold: input.fuzzyThreshold ?? d.fuzzyThreshold,
    groupMaxSize: input.groupMaxSize ?? d.groupMaxSize,
    confidenceThreshold: input.confidenceThreshold ?? d.confidenceThreshold,
  };
}

/** Describe a zod issue path the way a person reads the JSON: tolerance.amount, left.date. */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === "number" ? `[${p}]` : String(p)))
    .join(".")
    .replace(/\.\[/g, "[");
}

/** Validate parsed JSON as rules; `source` names the file in messages ("rules.json"). */
export function validateRules(value: unknown, source = "rules"): ReconRulesInput {
  const r = rulesSchema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 3).map((i) => {
    const where = pathText(i.path) || "(top level)";
    let msg = i.message;
    if (i.code === "unrecognized_keys")
      msg = `unknown setting${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => `"${k}"`).join(", ")}; allowed: ${allowedKeys(i.path)}`;
    return `${where}: ${msg}`;
  });
  throw new RulesError(`${source}: ${issues.join("; ")}`);
}

function allowedKeys(path: readonly PropertyKey[]): string {
  const top = path[0];
  if (top === "left" || top === "right") return Object.keys(sideColumnsSchema.shape).join(", ");
  if (top === "passes") return "exact, tolerance, fuzzy, group";
  if (top === "tolerance") return "amount, percent";
  return Object.keys(rulesSchema.shape).join(", ");
}

/** Parse the text of a rules file. */
export function parseRules(text: string, source = "rules.json"): ReconRulesInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new RulesError(`${source}: not valid JSON (${(e as Error).message}); fix the file or leave --rules out`);
  }
  return validateRules(value, source);
}
