/**
 * Files, whole process, with the peers in the same run (issue 13):
 * 1. reconcile 200k x 200k and 1M x 1M: the real bin (read two CSVs, match, write JSON to a file) against
 *    pandas (/usr/bin/python3) and DuckDB (@duckdb/node-api) doing the same exact match (reference and
 *    amount) and writing JSON; wall time (median of runs) and peak memory (/usr/bin/time's maximum RSS).
 *    bpo-desk is run with the exact pass only (like for like with the peers' join) and with all passes.
 * 2. an .xlsx read of 200k rows against pandas (read_excel with openpyxl; without openpyxl pandas cannot
 *    read .xlsx and reads the same rows as CSV, which the note says).
 * 3. `report aging` written into a copy of a 100k-row workbook, `reconcile --out` at 100k x 100k (peak
 *    memory, target < 1.5 GB), a book with one cell at XFD1048576 (peak memory, target < 1 GB).
 * 4. `bpo-desk fn` start-up (median of 10; target < 150 ms).
 * Run alone: node bin/run-ts.js bench/run.ts files
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BenchResult } from "./types";
import type { CellValue } from "../src/core/sheet-spec";
import { seededRandom } from "../src/core/sample";
import { FileWorkbook } from "../src/workbook/file";
import { saveWorkbookFile } from "../src/workbook/file-io";
import { handBook } from "../tests/helpers/xlsx-parts";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "bpo-desk.js");
const NODE = process.execPath;
const PY = "/usr/bin/python3";

interface Measured {
  seconds: number;
  mb: number;
}

/** One whole process under /usr/bin/time: wall seconds and maximum resident set size. */
function timed(cmd: string, args: string[], cwd: string, stdoutFile?: string): Measured {
  const tf = path.join(os.tmpdir(), `bpo-time-${process.pid}-${Date.now()}.txt`);
  const out = stdoutFile ? fs.openSync(stdoutFile, "w") : "ignore";
  const r = spawnSync("/usr/bin/time", ["-o", tf, "-f", "%e %M", cmd, ...args], {
    cwd,
    stdio: ["ignore", out, "pipe"],
    maxBuffer: 1 << 24,
  });
  if (typeof out === "number") fs.closeSync(out);
  const [sec, kb] = fs.readFileSync(tf, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  fs.rmSync(tf, { force: true });
  if (r.status !== 0)
    throw new Error(`${path.basename(cmd)} ${args.join(" ")} failed: ${String(r.stderr).trim().split("\n").pop()}`);
  return { seconds: sec, mb: Math.round(kb / 1024) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function runs(n: number, f: () => Measured): Measured {
  const all = Array.from({ length: n }, f);
  return { seconds: median(all.map((m) => m.seconds)), mb: median(all.map((m) => m.mb)) };
}

/** A bank side and a book side: 90% share reference and amount, 10% lose the reference and move 1-3 days. */
export function writeCsvs(n: number, dir: string): { left: string; right: string } {
  const rnd = seededRandom(2025);
  const base = Date.UTC(2025, 9, 1);
  const day = (d: number) => new Date(base + d * 864e5).toISOString().slice(0, 10);
  const rows: [number, string, number][] = [];
  for (let i = 0; i < n; i++)
    rows.push([
      Math.floor(rnd() * 28),
      `UTR${100000000000 + i * 7919}`,
      (1 + Math.floor(rnd() * 99_999_999)) * (rnd() < 0.5 ? -1 : 1),
    ]);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const write = (file: string, line: (k: number) => string) => {
    const fd = fs.openSync(file, "w");
    fs.writeSync(fd, "Date,Reference,Description,Amount\n");
    let buf = "";
    for (let k = 0; k < n; k++) {
      buf += line(k) + "\n";
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = "";
      }
    }
    fs.writeSync(fd, buf);
    fs.closeSync(fd);
  };
  const left = path.join(dir, `left-${n}.csv`);
  const right = path.join(dir, `right-${n}.csv`);
  write(left, (k) => `${day(rows[k][0])},${rows[k][1]},NEFT ${rows[k][1].slice(-6)},${(rows[k][2] / 100).toFixed(2)}`);
  write(right, (k) => {
    const [d, ref, c] = rows[order[k]];
    const keep = rnd() < 0.9;
    return `${day(d + (keep ? 0 : 1 + Math.floor(rnd() * 3)))},${keep ? ref : `CHQ${k}`},Payment ${k},${(c / 100).toFixed(2)}`;
  });
  return { left, right };
}

export function reconcileRound(n: number, reps: number, dir: string): BenchResult[] {
  const { left, right } = writeCsvs(n, dir);
  const exact = path.join(dir, "exact.json");
  fs.writeFileSync(exact, JSON.stringify({ passes: { exact: true, tolerance: false, fuzzy: false, group: false } }));
  const label = n >= 1_000_000 ? `${n / 1_000_000}M x ${n / 1_000_000}M` : `${n / 1000}k x ${n / 1000}k`;
  const out = (name: string) => path.join(dir, `${name}-${n}.json`);
  const ours = runs(reps, () =>
    timed(NODE, [BIN, "reconcile", left, right, "--rules", exact, "--json"], dir, out("bpo")),
  );
  const all = runs(Math.min(reps, 3), () =>
    timed(NODE, [BIN, "reconcile", left, right, "--json"], dir, out("bpo-all")),
  );
  const duck = runs(reps, () =>
    timed(NODE, [path.join(__dirname, "peers", "recon_duckdb.js"), left, right, out("duckdb")], dir),
  );
  const duckFull = runs(reps, () =>
    timed(NODE, [path.join(__dirname, "peers", "recon_duckdb.js"), left, right, out("duckdb-full"), "--full"], dir),
  );
  let pandas: Measured | null = null;
  let pandasNote = "";
  try {
    pandas = runs(reps, () =>
      timed(PY, [path.join(__dirname, "peers", "recon_whole_pandas.py"), left, right, out("pandas")], dir),
    );
  } catch (e) {
    pandasNote = `pandas peer failed: ${(e as Error).message}`;
  }
  const matched = (JSON.parse(fs.readFileSync(out("bpo"), "utf8")) as { summary: { matchedLeft: number } }).summary
    .matchedLeft;
  const duckPairs = (JSON.parse(fs.readFileSync(out("duckdb"), "utf8")) as unknown[]).length;
  const full = JSON.parse(fs.readFileSync(out("duckdb-full"), "utf8")) as { matches: unknown[] };
  if (full.matches.length !== duckPairs) throw new Error("the two DuckDB runs found different pairs");
  const target = n === 200_000;
  const res: BenchResult[] = [
    {
      name: `reconcile ${label} whole process, exact pass (read 2 CSVs, match, write JSON)`,
      value: ours.seconds,
      unit: "s",
      target: target ? `<= DuckDB (${duck.seconds} s)` : undefined,
      ok: target ? ours.seconds <= duck.seconds : undefined,
      peer: { name: "DuckDB (@duckdb/node-api) join", value: duck.seconds, unit: "s" },
      note:
        `median of ${reps}; ${matched.toLocaleString("en-US")} matched (DuckDB ${duckPairs.toLocaleString("en-US")} pairs)` +
        (pandas ? `; pandas merge ${pandas.seconds} s, ${pandas.mb} MB` : `; ${pandasNote}`),
    },
    {
      name: `reconcile ${label} whole process, peak memory`,
      value: ours.mb,
      unit: "MB",
      target: target ? `<= 2 x DuckDB (${2 * duck.mb} MB)` : undefined,
      ok: target ? ours.mb <= 2 * duck.mb : undefined,
      peer: { name: "DuckDB", value: duck.mb, unit: "MB" },
      note: pandas ? `pandas ${pandas.mb} MB` : pandasNote,
    },
    {
      name: `reconcile ${label} whole process, exact pass, against DuckDB writing the same document`,
      value: ours.seconds,
      unit: "s",
      peer: {
        name: "DuckDB typed read (DATE, DECIMAL) + join + pairs and unmatched rows as JSON",
        value: duckFull.seconds,
        unit: "s",
      },
      note:
        `median of ${reps}; DuckDB peak ${duckFull.mb} MB; for comparison only (the target above is the join-only peer, ` +
        `which reads every column as text and writes the pairs alone)`,
    },
    {
      name: `reconcile ${label} whole process, all passes (default rules)`,
      value: all.seconds,
      unit: "s",
      note: `median of ${Math.min(reps, 3)}; peak ${all.mb} MB; exact, tolerance, fuzzy and group passes`,
    },
  ];
  if (pandas)
    res.push({
      name: `reconcile ${label} whole process vs pandas`,
      value: ours.seconds,
      unit: "s",
      peer: { name: "pandas read_csv + merge + to_json", value: pandas.seconds, unit: "s" },
    });
  return res;
}

/** A user's workbook with a 100,000-row invoice register. */
async function bigBook(file: string, n: number): Promise<void> {
  const rows: CellValue[][] = [["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount", "Paid"]];
  for (let i = 0; i < n; i++) {
    const d = 45658 + (i % 300);
    rows.push([`INV-${100000 + i}`, `Customer ${i % 997}`, d, d + 30, 1000 + (i % 5000), i % 3 === 0 ? 500 : 0]);
  }
  const wb = new FileWorkbook();
  wb.addUserSheet("Invoices", rows);
  await saveWorkbookFile(wb, file);
}

export async function bench(): Promise<BenchResult[]> {
  // The bin as installed: compiled (the prepare script); a stale build would run through tsx.
  execFileSync(NODE, [path.join(ROOT, "bin", "build.js")], { stdio: "inherit" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-files-bench-"));
  const out: BenchResult[] = [];
  try {
    // 4. start-up.
    const fn = Array.from({ length: 10 }, () => timed(NODE, [BIN, "fn", "GROSSPAY", "45", "20"], dir));
    const bare = Array.from({ length: 10 }, () => timed(NODE, ["-e", "0"], dir));
    const fnMs = Math.round(median(fn.map((m) => m.seconds)) * 1000);
    out.push({
      name: "bpo-desk fn GROSSPAY 45 20 (whole process)",
      value: fnMs,
      unit: "ms",
      target: "< 150 ms",
      ok: fnMs < 150,
      peer: { name: "node -e 0", value: Math.round(median(bare.map((m) => m.seconds)) * 1000), unit: "ms" },
      note: "median of 10; compiled bin (build/cli, one bundle per sub-command)",
    });

    // 1. reconcile, whole process.
    out.push(...reconcileRound(200_000, 5, dir));
    out.push(...reconcileRound(1_000_000, 3, dir));

    // 2. xlsx read of 200k rows.
    const { left } = writeCsvs(200_000, dir);
    const lines = fs.readFileSync(left, "utf8").trimEnd().split("\n");
    const rows: CellValue[][] = lines.map((l, i) => {
      const [d, r, s, a] = l.split(",");
      return i === 0 ? [d, r, s, a] : [d, r, s, Number(a)];
    });
    const book = new FileWorkbook();
    book.addUserSheet("Bank", rows);
    const xlsx = path.join(dir, "bank-200k.xlsx");
    await saveWorkbookFile(book, xlsx);
    const readScript = path.join(dir, "read.js");
    fs.writeFileSync(
      readScript,
      `const { readSource } = require(${JSON.stringify(path.join(ROOT, "build", "bench-read.js"))});` +
        `const t0 = performance.now();` +
        `readSource(process.argv[2]).then((t) => console.log(JSON.stringify({ rows: t.rows.length, seconds: (performance.now() - t0) / 1000 })));`,
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild") as typeof import("esbuild");
    await esbuild.build({
      entryPoints: [path.join(ROOT, "src", "workbook", "file-io.ts")],
      outfile: path.join(ROOT, "build", "bench-read.js"),
      bundle: true,
      platform: "node",
      format: "cjs",
      external: ["@e965/xlsx"],
      logLevel: "warning",
    });
    const ourRead = runs(3, () => timed(NODE, [readScript, xlsx], dir));
    const inProcess = JSON.parse(execFileSync(NODE, [readScript, xlsx], { encoding: "utf8" }).trim()) as {
      rows: number;
      seconds: number;
    };
    const py = spawnSync(PY, [path.join(__dirname, "peers", "xlsx_read_pandas.py"), xlsx, left], { encoding: "utf8" });
    const peer =
      py.status === 0
        ? (JSON.parse(py.stdout.trim().split("\n").pop()!) as {
            seconds: number;
            rows: number;
            engine: string;
            pandas: string;
          })
        : null;
    out.push({
      name: "read an .xlsx of 200,000 rows x 4 (whole process)",
      value: ourRead.seconds,
      unit: "s",
      peer: peer
        ? { name: `pandas ${peer.pandas} (${peer.engine})`, value: Math.round(peer.seconds * 1000) / 1000, unit: "s" }
        : undefined,
      note:
        `${inProcess.rows.toLocaleString("en-US")} rows; read alone ${Math.round(inProcess.seconds * 1000)} ms in process; peak ${ourRead.mb} MB` +
        (peer
          ? peer.engine.startsWith("csv")
            ? "; openpyxl is not installed, so pandas cannot read .xlsx: it read the same rows from CSV"
            : ""
          : `; pandas peer failed: ${py.stderr.trim().split("\n").pop()}`),
    });

    // 3. copies and --out.
    const big = path.join(dir, "register-100k.xlsx");
    await bigBook(big, 100_000);
    const report = runs(3, () =>
      timed(
        NODE,
        [BIN, "report", "aging", big, "--as-of", "2025-10-31", "--out", path.join(dir, "aging-copy.xlsx")],
        dir,
      ),
    );
    out.push({
      name: "report aging written into a copy of a 100,000-row workbook (whole process)",
      value: report.seconds,
      unit: "s",
      note: `median of 3; peak ${report.mb} MB; the register sheet is carried over as its compressed bytes`,
    });
    const { left: l100, right: r100 } = writeCsvs(100_000, dir);
    const withOut = runs(3, () =>
      timed(NODE, [BIN, "reconcile", l100, r100, "--out", path.join(dir, "recon-100k.xlsx")], dir),
    );
    out.push({
      name: "reconcile 100k x 100k --out (three sheets written, whole process): peak memory",
      value: withOut.mb,
      unit: "MB",
      target: "< 1536 MB",
      ok: withOut.mb < 1536,
      note: `median of 3; ${withOut.seconds} s; ${(fs.statSync(path.join(dir, "recon-100k.xlsx")).size / 1048576).toFixed(1)} MB written`,
    });
    const far = path.join(dir, "far.xlsx");
    fs.writeFileSync(
      far,
      handBook([
        {
          name: "Far",
          xml:
            `<row r="1"><c r="A1" t="inlineStr"><is><t>Reference</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>` +
            `<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c><c r="B2"><v>10</v></c></row>` +
            `<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`,
        },
      ]),
    );
    const farRead = timed(NODE, [readScript, far], dir);
    out.push({
      name: "read a book with one value at XFD1048576: peak memory",
      value: farRead.mb,
      unit: "MB",
      target: "< 1024 MB",
      ok: farRead.mb < 1024,
      note: `${farRead.seconds} s; 1,048,575 rows x 16,384 columns as TableData, blank rows sharing one array`,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(ROOT, "build", "bench-read.js"), { force: true });
  }
  return out;
}

if (require.main === module || process.argv[1]?.endsWith("files.bench.ts")) {
  bench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
