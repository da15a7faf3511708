/**
 * The read path (read.ts, xlsx-read.ts, csv.ts, legacy.ts): file bytes straight into TableData.
 * Held to other programs' artefacts: every corpus workbook Excel saved is read cell for cell as SheetJS
 * (an independent reader) reads it; .xls/.ods files LibreOffice wrote and an .xlsb SheetJS wrote read like
 * the .xlsx; an .xls LibreOffice encrypted and a compound file holding the MS-OFFCRYPTO streams (made
 * with SheetJS's CFB writer, which SheetJS itself then calls "password-protected") are refused as
 * password-protected. Date serials: 45747 = 2025-03-31 (=DATE(2025,3,31), 1900 system); the same day is
 * 44285 in the 1904 system (1462 days less).
 */
import { spawnSync } from "child_process";
import { readFileSync, readdirSync } from "fs";
import * as path from "path";
import * as XLSX from "@e965/xlsx";
import { strToU8, zipSync } from "fflate";
import { decodeCsvBytes, detectSeparator, readCsvBytes } from "../../src/workbook/csv";
import { WorkbookError } from "../../src/workbook/port";
import { openForReading, readPart, tableInfosOf } from "../../src/workbook/read";
import { isDateFormat } from "../../src/workbook/xlsx-read";
import { DATE_STYLES, handBook } from "../helpers/xlsx-parts";
import { repoRoot } from "../helpers/soffice";

const CORPUS = path.resolve(repoRoot, "../shared/corpus");
const FIXTURES = path.join(__dirname, "fixtures");

async function read(file: string, bytes: Uint8Array, part: string | null = null) {
  return readPart(await openForReading(file, bytes), file, part);
}

async function refusal(file: string, bytes: Uint8Array): Promise<string> {
  const e = await read(file, bytes).then(
    () => null,
    (x) => x,
  );
  expect(e).toBeInstanceOf(WorkbookError);
  return (e as Error).message;
}

describe("corpus workbooks Excel saved", () => {
  const books = [
    ...readdirSync(path.join(CORPUS, "workbooks")).map((f) => path.join(CORPUS, "workbooks", f)),
    path.join(CORPUS, "statements", "my_sample_hlb.xlsx"),
  ];
  test.each(books.map((b) => [path.basename(b), b]))("%s: every value as SheetJS reads it", async (_n, file) => {
    const bytes = readFileSync(file);
    const book = await openForReading(file, bytes);
    const theirs = XLSX.read(bytes, { type: "buffer", dense: true, cellDates: false });
    expect(book.sheets.map((s) => s.name)).toEqual(
      theirs.SheetNames.filter((n) => (theirs.Sheets[n] as { "!type"?: string })["!type"] !== "chart"),
    );
    for (const s of book.sheets) {
      const mine: Record<string, unknown> = {};
      const cells = s.cells();
      cells.rowNumbers.forEach((r, k) =>
        cells.rows[k].forEach((v, c) => {
          if (v !== undefined && v !== null) mine[`${r}:${c + 1}`] = v;
        }),
      );
      const other: Record<string, unknown> = {};
      const data = (theirs.Sheets[s.name] as { "!data"?: ({ t: string; v?: unknown; w?: string } | undefined)[][] })[
        "!data"
      ];
      (data ?? []).forEach((row, r) =>
        (row ?? []).forEach((o, c) => {
          // SheetJS keeps a value-less inline string as ""; a blank is a blank.
          if (o && o.v !== undefined && o.v !== "") other[`${r + 1}:${c + 1}`] = o.t === "e" ? o.w : o.v;
        }),
      );
      expect({ sheet: s.name, cells: mine }).toEqual({ sheet: s.name, cells: other });
    }
  });

  test("a bank statement's title lines: the header is the row of column names", async () => {
    const file = path.join(CORPUS, "statements", "my_sample_hlb.xlsx");
    const t = await read(file, readFileSync(file));
    expect(t.headers.slice(0, 3)).toEqual(["Date", "Transaction Description", "Withdrawal (DR)"]);
    expect(t.firstRow).toBeGreaterThan(2);
  });

  test("a table is found by name and read by its own range", async () => {
    const file = path.join(CORPUS, "workbooks", "xw_table01.xlsx");
    const book = await openForReading(file, readFileSync(file));
    expect(tableInfosOf(book.sheets, null).map((i) => [i.name, i.kind])).toEqual([
      ["Table1", "table"],
      ["Sheet1", "range"],
    ]);
    expect(readPart(book, file, "table1")).toMatchObject({ name: "Table1", sheet: "Sheet1" });
  });
});

