/**
 * Operations (SLA and quality): the pure functions behind BPO.WORKHOURS, BPO.SLAMET, BPO.DPMO, plus Excel's own
 * working-day built-ins (NETWORKDAYS, WORKDAY, their .INTL forms, DAYS360) for reports. See spec/functions.md.
 *
 * Decisions, documented once:
 * - WORKHOURS: each working day contributes the overlap of [start, end] with [dayStart, dayEnd] (dayEnd before
 *   dayStart is an overnight shift belonging to the day it starts); end before start gives a negative number, as
 *   NETWORKDAYS does. Timestamps are taken to the nearest second and the result is whole seconds / 3600, one
 *   correctly rounded division (no accumulated float noise, so no 1e-9 rounding is applied). Weekend "1111111"
 *   gives 0 hours (as NETWORKDAYS.INTL gives 0 days); numeric text "7" is read as weekend code 7.
 * - SLAMET compares working seconds with slaHours × 3600 exactly; completed before received is #NUM!.
 * - The Excel built-ins follow Excel to the letter (tests/unit/ops/excel-dates.test.ts cites Microsoft's examples;
 *   tests/unit/dates-excel.test.ts cross-checks formulajs): dates truncated, out of 0..2958465 #NUM!, weekend numbers
 *   outside 1-7/11-17 #NUM!, malformed weekend strings #VALUE!, NETWORKDAYS.INTL "1111111" = 0 but WORKDAY.INTL
 *   "1111111" #VALUE!, DAYS360 US (NASD as Excel implements it: end date moved only when it is the 31st) and European.
 * - Long ranges cost O(1): whole weeks are counted arithmetically, holidays by binary search.
 */

export { workHours, slaMet, timeOfDay } from "./workhours";
export { dpmo } from "./quality";
export { networkdays, networkdaysIntl, workday, workdayIntl, days360 } from "./excel-dates";
export {
  calendarOf,
  countWorkdays,
  addWorkdays,
  isWorkday,
  weekPattern,
  WEEKEND_CODES,
  type Calendar,
  type Weekend,
  type WeekPattern,
  type WeekendOptions,
} from "./calendar";
