/**
 * What a user asks of their own sheets is a minimal edit of that sheet's XML: rows appended to a table
 * or a range, highlights added and cleared. Checked on files Excel saved (the corpus): the edited sheet
 * changes only where asked, every other part stays byte-identical, and another reader (SheetJS) sees the
 * new values where they belong.
 */
import { readFileSync } from "fs";
import * as path from "path";
import * as XLSX from "@e965/xlsx";
import { FileWorkbook } from "../../src/workbook/file";
import { repoRoot } from "../helpers/soffice";
import { handBook, partsOf, partText } from "../helpers/xlsx-parts";

const corpus = (f: string) => readFileSync(path.resolve(repoRoot, "../shared/corpus", f));

function changedParts(before: Uint8Array, after: Uint8Array): string[] {
  const a = partsOf(before);
  const b = partsOf(after);
  return Object.keys(a)
    .filter((k) => !b[k] || Buffer.compare(Buffer.from(a[k]), Buffer.from(b[k])) !== 0)
    .sort();
}

test("rows appended to a user's Excel table go below it, the table grows, nothing else changes", async () => {
  const source = corpus("workbooks/xw_table01.xlsx");
  const wb = await FileWorkbook.fromXlsx(source);
  const { firstRow } = await wb.append("Table1", [
    ["R1", 10, "=1+1", true],
    ["R2", 20.5, null, false],
  ]);
  expect(firstRow).toBe(14);
  expect((await wb.read("Table1")).rows.slice(-2)).toEqual([
    ["R1", 10, "=1+1", true],
    ["R2", 20.5, null, false],
  ]);
  const copy = await wb.toXlsx();
  expect(changedParts(source, copy)).toEqual(["xl/tables/table1.xml", "xl/worksheets/sheet1.xml"]);
  expect(partText(copy, "xl/tables/table1.xml")).toContain(`ref="C3:F15"`);
  expect(partText(copy, "xl/tables/table1.xml")).toContain(`<autoFilter ref="C3:F15"/>`);
  const theirs = XLSX.read(copy, { type: "buffer" });
  const ws = theirs.Sheets.Sheet1;
  const at = (a: string) => (ws[a] ? [ws[a].t, ws[a].v] : null);
  expect(["C14", "D14", "E14", "F14", "C15", "D15", "E15", "F15"].map(at)).toEqual([
    ["s", "R1"],
    ["n", 10],
    ["s", "=1+1"],
    ["b", true],
    ["s", "R2"],
    ["n", 20.5],
    null,
    ["b", false],
  ]);
  // Read back through the adapter, the table has the rows and the dimension covers them.
  const back = await FileWorkbook.fromXlsx(copy);
  expect((await back.read("Table1")).rows).toHaveLength(12);
  expect(partText(copy, "xl/worksheets/sheet1.xml")).toContain(`<dimension ref="C3:F15"/>`);
});

