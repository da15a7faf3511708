/**
 * The monthly payroll register (India), by the rules of shared/spec/cli.md, every prorated amount
 * rounded to the rupee (half-up) before it is used:
 *
 *   gross  = round((Basic + HRA + Other Allowances) × Days Paid / Days In Month)
 *   PF     = BPO.EPF(round(Basic × Days Paid / Days In Month))            when PF is Y
 *   ESI    = BPO.ESI(gross)                                               when ESI is Y
 *   PT     = BPO.PROFTAX(gross, State, month, Gender)
 *   TDS    = round(BPO.INCOMETAX(max(0, 12 × (Basic + HRA + Other) − 75,000)) / 12)
 *   net    = gross − PF − ESI − PT − TDS
 *
 * The regime of INCOMETAX is the new regime of the financial year (April-March) holding the as-of
 * date, e.g. IN-NEW-FY2025-26 for October 2025. Employer cost beside it: employer EPF, EPS, EDLI and
 * PF admin charges on the same PF wage (BPO.EPF parts), employer ESI on gross.
 * Attendance is joined by Employee ID and Month (YYYY-MM, the month of the as-of date).
 */
import type { CellValue, SheetSpec, SpecCell } from "../sheet-spec";
import type { TableData } from "../table";
import { daysInMonth, isoMonth, parseDate, serialFromYmd, ymdFromSerial } from "../dates";
import { fromCents, toCents } from "../money";
import { epf, esi, incomeTax, professionalTax } from "../payroll";
import { attendanceSchema, employeesSchema } from "../validation/schemas";
import { ReportInputError, SourceTable, issuesNote, type ReportIssue } from "./inputs";
import {
  REPORT_COLORS,
  REPORT_FMT,
  chartIn,
  chartSlot,
  describeSource,
  fx,
  keyBlock,
  keyShape,
  planReport,
  reportSheet,
  type DetailColumn,
  type KeyEntry,
  type RowLink,
} from "./layout";

export const PAYROLL_SHEET = "Payroll Register";
export const PAYROLL_ROLE = "report:payroll";
/** Standard deduction of the new regime (FY2024-25 onwards) used by the register's TDS rule. */
export const STANDARD_DEDUCTION = 75_000;

export interface PayrollInput {
  employees: TableData;
  attendance: TableData;
  asOf: number;
  /**
   * No date was chosen: pay the latest month of attendance at or before the as-of date (payrollMonthOf), as of
   * that month's last day when it is an earlier month, instead of refusing a month without attendance.
   */
  latestMonthIfMissing?: boolean;
}

export interface PayrollAmounts {
  gross: number;
  pf: number;
  esi: number;
  pt: number;
  tds: number;
  net: number;
}

/** `report payroll --json` (cli.md), in rupees. */
export interface PayrollJson {
  employees: ({ id: string } & PayrollAmounts)[];
  totals: PayrollAmounts;
}

/** One register line; every amount in whole rupees. */
export interface PayLine extends PayrollAmounts {
  rowNo: number;
  id: string;
  name: string;
  state: string;
  gender: string;
  daysPaid: number;
  daysInMonth: number;
  pfWage: number;
  employerPf: number;
  eps: number;
  edli: number;
  pfAdmin: number;
  employerEsi: number;
  ctc: number;
}

export interface PayrollResult {
  sheet: SheetSpec;
  json: PayrollJson;
  issues: ReportIssue[];
  lines: PayLine[];
  month: string;
}

/**
 * amount (paise) × num / den, rounded half-up to whole rupees, exactly (integers only).
 * prorateRupees(3000000, 29.5, 31) === 28548 (30,000 × 29.5 / 31 = 28,548.387...)
 */
export function prorateRupees(paise: number, num: number, den: number): number {
  let scale = 1;
  while (!Number.isInteger(num * scale) && scale < 1e6) scale *= 10;
  const n = Math.round(num * scale);
  const top = paise * n;
  const bottom = den * 100 * scale;
  const sign = top < 0 ? -1 : 1;
  const q = Math.floor((2 * Math.abs(top) + bottom) / (2 * bottom));
  return sign * q;
}

