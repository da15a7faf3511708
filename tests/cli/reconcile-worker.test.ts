/**
 * Two large CSV files: the compiled command reads the right side on a worker thread
 * (src/cli/side-worker.ts) and must print exactly what the same command prints in process, where both
 * sides are read on one thread (under ts-jest no worker is started: __filename is a .ts file). The
 * command is built here into a folder of its own (bin/build.js), so the test never runs a stale build
 * and never races another test over build/cli. A preloaded spy records every Worker the process starts,
 * so the test knows the worker path was the one taken.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { captureIo } from "../helpers/cli-io";
import { writeCsvs } from "../../bench/files.bench";

const ROOT = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build } = require(path.join(ROOT, "bin", "build.js")) as { build: (dir: string) => Promise<boolean> };

let dir: string;
let cliDir: string;
let spyLog: string;

function compiled(args: string[]): Promise<{ code: number; stdout: string; stderr: string; workers: string[] }> {
  fs.writeFileSync(spyLog, "");
  const runner = `require(${JSON.stringify(path.join(cliDir, "main.js"))}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", path.join(dir, "spy.js"), "-e", runner, ...args],
      { cwd: dir, timeout: 120000, maxBuffer: 1 << 28, env: { ...process.env, BPO_SPY_LOG: spyLog } },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? 1) : 0;
        const workers = fs.readFileSync(spyLog, "utf8").split("\n").filter(Boolean);
        resolve({ code: typeof code === "number" ? code : 1, stdout, stderr, workers });
      },
    );
  });
}

async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo(dir);
  const code = await main(args, io);
  const lines = (xs: string[]) => xs.map((x) => `${x}\n`).join("");
  return { code, stdout: lines(io.stdout), stderr: lines(io.stderr) };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-recon-worker-"));
  cliDir = path.join(dir, "cli");
  spyLog = path.join(dir, "workers.log");
  expect(await build(cliDir)).toBe(true);
  fs.writeFileSync(
    path.join(dir, "spy.js"),
    `const wt = require("node:worker_threads");
const fs = require("node:fs");
const W = wt.Worker;
wt.Worker = class extends W {
  constructor(file, options) {
    super(file, options);
    fs.appendFileSync(process.env.BPO_SPY_LOG, require("node:path").basename(String(file)) + "\\n");
  }
};
`,
  );
  // 50,000 rows a side: above the 2 MB at which the right side is read apart.
  const { left, right } = writeCsvs(50_000, dir);
  fs.renameSync(left, path.join(dir, "bank.csv"));
  fs.renameSync(right, path.join(dir, "book.csv"));
  const book = fs.readFileSync(path.join(dir, "book.csv"), "utf8");
  // The book with a duplicated reference and amount (flagged by reference), rows that are not
  // transactions and a blank line (then it is read as rows, not lazily).
  fs.writeFileSync(
    path.join(dir, "book-footer.csv"),
    book +
      "2025-10-02,DUP77,Twice,100.00\n2025-10-03,DUP77,Twice,100.00\n\n,Opening Balance,,1000.00\n,Total,,5.00\n********,,,\nGenerated on 01/11/2025,,,\n",
  );
  // The same file with every amount unreadable: the right side cannot be reconciled.
  fs.writeFileSync(path.join(dir, "book-bad.csv"), book.replace(/,(-?\d+\.\d\d)$/gm, ",about $1"));
  fs.writeFileSync(path.join(dir, "bank-bad.csv"), book.replace(/,(-?\d+\.\d\d)$/gm, ",n/a"));
  fs.writeFileSync(path.join(dir, "exact.json"), '{"passes":{"tolerance":false,"fuzzy":false,"group":false}}');
}, 300_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("reconcile with the right side read on a worker thread", () => {
  test.each([
    ["--json, every pass", ["reconcile", "bank.csv", "book.csv", "--json"]],
    ["the text summary, exact pass", ["reconcile", "bank.csv", "book.csv", "--rules", "exact.json"]],
    ["a right side with footers, totals and a blank line", ["reconcile", "bank.csv", "book-footer.csv", "--json"]],
  ])(
    "%s: the same output as in process",
    async (_name, args) => {
      const [a, b] = await Promise.all([compiled(args), inProcess(args)]);
      expect(a.workers).toEqual(["side-worker.js"]);
      expect(a.code).toBe(0);
      expect(a.stderr).toBe(b.stderr);
      expect(a.stdout).toBe(b.stdout);
      // Both are the whole document (a JSON summary first, or a text summary last), not a message.
      expect(a.stdout.slice(0, 200) + a.stdout.slice(-600)).toMatch(
        /Matched \d[\d,]* of 50,?000 left|"matchedLeft":\d{5},/,
      );
    },
    180_000,
  );

  test("the footer rows read on the worker are listed as left out, as in process", async () => {
    const r = await compiled(["reconcile", "bank.csv", "book-footer.csv", "--json"]);
    const j = JSON.parse(r.stdout) as {
      excluded: { side: string; reason: string }[];
      duplicates: { side: string; reference: string }[];
    };
    expect(j.duplicates).toEqual([expect.objectContaining({ side: "right", reference: "DUP77" })]);
    expect(j.excluded.filter((e) => e.side === "right").map((e) => e.reason)).toEqual(
      expect.arrayContaining(["opening balance", "total", "separator", "statement footer"]),
    );
  }, 180_000);

  test.each([
    ["a right side without one readable amount", ["reconcile", "bank.csv", "book-bad.csv", "--json"]],
    ["both sides unreadable: the left one is named first", ["reconcile", "bank-bad.csv", "book-bad.csv", "--json"]],
    ["a right file that does not exist", ["reconcile", "bank.csv", "missing.csv", "--json"]],
  ])(
    "%s: the same message and exit code as in process",
    async (_name, args) => {
      const [a, b] = await Promise.all([compiled(args), inProcess(args)]);
      expect(a.code).toBe(2);
      expect(b.code).toBe(2);
      expect(a.stderr).toBe(b.stderr);
      expect(a.stdout).toBe(b.stdout);
    },
    180_000,
  );
});
