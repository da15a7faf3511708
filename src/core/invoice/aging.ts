/**
 * Receivables aging buckets by days past due.
 */

import { valueError } from "../errors";
import { serial, show } from "./args";

export const DEFAULT_AGING_EDGES: readonly number[] = [30, 60, 90];

const labelCache = new Map<string, readonly string[]>();

/** Check the edges: non-empty, positive whole numbers in ascending order; else #VALUE!. */
function checkEdges(edges: readonly number[]): void {
  if (!Array.isArray(edges) || edges.length === 0)
    throw valueError(`edges: expected ascending whole numbers of days such as {30,60,90}, got ${show(edges)}`);
  let prev = 0;
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i];
    if (typeof e !== "number" || !Number.isInteger(e) || e <= 0)
      throw valueError(
        `edges: expected positive whole numbers of days such as {30,60,90}, got ${show(e)} at position ${i + 1}`,
      );
    if (e <= prev)
      throw valueError(
        `edges: expected ascending days such as {30,60,90}, but ${e} follows ${prev} at position ${i + 1}`,
      );
    prev = e;
  }
}

/**
 * The bucket labels for a set of edges, Current first:
 * agingLabels([30, 60, 90]) => ["Current", "1-30", "31-60", "61-90", "90+"]
 */
export function agingLabels(edges: readonly number[] = DEFAULT_AGING_EDGES): readonly string[] {
  checkEdges(edges);
  const key = edges.join(",");
  const hit = labelCache.get(key);
  if (hit) return hit;
  const labels = ["Current"];
  let lo = 1;
  for (const e of edges) {
    labels.push(`${lo}-${e}`);
    lo = e + 1;
  }
  labels.push(`${edges[edges.length - 1]}+`);
  const frozen = Object.freeze(labels);
  if (labelCache.size > 500) labelCache.clear();
  labelCache.set(key, frozen);
  return frozen;
}

/**
 * The aging bucket of an item: "Current" when asOf ≤ dueDate (whole days), else the bucket of days past due.
 * agingBucket(45000, 45090) === "61-90"; agingBucket(45000, 45091) === "90+"; agingBucket(45000, 45000) === "Current"
 */
export function agingBucket(dueDate: number, asOf: number, edges: readonly number[] = DEFAULT_AGING_EDGES): string {
  const due = Math.floor(serial(dueDate, "dueDate"));
  const at = Math.floor(serial(asOf, "asOf"));
  const labels = agingLabels(edges);
  const late = at - due;
  if (late <= 0) return labels[0];
  for (let i = 0; i < edges.length; i++) if (late <= edges[i]) return labels[i + 1];
  return labels[labels.length - 1];
}