/** "YYYY-MM" of a Month cell: text 2025-10 / 10/2025 / Oct-2025, or a date Excel made of it. */
export function monthKey(v: CellValue): string | null {
  if (v === null) return null;
  if (typeof v === "string") {
    const t = v.trim();
    let m = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
    if (m && +m[2] >= 1 && +m[2] <= 12) return `${m[1]}-${m[2].padStart(2, "0")}`;
    m = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
    if (m && +m[1] >= 1 && +m[1] <= 12) return `${m[2]}-${m[1].padStart(2, "0")}`;
    const p = parseDate(/^[a-z]+[-\s]\d{2,4}$/i.test(t) ? `1 ${t.replace("-", " ")}` : t);
    if (p.ok) return monthKey(p.serial);
    return null;
  }
  if (typeof v === "number" && v >= 1) {
    const { y, m } = ymdFromSerial(v);
    return isoMonth(y, m);
  }
  return null;
}

/** The new-regime income-tax table of the financial year holding a date: "IN-NEW-FY2025-26". */
export function regimeFor(asOf: number): string {
  const { y, m } = ymdFromSerial(asOf);
  const fy = m >= 4 ? y : y - 1;
  return `IN-NEW-FY${fy}-${String((fy + 1) % 100).padStart(2, "0")}`;
}

const NO_PF = { ok: true, v: { employee: 0, employer: 0, eps: 0, edli: 0, admin: 0 } } as const;
const NO_ESI = { ok: true, v: { employee: 0, employer: 0 } } as const;

const yes = (v: string) => /^(y|yes|true|1)$/i.test(v.trim());

const DETAIL: DetailColumn[] = [
  { header: "Employee ID", width: 12 },
  { header: "Name", width: 24 },
  { header: "State", width: 7 },
  { header: "Gender", width: 8 },
  { header: "Days Paid", width: 9, numFmt: "0.##" },
  { header: "Days In Month", width: 9, numFmt: REPORT_FMT.integer },
  { header: "PF Wage", width: 13, numFmt: REPORT_FMT.moneyWhole },
  { header: "Gross", width: 13, numFmt: REPORT_FMT.moneyWhole },
  { header: "PF", width: 11, numFmt: REPORT_FMT.moneyWhole },
  { header: "ESI", width: 10, numFmt: REPORT_FMT.moneyWhole },
  { header: "PT", width: 9, numFmt: REPORT_FMT.moneyWhole },
  { header: "TDS", width: 11, numFmt: REPORT_FMT.moneyWhole },
  { header: "Net Pay", width: 13, numFmt: REPORT_FMT.moneyWhole },
  { header: "Employer PF", width: 12, numFmt: REPORT_FMT.moneyWhole },
  { header: "EPS", width: 10, numFmt: REPORT_FMT.moneyWhole },
  { header: "EDLI", width: 9, numFmt: REPORT_FMT.moneyWhole },
  { header: "PF Admin", width: 10, numFmt: REPORT_FMT.moneyWhole },
  { header: "Employer ESI", width: 12, numFmt: REPORT_FMT.moneyWhole },
  { header: "Cost to Company", width: 15, numFmt: REPORT_FMT.moneyWhole },
];

interface Attendance {
  daysPaid: number;
  daysInMonth: number;
}

