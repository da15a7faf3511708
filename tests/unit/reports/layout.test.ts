/** The shared report layout: geometry of the parts, and a sheet assembled where the plan says. */
import { addr, colLetter, planReport, reportSheet, xlString } from "../../../src/core/reports/layout";

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

  it("writes title, as-of date, sources, notes, blocks and a frozen detail table", () => {
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
    expect(s.rows[1]).toEqual(["As of", 45961]);
    expect(s.rows[2]).toEqual(["Sources", "T1; T2"]);
    expect(s.rows[3]).toEqual(["Note", "careful"]);
    expect(s.rows[5]).toEqual(["k", "v"]);
    expect(s.rows[6]).toEqual(["sum", { f: "SUM($A$10:$A$11)", v: 3 }]);
    expect(s.rows[8]).toEqual(["X"]);
    expect(s.rows[9]).toEqual([1]);
    expect(s.tables).toEqual([{ name: "RDetail", range: "A9:A11", style: "TableStyleMedium2" }]);
    expect(s.freeze).toEqual({ rows: 9, columns: 0 });
    expect(s.styles).toContainEqual({ range: "A10:A11", style: { numFmt: "0.00" } });
  });
});
