/**
 * The pure pieces of the adapters: the RFC 4180 CSV parser (cases from RFC 4180 section 2),
 * the ownership marker's encoding, A1 helpers and the quote-prefix rule.
 */
import type { CellValue } from "../../src/core/sheet-spec";
import { csvCell, parseCsv, parseCsvRecords, toCsv } from "../../src/workbook/csv";
import { markerName, markersOf, roleFromMarker, roleOfSheet } from "../../src/workbook/marker";
import {
  colLetters,
  headerRowOf,
  colNumber,
  needsQuotePrefix,
  parseRange,
  sheetOfReference,
  sheetReference,
  splitRowBlocks,
  tableFromGrid,
} from "../../src/workbook/a1";

describe("CSV (RFC 4180)", () => {
  test("quoted fields with commas, line breaks and doubled quotes; CRLF and LF; BOM stripped", () => {
    const text = '\uFEFFa,b,c\r\n"x, y","line1\nline2","say ""hi"""\nplain,,"" \r\nlast,1,2';
    expect(parseCsvRecords(text)).toEqual([
      ["a", "b", "c"],
      ["x, y", "line1\nline2", 'say "hi"'],
      ["plain", "", " "],
      ["last", "1", "2"],
    ]);
  });

  test("a final line break does not make an empty record; blank lines stay as rows", () => {
    expect(parseCsvRecords("h\r\n1\r\n\r\n2\r\n")).toEqual([["h"], ["1"], [""], ["2"]]);
  });

  test("numbers only when written canonically, so the engines parse money and codes themselves", () => {
    expect(["12.5", "-3", "0", "100", "0.1"].map(csvCell)).toEqual([12.5, -3, 0, 100, 0.1]);
    expect(["00123", "1,234.50", "1e3", "12.50", " 5", "+5", "-0"].map(csvCell)).toEqual([
      "00123",
      "1,234.50",
      "1e3",
      "12.50",
      " 5",
      "+5",
      "-0",
    ]);
    expect(csvCell("")).toBeNull();
    expect(parseCsv("a,b\n,x")).toEqual([
      ["a", "b"],
      [null, "x"],
    ]);
  });

  test("an unclosed quote is refused with a clear message", () => {
    expect(() => parseCsvRecords('a\n"open')).toThrow(/never closed/);
  });

  test("toCsv quotes what must be quoted and parses back", () => {
    const rows = [["a,b", 'q"', "line\nbreak", 1, null, true]];
    expect(parseCsvRecords(toCsv(rows))).toEqual([["a,b", 'q"', "line\nbreak", "1", "", "true"]]);
  });
});

describe("ownership marker", () => {
  test("readable names for the usual roles, reversible", () => {
    expect(markerName("report:aging")).toBe("BPODESK_REPORT__AGING");
    expect(markerName("entry-log")).toBe("BPODESK_ENTRY_LOG");
    for (const role of ["report:aging", "recon:summary", "entry-log", "a-b:c-d"])
      expect(roleFromMarker(markerName(role))).toBe(role);
  });

  test("any other role is encoded injectively", () => {
    const odd = ["Entry Log", "entry_log", "a--b", "ünï", "report::x"];
    const names = odd.map(markerName);
    expect(new Set(names).size).toBe(odd.length);
    names.forEach((n, i) => expect(roleFromMarker(n)).toBe(odd[i]));
    expect(names.every((n) => /^[A-Z0-9_]+$/.test(n))).toBe(true);
  });

  test("user names are not markers; #REF! resolves to no sheet", () => {
    expect(roleFromMarker("Print_Area")).toBeNull();
    const m = markersOf([
      { name: "BPODESK_REPORT__AGING", reference: "='Aging Report'!$A$1" },
      { name: "BPODESK_ENTRY_LOG", reference: "=#REF!" },
      { name: "Rates", reference: "=Sheet1!$A$1:$B$9" },
    ]);
    expect(m).toEqual([
      { role: "report:aging", name: "BPODESK_REPORT__AGING", sheet: "Aging Report" },
      { role: "entry-log", name: "BPODESK_ENTRY_LOG", sheet: null },
    ]);
    expect(roleOfSheet(m, "aging report")).toBe("report:aging");
  });
});

