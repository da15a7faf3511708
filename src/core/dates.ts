/**
 * Excel date serials, 1900 date system: serial 1 is 1900-01-01, serial 60 is the fictitious
 * 1900-02-29 (kept for Lotus 1-2-3 compatibility), serial 61 is 1900-03-01. Time of day is the
 * fraction. All calendar work is done in UTC so no time zone can shift a date.
 */

const MS_PER_DAY = 86_400_000;
/** Date.UTC(1899, 11, 31): the day before serial 1. */
const EPOCH_1899_12_31 = Date.UTC(1899, 11, 31);
/** Largest serial Excel accepts: 9999-12-31. */
export const MAX_SERIAL = 2_958_465;

export interface Ymd {
  y: number;
  m: number; // 1-12
  d: number; // 1-31
}

/** True for Gregorian leap years (1900 is not one, whatever Excel says). */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/*
 * Calendar arithmetic without Date objects (it sits on the hot paths of EDATE, DAYS360 and LATEINTEREST):
 * Howard Hinnant's days_from_civil / civil_from_days (http://howardhinnant.github.io/date_algorithms.html), pure
 * integer arithmetic on days since 1970-01-01 in the proleptic Gregorian calendar. utcDays keeps Date.UTC's
 * reading of its arguments (each truncated, years 0-99 are 1900-1999, month and day overflow roll over, NaN
 * beyond Date's +-10^8 days), which is what serialFromYmd and daysInMonth have always promised.
 */

/** Days from 1970-01-01 of serial 0 (1899-12-31): a serial s >= 61 is day s - 25569, a serial s < 60 day s - 25568. */
const SERIAL0_DAYS = -25568;
/** Date's range: +-10^8 days from 1970-01-01. */
const MAX_DAYS = 100_000_000;

/** Days since 1970-01-01 of Date.UTC(y, monthIndex, d) (monthIndex 0-11 is January-December). */
function utcDays(y: number, monthIndex: number, d: number): number {
  let yy = Math.trunc(y);
  if (yy >= 0 && yy <= 99) yy += 1900;
  const total = yy * 12 + Math.trunc(monthIndex);
  yy = Math.floor(total / 12);
  const mm = total - yy * 12 + 1; // 1-12
  if (mm <= 2) yy--;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mm > 2 ? mm - 3 : mm + 9) + 2) / 5) + Math.trunc(d) - 1;
  const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  return Math.abs(days) <= MAX_DAYS ? days : NaN;
}

