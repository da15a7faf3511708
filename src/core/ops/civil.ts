/**
 * Allocation-light calendar arithmetic on Excel serials for the hot paths (DAYS360, EDATE in LATEINTEREST):
 * Howard Hinnant's days_from_civil / civil_from_days (http://howardhinnant.github.io/date_algorithms.html),
 * pure integer arithmetic, no Date objects. Same results as src/core/dates.ts (tests/unit/dates-excel.test.ts
 * checks every serial), including Excel's fictitious 1900-02-29 (serial 60) and serial 0 (1900-01-00).
 */

import type { Ymd } from "../dates";

/** Days from 1970-01-01 of serial 61 (1900-03-01) minus 61: serial s >= 61 is day s - 25569. */
const OFFSET_AFTER = 25569;
const OFFSET_BEFORE = 25568;

/** Calendar date of a whole serial (Excel's calendar): civil(60) => {1900, 2, 29}; civil(45747) => {2025, 3, 31}. */
export function civil(serial: number): Ymd {
  if (serial === 60) return { y: 1900, m: 2, d: 29 };
  if (serial === 0) return { y: 1900, m: 1, d: 0 };
  let z = (serial > 60 ? serial - OFFSET_AFTER : serial - OFFSET_BEFORE) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  z = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y: z, m, d };
}

/** Serial of a valid calendar date (1900-01-01 .. 9999-12-31; 1900-02-29 is 60, as in Excel). */
export function serialOf(y: number, m: number, d: number): number {
  if (y === 1900 && m === 2 && d === 29) return 60;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  const s = days + OFFSET_AFTER;
  return s >= 61 ? s : s - 1;
}

/** Days in a month of the real (Gregorian) calendar. */
export function monthDays(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** EDATE on a whole serial: the same day `months` later, clipped to the month's end (as src/core/dates.ts edate). */
export function addMonths(serial: number, months: number): number {
  const { y, m, d } = civil(serial);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return serialOf(ny, nm, Math.min(d, monthDays(ny, nm)));
}
