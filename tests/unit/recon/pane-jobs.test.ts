/**
 * What the Reconcile view asks of the jobs layer, over the file adapter: a statement file as one side
 * (read from the corpus with workbookFromBytes, never written, the results in the open workbook), the
 * state naming that file, statement profiles in a hidden sheet of the workbook (through a real .xlsx
 * round trip, as the team shares the file), and the bank reconciliation statement of a run in hand.
 */
import * as fs from "fs";
import * as path from "path";
import { sampleBook } from "../sample-book";
import { workbookFromBytes, type FileWorkbook } from "../../../src/workbook/file";
import {
  RECON_PROFILES_ROLE,
  RECON_PROFILES_SHEET,
  fileTableName,
  forgetProfile,
  lastOrDefaultRun,
  loadProfiles,
  loadReconState,
  restoredRules,
  runRecon,
  saveProfile,
  saveReconState,
  stateFits,
  withDecisions,
  writeBrsForRun,
  writeReconResults,
} from "../../../src/workbook/jobs/recon";
import { findProfile, matchKey, profileFromSide, rulesWithProfiles, statementEnd } from "../../../src/core/recon";
import { BRS_ROLE } from "../../../src/core/reports/brs";

const CORPUS = "/work/shared/corpus/statements";
const corpusFile = async (name: string) =>
  workbookFromBytes(name, new Uint8Array(fs.readFileSync(path.join(CORPUS, name))));

/** A workbook through the bytes Excel would save and the next person would open. */
async function roundTrip(wb: FileWorkbook, name = "book.xlsx"): Promise<FileWorkbook> {
  return workbookFromBytes(name, await wb.toXlsx());
}

async function fileSide(name: string) {
  const wb = await corpusFile(name);
  const [table] = await wb.tables();
  return { name, wb, table: table.name, sheet: table.sheet };
}

