/**
 * Working hours between two timestamps on a business calendar, and SLA checks on them.
 * Exact to the second: timestamps are read to the nearest second and all counting is in integer seconds.
 */

import { MAX_SERIAL } from "../dates";
import { ExcelError, numError, valueError } from "../errors";
import { decOf } from "../invoice/exact";
import { mul, pow10 } from "../money";
import { finite, show } from "../invoice/args";
import { NO_HOLIDAYS, calendarOf, countWorkdays, isWorkday, type Calendar, type Weekend } from "./calendar";

const DAY = 86_400;
/** WORKHOURS reads its weekend from a cell ("7" is the number 7) and, like NETWORKDAYS.INTL, allows "1111111". */
const FROM_CELLS = Object.freeze({ lenient: true, allowNoWorkday: true });

const timeCache = new Map<string, number | ExcelError>();

/**
 * Seconds after midnight of a time of day: "09:00", "9:30", "18:00:00", "6:30 PM", or a fraction of a day
 * (0.375 = 09:00, as Excel stores times). "24:00" (or 1) is allowed for the end of the day only.
 */
export function timeOfDay(
  t: string | number | undefined | null,
  param: string,
  fallback: number,
  allow24 = false,
): number {
  if (t === undefined || t === null || t === "") return fallback;
  if (typeof t === "number") {
    if (!Number.isFinite(t) || t < 0 || t > 1 || (t === 1 && !allow24)) {
      const hint = Number.isFinite(t) && t >= 1 && t <= 24 && Number.isInteger(t) ? ` — did you mean "${t}:00"?` : "";
      throw valueError(`${param}: expected a time such as "09:00" or a fraction of a day (0.375), got ${t}${hint}`);
    }
    return Math.round(t * DAY);
  }
  if (typeof t !== "string") throw valueError(`${param}: expected a time such as "09:00", got ${show(t)}`);
  let hit = timeCache.get(t);
  if (hit === undefined) {
    hit = parseClock(t, param);
    if (timeCache.size > 1000) timeCache.clear();
    timeCache.set(t, hit);
  }
  if (hit instanceof ExcelError) throw new ExcelError(hit.code, hit.message.replace(/^[^:]+:/, `${param}:`));
  if (hit === DAY && !allow24) throw valueError(`${param}: "24:00" is only allowed as the end of the working day`);
  return hit;
}

function parseClock(text: string, param: string): number | ExcelError {
  const m = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  const bad = valueError(`${param}: expected a time such as "09:00", "17:30" or "6:30 PM", got ${show(text)}`);
  if (!m || (m[2] === undefined && !m[4])) return bad;
  let h = Number(m[1]);
  const mi = Number(m[2] ?? 0);
  const s = Number(m[3] ?? 0);
  if (m[4]) {
    if (h < 1 || h > 12) return bad;
    h = (h % 12) + (m[4][0].toLowerCase() === "p" ? 12 : 0);
  }
  if (mi > 59 || s > 59) return bad;
  const secs = h * 3600 + mi * 60 + s;
  if (secs > DAY) return bad;
  return secs;
}

function stamp(x: number, param: string): number {
  finite(x, param);
  if (x < 0 || x >= MAX_SERIAL + 1)
    throw numError(`${param}: expected a date-time (an Excel serial from 0 to ${MAX_SERIAL}), got ${x}`);
  return Math.round(x * DAY);
}

interface Window {
  start: number; // seconds after midnight the working window opens
  length: number; // seconds it lasts (an overnight shift, dayEnd before dayStart, ends the next day)
}

let lastWindow: { a: unknown; b: unknown; w: Window } = {
  a: "09:00",
  b: "18:00",
  w: { start: 9 * 3600, length: 9 * 3600 },
};

function windowOf(dayStart: string | number | undefined, dayEnd: string | number | undefined): Window {
  if (dayStart === lastWindow.a && dayEnd === lastWindow.b) return lastWindow.w;
  const w = computeWindow(dayStart, dayEnd);
  lastWindow = { a: dayStart, b: dayEnd, w };
  return w;
}

function computeWindow(dayStart: string | number | undefined, dayEnd: string | number | undefined): Window {
  const ds = timeOfDay(dayStart, "dayStart", 9 * 3600);
  const de = timeOfDay(dayEnd, "dayEnd", 18 * 3600, true);
  if (de === ds)
    throw valueError(`dayEnd: the working day must have a length; dayStart and dayEnd are both ${show(dayEnd)}`);
  return { start: ds, length: de > ds ? de - ds : de + DAY - ds };
}

