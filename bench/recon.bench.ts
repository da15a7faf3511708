/**
 * Reconciliation benchmark (issue 4).
 * 1. 1,000,000 × 1,000,000 rows through the exact and tolerance passes (engine time, after the sides are
 *    read into typed arrays; the read is reported too), memory (RSS and heap), and side by side the exact
 *    pass against pandas `merge` on the same exact keys (bench/peers/recon_pandas.py, merge only).
 * 2. Fuzzy and group passes on a residue of 10,000 × 10,000 unmatched items.
 * Run alone: node bin/run-ts.js bench/recon.bench.ts
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import type { BenchResult } from "./types";
import type { CellValue } from "../src/core/sheet-spec";
import type { TableData } from "../src/core/table";
import { prepareSide, reconcile, resolveRules, type PreparedSide } from "../src/core/recon";
import { seededRandom } from "../src/core/sample";
import { generateDataset } from "../tests/unit/recon/generate";

const N = 1_000_000;

function bigTables(n: number): { left: TableData; right: TableData; csvLeft: string; csvRight: string } {
  const rnd = seededRandom(2025);
  const base = 45931;
  const left: CellValue[][] = new Array(n);
  const right: CellValue[][] = new Array(n);
  const refs: string[] = new Array(n);
  const cents = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = (1 + Math.floor(rnd() * 99_999_999)) * (rnd() < 0.5 ? -1 : 1);
    cents[i] = c;
    refs[i] = `UTR${(100000000000 + i * 7919).toString()}`;
    left[i] = [base + Math.floor(rnd() * 28), refs[i], c / 100];
  }
  // Right: a shuffled copy; 90% keep the reference (exact pass), 10% lose it and move 1-3 days (tolerance pass).
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const keep = rnd() < 0.9;
    right[k] = [
      (left[i][0] as number) + (keep ? 0 : 1 + Math.floor(rnd() * 3)),
      keep ? refs[i] : `CHQ${k}`,
      cents[i] / 100,
    ];
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-recon-bench-"));
  const csvLeft = path.join(tmp, "left.csv");
  const csvRight = path.join(tmp, "right.csv");
  const write = (file: string, rows: CellValue[][]) => {
    const fd = fs.openSync(file, "w");
    fs.writeSync(fd, "ref,cents\n");
    let buf = "";
    for (let k = 0; k < rows.length; k++) {
      buf += `${rows[k][1]},${Math.round((rows[k][2] as number) * 100)}\n`;
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = "";
      }
    }
    fs.writeSync(fd, buf);
    fs.closeSync(fd);
  };
  write(csvLeft, left);
  write(csvRight, right);
  const t = (name: string, rows: CellValue[][]): TableData => ({
    name,
    sheet: name,
    headers: ["Date", "Reference", "Amount"],
    rows,
    firstRow: 2,
    firstColumn: 1,
  });
  return { left: t("Left", left), right: t("Right", right), csvLeft, csvRight };
}

/** The collector, so each timed section starts from a clean heap (standard benchmark hygiene). */
function collector(): () => void {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  return gc;
}

function matchedCount(m: Int32Array): number {
  let c = 0;
  for (let i = 0; i < m.length; i++) if (m[i] >= 0) c++;
  return c;
}

function peakRss(): number {
  return process.memoryUsage().rss;
}

