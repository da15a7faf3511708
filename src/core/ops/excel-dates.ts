/**
 * Excel's working-day and 360-day built-ins, to the letter, for reports and cross-checks:
 * NETWORKDAYS, NETWORKDAYS.INTL, WORKDAY, WORKDAY.INTL, DAYS360.
 * Dates are serials (1900 system); like Excel, every date argument is truncated to a whole day and
 * a date outside 0..2958465 (9999-12-31) is #NUM!.
 */

import { MAX_SERIAL, ymdFromSerial } from "../dates";
import { numError } from "../errors";
import { finite } from "../invoice/args";
import { NO_HOLIDAYS, addWorkdays, calendarOf, countWorkdays, type Weekend } from "./calendar";

/** NETWORKDAYS.INTL counts 0 working days for "1111111" (Microsoft: "Using 1111111 will always return 0"). */
const COUNTING = Object.freeze({ allowNoWorkday: true });

function day(x: number, param: string): number {
  finite(x, param);
  if (x < 0 || x >= MAX_SERIAL + 1)
    throw numError(`${param}: expected a date (an Excel serial from 0 to ${MAX_SERIAL}), got ${x}`);
  return Math.floor(x);
}

/**
 * NETWORKDAYS.INTL: whole working days from start to end inclusive; negative when end is before start.
 * networkdaysIntl(serialFromYmd(2006,1,1), serialFromYmd(2006,1,31), 7) === 22 (Microsoft's example)
 */
export function networkdaysIntl(
  start: number,
  end: number,
  weekend: Weekend = 1,
  holidays: readonly number[] = NO_HOLIDAYS,
): number {
  const s = day(start, "start");
  const e = day(end, "end");
  const cal = calendarOf(weekend, holidays, COUNTING);
  return s <= e ? countWorkdays(cal, s, e) : -countWorkdays(cal, e, s);
}

/** NETWORKDAYS: NETWORKDAYS.INTL with the Saturday-Sunday weekend. */
export function networkdays(start: number, end: number, holidays: readonly number[] = NO_HOLIDAYS): number {
  return networkdaysIntl(start, end, 1, holidays);
}

/**
 * WORKDAY.INTL: the date `days` working days after (or before, days < 0) start; days is truncated toward zero;
 * 0 returns start. A result outside 1..2958465 is #NUM!.
 */
export function workdayIntl(
  start: number,
  days: number,
  weekend: Weekend = 1,
  holidays: readonly number[] = NO_HOLIDAYS,
): number {
  const s = day(start, "start");
  const n = Math.trunc(finite(days, "days"));
  const cal = calendarOf(weekend, holidays);
  if (Math.abs(n) > MAX_SERIAL) throw numError(`days: ${days} working days lands outside Excel's dates`);
  const r = addWorkdays(cal, s, n);
  if (!(r >= 1 && r <= MAX_SERIAL)) throw numError(`days: ${days} working days from start lands outside 1900-9999`);
  return r;
}

/** WORKDAY: WORKDAY.INTL with the Saturday-Sunday weekend. */
export function workday(start: number, days: number, holidays: readonly number[] = NO_HOLIDAYS): number {
  return workdayIntl(start, days, 1, holidays);
}

/**
 * DAYS360 as Excel computes it. US (NASD, european = false): a start date on the 31st or on the last day of
 * February becomes the 30th; an end date on the 31st becomes the 30th when the (adjusted) start day is the 30th,
 * otherwise it stays (counting as the 1st of the next month). European: any 31st becomes the 30th.
 * No swapping: when start is after end the same rules give a negative count (Excel: 31-Mar-2000 to 02-Feb-1999
 * is -418). February follows Excel's own calendar, in which 1900 has a 29th (serial 60).
 * days360(serialFromYmd(2011,1,30), serialFromYmd(2011,2,1)) === 1 (Microsoft's example)
 */
export function days360(start: number, end: number, european = false): number {
  const a = ymdFromSerial(day(start, "start"));
  const b = ymdFromSerial(day(end, "end"));
  let d1 = a.d;
  let d2 = b.d;
  if (d1 === 31) d1 = 30;
  else if (!european && a.m === 2 && d1 === lastOfFebruary(a.y)) d1 = 30;
  if (d2 === 31) {
    if (european || d1 === 30) d2 = 30;
  }
  return (b.y - a.y) * 360 + (b.m - a.m) * 30 + (d2 - d1);
}

/** Last day of February in Excel's calendar (1900 is a leap year there). */
function lastOfFebruary(y: number): number {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 || y === 1900 ? 29 : 28;
}
