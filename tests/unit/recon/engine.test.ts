/**
 * Matching quality on seeded datasets with known ground truth (tests/unit/recon/generate.ts plants every
 * relation and records the rows it joins; that record is the independent source of the expected matches).
 */
import { reconcileTables, reconJson, type ReconJson, type MatchRule } from "../../../src/core/recon";
import { generateDataset, type Dataset, type TruthKind } from "./generate";
import { sheetTable } from "../tables";

const key = (l: number[], r: number[]) =>
  `${[...l].sort((a, b) => a - b).join(",")}|${[...r].sort((a, b) => a - b).join(",")}`;

function score(ds: Dataset, j: ReconJson) {
  const truth = new Map(ds.truth.map((t) => [key(t.left, t.right), t.kind]));
  const found = new Map<TruthKind, { confirmed: number; suggested: number; total: number }>();
  for (const t of ds.truth) {
    const f = found.get(t.kind) ?? { confirmed: 0, suggested: 0, total: 0 };
    f.total++;
    found.set(t.kind, f);
  }
  let confirmed = 0;
  let confirmedWrong = 0;
  const wrong: string[] = [];
  for (const m of j.matches) {
    const kind = truth.get(key(m.left, m.right));
    if (m.status === "confirmed") {
      confirmed++;
      if (!kind) {
        confirmedWrong++;
        wrong.push(`${m.id} ${m.rule} L${m.left} R${m.right}`);
      }
    }
    if (kind) found.get(kind)![m.status]++;
  }
  return { found, confirmed, confirmedWrong, wrong };
}

function checkInvariants(j: ReconJson, left: number, right: number) {
  const seenL = new Set<number>();
  const seenR = new Set<number>();
  for (const m of j.matches) {
    for (const r of m.left) {
      expect(seenL.has(r)).toBe(false);
      seenL.add(r);
    }
    for (const r of m.right) {
      expect(seenR.has(r)).toBe(false);
      seenR.add(r);
    }
    expect(m.left.length).toBeGreaterThan(0);
    expect(m.right.length).toBeGreaterThan(0);
    expect(m.score).toBeGreaterThanOrEqual(0);
    expect(m.score).toBeLessThanOrEqual(1);
  }
  for (const r of j.unmatchedLeft) expect(seenL.has(r)).toBe(false);
  for (const r of j.unmatchedRight) expect(seenR.has(r)).toBe(false);
  expect(seenL.size + j.unmatchedLeft.length).toBe(left);
  expect(seenR.size + j.unmatchedRight.length).toBe(right);
  expect(j.summary.matchedLeft).toBe(seenL.size);
  expect(j.summary.matchedRight).toBe(seenR.size);
}

describe("reconciliation quality on planted datasets", () => {
  const seeds = [1, 2, 3, 4, 5];
  const totals = new Map<TruthKind, { confirmed: number; suggested: number; total: number }>();
  let allConfirmed = 0;
  const allWrong: string[] = [];

  it.each(seeds)("seed %i: confirmed matches are never wrong; invariants hold", (seed) => {
    const ds = generateDataset(seed);
    const j = reconJson(reconcileTables(ds.bank, ds.ledger));
    checkInvariants(j, ds.bank.rows.length, ds.ledger.rows.length);
    const s = score(ds, j);
    allConfirmed += s.confirmed;
    allWrong.push(...s.wrong);
    for (const [k, v] of s.found) {
      const t = totals.get(k) ?? { confirmed: 0, suggested: 0, total: 0 };
      t.confirmed += v.confirmed;
      t.suggested += v.suggested;
      t.total += v.total;
      totals.set(k, t);
    }
    expect(s.wrong).toEqual([]);
    // Lone items (bank charges, noise) stay unmatched.
    for (const r of ds.loneLeft) expect(j.unmatchedLeft).toContain(r);
    for (const r of ds.loneRight) expect(j.unmatchedRight).toContain(r);
    // The planted duplicate voucher+amount pairs are flagged.
    const dupRows = j.duplicates.filter((d) => d.side === "right").flatMap((d) => d.rows);
    expect(dupRows.sort((a, b) => a - b)).toEqual([...ds.duplicateRows].sort((a, b) => a - b));
  });

  it("recall per planted kind meets its threshold (figures printed)", () => {
    // Found = matched as planted (confirmed or suggested). Thresholds: the kinds each pass is built for.
    const min: Record<TruthKind, number> = {
      exact: 1,
      timing: 0.95,
      rounding: 0.95,
      transposed: 1,
      split: 0.9,
      combined: 0.9,
    };
    const lines: string[] = [];
    for (const [k, t] of totals) {
      const recall = (t.confirmed + t.suggested) / t.total;
      lines.push(
        `${k}: ${t.confirmed} confirmed + ${t.suggested} suggested of ${t.total} (recall ${(recall * 100).toFixed(1)}%)`,
      );
      expect(recall).toBeGreaterThanOrEqual(min[k]);
    }
    lines.push(
      `confirmed matches: ${allConfirmed}, wrong: ${allWrong.length} (precision ${(100 * (1 - allWrong.length / Math.max(1, allConfirmed))).toFixed(1)}%)`,
    );
    console.log(lines.join("\n"));
    // Transposed digits are never auto-confirmed: a person checks the keying error.
    expect(totals.get("transposed")!.confirmed).toBe(0);
    expect(totals.get("exact")!.confirmed).toBe(totals.get("exact")!.total);
  });

  it("uses the pass each kind is built for", () => {
    const ds = generateDataset(11, {
      exact: 10,
      timing: 5,
      rounding: 0,
      transposed: 3,
      split: 3,
      combined: 3,
      noise: 0,
      bankCharges: 0,
      duplicates: 0,
    });
    const j = reconJson(reconcileTables(ds.bank, ds.ledger));
    const ruleOf = new Map(j.matches.map((m) => [key(m.left, m.right), m.rule]));
    const expected: Record<TruthKind, MatchRule> = {
      exact: "exact",
      timing: "tolerance",
      rounding: "tolerance",
      transposed: "fuzzy",
      split: "group",
      combined: "group",
    };
    for (const t of ds.truth) expect(ruleOf.get(key(t.left, t.right))).toBe(expected[t.kind]);
  });

  it("gives the same result for the same input", () => {
    const ds = generateDataset(7);
    const a = JSON.stringify(reconJson(reconcileTables(ds.bank, ds.ledger)));
    const b = JSON.stringify(reconJson(reconcileTables(ds.bank, ds.ledger)));
    expect(a).toBe(b);
  });

  it("each pass can be switched off", () => {
    const ds = generateDataset(3);
    const j = reconJson(reconcileTables(ds.bank, ds.ledger, { rules: { passes: { fuzzy: false, group: false } } }));
    expect(j.matches.some((m) => m.rule === "fuzzy" || m.rule === "group")).toBe(false);
    const only = reconJson(
      reconcileTables(ds.bank, ds.ledger, { rules: { passes: { exact: false, tolerance: false, fuzzy: false } } }),
    );
    expect(new Set(only.matches.map((m) => m.rule))).toEqual(new Set(["group"]));
  });
});

