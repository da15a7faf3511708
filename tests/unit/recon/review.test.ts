/**
 * What the taskpane's review queue and next month's run rest on: each left-over item's category and
 * suggested action, decisions kept and restored across a write and a re-run, the column mapping restored
 * rather than detected afresh, and statement profiles keyed by the layout's fingerprint.
 */
import {
  applyDecisions,
  decisionOf,
  findProfile,
  layoutFingerprint,
  mappingOf,
  matchKey,
  parseProfiles,
  profileFromSide,
  reconcileTables,
  reconJson,
  reviewItems,
  rulesWithProfiles,
  upsertProfile,
} from "../../../src/core/recon";
import { serialFromYmd } from "../../../src/core/dates";

import {
  loadReconState,
  restoredRules,
  runRecon,
  withDecisions,
  writeReconResults,
} from "../../../src/workbook/jobs/recon";
import { sampleBook } from "../sample-book";
import { sheetTable } from "../tables";
import { hdfc, tally } from "./fixtures";

const d = serialFromYmd;

describe("review items: a reconciler's categories and suggested actions", () => {
  it("HDFC vs Tally: the EMI is a direct debit, the charges bank charges, the Delta cheque unpresented", () => {
    const items = reviewItems(reconcileTables(hdfc(), tally()), { asOf: d(2025, 4, 30) });
    expect(items.map((x) => [x.view, x.row, x.category])).toEqual([
      ["bank", 26, "direct-debit"],
      ["bank", 28, "bank-charge"],
      ["bank", 30, "bank-charge"],
      ["book", 14, "unpresented-cheque"],
    ]);
    expect(items[1]).toMatchObject({ label: "Bank charge not in the books", why: "the description says CHQ BOOK" });
    expect(items[1].action).toMatch(/debit Bank Charges, credit the bank account/);
  });

  it("by sign, side, keywords and age at the statement's end", () => {
    const bank = sheetTable(
      "Bank",
      ["Date", "Narration", "Withdrawal", "Deposit", "Balance"],
      [
        ["2025-04-30", "SB INTEREST CREDIT", null, 123.45, 1], // 2 interest
        ["2025-04-29", "NEFT RETURN ACME", null, 5000, 1], // 3 returned
        ["2025-04-28", "NEFT CR UNKNOWN PARTY", null, 700, 1], // 4 direct credit
        ["2025-04-27", "GST ON CHARGES", 18, null, 1], // 5 bank charge
        ["2025-04-26", "TO TRF 99887766", 999, null, 1], // 6 possible error: out, no reason given
      ],
    );
    const books = sheetTable(
      "Ledger",
      ["Date", "Voucher No", "Particulars", "Debit", "Credit"],
      [
        ["2025-04-29", "V1", "Cash deposited", 2000, null], // 2 deposit in transit (1 day before the end)
        ["2025-04-10", "V2", "Cheque deposited Beta", 3000, null], // 3 possible error: 20 days old
        ["2025-04-29", "V3", "Payment to Gamma chq 000777", null, 400], // 4 unpresented cheque
        ["2025-04-02", "V4", "NEFT payment to Delta", null, 900], // 5 possible error: electronic, 28 days old
        ["2025-01-05", "V5", "Payment to Eta chq 000123", null, 100], // 6 stale cheque
      ],
    );
    const items = reviewItems(reconcileTables(bank, books, { rules: { passes: { fuzzy: false, group: false } } }), {
      asOf: d(2025, 4, 30),
    });
    const by = new Map(items.map((x) => [`${x.view}${x.row}`, x]));
    expect([2, 3, 4, 5, 6].map((r) => by.get(`bank${r}`)!.category)).toEqual([
      "interest",
      "returned",
      "direct-credit",
      "bank-charge",
      "possible-error",
    ]);
    expect([2, 3, 4, 5, 6].map((r) => by.get(`book${r}`)!.category)).toEqual([
      "deposit-in-transit",
      "possible-error",
      "unpresented-cheque",
      "possible-error",
      "unpresented-cheque",
    ]);
    expect(by.get("book3")!.why).toMatch(/booked 20 days before the statement ends/);
    expect(by.get("book6")!.action).toMatch(/^Stale/);
  });

  it("with includeSuggested, the items of a suggestion not yet accepted point at it", async () => {
    const wb = await sampleBook();
    const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
    const sug = run.result.matches.find((m) => m.status === "suggested")!;
    const items = reviewItems(run.result, { includeSuggested: true }).filter((x) => x.suggestion);
    expect(items.map((x) => x.suggestion!.key)).toEqual([matchKey(run.result, sug), matchKey(run.result, sug)]);
    expect(items[0].action).toMatch(new RegExp(`^Review suggestion ${sug.id}`));
    // The job hands the queue over with every run: only unmatched items there.
    expect(run.review.every((x) => !x.suggestion)).toBe(true);
    expect(run.review.length).toBe(run.json.unmatchedLeft.length + run.json.unmatchedRight.length);
  });
});

