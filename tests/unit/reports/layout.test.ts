/** The shared report layout: geometry of the parts, and a sheet assembled where the plan says. */
import {
  addr,
  chartIn,
  chartSlot,
  colLetter,
  keyBlock,
  keyShape,
  planReport,
  reportSheet,
  sumWhereExact,
  xlString,
  type DetailColumn,
  type ReportContent,
  type ReportPlan,
  type ReportShape,
} from "../../../src/core/reports/layout";
import { NUMFMT, moneyFormatFor, type SheetSpec } from "../../../src/core/sheet-spec";

/** A report of `cols` detail columns (each `width` wide) and these detail rows, with or without a summary block. */
function sheetOf(
  cols: number,
  rows: (number | string | null)[][],
  opts: {
    summary?: boolean;
    notes?: number;
    width?: number;
    numFmt?: string;
    name?: string;
  } & Pick<ReportContent, "links"> = {},
): { plan: ReportPlan; s: SheetSpec } {
  const detail: DetailColumn[] = Array.from({ length: cols }, (_, i) => ({
    header: `C${i + 1}`,
    width: opts.width ?? 10,
    numFmt: i === 0 ? opts.numFmt : undefined,
  }));
  const shape: ReportShape = {
    notes: opts.notes ?? 0,
    blocks: opts.summary ? [{ rows: 1, columns: 2, caption: true }] : [],
    detail,
    detailRows: rows.length,
    detailCaption: !!opts.summary,
  };
  const plan = planReport(shape);
  const s = reportSheet(plan, {
    name: opts.name ?? "R",
    role: "report:test",
    title: "Test",
    asOf: 45961,
    sources: [],
    notes: Array.from({ length: shape.notes }, (_, i) => `note ${i}`),
    blocks: opts.summary ? [{ caption: "Sum", header: ["k", "v"], rows: [["n", rows.length]] }] : [],
    detail: rows,
    tableName: "RDetail",
    detailCaption: "The rows",
    links: opts.links,
  });
  return { plan, s };
}

