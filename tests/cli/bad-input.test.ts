/**
 * Issue 2's "Done when": bad input gets a clear one-line message and exit 2 from every command that reads
 * files — a missing file, a sheet that does not exist, a corrupt .xlsx, an empty sheet — and nothing is written.
 */
import { mkdtempSync, writeFileSync, readdirSync, existsSync } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { captureIo } from "../helpers/cli-io";

const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-bad-input-"));

const io = () => captureIo(dir);

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Invoices").addRows([
    ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount", "Paid"],
    ["INV-1", "Acme", 45900, 45930, 1000, 0],
  ]);
  wb.addWorksheet("Empty");
  await wb.xlsx.writeFile(path.join(dir, "book.xlsx"));
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet("Sheet1");
  await empty.xlsx.writeFile(path.join(dir, "empty.xlsx"));
  writeFileSync(path.join(dir, "corrupt.xlsx"), "PK\u0003\u0004 this is not really a zip");
  writeFileSync(path.join(dir, "ledger.csv"), "Date,Voucher No,Particulars,Debit,Credit\n2025-10-01,V1,x,100,\n");
});

const CASES: { what: string; source: string; message: RegExp }[] = [
  { what: "a missing file", source: "nope.xlsx", message: /not found.*nope\.xlsx|nope\.xlsx.*not found/i },
  { what: "a sheet that does not exist", source: "book.xlsx#Invoicez", message: /Invoicez.*(Invoices)/s },
  { what: "a corrupt .xlsx", source: "corrupt.xlsx", message: /corrupt\.xlsx/ },
  { what: "an empty sheet", source: "book.xlsx#Empty", message: /Empty.*(empty|header)/i },
];

const COMMANDS: { name: string; argv: (src: string) => string[] }[] = [
  { name: "validate", argv: (src) => ["validate", src, "--schema", "invoices", "--json"] },
  { name: "reconcile", argv: (src) => ["reconcile", src, "ledger.csv", "--json"] },
  { name: "report", argv: (src) => ["report", "aging", src, "--as-of", "2025-10-31", "--json"] },
];

describe.each(COMMANDS)("bpo-desk $name on bad input", ({ name, argv }) => {
  test.each(CASES)(
    "$what: exit 2, one line on stderr saying what to fix, nothing written",
    async ({ source, message }) => {
      // `report` takes a BOOK, not a SOURCE: its inputs are found by name or headers, so a missing sheet is a
      // book without the input table, and an empty sheet is a book with nothing in it.
      if (name === "report" && source === "book.xlsx#Invoicez") return reportMissingInput();
      if (name === "report" && source === "book.xlsx#Empty") source = "empty.xlsx";
      const before = readdirSync(dir).sort();
      const c = io();
      expect(await main(argv(source), c)).toBe(2);
      expect(c.stdout.join("")).toBe("");
      const err = c.stderr.join("\n").trim();
      expect(err.split("\n")).toHaveLength(1);
      expect(err).toMatch(new RegExp(`^bpo-desk ${name}: `));
      expect(err).toMatch(name === "report" && source === "empty.xlsx" ? /Invoice No.*Amount/ : message);
      expect(readdirSync(dir).sort()).toEqual(before);
      expect(existsSync(path.join(dir, "out"))).toBe(false);
    },
  );
});

/** report on a book that lacks the input: exit 2 naming the headers it looked for. */
async function reportMissingInput(): Promise<void> {
  const c = io();
  expect(await main(["report", "payroll", "book.xlsx", "--json"], c)).toBe(2);
  expect(c.stdout.join("")).toBe("");
  expect(c.stderr.join("\n")).toMatch(/^bpo-desk report: .*Employee ID/);
}