function readAttendance(
  att: SourceTable,
  month: string,
): { byId: Map<string, Attendance>; inMonth: number; months: string[] } {
  const [y, m] = month.split("-").map(Number);
  const out = new Map<string, Attendance>();
  const keys = new Map<CellValue, string | null>(); // the same few month cells repeat on every row
  let inMonth = 0;
  for (const r of att.rows()) {
    const raw = att.cell(r, "month");
    let key = keys.get(raw);
    if (key === undefined) {
      key = monthKey(raw);
      keys.set(raw, key);
    }
    if (key === null) {
      att.report(r, "month", `Month "${String(raw)}" is not a month like ${month}`);
      continue;
    }
    if (key !== month) continue;
    inMonth++;
    const id = att.text(r, "employeeId");
    if (!id) {
      att.report(r, "employeeId", "Employee ID is blank — fill it in", "required");
      continue;
    }
    const daysPaid = att.number(r, "daysPaid", true);
    let dim = att.has("daysInMonth") ? att.number(r, "daysInMonth") : null;
    if (dim === null) dim = daysInMonth(y, m);
    if (daysPaid == null || dim === undefined) continue;
    if (daysPaid < 0 || daysPaid > dim) {
      att.report(r, "daysPaid", `Days Paid ${daysPaid} is outside 0 to ${dim} (Days In Month)`, "range");
      continue;
    }
    if (!Number.isInteger(dim) || dim < 28 || dim > 31) {
      att.report(r, "daysInMonth", `Days In Month ${dim} should be a whole number from 28 to 31`, "range");
      continue;
    }
    if (out.has(id.toLowerCase())) {
      att.report(r, "employeeId", `${id} already has attendance for ${month} on an earlier row`, "unique");
      continue;
    }
    out.set(id.toLowerCase(), { daysPaid, daysInMonth: dim });
  }
  const months = [...new Set(keys.values())].filter((k): k is string => k !== null).sort();
  return { byId: out, inMonth, months };
}

type Outcome<T> = { ok: true; v: T } | { ok: false; message: string };

/**
 * The statutory functions of one register run, memoised on their arguments: salaries repeat across a
 * payroll (grades, bands), and each call resolves its effective-dated rate table. An Excel error is
 * kept as a message so every row it applies to reports it.
 */
class Statutory {
  private readonly pf = new Map<
    number,
    Outcome<{ employee: number; employer: number; eps: number; edli: number; admin: number }>
  >();
  private readonly esiMemo = new Map<number, Outcome<{ employee: number; employer: number }>>();
  private readonly pt = new Map<string, Outcome<number>>();
  private readonly tax = new Map<number, Outcome<number>>();

  constructor(
    readonly asOf: number,
    readonly month: number,
    readonly regime: string,
  ) {}

