/**
 * Files on disk: the CLI's SOURCE syntax, clear messages for everything a user can get wrong,
 * and saves that never leave a half-written file.
 */
import ExcelJS from "exceljs";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from "fs";
import * as os from "os";
import * as path from "path";
import { FileWorkbook } from "../../src/workbook/file";
import { openWorkbookFile, parseSource, readSource, saveWorkbookFile } from "../../src/workbook/file-io";
import { decodeText } from "../../src/workbook/csv";
import { WorkbookError } from "../../src/workbook/port";

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "bpo-fileio-"));
  const book = new ExcelJS.Workbook();
  const first = book.addWorksheet("Invoices");
  first.addRows([
    ["Invoice No", "Amount"],
    ["INV-1", 100],
  ]);
  const second = book.addWorksheet("Bank");
  second.getCell("A1").value = "Statement";
  second.addTable({
    name: "tblBank",
    ref: "A3",
    columns: [{ name: "Date" }, { name: "Deposit" }],
    rows: [["2025-03-31", 5]],
  });
  book.addWorksheet("Blank");
  await book.xlsx.writeFile(path.join(dir, "book.xlsx"));
  writeFileSync(path.join(dir, "bank.csv"), '\uFEFFDate,Narration,Deposit\r\n31/03/2025,"NEFT, ACME","1,234.50"\r\n');
  writeFileSync(path.join(dir, "empty.csv"), "");
  writeFileSync(path.join(dir, "fake.xlsx"), "Date,Amount\n1,2\n");
  writeFileSync(path.join(dir, "broken.xlsx"), Buffer.from("PK\u0003\u0004 this is not really a zip"));
  writeFileSync(path.join(dir, "notes.pdf"), "%PDF-1.4");
  // Excel's "Unicode Text (*.txt)": UTF-16LE with a BOM, tab-separated, CRLF.
  writeFileSync(
    path.join(dir, "unicode.txt"),
    Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("Date\tNarration\tDeposit\r\n31/03/2025\tNEFT ACME\t1234.50\r\n", "utf16le"),
    ]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const message = async (p: Promise<unknown>): Promise<WorkbookError> => {
  const e = await p.then(
    () => null,
    (x) => x,
  );
  expect(e).toBeInstanceOf(WorkbookError);
  return e as WorkbookError;
};

test("SOURCE forms: first sheet, #sheet, #table, csv", async () => {
  expect(await readSource("book.xlsx", dir)).toMatchObject({
    name: "Invoices",
    sheet: "Invoices",
    rows: [["INV-1", 100]],
    firstRow: 2,
  });
  expect(await readSource("book.xlsx#tblbank", dir)).toMatchObject({ name: "tblBank", sheet: "Bank", firstRow: 4 });
  // The sheet opens with a title line ("Statement"); its header is the row of column names below it.
  expect(await readSource(path.join(dir, "book.xlsx#Bank"))).toMatchObject({
    headers: ["Date", "Deposit"],
    firstRow: 4,
  });
  expect(await readSource("bank.csv", dir)).toEqual({
    name: "bank.csv",
    sheet: "",
    headers: ["Date", "Narration", "Deposit"],
    rows: [["31/03/2025", "NEFT, ACME", "1,234.50"]],
    firstRow: 2,
    firstColumn: 1,
  });
  expect(parseSource("a#b.xlsx#Sheet#1")).toEqual({ file: "a#b.xlsx", part: "Sheet#1" });
  expect(parseSource("book.xlsx")).toEqual({ file: "book.xlsx", part: null });
  expect(parseSource("dir/a.xlsx#My Sheet")).toEqual({ file: "dir/a.xlsx", part: "My Sheet" });
});

