/**
 * `bpo-desk reconcile` as a user runs it: a child process on real files. Expected rows come from the
 * CSV files written here (header on line 1, so data starts on row 2).
 */
import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "bpo-desk.js");

function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 60000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
    });
  });
}

const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");

describe("bpo-desk reconcile (child process)", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-recon-cli-"));
    fs.writeFileSync(
      path.join(dir, "bank.csv"),
      [
        "Txn Date,Narration,Cheque No,Withdrawal,Deposit",
        '01/10/2025,NEFT CR ACME,UTR111,,"1,23,456.50"', // row 2: exact with ledger row 3
        "02/10/2025,SERVICE CHARGES,,590.00,", // row 3: bank only
        '05/10/2025,CLG CHQ 445566,445566,"12,000.00",', // row 4: cheque 445566 in ledger particulars (row 2)
        "07/10/2025,NEFT CR BETA,UTR222,,5000.00", // row 5: one deposit ...
      ].join("\n") + "\n",
    );
    fs.writeFileSync(
      path.join(dir, "ledger.csv"),
      [
        "Voucher Date,Voucher No,Particulars,Debit,Credit",
        "04/10/2025,V1,Payment to Gamma chq 445566,,12000", // row 2
        "01/10/2025,UTR111,Receipt from Acme,123456.50,", // row 3
        "06/10/2025,V3,Receipt from Beta INV-1,3000,", // row 4: ... covering two receipts
        "07/10/2025,V4,Receipt from Beta INV-2,2000,", // row 5
      ].join("\n") + "\n",
    );
    fs.writeFileSync(path.join(dir, "noamount.csv"), "Date,Narration\n01/10/2025,x\n");
    fs.writeFileSync(path.join(dir, "empty.csv"), "Date,Amount\n");
    fs.writeFileSync(path.join(dir, "rules.json"), '{"tolerance": {"amount": "one"}}');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("--json prints the cli.md document, writes nothing and leaves the inputs unchanged", async () => {
    const before = [sha(path.join(dir, "bank.csv")), sha(path.join(dir, "ledger.csv"))];
    const r = await cli(["reconcile", "bank.csv", "ledger.csv", "--json"], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.summary)).toEqual([
      "left",
      "right",
      "matchedLeft",
      "matchedRight",
      "unmatchedLeftAmount",
      "unmatchedRightAmount",
    ]);
    expect(j.summary).toEqual({
      left: 4,
      right: 4,
      matchedLeft: 3,
      matchedRight: 4,
      unmatchedLeftAmount: -590,
      unmatchedRightAmount: 0,
    });
    expect(j.matches).toEqual([
      { id: "M1", left: [2], right: [3], rule: "exact", status: "confirmed", score: 1, difference: 0 },
      { id: "M2", left: [4], right: [2], rule: "exact", status: "confirmed", score: 1, difference: 0 },
      { id: "M3", left: [5], right: [4, 5], rule: "group", status: "confirmed", score: 1, difference: 0 },
    ]);
    expect(j.unmatchedLeft).toEqual([3]);
    expect(j.unmatchedRight).toEqual([]);
    expect([sha(path.join(dir, "bank.csv")), sha(path.join(dir, "ledger.csv"))]).toEqual(before);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  }, 60000);

  it("by default prints a short summary and writes out/reconcile.xlsx with the three sheets", async () => {
    const r = await cli(["reconcile", "bank.csv", "ledger.csv"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 matches \(3 confirmed, 0 suggested/);
    expect(r.stdout).toMatch(/Wrote out[\\/]reconcile.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, "out", "reconcile.xlsx"));
    expect(book.worksheets.map((w) => w.name)).toEqual(["Recon Summary", "Recon Matched", "Recon Unmatched"]);
  }, 60000);

  it.each([
    [
      ["reconcile", "noamount.csv", "ledger.csv", "--json"],
      /no amount column; looked for Amount or Net Amount.*headers found: Date, Narration/,
    ],
    [["reconcile", "empty.csv", "ledger.csv", "--json"], /no data rows/],
    [
      ["reconcile", "bank.csv", "ledger.csv", "--rules", "rules.json", "--json"],
      /rules.json: tolerance.amount: .*number/i,
    ],
    [["reconcile", "bank.csv", "ledger.csv", "--out", "bank.csv"], /--out must be an .xlsx file|must not be an input/],
    [["reconcile", "bank.csv"], /give two SOURCEs/],
    [["reconcile", "bank.csv", "missing.csv"], /File not found/],
  ])(
    "bad input %j exits 2 with one line saying what to fix",
    async (args, re) => {
      const r = await cli(args as string[], dir);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(re);
      expect(r.stdout).toBe("");
    },
    60000,
  );
});

describe("bpo-desk reconcile: rows that are not transactions, and warnings (child process)", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-recon-cli-warn-"));
    const stars = Array(6).fill("********").join(",");
    fs.writeFileSync(
      path.join(dir, "stmt.csv"),
      [
        "Date,Narration,Ref No,Withdrawal,Deposit,Balance", // row 1
        stars, // 2
        "03/04/2025,NEFT CR ACME,UTR1,,1000.00,11000.00", // 3
        "05/04/2025,CHQ PAID 100200,100200,500.00,,10500.00", // 4
        stars, // 5
        "STATEMENT SUMMARY :-,,,,,", // 6
        "Opening Balance,Dr Count,Cr Count,Debits,Credits,Closing Bal", // 7
        "10000.00,1,1,500.00,1000.00,10500.00", // 8
      ].join("\n") + "\n",
    );
    const bad = Array.from({ length: 11 }, (_, k) => `31/02/2025,V${k + 3},Misc ${k},1.00,`);
    fs.writeFileSync(
      path.join(dir, "books.csv"),
      [
        "Date,Voucher No,Particulars,Debit,Credit",
        "03/04/2025,V1,Receipt Acme UTR1,1000.00,", // row 2
        "05/04/2025,V2,Payment chq 100200,,500.00", // row 3
        ...bad, // rows 4-14: 31 February is no date
      ].join("\n") + "\n",
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("--json counts transactions only and lists excluded rows and every warning; stderr has at most 10 warning lines", async () => {
    const r = await cli(["reconcile", "stmt.csv", "books.csv", "--json"], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toMatchObject({ left: 2, right: 13, matchedLeft: 2, matchedRight: 2 });
    expect(j.excluded).toEqual([
      { side: "left", row: 2, reason: "separator" },
      { side: "left", row: 5, reason: "separator" },
      { side: "left", row: 6, reason: "statement summary" },
      { side: "left", row: 7, reason: "statement summary" },
      { side: "left", row: 8, reason: "statement summary" },
    ]);
    // 03/04/2025 and 05/04/2025 read either way: the column is named, read day-first, never silently.
    expect(j.warnings[0]).toMatchObject({ side: "left", row: 0, column: "Date" });
    expect(j.warnings[0].message).toMatch(/no date shows whether the column is day-first or month-first/);
    expect(j.warnings.filter((w: { side: string }) => w.side === "right")).toHaveLength(11);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toBe(
      "bpo-desk reconcile: stmt.csv: 5 rows left out: separator (rows 2, 5), statement summary (rows 6-8)",
    );
    expect(lines.slice(1, 11).every((l) => /^bpo-desk reconcile: (stmt|books)\.csv/.test(l))).toBe(true);
    expect(lines[11]).toMatch(/^bpo-desk reconcile: \.\.\. and 2 more warnings/);
    expect(lines).toHaveLength(12);
  }, 60000);
});
