/**
 * Placeholder until the BPO.* catalogue lands (owned by the functions work).
 * @customfunction
 * @param amount Amount to round.
 * @returns The amount rounded to 2 decimals.
 */
export function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}
