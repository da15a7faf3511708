/**
 * Seeded bank-vs-ledger datasets with known ground truth, for the recon tests and the benchmark.
 * The bank statement (left) has Date, Narration, Ref No, Withdrawal, Deposit; the ledger (right) has Date,
 * Voucher No, Particulars, Debit, Credit. Every planted relation is recorded as a truth entry with the
 * worksheet rows it joins (header on row 1, data from row 2).
 */
import type { CellValue } from "../../../src/core/sheet-spec";
import type { TableData } from "../../../src/core/table";
import { seededRandom } from "../../../src/core/sample";
import { sheetTable } from "../tables";

export type TruthKind = "exact" | "timing" | "rounding" | "transposed" | "split" | "combined";
export interface Truth {
  kind: TruthKind;
  left: number[];
  right: number[];
}

export interface Dataset {
  bank: TableData;
  ledger: TableData;
  truth: Truth[];
  /** Rows with no counterpart (bank charges, noise). */
  loneLeft: number[];
  loneRight: number[];
  /** Ledger rows planted as duplicates (same voucher and amount). */
  duplicateRows: number[];
}

const NAMES = [
  "Acme Traders",
  "Bharat Steel",
  "Coastal Foods",
  "Deccan Motors",
  "Everest Pharma",
  "Fortune Textiles",
  "Ganga Logistics",
  "Himalaya Agro",
  "Indus Cables",
  "Jaipur Gems",
  "Kaveri Paper",
  "Lotus Chemicals",
  "Malabar Spices",
  "Narmada Cement",
  "Orchid Hotels",
  "Pearl Plastics",
  "Quartz Glass",
  "Ruby Garments",
  "Sapphire Tech",
  "Tulip Ceramics",
  "Uday Electricals",
  "Vega Tools",
  "Western Tyres",
  "Zenith Papers",
];

export interface GenOptions {
  exact?: number;
  timing?: number;
  rounding?: number;
  transposed?: number;
  split?: number;
  combined?: number;
  bankCharges?: number;
  noise?: number;
  duplicates?: number;
  /**
   * Unrelated items that happen to share a round amount and a date (two accounts' ATM withdrawals, a rent
   * and a transfer): one on each side, descriptions and references with nothing in common. Not a true pair.
   */
  coincidences?: number;
}