describe("A1 helpers", () => {
  test("columns, ranges and sheet references", () => {
    expect([1, 26, 27, 702, 703, 16384].map(colLetters)).toEqual(["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
    expect(colNumber("XFD")).toBe(16384);
    expect(parseRange("$B$6:A2")).toEqual({ top: 2, left: 1, bottom: 6, right: 2 });
    expect(sheetReference("O'Brien Ltd", "A6:A10")).toBe("'O''Brien Ltd'!$A$6:$A$10");
    expect(sheetOfReference("='O''Brien Ltd'!$A$1")).toBe("O'Brien Ltd");
    expect(sheetOfReference("Sheet1!$A$1")).toBe("Sheet1");
    expect(sheetOfReference("=#REF!")).toBeNull();
    expect(() => parseRange("B$$")).toThrow(/not a cell address/);
  });

  test("text Excel would reinterpret gets the quote prefix; ordinary text does not", () => {
    for (const s of [
      "=1+1",
      "+44",
      "-x",
      "@x",
      "\tx",
      "\rx",
      "'quoted",
      "00123",
      "1,234.50",
      "12/03/2025",
      "10:30",
      "5%",
      "TRUE",
      "Mar 5",
      "5-Mar",
      "2025-03-31",
    ])
      expect([s, needsQuotePrefix(s)]).toEqual([s, true]);
    for (const s of ["Acme Ltd", "INV-001", "A1", "Total", "", "Mary-Jane", "GSTIN 27AAAPL1234C1Z5"])
      expect([s, needsQuotePrefix(s)]).toEqual([s, false]);
  });

  test("row blocks stay under the byte budget and cover every row once", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`row ${i}`, i]);
    const blocks = splitRowBlocks(rows, 2000);
    expect(blocks[0][0]).toBe(0);
    expect(blocks[blocks.length - 1][1]).toBe(1000);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i][0]).toBe(blocks[i - 1][1]);
    for (const [a, b] of blocks) expect(JSON.stringify(rows.slice(a, b)).length).toBeLessThanOrEqual(2000);
  });

  test("tableFromGrid: header is the first non-blank row, blank rows kept, trailing ones dropped", () => {
    const t = tableFromGrid(
      [
        [null, null],
        [null, " Ref "],
        [null, "a"],
        [null, null],
        [null, "b"],
        [null, "  "],
      ],
      3,
      2,
      "S",
      "S",
    );
    expect(t).toEqual({
      name: "S",
      sheet: "S",
      headers: ["Ref"],
      rows: [["a"], [null], ["b"]],
      firstRow: 5,
      firstColumn: 3,
    });
    expect(tableFromGrid([[null], [""]], 1, 1, "S", "S")).toBeNull();
  });
});

describe("finding a sheet's header row", () => {
  it("is the first non-blank row of an ordinary table, even when its data is all text", () => {
    const grid = [[], ["Code", "Name", null], ["A1", "Alpha", "x"], ["B2", "Beta", "y"]];
    expect(headerRowOf(grid)).toBe(1);
  });

  it("skips a bank statement's title lines to the row of column headers", () => {
    // The shape of an Indian bank's CSV export: bank name, period, account number, a blank line, then the table.
    const grid: CellValue[][] = [
      ["HDFC BANK LTD", null, null, null, null, null],
      ["Statement of account for 01/10/2025 to 31/10/2025", null, null, null, null, null],
      ["Account No :", 50100123456789, null, null, null, null],
      [null, null, null, null, null, null],
      ["Date", "Narration", "Chq./Ref.No.", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"],
      ["01/10/25", "NEFT ACME", "UTR1234", null, "1,25,000.00", "1,25,000.00"],
    ];
    expect(headerRowOf(grid)).toBe(4);
    const t = tableFromGrid(grid, 1, 1, "Bank", "Bank")!;
    expect(t.headers[0]).toBe("Date");
    expect(t.firstRow).toBe(6);
    expect(t.rows).toHaveLength(1);
  });

  it("keeps the first row when nothing below the title looks like a header", () => {
    const grid: CellValue[][] = [["Totals"], [1, 2, 3], [4, 5, 6]];
    expect(headerRowOf(grid)).toBe(0);
    expect(headerRowOf([[], [null]])).toBe(-1);
  });
});
