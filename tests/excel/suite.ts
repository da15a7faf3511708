/**
 * The in-Excel test run, independent of where it runs: every case of the contract lists
 * (tests/contract/cases.ts, the lists jest runs against the fake) on a fresh harness each, then the
 * functions smoke set; one result per case, in a payload office-addin-test-server accepts.
 * tests/excel/page.ts runs it inside Excel and posts the results; ./suite.test.ts runs it against the fake.
 */
import {
  OFFICE_CASES,
  WORKBOOK_CONTRACT,
  type ContractCase,
  type Harness,
  type OfficeHarness,
} from "../contract/cases";
import { FUNCTIONS_SMOKE, smokeMatches, type SmokeCase } from "./functions-smoke";

export interface CaseResult {
  /** "contract: ...", "office: ...", "functions: =BPO..." */
  name: string;
  passed: boolean;
  /** Why it failed (kept short: the test server receives the results in a URL). */
  message?: string;
}

export interface SuiteHost {
  /** A harness on a workbook in the state the cases expect (the case's own sheets only). */
  harness(): Promise<OfficeHarness>;
  /** Undo what a case left behind (its sheets, names, protection). */
  cleanup(h: OfficeHarness): Promise<void>;
  /** The values Excel (or the functions, under jest) gives these formulas, in order. */
  evaluate(formulas: string[]): Promise<unknown[]>;
}

const MESSAGE_LIMIT = 300;

function short(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.length > MESSAGE_LIMIT ? m.slice(0, MESSAGE_LIMIT) + "…" : m;
}

async function runCase<H extends Harness>(prefix: string, c: ContractCase<H>, host: SuiteHost): Promise<CaseResult> {
  const h = await host.harness();
  try {
    await c.run(h as unknown as H);
    return { name: `${prefix}: ${c.name}`, passed: true };
  } catch (e) {
    return { name: `${prefix}: ${c.name}`, passed: false, message: short(e) };
  } finally {
    await host.cleanup(h);
  }
}

/** The smoke formulas, evaluated in one go, each compared with what the catalogue promises. */
export async function runSmoke(host: SuiteHost, smoke: readonly SmokeCase[] = FUNCTIONS_SMOKE): Promise<CaseResult[]> {
  let values: unknown[];
  try {
    values = await host.evaluate(smoke.map((s) => s.formula));
  } catch (e) {
    return smoke.map((s) => ({ name: `functions: ${s.formula}`, passed: false, message: short(e) }));
  }
  return smoke.map((s, i) =>
    smokeMatches(values[i], s.expected)
      ? { name: `functions: ${s.formula}`, passed: true }
      : {
          name: `functions: ${s.formula}`,
          passed: false,
          message: `expected ${JSON.stringify(s.expected)}, got ${JSON.stringify(values[i])}`,
        },
  );
}

/**
 * Every case, one after another (they share one workbook), then the smoke set. A case that injects a
 * failure runs only where the harness can inject one.
 */
export async function runSuite(host: SuiteHost): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const probe = await host.harness();
  const canInject = typeof probe.failNextMerge === "function";
  await host.cleanup(probe);
  for (const c of WORKBOOK_CONTRACT)
    if (!c.injectsFailure || canInject) results.push(await runCase("contract", c, host));
  for (const c of OFFICE_CASES) results.push(await runCase("office", c, host));
  results.push(...(await runSmoke(host)));
  return results;
}

/** What the page posts: the results, compact (office-addin-test-helpers puts the JSON in a URL). */
export function payload(results: CaseResult[]): CaseResult[] {
  return results.map((r) => (r.passed ? { name: r.name, passed: true } : r));
}

/** The run as a person reads it, and whether it passed. */
export function summarise(results: readonly CaseResult[]): { failed: number; text: string } {
  const failed = results.filter((r) => !r.passed);
  const lines = results.map(
    (r) => `${r.passed ? "ok  " : "FAIL"} ${r.name}${r.message ? `\n       ${r.message}` : ""}`,
  );
  lines.push(`${results.length - failed.length} passed, ${failed.length} failed, ${results.length} in all`);
  return { failed: failed.length, text: lines.join("\n") };
}

/** The results the test server received, checked for shape (a page from another version posts something else). */
export function readResults(json: unknown): CaseResult[] {
  if (!Array.isArray(json) || json.some((r) => !r || typeof r.name !== "string" || typeof r.passed !== "boolean"))
    throw new Error(
      `test:excel: the page posted something that is not a list of results: ${JSON.stringify(json).slice(0, 200)}`,
    );
  return json as CaseResult[];
}
