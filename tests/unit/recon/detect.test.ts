/**
 * The statement detector on files no one here wrote (/work/shared/corpus/statements, read through the
 * current loaders) and on the shapes real exports take (an HDFC statement with separators and its
 * STATEMENT SUMMARY block, a Tally ledger with its Opening/Closing Balance and total rows, a German
 * semicolon export with decimal commas). Every expected figure is worked out by hand from the file, in the
 * comments beside it; none is copied from our output.
 */
import * as path from "path";
import {
  detectStatement,
  headerCore,
  prepareSide,
  reconcileTables,
  reconJson,
  type PreparedSide,
} from "../../../src/core/recon";
import { serialFromYmd } from "../../../src/core/dates";
import { decimalCommaEvidence, parseAmount } from "../../../src/core/money";
import { readSource } from "../../../src/workbook/file-io";
import { sheetTable } from "../tables";
import { HDFC_HEADERS, hdfc, tally } from "./fixtures";

const CORPUS = "/work/shared/corpus/statements";
const read = (f: string) => readSource(path.join(CORPUS, f));
const cents = (s: PreparedSide) => Array.from(s.cents);
const rows = (s: PreparedSide) => Array.from(s.row);
const days = (s: PreparedSide) => Array.from(s.day);
const d = serialFromYmd;

