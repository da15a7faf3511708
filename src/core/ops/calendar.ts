/**
 * Business calendars: a weekend (NETWORKDAYS.INTL codes or 7-character mask, Monday first) plus holidays.
 * Working days are counted arithmetically by whole weeks (O(1)) and holidays by binary search (O(log h)),
 * so long ranges cost the same as short ones.
 */

import { MAX_SERIAL } from "../dates";
import { numError, valueError } from "../errors";
import { show } from "../invoice/args";

export type Weekend = string | number;

/** The weekday layout of a weekend: which Mon0 weekdays work, and prefix counts for whole-week arithmetic. */
export interface WeekPattern {
  /** mask[i] true when weekday i (Monday = 0) is a weekend day. */
  readonly off: readonly boolean[];
  /** Working days per week (1-7). */
  readonly perWeek: number;
  /** prefix[i] = working weekdays among Monday..weekday i-1 (prefix[7] = perWeek). */
  readonly prefix: readonly number[];
  /** byRank[r] = weekday index of the r-th working weekday of a week (1-based r). */
  readonly byRank: readonly number[];
  readonly label: string;
}

/** NETWORKDAYS.INTL weekend numbers, as 7-character Monday-first masks (Microsoft's table). */
export const WEEKEND_CODES: Readonly<Record<number, string>> = {
  1: "0000011", // Saturday, Sunday
  2: "1000001", // Sunday, Monday
  3: "1100000", // Monday, Tuesday
  4: "0110000", // Tuesday, Wednesday
  5: "0011000", // Wednesday, Thursday
  6: "0001100", // Thursday, Friday
  7: "0000110", // Friday, Saturday
  11: "0000001", // Sunday only
  12: "1000000", // Monday only
  13: "0100000", // Tuesday only
  14: "0010000", // Wednesday only
  15: "0001000", // Thursday only
  16: "0000100", // Friday only
  17: "0000010", // Saturday only
};

const patterns = new Map<string, WeekPattern>();

function patternOf(mask: string): WeekPattern {
  let p = patterns.get(mask);
  if (p) return p;
  const off = [...mask].map((c) => c === "1");
  const prefix = [0];
  const byRank = [-1];
  for (let i = 0; i < 7; i++) {
    prefix.push(prefix[i] + (off[i] ? 0 : 1));
    if (!off[i]) byRank.push(i);
  }
  p = Object.freeze({ off, perWeek: prefix[7], prefix, byRank, label: mask });
  patterns.set(mask, p);
  return p;
}

const SAT_SUN = patternOf("0000011");
const BY_CODE: Record<number, WeekPattern> = {};
for (const [code, mask] of Object.entries(WEEKEND_CODES)) BY_CODE[Number(code)] = patternOf(mask);

const WEEKEND_HELP =
  'a 7-character string of 0 (working) and 1 (weekend), Monday first, such as "0000011", or a NETWORKDAYS.INTL ' +
  "weekend number 1-7 or 11-17";

export interface WeekendOptions {
  /** Read numeric text such as "7" as the number (WORKHOURS, whose weekend comes from a cell). */
  lenient?: boolean;
  /** Accept "1111111" (no working day): NETWORKDAYS.INTL then counts 0; WORKDAY.INTL rejects it (#VALUE!). */
  allowNoWorkday?: boolean;
}

const STRICT: WeekendOptions = Object.freeze({});

/**
 * The week pattern of a weekend argument as NETWORKDAYS.INTL reads it: a number 1-7 or 11-17 (other numbers #NUM!)
 * or a 7-character 0/1 string, Monday first (anything else #VALUE!).
 */
export function weekPattern(
  weekend: Weekend | undefined | null,
  param = "weekend",
  opts: WeekendOptions = STRICT,
): WeekPattern {
  if (weekend === undefined || weekend === null || weekend === "") return SAT_SUN;
  if (typeof weekend === "string") {
    const known = patterns.get(weekend);
    if (known && (known.perWeek > 0 || opts.allowNoWorkday)) return known;
  }
  if (typeof weekend === "number") {
    const p = BY_CODE[weekend];
    if (!p) throw numError(`${param}: ${weekend} is not a weekend number; expected ${WEEKEND_HELP}`);
    return p;
  }
  if (typeof weekend === "string") {
    const t = opts.lenient ? weekend.trim() : weekend;
    if (/^[01]{7}$/.test(t)) {
      if (t === "1111111" && !opts.allowNoWorkday)
        throw valueError(`${param}: "1111111" leaves no working day; expected ${WEEKEND_HELP}`);
      return patternOf(t);
    }
    if (opts.lenient && /^\d{1,2}$/.test(t)) return weekPattern(Number(t), param);
  }
  throw valueError(`${param}: expected ${WEEKEND_HELP}, got ${show(weekend)}`);
}

/** A calendar: week pattern plus the holidays that fall on its working weekdays, sorted and without duplicates. */
export interface Calendar {
  week: WeekPattern;
  holidays: readonly number[];
}

/**
 * Normalise holidays as Excel does: each truncated to a whole day, those on weekend days dropped (a holiday on a
 * weekend counts once), duplicates removed, sorted; blank cells skipped. Each must be a date serial 0..2958465,
 * else #NUM!.
 */