test("rows appended to a range with title lines go below its last row; a styled blank cell keeps its style", async () => {
  const bytes = handBook([
    {
      name: "Bank",
      xml:
        `<row r="1"><c r="A1" t="inlineStr"><is><t>My Bank</t></is></c></row>` +
        `<row r="3"><c r="A3" t="inlineStr"><is><t>Date</t></is></c><c r="B3" t="inlineStr"><is><t>Amount</t></is></c></row>` +
        `<row r="4"><c r="A4" s="1"><v>45747</v></c><c r="B4" s="3"><v>10</v></c></row>` +
        `<row r="5" spans="1:2"><c r="A5" s="1"/><c r="B5" s="3"/></row>` +
        `<row r="9"><c r="D9" t="inlineStr"><is><t>note</t></is></c></row>`,
    },
  ]);
  const wb = await FileWorkbook.fromXlsx(bytes);
  expect((await wb.append("Bank", [[45748, 20]])).firstRow).toBe(10);
  const xml = partText(await wb.toXlsx(), "xl/worksheets/sheet1.xml");
  // Below the last row with a value (the note on row 9), styled as the row above's cells where it had them.
  expect(xml).toContain(`<row r="5" spans="1:2"><c r="A5" s="1"/><c r="B5" s="3"/></row>`);
  expect(xml).toContain(
    `<row r="9"><c r="D9" t="inlineStr"><is><t>note</t></is></c></row><row r="10"><c r="A10"><v>45748</v></c><c r="B10"><v>20</v></c></row>`,
  );
  // Into a row that exists: its styled blanks take the values and keep their styles.
  const wb2 = await FileWorkbook.fromXlsx(
    handBook([
      {
        name: "Bank",
        xml:
          `<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>` +
          `<row r="2"><c r="A2" s="1"><v>45747</v></c><c r="B2" s="3"><v>10</v></c></row>` +
          `<row r="3" spans="1:3"><c r="A3" s="1"/><c r="B3" s="3"/><c r="C3" s="2"/></row>`,
      },
    ]),
  );
  expect((await wb2.append("Bank", [[45748, 20]])).firstRow).toBe(3);
  const xml2 = partText(await wb2.toXlsx(), "xl/worksheets/sheet1.xml");
  expect(xml2).toContain(
    `<row r="3"><c r="A3" s="1"><v>45748</v></c><c r="B3" s="3"><v>20</v></c><c r="C3" s="2"/></row>`,
  );
});

test("a highlight is one conditional format added to the sheet; cleared, the sheet is as it was", async () => {
  const source = corpus("workbooks/xw_cond_format01.xlsx");
  const wb = await FileWorkbook.fromXlsx(source);
  await wb.highlight("Sheet1", ["A1", "A2"], "validate");
  const copy = await wb.toXlsx();
  expect(changedParts(source, copy)).toEqual(["xl/styles.xml", "xl/worksheets/sheet1.xml"]);
  const xml = partText(copy, "xl/worksheets/sheet1.xml");
  // Excel's own conditional format stays; the highlight follows it, with the next priority.
  const blocks = [...xml.matchAll(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g)].map((m) => m[0]);
  expect(blocks).toHaveLength(2);
  expect(blocks[0]).toBe(
    /<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/.exec(partText(source, "xl/worksheets/sheet1.xml"))![0],
  );
  expect(blocks[1]).toMatch(/sqref="A1 A2".*priority="2".*N\(&quot;bpo-desk:validate&quot;\)=0/);
  const again = await FileWorkbook.fromXlsx(copy);
  await again.clearHighlights("Sheet1", "validate");
  const cleared = await again.toXlsx();
  expect(partText(cleared, "xl/worksheets/sheet1.xml")).toBe(partText(source, "xl/worksheets/sheet1.xml"));
});

test("rows for a user's table with a totals row are refused, saying what to do", async () => {
  const sheet = `<row r="1"><c r="A1" t="inlineStr"><is><t>Item</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2"><v>5</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Total</t></is></c><c r="B3"><f>SUBTOTAL(109,[Amount])</f><v>5</v></c></row>`;
  const table = `<?xml version="1.0" encoding="UTF-8"?><table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="tblT" displayName="tblT" ref="A1:B3" totalsRowCount="1"><autoFilter ref="A1:B2"/><tableColumns count="2"><tableColumn id="1" name="Item"/><tableColumn id="2" name="Amount"/></tableColumns></table>`;
  const bytes = handBook([{ name: "T", xml: sheet }], {
    extra: {
      "xl/tables/table1.xml": table,
      "xl/worksheets/_rels/sheet1.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/></Relationships>`,
    },
  });
  const wb = await FileWorkbook.fromXlsx(bytes);
  expect((await wb.read("tblT")).rows).toEqual([["a", 5]]);
  await expect(wb.append("tblT", [["b", 7]])).rejects.toThrow(
    'The table "tblT" has a totals row; turn it off in Excel (Table Design > Total Row), add the rows, then turn it on again.',
  );
});
