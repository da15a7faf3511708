/**
 * `bpo-desk fn` as a user runs it: the real bin in a child process (exit codes and stdout JSON per cli.md), and the
 * argument reading in-process: cli.md's tokens, then the parameter types of the metadata (functions.json) as Excel
 * converts them.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { main } from "../../src/cli/main";
import { parseArg } from "../../src/cli/fn";
import { captureIo } from "../helpers/cli-io";

const BIN = path.join(__dirname, "../../bin/bpo-desk.js");

function fn(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, "fn", ...args], { timeout: 60000 }, (e, stdout, stderr) => {
      const code = e ? (typeof (e as { code?: unknown }).code === "number" ? (e as { code: number }).code : -1) : 0;
      resolve({ code, out: stdout.trim(), err: stderr.trim() });
    });
  });
}

/** The same command in-process: exit code, stdout and stderr. */
async function fnIn(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(process.cwd());
  const code = await main(["fn", ...args], io);
  return { code, out: io.stdout.join("\n").trim(), err: io.stderr.join("\n").trim() };
}

describe("bpo-desk fn (child process)", () => {
  test("a number result, name case-insensitive with the BPO. prefix (29 CFR 778.110(b): 637)", async () => {
    const r = await fn("bpo.grosspay", "46", "12", "40", "1.5", "46");
    expect(r).toMatchObject({ code: 0, out: "637" });
  });
  test("ISO dates become serials and GST spills a row; 28% stays valid to 2026-01-31 for Schedule VII goods", async () => {
    const r = await fn("GST", "10000", "0.18", "MH", "KA", "2025-10-01");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([[0, 0, 1800]]);
    expect(JSON.parse((await fn("GST", "1000", "0.28", "MH", "KA", "2025-10-01")).out)).toEqual([[0, 0, 280]]);
  });
  test("the weekend mask 0000011 is text, not the number 11: Fri 16:00 to Mon 11:00 is 4 hours, and the SLA is met", async () => {
    const w = await fn("WORKHOURS", "2025-10-03T16:00", "2025-10-06T11:00", "09:00", "18:00", "", "0000011");
    expect(w).toMatchObject({ code: 0, out: "4" });
    const s = await fn("SLAMET", "2025-10-03T16:00", "2025-10-06T11:00", "4", "09:00", "18:00", "", "0000011");
    expect(s).toMatchObject({ code: 0, out: "true" });
  });
  test("1e308 and a divisor of 1e-320 are #NUM! with exit 1, never null", async () => {
    const r = await fn("GROSSPAY", "1e308", "20");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      error: "#NUM!",
      message:
        "hours, rate, multiplier and bonus: the result is beyond the largest number a cell can hold (about 1.8E+308); check their size",
    });
    const p = await fn("PRORATE", "1", "1", "1e-320");
    expect(p.code).toBe(1);
    expect(JSON.parse(p.out).error).toBe("#NUM!");
  });
  test("an impossible time is bad usage (exit 2), not rolled over into the next day", async () => {
    const r = await fn("DUEDATE", "2025-10-01T25:99", "NET 30");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/"2025-10-01T25:99" looks like a date but is not a real one/);
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

describe("bpo-desk fn: the issue's cases, in-process", () => {
  const value = async (...args: string[]) => {
    const r = await fnIn(...args);
    expect([r.code, r.err]).toEqual([0, ""]);
    return JSON.parse(r.out);
  };
  const error = async (...args: string[]) => {
    const r = await fnIn(...args);
    expect(r.code).toBe(1);
    return JSON.parse(r.out) as { error: string; message: string };
  };
  test("ranges as JSON rows, an empty string for an omitted optional", async () => {
    expect(await value("SLABTAX", "500000", "[[0,0],[250000,0.05],[500000,0.2]]")).toBe(12500);
    expect(await value("EPF", "20000", "", "FALSE")).toBe(2400);
  });
  test("NETPAY's repeating deductions: values and ranges", async () => {
    expect(await value("NETPAY", "50000", "1800", "200")).toBe(48000);
    expect(await value("NETPAY", "50000", "[[1800,200],[null,5000]]", "0")).toBe(43000);
    expect(await value("NETPAY", "50000")).toBe(50000);
  });
  test("weekend masks and numbers as NETWORKDAYS.INTL: 0000111 and 1111111 are masks, 11 is Sunday only", async () => {
    const span = ["2025-10-03T16:00", "2025-10-06T11:00", "09:00", "18:00", ""];
    expect(await value("WORKHOURS", ...span, "0000111")).toBe(2);
    expect(await value("WORKHOURS", ...span, "1111111")).toBe(0);
    expect(await value("WORKHOURS", ...span, "11")).toBe(13);
    expect(await value("SLAMET", "2025-10-03T16:00", "2025-10-06T11:00", "0", "", "", "", "1111111")).toBe(true);
    expect((await error("WORKHOURS", ...span, "8")).error).toBe("#NUM!");
  });
  test("INCOMETAX rounds the income off to ten rupees first (s.288A); PROFTAX takes the YYYY-MM month", async () => {
    expect(await value("INCOMETAX", "1300033")).toBe(78000);
    expect(await value("INCOMETAX", "1000000")).toBe(await value("INCOMETAX", "1000000.00"));
    expect(await value("PROFTAX", "30000", "MH", "2026-02")).toBe(300);
    expect(await value("PROFTAX", "30000", "MH", "2026-03")).toBe(200);
  });
  test("numbers no calculation can take are #NUM! naming the parameter, for every function the issue lists", async () => {
    const cases: [string, ...string[]][] = [
      ["GROSSPAY", "1e308", "20"],
      ["PRORATE", "1e308", "20", "1"],
      ["PRORATE", "1", "1", "1e-320"],
      ["DSO", "1", "1e-320"],
      ["LINEAMOUNT", "1e308", "20"],
      ["FEDWITHHOLDING", "1e308", "1", "single", "2026", "FALSE", "0", "0", "0", "1.5e308"],
      ["FICA", "1e999", "0", "2026"],
      ["TAXFROMGROSS", "1e999", "0.18"],
      ["EARLYPAY", "1e999", "NET 30", "2025-01-01", "2025-01-02"],
      ["LATEINTEREST", "1e999", "2025-01-01", "2025-12-31", "1"],
      ["INVOICETAX", "[[1e308,1e308]]", "1", "total"],
      ["GST", "1e999", "0.18", "MH", "KA", "2025-10-01"],
    ];
    for (const [name, ...args] of cases) {
      const e = await error(name, ...args);
      expect([name, e.error]).toEqual([name, "#NUM!"]);
      expect(e.message).toMatch(/^[a-zA-Z, ]+[\w\]]*( value \d+)?:/);
    }
    // A large result that a cell can hold is given, not refused: 1e308 x 40% is 4e307, 1e308 x 52 / 52 is 1e308 x 37%.
    expect(await value("GST", "1e308", "0.4", "MH", "KA", "2025-10-01")).toEqual([[0, 0, 4e307]]);
    expect(await value("FEDWITHHOLDING", "1e308", "52", "single")).toBe(3.7e307);
    expect(await error("TAXFROMGROSS", "1e999", "0.18")).toEqual({
      error: "#NUM!",
      message: "grossAmount: expected a finite number, got Infinity",
    });
  });
  test("ROUNDMONEY: 1e308 is itself (no BigInt crash); past 2^53 a number is already whole, so it comes back", async () => {
    expect(await value("ROUNDMONEY", "1e308")).toBe(1e308);
    expect(await value("ROUNDMONEY", "1e21")).toBe(1e21);
    expect(await value("ROUNDMONEY", "9007199254740993")).toBe(9007199254740992);
  });
  test("SLABTAX refuses a negative lower bound; DUEDATE refuses serial 0, as its message says dates start at 1", async () => {
    expect(await error("SLABTAX", "100", "[[-5,0.1]]")).toMatchObject({ error: "#NUM!" });
    expect(await error("DUEDATE", "0", "NET 30")).toEqual({
      error: "#NUM!",
      message: "invoiceDate: expected a date (an Excel serial from 1 to 2958465), got 0",
    });
  });
  test("--45 is not 45: text given to a number parameter is #VALUE! as Excel converts it", async () => {
    expect(await error("GROSSPAY", "--45", "10")).toEqual({
      error: "#VALUE!",
      message: 'hours: expected a number, got "--45"',
    });
  });
  test("a text-typed parameter stays text, a quoted token is text, a number parameter reads numeric text", async () => {
    // regime is a string parameter: 2025 becomes the text "2025"
    expect((await error("INCOMETAX", "100", "2025")).message).toMatch(/^regime: unknown regime "2025"/);
    // a quoted "18" is text; a number parameter converts numeric text as Excel does: 18, not 18%
    expect((await error("GST", "10000", '"18"', "MH", "KA")).message).toMatch(/got 18 — did you mean 18%\?/);
    expect(await value("GST", "10000", '"18%"', "MH", "KA", "2025-10-01")).toEqual([[0, 0, 1800]]);
    // state codes with leading zeros stay text: 07 is Delhi
    expect(await value("GST", "10000", "0.18", "07", "DL", "2025-10-01")).toEqual([[900, 900, 0]]);
  });
  test("too few or too many arguments: bad usage with the signature", async () => {
    const r = await fnIn("GST", "10000", "0.18", "MH");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/GST needs at least 4 argument\(s\), got 3: BPO\.GST\(taxableValue, rate, supplierState/);
    expect((await fnIn("PRORATE", "1", "2", "3", "4")).err).toMatch(/PRORATE takes at most 3 argument\(s\)/);
  });
});