describe("cells as Excel holds them", () => {
  test("shared, rich, inline and escaped text; booleans, errors, cached formula results, ISO dates", async () => {
    const bytes = handBook(
      [
        {
          name: "S",
          xml:
            `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Inline</t></is></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>` +
            `<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2"><f>1+1</f><v>2</v></c><c r="D2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="E2" t="d"><v>2025-03-31T00:00:00</v></c></row>` +
            `<row r="3"><c r="A3" s="1"/><c r="B3"><f>A1</f></c><c r="C3" t="inlineStr"><is><r><t>Ac</t></r><r><rPr><b/></rPr><t xml:space="preserve">me </t></r></is></c><c r="D3"><v>-1234.5</v></c><c r="E3"><v>1.5E-3</v></c></row>`,
        },
      ],
      {
        sharedStrings: [
          "Plain",
          '<r><t>Ri</t></r><r><t>ch</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh>',
          "Line_x000D__x000A_two &amp; &lt;3",
          "_x005F_x0041_ kept",
        ],
      },
    );
    const book = await openForReading("c.xlsx", bytes);
    const cells = book.sheets[0].cells();
    expect(cells.rowNumbers).toEqual([1, 2, 3]);
    expect(cells.rows).toEqual([
      ["Plain", "Rich", "Inline", "Line\r\ntwo & <3", "_x0041_ kept"],
      [true, "#N/A", 2, "ab", 45747],
      // A styled blank (A3) and a formula without a cached value (B3) are blanks.
      [undefined, undefined, "Acme ", -1234.5, 0.0015],
    ]);
  });

  test("cells and rows without addresses, a namespace prefix, merged cells' hidden values", async () => {
    const x = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const bytes = handBook([
      {
        name: "P",
        xml:
          `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${x}"><x:sheetData>` +
          `<x:row><x:c t="inlineStr"><x:is><x:t>Ref</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Amount</x:t></x:is></x:c></x:row>` +
          `<x:row><x:c t="inlineStr"><x:is><x:t>R1</x:t></x:is></x:c><x:c><x:v>10</x:v></x:c></x:row>` +
          `<x:row r="4"><x:c r="A4"><x:v>7</x:v></x:c><x:c r="B4"><x:v>99</x:v></x:c></x:row>` +
          `</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A4:B4"/></x:mergeCells></x:worksheet>`,
      },
    ]);
    const t = await read("p.xlsx", bytes);
    expect(t).toEqual({
      name: "P",
      sheet: "P",
      headers: ["Ref", "Amount"],
      rows: [
        ["R1", 10],
        [null, null],
        [7, null],
      ],
      firstRow: 2,
      firstColumn: 1,
    });
  });

  test.each([["1"], ["true"]])(
    'date1904="%s": dates read as 1900-system serials, other numbers unchanged',
    async (flag) => {
      const bytes = handBook(
        [
          {
            name: "D",
            xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>When</t></is></c><c r="C1" t="inlineStr"><is><t>Amount</t></is></c></row><row r="2"><c r="A2" s="1"><v>44285</v></c><c r="B2" s="2"><v>44285.75</v></c><c r="C2" s="3"><v>44285</v></c></row>`,
          },
        ],
        { workbookPr: `date1904="${flag}"`, styles: DATE_STYLES },
      );
      expect((await read("d.xlsx", bytes)).rows).toEqual([[45747, 45747.75, 44285]]);
    },
  );

  test("which number formats are dates", () => {
    expect(["yyyy-mm-dd", "dd/mm/yyyy\\ hh:mm", "[h]:mm", "mmm-yy", "[$-409]d-mmm;@"].map(isDateFormat)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["General", "0.00", "#,##0.00;[Red]-#,##0.00", '0.0" days"', "0.00E+00", "@"].map(isDateFormat)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  test("a sheet named with leading or trailing spaces is addressed as listed", async () => {
    const bytes = handBook([
      { name: "Other", xml: `<row r="1"><c r="A1"><v>0</v></c><c r="B1"><v>0</v></c></row>` },
      {
        name: " Data ",
        xml: `<row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c></row>`,
      },
    ]);
    const book = await openForReading("s.xlsx", bytes);
    expect(readPart(book, "s.xlsx", " Data ")).toMatchObject({ sheet: " Data ", rows: [["R1"]] });
    expect(readPart(book, "s.xlsx", "data")).toMatchObject({ sheet: " Data " });
    expect(() => readPart(book, "s.xlsx", "Nope")).toThrow(/sheets: Other, " Data "/);
  });
});

describe("a far-away cell costs nothing", () => {
  // One value at A1:B3 and one cell at XFD1048576 (a styled blank, then a value), as the issue's 67 KB book.
  const sheet = (far: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>` +
    `<row r="1"><c r="A1" t="inlineStr"><is><t>Ref</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>` +
    `<row r="2"><c r="A2" t="inlineStr"><is><t>R1</t></is></c><c r="B2"><v>10</v></c></row>` +
    `<row r="1048576">${far}</row></sheetData></worksheet>`;

  test("a styled blank at XFD1048576 is not part of the table", async () => {
    const t = await read("far.xlsx", handBook([{ name: "Far", xml: sheet(`<c r="XFD1048576" s="1"/>`) }]));
    expect(t).toMatchObject({ headers: ["Ref", "Amount"], rows: [["R1", 10]] });
  });

  test("a value at XFD1048576 reads within a 1 GB heap, in well under 1 GB", () => {
    const code = `
      const { handBook } = require("./tests/helpers/xlsx-parts");
      const { openForReading, readPart } = require("./src/workbook/read");
      const xml = ${JSON.stringify(sheet(`<c r="XFD1048576"><v>1</v></c>`))};
      openForReading("far.xlsx", handBook([{ name: "Far", xml }])).then((b) => {
        const t = readPart(b, "far.xlsx", null);
        console.log(JSON.stringify({ rows: t.rows.length, width: t.headers.length, last: t.rows[t.rows.length - 1][16383],
          rss: process.memoryUsage().rss }));
      });`;
    const r = spawnSync(process.execPath, ["--max-old-space-size=1024", "-r", "tsx/cjs", "-e", code], {
      cwd: repoRoot,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ rows: 1048575, width: 16384, last: 1 });
    expect(out.rss).toBeLessThan(1024 * 1024 * 1024);
  });
});

describe("CSV as banks and Excel export it", () => {
  const enc = (s: string) => Buffer.from(s, "utf8");
  const grid = (b: Uint8Array) => readCsvBytes(b).grid;

  test("encodings: UTF-8 with and without BOM, UTF-16 LE/BE with BOM, UTF-16 LE without, Windows-1252", () => {
    const text = "Name,Amount\r\nJosé ₹,12.5\r\n";
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    const want = [
      ["Name", "Amount"],
      ["José ₹", 12.5],
    ];
    expect(grid(enc(text))).toEqual(want);
    expect(grid(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), enc(text)]))).toEqual(want);
    expect(grid(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual(want);
    expect(grid(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual(want);
    expect(decodeCsvBytes(le)).toEqual({ text, encoding: "utf-16le" });
    // 0xE9 is é and 0x80 is € in Windows-1252; neither is valid UTF-8 on its own.
    expect(decodeCsvBytes(Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x80]))).toEqual({
      text: "José €",
      encoding: "windows-1252",
    });
  });

  test("a German bank export: ';' separated, decimal commas, dates left for the engines", () => {
    const r = readCsvBytes(
      Buffer.from(
        "Buchungstag;Verwendungszweck;Betrag;Saldo\n01.03.2025;Miete März;-1.234,56;10.000,00\n02.03.2025;Gehalt;2.500,00;12.500\n03.03.2025;Zinsen 1,5%;0,75;12.500,75\n",
        "latin1",
      ),
    );
    expect(r).toMatchObject({ separator: ";", decimalComma: true, encoding: "windows-1252" });
    expect(r.grid).toEqual([
      ["Buchungstag", "Verwendungszweck", "Betrag", "Saldo"],
      ["01.03.2025", "Miete März", -1234.56, "10000.00"],
      ["02.03.2025", "Gehalt", "2500.00", 12500],
      ["03.03.2025", "Zinsen 1,5%", 0.75, 12500.75],
    ]);
  });

  test("tab and '|' separated files; quoted separators; a ';' file with title lines", () => {
    expect(grid(enc("Ref\tAmount\nA;1\t5\n"))).toEqual([
      ["Ref", "Amount"],
      ["A;1", 5],
    ]);
    expect(detectSeparator("a|b|c\n1|2|3\n")).toBe("|");
    expect(grid(enc('Ref;Note\n"A;1";"x, y"\n'))).toEqual([
      ["Ref", "Note"],
      ["A;1", "x, y"],
    ]);
    expect(
      grid(
        enc("Kontoauszug 03/2025\nIBAN DE00 1234\nDatum;Betrag;Text\n01.03.2025;12,50;Kaffee\n02.03.2025;-3,20;Brot\n"),
      ),
    ).toEqual([
      ["Kontoauszug 03/2025"],
      ["IBAN DE00 1234"],
      ["Datum", "Betrag", "Text"],
      ["01.03.2025", "12.50", "Kaffee"],
      ["02.03.2025", "-3.20", "Brot"],
    ]);
  });

  test("what cannot be decided is refused naming what was found", () => {
    expect(() => readCsvBytes(enc("a,b;c\n1,2;3\n"))).toThrow(
      /split by "," or by ";" \(2 fields per line either way\)/,
    );
    expect(() => readCsvBytes(enc("Date;Amount\n01.03.2025;1.234,56\n02.03.2025;1,234.56\n"))).toThrow(
      /"Amount" mixes decimal commas \("1\.234,56"\) and decimal points \("1,234\.56"\)/,
    );
    expect(() => readCsvBytes(Buffer.from([0x41, 0x2c, 0x00, 0x01, 0x02, 0x42, 0x00, 0x0a]))).toThrow(/binary data/);
  });

  test("a ';' bank export reconciles through readSource's path like a ',' one", async () => {
    const t = await read("bank.csv", enc("Buchungstag;Betrag\n01.03.2025;-1.234,56\n"));
    expect(t).toEqual({
      name: "bank.csv",
      sheet: "",
      headers: ["Buchungstag", "Betrag"],
      rows: [["01.03.2025", -1234.56]],
      firstRow: 2,
      firstColumn: 1,
    });
  });
});

describe("legacy formats and files that are not what their names say", () => {
  const statement = {
    headers: ["Txn Date", "Narration", "Ref No", "Withdrawal", "Deposit", "Balance"],
    rows: [
      [45719, "NEFT ACME LTD", "UTR001", null, 1234.5, 5234.5],
      [45721, "ATM CASH", "CHQ17", 200, null, 5034.5],
      [45747, "INTEREST", null, null, null, 5034.5],
    ],
    firstRow: 4,
  };

  test.each([["statement.xls"], ["statement.ods"]])("%s (LibreOffice) reads from its header row", async (f) => {
    const t = await read(f, readFileSync(path.join(FIXTURES, f)));
    expect(t).toMatchObject({ ...statement, name: "statement", sheet: "statement" });
  });

  test(".xlsb (SheetJS) reads like the .xlsx", async () => {
    const wb = XLSX.read(readFileSync(path.join(FIXTURES, "statement.xls")));
    const xlsb = XLSX.write(wb, { type: "buffer", bookType: "xlsb" }) as Buffer;
    expect(await read("statement.xlsb", xlsb)).toMatchObject(statement);
  });

  test("password-protected workbooks say so", async () => {
    expect(await refusal("secret.xls", readFileSync(path.join(FIXTURES, "encrypted.xls")))).toMatch(
      /^secret\.xls is password-protected \(encrypted\)/,
    );
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "/EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    XLSX.CFB.utils.cfb_add(cfb, "/EncryptedPackage", Buffer.alloc(4096, 7));
    const bytes = XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer;
    expect(() => XLSX.read(bytes)).toThrow(/password-protected/);
    expect(await refusal("secret.xlsx", bytes)).toMatch(/^secret\.xlsx is password-protected/);
  });

  test("a zip that is no workbook, and an .ods renamed .xlsx, are named for what they are", async () => {
    const ods = readFileSync(path.join(FIXTURES, "statement.ods"));
    expect(await refusal("renamed.xlsx", ods)).toMatch(
      /renamed\.xlsx is an OpenDocument spreadsheet \(\.ods\).*rename it to \.ods/,
    );
    const docx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w/>") });
    expect(await refusal("letter.xlsx", docx)).toMatch(/letter\.xlsx is a Word document \(\.docx\)/);
    expect(await refusal("photos.xlsx", zipSync({ "a.jpg": new Uint8Array(10) }))).toMatch(
      /is a zip archive, not a workbook/,
    );
    expect(await refusal("old.xlsx", readFileSync(path.join(FIXTURES, "statement.xls")))).toMatch(
      /old\.xlsx is an old binary Excel workbook \(\.xls\).*rename it to \.xls/,
    );
    expect(await refusal("data.csv", docx)).toMatch(/data\.csv is a zip archive/);
    expect(await refusal("data.xls", docx)).toMatch(/data\.xls is a zip package/);
  });
});
