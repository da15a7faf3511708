import { main } from "../../src/cli/main";
import { jsonText, terminalSafe } from "../../src/cli/io";
import { captureIo as captureIoIn } from "../helpers/cli-io";

const captureIo = () => captureIoIn(process.cwd());

describe("bpo-desk dispatcher", () => {
  it("prints usage and exits 2 with no command, 0 with --help", async () => {
    const io = captureIo();
    expect(await main([], io)).toBe(2);
    expect(io.stdout.join("\n")).toMatch(/bpo-desk reconcile LEFT RIGHT/);
    const io2 = captureIo();
    expect(await main(["--help"], io2)).toBe(0);
  });

  it("rejects an unknown command with exit 2 and names the commands", async () => {
    const io = captureIo();
    expect(await main(["reconcil"], io)).toBe(2);
    expect(io.stderr.join("")).toMatch(/unknown command "reconcil".*demo, fn, reconcile, validate, report/);
  });

  it("rejects unknown options of a sub-command with exit 2 and lists the allowed ones", async () => {
    const io = captureIo();
    expect(await main(["demo", "--bogus"], io)).toBe(2);
    expect(io.stderr.join("")).toMatch(/--out VALUE/);
  });
});

describe("what the commands print", () => {
  it("shows control characters and escape sequences as text, never raw, JSON included", () => {
    expect(terminalSafe("Acme\u001b[31m red\r\n\tok\u009b2J\u007f")).toBe(
      "Acme\\u001B[31m red\\u000D\n\tok\\u009B2J\\u007F",
    );
    // In JSON the escapes are JSON's own: the document parses to the same text.
    const doc = { customer: "x\u009by\u007f" };
    expect(JSON.parse(terminalSafe(JSON.stringify(doc)))).toEqual(doc);
  });

  it("names where a number JSON cannot carry would be, instead of printing null", () => {
    expect(jsonText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(() => jsonText({ summary: { total: Infinity } })).toThrow(/the number Infinity at "total"/);
    expect(() => jsonText({ rows: [1, NaN] })).toThrow(/the number NaN at item 2 of "rows"/);
  });
});
