/**
 * FileWorkbook on real .xlsx bytes: what a user's messy workbook holds (merged headers, rich text,
 * hyperlinks, error values, cached formula results, dates; written by ExcelJS, another program) reads as
 * Excel shows it, and what the adapter writes survives a save and reopen, checked in the saved parts.
 * Date serials: 45747 = 2025-03-31 in Excel's 1900 system (=DATE(2025,3,31)); 45658.75 = 2025-01-01 18:00.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { FileWorkbook } from "../../src/workbook/file";
import { partText } from "../helpers/xlsx-parts";

async function reopen(wb: FileWorkbook): Promise<FileWorkbook> {
  return FileWorkbook.fromXlsx(await wb.toXlsx());
}

async function userBook(build: (book: ExcelJS.Workbook) => void): Promise<FileWorkbook> {
  const book = new ExcelJS.Workbook();
  build(book);
  return FileWorkbook.fromXlsx(new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer));
}

describe("reading cells as Excel shows them", () => {
  test("dates, formulas, rich text, hyperlinks, errors and merged header cells", async () => {
    const wb = await userBook((book) => {
      const ws = book.addWorksheet("Invoices");
      ws.getCell("A1").value = "Invoice Details";
      ws.mergeCells("A1:B1");
      ws.getCell("C1").value = "  Amount ";
      ws.getCell("A2").value = new Date(Date.UTC(2025, 2, 31));
      ws.getCell("B2").value = { richText: [{ text: "Acme " }, { font: { bold: true }, text: "Ltd" }] };
      ws.getCell("C2").value = { formula: "10*2", result: 20 };
      ws.getCell("A3").value = new Date(Date.UTC(2025, 0, 1, 18, 0));
      ws.getCell("B3").value = { text: "Portal", hyperlink: "https://example.com" };
      ws.getCell("C3").value = { error: "#N/A" };
      ws.getCell("A5").value = "last";
    });
    const t = await wb.read("invoices");
    expect(t.headers).toEqual(["Invoice Details", "", "Amount"]);
    expect(t.firstRow).toBe(2);
    expect(t.rows).toEqual([
      [45747, "Acme Ltd", 20],
      [45658.75, "Portal", "#N/A"],
      [null, null, null],
      ["last", null, null],
    ]);
  });

  test("times of day and early serials come back as the numbers the cells hold", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("T");
    ws.addRow(["Time", "Early", "Date"]);
    // Stored as raw numbers with date/time formats, as Excel writes them: 0.4375 = 10:30,
    // 59 = 1900-02-28, 61 = 1900-03-01, 45747.5 = 2025-03-31 12:00.
    ws.addRow([0.4375, 59, 45747.5]);
    ws.getCell("A2").numFmt = "hh:mm";
    ws.getCell("B2").numFmt = "yyyy-mm-dd";
    ws.getCell("C2").numFmt = "yyyy-mm-dd hh:mm";
    ws.addRow([null, 61, null]);
    ws.getCell("B3").numFmt = "yyyy-mm-dd";
    const wb = await FileWorkbook.fromXlsx(new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer));
    expect((await wb.read("T")).rows).toEqual([
      [0.4375, 59, 45747.5],
      [null, 61, null],
    ]);
  });

  test("a 1904-date-system workbook reads as 1900-system serials, like every other source", async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet("T");
    ws.addRow(["Date"]);
    ws.addRow([44285]); // 2025-03-31 in the 1904 system (45747 - 1462 days)
    ws.getCell("A2").numFmt = "yyyy-mm-dd";
    const zip = await JSZip.loadAsync((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", xml.replace("<workbookPr ", '<workbookPr date1904="1" '));
    const wb = await FileWorkbook.fromXlsx(await zip.generateAsync({ type: "uint8array" }));
    expect((await wb.read("T")).rows).toEqual([[45747]]);
  });

  test("an Excel table is read by its name with its own header row", async () => {
    const wb = await userBook((book) => {
      const ws = book.addWorksheet("Data");
      ws.getCell("A1").value = "Bank statement";
      ws.addTable({
        name: "tblBank",
        ref: "B3",
        headerRow: true,
        columns: [{ name: "Date" }, { name: "Deposit" }],
        rows: [
          [new Date(Date.UTC(2025, 2, 31)), 100],
          [new Date(Date.UTC(2025, 3, 1)), 250.5],
        ],
      });
    });
    const t = await wb.read("TBLBANK");
    expect(t).toEqual({
      name: "tblBank",
      sheet: "Data",
      headers: ["Date", "Deposit"],
      rows: [
        [45747, 100],
        [45748, 250.5],
      ],
      firstRow: 4,
      firstColumn: 2,
    });
    const infos = await wb.tables();
    expect(infos.map((i) => [i.name, i.kind])).toEqual([
      ["tblBank", "table"],
      ["Data", "range"],
    ]);
  });
});

/** A saved workbook as another program (ExcelJS) reads it. */
async function theirs(wb: FileWorkbook): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await wb.toXlsx()) as unknown as ArrayBuffer);
  return book;
}

