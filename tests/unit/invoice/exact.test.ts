import { decOf } from "../../../src/core/invoice/exact";
import { decimalParts, divRound, mul, scaleOf } from "../../../src/core/money";
import { rng } from "./helpers";

/** Independent reading of a number at 15 significant digits: JavaScript's own toPrecision(15). */
function viaText(x: number): string {
  const t = Number(x.toPrecision(15)).toString();
  return t.includes("e")
    ? Number(t)
        .toFixed(21)
        .replace(/\.?0+$/, "")
    : t;
}
const decText = (d: { m: number | bigint; s: number }) => {
  const neg = d.m < 0;
  const digits = (neg ? -BigInt(d.m) : BigInt(d.m)).toString().padStart(d.s + 1, "0");
  const txt = d.s ? `${digits.slice(0, -d.s)}.${digits.slice(-d.s)}` : digits;
  return (neg ? "-" : "") + txt.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
};

describe("decOf", () => {
  it("reads short decimals as money.ts decimalParts does", () => {
    expect(decOf(1.005)).toEqual({ m: 1005, s: 3 });
    expect(decOf(-12)).toEqual({ m: -12, s: 0 });
    expect(decOf(0.18)).toEqual({ m: 18, s: 2 });
  });

  it("reads float noise at 15 significant digits, as toPrecision(15) does, on 20,000 seeded products/quotients", () => {
    const r = rng(8);
    let noisy = 0;
    for (let i = 0; i < 20000; i++) {
      const a = Math.round(r() * 1e6) / 100;
      const b = Math.round(r() * 1e4) / 1000 + 0.001;
      const x = i % 2 ? a * b : a / b;
      if (decimalParts(x)) continue;
      noisy++;
      expect(decText(decOf(x))).toBe(viaText(x));
      expect(scaleOf(x)).toBe(-1);
    }
    expect(noisy).toBeGreaterThan(5000);
    expect(decOf(0.1 + 0.2)).toEqual({ m: 3, s: 1 });
    expect(decOf(1.1 * 1.1)).toEqual({ m: 121, s: 2 });
    expect(decText(decOf(1e21))).toBe("1000000000000000000000");
    expect(decText(decOf(-1.2345678901234566e-9))).toBe("-0.00000000123456789012346");
  });
});

describe("divRound", () => {
  it("rounds quotients by mode, in numbers and BigInt alike", () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(5, 2, "half-even")).toBe(2);
    expect(divRound(7, 2, "half-even")).toBe(4);
    expect(divRound(1, 3, "up")).toBe(1);
    expect(divRound(-1, 3, "up")).toBe(-1);
    expect(divRound(5, 3, "down")).toBe(1);
    expect(divRound(10n ** 20n + 5n, 10n)).toBe(1e19 + 1); // BigInt path
    expect(mul(2 ** 40, 2 ** 20)).toBe(2n ** 60n); // leaves the safe range -> BigInt
    expect(mul(3, 5, 7)).toBe(105);
  });
});
