/**
 * Effective-dated rate tables: statutory figures are data, one row per period in force, each citing its source.
 * A lookup outside every row is #N/A with a message, never a silent fallback to the nearest table.
 */

import { serialFromIso } from "../dates";
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
  const span = open
    ? `from ${first} on`
    : `${first} to ${table.reduce((a, r) => (r.to! > a ? r.to! : a), table[0].to!)}`;
  throw naError(`${what}: no table in force on ${iso}; the tables cover ${span}`);
}

/** A row with its period as serials, for lookups by date serial on the hot path. */
export interface InForce<T extends Effective> {
  row: T;
  fromSerial: number;
  toSerial: number;
}

/** Precompute the serial range of each row: inForceIndex(EPF_RATES). */
export function inForceIndex<T extends Effective>(table: readonly T[]): InForce<T>[] {
  return table.map((row) => ({
    row,
    fromSerial: serialFromIso(row.from)!,
    toSerial: row.to === null ? Infinity : serialFromIso(row.to)! + 0.99999999,
  }));
}

/** The row in force on a date serial (time of day ignored); #N/A as pickInForce when none. */
export function pickBySerial<T extends Effective>(
  index: readonly InForce<T>[],
  serial: number,
  what: string,
  iso: (s: number) => string,
): T {
  const day = Math.floor(serial);
  for (let i = 0; i < index.length; i++) {
    const r = index[i];
    if (day >= r.fromSerial && day <= r.toSerial) return r.row;
  }
  return pickInForce(
    index.map((r) => r.row),
    iso(day),
    what,
  );
}
