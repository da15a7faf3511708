/**
 * Every row of the Publication 15-T tables against the way the IRS builds them from the year's rate schedule
 * (Rev. Proc. 2024-40 / 2025-32, src/core/rates/us-income-tax.ts) and standard deduction. The rows themselves are
 * transcriptions of the publication (see src/core/rates/us-pub15t.ts); this checks that each one, and each tentative
 * amount in particular, is what the publication prints, not what a rebuild from rounded bounds would give.
 */
import { fedWithholding } from "../../../src/core/payroll";
import { US_BRACKETS, type UsStatus } from "../../../src/core/rates/us-income-tax";
import { PUB_15T } from "../../../src/core/rates/us-pub15t";

const STATUSES: UsStatus[] = ["single", "mfj", "hoh"];

/** The rate schedule's tax at each bracket's lower bound, in cents (exact: bounds are whole dollars). */
function scheduleBases(year: number, status: UsStatus): { lower: number; baseCents: number; rate: number }[] {
  const b = US_BRACKETS.find((x) => x.year === year && x.status === status)!.brackets;
  let base = 0;
  return b.map(([lower, rate], i) => {
    if (i > 0) base += Math.round(b[i - 1][1] * 100) * (lower - b[i - 1][0]);
    return { lower, baseCents: base, rate };
  });
}

const cents = (x: number) => Math.round(x * 100);

describe.each(PUB_15T.map((t) => [t.year, t] as const))("Pub 15-T %i", (year, t) => {
  test.each(STATUSES)("STANDARD %s: bounds shifted by standard deduction - line 1g, bases are the schedule's", (st) => {
    const shift = t.standardDeduction[st] - t.line1g[st];
    const rows = t.standard[st];
    const sched = scheduleBases(year, st);
    expect(rows[0]).toEqual([0, 0, 0]);
    expect(rows).toHaveLength(sched.length + 1);
    sched.forEach((s, i) => {
      const [atLeast, tentative, pct] = rows[i + 1];
      expect([atLeast, cents(tentative), pct]).toEqual([s.lower + shift, s.baseCents, s.rate]);
    });
  });

  test.each(STATUSES)(
    "Step 2 %s: bounds (bracket + deduction) / 2 half up, bases half the schedule's to the cent",
    (st) => {
      const rows = t.checkbox[st];
      const sched = scheduleBases(year, st);
      expect(rows[0]).toEqual([0, 0, 0]);
      expect(rows).toHaveLength(sched.length + 1);
      sched.forEach((s, i) => {
        const [atLeast, tentative, pct] = rows[i + 1];
        // (lower + deduction) / 2 in whole dollars, .50 up; base / 2 in cents, half a cent up.
        const bound = Math.floor((s.lower + t.standardDeduction[st] + 1) / 2);
        const half = Math.floor((s.baseCents + 1) / 2);
        expect([atLeast, cents(tentative), pct]).toEqual([bound, half, s.rate]);
      });
    },
  );
});

describe("Step 2 checked: the publication's tentative amounts, not a rebuild from rounded bounds", () => {
  test("2026 single at the 32% row's bound 108,938: 20,512.00 exactly (a rebuild gives 20,512.12)", () => {
    // Annual pay of exactly 108,938 (one period): line 2g is the row's tentative amount.
    expect(fedWithholding(108938, 1, "single", 2026, true)).toBe(20512);
    // 136,163 (35% row): 29,224.00; 400,000 (37% row): 96,489.63 + 37% x 71,650 = 123,000.13
    expect(fedWithholding(136163, 1, "single", 2026, true)).toBe(29224);
    expect(fedWithholding(400000, 1, "single", 2026, true)).toBe(123000.13);
  });
  test("2025 single: 59,175 -> 8,825.50; 320,675 -> 94,384.88", () => {
    expect(fedWithholding(59175, 1, "single", 2025, true)).toBe(8825.5);
    expect(fedWithholding(320675, 1, "single", 2025, true)).toBe(94384.88);
  });
  test("a weekly payroll in the 32% row: 2026 single 2,500 x 52 = 130,000; 20,512 + 32% x 21,062 = 27,251.84; / 52 = 524.07", () => {
    expect(fedWithholding(2500, 52, "single", 2026, true)).toBe(524.07);
  });
});
