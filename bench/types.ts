/** One measured figure of a benchmark, with its target and, where the issue names one, a peer measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The goal, in words: ">= 1,000,000 evals/s", "< 3 s". */
  target?: string;
  /** Whether the target was met. */
  ok?: boolean;
  peer?: { name: string; value: number; unit: string };
  note?: string;
}

export type Bench = () => Promise<BenchResult[]>;
