import type { DemoContext } from "./types";

/** Demo step for the functions capability (placeholder until it lands). */
export async function demoStep(_ctx: DemoContext): Promise<string[]> {
  return [];
}
