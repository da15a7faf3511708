/**
 * Saved statement profiles and restorable runs, as pure data: what a reconciler settled for one bank or
 * account layout (the column mapping, the date order, the sign convention, the tolerances), keyed by the
 * layout's fingerprint (its normalised header row), so next month's export of the same layout is read the
 * same way without asking again. The taskpane stores profiles in the workbook (so the team shares them);
 * nothing here does I/O.
 *
 *   const p = profileFromSide(result.left, result.rules, "HDFC current a/c");
 *   ...next month...
 *   const rules = rulesWithProfiles(input, findProfile(saved, bank.headers), findProfile(saved, ledger.headers));
 */
// Named imports, not the z namespace: the namespace would bring every locale of zod into the command's
// bundle (750 KB to parse at each start); these bring the schemas used here and the English messages.
import { literal, number, object, string, enum as zEnum, type infer as Infer } from "zod";

const z = { literal, number, object, string, enum: zEnum };
import type { TableData } from "../table";
import type { DateOrder } from "../dates";
import { layoutFingerprint, type ColumnMapping } from "./detect";
import type { PreparedSide } from "./columns";
import { sideColumnsSchema, type ReconRules, type ReconRulesInput, type SideColumns } from "./rules";

export const profileSchema = z
  .object({
    version: z.literal(1),
    /** layoutFingerprint of the header row this profile reads. */
    fingerprint: z.string().min(1),
    /** The person's name for it: "HDFC current a/c 1234". */
    name: z.string(),
    /** The bank's view (a statement) or the books'. */
    kind: z.enum(["bank", "book"]),
    columns: sideColumnsSchema,
    /** "reversed" when this layout's amounts meet the other side only with their sign reversed. */
    sign: z.enum(["as-is", "reversed"]),
    tolerance: z.object({ amount: z.number().min(0), percent: z.number().min(0).max(100) }).strict(),
    dateWindowDays: z.number().int().min(0),
    savedAt: z.string(),
  })
  .strict();

export type StatementProfile = Infer<typeof profileSchema>;

/** The header text of each mapped column, as the rules file names columns (restorable on a re-run). */
export function sideColumnsOf(table: Pick<TableData, "headers">, m: ColumnMapping, dateOrder?: DateOrder): SideColumns {
  const h = (i: number) => (i >= 0 ? table.headers[i] : undefined);
  const out: SideColumns = {};
  const put = (k: keyof SideColumns, i: number) => {
    const v = h(i);
    if (v) (out as Record<string, string>)[k] = v;
  };
  put("date", m.date);
  if (m.amount >= 0) {
    put("amount", m.amount);
    put("indicator", m.indicator);
  } else {
    put("debit", m.amountIn);
    put("credit", m.amountOut);
  }
  put("reference", m.reference);
  put("description", m.description);
  put("balance", m.balance);
  if (dateOrder) out.dateOrder = dateOrder;
  return out;
}

/** The mapping a run used for each side, as rules-file columns: save it, pass it back as `rules.left/right`. */
export function mappingOf(r: { left: PreparedSide; right: PreparedSide }): { left: SideColumns; right: SideColumns } {
  const one = (s: PreparedSide) => {
    const d = s.layout.proofs.date;
    return sideColumnsOf(s.table, s.mapping, d.basis === "proven" || d.fixed ? d.order : undefined);
  };
  return { left: one(r.left), right: one(r.right) };
}

/** A profile of one side of a run: its layout's fingerprint, the mapping it used, the run's sign and tolerances. */
export function profileFromSide(
  s: PreparedSide,
  rules: ReconRules,
  name: string,
  savedAt: string = new Date().toISOString(),
): StatementProfile {
  const d = s.layout.proofs.date;
  return {
    version: 1,
    fingerprint: s.layout.fingerprint,
    name,
    kind: s.layout.kind,
    columns: sideColumnsOf(s.table, s.mapping, d.basis === "undecided" && !d.fixed ? undefined : d.order),
    sign: s.side === "right" && rules.flipRight ? "reversed" : "as-is",
    tolerance: { amount: rules.toleranceCents / 100, percent: rules.tolerancePercent },
    dateWindowDays: rules.dateWindowDays,
    savedAt,
  };
}

/** The saved profile for a header row (same fingerprint), or null. */
export function findProfile(
  profiles: readonly StatementProfile[],
  headers: readonly string[],
): StatementProfile | null {
  const f = layoutFingerprint(headers);
  return profiles.find((p) => p.fingerprint === f) ?? null;
}

/** Add or replace (same fingerprint) a profile; the newest first. */
export function upsertProfile(profiles: readonly StatementProfile[], p: StatementProfile): StatementProfile[] {
  return [p, ...profiles.filter((x) => x.fingerprint !== p.fingerprint)];
}

/**
 * Rules for a run with profiles applied: each side's columns from its profile where the rules do not
 * name them, the right profile's sign convention unless the rules say flipRight, the tolerances of the
 * left profile (else the right) unless the rules give them. What the rules say always wins.
 */
export function rulesWithProfiles(
  input: ReconRulesInput,
  left: StatementProfile | null,
  right: StatementProfile | null,
): ReconRulesInput {
  const out: ReconRulesInput = { ...input };
  if (left) out.left = { ...left.columns, ...(input.left ?? {}) };
  if (right) out.right = { ...right.columns, ...(input.right ?? {}) };
  if (input.flipRight === undefined && right) out.flipRight = right.sign === "reversed";
  const t = left ?? right;
  if (t) {
    if (input.tolerance === undefined) out.tolerance = { ...t.tolerance };
    if (input.dateWindowDays === undefined) out.dateWindowDays = t.dateWindowDays;
  }
  return out;
}

/** Profiles read back from storage (JSON text); what does not fit the schema is dropped, never guessed. */
export function parseProfiles(text: string): StatementProfile[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => {
    const r = profileSchema.safeParse(x);
    return r.success ? [r.data] : [];
  });
}