describe("argument parsing (in-process)", () => {
  test("numbers, booleans, dates, timestamps, ranges, omitted, text", () => {
    expect(parseArg("45")).toBe(45);
    expect(parseArg("-1.5e2")).toBe(-150);
    expect(parseArg("0")).toBe(0);
    expect(parseArg("0.5")).toBe(0.5);
    expect(parseArg("true")).toBe(true);
    expect(parseArg("2025-03-31")).toBe(45747);
    expect(parseArg("2025-03-31T18:00")).toBe(45747.75);
    expect(parseArg("[[0,0],[400000,0.05]]")).toEqual([
      [0, 0],
      [400000, 0.05],
    ]);
    expect(parseArg("[1,2,3]")).toEqual([[1, 2, 3]]);
    expect(parseArg("")).toBeUndefined();
    expect(parseArg("MH")).toBe("MH");
    expect(parseArg("2/10 NET 30")).toBe("2/10 NET 30");
  });
  test("leading zeros and double quotes make text; --45 is text too", () => {
    expect(parseArg("0000011")).toBe("0000011");
    expect(parseArg("1111111")).toBe("1111111");
    expect(parseArg("1000000")).toBe("1000000"); // a mask; INCOMETAX 1000000 still reads it as the number
    expect(parseArg("11111111")).toBe(11111111);
    expect(parseArg("07")).toBe("07");
    expect(parseArg('"18"')).toBe("18");
    expect(parseArg('"TRUE"')).toBe("TRUE");
    expect(parseArg("--45")).toBe("--45");
    expect(parseArg("2026-02")).toBe("2026-02");
  });
  test("impossible dates and times are bad usage", () => {
    for (const bad of ["2025-10-01T25:99", "2025-10-01T24:00", "2025-10-01T12:60", "2025-02-30", "2025-13-01"])
      expect(() => parseArg(bad)).toThrow(/looks like a date but is not a real one/);
  });
});
