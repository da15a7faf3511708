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

describe("calibrated confidence", () => {
  const t = sheetTable;
  const x10 = {
    exact: 400,
    timing: 100,
    rounding: 100,
    transposed: 50,
    split: 50,
    combined: 50,
    bankCharges: 50,
    noise: 100,
    duplicates: 20,
    coincidences: 50,
  };

  it.each([
    ["default size", { coincidences: 10 }],
    ["ten times the size", x10],
  ])(
    "%s, with unrelated items sharing round amounts and dates: precision of confirmed >= 0.995, recall >= 0.97",
    (_name, options) => {
      let confirmed = 0;
      let wrong = 0;
      let found = 0;
      let total = 0;
      const coincidentConfirmed: string[] = [];
      for (const seed of [1, 2, 3, 4, 5]) {
        const ds = generateDataset(seed, options);
        const j = reconJson(reconcileTables(ds.bank, ds.ledger));
        const s = score(ds, j);
        confirmed += s.confirmed;
        wrong += s.confirmedWrong;
        for (const f of s.found.values()) {
          found += f.confirmed + f.suggested;
          total += f.total;
        }
        const lone = new Set(ds.loneLeft);
        for (const m of j.matches)
          if (m.status === "confirmed" && m.left.some((r) => lone.has(r))) coincidentConfirmed.push(`${seed}:${m.id}`);
      }
      const precision = 1 - wrong / Math.max(1, confirmed);
      const recall = found / total;
      console.log(
        `${_name}: ${confirmed} confirmed, ${wrong} wrong (precision ${precision.toFixed(4)}); ${found} of ${total} true pairs found (recall ${recall.toFixed(4)})`,
      );
      expect(precision).toBeGreaterThanOrEqual(0.995);
      expect(recall).toBeGreaterThanOrEqual(0.97);
      // A bank line with no counterpart is never confirmed against an unrelated book line.
      expect(coincidentConfirmed).toEqual([]);
    },
  );

  it("a match on amount and date alone between items whose texts disagree is suggested, and says why", () => {
    const bank = t("Bank", ["Date", "Narration", "Amount"], [[45931, "ATM WDL CASH MUMBAI", -5000]]);
    const books = t("Ledger", ["Date", "Particulars", "Amount"], [[45931, "Rent deposit Orchid Hotels", -5000]]);
    const m = reconcileTables(bank, books).matches[0];
    expect(m).toMatchObject({ rule: "tolerance", status: "suggested" });
    expect(m.reason).toMatch(/references and descriptions differ/);
    // The same pair with a word in common is confirmed.
    const related = t("Ledger", ["Date", "Particulars", "Amount"], [[45931, "Cash withdrawn for petty cash", -5000]]);
    expect(reconcileTables(bank, related).matches[0].status).toBe("confirmed");
    // Without descriptions there is nothing to disagree: amount and date decide as before.
    const bare = (n: string) => t(n, ["Date", "Amount"], [[45931, -5000]]);
    expect(reconcileTables(bare("L"), bare("R")).matches[0].status).toBe("confirmed");
  });

  it("among equal candidates the text decides before the row order, and a tie the text decides is not ambiguous", () => {
    const bank = t("Bank", ["Date", "Narration", "Amount"], [[45931, "NEFT CR BETA FOODS", 500]]);
    const books = t(
      "Ledger",
      ["Date", "Particulars", "Amount"],
      [
        [45931, "Receipt from Acme Traders", 500], // row 2: same amount and date, unrelated
        [45931, "Receipt from Beta Foods", 500], // row 3: the same customer
      ],
    );
    const j = reconJson(reconcileTables(bank, books));
    expect(j.matches[0]).toMatchObject({ right: [3], status: "confirmed" });
    expect(j.unmatchedRight).toEqual([2]);
  });
});
