/**
 * The Reconcile view's plain-data parts: the form to rules and back (a saved run's columns, a profile's),
 * the right side's sign left to the engine unless a person says, and the review queue (decisions taken
 * and taken back, rejected suggestions kept in the queue, filters, bulk acceptance, money in and out kept
 * apart). Against the sample book and the corpus statements through the file adapter.
 */
import * as fs from "fs";
import * as path from "path";
import { sampleBook } from "../sample-book";
import { workbookFromBytes } from "../../../src/workbook/file";
import { runRecon } from "../../../src/workbook/jobs/recon";
import { matchKey, profileFromSide } from "../../../src/core/recon";
import {
  defaultForm,
  detectSide,
  formWithProfile,
  formWithRules,
  rulesFromForm,
  sideFormFromColumns,
  sideRules,
} from "../../../src/taskpane/views/reconcile/model";
import {
  NO_FILTERS,
  amountRange,
  bulkCandidates,
  decidedView,
  filterItems,
  filterQueue,
  inAndOut,
  queueRows,
  toggle,
  type Decision,
} from "../../../src/taskpane/views/reconcile/queue";
import { fileKey, parseFileKey } from "../../../src/taskpane/views/reconcile/file-side";

const CORPUS = "/work/shared/corpus/statements";
const read = async (name: string) => {
  const wb = await workbookFromBytes(name, new Uint8Array(fs.readFileSync(path.join(CORPUS, name))));
  return { wb, table: (await wb.tables())[0] };
};

describe("the form", () => {
  it("leaves the right side's sign to the engine unless a person chooses, so reversed books still match", async () => {
    const bank = await read("my_sample_generic.csv");
    const books = await read("my_sample_ledger.csv");
    const form = defaultForm();
    form.left = detectSide(bank.table.headers, "bank").side;
    form.right = detectSide(books.table.headers, "books").side;
    const r = rulesFromForm(form);
    if ("error" in r) throw new Error(r.error);
    // Before: the form always sent flipRight: false, and none of these books' entries met the statement.
    expect("flipRight" in r.rules).toBe(false);
    const run = await runRecon(bank.wb, {
      left: bank.table.name,
      right: books.table.name,
      files: { right: { name: "my_sample_ledger.csv", wb: books.wb } },
      rules: r.rules,
    });
    expect(run.json.summary.matchedRight).toBe(6);
    expect(run.result.rules.flipRight).toBe(true);
    const asIs = rulesFromForm({ ...form, flip: "as-is" });
    if ("error" in asIs) throw new Error(asIs.error);
    expect(asIs.rules.flipRight).toBe(false);
  });

  it("turns a saved run's columns into the form and back without losing the date order, indicator or balance", () => {
    const headers = ["Txn Date", "Narration", "Amount", "Dr/Cr", "Closing Balance", "UTR"];
    const detected = detectSide(headers, "bank").side;
    const cols = {
      date: "Txn Date",
      amount: "Amount",
      indicator: "Dr/Cr",
      reference: "UTR",
      description: "Narration",
      balance: "Closing Balance",
      dateOrder: "MDY" as const,
    };
    const side = sideFormFromColumns(cols, headers, detected);
    expect(side).toMatchObject({ mode: "single", amount: "Amount", indicator: "Dr/Cr", dateOrder: "MDY" });
    expect(sideRules(side)).toEqual(cols);
    // A whole mapping without a reference had none: the form does not bring the detected one back.
    const noRef = sideFormFromColumns({ date: "Txn Date", amount: "Amount" }, headers, detected);
    expect(noRef.reference).toBe("");
    // A column the table no longer has is left to detection rather than kept.
    const renamed = sideFormFromColumns({ ...cols, balance: "Running Balance" }, headers, detected);
    expect(renamed.balance).toBe("");
    // Pairs: debit is money in, credit money out.
    const pair = sideFormFromColumns({ date: "D", debit: "Dr", credit: "Cr" }, ["D", "Dr", "Cr"], detected);
    expect(pair).toMatchObject({ mode: "pair", moneyIn: "Dr", moneyOut: "Cr" });
  });

  it("takes a saved run's tolerances and sign, and a profile's on its side", async () => {
    const f = formWithRules(defaultForm(), {
      tolerance: { amount: 2, percent: 0.5 },
      dateWindowDays: 3,
      flipRight: true,
    });
    expect(f).toMatchObject({
      toleranceAmount: "2.00",
      tolerancePercent: "0.5",
      dateWindowDays: "3",
      flip: "reversed",
    });
    const wb = await sampleBook();
    const run = await runRecon(wb, { left: "Bank", right: "Ledger", rules: { tolerance: { amount: 0.25 } } });
    const p = profileFromSide(run.result.left, run.result.rules, "HDFC current a/c");
    const headers = run.result.left.table.headers;
    const withP = formWithProfile(defaultForm(), "left", p, headers, detectSide(headers, "Bank").side);
    expect(withP.toleranceAmount).toBe("0.25");
    expect(withP.left).toMatchObject({ mode: "pair", moneyIn: "Deposit", moneyOut: "Withdrawal", reference: "Ref No" });
    // The left side's profile says nothing about the right side's sign.
    expect(withP.flip).toBe("auto");
  });

  it("says which field to fix", () => {
    const f = defaultForm();
    expect(rulesFromForm(f)).toEqual({ error: "Left: choose the amount column" });
    expect(rulesFromForm({ ...f, dateWindowDays: "2.5" })).toEqual({
      error: "Date window: enter whole days, 0 or more, e.g. 5",
    });
  });

  it("keys a statement file's table apart from the workbook's tables", () => {
    const k = fileKey("HDFC #4421.xlsx", "Oct#1");
    expect(parseFileKey(k)).toEqual({ file: "HDFC #4421.xlsx", table: "Oct#1" });
    expect(parseFileKey(fileKey("a:b.csv", "x:y"))).toEqual({ file: "a:b.csv", table: "x:y" });
    expect(parseFileKey("Bank")).toBeNull();
    expect(parseFileKey("file")).toBeNull();
  });
});

