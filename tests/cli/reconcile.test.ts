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
