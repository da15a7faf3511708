import { generateSample, sampleSheets, sampleTables } from "../../src/core/sample";
import { serialFromYmd, weekdayMon0 } from "../../src/core/dates";
import { findColumn } from "../../src/core/table";

// Canonical headers from ../shared/spec/cli.md "The workbook shapes".
const SHAPES: Record<string, string[]> = {
  Employees: ["Employee ID", "Name", "State", "Gender", "Basic", "HRA", "Other Allowances", "PF", "ESI"],
  Attendance: ["Employee ID", "Month", "Days Paid", "Days In Month"],
  Invoices: ["Invoice No", "Customer", "Invoice Date", "Amount", "Paid"],
  Payments: ["Payment Date", "Customer", "Reference", "Amount"],
  Bank: ["Date", "Narration", "Ref No", "Withdrawal", "Deposit", "Balance"],
  Ledger: ["Date", "Voucher No", "Particulars", "Debit", "Credit"],
  WorkItems: ["Item ID", "Process", "Agent", "Received", "Completed", "SLA Hours", "QC Result"],
};

const cents = (v: unknown) => (v === null ? 0 : Math.round((v as number) * 100));

describe("sample workbook generator", () => {
  const s = generateSample();

  it("is deterministic for a seed and differs across seeds", () => {
    expect(JSON.stringify(generateSample())).toBe(JSON.stringify(s));
    expect(JSON.stringify(generateSample(7))).not.toBe(JSON.stringify(s));
  });

  it("has every shape of cli.md with its canonical headers and the promised sizes", () => {
    const byName = Object.fromEntries(sampleTables(s).map((t) => [t.name, t]));
    for (const [name, headers] of Object.entries(SHAPES)) {
      expect(byName[name]).toBeDefined();
      for (const h of headers) expect(findColumn(byName[name].headers, [h])).toBeGreaterThanOrEqual(0);
      for (const row of byName[name].rows) expect(row).toHaveLength(byName[name].headers.length);
    }
    expect(s.employees.rows).toHaveLength(50);
    expect(new Set(s.employees.rows.map((r) => r[2]))).toEqual(new Set(["MH", "KA"]));
    expect(s.invoices.rows).toHaveLength(300);
    expect(s.workItems.rows).toHaveLength(500);
    expect(s.attendance.rows).toHaveLength(50);
  });

  it("keeps invoice arithmetic sane: Paid <= Amount, Due >= Invoice Date, unique numbers", () => {
    const nums = new Set<string>();
    for (const r of s.invoices.rows) {
      expect(cents(r[7])).toBeLessThanOrEqual(cents(r[6]));
      expect(r[4] as number).toBeGreaterThanOrEqual(r[3] as number);
      nums.add(r[0] as string);
    }
    expect(nums.size).toBe(300);
  });

  it("gives a running bank balance that agrees with the deposits and withdrawals", () => {
    let bal = cents(s.bank.rows[0][5]) - cents(s.bank.rows[0][4]) + cents(s.bank.rows[0][3]);
    for (const r of s.bank.rows) {
      bal += cents(r[4]) - cents(r[3]);
      expect(cents(r[5])).toBe(bal);
    }
  });

  it("plants the exceptions the demo promises, at the rows it names", () => {
    const kinds = s.exceptions.map((e) => e.kind).sort();
    expect(kinds).toEqual(["bank-charge", "cheque-in-transit", "combined-deposit", "interest", "timing", "transposed"]);
    const bankRow = (n: number) => s.bank.rows[n - 2];
    const ledgerRow = (n: number) => s.ledger.rows[n - 2];
    const combined = s.exceptions.find((e) => e.kind === "combined-deposit")!;
    const deposit = cents(bankRow(combined.bankRows[0])[4]);
    expect(combined.ledgerRows.map((n) => cents(ledgerRow(n)[3])).reduce((a, b) => a + b, 0)).toBe(deposit);
    const transposed = s.exceptions.find((e) => e.kind === "transposed")!;
    expect(cents(bankRow(transposed.bankRows[0])[3])).toBe(4521000);
    expect(cents(ledgerRow(transposed.ledgerRows[0])[4])).toBe(4512000);
    // Every bank line and ledger line that is not an exception has a twin of the same signed amount.
    const planted = new Set(s.exceptions.flatMap((e) => e.bankRows));
    const ledgerAmounts = s.ledger.rows.map((r) => cents(r[3]) - cents(r[4]));
    for (let i = 0; i < s.bank.rows.length; i++) {
      if (planted.has(i + 2)) continue;
      const a = cents(s.bank.rows[i][4]) - cents(s.bank.rows[i][3]);
      expect(ledgerAmounts).toContain(a);
    }
  });

  it("puts work items on working days within the month", () => {
    const start = serialFromYmd(2025, 10, 1);
    for (const r of s.workItems.rows) {
      const received = r[3] as number;
      expect(received).toBeGreaterThanOrEqual(start);
      expect(weekdayMon0(Math.floor(received))).toBeLessThan(5);
      if (r[4] !== null) expect(r[4] as number).toBeGreaterThan(received);
    }
  });

  it("describes each table as an owned sheet holding an Excel table over its cells", () => {
    for (const spec of sampleSheets(s)) {
      expect(spec.role).toBe(`sample:${spec.name.toLowerCase()}`);
      expect(spec.tables?.[0].name).toBe(spec.name);
      expect(spec.tables?.[0].range).toMatch(new RegExp(`^A1:[A-Z]+${spec.rows.length}$`));
    }
  });
});
