/**
 * Every BPO.* function through its Excel wrapper (the code Excel calls: coercion + core), in a tight loop over varied
 * inputs. Target: >= 1,000,000 evaluations per second per function.
 *   node bin/run-ts.js bench/functions.bench.ts
 */
import { performance } from "node:perf_hooks";
import { serialFromYmd } from "../src/core/dates";
import * as path from "node:path";
import { CATALOGUE as SOURCE_CATALOGUE, type CatalogueEntry } from "../src/functions/catalogue";
import type { BenchResult } from "./types";

/**
 * The wrappers as Excel runs them: webpack bundles src/functions into one scope-hoisted script, so calls between
 * modules are plain calls. Under tsx each module is compiled alone and every imported function is read through a
 * getter, which costs several times the arithmetic; so the same sources are bundled with esbuild (tsx's own
 * compiler) and measured from the bundle. Falls back to the tsx-loaded modules when esbuild is not available.
 */
function bundledCatalogue(): { entries: readonly CatalogueEntry[]; how: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild");
    const entry = path.join(__dirname, "../src/functions/catalogue.ts");
    const out = esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      format: "cjs",
      platform: "node",
      write: false,
      target: "es2022",
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Module = require("node:module");
    const m = new Module(entry + ".bundle.js");
    m.paths = Module._nodeModulePaths(path.dirname(entry));
    m._compile(out.outputFiles[0].text, entry + ".bundle.js");
    return { entries: m.exports.CATALOGUE, how: "esbuild bundle of src/functions (as webpack ships it)" };
  } catch (e) {
    return { entries: SOURCE_CATALOGUE, how: `tsx modules (bundling failed: ${(e as Error).message})` };
  }
}

const N = 256;
const D0 = serialFromYmd(2025, 10, 1);

/** An amount as a user types it or a sheet stores it after ROUND: at most `places` decimals. */
const typed = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;

/** N varied argument lists per function (deterministic), amounts as typed (2 decimals). */
function inputs(name: string): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < N; i++) {
    const f = i / N;
    const money = typed(1000 + i * 137.37);
    const day = D0 + (i % 120);
    switch (name) {
      case "GROSSPAY":
        out.push([30 + (i % 25) + 0.25 * (i % 4), 12.5 + (i % 7), null, null, i % 3 === 0 ? 50 : null]);
        break;
      case "PRORATE":
        out.push([typed(money * 10), 1 + (i % 30), 30 + (i % 2)]);
        break;
      case "EPF":
        out.push([5000 + i * 90, ["employee", "eps", "employer", "edli", "admin"][i % 5], i % 2 === 0]);
        break;
      case "ESI":
        out.push([typed(8000 + i * 60.5), i % 2 ? "employer" : null]);
        break;
      case "PROFTAX":
        out.push([5000 + i * 110, i % 2 ? "MH" : "KA", 1 + (i % 12), i % 3 ? "M" : "F"]);
        break;
      case "INCOMETAX":
        out.push([
          200000 + i * 97531,
          ["IN-NEW-FY2025-26", "IN-NEW-FY2024-25", "US-FED-2026-SINGLE", "US-FED-2025-MFJ"][i % 4],
        ]);
        break;
      case "FEDWITHHOLDING":
        out.push([
          typed(200 + i * 31.17),
          [52, 26, 24, 12][i % 4],
          ["single", "mfj", "hoh"][i % 3],
          2025 + (i % 2),
          i % 5 === 0,
          (i % 3) * 1000,
          0,
          0,
          0,
        ]);
        break;
      case "FICA":
        out.push([typed(500 + i * 41.3), i * 900, 2025 + (i % 2), i % 2 ? "employer" : "employee"]);
        break;
      case "SLABTAX":
        out.push([
          typed(money * 100),
          [
            [0, 0],
            [250000, 0.05],
            [500000, 0.2],
            [1000000, 0.3],
          ],
        ]);
        break;
      case "NETPAY":
        // The repeating parameter as Excel passes it: ONE array of the arguments given, each a 2-D array.
        out.push([
          typed(money * 20),
          [
            [[1800]],
            [
              [200, ""],
              [money, null],
            ],
          ],
        ]);
        break;
      case "LINEAMOUNT":
        out.push([1 + (i % 9), money, (i % 4) * 0.05, [0, 0.05, 0.18][i % 3]]);
        break;
      case "GST":
        out.push([money, [0.05, 0.18, 0.4][i % 3], "MH", i % 2 ? "MH" : "29", D0]);
        break;
      case "TAXFROMGROSS":
        out.push([money, [0.05, 0.18, 0.12][i % 3]]);
        break;
      case "INVOICETAX":
        out.push([[[money], [10.05], [99.99], [typed(f * 1000)]], 0.18, i % 2 ? "line" : "total"]);
        break;
      case "DUEDATE":
        out.push([day, ["NET 30", "2/10 NET 30", "EOM", "NET 15 EOM", "DUE ON RECEIPT"][i % 5]]);
        break;
      case "EARLYPAY":
        out.push([money, "2/10 NET 30", day, day + (i % 20)]);
        break;
      case "LATEINTEREST":
        out.push([typed(money * 100), day, day + 10 + i, 0.165, i % 2 ? "monthly" : "simple"]);
        break;
      case "AGINGBUCKET":
        out.push([day, D0 + 100, null]);
        break;
      case "DSO":
        out.push([typed(money * 50), typed(money * 400), 365]);
        break;
      case "ROUNDMONEY":
        out.push([typed(money / 7, 4), [0.01, 0.05, 1, 10][i % 4], ["half-up", "half-even", "up", "down"][i % 4]]);
        break;
      case "WORKHOURS":
        out.push([day + 0.4, day + 0.4 + (i % 9) + f, null, null, null, null]);
        break;
      case "SLAMET":
        out.push([day + 0.4, day + 0.4 + (i % 9) + f, 8 + (i % 30)]);
        break;
      case "DPMO":
        out.push([i % 50, 1000 + i, 5]);
        break;
      default:
        throw new Error(`no bench inputs for ${name}`);
    }
  }
  return out;
}