/**
 * Working seconds from t0 to t1 (seconds since serial 0, t0 <= t1). Working day d contributes the overlap of
 * [t0, t1] with its window [d + dayStart, d + dayStart + length]; windows never overlap (length <= 24h).
 */
function workSeconds(cal: Calendar, w: Window, t0: number, t1: number): number {
  const d0 = Math.floor((t0 - w.start) / DAY); // the day whose window starts last at or before t0
  const d1 = Math.floor((t1 - w.start) / DAY);
  // Full windows of the days d0 .. d1-1, minus what of d0's window lies before t0, plus d1's window up to t1.
  return w.length * countWorkdays(cal, d0, d1 - 1) - into(cal, w, t0, d0) + into(cal, w, t1, d1);
}

/** Seconds of day d's window before time t (t at or after the window opens). */
function into(cal: Calendar, w: Window, t: number, d: number): number {
  return isWorkday(cal, d) ? Math.min(t - d * DAY - w.start, w.length) : 0;
}

/**
 * Working hours between two timestamps (serials with the time as fraction) on a business calendar: each working day
 * contributes the overlap of [start, end] with its working window [dayStart, dayEnd] (an overnight window, dayEnd
 * before dayStart, belongs to the day it starts on). weekend as NETWORKDAYS.INTL (mask "0000011" Monday first, or
 * codes 1-7, 11-17); holidays are serials (truncated; a holiday on a weekend counts once).
 * When end is before start the result is negative (as NETWORKDAYS). Timestamps are taken to the nearest second
 * and the hours are whole seconds / 3600 (one exact division, so no float noise to round away).
 * workHours(serialFromYmd(2025,1,3) + 16/24, serialFromYmd(2025,1,6) + 11/24) === 4 (Fri 16:00 to Mon 11:00)
 */
export function workHours(
  start: number,
  end: number,
  dayStart: string | number = "09:00",
  dayEnd: string | number = "18:00",
  holidays: readonly number[] = NO_HOLIDAYS,
  weekend: Weekend = "0000011",
): number {
  const secs = workSecondsBetween(start, end, dayStart, dayEnd, holidays, weekend, "start", "end");
  return secs === 0 ? 0 : secs / 3600;
}

function workSecondsBetween(
  start: number,
  end: number,
  dayStart: string | number | undefined,
  dayEnd: string | number | undefined,
  holidays: readonly number[] | undefined,
  weekend: Weekend | undefined,
  startParam: string,
  endParam: string,
): number {
  const t0 = stamp(start, startParam);
  const t1 = stamp(end, endParam);
  const w = windowOf(dayStart, dayEnd);
  const cal = calendarOf(weekend, holidays, FROM_CELLS);
  return t0 <= t1 ? workSeconds(cal, w, t0, t1) : -workSeconds(cal, w, t1, t0);
}

/**
 * TRUE when the working hours from received to completed are at most slaHours (compared exactly, in seconds).
 * completed before received is #NUM! (a ticket cannot close before it opens); slaHours must be 0 or more.
 */
export function slaMet(
  received: number,
  completed: number,
  slaHours: number,
  dayStart: string | number = "09:00",
  dayEnd: string | number = "18:00",
  holidays: readonly number[] = NO_HOLIDAYS,
  weekend: Weekend = "0000011",
): boolean {
  finite(slaHours, "slaHours");
  if (slaHours < 0) throw numError(`slaHours: expected hours of 0 or more, got ${slaHours}`);
  const secs = workSecondsBetween(received, completed, dayStart, dayEnd, holidays, weekend, "received", "completed");
  if (secs < 0 || completed < received) throw numError(`completed: is before received; check the two timestamps`);
  // secs <= slaHours × 3600, exactly: secs × 10^s <= m × 3600
  const h = decOf(slaHours);
  const lhs = mul(secs, pow10(h.s)); // exact: slaHours of 1e-320 has 335 decimals
  const rhs = mul(h.m, 3600);
  return typeof lhs === "number" && typeof rhs === "number" ? lhs <= rhs : BigInt(lhs) <= BigInt(rhs);
}