export function calendarOf(
  weekend: Weekend | undefined | null,
  holidays: readonly number[] | undefined | null,
  opts: WeekendOptions = STRICT,
): Calendar {
  const week = weekPattern(weekend, "weekend", opts);
  if (holidays === undefined || holidays === null || holidays.length === 0) return plainCalendar(week);
  if (!Array.isArray(holidays)) throw valueError(`holidays: expected a list of dates, got ${show(holidays)}`);
  // Fast path: already whole, ascending, all on working days (the usual typed-in holiday list).
  let clean = true;
  let prev = -Infinity;
  for (let i = 0; i < holidays.length; i++) {
    const h = holidays[i];
    if (isBlank(h)) {
      clean = false;
      break;
    }
    checkHoliday(h, i);
    if (!Number.isInteger(h) || h <= prev || week.off[weekday(h)]) {
      clean = false;
      break;
    }
    prev = h;
  }
  if (clean) return { week, holidays };
  // The same list again (a column of calls sharing one holiday range): reuse the normalised one.
  if (week === memo.week && sameList(holidays, memo.input)) return memo.cal;
  const cal = { week, holidays: normalise(week, holidays) };
  memo = { week, input: holidays.slice(), cal };
  return cal;
}

let memo: { week: WeekPattern | null; input: readonly number[]; cal: Calendar } = {
  week: null,
  input: [],
  cal: { week: patternOf("0000011"), holidays: [] },
};

function sameList(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function normalise(week: WeekPattern, holidays: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < holidays.length; i++) {
    const h = holidays[i];
    if (isBlank(h)) continue; // an empty cell of the holiday range
    checkHoliday(h, i);
    const d = Math.floor(h);
    if (!week.off[weekday(d)]) out.push(d);
  }
  out.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i];
  out.length = n;
  return out;
}

function isBlank(h: unknown): boolean {
  return h === null || h === undefined || h === "";
}

/** No holidays: one shared, read-only list. */
export const NO_HOLIDAYS: readonly number[] = Object.freeze([]);

const plain = new Map<WeekPattern, Calendar>();

/** The calendar of a week pattern without holidays (one shared object per pattern). */
function plainCalendar(week: WeekPattern): Calendar {
  let c = plain.get(week);
  if (!c) {
    c = Object.freeze({ week, holidays: NO_HOLIDAYS });
    plain.set(week, c);
  }
  return c;
}

function checkHoliday(h: number, i: number): void {
  if (typeof h !== "number" || !Number.isFinite(h))
    throw valueError(`holidays: expected dates, got ${show(h)} at position ${i + 1}`);
  if (h < 0 || h >= MAX_SERIAL + 1)
    throw numError(`holidays: ${h} at position ${i + 1} is not a date serial (expected 0 to ${MAX_SERIAL})`);
}

/** Monday = 0 ... Sunday = 6 of a whole serial (Excel's weekdays: serial 1 is a Sunday). Works for serials >= -5. */
export function weekday(day: number): number {
  return (day + 5) % 7;
}

/** Working weekdays (holidays ignored) among serials < day, counted from serial -5 (a Monday). day >= -5. */
function weekdaysBefore(week: WeekPattern, day: number): number {
  const u = day + 5;
  const w = Math.floor(u / 7);
  return w * week.perWeek + week.prefix[u - w * 7];
}

/** The serial of the c-th working weekday counted from serial -5 (c >= 1). */
function nthWeekday(week: WeekPattern, c: number): number {
  const w = Math.floor((c - 1) / week.perWeek);
  const r = c - w * week.perWeek;
  return w * 7 + week.byRank[r] - 5;
}

/** Holidays h with a <= h <= b (binary search). */
export function holidaysBetween(hs: readonly number[], a: number, b: number): number {
  if (hs.length === 0 || b < a) return 0;
  return lowerBound(hs, b + 1) - lowerBound(hs, a);
}

function lowerBound(hs: readonly number[], x: number): number {
  let lo = 0;
  let hi = hs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a whole serial is a working day of the calendar. */
export function isWorkday(cal: Calendar, day: number): boolean {
  if (cal.week.off[weekday(day)]) return false;
  const hs = cal.holidays;
  if (hs.length === 0) return true;
  const i = lowerBound(hs, day);
  return !(i < hs.length && hs[i] === day);
}

/** Working days in [a, b] (whole serials, a <= b, a >= -5), holidays excluded. 0 when b < a. */
export function countWorkdays(cal: Calendar, a: number, b: number): number {
  if (b < a) return 0;
  return weekdaysBefore(cal.week, b + 1) - weekdaysBefore(cal.week, a) - holidaysBetween(cal.holidays, a, b);
}

/**
 * The date `days` working days after (days > 0) or before (days < 0) start, as WORKDAY.INTL: start itself is not
 * counted; days = 0 returns start. Whole serials. Holidays by fixed-point iteration: each pass adds the holidays
 * found in the span, a monotone sequence that stops at the first working day with the right count.
 */
export function addWorkdays(cal: Calendar, start: number, days: number): number {
  const { week, holidays } = cal;
  if (days === 0) return start;
  if (days > 0) {
    const base = weekdaysBefore(week, start + 1);
    let extra = 0;
    for (;;) {
      const x = nthWeekday(week, base + days + extra);
      const h = holidaysBetween(holidays, start + 1, x);
      if (h === extra) return x;
      extra = h;
    }
  }
  const base = weekdaysBefore(week, start);
  let extra = 0;
  for (;;) {
    const c = base + days - extra + 1;
    if (c < 1) return -Infinity;
    const x = nthWeekday(week, c);
    const h = holidaysBetween(holidays, x, start - 1);
    if (h === extra) return x;
    extra = h;
  }
}