export async function bench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const { entries, how } = bundledCatalogue();
  for (const e of entries) {
    const args = inputs(e.name);
    // A fresh loop per function (its own call site), so one function's calls do not slow down the next one's.
    const loop = new Function(
      "fn",
      "args",
      "rounds",
      "let s = 0; for (let r = 0; r < rounds; r++) for (let i = 0; i < args.length; i++) s += fn(...args[i]) ? 1 : 0; return s;",
    ) as (fn: CatalogueEntry["fn"], args: unknown[][], rounds: number) => number;
    let sink = loop(e.fn, args, 200); // warm up (JIT)
    // The median of 5 windows of 100 ms: one window can land on a collection of the heap a benchmark before left.
    const rates: number[] = [];
    for (let w = 0; w < 5; w++) {
      let evals = 0;
      const t0 = performance.now();
      let t1 = t0;
      while (t1 - t0 < 100) {
        sink += loop(e.fn, args, 20);
        evals += 20 * N;
        t1 = performance.now();
      }
      rates.push(evals / ((t1 - t0) / 1000));
    }
    const perSec = rates.sort((a, b) => a - b)[2];
    results.push({
      name: `BPO.${e.name}`,
      value: Math.round(perSec),
      unit: "evals/s",
      target: ">= 1,000,000/s",
      ok: perSec >= 1_000_000,
      note: sink < 0 ? "" : `${N} varied argument lists, median of 5 windows; ${how}`,
    });
  }
  return results;
}

// Run directly (node bin/run-ts.js bench/functions.bench.ts: run-ts requires this file, so check argv too).
if (require.main === module || /functions\.bench\.ts$/.test(process.argv[1] ?? "")) {
  void bench().then((rs) => {
    for (const r of rs)
      console.log(
        `${r.ok ? "ok  " : "MISS"} ${r.name.padEnd(20)} ${r.value.toLocaleString("en-US").padStart(12)} ${r.unit}`,
      );
  });
}
