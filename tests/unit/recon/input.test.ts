/** Column detection, amounts and dates as banks print them, rules validation, and bad input. */
import {
  ReconInputError,
  RulesError,
  detectColumns,
  isTransposition,
  jaroWinkler,
  parseRules,
  prepareSide,
  reconcileTables,
  reconJson,
  resolveRules,
} from "../../../src/core/recon";
import type { TableData } from "../../../src/core/table";
import { sheetTable } from "../tables";

const t = (headers: string[], rows: (string | number | null)[][], name = "T"): TableData =>
  sheetTable(name, headers, rows);

describe("column detection", () => {
  it("finds columns by synonym, case, spacing and punctuation insensitive", () => {
    const m = detectColumns(t(["Value Date", "PARTICULARS", "Chq. No.", "Net Amount"], []), {}, "LEFT");
    expect(m).toMatchObject({ date: 0, description: 1, reference: 2, amount: 3, amountIn: -1, amountOut: -1 });
  });

  it.each([
    [["Debit", "Credit"], 0, 1],
    [["Withdrawal", "Deposit"], 1, 0],
    [["Dr", "Cr"], 0, 1],
    [["Paid Out", "Paid In"], 1, 0],
    [["Withdrawal Amt.", "Deposit Amt."], 1, 0],
  ])("finds the pair %j (money in, money out)", (headers, inCol, outCol) => {
    const m = detectColumns(t(["Date", ...headers], []), {}, "LEFT");
    expect(m.amountIn).toBe(inCol + 1);
    expect(m.amountOut).toBe(outCol + 1);
  });

  it("takes overrides from the rules and names a missing override", () => {
    const m = detectColumns(t(["When", "Sum", "Code"], []), { date: "when", amount: "SUM", reference: "Code" }, "LEFT");
    expect(m).toMatchObject({ date: 0, amount: 1, reference: 2 });
    expect(() => detectColumns(t(["When", "Sum"], []), { amount: "Total" }, "LEFT")).toThrow(
      /"Total".*no such header.*When, Sum/,
    );
  });

  it("a missing amount column names the headers looked for", () => {
    expect(() => prepareSide(t(["Date", "Narration"], [[45931, "x"]]), "left", {}, { label: "LEFT bank.csv" })).toThrow(
      /LEFT bank.csv: no amount column; looked for Amount or Net Amount or Net, or a pair Debit\/Credit, Withdrawal\/Deposit, Dr\/Cr, Paid Out\/Paid In, or one amount and a Dr\/Cr column \(headers found: Date, Narration\)/,
    );
  });

  it("blank header cells (merged headers) get a hint to unmerge", () => {
    expect(() => prepareSide(t(["Transaction", "", "", "Balance"], [[1, 2, 3, 4]]), "left", {})).toThrow(
      /blank — merged header cells\? Unmerge/,
    );
  });

  it("a side with no data rows is refused", () => {
    expect(() => prepareSide(t(["Date", "Amount"], []), "right", {}, { label: "RIGHT x.csv" })).toThrow(
      /RIGHT x.csv has no data rows/,
    );
    expect(() =>
      prepareSide(
        t(
          ["Date", "Amount"],
          [
            [null, null],
            ["  ", null],
          ],
        ),
        "right",
        {},
      ),
    ).toThrow(ReconInputError);
  });
});

describe("loose header matching", () => {
  it("finds a synonym in one part of a combined header: Chq./Ref.No. is the reference", () => {
    const side = prepareSide(
      t(["Date", "Narration", "Chq./Ref.No.", "Withdrawal Amt.", "Deposit Amt."], [[45931, "NEFT", "UTR1", null, 5]]),
      "left",
      {},
    );
    expect(side.ref).toEqual(["UTR1"]);
    expect(Array.from(side.cents)).toEqual([500]);
  });
});