describe("report layout", () => {
  it("spells columns and string literals as Excel does", () => {
    expect([colLetter(1), colLetter(26), colLetter(27), colLetter(702), colLetter(703)]).toEqual([
      "A",
      "Z",
      "AA",
      "ZZ",
      "AAA",
    ]);
    expect(addr(3, 28)).toBe("AB3");
    expect(xlString('say "hi"')).toBe('"say ""hi"""');
  });

  it("stacks blocks, puts a 'beside' block to the right, keeps room for the chart, then the detail", () => {
    const plan = planReport({
      notes: 2,
      blocks: [
        { rows: 3, columns: 2, caption: true },
        { rows: 6, columns: 2, caption: true, beside: true },
        { rows: 1, columns: 3 },
      ],
      detail: [{ header: "A" }, { header: "B" }],
      detailRows: 4,
    });
    // Title 1, as-of 2, sources 3, notes 4-5, blank 6, first block at 7 (caption) / 8 (header).
    expect(plan.blocks[0]).toMatchObject({ captionRow: 7, headerRow: 8, firstRow: 9, lastRow: 11, col: 1 });
    expect(plan.blocks[1]).toMatchObject({ captionRow: 7, headerRow: 8, firstRow: 9, lastRow: 14, col: 4 });
    expect(plan.blocks[2]).toMatchObject({ captionRow: 0, headerRow: 16, firstRow: 17, lastRow: 17, col: 1 });
    expect(plan.detailHeaderRow).toBe(19);
    expect(plan.range("B")).toBe("$B$20:$B$23");
    expect(plan.cell(1, 0, 1)).toBe("E9");
    expect(plan.chartColumn).toBe(7);
    const withChart = planReport({
      notes: 0,
      blocks: [{ rows: 2, columns: 2 }],
      detail: [{ header: "A" }],
      detailRows: 0,
      chartRows: 16,
    });
    expect(withChart.detailHeaderRow).toBe(5 + 16 + 2);
    expect(withChart.detailLastRow).toBe(withChart.detailFirstRow); // one placeholder row
  });

  it("writes title, as-of date, sources, notes, blocks and the detail table, freezing only the title band", () => {
    const plan = planReport({
      notes: 1,
      blocks: [{ rows: 1, columns: 2 }],
      detail: [{ header: "X", numFmt: "0.00" }],
      detailRows: 2,
    });
    const s = reportSheet(plan, {
      name: "R",
      role: "report:test",
      title: "Test",
      asOf: 45961,
      sources: ["T1", "T2"],
      notes: ["careful"],
      blocks: [{ header: ["k", "v"], rows: [["sum", { f: `SUM(${plan.range("X")})`, v: 3 }]] }],
      detail: [[1], [2]],
      tableName: "RDetail",
    });
    expect(s.rows[0][0]).toBe("Test");
    expect(s.rows[1]).toEqual(["As of", 45961, null, "Go to the detail (2 rows) ↓"]);
    expect(s.rows[2]).toEqual(["Sources", "T1; T2"]);
    expect(s.rows[3]).toEqual(["Note", "careful"]);
    expect(s.rows[5]).toEqual(["k", "v"]);
    expect(s.rows[6]).toEqual(["sum", { f: "SUM($A$10:$A$11)", v: 3 }]);
    expect(s.rows[8]).toEqual(["X"]);
    expect(s.rows[9]).toEqual([1]);
    expect(s.tables).toEqual([{ name: "RDetail", range: "A9:A11", style: "TableStyleMedium2" }]);
    expect(s.freeze).toEqual({ rows: 2, columns: 0 });
    expect(s.styles).toContainEqual({ range: "A10:A11", style: { numFmt: "0.00" } });
  });

  it("freezes only a table's header, at most 10 rows, and never a summary", () => {
    const table = sheetOf(3, [[1], [2]]);
    expect(table.s.freeze).toEqual({ rows: table.plan.detailHeaderRow, columns: 0 });
    expect(table.plan.detailHeaderRow).toBeLessThanOrEqual(10);
    // Many notes push the header down: then only the title band is frozen.
    const noted = sheetOf(3, [[1]], { notes: 12 });
    expect(noted.plan.detailHeaderRow).toBeGreaterThan(10);
    expect(noted.s.freeze).toEqual({ rows: 2, columns: 0 });
    const summary = sheetOf(3, [[1]], { summary: true });
    expect(summary.s.freeze).toEqual({ rows: 2, columns: 0 });
    expect(summary.s.rows[summary.plan.detailCaptionRow - 1][0]).toBe("The rows");
  });

  it("prints on A4, one page wide, landscape from 8 columns or a wide page, the header repeated on every page", () => {
    const narrow = sheetOf(7, [[1]]).s.print!;
    expect(narrow).toMatchObject({ orientation: "portrait", paper: "A4", fit: { wide: 1, tall: 0 } });
    expect(sheetOf(8, [[1]]).s.print!.orientation).toBe("landscape");
    expect(sheetOf(4, [[1]], { width: 40 }).s.print!.orientation).toBe("landscape");
    const { plan, s } = sheetOf(3, [[1], [2], [3]], { summary: true });
    const p = s.print!;
    expect(p.titleRows).toEqual({ first: plan.detailHeaderRow, last: plan.detailHeaderRow });
    // The summary on the first page, the detail (its caption) from the next.
    expect(p.pageBreaksBefore).toEqual([plan.detailCaptionRow]);
    expect(p.header).toEqual({ left: "&A", right: "As of 2025-10-31" });
    expect(p.footer).toEqual({ left: "Test", right: "Page &P of &N" });
    // A table-only sheet needs no break.
    expect(sheetOf(3, [[1]]).s.print!.pageBreaksBefore).toEqual([]);
  });

  it("gives a negative amount the negative rupee format, cell by cell, and one format when signs flip too often", () => {
    const { plan, s } = sheetOf(2, [[100], [-5], [-7], [3], [{ f: "A1", v: -2 } as never]], { numFmt: NUMFMT.inr });
    const r0 = plan.detailFirstRow;
    const fmts = s.styles!.filter((x) => x.style.numFmt).map((x) => [x.range, x.style.numFmt]);
    expect(fmts).toContainEqual([`A${r0}:A${r0 + 4}`, NUMFMT.inr]);
    expect(fmts).toContainEqual([`A${r0 + 1}:A${r0 + 2}`, NUMFMT.inrNegative]);
    expect(fmts).toContainEqual([`A${r0 + 4}`, NUMFMT.inrNegative]);
    expect(fmts.filter(([, f]) => f === NUMFMT.inrNegative)).toHaveLength(2);
    const flipping = Array.from({ length: 600 }, (_, i) => [i % 2 ? -1 : 1]);
    const many = sheetOf(1, flipping, { numFmt: NUMFMT.inr }).s.styles!.filter(
      (x) => x.style.numFmt && x.range !== "B2",
    );
    expect(many).toHaveLength(1);
    expect(many[0].style.numFmt).toBe('"₹"#,##0.00;[Red]-"₹"#,##0.00');
    expect([moneyFormatFor(5), moneyFormatFor(-5), moneyFormatFor(0, "INR", 0), moneyFormatFor(-1, "INR", 0)]).toEqual([
      NUMFMT.inr,
      NUMFMT.inrNegative,
      NUMFMT.inrWhole,
      NUMFMT.inrWholeNegative,
    ]);
  });

  it("links summary cells to their rows: a range when together, a sheet-scoped name over the areas when not", () => {
    const rows = Array.from({ length: 6 }, (_, i) => [i]);
    const { plan, s } = sheetOf(3, rows, {
      summary: true,
      name: "Bob's & Co",
      links: [
        { cell: "A7", to: { rows: [1, 2, 3] }, tooltip: "together" },
        { cell: "A8", to: { rows: [4, 0, 5] }, name: "Bucket 90+", tooltip: "apart" },
        { cell: "B7", to: { column: "C2" }, tooltip: "a column" },
        { cell: "B8", to: { rows: [] }, tooltip: "nothing" },
      ],
    });
    const f = plan.detailFirstRow;
    const q = "'Bob''s & Co'";
    expect(s.hyperlinks).toEqual([
      { cell: "D2", location: `${q}!A${plan.detailHeaderRow}:C${f + 5}`, tooltip: expect.any(String) },
      { cell: "A7", location: `${q}!A${f + 1}:C${f + 3}`, tooltip: "together" },
      { cell: "A8", location: `${q}!Bucket_90`, tooltip: "apart" },
      { cell: "B7", location: `${q}!B${f}:B${f + 5}`, tooltip: "a column" },
    ]);
    expect(s.names).toEqual([{ name: "Bucket_90", refersTo: `A${f}:C${f},A${f + 4}:C${f + 5}`, comment: "apart" }]);
    // Linked cells look like links.
    expect(s.styles).toContainEqual({ range: "A8", style: { fontColor: "#0563C1", underline: true } });
  });

  it("matches user text exactly in SUMPRODUCT, puts a chart inside its slot and a key beside its colours", () => {
    expect(sumWhereExact("$A$9:$A$90", "$A5")).toBe("SUMPRODUCT(--EXACT($A$9:$A$90,$A5))");
    expect(sumWhereExact("$A$9:$A$90", "$A5", ["$E$9:$E$90>=1", '$J$9:$J$90="Yes"'], "$I$9:$I$90")).toBe(
      'SUMPRODUCT(EXACT($A$9:$A$90,$A5)*($E$9:$E$90>=1)*($J$9:$J$90="Yes")*$I$9:$I$90)',
    );
    const key = [{ style: { fill: "#FFC7CE" }, sample: "90+", meaning: "late" }];
    const plan = planReport({
      notes: 0,
      blocks: [{ rows: 2, columns: 2, caption: true }, chartSlot(3, true), keyShape(key)],
      detail: [{ header: "A" }],
      detailRows: 1,
    });
    const chart = chartIn(plan, 1, { type: "column", title: "t", categories: "A7:A8", series: [] });
    const slot = plan.blocks[1];
    expect(chart.anchor).toEqual({ from: addr(slot.firstRow, 4), to: addr(slot.lastRow, 6) });
    expect(slot.lastRow - slot.firstRow + 1).toBe(16);
    expect(() => chartIn(plan, 0, { type: "column", title: "t", categories: "A7:A8", series: [] })).toThrow();
    const s = reportSheet(plan, {
      name: "R",
      role: "report:test",
      title: "T",
      asOf: 45961,
      sources: [],
      notes: [],
      blocks: [
        {
          header: ["k", "v"],
          rows: [
            ["a", 1],
            ["b", 2],
          ],
        },
        null,
        keyBlock(key),
      ],
      detail: [[1]],
      tableName: "RDetail",
      charts: [chart],
    });
    const k = plan.blocks[2];
    expect(s.rows[k.firstRow - 1].slice(0, 2)).toEqual(["90+", "late"]);
    expect(s.styles).toContainEqual({
      range: `A${k.firstRow}`,
      style: { fill: "#FFC7CE", horizontalAlignment: "center" },
    });
    expect(s.print!.orientation).toBe("portrait");
  });
});