export function generateDataset(seed: number, o: GenOptions = {}): Dataset {
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const digits = (n: number) => Array.from({ length: n }, () => String(int(0, 9))).join("");
  const base = 45931; // 2025-10-01
  const bank: CellValue[][] = [];
  const ledger: CellValue[][] = [];
  const truth: Truth[] = [];
  const loneLeft: number[] = [];
  const loneRight: number[] = [];
  const duplicateRows: number[] = [];
  let voucher = 1;
  const usedUtr = new Set<string>();
  const utr = () => {
    let u: string;
    do u = `UTR${digits(12)}`;
    while (usedUtr.has(u));
    usedUtr.add(u);
    return u;
  };
  // Amounts with paise, distinct enough that unrelated items rarely collide.
  const amount = () => int(1_000_00, 9_99_999_99);
  const b = (day: number, narration: string, ref: string, cents: number) => {
    bank.push([base + day, narration, ref, cents < 0 ? -cents / 100 : null, cents > 0 ? cents / 100 : null]);
    return bank.length + 1;
  };
  const l = (day: number, particulars: string, cents: number, v?: string) => {
    ledger.push([
      base + day,
      v ?? `V${String(voucher++).padStart(6, "0")}`,
      particulars,
      cents > 0 ? cents / 100 : null,
      cents < 0 ? -cents / 100 : null,
    ]);
    return ledger.length + 1;
  };
  const sign = () => (rnd() < 0.5 ? 1 : -1);
  for (let k = 0; k < (o.exact ?? 40); k++) {
    const who = pick(NAMES);
    const c = amount() * sign();
    const ref = utr();
    const d = int(0, 27);
    const L = b(d, `NEFT ${c > 0 ? "CR" : "DR"} ${who.toUpperCase()}/${ref}`, ref, c);
    const R = l(d + int(0, 2), `${c > 0 ? "Receipt from" : "Payment to"} ${who} ${ref}`, c);
    truth.push({ kind: "exact", left: [L], right: [R] });
  }
  for (let k = 0; k < (o.timing ?? 10); k++) {
    const who = pick(NAMES);
    const c = amount() * sign();
    const d = int(0, 24);
    const L = b(d + int(1, 3), `CLG ${c > 0 ? "CR" : "DR"} ${digits(6)}`, digits(8), c);
    const R = l(d, `${c > 0 ? "Cheque deposited" : "Cheque issued"} ${who}`, c);
    truth.push({ kind: "timing", left: [L], right: [R] });
  }
  for (let k = 0; k < (o.rounding ?? 10); k++) {
    const who = pick(NAMES);
    const c = amount() * sign();
    const delta = int(1, 50) * (rnd() < 0.5 ? 1 : -1);
    const d = int(0, 27);
    const L = b(d, `IMPS ${who.toUpperCase()} ${digits(7)}`, "", c);
    const R = l(d + int(0, 1), `${who} settlement`, c + delta);
    truth.push({ kind: "rounding", left: [L], right: [R] });
  }
  for (let k = 0; k < (o.transposed ?? 5); k++) {
    const who = pick(NAMES);
    let c: number;
    let t: number;
    do {
      c = amount();
      const s = String(c);
      const p = int(0, s.length - 4);
      t = Number(s.slice(0, p) + s[p + 1] + s[p] + s.slice(p + 2));
    } while (t === c || String(t).length !== String(c).length);
    const sg = sign();
    const ref = utr();
    const d = int(0, 27);
    const L = b(d, `NEFT ${sg > 0 ? "CR" : "DR"} ${who.toUpperCase()}/${ref}`, ref, c * sg);
    const R = l(d, `${sg > 0 ? "Receipt from" : "Payment to"} ${who} ref ${ref}`, t * sg);
    truth.push({ kind: "transposed", left: [L], right: [R] });
  }
  for (let k = 0; k < (o.split ?? 5); k++) {
    const who = pick(NAMES);
    const parts = Array.from({ length: int(2, 4) }, () => int(5_000_00, 2_00_000_99));
    const total = parts.reduce((a, x) => a + x, 0);
    const d = int(2, 25);
    const ref = utr();
    const L = b(d, `NEFT CR ${who.toUpperCase()}/${ref}`, ref, total);
    const R = parts.map((p, i) => l(d - int(0, 2), `Receipt from ${who} against INV-${digits(4)}-${i + 1}`, p));
    truth.push({ kind: "split", left: [L], right: R });
  }
  for (let k = 0; k < (o.combined ?? 5); k++) {
    const who = pick(NAMES);
    const parts = Array.from({ length: int(2, 3) }, () => int(5_000_00, 1_00_000_99));
    const total = parts.reduce((a, x) => a + x, 0);
    const d = int(2, 25);
    const Ls = parts.map((p) => b(d + int(0, 2), `CHQ PAID ${who.toUpperCase()} ${digits(6)}`, digits(6), -p));
    const R = l(d, `Payment to ${who} for batch ${digits(3)}`, -total);
    truth.push({ kind: "combined", left: Ls, right: [R] });
  }
  for (let k = 0; k < (o.bankCharges ?? 5); k++)
    loneLeft.push(b(int(0, 29), "SERVICE CHARGES", "", -int(50_00, 999_99)));
  for (let k = 0; k < (o.noise ?? 10); k++) {
    loneLeft.push(b(int(0, 29), `MISC ${digits(5)} ALPHA${k}`, `X${digits(9)}`, amount() * sign()));
    loneRight.push(l(int(0, 29), `Unrelated entry ${k} OMEGA${k}`, amount() * sign()));
  }
  for (let k = 0; k < (o.duplicates ?? 2); k++) {
    const c = -amount();
    const v = `DUP${digits(5)}`;
    duplicateRows.push(
      l(int(0, 29), `Vendor bill posted twice ZETA${k}`, c, v),
      l(int(0, 29), `Vendor bill posted twice ZETA${k}`, c, v),
    );
  }
  const BANK_ONLY = ["ATM WDL CASH", "UPI ZOMATO ORDER", "POS SWIGGY", "IMPS P2A RAHUL", "ECS LIC PREMIUM"];
  const BOOK_ONLY = ["Petty imprest", "Staff advance", "Rent deposit", "Office repairs", "Courier charges"];
  for (let k = 0; k < (o.coincidences ?? 0); k++) {
    const c = -int(1, 50) * 1000_00;
    const d = int(0, 27);
    loneLeft.push(b(d, `${pick(BANK_ONLY)} ${digits(6)}`, `S${digits(9)}`, c));
    loneRight.push(l(d, `${pick(BOOK_ONLY)} ${pick(NAMES)}`, c));
  }
  const table = sheetTable;
  return {
    bank: table("Bank", ["Date", "Narration", "Ref No", "Withdrawal", "Deposit"], bank),
    ledger: table("Ledger", ["Date", "Voucher No", "Particulars", "Debit", "Credit"], ledger),
    truth,
    loneLeft,
    loneRight,
    duplicateRows,
  };
}
