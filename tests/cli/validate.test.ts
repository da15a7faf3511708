/**
 * `bpo-desk validate` through the real command (child_process): exit codes, the --json document,
 * the --out workbook, and the input left unchanged.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateSample, sampleSheets } from "../../src/core/sample";
import { FileWorkbook } from "../../src/workbook/file";
import { saveWorkbookFile } from "../../src/workbook/file-io";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "bin", "bpo-desk.js");
function bpo(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

const INVOICES_CSV = [
  "Invoice No,Customer,Customer GSTIN,Invoice Date,Due Date,Amount,Paid",
  'INV-1,Acme Retail,27AAPFU0939F1ZV,15/03/2025,14/04/2025,"1,23,456.50",0',
  "INV-2,Acme Retail,27AAPFU0939F1ZZ,15/03/2025,01/03/2025,1000,1200",
  ",,,,,,",
  "INV-1,=HYPERLINK(1),27AAAPL1234C1Z,31/02/2025,,abc,",
  "INV-4,Beta Foods,,10/03/2025,09/04/2025,500,",
].join("\r\n");

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-validate-"));
  fs.writeFileSync(path.join(dir, "invoices.csv"), INVOICES_CSV);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("bpo-desk validate", () => {
  it("--json prints exactly the contract's document, exits 0 with invalid rows, writes nothing, leaves the input alone", () => {
    const before = sha(path.join(dir, "invoices.csv"));
    const r = bpo(dir, "validate", "invoices.csv", "--schema", "invoices", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(["rows", "valid", "invalid"]);
    // Rows: 5 data lines, one blank (line 4) -> 4 rows; INV-1 (row 2) and INV-4 (row 6) are clean.
    expect(doc.rows).toBe(4);
    expect(doc.valid).toBe(2);
    for (const f of doc.invalid) expect(Object.keys(f)).toEqual(["row", "column", "value", "message"]);
    expect(doc.invalid.map((f: { row: number; column: string }) => `${f.row} ${f.column}`)).toEqual([
      "3 Customer GSTIN",
      "3 Due Date",
      "3 Paid",
      "5 Invoice No",
      "5 Customer GSTIN",
      "5 Invoice Date",
      "5 Amount",
      "5 Due Date",
    ]);
    expect(doc.invalid[0]).toEqual({
      row: 3,
      column: "Customer GSTIN",
      value: "27AAPFU0939F1ZZ",
      message: "Customer GSTIN 27AAPFU0939F1ZZ: check character should be 'V', got 'Z' — re-check the last character",
    });
    expect(doc.invalid[4].value).toBe("27AAAPL1234C1Z");
    expect(sha(path.join(dir, "invoices.csv"))).toBe(before);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("prints a human summary and writes out/validate.xlsx with highlights and the Data Quality sheet", async () => {
    const r = bpo(dir, "validate", "invoices.csv", "--schema", "invoices");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/invoices\.csv checked as Invoices: 4 rows, 2 valid, 2 with issues \(8 issues\)/);
    expect(r.stdout).toMatch(/row 3, Due Date: Due Date 2025-03-01 is before Invoice Date 2025-03-15/);
    const out = path.join(dir, "out", "validate.xlsx");
    const wb = await FileWorkbook.fromXlsx(fs.readFileSync(out));
    const names = (await wb.sheets()).map((s) => [s.name, s.role]);
    expect(names).toEqual([
      ["invoices", null],
      ["Data Quality", "report:quality"],
    ]);
    const cfs = wb.highlightsOf("invoices");
    expect(cfs.flatMap((c) => c.sqref.split(" ")).sort()).toEqual(["A5", "C3", "C5", "D5", "E3", "E5", "F5", "G3"]);
    // Formula-looking text from the CSV stays text in the copy.
    expect((await wb.read("invoices")).rows[3][1]).toBe("=HYPERLINK(1)");
  });

  it("reads book.xlsx#Table and detects nothing wrong in the sample invoices", async () => {
    const wb = new FileWorkbook();
    for (const s of sampleSheets(generateSample())) await wb.write(s);
    const book = path.join(dir, "book.xlsx");
    await saveWorkbookFile(wb, book);
    const before = sha(book);
    const r = bpo(dir, "validate", "book.xlsx#Invoices", "--schema", "invoices", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ rows: 300, valid: 300, invalid: [] });
    const e = bpo(dir, "validate", "book.xlsx#Employees", "--json"); // schema detected from the headers
    expect(JSON.parse(e.stdout)).toEqual({ rows: 50, valid: 50, invalid: [] });
    expect(sha(book)).toBe(before);
  });

  it("takes a JSON schema file and a date order", () => {
    fs.writeFileSync(
      path.join(dir, "vendors.json"),
      JSON.stringify({
        columns: [
          { column: "Vendor", type: "text", required: true },
          { column: "Bill Date", type: "date", required: true },
          { column: "IFSC", type: "ifsc" },
        ],
      }),
    );
    fs.writeFileSync(
      path.join(dir, "vendors.csv"),
      "Vendor,Bill Date,IFSC\nSharp,03/31/2025,SBIN0000300\nSwift,31/03/2025,SBIN1000300\n",
    );
    const r = bpo(dir, "validate", "vendors.csv", "--schema", "vendors.json", "--date-order", "MDY", "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.invalid.map((f: { row: number; column: string }) => `${f.row} ${f.column}`)).toEqual([
      "3 Bill Date",
      "3 IFSC",
    ]);
  });

  it.each([
    [["validate", "invoices.csv", "--schema", "invoice"], /unknown schema "invoice". Use one of invoices, payments/],
    [["validate", "missing.csv", "--schema", "invoices"], /File not found/],
    [["validate", "--schema", "invoices"], /give exactly one SOURCE/],
    [["validate", "invoices.csv", "--schema", "bank"], /none of the Bank statement columns/],
    [["validate", "invoices.csv", "--schema", "nope.json"], /schema file not found: nope.json/],
    [["validate", "invoices.csv", "--schema", "invoices", "--date-order", "DDMM"], /--date-order takes DMY/],
    [["validate", "invoices.csv", "--bogus"], /Options: --schema VALUE/],
  ])("exits 2 with one line that says what to fix: %j", (args, message) => {
    const r = bpo(dir, ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });

  it("exits 2 on a schema file that is not valid, naming the problem", () => {
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ columns: [{ column: "A", type: "monie" }] }));
    const r = bpo(dir, "validate", "invoices.csv", "--schema", "bad.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json is not a valid schema: columns\[0\]\.type: "monie" is not a type/);
  });
});
