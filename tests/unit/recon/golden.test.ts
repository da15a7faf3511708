/**
 * `bpo-desk reconcile` prints byte for byte what it printed before the performance work (issue 13): the
 * same stdout (the --json document or the human summary), the same stderr and exit code, on generated
 * inputs (seeded datasets in several spellings, exact, tolerance, fuzzy and group cases, the benchmark's
 * shape, the dialects banks export) and on every ordered pair of the corpus statements.
 * golden.json holds the SHA-256 of each case's output as the code at commit 73a7e2d printed it
 * (GOLDEN_WRITE=1 rewrites it: only ever on that code).
 * The command runs in process here (main, as the bin calls it); tests/cli runs the bin through real pipes.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../../src/cli/main";
import { captureIo } from "../../helpers/cli-io";
import { writeGoldenCases, type GoldenCase } from "./golden-cases";

const GOLDEN = path.join(__dirname, "golden.json");
const CORPUS = path.resolve(__dirname, "..", "..", "..", "..", "shared", "corpus", "statements");

async function digest(c: GoldenCase, cwd: string): Promise<string> {
  const io = captureIo(cwd);
  const code = await main(c.args, io);
  // GOLDEN_DUMP=folder keeps each output, to compare two runs by eye.
  const dump = process.env.GOLDEN_DUMP;
  if (dump)
    fs.writeFileSync(
      path.join(dump, c.name.replace(/[^\w.-]+/g, "_") + ".txt"),
      `${code}\n${io.stdout.join("\n")}\n--- stderr\n${io.stderr.join("\n")}\n`,
    );
  return createHash("sha256")
    .update(`${code}\u0000${io.stdout.join("\n")}\u0000${io.stderr.join("\n")}`)
    .digest("hex");
}

describe("reconcile output is byte-identical to the code before the performance work", () => {
  let dir: string;
  let cases: GoldenCase[];
  const golden: Record<string, string> = fs.existsSync(GOLDEN) ? JSON.parse(fs.readFileSync(GOLDEN, "utf8")) : {};
  const got: Record<string, string> = {};
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-golden-"));
    cases = writeGoldenCases(dir);
  });
  afterAll(() => {
    if (process.env.GOLDEN_WRITE === "1") fs.writeFileSync(GOLDEN, JSON.stringify(got, null, 1) + "\n");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("generated inputs", async () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const h = await digest(c, dir);
      got[c.name] = h;
      if (process.env.GOLDEN_WRITE !== "1" && golden[c.name] !== h) wrong.push(c.name);
    }
    expect(cases.length).toBeGreaterThan(150);
    expect(wrong).toEqual([]);
  });

  test("every ordered pair of the corpus statements", async () => {
    const corpus = fs.readdirSync(CORPUS).sort();
    expect(corpus.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const a of corpus)
      for (const b of corpus) {
        const c = { name: `corpus ${a} ${b}`, args: ["reconcile", a, b, "--json"] };
        const h = await digest(c, CORPUS);
        got[c.name] = h;
        if (process.env.GOLDEN_WRITE !== "1" && golden[c.name] !== h) wrong.push(c.name);
      }
    expect(wrong).toEqual([]);
  });
});
