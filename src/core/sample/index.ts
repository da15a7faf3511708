/**
 * The bundled sample workbook: deterministic, seeded, realistic data for every shape in cli.md
 * (employees and attendance across MH and KA, invoices and payments across customers, one month of
 * bank statement and ledger that reconcile except for planted exceptions, work items across agents).
 * Used by `npm run demo`, the browser workbench and tests. The generator's inputs (names, customers,
 * processes) are in ./inputs.ts.
 */
import type { CellValue, SheetSpec, SpecCell } from "../sheet-spec";
import { NUMFMT } from "../sheet-spec";
import { serialFromYmd, daysInMonth, weekdayMon0, isoFromSerial, isoMonth } from "../dates";
import { colLetter } from "../reports/layout";
import { fromCents } from "../money";
import { gstinCheckChar } from "../validation/identifiers";
import { FIRST_NAMES, LAST_NAMES, CUSTOMERS, AGENTS, PROCESSES, VENDORS, IFSC_BANKS } from "./inputs";

export interface SampleTable {
  /** Sheet and Excel table name. */
  name: string;
  headers: string[];
  rows: CellValue[][];
  /** Number format per column (by header), for dates and money. */
  formats: Record<string, string>;
}

/** Exceptions planted in the bank/ledger pair, with the worksheet rows involved (header on row 1). */
export interface PlantedException {
  kind: "timing" | "bank-charge" | "transposed" | "combined-deposit" | "interest" | "cheque-in-transit";
  description: string;
  bankRows: number[];
  ledgerRows: number[];
}

export interface SampleData {
  seed: number;
  /** The sample month's last day (the demo's as-of date). */
  asOf: number;
  month: string; // YYYY-MM
  employees: SampleTable;
  attendance: SampleTable;
  invoices: SampleTable;
  payments: SampleTable;
  bank: SampleTable;
  ledger: SampleTable;
  workItems: SampleTable;
  exceptions: PlantedException[];
}

/** mulberry32: a tiny seeded PRNG, so the same seed always gives the same workbook. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from a seeded PRNG: whole numbers, picks, coin flips, digit and letter strings. */
export class Rng {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  letters(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode(65 + this.int(0, 25));
    return s;
  }
}

function pan(r: Rng, entity: "P" | "C"): string {
  return r.letters(3) + entity + r.letters(1) + r.digits(4) + r.letters(1);
}

/** A few whole working days after `serial` (Mon-Fri). */
function addWorkingDays(serial: number, n: number): number {
  let s = serial;
  let left = n;
  while (left > 0) {
    s += 1;
    if (weekdayMon0(s) < 5) left -= 1;
  }
  return s;
}

const money = (cents: number) => fromCents(cents);

/** The bank account's balance on the sample month's first day (minor units): on the ledger's Opening Balance row. */
export const OPENING_BALANCE = 25_00_000_00;

/**
 * Generate the sample data for a month (default October 2025, seed 42).
 * generateSample().bank.rows.length is about 80.
 */