  private static run<T>(f: () => T): Outcome<T> {
    try {
      return { ok: true, v: f() };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }

  epf(pfWage: number) {
    let o = this.pf.get(pfWage);
    if (!o) {
      const a = this.asOf;
      o = Statutory.run(() => ({
        employee: epf(pfWage, "employee", true, a),
        employer: epf(pfWage, "employer", true, a),
        eps: epf(pfWage, "eps", true, a),
        edli: epf(pfWage, "edli", true, a),
        admin: epf(pfWage, "admin", true, a),
      }));
      this.pf.set(pfWage, o);
    }
    return o;
  }

  esi(gross: number) {
    let o = this.esiMemo.get(gross);
    if (!o) {
      const a = this.asOf;
      o = Statutory.run(() => ({ employee: esi(gross, "employee", a), employer: esi(gross, "employer", a) }));
      this.esiMemo.set(gross, o);
    }
    return o;
  }

  professionalTax(gross: number, state: string, gender: string) {
    const k = `${gross}|${state}|${gender}`;
    let o = this.pt.get(k);
    if (!o) {
      o = Statutory.run(() => professionalTax(gross, state, this.month, gender, this.asOf));
      this.pt.set(k, o);
    }
    return o;
  }

  /** Monthly TDS in rupees: INCOMETAX(max(0, 12 × monthly − standard deduction)) / 12, rounded half-up. */
  tds(monthlyPaise: number) {
    let o = this.tax.get(monthlyPaise);
    if (!o) {
      const taxablePaise = Math.max(0, 12 * monthlyPaise - STANDARD_DEDUCTION * 100);
      o = Statutory.run(() => prorateRupees(toCents(incomeTax(fromCents(taxablePaise), this.regime)), 1, 12));
      this.tax.set(monthlyPaise, o);
    }
    return o;
  }
}

/**
 * The month a payroll run pays, from the months the attendance covers ("YYYY-MM", any order): the as-of date's
 * month; with `latest` (no date chosen: the ribbon's one click, `bpo-desk report payroll` without --as-of) the
 * latest month of attendance at or before it, so the run on 2 December pays November. null when there is none.
 * An attendance table without any month pays the as-of month (its register says nobody has attendance).
 * payrollMonthOf(["2025-09", "2025-10"], "2025-12", true) === "2025-10"
 */
export function payrollMonthOf(covered: readonly string[], asOfMonth: string, latest: boolean): string | null {
  if (!covered.length || covered.includes(asOfMonth)) return asOfMonth;
  if (!latest) return null;
  const earlier = covered.filter((k) => k < asOfMonth).sort();
  return earlier.length ? earlier[earlier.length - 1] : null;
}

/** Build the payroll register for the month of the as-of date (or the latest before it, see payrollMonthOf). */
export function buildPayrollReport(input: PayrollInput): PayrollResult {
  let asOf = Math.floor(input.asOf);
  let { y, m } = ymdFromSerial(asOf);
  const asOfMonth = isoMonth(y, m);
  let month = asOfMonth;
  let att = new SourceTable(input.attendance, attendanceSchema, ["employeeId", "month", "daysPaid"]);
  let read = readAttendance(att, month);
  const chosen = payrollMonthOf(read.months, asOfMonth, !!input.latestMonthIfMissing);
  // A register of nobody is no answer: say which months the attendance covers.
  if (chosen === null)
    throw new ReportInputError(
      input.latestMonthIfMissing
        ? `Attendance has no month on or before ${asOfMonth}; it covers ${read.months.join(", ")}. ` +
            `Choose an as-of date in one of those months, or add the attendance of ${asOfMonth} or earlier.`
        : `Attendance has no rows for ${asOfMonth}, the month of the as-of date; it covers ${read.months.join(", ")}. ` +
            `Choose an as-of date in one of those months, or add ${asOfMonth}'s attendance.`,
    );
  if (chosen !== asOfMonth) {
    // An earlier month is paid as of its last day (its tax year, its professional-tax month).
    month = chosen;
    [y, m] = month.split("-").map(Number);
    asOf = serialFromYmd(y, m, daysInMonth(y, m));
    att = new SourceTable(input.attendance, attendanceSchema, ["employeeId", "month", "daysPaid"]);
    read = readAttendance(att, month);
  }
  const attendance = read.byId;
  const regime = regimeFor(asOf);
  const emp = new SourceTable(input.employees, employeesSchema, ["employeeId", "name", "state", "basic", "pf", "esi"]);
  const stat = new Statutory(asOf, m, regime);

  const lines: PayLine[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const r of emp.rows()) {
    const before = emp.issues.length;
    const id = emp.text(r, "employeeId");
    const idKey = id.toLowerCase();
    if (!id) emp.report(r, "employeeId", "Employee ID is blank — fill it in", "required");
    else if (seen.has(idKey)) emp.report(r, "employeeId", `${id} appears more than once`, "unique");
    seen.add(idKey);
    const basic = emp.money(r, "basic", true);
    const hra = emp.money(r, "hra");
    const other = emp.money(r, "otherAllowances");
    if (basic != null && basic < 0) emp.report(r, "basic", "Basic is negative", "range");
    if (hra != null && hra < 0) emp.report(r, "hra", "HRA is negative", "range");
    if (other != null && other < 0) emp.report(r, "otherAllowances", "Other Allowances is negative", "range");
    const state = emp.text(r, "state").toUpperCase();
    const gender = (emp.text(r, "gender") || "M").toUpperCase().slice(0, 1);
    if (emp.issues.length > before || basic == null || hra === undefined || other === undefined) continue;
    const a = attendance.get(idKey);
    if (!a) {
      missing.push(id);
      continue;
    }
    const monthlyPaise = basic + (hra ?? 0) + (other ?? 0);
    const gross = prorateRupees(monthlyPaise, a.daysPaid, a.daysInMonth);
    const pfWage = prorateRupees(basic, a.daysPaid, a.daysInMonth);
    const pfOn = yes(emp.text(r, "pf"));
    const esiOn = yes(emp.text(r, "esi"));
    const pfParts = pfOn ? stat.epf(pfWage) : NO_PF;
    const esiParts = esiOn ? stat.esi(gross) : NO_ESI;
    const ptOut = stat.professionalTax(gross, state, gender);
    const tdsOut = stat.tds(monthlyPaise);
    if (!pfParts.ok) emp.report(r, "pf", pfParts.message, "statutory");
    if (!esiParts.ok) emp.report(r, "esi", esiParts.message, "statutory");
    if (!ptOut.ok) emp.report(r, "state", ptOut.message, "statutory");
    if (!tdsOut.ok) emp.report(r, "basic", tdsOut.message, "statutory");
    if (!pfParts.ok || !esiParts.ok || !ptOut.ok || !tdsOut.ok) continue;
    const p = pfParts.v;
    const e = esiParts.v;
    const pt = ptOut.v;
    const tds = tdsOut.v;
    const net = gross - p.employee - e.employee - pt - tds;
    lines.push({
      rowNo: r.rowNo,
      id,
      name: emp.text(r, "name"),
      state,
      gender,
      daysPaid: a.daysPaid,
      daysInMonth: a.daysInMonth,
      pfWage,
      gross,
      pf: p.employee,
      esi: e.employee,
      pt,
      tds,
      net,
      employerPf: p.employer,
      eps: p.eps,
      edli: p.edli,
      pfAdmin: p.admin,
      employerEsi: e.employer,
      ctc: gross + p.employer + p.eps + p.edli + p.admin + e.employer,
    });
  }

  const sum = (k: keyof PayLine) => lines.reduce((acc, l) => acc + (l[k] as number), 0);
  const issues = [...emp.issues, ...att.issues];
  const notes = issuesNote(issues, "left out of the register");
  if (missing.length)
    notes.push(
      `${missing.length} employee${missing.length === 1 ? " has" : "s have"} no attendance for ${month} and ${
        missing.length === 1 ? "is" : "are"
      } not in the register: ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ", ..." : ""}. Add their Attendance rows.`,
    );

  const costRows: [string, string, keyof PayLine][] = [
    ["Net pay", "Net Pay", "net"],
    ["PF (employee)", "PF", "pf"],
    ["ESI (employee)", "ESI", "esi"],
    ["Professional tax", "PT", "pt"],
    ["TDS", "TDS", "tds"],
    ["Employer PF (EPF)", "Employer PF", "employerPf"],
    ["EPS", "EPS", "eps"],
    ["EDLI", "EDLI", "edli"],
    ["PF admin charges", "PF Admin", "pfAdmin"],
    ["ESI (employer)", "Employer ESI", "employerEsi"],
  ];
  const regRows: [string, string, keyof PayLine][] = [
    ["Gross pay", "Gross", "gross"],
    ["PF (employee)", "PF", "pf"],
    ["ESI (employee)", "ESI", "esi"],
    ["Professional tax", "PT", "pt"],
    ["TDS", "TDS", "tds"],
    ["Net pay", "Net Pay", "net"],
  ];
  const key: KeyEntry[] = [
    {
      style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText, bold: true },
      sample: "-₹1,200",
      meaning: "Net pay below zero: deductions exceed the month's gross",
    },
    { style: { fill: REPORT_COLORS.warn }, sample: "29.5", meaning: "Paid for fewer days than the month has" },
  ];
  // The two totals blocks side by side with the chart beside them, the key under them, then the register.
  const plan = planReport({
    notes: notes.length,
    blocks: [
      { rows: regRows.length + 1, columns: 2, caption: true },
      { rows: costRows.length + 1, columns: 2, caption: true, beside: true },
      chartSlot(8, true),
      keyShape(key),
    ],
    detail: DETAIL,
    detailRows: lines.length,
    detailCaption: true,
  });
  const register: SpecCell[][] = [
    ["Employees paid", fx(`COUNT(${plan.range("Gross")})`, lines.length)],
    ...regRows.map(([label, col, k]): SpecCell[] => [label, fx(`SUM(${plan.range(col)})`, sum(k))]),
  ];
  const cost: SpecCell[][] = costRows.map(([label, col, k]): SpecCell[] => [
    label,
    fx(`SUM(${plan.range(col)})`, sum(k)),
  ]);
  cost.push(["Cost to company", fx(`SUM(${plan.blockSpan(1, 1, 0, costRows.length - 1)})`, sum("ctc"))]);

