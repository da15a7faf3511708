import type { Workbook } from "../../workbook/port";

/** What each capability's demo step gets: the sample workbook (already holding the sample sheets). */
export interface DemoContext {
  wb: Workbook;
  /** As-of date of the demo (the sample data's month end), Excel serial and ISO. */
  asOf: number;
  asOfIso: string;
}

/** A demo step adds its sheets to ctx.wb and returns short summary lines for the console. */
export type DemoStep = (ctx: DemoContext) => Promise<string[]>;
