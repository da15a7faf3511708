/**
 * Inputs for the byte-identity test of `bpo-desk reconcile` (golden.test.ts): deterministic CSV files
 * (seeded datasets in several date and amount spellings, the benchmark's shape, the dialects banks export)
 * and rules files, written into a folder, and the command lines to run on them. The same cases were run
 * on the code before the performance work; their outputs' hashes are in golden.json.
 */
import * as fs from "fs";
import * as path from "path";
import type { CellValue } from "../../../src/core/sheet-spec";
import { isoFromSerial, ymdFromSerial } from "../../../src/core/dates";
import { seededRandom } from "../../../src/core/sample";
import { generateDataset, type GenOptions } from "./generate";

export interface GoldenCase {
  name: string;
  args: string[];
}

type DateStyle = "iso" | "dmy" | "mdy" | "mon" | "serial" | "dmy2" | "isotime";
type AmountStyle = "plain" | "fixed" | "indian" | "currency";

const MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

function dateText(serial: number, style: DateStyle, k: number): string {
  const { y, m, d } = ymdFromSerial(serial);
  switch (style) {
    case "iso":
      return isoFromSerial(serial);
    case "isotime":
      return `${isoFromSerial(serial)} ${p2(k % 24)}:${p2((k * 7) % 60)}`;
    case "dmy":
      return `${p2(d)}/${p2(m)}/${y}`;
    case "dmy2":
      return `${d}-${m}-${String(y).slice(2)}`;
    case "mdy":
      return `${p2(m)}/${p2(d)}/${y}`;
    case "mon":
      return `${p2(d)}-${MON[m - 1]}-${String(y).slice(2)}`;
    case "serial":
      return String(serial);
  }
}

function amountText(x: number | null, style: AmountStyle): string {
  if (x === null) return "";
  switch (style) {
    case "plain":
      return String(x);
    case "fixed":
      return x.toFixed(2);
    case "indian": {
      const [i, f] = Math.abs(x).toFixed(2).split(".");
      const head = i.length > 3 ? i.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ",") + "," : "";
      return `"${x < 0 ? "-" : ""}${head}${i.slice(-3)}.${f}"`;
    }
    case "currency":
      return `"₹${Math.abs(x).toLocaleString("en-US", { minimumFractionDigits: 2 })}"`;
  }
}

function field(v: CellValue): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(headers: string[], rows: string[][], eol = "\n"): string {
  return [headers.join(","), ...rows.map((r) => r.join(","))].join(eol) + eol;
}

/** A seeded bank statement and ledger, dates and amounts spelled as asked. */
function datasetFiles(
  dir: string,
  tag: string,
  seed: number,
  o: GenOptions,
  ds: DateStyle,
  as: AmountStyle,
  eol = "\n",
): [string, string] {
  const d = generateDataset(seed, o);
  const bank = d.bank.rows.map((r, k) => [
    dateText(r[0] as number, ds, k),
    field(r[1]),
    field(r[2]),
    amountText(r[3] as number | null, as),
    amountText(r[4] as number | null, as),
  ]);
  const ledger = d.ledger.rows.map((r, k) => [
    dateText(r[0] as number, ds, k + 3),
    field(r[1]),
    field(r[2]),
    amountText(r[3] as number | null, as),
    amountText(r[4] as number | null, as),
  ]);
  const l = `${tag}-bank.csv`;
  const r = `${tag}-ledger.csv`;
  fs.writeFileSync(path.join(dir, l), csv(["Date", "Narration", "Ref No", "Withdrawal", "Deposit"], bank, eol));
  fs.writeFileSync(path.join(dir, r), csv(["Date", "Voucher No", "Particulars", "Debit", "Credit"], ledger, eol));
  return [l, r];
}