test("CSV encodings: UTF-8 with BOM, UTF-16 with BOM, Windows-1252", () => {
  expect(decodeText(Buffer.from("\uFEFFName\nJosé", "utf8"))).toBe("Name\nJosé"); // the decoder drops the BOM
  expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Name\nJosé ₹", "utf16le")]))).toBe(
    "Name\nJosé ₹",
  );
  // 0xE9 is é and 0x80 is € in Windows-1252; neither is valid UTF-8 on its own.
  expect(decodeText(Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x80]))).toBe("José €");
});

test("a missing file says so and what to check", async () => {
  const e = await message(readSource("nope.xlsx", dir));
  expect(e.message).toBe(`File not found: ${path.join(dir, "nope.xlsx")}. Check the path.`);
  expect(e.code).toBe("not-found");
});

test("a missing sheet or table lists the ones that exist", async () => {
  const e = await message(readSource("book.xlsx#Payments", dir));
  expect(e.code).toBe("not-found");
  expect(e.message).toMatch(/"Payments"/);
  expect(e.message).toMatch(/tables: tblBank; sheets: Invoices, Bank, Blank/);
});

test("an empty sheet or CSV needs a header row", async () => {
  expect((await message(readSource("book.xlsx#Blank", dir))).message).toMatch(
    /"Blank" is empty: it needs a header row/,
  );
  expect((await message(readSource("empty.csv", dir))).message).toMatch(/empty.csv is empty: it needs a header line/);
});

test("corrupt, renamed or unsupported files are refused clearly", async () => {
  const fake = await message(readSource("fake.xlsx", dir));
  expect(fake.code).toBe("unreadable");
  expect(fake.message).toMatch(/fake\.xlsx is a text file.*not an \.xlsx workbook.*rename it to \.csv/);
  expect((await message(readSource("broken.xlsx", dir))).message).toMatch(/not a valid \.xlsx workbook/);
  expect((await message(readSource("notes.pdf", dir))).message).toMatch(/unsupported file type "\.pdf".*\.xlsx.*\.csv/);
  expect((await message(readSource("bank.csv#Sheet1", dir))).message).toMatch(/CSV file has no sheets/);
});

test("a .txt saved by Excel as Unicode Text (UTF-16, tabs) reads as delimited text", async () => {
  expect(await readSource("unicode.txt", dir)).toMatchObject({
    name: "unicode.txt",
    headers: ["Date", "Narration", "Deposit"],
    rows: [["31/03/2025", "NEFT ACME", "1234.50"]],
  });
  expect((await message(readSource("unicode.txt#Sheet1", dir))).message).toMatch(/CSV file has no sheets/);
});

test("an old .xls book (LibreOffice wrote it) opens as a workbook like an .xlsx", async () => {
  const wb = await openWorkbookFile(path.join(__dirname, "fixtures", "statement.xls"));
  expect(await wb.read("statement")).toMatchObject({
    headers: ["Txn Date", "Narration", "Ref No", "Withdrawal", "Deposit", "Balance"],
    firstRow: 4,
  });
});

test("save creates the folder, writes atomically and leaves no temp file", async () => {
  const wb = new FileWorkbook();
  await wb.write({ name: "Out", role: "report:x", rows: [["a"], [1]] });
  const target = path.join(dir, "deep", "er", "out.xlsx");
  await saveWorkbookFile(wb, target);
  expect(readdirSync(path.dirname(target))).toEqual(["out.xlsx"]);
  expect(await readSource(target)).toMatchObject({ headers: ["a"], rows: [[1]] });

  // A failing save (the target is a folder) leaves neither a temp file nor a partial file.
  const blocked = path.join(dir, "blocked", "taken.xlsx");
  mkdirSync(blocked, { recursive: true });
  await expect(saveWorkbookFile(wb, blocked)).rejects.toThrow(/Cannot write/);
  expect(readdirSync(path.dirname(blocked))).toEqual(["taken.xlsx"]);
  expect(existsSync(path.join(blocked, "x"))).toBe(false);
  await expect(saveWorkbookFile(wb, path.join(dir, "out.csv"))).rejects.toThrow(/must be an \.xlsx/);
});