/** Calendar date of a whole number of days since 1970-01-01 (NaN fields beyond Date's range, as a Date gives). */
function civilFromDays(days: number): Ymd {
  if (!(Math.abs(days) <= MAX_DAYS)) return { y: NaN, m: NaN, d: NaN };
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Days in a month of the real calendar: daysInMonth(2024, 2) === 29 (month overflow rolls over, as in Date.UTC). */
export function daysInMonth(y: number, m: number): number {
  return civilFromDays(utcDays(y, m, 0)).d;
}

/**
 * Serial of a calendar date, with month and day overflow rolled over as Excel's DATE does.
 * serialFromYmd(1900, 3, 1) === 61; serialFromYmd(2025, 3, 31) === 45747; serialFromYmd(1900, 2, 29) === 60
 */
export function serialFromYmd(y: number, m: number, d: number): number {
  if (y === 1900 && m === 2 && d === 29) return 60;
  const s = utcDays(y, m - 1, d) - SERIAL0_DAYS;
  return s >= 60 ? s + 1 : s;
}

/**
 * Calendar date of a serial (the fraction is ignored).
 * ymdFromSerial(60) => { y: 1900, m: 2, d: 29 }; ymdFromSerial(45747) => { y: 2025, m: 3, d: 31 }
 */
export function ymdFromSerial(serial: number): Ymd {
  const s = Math.floor(serial);
  if (s === 60) return { y: 1900, m: 2, d: 29 };
  if (s === 0) return { y: 1900, m: 1, d: 0 };
  return civilFromDays((s > 60 ? s - 1 : s) + SERIAL0_DAYS);
}

/** Serial of a JS Date's UTC instant, with the time as the fraction (ExcelJS reads dates as UTC). */
export function serialFromDate(date: Date): number {
  const days = (date.getTime() - EPOCH_1899_12_31) / MS_PER_DAY;
  return days >= 60 ? days + 1 : days;
}

/** The UTC Date of a serial (fraction included). serial 60 has no real date: it maps to 1900-03-01. */
export function dateFromSerial(serial: number): Date {
  const days = serial > 60 ? serial - 1 : serial;
  return new Date(EPOCH_1899_12_31 + Math.round(days * MS_PER_DAY));
}

/** Today in the caller's local calendar, as a whole serial. */
export function todaySerial(now: Date = new Date()): number {
  return serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** "YYYY-MM-DD" of a serial: isoFromSerial(45747) === "2025-03-31". */
export function isoFromSerial(serial: number): string {
  const { y, m, d } = ymdFromSerial(serial);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** "YYYY-MM" of a year and month, as month cells and keys are written: isoMonth(2025, 3) === "2025-03". */
export function isoMonth(y: number, m: number): string {
  return `${y}-${pad(m)}`;
}

/** "YYYY-MM-DDTHH:MM" (or with :SS when there are seconds) of a timestamp serial. */
export function isoDateTimeFromSerial(serial: number): string {
  const day = Math.floor(serial);
  const secs = Math.round((serial - day) * 86400);
  const h = Math.floor(secs / 3600);
  const mi = Math.floor((secs % 3600) / 60);
  const se = secs % 60;
  return `${isoFromSerial(day)}T${pad(h)}:${pad(mi)}${se ? ":" + pad(se) : ""}`;
}

/** Monday = 0 ... Sunday = 6, as WEEKDAY(serial, 2) - 1 (Excel's own weekdays before 1900-03-01 included). */
export function weekdayMon0(serial: number): number {
  return (((Math.floor(serial) + 5) % 7) + 7) % 7;
}

/** Days in month m (1-12) of Excel's 1900 calendar, which has a 1900-02-29 (serial 60). */
function excelDaysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) || y === 1900 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** EDATE: the same day n months later, clipped to the month's end. edate(serialFromYmd(2025,1,31), 1) is 2025-02-28. */
export function edate(serial: number, months: number): number {
  const { y, m, d } = ymdFromSerial(serial);
  const total = y * 12 + (m - 1) + Math.trunc(months);
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return serialFromYmd(ny, nm, Math.min(d, excelDaysInMonth(ny, nm)));
}

/** EOMONTH: the last day of the month n months away. */
export function eomonth(serial: number, months: number): number {
  const { y, m } = ymdFromSerial(serial);
  const total = y * 12 + (m - 1) + Math.trunc(months);
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return serialFromYmd(ny, nm, excelDaysInMonth(ny, nm));
}

export type DateOrder = "DMY" | "MDY" | "YMD";

export type ParsedDate = { ok: true; serial: number } | { ok: false; empty: boolean; message: string };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** Two-digit years as Excel reads them: 00-29 are 2000-2029, 30-99 are 1930-1999. */
export function expandYear(y: number, digits: number): number {
  if (digits > 2) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

function checked(y: number, m: number, d: number, text: string, time = 0): ParsedDate {
  if (m < 1 || m > 12) return { ok: false, empty: false, message: `"${text}" has no month ${m}` };
  if (y < 1900 || y > 9999)
    return { ok: false, empty: false, message: `"${text}": year ${y} is outside Excel's 1900-9999` };
  const dim = excelDaysInMonth(y, m);
  if (d < 1 || d > dim)
    return { ok: false, empty: false, message: `"${text}" is not a real date (${monthName(m)} ${y} has ${dim} days)` };
  return { ok: true, serial: serialFromYmd(y, m, d) + time };
}

function monthName(m: number): string {
  return [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ][m - 1];
}

function parseTime(t: string | undefined): number | null {
  if (!t) return 0;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm)?$/i.exec(t.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const s = Number(m[3] ?? 0);
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[4].toLowerCase() === "pm" ? 12 : 0);
  }
  if (h > 23 || mi > 59 || s > 59) return null;
  return (h * 3600 + mi * 60 + s) / 86400;
}

/** "-", "/" or ".": the separators of a numeric date. */
function isDateSep(c: number): boolean {
  return c === 45 || c === 47 || c === 46;
}

/**
 * The common spellings, read from their character codes instead of the regular expressions below (a
 * column of a million dates): text that is exactly YYYY-M-D or D-M-YY(YY) ("-", "/" or "." between the
 * parts, nothing else around them), read exactly as parseDate reads it. null for any other text, which
 * then takes the general path.
 */
function numericDate(v: string, order: DateOrder): ParsedDate | null {
  const n = v.length;
  if (n < 6 || n > 10) return null;
  let k = 0;
  let a = 0;
  let la = 0;
  for (let c = v.charCodeAt(k); c >= 48 && c <= 57 && k < n; c = v.charCodeAt(++k)) a = a * 10 + c - 48;
  la = k;
  if (la === 0 || la === 3 || la > 4 || k >= n || !isDateSep(v.charCodeAt(k))) return null;
  const s1 = ++k;
  let b = 0;
  for (let c = v.charCodeAt(k); c >= 48 && c <= 57 && k < n; c = v.charCodeAt(++k)) b = b * 10 + c - 48;
  const lb = k - s1;
  if (lb === 0 || lb > 2 || k >= n || !isDateSep(v.charCodeAt(k))) return null;
  const s2 = ++k;
  let y = 0;
  for (let c = v.charCodeAt(k); c >= 48 && c <= 57 && k < n; c = v.charCodeAt(++k)) y = y * 10 + c - 48;
  const ly = k - s2;
  if (k !== n) return null;
  if (la === 4) return ly === 1 || ly === 2 ? checked(a, b, y, v, 0) : null;
  if (ly !== 2 && ly !== 4) return null;
  const year = expandYear(y, ly);
  return order === "MDY" ? checked(year, a, b, v, 0) : checked(year, b, a, v, 0);
}

/**
 * Read a date (or timestamp) as found in spreadsheets and bank exports into a serial:
 * a serial number; a JS Date; ISO text (2025-03-31, 2025-03-31T14:30, 2025/03/31);
 * numeric text in the given order (31/03/2025, 31-03-25, 31.03.2025 for DMY; 03/31/2025 for MDY);
 * month names (31-Mar-25, 31 March 2025, Mar 31, 2025). An optional time (14:30, 2:30 PM) may follow.
 * Impossible dates (31/02/2025) are errors, never rolled over.
 * parseDate("31-Mar-25") => { ok: true, serial: 45747 }
 */
export function parseDate(v: unknown, order: DateOrder = "DMY"): ParsedDate {
  if (v === null || v === undefined) return { ok: false, empty: true, message: "is blank" };
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0 || v >= MAX_SERIAL + 1)
      return { ok: false, empty: false, message: `${v} is not a date serial (expected 1 to ${MAX_SERIAL})` };
    return { ok: true, serial: v };
  }
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return { ok: false, empty: false, message: "is an invalid date" };
    return { ok: true, serial: serialFromDate(v) };
  }
  if (typeof v !== "string") return { ok: false, empty: false, message: `expected a date, got ${String(v)}` };
  const quick = numericDate(v, order);
  if (quick !== null) return quick;
  const text = v.trim();
  if (text === "") return { ok: false, empty: true, message: "is blank" };
  const bad: ParsedDate = {
    ok: false,
    empty: false,
    message: `"${text.length > 40 ? text.slice(0, 37) + "..." : text}" is not a date; expected e.g. 2025-03-31 or ${
      order === "MDY" ? "03/31/2025" : "31/03/2025"
    } or 31-Mar-2025`,
  };
  // Split off a time part: "2025-03-31T14:30", "31/03/2025 14:30:00", "31-Mar-25 2:30 PM".
  const tm = /^(.*?)(?:[T\s]+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]m)?))?$/i.exec(text);
  const datePart = (tm?.[1] ?? text).trim().replace(/,/g, " ").replace(/\s+/g, " ");
  const time = parseTime(tm?.[2]);
  if (time === null) return bad;

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(datePart);
  if (m) return checked(+m[1], +m[2], +m[3], text, time);

  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(datePart);
  if (m) {
    const y = expandYear(+m[3], m[3].length);
    if (order === "MDY") return checked(y, +m[1], +m[2], text, time);
    return checked(y, +m[2], +m[1], text, time);
  }
  // 31-Mar-25, 31 Mar 2025, 31-March-2025
  m = /^(\d{1,2})[-\s/.]?([a-z]+)\.?[-\s/.]?(\d{2}|\d{4})$/i.exec(datePart);
  if (m && MONTHS[m[2].toLowerCase()])
    return checked(expandYear(+m[3], m[3].length), MONTHS[m[2].toLowerCase()], +m[1], text, time);
  // Mar 31 2025, March 31, 2025
  m = /^([a-z]+)\.?[-\s/]?(\d{1,2})[-\s/]+(\d{2}|\d{4})$/i.exec(datePart);
  if (m && MONTHS[m[1].toLowerCase()])
    return checked(expandYear(+m[3], m[3].length), MONTHS[m[1].toLowerCase()], +m[2], text, time);
  // 20250331 (compact ISO, as some bank exports print it)
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(datePart);
  if (m && +m[1] >= 1900) return checked(+m[1], +m[2], +m[3], text, time);
  return bad;
}