/** The benchmark's shape (bench/files.bench.ts): 90% share reference and amount, 10% lose the reference. */
function benchFiles(dir: string, n: number, seed: number): [string, string] {
  const rnd = seededRandom(seed);
  const base = Date.UTC(2025, 9, 1);
  const day = (x: number) => new Date(base + x * 864e5).toISOString().slice(0, 10);
  const rows: [number, string, number][] = [];
  for (let i = 0; i < n; i++)
    rows.push([
      Math.floor(rnd() * 28),
      `UTR${100000000000 + i * 7919}`,
      (1 + Math.floor(rnd() * 99_999_999)) * (rnd() < 0.5 ? -1 : 1),
    ]);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const left = rows.map(([d, ref, c]) => [day(d), ref, `NEFT ${ref.slice(-6)}`, (c / 100).toFixed(2)]);
  const right = order.map((o, k) => {
    const [d, ref, c] = rows[o];
    const keep = rnd() < 0.9;
    // A few rows repeated (duplicates) and a few amounts nudged (tolerance), so every pass has work.
    const nudge = rnd() < 0.02 ? Math.floor(rnd() * 90) + 1 : 0;
    return [
      day(d + (keep ? 0 : 1 + Math.floor(rnd() * 3))),
      keep ? ref : `CHQ${k}`,
      `Payment ${k}`,
      ((c + nudge) / 100).toFixed(2),
    ];
  });
  for (let k = 0; k < n / 100; k++) right.push(right[Math.floor(rnd() * right.length)]);
  const l = `bench-${n}-${seed}-left.csv`;
  const r = `bench-${n}-${seed}-right.csv`;
  fs.writeFileSync(path.join(dir, l), csv(["Date", "Reference", "Description", "Amount"], left));
  fs.writeFileSync(path.join(dir, r), csv(["Date", "Reference", "Description", "Amount"], right));
  return [l, r];
}