export function generateSample(seed = 42, year = 2025, month = 10): SampleData {
  const r = new Rng(seededRandom(seed));
  const dim = daysInMonth(year, month);
  const monthStart = serialFromYmd(year, month, 1);
  const asOf = serialFromYmd(year, month, dim);
  const monthKey = isoMonth(year, month);

  // Employees and attendance -------------------------------------------------------------
  const employees: CellValue[][] = [];
  const attendance: CellValue[][] = [];
  for (let i = 1; i <= 50; i++) {
    const gender = r.chance(0.42) ? "F" : "M";
    const state = r.chance(0.55) ? "MH" : "KA";
    const low = r.chance(0.2); // ESI-covered wages
    const basic = low ? r.int(7, 11) * 1000 : r.int(15, 90) * 1000;
    const hra = Math.round((basic * (state === "MH" ? 0.5 : 0.4)) / 100) * 100;
    const other = low ? r.int(0, 2) * 500 : r.int(2, 30) * 500;
    const gross = basic + hra + other;
    const esi = gross <= 21000 ? "Y" : "N";
    const pf = r.chance(0.9) ? "Y" : "N";
    const id = `E${String(1000 + i)}`;
    employees.push([
      id,
      `${r.pick(FIRST_NAMES[gender])} ${r.pick(LAST_NAMES)}`,
      state,
      gender,
      basic,
      hra,
      other,
      pf,
      esi,
      pan(r, "P"),
      "1" + r.digits(11),
      `${r.pick(IFSC_BANKS)}0${r.digits(6)}`,
      r.digits(r.int(11, 14)),
    ]);
    const absent = r.chance(0.25) ? r.int(1, 4) : 0;
    attendance.push([id, monthKey, dim - absent, dim]);
  }

  // Customers, invoices and payments ------------------------------------------------------
  const customers = CUSTOMERS.map((c) => {
    const first14 = `${c.stateCode}${pan(r, "C")}1Z`;
    return { ...c, gstin: first14 + gstinCheckChar(first14) };
  });
  const invoices: CellValue[][] = [];
  const payments: CellValue[][] = [];
  const termsList = ["NET 30", "NET 45", "2/10 NET 30", "NET 15", "NET 60"];
  const periodStart = serialFromYmd(year, month - 4, 1);
  for (let i = 1; i <= 300; i++) {
    const c = r.pick(customers);
    const invDate = periodStart + r.int(0, asOf - periodStart);
    const terms = r.pick(termsList);
    const net = Number(/NET (\d+)/.exec(terms)![1]);
    const due = invDate + net;
    const amountCents = r.int(5_000, 4_50_000) * 100 + (r.chance(0.4) ? r.int(0, 99) : 0);
    const age = asOf - due;
    let paidCents = 0;
    const roll = r.next();
    if (age > 0 ? roll < 0.55 : roll < 0.25) paidCents = amountCents;
    else if (roll < 0.7) paidCents = Math.round((amountCents * r.int(2, 8)) / 10 / 100) * 100;
    const invNo = `INV-${year}-${String(i).padStart(4, "0")}`;
    invoices.push([invNo, c.name, c.gstin, invDate, due, terms, money(amountCents), money(paidCents)]);
    if (paidCents > 0) {
      const payDate = Math.min(asOf, invDate + r.int(5, net + 20));
      payments.push([payDate, c.name, r.chance(0.7) ? invNo : `UTR${r.digits(12)}`, money(paidCents)]);
    }
  }
  payments.sort((a, b) => (a[0] as number) - (b[0] as number));

  // Bank statement and ledger for the month ---------------------------------------------
  type Txn = { date: number; bankDate: number; ref: string; desc: string; who: string; cents: number };
  const txns: Txn[] = [];
  let day = monthStart;
  for (let i = 0; i < 70; i++) {
    day = Math.min(asOf - 2, monthStart + Math.floor((i * (dim - 3)) / 70));
    if (weekdayMon0(day) >= 5) day = addWorkingDays(day, 1);
    const incoming = r.chance(0.45);
    const cents =
      (incoming ? r.int(10_000, 3_00_000) : r.int(2_000, 1_50_000)) * 100 + (r.chance(0.3) ? r.int(1, 99) : 0);
    const who = incoming ? r.pick(customers).name : r.pick(VENDORS);
    const cheque = !incoming && r.chance(0.3);
    const ref = cheque ? String(r.int(100000, 999999)) : `UTR${r.digits(12)}`;
    const desc = incoming
      ? `NEFT CR ${who.toUpperCase()}`
      : cheque
        ? `CHQ PAID ${who.toUpperCase()}`
        : `NEFT DR ${who.toUpperCase()}`;
    const lag = r.chance(0.3) ? r.int(1, 2) : 0;
    txns.push({
      date: day,
      bankDate: Math.min(asOf, addWorkingDays(day, lag)),
      ref,
      desc,
      who,
      cents: incoming ? cents : -cents,
    });
  }
  const bankRows: CellValue[][] = [];
  // The books carry the account's opening balance as a Tally ledger does (a row the reconciliation leaves
  // out); the statement's running balance starts from the same figure, so the month reconciles.
  const ledgerRows: CellValue[][] = [[monthStart, "OB", "Opening Balance", money(OPENING_BALANCE), null]];
  const exceptions: PlantedException[] = [];
  const bankTxn = (date: number, narration: string, ref: string, cents: number) =>
    bankRows.push([date, narration, ref, cents < 0 ? money(-cents) : null, cents > 0 ? money(cents) : null, null]);
  let voucher = 1;
  const ledgerTxn = (date: number, particulars: string, cents: number) =>
    ledgerRows.push([
      date,
      `V${String(voucher++).padStart(4, "0")}`,
      particulars,
      cents > 0 ? money(cents) : null,
      cents < 0 ? money(-cents) : null,
    ]);
  for (const t of txns) {
    bankTxn(t.bankDate, `${t.desc}/${t.ref}`, t.ref, t.cents);
    ledgerTxn(
      t.date,
      `${t.cents > 0 ? "Receipt from" : "Payment to"} ${t.who} ${/^UTR/.test(t.ref) ? "" : "chq "}${t.ref}`,
      t.cents,
    );
  }
  // Planted exceptions (row numbers are worksheet rows: header on row 1, data from row 2).
  const next = (rows: unknown[]) => rows.length + 2;
  // 1. Transposed digits: the book keyed 45,120.00 for a bank debit of 45,210.00.
  {
    const d = serialFromYmd(year, month, 14);
    const ref = `UTR${r.digits(12)}`;
    const b = next(bankRows);
    bankTxn(d, `NEFT DR ${VENDORS[0].toUpperCase()}/${ref}`, ref, -4521000);
    const l = next(ledgerRows);
    ledgerTxn(d, `Payment to ${VENDORS[0]} ref ${ref}`, -4512000);
    exceptions.push({
      kind: "transposed",
      description: "Ledger keyed 45,120.00 for a bank debit of 45,210.00",
      bankRows: [b],
      ledgerRows: [l],
    });
  }
  // 2. Bank charges and GST on them: in the bank only.
  {
    const d = serialFromYmd(year, month, dim - 1);
    const b1 = next(bankRows);
    bankTxn(d, "SERVICE CHARGES FOR NEFT/RTGS", "", -59000);
    const b2 = next(bankRows);
    bankTxn(d, "GST ON SERVICE CHARGES", "", -10620);
    exceptions.push({
      kind: "bank-charge",
      description: "Bank charges 590.00 + GST 106.20 not yet booked",
      bankRows: [b1, b2],
      ledgerRows: [],
    });
  }
  // 3. One deposit covering three invoices booked separately.
  {
    const c = customers[1];
    const parts = [1_18_000_00, 47_200_50, 2_36_000_00];
    const d = serialFromYmd(year, month, 20);
    const ref = `UTR${r.digits(12)}`;
    const b = next(bankRows);
    bankTxn(
      d,
      `NEFT CR ${c.name.toUpperCase()}/${ref}`,
      ref,
      parts.reduce((a, x) => a + x, 0),
    );
    const ls: number[] = [];
    parts.forEach((p, k) => {
      ls.push(next(ledgerRows));
      ledgerTxn(d - 1 + (k === 2 ? 1 : 0), `Receipt from ${c.name} against INV-${year}-01${k + 1}`, p);
    });
    exceptions.push({
      kind: "combined-deposit",
      description: "One deposit of 4,01,200.50 covering three invoices",
      bankRows: [b],
      ledgerRows: ls,
    });
  }
  // 4. Cheque issued at month end, not yet presented (timing difference: ledger only).
  {
    const d = serialFromYmd(year, month, dim);
    const l = next(ledgerRows);
    ledgerTxn(d, `Payment to ${VENDORS[2]} chq ${r.int(100000, 999999)}`, -8_750_00);
    exceptions.push({
      kind: "cheque-in-transit",
      description: "Cheque issued on the last day, not yet presented",
      bankRows: [],
      ledgerRows: [l],
    });
  }
  // 5. Timing difference across days with a different reference format.
  {
    const d = serialFromYmd(year, month, 9);
    const ref = `${r.int(100000, 999999)}`;
    const b = next(bankRows);
    bankTxn(addWorkingDays(d, 3), `CLG CHQ DEP ${ref}`, ref, 62_500_00);
    const l = next(ledgerRows);
    ledgerTxn(d, `Cheque deposited from ${customers[4].name} chq no ${ref}`, 62_500_00);
    exceptions.push({
      kind: "timing",
      description: "Cheque deposit booked 3 working days before the bank credited it",
      bankRows: [b],
      ledgerRows: [l],
    });
  }
  // 6. Interest credited by the bank: bank only.
  {
    const d = serialFromYmd(year, month, dim);
    const b = next(bankRows);
    bankTxn(d, "SB INTEREST CREDIT", "", 1_234_56);
    exceptions.push({
      kind: "interest",
      description: "Interest credited by the bank, not yet booked",
      bankRows: [b],
      ledgerRows: [],
    });
  }
  // Sort the bank statement by date and compute the running balance; re-map planted rows.
  const order = bankRows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (a.row[0] as number) - (b.row[0] as number) || a.i - b.i);
  const newRowOf = new Map<number, number>();
  order.forEach((o, k) => newRowOf.set(o.i + 2, k + 2));
  let balance = OPENING_BALANCE;
  const bankSorted = order.map((o) => {
    const wd = o.row[3] === null ? 0 : Math.round((o.row[3] as number) * 100);
    const dp = o.row[4] === null ? 0 : Math.round((o.row[4] as number) * 100);
    balance += dp - wd;
    return [...o.row.slice(0, 5), money(balance)];
  });
  for (const e of exceptions) e.bankRows = e.bankRows.map((b) => newRowOf.get(b)!);

  // Work items ------------------------------------------------------------------------
  const workItems: CellValue[][] = [];
  for (let i = 1; i <= 500; i++) {
    const proc = r.pick(PROCESSES);
    let d = monthStart + r.int(0, dim - 1);
    if (weekdayMon0(d) >= 5) d = addWorkingDays(d, 1);
    if (d > asOf) d = asOf;
    const received = d + (9 + r.int(0, 8)) / 24 + r.int(0, 59) / 1440;
    const sla = proc.slaHours;
    const speed = r.next();
    // Most items close within SLA; some slip; a few are still open at month end (backlog).
    const open = d > asOf - 3 && r.chance(0.5);
    const tatWorkingHours = speed < 0.82 ? sla * (0.2 + r.next() * 0.75) : sla * (1.05 + r.next() * 1.5);
    const completed = open
      ? null
      : received + tatWorkingHours / 9 + Math.floor(tatWorkingHours / 9) * (weekdayMon0(d) >= 4 ? 2 : 0);
    workItems.push([
      `WI-${String(i).padStart(5, "0")}`,
      proc.name,
      r.pick(AGENTS),
      roundMinute(received),
      completed === null ? null : roundMinute(Math.min(completed, asOf + 17 / 24)),
      sla,
      completed === null ? null : r.chance(0.94) ? "Pass" : "Fail",
    ]);
  }

  return {
    seed,
    asOf,
    month: monthKey,
    employees: {
      name: "Employees",
      headers: [
        "Employee ID",
        "Name",
        "State",
        "Gender",
        "Basic",
        "HRA",
        "Other Allowances",
        "PF",
        "ESI",
        "PAN",
        "UAN",
        "IFSC",
        "Bank Account",
      ],
      rows: employees,
      formats: {
        Basic: NUMFMT.integer,
        HRA: NUMFMT.integer,
        "Other Allowances": NUMFMT.integer,
        UAN: "@",
        "Bank Account": "@",
      },
    },
    attendance: {
      name: "Attendance",
      headers: ["Employee ID", "Month", "Days Paid", "Days In Month"],
      rows: attendance,
      formats: { Month: "@" },
    },
    invoices: {
      name: "Invoices",
      headers: ["Invoice No", "Customer", "Customer GSTIN", "Invoice Date", "Due Date", "Terms", "Amount", "Paid"],
      rows: invoices,
      formats: { "Invoice Date": NUMFMT.date, "Due Date": NUMFMT.date, Amount: NUMFMT.money, Paid: NUMFMT.money },
    },
    payments: {
      name: "Payments",
      headers: ["Payment Date", "Customer", "Reference", "Amount"],
      rows: payments,
      formats: { "Payment Date": NUMFMT.date, Amount: NUMFMT.money },
    },
    bank: {
      name: "Bank",
      headers: ["Date", "Narration", "Ref No", "Withdrawal", "Deposit", "Balance"],
      rows: bankSorted,
      formats: {
        Date: NUMFMT.date,
        Withdrawal: NUMFMT.money,
        Deposit: NUMFMT.money,
        Balance: NUMFMT.money,
        "Ref No": "@",
      },
    },
    ledger: {
      name: "Ledger",
      headers: ["Date", "Voucher No", "Particulars", "Debit", "Credit"],
      rows: ledgerRows,
      formats: { Date: NUMFMT.date, Debit: NUMFMT.money, Credit: NUMFMT.money },
    },
    workItems: {
      name: "WorkItems",
      headers: ["Item ID", "Process", "Agent", "Received", "Completed", "SLA Hours", "QC Result"],
      rows: workItems,
      formats: { Received: NUMFMT.dateTime, Completed: NUMFMT.dateTime },
    },
    exceptions,
  };
}

