/**
 * Effective-dated rate tables: statutory figures are data, one row per period in force, each citing its source.
 * A lookup outside every row is #N/A with a message, never a silent fallback to the nearest table.
 */

import { naError } from "../errors";

/** One row of a rate table: in force from `from` to `to` (ISO dates, inclusive; `to: null` = until amended). */
export interface Effective {
  from: string;
  to: string | null;
  /** Act / notification / publication and section the figures come from (URL-free citation text). */
  source: string;
}

/**
 * The row in force on an ISO date: pickInForce(EPF_RATES, "2025-04-01", "EPF rates") is the row from 2018-06-01.
 * Throws #N/A when no row covers the date.
 */
export function pickInForce<T extends Effective>(table: readonly T[], iso: string, what: string): T {
  for (const row of table) if (row.from <= iso && (row.to === null || iso <= row.to)) return row;
  const first = table.reduce((a, r) => (r.from < a ? r.from : a), table[0].from);
  const open = table.some((r) => r.to === null);
  const last = open ? "until amended" : table.reduce((a, r) => (r.to! > a ? r.to! : a), table[0].to!);
  throw naError(`${what}: no table in force on ${iso}; the tables cover ${first} to ${last}`);
}
