/**
 * The review queue as plain data: the suggested matches of a run with a person's decisions, the items
 * left over with their category and suggested action (core/recon/categories.ts), the filters (by rule,
 * category and amount) and bulk acceptance. Pure: the view renders it, the tests check it.
 */
import { parseAmount } from "../../../core/money";
import {
  applyDecisions,
  descriptionOf,
  matchKey,
  referenceOf,
  reviewItems,
  summaryCents,
  type ReconDecision,
  type ReconResult,
  type ReviewItem,
} from "../../../core/recon";

export type Decision = ReconDecision["decision"];
export type Decisions = ReadonlyMap<string, Decision>;

export interface QueueRow {
  key: string;
  id: string;
  rule: string;
  score: number;
  differenceCents: number;
  reason: string;
  /** Worksheet rows and amounts of each side's items. */
  left: { row: number; cents: number; text: string }[];
  right: { row: number; cents: number; text: string }[];
  /** The larger of the two sides' totals, unsigned: what the amount filter compares. */
  sizeCents: number;
  decision: Decision | null;
}

export function decisionList(d: Decisions): ReconDecision[] {
  return [...d].map(([key, decision]) => ({ key, decision }));
}

/**
 * Every suggestion of the run, as the engine proposed it (from the undecided run, so a rejected one stays
 * in the queue to be taken back), with its decision; ids as the undecided run numbers them.
 */
export function queueRows(result: ReconResult, decisions: Decisions): QueueRow[] {
  const base = result.base ?? result;
  const text = (s: ReconResult["left"], i: number) => (descriptionOf(s, i) || referenceOf(s, i)).trim();
  return base.matches
    .filter((m) => m.status === "suggested")
    .map((m) => {
      const key = matchKey(base, m);
      const left = m.left.map((i) => ({ row: base.left.row[i], cents: base.left.cents[i], text: text(base.left, i) }));
      const right = m.right.map((j) => ({
        row: base.right.row[j],
        cents: base.right.cents[j],
        text: text(base.right, j),
      }));
      const sum = (xs: { cents: number }[]) => Math.abs(xs.reduce((a, x) => a + x.cents, 0));
      return {
        key,
        id: m.id,
        rule: m.rule,
        score: m.score,
        differenceCents: m.differenceCents,
        reason: m.reason,
        left,
        right,
        sizeCents: Math.max(sum(left), sum(right)),
        decision: decisions.get(key) ?? null,
      };
    });
}

/** The run as decided so far: what is matched, the items left over with their categories, the totals. */
export function decidedView(result: ReconResult, decisions: Decisions) {
  const decided = applyDecisions(result, decisionList(decisions));
  return { decided, review: reviewItems(decided), summary: summaryCents(decided) };
}

export interface QueueFilters {
  /** "" any rule. */
  rule: string;
  /** "" any category. */
  category: string;
  /** Amount bounds as typed ("" none), compared with the unsigned amount. */
  min: string;
  max: string;
}

export const NO_FILTERS: QueueFilters = { rule: "", category: "", min: "", max: "" };

export interface AmountRange {
  min: number | null;
  max: number | null;
}

/** The amount bounds in minor units, or what to fix ("Amount from: ..."). */
export function amountRange(f: QueueFilters): { range: AmountRange } | { error: string } {
  const one = (label: string, text: string): number | null | string => {
    if (!text.trim()) return null;
    const p = parseAmount(text);
    return p.ok ? Math.abs(p.cents) : `${label}: ${p.message}`;
  };
  const min = one("Amount from", f.min);
  const max = one("Amount to", f.max);
  if (typeof min === "string") return { error: min };
  if (typeof max === "string") return { error: max };
  if (min !== null && max !== null && min > max)
    return { error: "Amount from is more than Amount to: swap them or clear one" };
  return { range: { min, max } };
}

const inRange = (cents: number, r: AmountRange) =>
  (r.min === null || Math.abs(cents) >= r.min) && (r.max === null || Math.abs(cents) <= r.max);

export function filterQueue(rows: readonly QueueRow[], f: QueueFilters, r: AmountRange): QueueRow[] {
  return rows.filter((x) => (!f.rule || x.rule === f.rule) && inRange(x.sizeCents, r));
}

export function filterItems(items: readonly ReviewItem[], f: QueueFilters, r: AmountRange): ReviewItem[] {
  return items.filter((x) => (!f.category || x.category === f.category) && inRange(x.amountCents, r));
}

/** The suggestions bulk accept would take: shown, not decided yet, scoring at least `min`. */
export function bulkCandidates(rows: readonly QueueRow[], min: number): QueueRow[] {
  return rows.filter((x) => x.decision === null && x.score >= min - 1e-9);
}

/**
 * A decision taken with a key (A or R) on a row: the same decision again takes it back. Returns the new
 * decisions and what the row now is.
 */
export function toggle(
  d: Decisions,
  key: string,
  decision: Decision,
): { next: Map<string, Decision>; now: Decision | null } {
  const next = new Map(d);
  if (next.get(key) === decision) {
    next.delete(key);
    return { next, now: null };
  }
  next.set(key, decision);
  return { next, now: decision };
}

/** Money in and money out of a list of items, kept apart (one would hide the other in a single total). */
export function inAndOut(items: readonly { amountCents: number }[]): { inCents: number; outCents: number } {
  let inCents = 0;
  let outCents = 0;
  for (const x of items)
    if (x.amountCents >= 0) inCents += x.amountCents;
    else outCents += x.amountCents;
  return { inCents, outCents };
}