/** Files in the dialects banks export, with the rows that are not transactions. */
function dialectFiles(dir: string): Record<string, string> {
  const files: Record<string, string | Buffer> = {
    // Title lines, a summary block, opening/closing balance rows, separators, a repeated header, Dr/Cr suffixes.
    "statement.csv": [
      "ACME BANK LTD",
      "Account No: 000123456789",
      "Statement Period: 01/10/2025 to 31/10/2025",
      "",
      "Txn Date,Value Date,Narration,Chq/Ref No,Withdrawal Amt.,Deposit Amt.,Closing Balance",
      '01/10/2025,01/10/2025,Opening Balance,,,,"1,00,000.00"',
      '02/10/2025,02/10/2025,NEFT CR ACME TRADERS/UTR000111222333,000111222333,,"25,000.00","1,25,000.00"',
      '03/10/2025,03/10/2025,"CHQ PAID 445566, VENDOR",445566,"12,000.50",,"1,12,999.50"',
      "********,,,,,,",
      "04/10/2025,04/10/2025,UPI/ZOMATO/ref-12-34,UPI-12-34,450.00,,112549.50",
      "Txn Date,Value Date,Narration,Chq/Ref No,Withdrawal Amt.,Deposit Amt.,Closing Balance",
      "19/10/2025,19/10/2025,IMPS P2A rahul 000987654,987654,(1500.00),,111049.50",
      "20/10/2025,20/10/2025,SERVICE CHARGES,,59.00,,110990.50",
      "31/02/2025,31/10/2025,BAD DATE ROW,BD1,10.00,,110980.50",
      ",21/10/2025,NO TXN DATE,ND1,,20.00,111000.50",
      "22/10/2025,22/10/2025,UNREADABLE AMOUNT,UA1,abc,,111000.50",
      "23/10/2025,23/10/2025,Ref№ 77 Ünïcode narration,R№77,,1.005,111001.51",
      "",
      "STATEMENT SUMMARY",
      "Opening Balance,Dr Count,Cr Count,Debits,Credits,Closing Bal",
      '"1,00,000.00",5,3,"14,019.50","25,021.01","1,11,001.51"',
      "Generated on 01/11/2025 10:00",
    ].join("\r\n"),
    "books.csv": [
      "Voucher Date,Voucher No,Particulars,Debit,Credit",
      "01/10/2025,OB,Opening Balance,100000,",
      "02/10/2025,UTR000111222333,Receipt from Acme Traders,25000,",
      "03/10/2025,V0002,Payment to Vendor chq 445566,,12000.5",
      "04/10/2025,V0003,Zomato order upi-12-34,,450",
      "18/10/2025,V0004,Rahul advance 987654,,1500",
      "25/10/2025,V0005,Unrelated entry,,777.77",
      ",,Total,125000,14728.27",
      "31/10/2025,CB,Closing Balance,,110271.73",
    ].join("\n"),
    // One signed amount with a Dr/Cr column and month-first dates (10/19/2025 proves it).
    "single.csv": [
      "Date,Description,Reference,Amount,Dr/Cr",
      "10/01/2025,Shopee payment,FPX-2026-001,250.00,DR",
      "10/19/2025,Salary October,PAYROLL-OCT,3500.00,CR",
      "10/05/2025,Refund,RF-1,-20.00,CR",
      "10/07/2025,Grab ride,GR-7,18.40,",
      "10/08/2025,Fee 250.00 DR,,5.00 Dr,",
      "10/09/2025,Interest,INT-1,1.23 Cr,",
    ].join("\n"),
    "single-book.csv": [
      "entry_date,description,reference,amount,entry_type",
      "01/10/2025,Shopee Payment,FPX-2026-001,250.00,DEBIT",
      "19/10/2025,Salary,PAYROLL-OCT,3500.00,CREDIT",
      "05/10/2025,Refund,RF-1,20.00,DEBIT",
      "07/10/2025,Grab,GR-7,18.40,DEBIT",
    ].join("\n"),
    // Dates that read either way only: the undecided warning.
    "ambiguous.csv": ["Date,Reference,Amount", "01/02/2025,A1,10", "03/04/2025,A2,20.5", "05/06/2025,A3,-30.25"].join(
      "\n",
    ),
    // ;-separated with decimal commas, as German banks export.
    "de.csv": [
      "Buchungstag;Verwendungszweck;Betrag",
      "01.10.2025;Miete Oktober REF123456;-1.234,56",
      "02.10.2025;Gehalt ACME GmbH REF654321;3.500,00",
      "03.10.2025;Kartenzahlung 778899;-12,5",
      "04.10.2025;Zinsen;0,99",
    ].join("\n"),
    "tab.csv": [
      "Date\tReference\tDescription\tAmount",
      "2025-10-01\tREF123456\tRent\t-1234.56",
      "2025-10-02\tREF654321\tSalary\t3500",
      "2025-10-03\t778899\tCard\t-12.5",
      '2025-10-05\t"Q-1"\t"multi\nline, quoted ""text"""\t7.25',
    ].join("\n"),
    "pipe.csv": [
      "Date|Ref|Memo|Net Amount",
      "2025-10-01|REF123456|Rent|-1234.56",
      "2025-10-02|REF654321|Salary|3500.00",
    ].join("\n"),
    "numbers.csv": [
      "Date,Transaction ID,Payee,Amount",
      "45931,123456789,Acme,100",
      "45932,000123456789,Acme,100.00",
      "45933,1e3,Beta,1e3",
      "45934,-0,Zero,-0",
      "45935,12345678901234567890,Big,12345678901.99",
      "45936,0.5,Half,0.005",
      "45937,007,Seven,7.125",
      "2025-10-08T09:15,T8,With time,8",
      "2025-10-09 9:15 PM,T9,With pm time,9",
      "20251010,T10,Compact,10",
      "Oct 11 2025,T11,Month name,11",
      "12 October 2025,T12,Long month,12",
      " 2025-10-13 ,  T13  ,Spaces, 13 ",
    ].join("\n"),
  };
  files["bom-crlf.csv"] =
    "\ufeff" + ["Date,Reference,Amount", "2025-10-01,REF123456,-1234.56", "2025-10-02,X1,5"].join("\r\n");
  files["cp1252.csv"] = Buffer.from(
    [
      "Date,Description,Reference,Amount",
      "2025-10-01,Caf\xe9 cr\xe8me \x80 fee,REF123456,1234.56",
      "2025-10-02,Na\xefve,654321,3500",
    ].join("\n"),
    "latin1",
  );
  const u16 = ["Date,Reference,Amount", "2025-10-01,REF123456,1234.56", "2025-10-02,654321,-3500"].join("\r\n");
  files["utf16.csv"] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(u16, "utf16le")]);
  const out: Record<string, string> = {};
  for (const [name, body] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), body);
    out[name] = name;
  }
  return out;
}