function roundMinute(serial: number): number {
  return Math.round(serial * 1440) / 1440;
}

/** The sample tables in workbook order. */
export function sampleTables(s: SampleData): SampleTable[] {
  return [s.employees, s.attendance, s.invoices, s.payments, s.bank, s.ledger, s.workItems];
}

/**
 * One SheetSpec per sample table: an Excel table with a styled header, frozen, with date and
 * money formats and sensible widths. Role "sample:<name>" so re-running the demo replaces them.
 */
export function sampleSheets(s: SampleData): SheetSpec[] {
  return sampleTables(s).map(sampleSheet);
}

/** One sample table as a sheet: an Excel table with its number formats, header frozen, role "sample:<name>". */
export function sampleSheet(t: SampleTable): SheetSpec {
  const lastCol = colLetter(t.headers.length);
  const rows: SpecCell[][] = [t.headers, ...t.rows];
  return {
    name: t.name,
    role: `sample:${t.name.toLowerCase()}`,
    rows,
    columns: t.headers.map((h, i) => ({
      width: Math.min(40, Math.max(h.length + 2, ...t.rows.slice(0, 50).map((r) => widthOf(r[i], t.formats[h])))),
      numFmt: t.formats[h],
    })),
    tables: [{ name: t.name, range: `A1:${lastCol}${t.rows.length + 1}`, style: "TableStyleMedium2" }],
    freeze: { rows: 1, columns: 0 },
  };
}

function widthOf(v: CellValue, fmt: string | undefined): number {
  if (v === null) return 4;
  if (typeof v === "number" && fmt && /yy/.test(fmt)) return fmt.includes("h") ? 17 : 12;
  if (typeof v === "number") return String(Math.round(v)).length + 5;
  return String(v).length + 2;
}

/** ISO date of the sample month's end (the demo's as-of date). */
export function sampleAsOfIso(s: SampleData): string {
  return isoFromSerial(s.asOf);
}
