/** Operations (SLA and quality): the pure functions behind BPO.WORKHOURS, BPO.SLAMET, BPO.DPMO, plus Excel's own
 * working-day built-ins (NETWORKDAYS, WORKDAY, their .INTL forms, DAYS360) for reports. See spec/functions.md. */

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