const RULES: Record<string, object> = {
  exact: { passes: { exact: true, tolerance: false, fuzzy: false, group: false } },
  tol: { tolerance: { amount: 1, percent: 0.5 }, dateWindowDays: 3 },
  loose: { fuzzyThreshold: 0.7, groupMaxSize: 3, confidenceThreshold: 0.95, fuzzyDateWindowDays: 40 },
  flip: { flipRight: true },
  mdy: { dateOrder: "MDY" },
  noflip: { flipRight: false, passes: { fuzzy: false } },
  nogroup: { passes: { group: false }, tolerance: { amount: 0 } },
};

/** Write every input into `dir`; returns the command lines (relative to `dir`). */
export function writeGoldenCases(dir: string): GoldenCase[] {
  for (const [k, v] of Object.entries(RULES)) fs.writeFileSync(path.join(dir, `${k}.json`), JSON.stringify(v));
  const cases: GoldenCase[] = [];
  const add = (name: string, l: string, r: string, rules?: string, json = true) =>
    cases.push({
      name,
      args: ["reconcile", l, r, ...(rules ? ["--rules", `${rules}.json`] : []), ...(json ? ["--json"] : [])],
    });
  const big: GenOptions = {
    exact: 400,
    timing: 60,
    rounding: 60,
    transposed: 30,
    split: 30,
    combined: 30,
    bankCharges: 20,
    noise: 60,
    duplicates: 6,
    coincidences: 20,
  };
  const styles: [DateStyle, AmountStyle][] = [
    ["iso", "plain"],
    ["dmy", "fixed"],
    ["mdy", "indian"],
    ["mon", "currency"],
    ["serial", "plain"],
    ["dmy2", "fixed"],
    ["isotime", "plain"],
  ];
  styles.forEach(([ds, as], k) => {
    const seed = 101 + k;
    const [l, r] = datasetFiles(
      dir,
      `ds${seed}`,
      seed,
      k % 2 ? big : { coincidences: 5 },
      ds,
      as,
      k === 3 ? "\r\n" : "\n",
    );
    add(`dataset ${seed} ${ds}/${as}`, l, r);
    add(`dataset ${seed} ${ds}/${as} exact`, l, r, "exact");
    add(`dataset ${seed} ${ds}/${as} tol`, l, r, "tol");
    if (k < 4) {
      add(`dataset ${seed} ${ds}/${as} loose`, l, r, "loose");
      add(`dataset ${seed} ${ds}/${as} flip`, l, r, "flip");
      add(`dataset ${seed} ${ds}/${as} reversed`, r, l);
    }
    if (k === 2) add(`dataset ${seed} mdy rules`, l, r, "mdy");
    if (k === 1) add(`dataset ${seed} summary`, l, r, undefined, false);
  });
  for (const [n, seed] of [
    [3000, 1],
    [3000, 2],
    [20000, 3],
  ]) {
    const [l, r] = benchFiles(dir, n, seed);
    add(`bench ${n} ${seed} exact`, l, r, "exact");
    add(`bench ${n} ${seed} all`, l, r);
    add(`bench ${n} ${seed} nogroup`, l, r, "nogroup");
    if (n === 3000) add(`bench ${n} ${seed} summary`, l, r, "exact", false);
  }
  const d = dialectFiles(dir);
  const names = Object.keys(d);
  for (const a of names)
    for (const b of names) {
      add(`dialect ${a} ${b}`, a, b);
      if (a === "statement.csv" || a === "single.csv") add(`dialect ${a} ${b} summary`, a, b, undefined, false);
    }
  add("dialect statement books noflip", "statement.csv", "books.csv", "noflip");
  fs.writeFileSync(path.join(dir, "noamount.csv"), "Date,Narration\n01/10/2025,x\n");
  fs.writeFileSync(path.join(dir, "header-only.csv"), "Date,Amount\n");
  fs.writeFileSync(path.join(dir, "badcol.json"), JSON.stringify({ left: { date: "When" } }));
  add("error no amount", "noamount.csv", "books.csv");
  add("error header only", "books.csv", "header-only.csv");
  add("error rules column", "books.csv", "books.csv", "badcol");
  add("dialect single mdy", "single.csv", "single-book.csv", "mdy");
  return cases;
}
