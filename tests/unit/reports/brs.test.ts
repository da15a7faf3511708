/**
 * The bank reconciliation statement. Expected figures are worked out by hand from the inputs
 * (tests/unit/recon/fixtures.ts for the HDFC statement and Tally ledger; the sample's planted exceptions
 * for the demo), and the sheet's live formulas are recalculated by LibreOffice.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { reconcileTables, matchKey } from "../../../src/core/recon";
import { buildBrsReport, BRS_SHEET, type BrsJson } from "../../../src/core/reports/brs";
import { isFormulaCell, type SheetSpec } from "../../../src/core/sheet-spec";
import { serialFromYmd } from "../../../src/core/dates";
import { generateSample, OPENING_BALANCE } from "../../../src/core/sample";
import { FileWorkbook } from "../../../src/workbook/file";
import { saveWorkbookFile } from "../../../src/workbook/file-io";
import { runRecon, withDecisions, writeReconResults } from "../../../src/workbook/jobs/recon";
import { runReportJob } from "../../../src/workbook/jobs/reports";
import { main } from "../../../src/cli/main";
import { captureIo } from "../../helpers/cli-io";
import { recalcToCsv, sofficeAvailable } from "../../helpers/soffice";
import { hdfc, tally } from "../recon/fixtures";
import { sampleBook } from "../sample-book";
import { sheetTable } from "../tables";

const d = serialFromYmd;

/** The value a cell of a spec shows (a formula's cached value). */
function cellOf(spec: SheetSpec, label: string, col = 1): unknown {
  const row = spec.rows.find((r) => r[0] === label)!;
  const c = row[col];
  return isFormulaCell(c) ? c.v : c;
}