describe("reading rows", () => {
  it("reads Indian lakh grouping, brackets, currency symbols and Dr/Cr pairs into one signed amount (minor units)", () => {
    // Expected values: the printed amounts read by hand (1,23,456.78 = 123456.78). A pair's columns carry
    // the direction, so "(2,500.00)" in Withdrawal is 2,500 going out, as a bank exporting brackets means it.
    const s = prepareSide(
      t(
        ["Date", "Withdrawal", "Deposit"],
        [
          ["31/03/2025", null, "₹1,23,456.78"],
          ["01-Apr-25", "(2,500.00)", null],
          ["2025-04-02", "Rs. 10,00,000", null],
          [45750, "100", "40"],
        ],
      ),
      "left",
      {},
    );
    expect(Array.from(s.cents)).toEqual([12345678, -250000, -100000000, -6000]);
    // Dates: 2025-03-31 is serial 45747 (Excel), then 45748, 45749, and a serial as it stands.
    expect(Array.from(s.day)).toEqual([45747, 45748, 45749, 45750]);
  });

  it("reads a pair's figures as sizes: -118, (118) and 118 in Withdrawal are each 118 out", () => {
    const s = prepareSide(
      t(
        ["Date", "Withdrawal", "Deposit"],
        [
          [45931, "-118.00", null],
          [45931, "(118.00)", null],
          [45931, 118, null],
          [45931, null, "-5,000"],
        ],
      ),
      "left",
      {},
    );
    expect(Array.from(s.cents)).toEqual([-11800, -11800, -11800, 500000]);
  });

  it("the rules' dateOrder reads 03/04/2025 as March 4 (MDY) or 3 April (DMY)", () => {
    const table = t(["Date", "Amount"], [["03/04/2025", 1]]);
    expect(prepareSide(table, "left", {}, { dateOrder: "MDY" }).day[0]).toBe(45720); // 2025-03-04
    expect(prepareSide(table, "left", {}, { dateOrder: "DMY" }).day[0]).toBe(45750); // 2025-04-03 (2025-03-31 is 45747)
  });

  it("skips blank rows, reports text amounts by row and never reads them as 0", () => {
    const left = t(
      ["Date", "Amount", "Ref"],
      [
        [45931, 100, "A"],
        [null, null, null],
        [45931, "n/a", "B"],
        [45931, 0, "C"],
      ],
    );
    const right = t(["Date", "Amount", "Ref"], [[45931, 0, "C"]]);
    const r = reconcileTables(left, right);
    const j = reconJson(r);
    expect(j.summary.left).toBe(2); // rows 2 and 5; row 3 blank, row 4 excluded
    expect(j.excluded).toEqual([
      { side: "left", row: 4, reason: expect.stringMatching(/Amount "n\/a" is not an amount/) },
    ]);
    expect(j.unmatchedLeft).not.toContain(4);
    expect(j.matches.flatMap((m) => m.left)).not.toContain(4);
    expect(j.matches).toEqual([expect.objectContaining({ left: [5], right: [2], rule: "exact" })]);
    expect(j.unmatchedLeft).toEqual([2]);
  });

  it("uses worksheet row numbers (firstRow + index)", () => {
    const left = { ...t(["Amount", "Ref"], [[5, "Q1"]]), firstRow: 8 };
    const right = {
      ...t(
        ["Amount", "Ref"],
        [
          [1, "x"],
          [5, "Q1"],
        ],
      ),
      firstRow: 3,
    };
    const j = reconJson(reconcileTables(left, right));
    expect(j.matches[0]).toMatchObject({ left: [8], right: [4] });
    expect(j.unmatchedRight).toEqual([3]);
  });
});

describe("rules file", () => {
  it("fills defaults", () => {
    const r = resolveRules(parseRules("{}"));
    expect(r).toMatchObject({
      fuzzyThreshold: 0.8,
      groupMaxSize: 5,
      toleranceCents: 100,
      dateWindowDays: 5,
      flipRight: false,
    });
  });

  it.each([
    ['{"tolerance": {"amount": "1"}}', /^rules.json: tolerance.amount: .*expected number/i],
    ['{"fuzzyThreshold": 2}', /^rules.json: fuzzyThreshold: .*(<=|1)/],
    ['{"groupMaxSize": 20}', /groupMaxSize/],
    ['{"dateOrder": "DDMM"}', /dateOrder/],
    ['{"tolerence": 1}', /unknown setting "tolerence"; allowed: left, right, flipRight/],
    ['{"left": {"amout": "X"}}', /left: unknown setting "amout"; allowed: date, amount/],
    ["{not json", /rules.json: not valid JSON/],
  ])("rejects %s with a clear message", (text, re) => {
    expect(() => parseRules(text, "rules.json")).toThrow(RulesError);
    expect(() => parseRules(text, "rules.json")).toThrow(re);
  });
});