describe("corpus statements (read through the current loaders)", () => {
  it("CIMB: Debit (RM) / Credit (RM) headers are recognised and Debit is money out", async () => {
    const s = prepareSide(await read("my_sample_cimb.csv"), "left", {});
    expect(s.layout.kind).toBe("bank"); // Balance (RM) is a running balance: the bank's view
    // Rows 7-18 (header on row 6 below four title lines): 250.00 out, 3,500.00 in, 1,000.00 out, ...
    expect(rows(s)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(cents(s)).toEqual([
      -25000, 350000, -100000, -20000, -8990, 50000, -15630, -150000, -4550, 80000, 30000, -1000,
    ]);
    // The statement's own arithmetic: opening 5,000.00 (4,750.00 + 250.00), closing 6,848.30.
    expect(cents(s).reduce((a, b) => a + b, 0)).toBe(684830 - 500000);
    expect(days(s)[0]).toBe(d(2026, 3, 3));
  });

  it("generic: the Opening Balance row is excluded and its balance stated", async () => {
    const t = await read("my_sample_generic.csv");
    const s = prepareSide(t, "left", {});
    expect(s.excluded).toEqual([expect.objectContaining({ side: "left", row: 6, reason: "opening balance" })]);
    expect(s.layout.opening).toMatchObject({ row: 6, cents: 500000, day: d(2026, 3, 1) });
    expect(s.n).toBe(12);
    expect(rows(s)[0]).toBe(7);
    expect(cents(s).slice(0, 3)).toEqual([-25000, 350000, -100000]);
  });

  it("single amount with DR/CR suffixes: DR is money out on a statement; the Opening Balance row is left out", async () => {
    const s = prepareSide(await read("my_sample_single_amount.csv"), "left", {});
    expect(s.excluded.map((e) => [e.row, e.reason])).toEqual([[2, "opening balance"]]);
    // 250.00 DR, 3500.00 CR, 1000.00 DR, 500.00 CR, 1500.00 DR; balances 4750, 8250, 7250, 7750, 6250 agree.
    expect(cents(s)).toEqual([-25000, 350000, -100000, 50000, -150000]);
  });

  it("Hong Leong .xlsx: Withdrawal (DR) / Deposit (CR) below title lines", async () => {
    const s = prepareSide(await read("my_sample_hlb.xlsx"), "left", {});
    expect(rows(s)).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
    // Balances 4,750.00 -> 8,250.00 -> 7,250.00 -> 7,750.00 -> 7,593.70 -> 6,093.70 -> 6,893.70 -> 6,883.70.
    expect(cents(s)).toEqual([-25000, 350000, -100000, 50000, -15630, -150000, 80000, -1000]);
  });

  it("ledger with an unsigned amount and an entry_type DEBIT/CREDIT column: the indicator gives the sign", async () => {
    const s = prepareSide(await read("my_sample_ledger.csv"), "right", {});
    expect(s.layout.kind).toBe("book");
    expect(s.table.headers[s.mapping.indicator]).toBe("entry_type");
    expect(s.table.headers[s.mapping.date]).toBe("entry_date");
    // The books' view: DEBIT is money in. 250.00 DEBIT, 3500.00 CREDIT, 1000.00 DEBIT, 156.30 DEBIT, ...
    expect(cents(s)).toEqual([25000, -350000, 100000, 15630, 150000, -80000]);
  });

  it("generic statement vs that ledger: only transactions counted, unmatched totals the true ones", async () => {
    const r = reconcileTables(await read("my_sample_generic.csv"), await read("my_sample_ledger.csv"));
    const j = reconJson(r);
    // The ledger books the other leg (DEBIT to an expense account = money out of the bank): every one of its
    // six entries is on the statement with the opposite sign, so its signs are reversed, and said so.
    expect(r.rules.flipRight).toBe(true);
    expect(j.warnings.some((w) => /signs reversed automatically/.test(w.message))).toBe(true);
    expect(j.summary.left).toBe(12);
    expect(j.summary.right).toBe(6);
    // Not in the ledger: ATM 200.00 out, Lazada 89.90 out, IBFT 500.00 in, Grabfood 45.50 out, ATM deposit
    // 300.00 in, bank charges 10.00 out: -200 - 89.90 + 500 - 45.50 + 300 - 10 = 454.60.
    expect(j.unmatchedLeft).toEqual([10, 11, 12, 15, 17, 18]);
    expect(j.summary.unmatchedLeftAmount).toBe(454.6);
    expect(j.summary.unmatchedRightAmount).toBe(0);
    expect(j.excluded).toEqual([{ side: "left", row: 6, reason: "opening balance" }]);
  });

  it("PayPal: 10/19/2019 proves the Date column month-first, so 10/01/2019 is 1 October; Net wins over Gross", async () => {
    const s = prepareSide(await read("paypal_custom.csv"), "left", {});
    expect(s.table.headers[s.mapping.amount]).toBe("Net");
    expect(s.layout.proofs.date).toMatchObject({ order: "MDY", basis: "proven" });
    expect(days(s)).toEqual([
      d(2019, 10, 1),
      d(2019, 10, 1),
      d(2019, 10, 1),
      d(2019, 10, 1),
      d(2019, 10, 19),
      d(2019, 10, 19),
      d(2019, 10, 22),
    ]);
    // Net: -6.99, 6.99, -7.00, 7.00, -2.00, 2.00, 9.41 (10.00 gross less 0.59 fee on the last row).
    expect(cents(s)).toEqual([-699, 699, -700, 700, -200, 200, 941]);
    expect(s.warnings.filter((w) => w.column === "Date")).toEqual([]);
  });

  it("Revolut: Completed Date is preferred, a pending row falls back to its Started Date (and says so)", async () => {
    const s = prepareSide(await read("revolut_2022-01.csv"), "left", {});
    expect(s.table.headers[s.mapping.date]).toBe("Completed Date");
    expect(days(s)).toEqual([
      d(2022, 1, 2),
      d(2022, 1, 6),
      d(2022, 1, 7),
      d(2022, 1, 8),
      d(2022, 1, 10),
      d(2022, 1, 13), // PENDING: no Completed Date, started 2022-01-13
      d(2022, 1, 14),
      d(2022, 1, 14),
      d(2022, 1, 15), // PENDING, started 2022-01-15
    ]);
    expect(cents(s)).toEqual([-25000, 0, -3871, 50000, -2158, -4457, -3389, -6926, -7358]);
    expect(s.warnings).toEqual([
      expect.objectContaining({
        row: 0,
        message: expect.stringMatching(/2 rows have no Completed Date; Started Date/),
      }),
    ]);
  });

  it("Wise: a signed Amount beside a DEBIT/CREDIT Transaction Type keeps its sign; Payment Reference is the reference", async () => {
    const s = prepareSide(await read("wise_sample.csv"), "left", {});
    expect(s.table.headers[s.mapping.indicator]).toBe("Transaction Type");
    expect(s.layout.proofs.signed).toBe(true);
    expect(cents(s)).toEqual([-35738, -1135, 12500, 2017, -17]);
    expect(s.table.headers[s.mapping.reference]).toBe("Payment Reference");
    // 24-08-2020 can only be day-first.
    expect(days(s)).toEqual([d(2020, 8, 24), d(2020, 8, 24), d(2020, 8, 24), d(2020, 8, 20), d(2020, 8, 20)]);
  });

  it("Lloyds: Debit Amount / Credit Amount with a Balance, newest first, Transaction Description", async () => {
    const s = prepareSide(await read("lloyds_sample.csv"), "left", {});
    expect(s.table.headers[s.mapping.description]).toBe("Transaction Description");
    expect(cents(s)).toEqual([-899, -479, -597512, 200000, -597, -412, -25000, -7348, -1250, -202, -4500, 50000]);
    expect(days(s)[0]).toBe(d(2024, 1, 15));
    expect(days(s)[11]).toBe(d(2023, 12, 1));
  });

  it("bank vs QuickBooks: every bank line matched, the two book-only lines unmatched", async () => {
    const j = reconJson(reconcileTables(await read("am_bank.csv"), await read("am_quickbooks.csv")));
    // The books have two lines the bank lacks: JKL Corp 2,200.00 and Website Hosting Fee 75.00 (rows 18, 19).
    expect(j.summary).toMatchObject({ left: 16, right: 18, matchedLeft: 16, matchedRight: 16 });
    expect(j.unmatchedRight).toEqual([18, 19]);
    expect(j.summary.unmatchedRightAmount).toBe(2275);
    // "Phone Bill" vs "Telephone Bill" and "Utilities Payment" vs "Utility Bills" share no word: matched on
    // amount and date alone, so a person confirms them.
    const suggested = j.matches.filter((m) => m.status === "suggested").map((m) => m.left[0]);
    expect(suggested.sort((a, b) => a - b)).toEqual([10, 16]);
  });
});

describe("HDFC statement and Tally ledger", () => {
  it("HDFC: separators, the summary block and the footer are excluded with their reasons; opening and closing stated", () => {
    const s = prepareSide(hdfc(), "left", {});
    expect(s.excluded.map((e) => [e.row, e.reason])).toEqual([
      [23, "separator"],
      [32, "separator"],
      [34, "statement summary"],
      [35, "statement summary"],
      [36, "statement summary"],
      [38, "statement summary"],
      [39, "statement summary"],
    ]);
    expect(rows(s)).toEqual([24, 25, 26, 27, 28, 29, 30, 31]);
    expect(cents(s)).toEqual([11800000, -2500000, -1150000, -500000, -75000, 4720000, -14800, -6000000]);
    // No date of 2053: the latest is 20 April 2025; 07/04/25 is 7 April (15/04/25 proves day-first).
    expect(Math.max(...days(s))).toBe(d(2025, 4, 20));
    expect(days(s)[4]).toBe(d(2025, 4, 7));
    expect(s.layout.opening).toMatchObject({ row: 36, cents: 5590500 });
    expect(s.layout.closing).toMatchObject({ row: 36, cents: 11870700 });
    expect(s.layout.kind).toBe("bank");
  });

  it("Tally: Opening Balance, the total rows and Closing Balance are not transactions", () => {
    const s = prepareSide(tally(), "right", {});
    expect(s.layout.kind).toBe("book");
    expect(s.excluded.map((e) => [e.row, e.reason])).toEqual([
      [8, "opening balance"],
      [15, "total"],
      [16, "closing balance"],
      [17, "total"],
    ]);
    expect(s.layout.opening).toMatchObject({ row: 8, cents: 5590500, day: d(2025, 4, 1) });
    expect(cents(s)).toEqual([11800000, -2500000, -500000, 4720000, -6000000, -4500000]);
    expect(s.table.headers[s.mapping.reference]).toBe("Vch No.");
  });

  it("reconciled, the unmatched totals are the true ones: -12,398 on the statement, -45,000 in the books", () => {
    const j = reconJson(reconcileTables(hdfc(), tally()));
    expect(j.summary.left).toBe(8);
    expect(j.summary.right).toBe(6);
    // On the statement only: ACH loan EMI 11,500 + cheque book charges 750 + SMS charges 148 = 12,398 out.
    expect(j.unmatchedLeft).toEqual([26, 28, 30]);
    expect(j.summary.unmatchedLeftAmount).toBe(-12398);
    // In the books only: cheque 000452 to Delta Supplies, 45,000 out, not yet presented.
    expect(j.unmatchedRight).toEqual([14]);
    expect(j.summary.unmatchedRightAmount).toBe(-45000);
    expect(j.matches.every((m) => m.status === "confirmed")).toBe(true);
    expect(j.excluded).toHaveLength(7 + 4);
  });

  it("two unrelated accounts: round amounts on the same dates are never confirmed on amount and date alone", () => {
    const other = sheetTable("HDFC 2", HDFC_HEADERS, [
      ["02/04/25", "ATW-512967XXXXXX1234-S1ANHY01-MUMBAI", "000000012345", "02/04/25", 25000, null, 75000],
      ["05/04/25", "NEFT DR-SBIN0000123-LANDLORD RENT APRIL", "N050250111111", "05/04/25", 5000, null, 70000],
      ["20/04/25", "IMPS-P2A-ZOMATO MEDIA-REFUND", "509512222222", "20/04/25", 60000, null, 10000],
      ["15/04/25", "POS 416021XXXXXX9876 AMAZON PAY", "000000033333", "15/04/25", 148, null, 9852],
    ]);
    const j = reconJson(reconcileTables(hdfc(), other));
    expect(j.matches.length).toBeGreaterThan(0);
    expect(j.matches.filter((m) => m.status === "confirmed")).toEqual([]);
  });
});

describe("shapes the detector proves from the column", () => {
  it("a German ;-separated export with decimal commas (the TableData the files reader gives once it splits on ;)", () => {
    // Today's CSV reader splits on commas only: this is the table the reader will produce for
    //   Buchungstag;Valuta;Buchungstext;Verwendungszweck;Betrag (EUR)
    //   31.03.2025;31.03.2025;Lastschrift;Miete Maerz;-1.234,56 ...
    const t = sheetTable(
      "konto.csv",
      ["Buchungstag", "Valuta", "Buchungstext", "Verwendungszweck", "Betrag (EUR)"],
      [
        ["31.03.2025", "31.03.2025", "Lastschrift", "Miete Maerz", "-1.234,56"],
        ["01.04.2025", "01.04.2025", "Gutschrift", "Rechnung 17", "2.500,00"],
        ["02.04.2025", "02.04.2025", "Kartenzahlung", "Tankstelle", "-45,10"],
        ["03.04.2025", "03.04.2025", "Entgelt", "Kontofuehrung", "-7,5"],
      ],
    );
    const s = prepareSide(t, "left", {});
    expect([...s.layout.proofs.decimalComma]).toEqual([4]);
    expect(cents(s)).toEqual([-123456, 250000, -4510, -750]);
    expect(days(s)).toEqual([d(2025, 3, 31), d(2025, 4, 1), d(2025, 4, 2), d(2025, 4, 3)]);
  });

  it("a ;-separated file read as one column names the separator instead of suggesting merged cells", () => {
    const t = sheetTable(
      "konto.csv",
      ["Buchungstag;Valuta;Text;Betrag", "", ""],
      [["31.03.2025;x;y;-1.234", "56", null]],
    );
    expect(() => prepareSide(t, "left", {})).toThrow(/holds semicolons: the file is separated by them/);
  });

  it("a signed Amount with a Debit/Credit Type on a book-view table keeps every sign (it used to flip them all)", () => {
    const t = sheetTable(
      "export",
      ["Date", "Details", "Type", "Amount"],
      [
        ["2025-04-01", "Customer receipt", "Credit", 500],
        ["2025-04-02", "Supplier payment", "Debit", -200],
        ["2025-04-03", "Refund to customer", "Debit", -50],
      ],
    );
    const s = prepareSide(t, "left", {});
    expect(s.layout.proofs.signed).toBe(true);
    expect(cents(s)).toEqual([50000, -20000, -5000]);
  });

  it("an unsigned amount takes the indicator's sign; the rules can name the indicator column", () => {
    const t = sheetTable(
      "statement",
      ["Txn Date", "Remarks", "Amt", "Flag", "Balance"],
      [
        ["01/04/2025", "SALARY", "10,000.00", "CR", "15,000.00"],
        ["02/04/2025", "RENT", "4,000.00", "DR", "11,000.00"],
      ],
    );
    // "Flag" is no indicator header: without the rules the amounts stay unsigned.
    expect(cents(prepareSide(t, "left", {}))).toEqual([1000000, 400000]);
    const s = prepareSide(t, "left", { amount: "Amt", indicator: "Flag" });
    expect(cents(s)).toEqual([1000000, -400000]); // a statement: CR is money in, DR money out
  });

  it("a column no date decides is named in a warning and read day-first; the rules' dateOrder reads it month-first", () => {
    const t = sheetTable(
      "bank",
      ["Date", "Amount"],
      [
        ["03/04/2025", 10],
        ["05/06/2025", 20],
      ],
    );
    const s = prepareSide(t, "left", {});
    expect(s.layout.proofs.date).toMatchObject({ basis: "undecided", order: "DMY" });
    expect(days(s)).toEqual([d(2025, 4, 3), d(2025, 6, 5)]);
    expect(s.warnings).toEqual([
      expect.objectContaining({
        row: 0,
        column: "Date",
        message: expect.stringMatching(
          /no date shows whether the column is day-first or month-first .*03\/04\/2025 on row 2.*day-first \(DMY\)/,
        ),
      }),
    ]);
    const j = reconJson(reconcileTables(t, t));
    expect(j.warnings.filter((w) => w.column === "Date")).toHaveLength(2);
    const mdy = reconcileTables(t, t, { rules: { dateOrder: "MDY" } });
    expect(Array.from(mdy.left.day)).toEqual([d(2025, 3, 4), d(2025, 5, 6)]);
    expect(mdy.warnings).toEqual([]);
  });

  it("amounts marked Cr/Dr with nothing else to say whose view: the bank's, said in a warning", () => {
    const rows = [
      ["01/10/2025", "UTR1001", "NEFT CR ACME", "INR 1,25,000.00 CR"],
      ["03/10/2025", "CHQ000451", "CHQ PAID 451", "INR 45,000.00 DR"],
      ["31/10/2025", "INT31", "INTEREST", "412.00 Cr"],
    ];
    const headers = ["Date", "Reference", "Description", "Amount"];
    const s = prepareSide(sheetTable("October", headers, rows), "left", {});
    expect(s.layout.kind).toBe("bank");
    expect(cents(s)).toEqual([12500000, -4500000, 41200]);
    expect(s.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/Amount is marked Cr\/Dr .*read as the bank's statement \(Cr is money in\)/),
    ]);
    // A name that says books keeps the books' view: a debit to the bank account is money in.
    const book = prepareSide(sheetTable("Tally ledger", headers, rows), "left", {});
    expect(book.layout.kind).toBe("book");
    expect(cents(book)).toEqual([-12500000, 4500000, -41200]);
    expect(book.warnings).toEqual([]);
  });

  it("repeated header rows, page footers and labelled totals inside a statement", () => {
    const t = sheetTable(
      "Bank",
      ["Date", "Narration", "Withdrawal", "Deposit", "Balance"],
      [
        ["01/04/2025", "NEFT CR ACME", null, "1,000.00", "1,000.00"],
        ["Page 1 of 2", null, null, null, null],
        ["Date", "Narration", "Withdrawal", "Deposit", "Balance"],
        ["13/04/2025", "TOTAL GAS STATION", "100.00", null, "900.00"],
        [null, "Total", "100.00", "1,000.00", null],
        ["*** End of Statement ***", null, null, null, null],
        ["**This is a computer generated statement and does not require a signature.", null, null, null, null],
      ],
    );
    const s = prepareSide(t, "left", {});
    expect(s.excluded.map((e) => [e.row, e.reason])).toEqual([
      [3, "statement footer"],
      [4, "header repeated"],
      [6, "total"],
      [7, "statement footer"],
      [8, "statement footer"],
    ]);
    // "TOTAL GAS STATION" is a payee, not a total row.
    expect(cents(s)).toEqual([100000, -10000]);
  });

  it("detectStatement alone (no amounts parsed) gives the layout the validator and the reports use", () => {
    const lay = detectStatement(hdfc(), {}, { side: "left" });
    expect(lay.fingerprint).toBe("date|narration|chqrefno|valuedt|withdrawalamount|depositamount|closingbalance");
    expect(lay.rowKind.filter((k) => k === 0)).toHaveLength(8);
  });
});

describe("helpers", () => {
  it("headerCore strips unit and currency suffixes", () => {
    expect(
      ["Debit (RM)", "Amount (INR)", "Withdrawal Amt.", "Balance ₹", "Amount in USD", "Betrag (EUR)"].map(headerCore),
    ).toEqual(["debit", "amount", "withdrawalamount", "balance", "amount", "betrag"]);
  });

  it("decimal-comma evidence and parsing leave existing inputs alone", () => {
    expect(["-1.234,56", "12,5", "1,234.56", "1,23,456.78", "1.234", "500"].map(decimalCommaEvidence)).toEqual([
      "comma",
      "comma",
      "dot",
      "dot",
      null,
      null,
    ]);
    expect(parseAmount("-1.234,56", { decimalComma: true })).toMatchObject({ ok: true, cents: -123456 });
    expect(parseAmount("1,23,456.78")).toMatchObject({ ok: true, cents: 12345678 });
    expect(parseAmount("1.234,56").ok).toBe(false);
  });
});