describe("a statement file as one side", () => {
  it("reads the file, writes every sheet into the open workbook and nothing into the file", async () => {
    const book = await sampleBook();
    const paypal = await fileSide("paypal_custom.csv");
    const before = JSON.stringify(await paypal.wb.read(paypal.table));
    const run = await runRecon(book, {
      left: paypal.table,
      right: "Ledger",
      files: { left: { name: paypal.name, wb: paypal.wb } },
    });
    expect(run.files).toEqual({ left: "paypal_custom.csv" });
    expect(run.result.left.name).toBe("paypal_custom.csv");
    // The detector reads PayPal's month-first dates and its Net column.
    expect(run.columns.left).toMatchObject({ date: "Date", amount: "Net", dateOrder: "MDY" });
    expect(run.result.left.layout.kind).toBe("bank");
    expect(run.review.filter((x) => x.side === "left").length).toBe(run.json.unmatchedLeft.length);

    const highlighted: string[] = [];
    const highlight = book.highlight.bind(book);
    book.highlight = async (source, cells, tag, fill) => {
      highlighted.push(source);
      return highlight(source, cells, tag, fill);
    };
    await writeReconResults(book, run, { highlightSources: true });
    const names = (await book.sheets()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Recon Summary", "Recon Matched", "Recon Unmatched", "Recon State"]));
    expect((await paypal.wb.sheets()).map((s) => s.name)).toEqual([paypal.sheet]);
    expect(JSON.stringify(await paypal.wb.read(paypal.table))).toBe(before);
    // Only the workbook's own table is highlighted: the file is read-only.
    expect(new Set(highlighted)).toEqual(new Set(["Ledger"]));
    const summary = await book.read("Recon Summary");
    expect(JSON.stringify(summary)).toContain("paypal_custom.csv");
  });

  it("names the file in the state (version 3), which a re-run of the same sources fits and the ribbon does not use", async () => {
    const book = await sampleBook();
    // A statement workbook whose sheet has the same name as the workbook's Bank: the state must never be
    // read against the workbook's own Bank.
    const bankFile = await workbookFromBytes("october.xlsx", await (await sampleBook()).toXlsx());
    expect((await bankFile.tables()).map((t) => t.name)).toContain("Bank");
    const run = await runRecon(book, {
      left: "Bank",
      right: "Ledger",
      files: { left: { name: "october.xlsx", wb: bankFile } },
    });
    const rejectAll = run.result.matches.map((m) => ({ key: matchKey(run.result, m), decision: "reject" as const }));
    await writeReconResults(book, withDecisions(run, rejectAll));
    const state = (await loadReconState(book))!;
    expect(state).toMatchObject({ version: 3, left: "Bank", right: "Ledger", files: { left: "october.xlsx" } });
    expect(stateFits(state, { left: "Bank", right: "Ledger", files: { left: "october.xlsx" } })).toBe(true);
    expect(stateFits(state, { left: "Bank", right: "Ledger" })).toBe(false);
    expect(stateFits(state, { left: "Bank", right: "Ledger", files: { left: "Other.csv" } })).toBe(false);
    // The ribbon cannot read the file: it reconciles the workbook's own Bank and Ledger, without the file's decisions.
    const ribbon = await lastOrDefaultRun(book);
    expect(ribbon.files).toEqual({});
    expect(ribbon.decisions).toEqual([]);
    expect(ribbon.result.left.n).toBeGreaterThan(50);
    // A run without a file keeps writing version 2.
    await saveReconState(book, { left: "Bank", right: "Ledger", rules: {}, decisions: [] });
    expect((await loadReconState(book))!.version).toBe(2);
  });

  it("names a sheet of a many-sheet file beside the file's name", () => {
    expect(fileTableName("paypal_custom.csv", "paypal_custom")).toBe("paypal_custom.csv");
    expect(fileTableName("C:\\Downloads\\hdfc.xlsx", "Oct 2025")).toBe("hdfc.xlsx › Oct 2025");
  });

  it("restores the decisions and the column mapping of a file-side run from the saved workbook", async () => {
    const statement = await fileSide("am_bank.csv");
    const books = await corpusFile("am_quickbooks.csv");
    // By its sheet's name, which the .xlsx keeps (a CSV's table goes by the file's name only until it is saved).
    const bt = { name: (await books.tables())[0].sheet };
    const first = await runRecon(books, {
      left: statement.table,
      right: bt.name,
      files: { left: { name: statement.name, wb: statement.wb } },
    });
    const suggested = first.result.matches.filter((m) => m.status === "suggested");
    expect(suggested.length).toBe(2);
    const decisions = [
      { key: matchKey(first.result, suggested[0]), decision: "accept" as const },
      { key: matchKey(first.result, suggested[1]), decision: "reject" as const },
    ];
    await writeReconResults(books, withDecisions(first, decisions));

    const reopened = await roundTrip(books, "am_quickbooks (bpo-desk).xlsx");
    const state = (await loadReconState(reopened))!;
    expect(stateFits(state, { left: statement.table, right: bt.name, files: { left: "am_bank.csv" } })).toBe(true);
    const again = await runRecon(reopened, {
      left: statement.table,
      right: bt.name,
      files: { left: { name: "am_bank.csv", wb: (await fileSide("am_bank.csv")).wb } },
      rules: restoredRules(state),
      decisions: state.decisions,
    });
    expect(state.columns).toEqual(first.columns);
    expect(restoredRules(state).left).toEqual(first.columns.left);
    expect(again.columns).toEqual(first.columns);
    const byKey = new Map(again.result.matches.map((m) => [matchKey(again.result, m), m]));
    expect(byKey.get(decisions[0].key)).toMatchObject({ status: "confirmed", decision: "accept" });
    expect(byKey.has(decisions[1].key)).toBe(false);
    expect(again.json.unmatchedLeft).toContain(first.result.left.row[suggested[1].left[0]]);
  });
});

describe("statement profiles in the workbook", () => {
  it("are kept in a hidden add-in sheet, survive the .xlsx, and the newest of a layout wins", async () => {
    const book = await sampleBook();
    const paypal = await fileSide("paypal_custom.csv");
    const run = await runRecon(book, {
      left: paypal.table,
      right: "Ledger",
      files: { left: { name: paypal.name, wb: paypal.wb } },
      rules: { left: { reference: "Reference Txn ID" }, tolerance: { amount: 0.5 }, dateWindowDays: 3 },
    });
    expect(await loadProfiles(book)).toEqual([]);
    const p = profileFromSide(run.result.left, run.result.rules, "PayPal USD", "2025-10-31T18:00:00.000Z");
    await saveProfile(book, p);
    const info = (await book.sheets()).find((s) => s.name === RECON_PROFILES_SHEET)!;
    expect(info).toMatchObject({ role: RECON_PROFILES_ROLE, visible: false });

    const reopened = await roundTrip(book);
    const saved = await loadProfiles(reopened);
    expect(saved).toEqual([p]);
    expect(saved[0]).toMatchObject({
      kind: "bank",
      columns: { date: "Date", amount: "Net", reference: "Reference Txn ID", dateOrder: "MDY" },
      tolerance: { amount: 0.5 },
      dateWindowDays: 3,
    });

    // Next month's export of the same layout is read with the profile, without the person naming any column.
    const next = await fileSide("paypal_custom.csv");
    const headers = (await next.wb.read(next.table)).headers;
    const found = findProfile(saved, headers)!;
    expect(found.name).toBe("PayPal USD");
    const nextRun = await runRecon(reopened, {
      left: next.table,
      right: "Ledger",
      files: { left: { name: "paypal_2019-11.csv", wb: next.wb } },
      rules: rulesWithProfiles({}, found, null),
    });
    expect(nextRun.columns.left.reference).toBe("Reference Txn ID");
    expect(nextRun.result.rules.dateWindowDays).toBe(3);

    // Saved again under a new name: one profile per layout.
    await saveProfile(reopened, { ...p, name: "PayPal (USD) main", savedAt: "2025-11-30T18:00:00.000Z" });
    expect((await loadProfiles(reopened)).map((x) => x.name)).toEqual(["PayPal (USD) main"]);
    const other = profileFromSide(run.result.right, run.result.rules, "Ledger");
    await saveProfile(reopened, other);
    expect((await loadProfiles(reopened)).map((x) => x.name)).toEqual(["Ledger", "PayPal (USD) main"]);
    await forgetProfile(reopened, p.fingerprint);
    expect((await loadProfiles(reopened)).map((x) => x.name)).toEqual(["Ledger"]);
  });

  it("never write over a user's sheet of that name, and read nothing from it", async () => {
    const book = await sampleBook();
    await book.write({ name: RECON_PROFILES_SHEET, role: "", rows: [["my notes"], ['[{"version":1}]']] });
    const run = await runRecon(book, { left: "Bank", right: "Ledger" });
    await expect(saveProfile(book, profileFromSide(run.result.left, run.result.rules, "Bank"))).rejects.toThrow(
      /not one the add-in wrote|already exists/,
    );
    expect(await loadProfiles(book)).toEqual([]);
    expect((await book.read(RECON_PROFILES_SHEET)).headers[0]).toBe("my notes");
  });

  it("drop what does not fit the schema rather than guess", async () => {
    const book = await sampleBook();
    const run = await runRecon(book, { left: "Bank", right: "Ledger" });
    const good = profileFromSide(run.result.left, run.result.rules, "HDFC current a/c");
    await saveProfile(book, good);
    // Someone edits the hidden sheet by hand: the broken entry is dropped, the good one kept.
    const text = JSON.stringify([good, { ...good, fingerprint: "", name: 3 }]);
    await book.write({
      name: RECON_PROFILES_SHEET,
      role: RECON_PROFILES_ROLE,
      rows: [["bpo-desk statement profiles (the add-in reads this sheet; do not edit)"], [text]],
      hidden: true,
    });
    expect(await loadProfiles(book)).toEqual([good]);
  });
});

describe("the bank reconciliation statement of a run in hand", () => {
  it("writes the Bank Reconciliation sheet with the run's decisions, balanced on the demo", async () => {
    const book = await sampleBook();
    const run = await runRecon(book, { left: "Bank", right: "Ledger" });
    const end = statementEnd(run.result.left)!;
    const { sheet, json } = await writeBrsForRun(book, run, end);
    expect(sheet).toBe("Bank Reconciliation");
    expect((await book.sheets()).find((s) => s.name === sheet)?.role).toBe(BRS_ROLE);
    expect(json.difference).toBe(0);
    expect(json.bankBalance).not.toBe(json.bookBalance);
  });

  it("from a statement file, into the open workbook", async () => {
    const book = await sampleBook();
    const paypal = await fileSide("paypal_custom.csv");
    const run = await runRecon(book, {
      left: paypal.table,
      right: "Ledger",
      files: { left: { name: paypal.name, wb: paypal.wb } },
    });
    const { json } = await writeBrsForRun(book, run, statementEnd(run.result.left)!);
    expect((await book.sheets()).map((s) => s.name)).toContain("Bank Reconciliation");
    expect((await paypal.wb.sheets()).length).toBe(1);
    expect(json.asOf).toBe("2019-10-22");
  });
});