describe("the review queue", () => {
  async function amRun() {
    const bank = await read("am_bank.csv");
    const books = await read("am_quickbooks.csv");
    return runRecon(books.wb, {
      left: bank.table.name,
      right: books.table.name,
      files: { left: { name: "am_bank.csv", wb: bank.wb } },
    });
  }

  it("keeps a rejected suggestion in the queue to be taken back, its items among the not matched meanwhile", async () => {
    const run = await amRun();
    const rows0 = queueRows(run.result, new Map());
    expect(rows0.map((r) => [r.rule, r.score, r.decision])).toEqual([
      ["tolerance", 0.85, null],
      ["tolerance", 0.85, null],
    ]);
    let d: Map<string, Decision> = new Map();
    d = toggle(d, rows0[0].key, "reject").next;
    const v = decidedView(run.result, d);
    expect(queueRows(run.result, d).map((r) => r.decision)).toEqual(["reject", null]);
    expect(v.review.filter((x) => x.side === "left").map((x) => x.row)).toContain(rows0[0].left[0].row);
    // The same key again takes it back.
    const back = toggle(d, rows0[0].key, "reject");
    expect(back.now).toBeNull();
    expect(back.next.size).toBe(0);
    // Another key changes it.
    expect(toggle(d, rows0[0].key, "accept").now).toBe("accept");
    const accepted = decidedView(run.result, toggle(d, rows0[0].key, "accept").next);
    expect(accepted.decided.matches.find((m) => matchKey(accepted.decided, m) === rows0[0].key)?.status).toBe(
      "confirmed",
    );
  });

  it("bulk-accepts only what is shown, undecided and at or above the score", async () => {
    const run = await amRun();
    const rows = queueRows(run.result, new Map([[queueRows(run.result, new Map())[1].key, "reject" as Decision]]));
    expect(bulkCandidates(rows, 0.85).map((r) => r.id)).toEqual([rows[0].id]);
    expect(bulkCandidates(rows, 0.86)).toEqual([]);
    const r = amountRange({ ...NO_FILTERS, min: "1,000" });
    if ("error" in r) throw new Error(r.error);
    expect(filterQueue(rows, NO_FILTERS, r.range).every((x) => x.sizeCents >= 100000)).toBe(true);
  });

  it("filters the items by category and unsigned amount, and says what to fix in a bound", async () => {
    const wb = await sampleBook();
    const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
    const items = run.review;
    const all = amountRange(NO_FILTERS);
    if ("error" in all) throw new Error(all.error);
    expect(filterItems(items, { ...NO_FILTERS, category: "bank-charge" }, all.range).map((x) => x.amountCents)).toEqual(
      [-59000, -10620],
    );
    const big = amountRange({ ...NO_FILTERS, min: "1000" });
    if ("error" in big) throw new Error(big.error);
    expect(filterItems(items, NO_FILTERS, big.range).map((x) => x.category)).toEqual([
      "interest",
      "unpresented-cheque",
    ]);
    expect(amountRange({ ...NO_FILTERS, min: "lots" })).toEqual({
      error: expect.stringMatching(/^Amount from: "lots" is not an amount/),
    });
    expect(amountRange({ ...NO_FILTERS, min: "10", max: "5" })).toEqual({
      error: "Amount from is more than Amount to: swap them or clear one",
    });
  });

  it("totals money in and money out apart, so offsetting items cannot hide each other", () => {
    expect(inAndOut([{ amountCents: 500000 }, { amountCents: -500000 }, { amountCents: -125 }])).toEqual({
      inCents: 500000,
      outCents: -500125,
    });
  });
});