  // Each total links to the register column it adds up.
  const links: RowLink[] = [
    { cell: plan.cell(0, 0, 0), to: { column: "Employee ID" }, tooltip: "The employees in the register" },
    ...regRows.map(([label, col], i) => ({
      cell: plan.cell(0, i + 1, 0),
      to: { column: col },
      tooltip: `The ${col} column this ${label.toLowerCase()} adds up`,
    })),
    ...costRows.map(([label, col], i) => ({
      cell: plan.cell(1, i, 0),
      to: { column: col },
      tooltip: `The ${col} column this ${label} total adds up`,
    })),
  ];

  const L = (h: string) => plan.letter(h);
  // Register lines are values (a register of 100,000 people stays quick to build and to open); every total
  // above is a live formula over them.
  const detail: SpecCell[][] = lines.map((l) => {
    return [
      l.id,
      l.name,
      l.state,
      l.gender,
      l.daysPaid,
      l.daysInMonth,
      l.pfWage,
      l.gross,
      l.pf,
      l.esi,
      l.pt,
      l.tds,
      l.net,
      l.employerPf,
      l.eps,
      l.edli,
      l.pfAdmin,
      l.employerEsi,
      l.ctc,
    ];
  });

  const sheet = reportSheet(plan, {
    name: PAYROLL_SHEET,
    role: PAYROLL_ROLE,
    title: `Payroll register — ${month}`,
    asOf,
    sources: [
      describeSource(input.employees),
      `${describeSource(input.attendance)} (${month})`,
      `income tax ${regime}`,
    ],
    notes,
    blocks: [
      {
        caption: "Register totals",
        header: ["Component", "Amount"],
        rows: register,
        numFmts: [undefined, REPORT_FMT.moneyWhole],
        totalRows: [regRows.length],
      },
      {
        caption: "Payroll cost by component",
        header: ["Component", "Amount"],
        rows: cost,
        numFmts: [undefined, REPORT_FMT.moneyWhole],
        totalRows: [costRows.length],
      },
      null,
      keyBlock(key),
    ],
    detail,
    tableName: "PayrollRegister",
    detailCaption: `Register, ${month} (${lines.length} employee${lines.length === 1 ? "" : "s"})`,
    emptyText: `(no employees with attendance for ${month})`,
    links,
    conditionalFormats: [
      {
        range: plan.span("Net Pay"),
        type: "cellValue",
        operator: "lessThan",
        formulas: ["0"],
        style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText, bold: true },
      },
      {
        range: plan.span("Days Paid"),
        type: "expression",
        formula: `$${L("Days Paid")}${plan.detailFirstRow}<$${L("Days In Month")}${plan.detailFirstRow}`,
        style: { fill: REPORT_COLORS.warn },
      },
    ],
    // Net pay is most of the cost and would flatten every other bar: the chart shows what goes beside it.
    charts: [
      chartIn(plan, 2, {
        type: "bar",
        title: "Deductions and employer contributions (₹)",
        categories: plan.blockSpan(1, 0, 1, costRows.length - 1),
        series: [{ name: "Amount", values: plan.blockSpan(1, 1, 1, costRows.length - 1), color: REPORT_COLORS.title }],
        valueAxis: { numFmt: REPORT_FMT.moneyWhole, min: 0 },
        categoryAxis: { reverse: true },
        legend: "none",
      }),
    ],
    tabColor: "#7030A0",
  });
  sheet.styles!.push({ range: plan.cell(0, 0, 1), style: { numFmt: REPORT_FMT.integer } });

  const amounts = (l: PayrollAmounts): PayrollAmounts => ({
    gross: l.gross,
    pf: l.pf,
    esi: l.esi,
    pt: l.pt,
    tds: l.tds,
    net: l.net,
  });
  const json: PayrollJson = {
    employees: lines.map((l) => ({ id: l.id, ...amounts(l) })),
    totals: {
      gross: sum("gross"),
      pf: sum("pf"),
      esi: sum("esi"),
      pt: sum("pt"),
      tds: sum("tds"),
      net: sum("net"),
    },
  };
  return { sheet, json, issues, lines, month };
}

export { ReportInputError };
