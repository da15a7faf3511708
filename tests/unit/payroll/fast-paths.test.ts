/** The integer fast paths must agree with the general exact-decimal paths they shortcut, on many varied inputs. */
import { grossPay, incomeTax, INCOME_TAX_REGIMES, slabTax } from "../../../src/core/payroll";
import { dec, dRound } from "../../../src/core/payroll/dec";
import { grossPayExact } from "../../../src/core/payroll/gross";
import { incomeTaxExact, slabTaxDec } from "../../../src/core/payroll/income-tax";

// Deterministic pseudo-random numbers (mulberry32), so a failure is reproducible.
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const cents = (x: number) => Math.round(x * 100) / 100;

test("grossPay: fast path = exact path", () => {
  const r = rng(7);
  for (let i = 0; i < 5000; i++) {
    const h = cents(r() * 80);
    const rate = cents(r() * 200);
    const thr = [40, 35, 44, 0][i % 4];
    const mult = [1.5, 2, 1, 1.25][i % 4];
    const bonus = i % 3 ? 0 : cents(r() * 500);
    expect([h, rate, thr, mult, bonus, grossPay(h, rate, thr, mult, bonus)]).toEqual([
      h,
      rate,
      thr,
      mult,
      bonus,
      grossPayExact(h, rate, thr, mult, bonus),
    ]);
  }
});

test("incomeTax: fast path = exact path for every regime, around every threshold", () => {
  const r = rng(11);
  const points = [
    0, 300000, 400000, 700000, 710000, 1200000, 1210000, 1270588, 5000000, 5010000, 10000000, 10050000, 20000000,
    20100000, 99999999,
  ];
  for (const regime of INCOME_TAX_REGIMES) {
    for (const p of points) {
      for (let k = 0; k < 20; k++) {
        const x = cents(Math.max(0, p + (r() - 0.5) * 40000));
        expect([regime, x, incomeTax(x, regime)]).toEqual([regime, x, incomeTaxExact(x, regime.toUpperCase())]);
      }
    }
  }
});

test("slabTax: the one-pass integer path = exact decimals (slabTaxDec) on random tables", () => {
  const r = rng(13);
  for (let i = 0; i < 3000; i++) {
    const n = 1 + Math.floor(r() * 6);
    const lowers = [...new Set(Array.from({ length: n }, () => cents(r() * 2e6)))].sort((a, b) => a - b);
    const rows: [number, number][] = lowers.map((l) => [l, Math.round(r() * 10000) / 10000]);
    const x = cents(r() * 3e6);
    const exact = dRound(
      slabTaxDec(
        dec(x),
        rows.map(([l, rate]) => ({ lower: dec(l), rate: dec(rate) })),
      ),
      2,
    );
    expect([x, rows, slabTax(x, rows)]).toEqual([x, rows, x <= 0 ? 0 : exact]);
  }
});