describe("tie-breaks, tolerance and signs", () => {
  const t = sheetTable;

  it("breaks ties by the lowest row and marks the ambiguous match suggested", () => {
    const left = t("L", ["Date", "Amount"], [[45931, 500]]);
    const right = t(
      "R",
      ["Date", "Amount"],
      [
        [45931, 500],
        [45931, 500],
      ],
    );
    const j = reconJson(reconcileTables(left, right));
    expect(j.matches).toHaveLength(1);
    expect(j.matches[0].right).toEqual([2]);
    expect(j.matches[0].status).toBe("suggested");
    expect(j.unmatchedRight).toEqual([3]);
  });

  it("prefers the smaller amount difference, then the nearer date", () => {
    const left = t("L", ["Date", "Amount"], [[45931, 100]]);
    const right = t(
      "R",
      ["Date", "Amount"],
      [
        [45931, 100.6],
        [45934, 100],
        [45932, 100],
      ],
    );
    const j = reconJson(reconcileTables(left, right));
    expect(j.matches[0].right).toEqual([4]); // exact amount, 1 day apart beats 3 days apart and a 0.60 difference
    expect(j.matches[0].difference).toBe(0);
  });

  it("reports the difference as left − right in currency units and honours tolerance.percent", () => {
    const left = t("L", ["Date", "Amount"], [[45931, 1000]]);
    const right = t("R", ["Date", "Amount"], [[45931, 990]]);
    expect(reconJson(reconcileTables(left, right)).matches).toHaveLength(0); // 10.00 > default 1.00
    const j = reconJson(reconcileTables(left, right, { rules: { tolerance: { amount: 0, percent: 1 } } }));
    expect(j.matches).toHaveLength(1);
    expect(j.matches[0].difference).toBe(10);
    expect(j.matches[0].rule).toBe("tolerance");
  });

  it("keeps the date window: 6 days apart is not a tolerance match with the default 5", () => {
    const left = t("L", ["Date", "Amount"], [[45931, 1234.56]]);
    const right = t("R", ["Date", "Amount"], [[45937, 1234.56]]);
    const j = reconJson(reconcileTables(left, right, { rules: { passes: { fuzzy: false } } }));
    expect(j.matches).toHaveLength(0);
    const wide = reconJson(reconcileTables(left, right, { rules: { dateWindowDays: 6 } }));
    expect(wide.matches[0].rule).toBe("tolerance");
  });

  it("a bank deposit meets the ledger's debit; flipRight reverses the right side", () => {
    const bank = t("Bank", ["Date", "Withdrawal", "Deposit", "Ref No"], [[45931, null, "1,23,456.50", "A1"]]);
    const ledger = t("Ledger", ["Date", "Debit", "Credit", "Voucher No"], [[45931, 123456.5, null, "A1"]]);
    const j = reconJson(reconcileTables(bank, ledger));
    expect(j.matches[0].rule).toBe("exact");
    const sameSide = t("Bank2", ["Date", "Withdrawal", "Deposit", "Ref No"], [[45931, "123456.50", null, "A1"]]);
    expect(reconJson(reconcileTables(bank, sameSide)).matches).toHaveLength(0);
    expect(reconJson(reconcileTables(bank, sameSide, { rules: { flipRight: true } })).matches[0].rule).toBe("exact");
  });

  it("finds the reference inside the other side's description", () => {
    const bank = t("Bank", ["Date", "Narration", "Ref No", "Amount"], [[45931, "NEFT CR", "UTR000123456789", 5000]]);
    const ledger = t(
      "Ledger",
      ["Date", "Particulars", "Amount"],
      [[45950, "Receipt ref utr000123456789 thanks", 5000]],
    );
    const j = reconJson(reconcileTables(bank, ledger));
    expect(j.matches[0]).toMatchObject({ rule: "exact", status: "confirmed", score: 1 });
  });
});