describe("writing and reopening", () => {
  test("everything of a SheetSpec survives the save, as another program reads the file", async () => {
    const wb = new FileWorkbook();
    await wb.write({
      name: "Report",
      role: "report:aging",
      rows: [["Title"], ["Name", "Amount"], ["a", 10], ["b", 25], ["Total", { f: "SUM(B3:B4)", v: 35 }]],
      columns: [{ width: 20 }, { numFmt: "#,##0.00" }],
      styles: [{ range: "A2:B2", style: { bold: true, fill: "#DDEBF7", fontColor: "#1F4E78", border: "thin-bottom" } }],
      merges: ["A1:B1"],
      freeze: { rows: 2, columns: 1 },
      tables: [{ name: "AgingRows", range: "A2:B4" }],
      conditionalFormats: [
        { range: "B3:B4", type: "cellValue", operator: "greaterThan", formulas: ["20"], style: { fill: "#FFC7CE" } },
      ],
      protect: true,
      tabColor: "#1F4E78",
    });
    const ws = (await theirs(wb)).getWorksheet("Report")!;
    expect(ws.getCell("B5").value).toEqual({ formula: "SUM(B3:B4)", result: 35 });
    expect(ws.getCell("A2").font).toMatchObject({ bold: true, color: { argb: "FF1F4E78" } });
    expect(ws.getCell("A2").fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } });
    expect(ws.getCell("A2").border).toMatchObject({ bottom: { style: "thin" } });
    expect(ws.getCell("B3").numFmt).toBe("#,##0.00");
    expect(ws.getColumn(1).width).toBe(20);
    expect(ws.getCell("B1").isMerged).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 2 });
    expect(ws.properties.tabColor).toEqual({ argb: "FF1F4E78" });
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const cfs = (ws as unknown as { conditionalFormattings: { ref: string; rules: { operator: string }[] }[] })
      .conditionalFormattings;
    expect(cfs.map((c) => [c.ref, c.rules[0].operator])).toEqual([["B3:B4", "greaterThan"]]);
    const back = await reopen(wb);
    expect(await back.read("AgingRows")).toMatchObject({
      headers: ["Name", "Amount"],
      rows: [
        ["a", 10],
        ["b", 25],
      ],
    });
    expect(await back.sheets()).toEqual([{ name: "Report", role: "report:aging", visible: true }]);
  });

  test("the marker follows a sheet renamed in Excel and dies with a deleted sheet", async () => {
    const wb = new FileWorkbook();
    await wb.write({ name: "Recon Summary", role: "recon:summary", rows: [["x"]] });
    // Do what Excel does on a rename: the sheet's name and the defined name's reference change together.
    const zip = await JSZip.loadAsync(await wb.toXlsx());
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    expect(xml).toContain(`<definedName name="BPODESK_RECON__SUMMARY">'Recon Summary'!$A$1</definedName>`);
    zip.file("xl/workbook.xml", xml.replace(/Recon Summary/g, "Old Recon"));
    const renamed = await FileWorkbook.fromXlsx(await zip.generateAsync({ type: "uint8array" }));
    expect(await renamed.sheets()).toEqual([{ name: "Old Recon", role: "recon:summary", visible: true }]);
    // Writing under the original name now makes a new sheet: the renamed one is the user's to keep.
    await renamed.write({ name: "Recon Summary", role: "recon:summary", rows: [["y"]] });
    expect((await renamed.sheets()).map((s) => s.name)).toEqual(["Old Recon", "Recon Summary"]);
    await renamed.remove("Recon Summary", "recon:summary");
    expect(partText(await renamed.toXlsx(), "xl/workbook.xml")).not.toContain("<definedName");
  });

  test("highlights written to a file can be cleared after reopening; the values never change", async () => {
    const wb = new FileWorkbook();
    wb.addUserSheet("Data", [
      ["Ref", "Amt"],
      ["a", 1],
    ]);
    await wb.highlight("Data", ["B2"], "validate");
    await wb.highlight("Data", ["A2"], "other");
    const back = await reopen(wb);
    expect(back.highlightsOf("Data").map((h) => h.sqref)).toEqual(["B2", "A2"]);
    await back.clearHighlights("Data", "validate");
    const again = await reopen(back);
    expect(again.highlightsOf("Data").map((h) => h.sqref)).toEqual(["A2"]);
    const cfs = ((await theirs(again)).getWorksheet("Data") as unknown as { conditionalFormattings: { ref: string }[] })
      .conditionalFormattings;
    expect(cfs.map((c) => c.ref)).toEqual(["A2"]);
    expect((await again.read("Data")).rows).toEqual([["a", 1]]);
  });

  test("bad input says what to fix, and nothing is written", async () => {
    const wb = new FileWorkbook();
    await expect(wb.write({ name: "Bad/Name", role: "r", rows: [] })).rejects.toThrow(/: \\ \/ \? \* \[ \]/);
    await expect(wb.write({ name: "x".repeat(32), role: "r", rows: [] })).rejects.toThrow(/longer than 31/);
    await expect(
      wb.write({ name: "T", role: "r", rows: [["a"], [1]], tables: [{ name: "Bad Name", range: "A1:A2" }] }),
    ).rejects.toThrow(/not a valid Excel table name/);
    await expect(wb.write({ name: "T", role: "r", rows: [["a"]], tabColor: "blue" })).rejects.toThrow(/not a colour/);
    await expect(
      wb.write({
        name: "T",
        role: "r",
        rows: [
          ["a", 1],
          ["b", Infinity],
        ],
      }),
    ).rejects.toThrow('Cannot write the number Infinity at row 2, column B of "T": a cell holds finite numbers only.');
    await expect(wb.write({ name: "T", role: "r", rows: [["a"], [{ f: "1/0", v: NaN }]] })).rejects.toThrow(
      /number NaN at row 2, column A of "T"/,
    );
    await expect(wb.write({ name: "T", role: "r", rows: [["x".repeat(32768)]] })).rejects.toThrow(
      /text at row 1, column A of "T" has 32,768 characters; a cell holds at most 32,767/,
    );
    expect(wb.sheetNames()).toEqual([]);
    wb.addUserSheet("Empty", []);
    await expect(wb.read("Empty")).rejects.toThrow(/is empty: it needs a header row/);
  });

  test("appended text stays literal text in the saved file, never a formula", async () => {
    const wb = new FileWorkbook();
    wb.addUserSheet("Log", [["Note"]]);
    const { firstRow } = await wb.append("Log", [["=1+1"], ["+44"], ["-x"], ["@x"], ["\tx"]]);
    expect(firstRow).toBe(2);
    const sheet = partText(await wb.toXlsx(), "xl/worksheets/sheet1.xml");
    expect(sheet).not.toContain("<f>");
    expect([...sheet.matchAll(/<c r="A(\d)"[^>]*t="inlineStr"/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await (await reopen(wb)).read("Log")).rows).toEqual([["=1+1"], ["+44"], ["-x"], ["@x"], ["\tx"]]);
  });

  test("a CSV workbook reads with the file name and no sheet", async () => {
    const wb = FileWorkbook.fromCsv("Ref,Amount\r\nA1,00123\r\n", "bank.csv");
    const t = await wb.read("bank.csv");
    expect(t).toEqual({
      name: "bank.csv",
      sheet: "",
      headers: ["Ref", "Amount"],
      rows: [["A1", "00123"]],
      firstRow: 2,
      firstColumn: 1,
    });
  });
});
