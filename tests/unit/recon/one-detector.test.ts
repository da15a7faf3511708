/**
 * One detector for reconcile, `validate --schema bank|ledger` and `report recon`: a file one of them reads
 * is read by all. The CLI runs in-process on real files (corpus files, and an HDFC statement and a Tally
 * ledger saved as .xlsx with their title lines, as users keep them).
 */
import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../../src/cli/main";
import { captureIo } from "../../helpers/cli-io";
import { saveWorkbookFile, openWorkbookFile } from "../../../src/workbook/file-io";
import { findBankAndLedger } from "../../../src/workbook/jobs/recon";
import { checkTables, recognisedTables } from "../../../src/workbook/jobs/validate";
import { runReportJob } from "../../../src/workbook/jobs/reports";
import { serialFromYmd } from "../../../src/core/dates";
import { hdfcBook } from "./fixtures";

const CORPUS = "/work/shared/corpus/statements";
const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-one-detector-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = captureIo(dir);
  const code = await main(args, io);
  return { code, io, json: io.stdout.length ? JSON.parse(io.stdout[0]) : null };
}

describe("validate --schema bank|ledger reads what reconcile reads", () => {
  it("Revolut: Completed Date is the Date (it used to be 'Date missing'); pending rows dated by Started Date", async () => {
    const r = await run(["validate", path.join(CORPUS, "revolut_2022-01.csv"), "--schema", "bank", "--json"]);
    expect(r.code).toBe(0);
    expect(r.json).toEqual({ rows: 9, valid: 9, invalid: [], excluded: [], warnings: [] });
  });

  it("a statement's Opening Balance row is not a transaction: left out, listed, not counted", async () => {
    const r = await run(["validate", path.join(CORPUS, "my_sample_generic.csv"), "--schema", "bank", "--json"]);
    expect(r.json).toMatchObject({
      rows: 12,
      valid: 12,
      invalid: [],
      excluded: [{ row: 6, reason: "opening balance" }],
    });
    expect(r.io.stderr).toEqual([
      expect.stringMatching(/1 row left out \(not transactions\): opening balance \(row 6\)/),
    ]);
  });

  it("a ledger with entry_date, reference, amount and entry_type checks as a Ledger", async () => {
    const r = await run(["validate", path.join(CORPUS, "my_sample_ledger.csv"), "--schema", "ledger", "--json"]);
    expect(r.json).toMatchObject({ rows: 6, valid: 6, invalid: [] });
  });

  it("without --schema, a statement no schema names by its headers is recognised by the detector", async () => {
    const r = await run(["validate", path.join(CORPUS, "wise_sample.csv"), "--json"]);
    expect(r.code).toBe(0);
    expect(r.json.rows).toBe(5);
    expect(r.json.excluded).toEqual([]);
  });

  it("the HDFC statement in a workbook: only its 8 transactions are checked; the Tally ledger's 6", async () => {
    const file = path.join(dir, "hdfc.xlsx");
    await saveWorkbookFile(hdfcBook(), file);
    const bank = await run(["validate", `${file}#Statement`, "--schema", "bank", "--json"]);
    expect(bank.json.rows).toBe(8);
    expect(bank.json.invalid).toEqual([]);
    expect(bank.json.excluded.map((e: { row: number }) => e.row)).toEqual([23, 32, 34, 35, 36, 38, 39]);
    const books = await run(["validate", `${file}#Tally`, "--schema", "ledger", "--json"]);
    expect(books.json).toMatchObject({ rows: 6, valid: 6, invalid: [] });
    expect(books.json.excluded.map((e: { row: number; reason: string }) => [e.row, e.reason])).toEqual([
      [8, "opening balance"],
      [15, "total"],
      [16, "closing balance"],
      [17, "total"],
    ]);
  });
});

describe("report recon finds the statement reconcile reads", () => {
  it("an HDFC sheet and a Tally sheet, named neither Bank nor Ledger, are found by the detector", async () => {
    const file = path.join(dir, "hdfc-report.xlsx");
    await saveWorkbookFile(hdfcBook(), file);
    const wb = await openWorkbookFile(file);
    expect(await findBankAndLedger(wb)).toEqual({ left: "Statement", right: "Tally" });
    const report = await run(["report", "recon", path.basename(file), "--as-of", "2025-04-30", "--json"]);
    const direct = await run([
      "reconcile",
      `${path.basename(file)}#Statement`,
      `${path.basename(file)}#Tally`,
      "--json",
    ]);
    expect(report.code).toBe(0);
    expect(report.json).toEqual(direct.json);
    // The true unmatched items (fixtures.ts): -12,398.00 on the statement, -45,000.00 in the books.
    expect(report.json.summary).toMatchObject({
      left: 8,
      right: 6,
      unmatchedLeftAmount: -12398,
      unmatchedRightAmount: -45000,
    });
  });

  it("the Data Quality scan checks the statement and the ledger as reconcile reads them", async () => {
    const wb = hdfcBook();
    const found = await recognisedTables(wb);
    expect(found.map((c) => [c.info.name, c.schema.name])).toEqual([
      ["Statement", "bank"],
      ["Tally", "ledger"],
    ]);
    const checks = await checkTables(
      wb,
      found.map((c) => ({ source: c.info.name, schema: c.schema })),
    );
    expect(checks.map((c) => [c.result.rows, c.result.invalid.length])).toEqual([
      [8, 0],
      [6, 0],
    ]);
    const q = await runReportJob(wb, "quality", { asOf: serialFromYmd(2025, 4, 30) });
    expect((q.json as { rows: number }).rows).toBe(14);
  });
});