/**
 * Serial of an ISO date "YYYY-MM-DD" (or timestamp "YYYY-MM-DDTHH:MM[:SS]"); null when it is not one. An impossible
 * date or time is not one either: "2025-02-30" and "2025-10-01T25:99" are null, never rolled over into the next day.
 */
export function serialFromIso(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(iso.trim());
  if (!m) return null;
  const h = m[4] ? +m[4] : 0;
  const mi = m[5] ? +m[5] : 0;
  const se = m[6] ? +m[6] : 0;
  if (h > 23 || mi > 59 || se > 59) return null;
  const r = checked(+m[1], +m[2], +m[3], iso, (h * 3600 + mi * 60 + se) / 86400);
  return r.ok ? r.serial : null;
}

/**
 * What one date text says about day/month order: "DMY" when it reads only day-first (19/10/2019), "MDY"
 * when only month-first (10/19/2019), "either" when it reads both ways as different dates (10/01/2019),
 * null when the order does not matter (ISO text, month names, 05/05/2025, serials) or it is no date.
 * dateOrderEvidence("10/19/2019") === "MDY"; dateOrderEvidence("10/01/2019") === "either"
 */
export function dateOrderEvidence(v: unknown): "DMY" | "MDY" | "either" | null {
  if (typeof v !== "string") return null;
  // Three digits first (2025-03-31, serials as text) can never start a day/month date: no regex needed.
  const c0 = v.charCodeAt(0);
  const c1 = v.charCodeAt(1);
  const c2 = v.charCodeAt(2);
  if (c0 >= 48 && c0 <= 57 && c1 >= 48 && c1 <= 57 && c2 >= 48 && c2 <= 57) return null;
  const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[T\s]|$)/.exec(v);
  if (!m) return null;
  const a = +m[1];
  const b = +m[2];
  if (a < 1 || b < 1 || (a > 12 && b > 12) || a > 31 || b > 31) return null;
  if (a > 12) return "DMY";
  if (b > 12) return "MDY";
  return a === b ? null : "either";
}