describe("BRS of the HDFC statement and the Tally ledger", () => {
  const r = reconcileTables(hdfc(), tally());

  it("prints the cli.md document: bank 1,18,707 + 12,398 not in books - 45,000 unpresented = books 86,105", () => {
    const j = buildBrsReport({ result: r, asOf: d(2025, 4, 30) }).json;
    expect(Object.keys(j).slice(0, 8)).toEqual([
      "asOf",
      "bankBalance",
      "depositsInTransit",
      "unpresentedCheques",
      "bankOnly",
      "bookOnly",
      "bookBalance",
      "difference",
    ]);
    expect(j).toMatchObject({
      asOf: "2025-04-30",
      // The statement's Closing Balance after row 31 (20/04/25).
      bankBalance: 118707,
      depositsInTransit: [],
      unpresentedCheques: [{ row: 14, date: "2025-04-28", reference: "204", amount: 45000 }],
      bankOnly: [
        { row: 26, date: "2025-04-03", reference: "0000000123", amount: -11500 },
        { row: 28, date: "2025-04-07", reference: "", amount: -750 },
        { row: 30, date: "2025-04-15", reference: "", amount: -148 },
      ],
      bookOnly: [],
      // Opening Balance 55,905 + 1,18,000 - 25,000 - 5,000 + 47,200 - 60,000 - 45,000.
      bookBalance: 86105,
      difference: 0,
      errors: [],
    });
    expect(j.notes[0]).toMatch(/HDFC row 31: Closing Balance after the last transaction/);
    expect(j.notes[1]).toMatch(/Opening Balance ₹55,905.00 \(row 8\) \+ 6 entries/);
  });

  it("categorises each line's items as a reconciler does", () => {
    const f = buildBrsReport({ result: r, asOf: d(2025, 4, 30) }).figures;
    expect(f.bankDebits.map((x) => [x.row, x.category])).toEqual([
      [26, "direct-debit"], // ACH D- HDFC LOAN EMI
      [28, "bank-charge"], // CHQ BOOK CHARGES
      [30, "bank-charge"], // SMS CHARGES
    ]);
    expect(f.unpresentedCheques.map((x) => x.category)).toEqual(["unpresented-cheque"]);
  });

  it("at an earlier as-of date: only what is dated by then, balances at that date", () => {
    // 8 April: statement balance after row 28 (07/04/25) is 1,31,655; books 55,905 + 1,18,000 - 25,000 - 5,000
    // = 1,43,905; not yet in the books: the EMI 11,500 and the cheque book charges 750.
    const j = buildBrsReport({ result: r, asOf: d(2025, 4, 8) }).json;
    expect(j).toMatchObject({ bankBalance: 131655, bookBalance: 143905, difference: 0, unpresentedCheques: [] });
    expect(j.bankOnly.map((x) => x.row)).toEqual([26, 28]);
  });

  it("a book deposit the bank credits after the as-of date is a deposit in transit at that date", () => {
    const bank = sheetTable(
      "Bank",
      ["Date", "Narration", "Ref No", "Withdrawal", "Deposit", "Balance"],
      [
        ["2025-04-29", "NEFT CR ACME", "UTR1", null, 1000, 11000],
        ["2025-05-02", "CLG CHQ DEP 123456", "123456", null, 2500, 13500],
      ],
    );
    const books = sheetTable(
      "Ledger",
      ["Date", "Voucher No", "Particulars", "Debit", "Credit"],
      [
        ["2025-04-01", "OB", "Opening Balance", 10000, null],
        ["2025-04-29", "V1", "Receipt Acme UTR1", 1000, null],
        ["2025-04-30", "V2", "Cheque deposited chq 123456", 2500, null],
      ],
    );
    const j = buildBrsReport({ result: reconcileTables(bank, books), asOf: d(2025, 4, 30) }).json;
    expect(j).toMatchObject({
      bankBalance: 11000,
      depositsInTransit: [{ row: 4, date: "2025-04-30", reference: "V2", amount: 2500 }],
      bankOnly: [],
      bookBalance: 13500,
      difference: 0,
    });
  });

  it("a confirmed match whose amounts differ is an error line (the bank's amount - the books')", () => {
    const bank = sheetTable(
      "Bank",
      ["Date", "Narration", "Amount", "Balance"],
      [["2025-04-10", "ACME TRADERS", -1000.4, 8999.6]],
    );
    const books = sheetTable(
      "Ledger",
      ["Date", "Particulars", "Debit", "Credit"],
      [
        ["2025-04-01", "Opening Balance", 10000, null],
        ["2025-04-10", "Acme Traders", null, 1000],
      ],
    );
    const rep = buildBrsReport({ result: reconcileTables(bank, books), asOf: d(2025, 4, 30) });
    expect(rep.json).toMatchObject({ bankBalance: 8999.6, bookBalance: 9000, difference: 0 });
    expect(rep.json.errors).toEqual([{ row: 2, date: "2025-04-10", reference: "", amount: -0.4 }]);
  });

  it("the sheet: each line is a live formula over its block's SUM total; the difference is highlighted unless zero", () => {
    const { sheet } = buildBrsReport({ result: r, asOf: d(2025, 4, 30) });
    expect(sheet.name).toBe(BRS_SHEET);
    expect(sheet.role).toBe("report:brs");
    const line = sheet.rows.find((x) => x[0] === "Less: unpresented cheques")!;
    expect(isFormulaCell(line[1]) && line[1].f).toMatch(/^-[A-Z]+\d+$/);
    const ref = (line[1] as { f: string }).f.slice(1);
    const col = ref.replace(/\d+$/, "").charCodeAt(0) - 65;
    const total = sheet.rows[Number(ref.replace(/^[A-Z]+/, "")) - 1][col];
    expect(isFormulaCell(total) && total.f).toMatch(/^SUM\(/);
    const diffRow = sheet.rows.findIndex((x) => x[0] === "Difference (must be zero)") + 1;
    expect(sheet.conditionalFormats).toContainEqual(
      expect.objectContaining({ range: `B${diffRow}`, type: "cellValue", operator: "notEqual", formulas: ["0"] }),
    );
    expect(cellOf(sheet, "Difference (must be zero)")).toBe(0);
    expect(cellOf(sheet, "Balance as per bank statement")).toBe(118707);
    expect(cellOf(sheet, "Adjusted balance")).toBe(86105);
  });
});

describe("BRS of the demo's bank and ledger", () => {
  const sample = generateSample();
  const asOf = sample.asOf;

  async function demoRun() {
    const wb = await sampleBook();
    const run = await runRecon(wb, { left: "Bank", right: "Ledger", asOf });
    return { wb, run };
  }

  it("reconciles to zero: the planted charges, interest, cheque and the transposition unreviewed", async () => {
    const { run } = await demoRun();
    const j = buildBrsReport({ result: run.result, asOf }).json;
    const ex = (k: string) => sample.exceptions.find((e) => e.kind === k)!;
    expect(j.difference).toBe(0);
    expect(j.unpresentedCheques).toEqual([
      expect.objectContaining({ row: ex("cheque-in-transit").ledgerRows[0], amount: 8750 }),
    ]);
    // Not in the books: charges 590.00 and GST 106.20 out, interest 1,234.56 in; and, while its suggestion
    // waits for review, the 45,210.00 payment the books keyed as 45,120.00.
    const bankOnly = new Map(j.bankOnly.map((x) => [x.row, x.amount]));
    expect(bankOnly).toEqual(
      new Map([
        [ex("bank-charge").bankRows[0], -590],
        [ex("bank-charge").bankRows[1], -106.2],
        [ex("interest").bankRows[0], 1234.56],
        [ex("transposed").bankRows[0], -45210],
      ]),
    );
    expect(j.bookOnly).toEqual([expect.objectContaining({ row: ex("transposed").ledgerRows[0], amount: -45120 })]);
    // The statement's balance: the opening 25,00,000.00 plus every line of the statement.
    const bankNet = sample.bank.rows.reduce(
      (a, x) => a + Math.round(((x[4] as number) ?? 0) * 100) - Math.round(((x[3] as number) ?? 0) * 100),
      0,
    );
    expect(Math.round(j.bankBalance * 100)).toBe(OPENING_BALANCE + bankNet);
    const bookNet = sample.ledger.rows.reduce(
      (a, x) => a + Math.round(((x[3] as number) ?? 0) * 100) - Math.round(((x[4] as number) ?? 0) * 100),
      0,
    );
    expect(Math.round(j.bookBalance * 100)).toBe(bookNet); // the Opening Balance row is one of the ledger's rows
  });

  it("an accepted suggestion, written and re-run, comes back accepted: the transposition becomes an error line", async () => {
    const { wb, run } = await demoRun();
    const sug = run.result.matches.find((m) => m.status === "suggested")!;
    await writeReconResults(wb, withDecisions(run, [{ key: matchKey(run.result, sug), decision: "accept" }]));
    const r = await runReportJob(wb, "brs", { asOf });
    const j = r.json as BrsJson;
    expect(j.difference).toBe(0);
    expect(j.bookOnly).toEqual([]);
    expect(j.errors).toEqual([expect.objectContaining({ amount: -90 })]); // 45,210.00 paid, 45,120.00 booked
    expect(j.bankOnly).toHaveLength(3);
  });

  const lo = sofficeAvailable() ? it : it.skip;
  lo(
    "npm run demo's out/demo.xlsx: the Bank Reconciliation sheet recalculates (LibreOffice) to a zero difference",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-brs-demo-"));
      try {
        const out = path.join(dir, "demo.xlsx");
        const io = captureIo(dir);
        expect(await main(["demo", "--out", out], io)).toBe(0);
        expect(io.stdout.join("\n")).toMatch(
          /Report brs -> sheet Bank Reconciliation: .*difference ₹0\.00 \(reconciled\)/,
        );
        const csv = recalcToCsv(out)[BRS_SHEET];
        const num = (label: string) => Number(csv.find((x) => x[0] === label)![1].replace(/,/g, ""));
        expect(num("Difference (must be zero)")).toBe(0);
        expect(num("Adjusted balance")).toBe(num("Balance as per books"));
        expect(num("Less: unpresented cheques")).toBe(-8750);

        // The lines are live: change one item on the sheet and the difference moves by exactly that much.
        const { run } = await demoRun();
        const spec = buildBrsReport({ result: run.result, asOf }).sheet;
        const chequeRow = sample.exceptions.find((e) => e.kind === "cheque-in-transit")!.ledgerRows[0];
        const at = spec.rows.findIndex((x) => x[3] === chequeRow && x[4] === 8750);
        expect(at).toBeGreaterThan(0);
        spec.rows[at] = spec.rows[at].map((c, k) => (k === 4 ? 8850 : c));
        const wb = new FileWorkbook();
        await wb.write(spec);
        const edited = path.join(dir, "edited.xlsx");
        await saveWorkbookFile(wb, edited);
        const csv2 = recalcToCsv(edited)[BRS_SHEET];
        const diff = Number(csv2.find((x) => x[0] === "Difference (must be zero)")![1].replace(/,/g, ""));
        expect(diff).toBe(-100);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