describe("decisions and mapping restored on a re-run", () => {
  it("an accepted suggestion, written and re-run, comes back accepted (not merely confirmed)", async () => {
    const wb = await sampleBook();
    const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
    const sug = run.result.matches.find((m) => m.status === "suggested")!;
    const key = matchKey(run.result, sug);
    await writeReconResults(wb, withDecisions(run, [{ key, decision: "accept" }]));
    const state = (await loadReconState(wb))!;
    expect(state.version).toBe(2);
    expect(state.columns).toEqual(run.columns);
    const again = await runRecon(wb, {
      left: state.left,
      right: state.right,
      rules: restoredRules(state),
      decisions: state.decisions,
    });
    const m = again.result.matches.find((x) => matchKey(again.result, x) === key)!;
    expect(m).toMatchObject({ status: "confirmed", decision: "accept" });
    expect(decisionOf(again.result, m)).toBe("accept");
    expect(again.json.matches.find((x) => x.decision === "accept")).toBeDefined();
  });

  it("a decision taken back is undone (decisions always apply to the engine's own result)", () => {
    const bank = sheetTable("Bank", ["Date", "Amount"], [[45931, 500]]);
    const books = sheetTable(
      "Ledger",
      ["Date", "Amount"],
      [
        [45931, 500],
        [45931, 500],
      ],
    );
    const r = reconcileTables(bank, books);
    const key = matchKey(r, r.matches[0]);
    const rejected = applyDecisions(r, [{ key, decision: "reject" }]);
    expect(rejected.matches).toHaveLength(0);
    expect(rejected.rejected?.map((m) => m.decision)).toEqual(["reject"]);
    const undone = applyDecisions(rejected, []);
    expect(reconJson(undone).matches).toEqual(reconJson(r).matches);
  });

  it("the mapping a run used is restored as rules columns, and a changed table is detected afresh", () => {
    const r = reconcileTables(hdfc(), tally());
    expect(mappingOf(r)).toEqual({
      left: {
        date: "Date",
        debit: "Deposit Amt.",
        credit: "Withdrawal Amt.",
        reference: "Chq./Ref.No.",
        description: "Narration",
        balance: "Closing Balance",
        dateOrder: "DMY",
      },
      right: { date: "Date", debit: "Debit", credit: "Credit", reference: "Vch No.", description: "Particulars" },
    });
    const state = {
      version: 2 as const,
      left: "Statement",
      right: "Tally",
      rules: { dateWindowDays: 3 },
      decisions: [],
      columns: mappingOf(r),
      ranAt: "",
    };
    expect(restoredRules(state, { left: hdfc().headers, right: tally().headers })).toMatchObject({
      dateWindowDays: 3,
      left: { credit: "Withdrawal Amt." },
      right: { reference: "Vch No." },
    });
    // The ledger lost its "Vch No." column: its side is detected afresh instead of refused.
    const restored = restoredRules(state, { left: hdfc().headers, right: ["Date", "Particulars", "Debit", "Credit"] });
    expect(restored.right).toBeUndefined();
  });
});

describe("statement profiles", () => {
  it("remember a layout's mapping, date order, sign and tolerances, and are offered for the same layout next month", () => {
    const r = reconcileTables(hdfc(), tally(), { rules: { tolerance: { amount: 2 }, dateWindowDays: 4 } });
    const p = profileFromSide(r.left, r.rules, "HDFC current a/c", "2025-05-01T00:00:00Z");
    expect(p).toMatchObject({
      fingerprint: layoutFingerprint(hdfc().headers),
      kind: "bank",
      sign: "as-is",
      tolerance: { amount: 2, percent: 0 },
      dateWindowDays: 4,
      columns: { date: "Date", debit: "Deposit Amt.", dateOrder: "DMY" },
    });
    const saved = parseProfiles(JSON.stringify(upsertProfile([], p)));
    expect(saved).toEqual([p]);
    // May's export of the same layout (a suffix spelled differently is the same layout) finds it.
    const may = hdfc().headers.map((h) => (h === "Withdrawal Amt." ? "Withdrawal Amt" : h));
    expect(findProfile(saved, may)?.name).toBe("HDFC current a/c");
    expect(findProfile(saved, tally().headers)).toBeNull();
    const rules = rulesWithProfiles({ dateWindowDays: 2 }, findProfile(saved, may), null);
    expect(rules).toMatchObject({ dateWindowDays: 2, tolerance: { amount: 2, percent: 0 }, left: p.columns });
    expect(parseProfiles("not json")).toEqual([]);
    expect(parseProfiles(JSON.stringify([{ ...p, version: 9 }]))).toEqual([]);
  });

  it("a ledger whose signs had to be reversed remembers it", async () => {
    const bank = sheetTable(
      "Bank",
      ["Date", "Ref", "Debit", "Credit", "Balance"],
      [
        [45931, "A1", 100, null, 900],
        [45932, "A2", null, 50, 950],
        [45933, "A3", 30, null, 920],
      ],
    );
    const books = sheetTable(
      "Books",
      ["Date", "Ref", "Debit", "Credit"],
      [
        [45931, "A1", null, 100],
        [45932, "A2", 50, null],
        [45933, "A3", null, 30],
      ],
    );
    const r = reconcileTables(bank, books);
    expect(r.rules.flipRight).toBe(false);
    const flipped = reconcileTables(
      bank,
      sheetTable(
        "Books",
        ["Date", "Ref", "Debit", "Credit"],
        books.rows.map((x) => [x[0], x[1], x[3], x[2]]),
      ),
    );
    expect(flipped.rules.flipRight).toBe(true);
    expect(profileFromSide(flipped.right, flipped.rules, "books").sign).toBe("reversed");
    expect(rulesWithProfiles({}, null, profileFromSide(flipped.right, flipped.rules, "books")).flipRight).toBe(true);
  });
});