export interface DateOrderVerdict {
  /** The order to read the column in. */
  order: DateOrder;
  /** How it was decided: a value proves it, no value needs it, or none decides it (the fallback). */
  basis: "proven" | "unambiguous" | "undecided";
  /** Values that read only day-first, only month-first, and either way. */
  dayFirst: number;
  monthFirst: number;
  either: number;
  /** The first value that proves the order, and the first that reads either way (index into the values). */
  proof: { index: number; text: string } | null;
  example: { index: number; text: string } | null;
}

/**
 * The day/month order of a column of dates, proven by its values: one 19/10/2019 makes it day-first, one
 * 10/19/2019 month-first; when both occur the majority wins (the others are then not dates in that order).
 * A column whose numeric dates all read either way is "undecided" and read in `fallback`, which a caller
 * must say in a warning; a column with no ambiguous date at all is "unambiguous".
 * inferDateOrder(["10/01/2019", "10/19/2019"], "DMY").order === "MDY"
 */
export function inferDateOrder(values: Iterable<unknown>, fallback: DateOrder = "DMY"): DateOrderVerdict {
  const tally = new DateOrderTally();
  for (const v of values) tally.add(v);
  return tally.verdict(fallback);
}

/** inferDateOrder one value at a time: add each value of the column in order, then ask the verdict. */
export class DateOrderTally {
  private dayFirst = 0;
  private monthFirst = 0;
  private either = 0;
  private firstDay: { index: number; text: string } | null = null;
  private firstMonth: { index: number; text: string } | null = null;
  private example: { index: number; text: string } | null = null;
  private i = 0;

  add(v: unknown): void {
    const i = this.i++;
    const e = dateOrderEvidence(v);
    if (e === "DMY") {
      this.dayFirst++;
      this.firstDay ??= { index: i, text: String(v).trim() };
    } else if (e === "MDY") {
      this.monthFirst++;
      this.firstMonth ??= { index: i, text: String(v).trim() };
    } else if (e === "either") {
      this.either++;
      this.example ??= { index: i, text: String(v).trim() };
    }
  }

  verdict(fallback: DateOrder = "DMY"): DateOrderVerdict {
    const { dayFirst, monthFirst, either, example } = this;
    if (dayFirst || monthFirst) {
      const order: DateOrder = monthFirst > dayFirst ? "MDY" : "DMY";
      return {
        order,
        basis: "proven",
        dayFirst,
        monthFirst,
        either,
        proof: order === "MDY" ? this.firstMonth : this.firstDay,
        example,
      };
    }
    return {
      order: fallback,
      basis: either ? "undecided" : "unambiguous",
      dayFirst,
      monthFirst,
      either,
      proof: null,
      example,
    };
  }
}
