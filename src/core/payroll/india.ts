/** India monthly statutory deductions: EPF (with EPS/EDLI/admin splits), ESI and state professional tax. */

import { isoFromSerial, todaySerial, ymdFromSerial } from "../dates";
import { numError, valueError } from "../errors";
import { EPF_RATES, type EpfRates } from "../rates/in-epf";
import { ESI_RATES, type EsiRates } from "../rates/in-esi";
import { PROFTAX_TABLES, PT_STATE_ALIASES, type PtSlab } from "../rates/in-proftax";
import { inForceIndex, pickBySerial } from "../rates/table";
import { code, nonNegative, show } from "./checks";
import { dCmp, dMin, dMul, dRound, dec, type Dec } from "./dec";

export type EpfPart = "employee" | "eps" | "employer" | "edli" | "admin";

const EPF_PARTS: Record<string, EpfPart> = {
  EMPLOYEE: "employee",
  EE: "employee",
  EPF: "employee",
  EPS: "eps",
  PENSION: "eps",
  EMPLOYER: "employer",
  ER: "employer",
  EDLI: "edli",
  ADMIN: "admin",
};

interface EpfPre {
  row: EpfRates;
  employee: Dec;
  eps: Dec;
  edli: Dec;
  admin: Dec;
  ceiling: Dec;
}
const EPF_PRE: EpfPre[] = EPF_RATES.map((row) => ({
  row,
  employee: dec(row.employee),
  eps: dec(row.eps),
  edli: dec(row.edli),
  admin: dec(row.admin),
  ceiling: dec(row.wageCeiling),
}));

const EPF_INDEX = inForceIndex(EPF_PRE.map((p) => Object.assign({}, p.row, { pre: p })));

/**
 * India EPF monthly contribution on a PF wage, rounded to the nearest rupee (half up).
 * part: "employee" (12%, on the wage capped at 15,000 when capWage), "eps" (8.33% of min(wage, 15,000): at most 1,250),
 * "employer" (employer's EPF share = employee share - eps), "edli" (0.5% of min(wage, 15,000): at most 75),
 * "admin" (0.5% of the contribution wage; the per-establishment minimum charge is ignored).
 * epf(20000) === 1800; epf(20000, "eps") === 1250; epf(20000, "employer") === 550; epf(20000, "employee", false) === 2400
 */
export function epf(pfWage: number, part: string = "employee", capWage = true, asOf?: number): number {
  nonNegative(pfWage, "pfWage", "a monthly PF wage");
  const p = code(part, "part", EPF_PARTS, "employee, eps, employer, edli, admin");
  if (typeof capWage !== "boolean") throw valueError(`capWage: expected TRUE or FALSE, got ${show(capWage)}`);
  const t = pickBySerial(EPF_INDEX, asOf ?? todaySerial(), "EPF rates", isoFromSerial).pre;
  const w = dec(pfWage);
  const capped = dMin(w, t.ceiling);
  const contributionWage = capWage ? capped : w;
  const employee = dRound(dMul(t.employee, contributionWage), 0);
  switch (p) {
    case "employee":
      return employee;
    case "eps":
      return dRound(dMul(t.eps, capped), 0);
    case "employer":
      return employee - dRound(dMul(t.eps, capped), 0);
    case "edli":
      return dRound(dMul(t.edli, capped), 0);
    case "admin":
      return dRound(dMul(t.admin, contributionWage), 0);
  }
}

interface EsiPre {
  row: EsiRates;
  employee: Dec;
  employer: Dec;
  ceiling: Dec;
}
const ESI_PRE: EsiPre[] = ESI_RATES.map((row) => ({
  row,
  employee: dec(row.employee),
  employer: dec(row.employer),
  ceiling: dec(row.wageCeiling),
}));

const ESI_INDEX = inForceIndex(ESI_PRE.map((p) => Object.assign({}, p.row, { pre: p })));

const ESI_PARTS: Record<string, "employee" | "employer"> = {
  EMPLOYEE: "employee",
  EE: "employee",
  EMPLOYER: "employer",
  ER: "employer",
};

/**
 * India ESI monthly contribution: 0.75% (employee) or 3.25% (employer) of gross wages when they are at most 21,000,
 * else 0 (not covered); rounded up to the next rupee.
 * esi(21000) === 158 (157.50 rounded up); esi(21000, "employer") === 683; esi(21001) === 0
 */
export function esi(grossMonthly: number, part: string = "employee", asOf?: number): number {
  nonNegative(grossMonthly, "grossMonthly", "monthly gross wages");
  const p = code(part, "part", ESI_PARTS, "employee, employer");
  const t = pickBySerial(ESI_INDEX, asOf ?? todaySerial(), "ESI rates", isoFromSerial).pre;
  const g = dec(grossMonthly);
  if (dCmp(g, t.ceiling) > 0) return 0;
  return dRound(dMul(p === "employee" ? t.employee : t.employer, g), 0, "up");
}

const PT_INDEX = {
  MH: inForceIndex(PROFTAX_TABLES.filter((t) => t.state === "MH")),
  KA: inForceIndex(PROFTAX_TABLES.filter((t) => t.state === "KA")),
};

const GENDERS: Record<string, "M" | "F"> = {
  M: "M",
  MALE: "M",
  MAN: "M",
  F: "F",
  FEMALE: "F",
  W: "F",
  WOMAN: "F",
};

/**
 * India professional tax on one month's gross salary. state: "MH"/"27"/"Maharashtra" or "KA"/"29"/"Karnataka".
 * month: 1-12 (February has its own amount; omitted = not February), or a date serial (its month, and the table
 * in force on that date). The table is the one in force on `asOf` (default today) unless month is a date.
 * professionalTax(15000, "MH") === 200; professionalTax(15000, "MH", 2) === 300; professionalTax(15000, "MH", 1, "F") === 0
 */
export function professionalTax(
  grossMonthly: number,
  state: string,
  month?: number,
  gender: string = "M",
  asOf?: number,
): number {
  nonNegative(grossMonthly, "grossMonthly", "monthly gross salary");
  const st = code(state, "state", PT_STATE_ALIASES, "MH (27, Maharashtra) or KA (29, Karnataka)");
  const g = code(gender, "gender", GENDERS, "M or F");
  let day = asOf ?? todaySerial();
  let what = `professional tax ${st}`;
  let m: number | undefined;
  if (month !== undefined) {
    if (typeof month !== "number" || !Number.isFinite(month))
      throw valueError(`month: expected a month number 1-12 or a date, got ${show(month)}`);
    if (Number.isInteger(month) && month >= 1 && month <= 12) m = month;
    else if (month >= 367) {
      day = month;
      what = `month (professional tax ${st})`;
      m = ymdFromSerial(month).m;
    } else throw numError(`month: expected a month number 1-12 (or a date), got ${month}`);
  }
  const t = pickBySerial(PT_INDEX[st], day, what, isoFromSerial);
  const slabs: PtSlab[] = g === "F" ? t.women : t.men;
  let hit = slabs[0];
  for (const s of slabs) if (s.inclusive ? grossMonthly >= s.over : grossMonthly > s.over) hit = s;
  return m === 2 && hit.february !== undefined ? hit.february : hit.amount;
}
