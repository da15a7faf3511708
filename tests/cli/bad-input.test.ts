/**
 * Issue 2's "Done when": bad input gets a clear one-line message and exit 2 from every command that reads
 * files — a missing file, a sheet that does not exist, a corrupt .xlsx, an empty sheet — and nothing is written.
 */
import { spawn, spawnSync } from "child_process";
import { createHash } from "crypto";
import {
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { FileWorkbook } from "../../src/workbook/file";
import { saveWorkbookFile } from "../../src/workbook/file-io";
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

/** The command as a user runs it: a child process, its stdout and stderr through real pipes. */
const BIN = path.resolve(__dirname, "../../bin/bpo-desk.js");
function run(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const sha = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");

describe("--out never overwrites an input: compared by file identity and real path", () => {
  let base: string;
  beforeAll(async () => {
    base = mkdtempSync(path.join(os.tmpdir(), "bpo-out-identity-"));
    mkdirSync(path.join(base, "data"));
    const wb = new FileWorkbook();
    wb.addUserSheet("Invoices", [
      ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount", "Paid"],
      ["INV-1", "Acme", 45900, 45930, 1000, 0],
    ]);
    await saveWorkbookFile(wb, path.join(base, "data", "book.xlsx"));
    writeFileSync(
      path.join(base, "data", "ledger.csv"),
      "Date,Voucher No,Particulars,Debit,Credit\n2025-10-01,V1,x,100,\n",
    );
    symlinkSync(path.join(base, "data"), path.join(base, "linked"));
    linkSync(path.join(base, "data", "book.xlsx"), path.join(base, "hardlink.xlsx"));
    symlinkSync(path.join(base, "data", "book.xlsx"), path.join(base, "symlink.xlsx"));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test.each([
    ["a symlinked folder", ["reconcile", "data/book.xlsx", "data/ledger.csv", "--out", "linked/book.xlsx"]],
    ["a hard link", ["reconcile", "data/book.xlsx", "data/ledger.csv", "--out", "hardlink.xlsx"]],
    ["a symlink to the file", ["report", "aging", "data/book.xlsx", "--as-of", "2025-10-31", "--out", "symlink.xlsx"]],
    [
      "a path through ..",
      ["validate", "data/book.xlsx", "--schema", "invoices", "--out", "data/../linked/./book.xlsx"],
    ],
  ])("%s: refused with exit 2, the input unchanged", (_what, argv) => {
    const before = sha(path.join(base, "data", "book.xlsx"));
    const r = run(base, ...argv);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--out .* is the input data\/book\.xlsx.*choose another file name/);
    expect(sha(path.join(base, "data", "book.xlsx"))).toBe(before);
  });
});

describe("filesystem problems are one line that says what to fix, never an error code", () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(path.join(os.tmpdir(), "bpo-fs-problems-"));
    writeFileSync(path.join(base, "ledger.csv"), "Date,Voucher No,Particulars,Debit,Credit\n2025-10-01,V1,x,100,\n");
    writeFileSync(path.join(base, "bank.csv"), "Date,Narration,Ref No,Withdrawal,Deposit\n2025-10-01,x,V1,,100\n");
    writeFileSync(path.join(base, "afile"), "x");
    mkdirSync(path.join(base, "taken.xlsx"));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test.each([
    ["the output is a folder", "taken.xlsx", /Cannot write \S*taken\.xlsx: it is a folder, not a file/],
    [
      "a folder on the path is a file",
      "afile/out.xlsx",
      /Cannot create the folder for \S*afile\/out\.xlsx: something is in the way/,
    ],
    ["the name is too long", `${"n".repeat(300)}.xlsx`, /too long\. Use a shorter name/],
  ])("%s", (_what, out, message) => {
    const r = run(base, "reconcile", "bank.csv", "ledger.csv", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bE[A-Z]{3,}\b/);
  });
});

describe("output through a pipe and onto a terminal", () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(path.join(os.tmpdir(), "bpo-pipe-"));
    const lines = ["Date,Reference,Description,Amount"];
    for (let i = 0; i < 3000; i++)
      lines.push(`2025-10-${String(1 + (i % 28)).padStart(2, "0")},UTR${100000 + i},NEFT ${i},${(i + 1) * 10}.50`);
    writeFileSync(path.join(base, "left.csv"), lines.join("\n"));
    writeFileSync(path.join(base, "right.csv"), lines.join("\n"));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test("a JSON document larger than a pipe's buffer arrives whole to a reader that starts late", async () => {
    const child = spawn(process.execPath, [BIN, "reconcile", "left.csv", "right.csv", "--json"], { cwd: base });
    child.stdout.pause();
    const code = new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
    await new Promise((r) => setTimeout(r, 1500));
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stdout.resume();
    expect(await code).toBe(0);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text.length).toBeGreaterThan(65536);
    const doc = JSON.parse(text);
    expect(doc.summary).toMatchObject({ left: 3000, right: 3000, matchedLeft: 3000 });
  });

  test("a reader that stops early (`| head -c 100`) ends the command quietly: no EPIPE stack on stderr", async () => {
    const child = spawn(process.execPath, [BIN, "reconcile", "left.csv", "right.csv", "--json"], { cwd: base });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const code = new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
    // The reader takes one chunk and closes its end of the pipe, as head does.
    const first = await new Promise<Buffer>((resolve) => child.stdout.once("data", resolve));
    child.stdout.destroy();
    expect(first.toString("utf8").startsWith('{"summary"')).toBe(true);
    expect(await code).toBe(0);
    expect(stderr).toBe("");
  });

  test("control characters and escape sequences in cells are kept in the copy, never printed raw", async () => {
    const esc = "\u001b[2J\u001b]0;pwned\u0007";
    writeFileSync(
      path.join(base, "inv.csv"),
      `Invoice No,Customer,Invoice Date,Due Date,Amount,Paid\nINV-1,Acme${esc},2025-10-01,2025-10-31,${esc}100,0\n`,
    );
    const r = run(base, "validate", "inv.csv", "--schema", "invoices", "--out", "checked.xlsx");
    expect(r.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain("\\u001B[2J");
    const copy = await FileWorkbook.fromXlsx(readFileSync(path.join(base, "checked.xlsx")));
    expect((await copy.read("inv")).rows[0][1]).toBe(`Acme${esc}`);
  });
  test("reconcile --json printed as bytes: control characters in cells escaped, the same text as in process", async () => {
    // The JSON document goes to stdout as UTF-8 bytes made terminal-safe by the engine's writer, not
    // through terminalSafe: an amount cell with ESC, CSI (C1) and DEL comes back in an excluded row's reason.
    const bad = "12\u001b[2J\u009b5m\u007fx";
    const head = "Date,Reference,Amount\n2025-10-01,UTR111,100.00\n";
    writeFileSync(path.join(base, "cl.csv"), `${head}2025-10-02,UTR222,${bad}\n2025-10-03,UTR333,300.00\n`);
    writeFileSync(path.join(base, "cr.csv"), `${head}2025-10-03,UTR333,300.00\n`);
    const r = run(base, "reconcile", "cl.csv", "cr.csv", "--json");
    expect(r.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout.endsWith("}\n")).toBe(true);
    expect(JSON.parse(r.stdout).excluded[0].reason).toContain(`"${bad}"`);
    const c = captureIo(base);
    expect(await main(["reconcile", "cl.csv", "cr.csv", "--json"], c)).toBe(0);
    expect(r.stdout).toBe(c.stdout.join("") + "\n");
  });
});

describe("what the hostile run found", () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(path.join(os.tmpdir(), "bpo-hostile-"));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  test("a sheet named with spaces around it is found as listed", async () => {
    const wb = new FileWorkbook();
    wb.addUserSheet(" Ledger ", [
      ["Date", "Voucher No", "Particulars", "Debit", "Credit"],
      ["2025-10-01", "V1", "x", 100, null],
    ]);
    await saveWorkbookFile(wb, path.join(base, "spaced.xlsx"));
    writeFileSync(path.join(base, "bank.csv"), "Date,Narration,Ref No,Withdrawal,Deposit\n2025-10-01,x,V1,,100\n");
    const c = captureIo(base);
    expect(await main(["reconcile", "bank.csv", "spaced.xlsx# Ledger ", "--json"], c)).toBe(0);
    expect(JSON.parse(c.stdout.join("")).summary).toMatchObject({ matchedLeft: 1, matchedRight: 1 });
  });

  test("a German bank export (';', decimal commas) reconciles; it used to be 'merged header cells?'", async () => {
    writeFileSync(
      path.join(base, "konto.csv"),
      "Buchungstag;Verwendungszweck;Referenz;Betrag\n01.10.2025;Miete;V1;-1.234,56\n",
    );
    writeFileSync(
      path.join(base, "book.csv"),
      "Date,Voucher No,Particulars,Debit,Credit\n2025-10-01,V1,rent,,1234.56\n",
    );
    // German headers are the rules file's to name (column detection is the engine's); the file itself reads as is.
    writeFileSync(
      path.join(base, "de.json"),
      JSON.stringify({
        left: { date: "Buchungstag", amount: "Betrag", reference: "Referenz", description: "Verwendungszweck" },
      }),
    );
    const c = captureIo(base);
    expect(await main(["reconcile", "konto.csv", "book.csv", "--rules", "de.json", "--json"], c)).toBe(0);
    expect(c.stderr.join("\n")).not.toMatch(/merged header/);
    expect(JSON.parse(c.stdout.join("")).summary).toMatchObject({ left: 1, matchedLeft: 1 });
  });

  test("a tampered Recon State sheet is named in the message", async () => {
    const wb = new FileWorkbook();
    wb.addUserSheet("Bank", [
      ["Date", "Narration", "Ref No", "Withdrawal", "Deposit", "Balance"],
      ["2025-10-01", "x", "V1", null, 100, 100],
    ]);
    wb.addUserSheet("Ledger", [
      ["Date", "Voucher No", "Particulars", "Debit", "Credit"],
      ["2025-10-01", "V1", "x", 100, null],
    ]);
    await wb.write({
      name: "Recon State",
      role: "recon:state",
      rows: [
        ["bpo-desk reconciliation state (the add-in reads this sheet; do not edit)"],
        ['{"version":1,"left":"Bank","right":'],
      ],
      hidden: true,
    });
    await saveWorkbookFile(wb, path.join(base, "tampered.xlsx"));
    const c = captureIo(base);
    expect(await main(["report", "recon", "tampered.xlsx", "--json"], c)).toBe(2);
    expect(c.stderr.join("\n")).toMatch(
      /^bpo-desk report: The add-in's sheet "Recon State" was edited and cannot be used .*delete that sheet/,
    );
  });

  test("a number a cell cannot hold (1e999 in the file) is named, not turned into null", async () => {
    const { handBook } = await import("../helpers/xlsx-parts");
    writeFileSync(
      path.join(base, "inf.xlsx"),
      handBook([
        {
          name: "Ledger",
          xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Voucher No</t></is></c><c r="C1" t="inlineStr"><is><t>Particulars</t></is></c><c r="D1" t="inlineStr"><is><t>Debit</t></is></c><c r="E1" t="inlineStr"><is><t>Credit</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2025-10-01</t></is></c><c r="B2" t="inlineStr"><is><t>V1</t></is></c><c r="C2" t="inlineStr"><is><t>x</t></is></c><c r="D2"><v>1e999</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>2025-10-02</t></is></c><c r="B3" t="inlineStr"><is><t>V2</t></is></c><c r="C3" t="inlineStr"><is><t>y</t></is></c><c r="D3"><v>5</v></c></row>`,
        },
      ]),
    );
    const c = captureIo(base);
    expect(await main(["validate", "inf.xlsx", "--schema", "ledger", "--json"], c)).toBe(0);
    const doc = JSON.parse(c.stdout.join(""));
    expect(doc.invalid).toEqual([expect.objectContaining({ row: 2, column: "Debit", value: "1e999" })]);
  });
});
