/**
 * Payroll register against an independent computation (independent.ts: whole-rupee integer arithmetic from
 * the cli.md register rules, the EPF/ESI schemes, the MH and KA professional-tax schedules and the FY2025-26
 * new-regime slabs of the Finance Act 2025) on seeded generated employees.
 */
import {
  buildPayrollReport,
  monthKey,
  payrollMonthOf,
  prorateRupees,
  regimeFor,
} from "../../../src/core/reports/payroll";
import { NUMFMT, isFormulaCell } from "../../../src/core/sheet-spec";
import type { TableData } from "../../../src/core/table";
import { epfParts, esiParts, expectedPayLine, genPayroll, incomeTaxFy2526, serial, type GenTable } from "./independent";
import { sheetTable } from "../tables";

const asOf = serial(2025, 10, 31);
const table = (t: GenTable, name: string): TableData => sheetTable(name, t.headers, t.rows);

describe("payroll register", () => {
  it("checks the independent statutory arithmetic on published examples", () => {
    // functions.md: incomeTax(1210000) === 10400 (marginal relief 10,000 + 4% cess); nil up to 12 lakh.
    expect(incomeTaxFy2526(1210000)).toBe(10400);
    expect(incomeTaxFy2526(1200000)).toBe(0);
    // 16 lakh: 0 + 20,000 + 40,000 + 60,000 = 1,20,000 + 4% = 1,24,800.
    expect(incomeTaxFy2526(1600000)).toBe(124800);
    // EPF on 20,000 (capped at 15,000): 1,800 employee, EPS 1,250 (8.33% = 1,249.5 -> 1,250), employer 550.
    expect(epfParts(20000)).toEqual({ employee: 1800, eps: 1250, employer: 550, edli: 75, admin: 75 });
    expect(esiParts(21000)).toEqual({ employee: 158, employer: 683 });
  });

  it("computes every line and the totals as the cli.md rules do", () => {
    const { employees, attendance } = genPayroll(13, 120);
    const r = buildPayrollReport({
      employees: table(employees, "Employees"),
      attendance: table(attendance, "Attendance"),
      asOf,
    });
    expect(r.month).toBe("2025-10");
    expect(r.issues).toEqual([]);
    expect(r.json.employees).toHaveLength(120);
    const tot = { gross: 0, pf: 0, esi: 0, pt: 0, tds: 0, net: 0 };
    for (const [i, e] of employees.rows.entries()) {
      const a = attendance.rows.find((x) => x[0] === e[0] && x[1] === "2025-10")!;
      const exp = expectedPayLine(e, a[2] as number, a[3] as number);
      expect(r.json.employees[i]).toEqual({ id: e[0], ...exp });
      for (const k of Object.keys(tot) as (keyof typeof tot)[]) tot[k] += exp[k];
    }
    expect(r.json.totals).toEqual(tot);
    expect(Object.keys(r.json)).toEqual(["employees", "totals"]);
  });

  it("puts employer cost beside the deductions and keeps the totals as live SUMs over the register", () => {
    const { employees, attendance } = genPayroll(2, 30);
    const r = buildPayrollReport({
      employees: table(employees, "Employees"),
      attendance: table(attendance, "Attendance"),
      asOf,
    });
    const find = (label: string) => {
      for (const row of r.sheet.rows) {
        const i = row.indexOf(label);
        if (i >= 0) return row[i + 1];
      }
      return undefined;
    };
    const gross = find("Gross pay");
    expect(isFormulaCell(gross) && gross.f).toMatch(/^SUM\(\$H\$\d+:\$H\$\d+\)$/);
    expect(isFormulaCell(gross) && gross.v).toBe(r.json.totals.gross);
    let employer = 0;
    for (const e of r.lines)
      if (e.pf)
        employer +=
          epfParts(e.pfWage).employer + epfParts(e.pfWage).eps + epfParts(e.pfWage).edli + epfParts(e.pfWage).admin;
    for (const e of r.lines) if (e.esi || e.employerEsi) employer += esiParts(e.gross).employer;
    const ctc = find("Cost to company");
    expect(isFormulaCell(ctc) && ctc.v).toBe(r.json.totals.gross + employer);
    expect(
      r.sheet.conditionalFormats!.some(
        (c) => c.type === "cellValue" && c.operator === "lessThan" && c.formulas[0] === "0",
      ),
    ).toBe(true);
    // A bar of the components beside net pay (which would flatten every other bar), not a pie.
    const chart = r.sheet.charts![0];
    expect(chart.type).toBe("bar");
    expect(chart.title).toBe("Deductions and employer contributions (₹)");
    const [, col, first, last] = /^([A-Z])(\d+):[A-Z](\d+)$/.exec(chart.categories)!;
    const labels = r.sheet.rows.slice(Number(first) - 1, Number(last)).map((row) => row[col.charCodeAt(0) - 65]);
    expect(labels).not.toContain("Net pay");
    expect(labels).toContain("TDS");
    expect(chart.valueAxis).toMatchObject({ min: 0, numFmt: expect.stringContaining("₹") });
  });

  it("leaves out, and says so, employees without attendance and rows with text in number columns", () => {
    const { employees, attendance } = genPayroll(5, 12);
    employees.rows[1][4] = "twenty thousand";
    attendance.rows.splice(
      attendance.rows.findIndex((a) => a[0] === "E4" && a[1] === "2025-10"),
      1,
    );
    employees.rows.push([null, null, null, null, null, null, null, null, null]);
    const r = buildPayrollReport({
      employees: table(employees, "Employees"),
      attendance: table(attendance, "Attendance"),
      asOf,
    });
    expect(r.json.employees.map((e) => e.id)).toEqual(["E1", "E3", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12"]);
    expect(r.issues).toEqual([expect.objectContaining({ sheet: "Employees", row: 3, column: "Basic" })]);
    const notes = r.sheet.rows
      .filter((row) => row[0] === "Note")
      .map((row) => String(row[1]))
      .join(" ");
    expect(notes).toMatch(/1 row left out of the register/);
    expect(notes).toMatch(/1 employee has no attendance for 2025-10.*E4/);
  });

  it("names the headers when Attendance lacks a column", () => {
    const { employees } = genPayroll(5, 2);
    const att: GenTable = { headers: ["Employee ID", "Days Paid"], rows: [["E1", 31]] };
    expect(() =>
      buildPayrollReport({ employees: table(employees, "Employees"), attendance: table(att, "Attendance"), asOf }),
    ).toThrow(/Attendance lacks the column Month .*needs Employee ID, Month, Days Paid/);
  });

  it("rounds prorated amounts once, half-up, and reads months however Excel stored them", () => {
    expect(prorateRupees(3_000_000, 29.5, 31)).toBe(28548); // 30,000 × 29.5 / 31 = 28,548.39
    expect(prorateRupees(3_100_050, 15.5, 31)).toBe(15500); // 31,000.50 × 15.5 / 31 = 15,500.25
    expect(prorateRupees(100, 1, 2)).toBe(1); // 0.50 rounds up
    expect(monthKey("2025-10")).toBe("2025-10");
    expect(monthKey("10/2025")).toBe("2025-10");
    expect(monthKey("Oct-2025")).toBe("2025-10");
    expect(monthKey(serial(2025, 10, 1))).toBe("2025-10");
    expect(monthKey("soon")).toBeNull();
    expect(regimeFor(serial(2025, 10, 31))).toBe("IN-NEW-FY2025-26");
    expect(regimeFor(serial(2025, 3, 31))).toBe("IN-NEW-FY2024-25");
    expect(regimeFor(serial(2026, 4, 1))).toBe("IN-NEW-FY2026-27");
  });

  it("runs a month of tax year 2026-27 with its table, and says which months exist when the as-of month has none", () => {
    const { employees, attendance } = genPayroll(5, 20);
    const april = {
      ...attendance,
      rows: attendance.rows
        .filter((a) => a[1] === "2025-10")
        .map((a) => [a[0], "2026-04", Math.min(a[2] as number, 30), 30]),
    };
    const r = buildPayrollReport({
      employees: table(employees, "Employees"),
      attendance: table(april, "Attendance"),
      asOf: serial(2026, 4, 30),
    });
    expect(r.issues).toEqual([]);
    // Budget 2026 kept FY 2025-26's slabs, so the independent FY 2025-26 arithmetic still applies.
    for (const [i, e] of employees.rows.entries()) {
      const a = april.rows.find((x) => x[0] === e[0])!;
      expect(r.json.employees[i]).toEqual({ id: e[0], ...expectedPayLine(e, a[2] as number, 30) });
    }
    expect(() =>
      buildPayrollReport({
        employees: table(employees, "Employees"),
        attendance: table(april, "Attendance"),
        asOf: serial(2026, 11, 30),
      }),
    ).toThrow("Attendance has no rows for 2026-11, the month of the as-of date; it covers 2026-04.");
  });

  it("pays the as-of month, or without a chosen date the latest month of attendance at or before it", () => {
    const covered = ["2025-11", "2025-09", "2026-01"];
    expect(payrollMonthOf(covered, "2025-12", true)).toBe("2025-11");
    expect(payrollMonthOf(covered, "2025-11", true)).toBe("2025-11");
    expect(payrollMonthOf(covered, "2026-01", true)).toBe("2026-01");
    expect(payrollMonthOf(covered, "2025-08", true)).toBeNull();
    // A chosen date is taken as asked.
    expect(payrollMonthOf(covered, "2025-12", false)).toBeNull();
    expect(payrollMonthOf([], "2025-12", false)).toBe("2025-12");
    // The earlier month is paid as of its last day (its professional-tax month and tax year).
    const { employees, attendance } = genPayroll(5, 12);
    const r = buildPayrollReport({
      employees: table(employees, "Employees"),
      attendance: table(attendance, "Attendance"),
      asOf: serial(2025, 12, 2),
      latestMonthIfMissing: true,
    });
    expect(r.month).toBe("2025-10");
    expect(r.sheet.rows[1][1]).toBe(serial(2025, 10, 31));
  });

  it("shows every amount in whole rupees with the rupee sign, and a key to its colours", () => {
    const { employees, attendance } = genPayroll(6, 20);
    const r = buildPayrollReport({
      employees: table(employees, "Employees"),
      attendance: table(attendance, "Attendance"),
      asOf,
    });
    const header = Number(/^A(\d+):/.exec(r.sheet.tables![0].range)![1]);
    const cols = r.sheet.rows[header - 1] as string[];
    for (const h of ["Gross", "PF", "Net Pay", "Cost to Company"]) {
      const L = String.fromCharCode(65 + cols.indexOf(h));
      expect(r.sheet.styles).toContainEqual({
        range: `${L}${header + 1}:${L}${header + 20}`,
        style: { numFmt: NUMFMT.inrWhole },
      });
    }
    expect(r.sheet.rows.some((row) => row[0] === "Key to colours")).toBe(true);
    expect(r.sheet.freeze!.rows).toBeLessThanOrEqual(10);
  });
});