export async function bench(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const rules = resolveRules({ passes: { exact: true, tolerance: true, fuzzy: false, group: false } });
  const exactOnly = resolveRules({ passes: { exact: true, tolerance: false, fuzzy: false, group: false } });
  const { left, right, csvLeft, csvRight } = bigTables(N);
  let rss = peakRss();
  let t0 = performance.now();
  const L: PreparedSide = prepareSide(left, "left", {});
  const R: PreparedSide = prepareSide(right, "right", {});
  const prepMs = performance.now() - t0;
  rss = Math.max(rss, peakRss());
  // Exact pass alone (for the pandas comparison), then exact + tolerance; best of 2 each.
  let exactMs = Infinity;
  let bothMs = Infinity;
  let matched = 0;
  let exactMatched = 0;
  const gc = collector();
  for (let rep = 0; rep < 2; rep++) {
    gc();
    t0 = performance.now();
    const e = reconcile(L, R, exactOnly);
    exactMs = Math.min(exactMs, performance.now() - t0);
    exactMatched = matchedCount(e.leftMatch);
    rss = Math.max(rss, peakRss());
    gc();
    t0 = performance.now();
    const r = reconcile(L, R, rules);
    bothMs = Math.min(bothMs, performance.now() - t0);
    matched = matchedCount(r.leftMatch);
    rss = Math.max(rss, peakRss());
  }
  const heap = process.memoryUsage().heapUsed;
  out.push({
    name: "recon 1M×1M exact+tolerance (engine)",
    value: Math.round(bothMs) / 1000,
    unit: "s",
    target: "< 3 s",
    ok: bothMs < 3000,
    note: `${matched.toLocaleString("en-US")} of ${N.toLocaleString("en-US")} matched; reading both sides into typed arrays took ${(prepMs / 1000).toFixed(2)} s more`,
  });
  out.push({
    name: "recon 1M×1M memory (peak RSS)",
    value: Math.round(rss / 1048576),
    unit: "MB",
    target: "<= 2048 MB",
    ok: rss <= 2048 * 1048576,
    note: `heap used after: ${Math.round(heap / 1048576)} MB (includes the 2M input rows as JS arrays)`,
  });
  let peer: { name: string; value: number; unit: string } | undefined;
  let note = "";
  const py = spawnSync("/usr/bin/python3", [path.join(__dirname, "peers", "recon_pandas.py"), csvLeft, csvRight], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (py.status === 0) {
    const res = JSON.parse(py.stdout.trim().split("\n").pop()!) as { merge_s: number; rows: number; pandas: string };
    peer = { name: `pandas ${res.pandas} merge`, value: Math.round(res.merge_s * 1000) / 1000, unit: "s" };
    note = `pandas merged ${res.rows.toLocaleString("en-US")} rows; ratio pandas/ours = ${(res.merge_s / (exactMs / 1000)).toFixed(2)}× (above 1: we are faster)`;
  } else note = `pandas peer failed: ${(py.stderr || "").trim().split("\n").pop()}`;
  out.push({
    name: "recon 1M×1M exact pass vs pandas merge",
    value: Math.round(exactMs) / 1000,
    unit: "s",
    target: "faster than pandas",
    ok: peer ? exactMs / 1000 < peer.value : undefined,
    peer,
    note: `${exactMatched.toLocaleString("en-US")} exact matches; ${note}`,
  });
  fs.rmSync(path.dirname(csvLeft), { recursive: true, force: true });

  // Residue: 10,000 × 10,000 items that the exact and tolerance passes leave unmatched.
  const ds = generateDataset(99, {
    exact: 0,
    timing: 0,
    rounding: 0,
    transposed: 2500,
    split: 800,
    combined: 800,
    bankCharges: 700,
    noise: 4000,
    duplicates: 400,
  });
  const fuzzyRules = resolveRules({ passes: { exact: false, tolerance: false, fuzzy: true, group: true } });
  const RL = prepareSide(ds.bank, "left", {});
  const RR = prepareSide(ds.ledger, "right", {});
  let resMs = Infinity;
  let resMatched = 0;
  for (let rep = 0; rep < 2; rep++) {
    gc();
    t0 = performance.now();
    const r = reconcile(RL, RR, fuzzyRules);
    resMs = Math.min(resMs, performance.now() - t0);
    resMatched = r.matches.length;
  }
  out.push({
    name: `recon fuzzy+group on ${RL.n.toLocaleString("en-US")}×${RR.n.toLocaleString("en-US")} residue`,
    value: Math.round(resMs) / 1000,
    unit: "s",
    target: "< 2 s",
    ok: resMs < 2000,
    note: `${resMatched.toLocaleString("en-US")} matches (${ds.truth.length.toLocaleString("en-US")} planted)`,
  });
  return out;
}

if (require.main === module || process.argv[1]?.endsWith("recon.bench.ts")) {
  bench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
