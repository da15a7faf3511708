/**
 * `npm run bench`: runs every bench/*.bench.ts (each a plain script exporting `bench()`), prints a table
 * (or one JSON document with --json), and rewrites bench/RESULTS.md with the figures, the machine and the date.
 * Benchmarks are never timed tests: the machines are noisy, so figures are recorded, not asserted.
 *   npm run bench                 all benchmarks
 *   npm run bench -- recon        only files whose name contains "recon"
 *   npm run bench -- --json       JSON on stdout
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BenchResult } from "./types";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const filters = args.filter((a) => !a.startsWith("--"));
  const dir = __dirname;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();
  const results: { file: string; results: BenchResult[]; error?: string; seconds: number }[] = [];
  for (const f of files) {
    const t0 = Date.now();
    if (!json) process.stderr.write(`bench: ${f} ...\n`);
    try {
      // require, not import(): run-ts.js hooks tsx into CommonJS only.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(dir, f));
      const r: BenchResult[] = await mod.bench();
      results.push({ file: f, results: r, seconds: (Date.now() - t0) / 1000 });
    } catch (e) {
      results.push({ file: f, results: [], error: (e as Error).stack ?? String(e), seconds: (Date.now() - t0) / 1000 });
    }
  }
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}, Node ${process.version}`;
  const date = new Date().toISOString();
  if (json) process.stdout.write(JSON.stringify({ date, machine, benchmarks: results }, null, 2) + "\n");
  else {
    for (const r of results) {
      console.log(`\n${r.file} (${r.seconds.toFixed(1)} s)`);
      if (r.error) console.log(`  ERROR ${r.error.split("\n")[0]}`);
      for (const x of r.results)
        console.log(
          `  ${x.ok === false ? "MISS" : x.ok ? "ok  " : "    "} ${x.name}: ${fmt(x.value)} ${x.unit}${x.target ? ` (target ${x.target})` : ""}${x.peer ? ` | ${x.peer.name}: ${fmt(x.peer.value)} ${x.peer.unit}` : ""}`,
        );
    }
  }
  if (filters.length === 0) fs.writeFileSync(path.join(dir, "RESULTS.md"), markdown(results, machine, date));
  else if (!json) console.log("\n(bench/RESULTS.md is rewritten only by a full run)");
  if (results.some((r) => r.error)) process.exitCode = 1;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  return Number(v.toPrecision(4)).toString();
}

function markdown(
  results: { file: string; results: BenchResult[]; error?: string }[],
  machine: string,
  date: string,
): string {
  const lines = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${date.slice(0, 10)} (${date}).`,
    "",
    `Machine: ${machine}.`,
    "",
    "| benchmark | figure | value | unit | target | met | peer (same run) | note |",
    "|---|---|---:|---|---|---|---|---|",
  ];
  for (const r of results) {
    if (r.error) lines.push(`| ${r.file} | ERROR | | | | no | | ${r.error.split("\n")[0].replace(/\|/g, "\\|")} |`);
    for (const x of r.results)
      lines.push(
        `| ${r.file.replace(".bench.ts", "")} | ${x.name} | ${fmt(x.value)} | ${x.unit} | ${x.target ?? ""} | ${x.ok === undefined ? "" : x.ok ? "yes" : "**no**"} | ${x.peer ? `${x.peer.name}: ${fmt(x.peer.value)} ${x.peer.unit}` : ""} | ${(x.note ?? "").replace(/\|/g, "\\|")} |`,
      );
  }
  lines.push(
    "",
    "Engine time is measured inside the process (performance.now) after the data is generated; memory is RSS/heap as reported by Node.",
    "",
  );
  return lines.join("\n");
}

void main();