describe("text measures", () => {
  it("Jaro-Winkler matches the published examples", () => {
    // Winkler (1990) / Wikipedia "Jaro–Winkler distance": MARTHA/MARHTA 0.961, DIXON/DICKSONX 0.813, DWAYNE/DUANE 0.84.
    expect(jaroWinkler("MARTHA", "MARHTA")).toBeCloseTo(0.961, 3);
    expect(jaroWinkler("DIXON", "DICKSONX")).toBeCloseTo(0.813, 3);
    expect(jaroWinkler("DWAYNE", "DUANE")).toBeCloseTo(0.84, 2);
  });

  it("recognises a transposition of two adjacent digits", () => {
    expect(isTransposition(4521000, 4512000)).toBe(true); // 45,210.00 vs 45,120.00 (difference 90.00 = 9 × 10)
    expect(isTransposition(4521000, 4521000)).toBe(false);
    expect(isTransposition(4521000, 4530000)).toBe(false);
    expect(isTransposition(4521000, -4512000)).toBe(false);
  });
});

describe("bank statements with Debit/Credit columns", () => {
  it("reads the bank's Debit as money out, so its Credit (a deposit) meets the ledger's Debit", () => {
    // SBI-style statement: Txn Date, Description, Ref No, Debit, Credit, Balance (the bank's view of the account).
    const bank = t(
      ["Txn Date", "Description", "Ref No./Cheque No.", "Debit", "Credit", "Balance"],
      [
        ["01 Oct 2025", "BY TRANSFER-NEFT ACME", "N12345", null, "5,000.00", "15,000.00"],
        ["02 Oct 2025", "TO CLG 778899", "778899", "1,200.00", null, "13,800.00"],
      ],
      "statement",
    );
    const ledger = t(
      ["Date", "Voucher No", "Particulars", "Debit", "Credit"],
      [
        [45931, "N12345", "Receipt from Acme", 5000, null],
        [45932, "778899", "Payment by cheque", null, 1200],
      ],
      "Ledger",
    );
    const r = reconcileTables(bank, ledger);
    expect(Array.from(r.left.cents)).toEqual([500000, -120000]);
    expect(reconJson(r).matches.map((m) => [m.left, m.right, m.rule])).toEqual([
      [[2], [2], "exact"],
      [[3], [3], "exact"],
    ]);
  });
});

describe("sign check", () => {
  it("reverses the right side when the amounts clearly meet only that way, and says so", () => {
    // Both exports show the account from the same side (withdrawals as Debit): 10 items, amounts equal, signs opposite.
    const rows = Array.from({ length: 10 }, (_, k) => [45931 + k, `T${k}`, 1000 + k * 37.5, null]);
    const left = t(["Date", "Ref", "Debit", "Credit"], rows, "export1");
    const right = t(
      ["Date", "Ref", "Debit", "Credit"],
      rows.map((r) => [r[0], r[1], r[3], r[2]]),
      "export2",
    );
    const r = reconcileTables(left, right);
    expect(r.rules.flipRight).toBe(true);
    expect(r.warnings[0].message).toMatch(/signs reversed automatically: 10 of 10/);
    expect(reconJson(r).matches).toHaveLength(10);
    // An explicit "flipRight": false in the rules is obeyed.
    const kept = reconcileTables(left, right, { rules: { flipRight: false } });
    expect(reconJson(kept).matches).toHaveLength(0);
  });
});

describe("Dr/Cr marks on a single Amount column", () => {
  it("signs by the suffix or the Dr/Cr column: a bank credits money in, the books debit it", () => {
    const bank = t(
      ["Date", "Narration", "Amount", "Balance"],
      [
        [45931, "NEFT IN", "5,000.00 Cr", 1],
        [45932, "CHQ OUT", "1,200.00 Dr", 1],
      ],
      "statement",
    );
    expect(Array.from(prepareSide(bank, "left", {}).cents)).toEqual([500000, -120000]);
    const books = t(
      ["Date", "Voucher No", "Amount", "Dr/Cr"],
      [
        [45931, "V1", 5000, "Dr"],
        [45932, "V2", 1200, "CR"],
      ],
      "Ledger",
    );
    expect(Array.from(prepareSide(books, "right", {}).cents)).toEqual([500000, -120000]);
  });
});
