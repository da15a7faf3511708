/** `bpo-desk fn` as a user runs it: the real bin in a child process (exit codes and stdout JSON per cli.md). */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { parseArg } from "../../src/cli/fn";

const BIN = path.join(__dirname, "../../bin/bpo-desk.js");

function fn(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, "fn", ...args], { timeout: 60000 }, (e, stdout, stderr) => {
      const code = e ? (typeof (e as { code?: unknown }).code === "number" ? (e as { code: number }).code : -1) : 0;
      resolve({ code, out: stdout.trim(), err: stderr.trim() });
    });
  });
}

describe("bpo-desk fn (child process)", () => {
  test("a number result, name case-insensitive with the BPO. prefix (29 CFR 778.110(b): 637)", async () => {
    const r = await fn("bpo.grosspay", "46", "12", "40", "1.5", "46");
    expect(r).toMatchObject({ code: 0, out: "637" });
  });
  test("ISO dates become serials and GST spills a row", async () => {
    const r = await fn("GST", "10000", "0.18", "MH", "KA", "2025-10-01");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([[0, 0, 1800]]);
  });
  test("a range as JSON rows, and an empty string for an omitted optional", async () => {
    expect((await fn("SLABTAX", "500000", "[[0,0],[250000,0.05],[500000,0.2]]")).out).toBe("12500");
    expect((await fn("EPF", "20000", "", "FALSE")).out).toBe("2400");
  });
  test("a function error prints {error, message} and exits 1", async () => {
    const r = await fn("GST", "10000", "18", "MH", "KA");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      error: "#VALUE!",
      message: "rate: expected a percentage between 0 and 1, got 18 — did you mean 18%?",
    });
  });
  test("an unknown function exits 2 with the list of names", async () => {
    const r = await fn("NOPE", "1");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown function "NOPE".*GROSSPAY.*DPMO/);
  });
});

describe("argument parsing (in-process)", () => {
  test("numbers, booleans, dates, timestamps, ranges, omitted, text", () => {
    expect(parseArg("45")).toBe(45);
    expect(parseArg("-1.5e2")).toBe(-150);
    expect(parseArg("true")).toBe(true);
    expect(parseArg("2025-03-31")).toBe(45747);
    expect(parseArg("2025-03-31T18:00")).toBe(45747.75);
    expect(parseArg("[[0,0],[400000,0.05]]")).toEqual([
      [0, 0],
      [400000, 0.05],
    ]);
    expect(parseArg("[1,2,3]")).toEqual([[1, 2, 3]]);
    expect(parseArg("")).toBeNull();
    expect(parseArg("MH")).toBe("MH");
    expect(parseArg("2/10 NET 30")).toBe("2/10 NET 30");
  });
});
