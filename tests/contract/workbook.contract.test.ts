/**
 * The Workbook port's contract (the cases of ./cases.ts, the same lists `npm run test:excel` runs inside
 * Excel) against both adapters, then what only the office adapter on the strict Excel fake can show:
 * round trips and payloads, failures injected at every step, and Excel's behaviours that only Excel would
 * catch (cell-edit mode, requirement sets, concurrent batches, the 1904 date system, the grid's edge).
 */
import type { CellValue } from "../../src/core/sheet-spec";
import { OfficeWorkbook } from "../../src/workbook/office";
import { WorkbookError } from "../../src/workbook/port";
import { ExcelFake, MB } from "../fakes/excel-fake";
import { OFFICE_CASES, WORKBOOK_CONTRACT, protectedLog, report, type Harness } from "./cases";
import { fileHarness, newerHost, officeHarness } from "./harnesses";

const adapters: [string, () => Harness][] = [
  ["FileWorkbook", fileHarness],
  ["OfficeWorkbook (strict Excel fake)", () => officeHarness()],
];

describe.each(adapters)("Workbook contract: %s", (_label, make) => {
  for (const c of WORKBOOK_CONTRACT) test(c.name, () => c.run(make()));
});

describe("Office adapter cases (strict Excel fake)", () => {
  for (const c of OFFICE_CASES) test(c.name, () => c.run(officeHarness()));
});

describe("OfficeWorkbook on the fake: round trips and payloads", () => {
  test("a 100,000 x 10 write stays under 4 MB per request in few syncs", async () => {
    const h = officeHarness();
    const rows: CellValue[][] = [Array.from({ length: 10 }, (_, j) => `Col ${j + 1}`)];
    for (let i = 0; i < 100_000; i++)
      rows.push([
        `INV-${i}`,
        i * 1.25,
        45000 + (i % 365),
        "Acme Corporation Ltd",
        i % 7,
        "open",
        12.5,
        i,
        "note",
        true,
      ]);
    await h.wb.write({ name: "Big", role: "report:big", rows });
    const bytes = h.fake.totalBytes;
    expect(h.fake.maxRequestBytes).toBeLessThanOrEqual(4 * MB);
    expect(h.fake.syncCount).toBeLessThanOrEqual(Math.ceil(bytes / (4 * MB)) + 2);
    expect(bytes).toBeGreaterThan(4 * MB); // the test really needs several blocks
    expect(h.fake.values("Big", "A100001:C100001")).toEqual([["INV-99999", 99999 * 1.25, 45000 + (99999 % 365)]]);
    expect(h.fake.syncs.some((s) => s.labels.includes("application.suspendApiCalculationUntilNextSync"))).toBe(true);

    // Reading it back stays under Excel on the web's 5 MB response limit (the fake throws beyond it).
    h.fake.resetCounters();
    const back = await h.wb.read("Big");
    expect(back.rows).toHaveLength(100_000);
    expect(back.rows[99_999].slice(0, 3)).toEqual(["INV-99999", 99999 * 1.25, 45000 + (99999 % 365)]);
    expect(Math.max(...h.fake.syncs.map((s) => s.responseBytes ?? 0))).toBeLessThanOrEqual(5 * MB);
    expect(h.fake.syncCount).toBeGreaterThan(2);
  });

  test("append into a table takes exactly one sync; reading a table two", async () => {
    const h = officeHarness();
    await h.userTable("Entries", "tblEntries", [
      ["Ref", "Amount"],
      ["R1", 1],
    ]);
    h.fake.resetCounters();
    await h.wb.append("tblEntries", [["R2", 2]]);
    expect(h.fake.syncCount).toBe(1);
    h.fake.resetCounters();
    await h.wb.read("tblEntries");
    expect(h.fake.syncCount).toBe(2);
  });

  test("a small report is written in two round trips: one to look, one to write", async () => {
    const h = officeHarness();
    await h.wb.write({ ...report(), tables: [{ name: "AgingData", range: "A1:D3" }], protect: true });
    expect(h.fake.syncCount).toBe(2);
    h.fake.resetCounters();
    await h.wb.write({ ...report(), tables: [{ name: "AgingData", range: "A1:D3" }], protect: true });
    expect(h.fake.syncCount).toBe(2);
  });

  test("print setup, links, names, chart axes and underline ride with the write: still two round trips", async () => {
    const h = officeHarness();
    const spec = {
      ...report(),
      styles: [{ range: "A4", style: { underline: true, fontColor: "#0563C1" } }],
      print: {
        orientation: "landscape" as const,
        paper: "A4" as const,
        fit: { wide: 1, tall: 0 },
        titleRows: { first: 1, last: 1 },
        pageBreaksBefore: [3],
        header: { left: "&A" },
        footer: { right: "Page &P of &N" },
        centerHorizontally: true,
      },
      hyperlinks: [{ cell: "A4", location: "'Aging Report'!Rows_all", tooltip: "All rows" }],
      names: [{ name: "Rows_all", refersTo: "A2:D2,A3:D3" }],
      charts: [
        {
          type: "column" as const,
          title: "Amounts",
          categories: "A2:A3",
          series: [
            { name: "Amount", values: "B2:B3", color: "#1F4E78" },
            { name: "Target", values: "B2:B3", type: "line" as const, color: "#C00000" },
          ],
          anchor: { from: "F2", to: "M15" },
          valueAxis: { numFmt: "0%", min: 0, max: 1, majorUnit: 0.2 },
          legend: "bottom" as const,
        },
      ],
    };
    await h.wb.write(spec);
    expect(h.fake.syncCount).toBe(2);
    h.fake.resetCounters();
    await h.wb.write(spec);
    expect(h.fake.syncCount).toBe(2);
    const s = h.fake.sheet("Aging Report");
    expect(s.pageLayout).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$1:$1",
      rowBreaks: [3],
      centerHorizontally: true,
    });
    expect(s.hyperlinks.get("4,1")).toEqual({ documentReference: "'Aging Report'!Rows_all", screenTip: "All rows" });
    expect(s.names.map((n) => [n.name, n.formula])).toEqual([
      ["Rows_all", "='Aging Report'!$A$2:$D$2,'Aging Report'!$A$3:$D$3"],
    ]);
    expect(s.charts[0].axes.value).toMatchObject({ numberFormat: "0%", minimum: 0, maximum: 1, majorUnit: 0.2 });
    expect(s.charts[0].series.map((x) => [x.chartType, x.fillColor, x.lineColor])).toEqual([
      [null, "#1F4E78", null],
      ["Line", null, "#C00000"],
    ]);
    expect(s.charts[0].legend).toMatchObject({ visible: true, position: "Bottom" });
    expect(s.formats).toEqual(expect.arrayContaining([{ address: "A4", path: "font.underline", value: "Single" }]));
  });

  test("a name or link cell Excel would refuse is refused before anything is written", async () => {
    const h = officeHarness();
    for (const bad of [
      { names: [{ name: "A1", refersTo: "A2:D2" }] },
      { names: [{ name: "my rows", refersTo: "A2:D2" }] },
      { names: [{ name: "Rows_x", refersTo: "A2:D$$" }] },
      {
        names: [
          { name: "Rows_x", refersTo: "A2" },
          { name: "rows_X", refersTo: "A3" },
        ],
      },
      { hyperlinks: [{ cell: "B", location: "'Aging Report'!A2" }] },
    ])
      await expect(h.wb.write({ ...report(), ...bad })).rejects.toMatchObject({ code: "bad-input" });
    expect(h.fake.sheetNames()).toEqual([]);
    expect(h.fake.syncCount).toBe(0);
  });

  test("append to the add-in's protected log: one look, one request, and the sheet is protected again", async () => {
    const h = officeHarness();
    await h.wb.write(protectedLog);
    expect(h.fake.sheet("Entry Log").protected).toBe(true);
    // Excel refuses rows on a protected sheet, and so does the fake.
    await expect(h.wb.append("tblLog", [[45748, "R2"]])).rejects.toThrow(/protected/);
    h.fake.resetCounters();
    await h.wb.append("tblLog", [[45748, "R2"]], { ownedBy: "entry-log" });
    expect(h.fake.syncCount).toBe(2);
    expect(h.fake.sheet("Entry Log").protected).toBe(true);
    expect(h.fake.values("Entry Log", "A3:B3")).toEqual([[45748, "R2"]]);
  });

  test("the first row into the add-in's empty protected table replaces Excel's placeholder row", async () => {
    const h = officeHarness();
    await h.wb.write({ ...protectedLog, rows: [["When", "Ref"]], tables: [{ name: "tblLog", range: "A1:B1" }] });
    expect(await h.wb.append("tblLog", [[45747, "R1"]], { ownedBy: "entry-log" })).toEqual({ firstRow: 2 });
    expect(h.fake.values("Entry Log", "A2:B3")).toEqual([
      [45747, "R1"],
      [null, null],
    ]);
    expect(h.fake.sheet("Entry Log").protected).toBe(true);
  });

  test("a table longer than the first block is read in further blocks, in order", async () => {
    const h = officeHarness();
    const rows: CellValue[][] = [["Ref", "Amount"]];
    for (let i = 1; i <= 2500; i++) rows.push([`R${i}`, i]);
    await h.userTable("Entries", "tblEntries", rows);
    h.fake.resetCounters();
    const t = await h.wb.read("tblEntries");
    expect(t.rows).toHaveLength(2500);
    expect(t.rows[0]).toEqual(["R1", 1]);
    expect(t.rows[2499]).toEqual(["R2500", 2500]);
    expect(h.fake.syncCount).toBe(3);
  });

  test("a 40-column text table is read in blocks sized from its width, every response under 5 MB", async () => {
    const h = officeHarness();
    const text = "x".repeat(100);
    const rows: CellValue[][] = [Array.from({ length: 40 }, (_, j) => `Field ${j + 1}`)];
    for (let i = 0; i < 2000; i++) rows.push(Array.from({ length: 40 }, (_, j) => `${i}:${j} ${text}`));
    await h.userTable("Wide", "tblWide", rows);
    h.userSheet("WideSheet", rows);
    for (const source of ["tblWide", "WideSheet"]) {
      h.fake.resetCounters();
      const t = await h.wb.read(source);
      expect(t.rows).toHaveLength(2000);
      expect(t.rows[1999][39]).toBe(`1999:39 ${text}`);
      expect(Math.max(...h.fake.syncs.map((s) => s.responseBytes ?? 0))).toBeLessThanOrEqual(5 * MB);
    }
  });

  test("text is quote-prefixed only where Excel would reinterpret it", async () => {
    const h = officeHarness();
    await h.userSheet("Log", [["Note"]]);
    await h.wb.append("Log", [["=1+1"], ["plain text"], ["1,234.50"], ["#N/A"]]);
    const labels = h.fake.syncs.flatMap((s) => s.labels);
    expect(labels).toContain("range.values");
    expect(h.fake.values("Log", "A2:A5")).toEqual([["=1+1"], ["plain text"], ["1,234.50"], ["#N/A"]]);
    expect(h.fake.formula("Log", "A2")).toBeNull();
    expect(h.fake.valueType("Log", "A5")).toBe("String");
  });

  test("formatting, tables, conditional formats, charts, freeze, protection, tab colour and marker land in Excel", async () => {
    const h = officeHarness();
    await h.wb.write({
      ...report(),
      merges: ["A5:D5"],
      tables: [{ name: "AgingData", range: "A1:D3" }],
      conditionalFormats: [
        { range: "B2:B3", type: "cellValue", operator: "greaterThan", formulas: ["15"], style: { fill: "#FFC7CE" } },
        { range: "B2:B3", type: "cellValue", operator: "equal", formulas: ["10"], style: { fill: "#C6EFCE" } },
        { range: "A2:D3", type: "expression", formula: "$D2=FALSE", style: { fontColor: "#9C0006", bold: true } },
      ],
      charts: [
        {
          type: "column",
          title: "Amounts",
          categories: "A2:A3",
          series: [{ name: "Amount", values: "B2:B3" }],
          anchor: { from: "F2", to: "M15" },
        },
      ],
      protect: true,
      tabColor: "#1F4E78",
    });
    const s = h.fake.sheet("Aging Report");
    expect(s.freeze).toEqual({ rows: 1, columns: 0 });
    expect(s.protected).toBe(true);
    expect(s.tabColor).toBe("#1F4E78");
    expect(s.merges).toEqual([{ top: 5, left: 1, bottom: 5, right: 4 }]);
    expect(h.fake.book.tables.map((t) => t.name)).toEqual(["AgingData"]);
    expect(s.cfs.map((c) => c.type)).toEqual(["CellValue", "CellValue", "Custom"]);
    expect(s.cfs[0].rule).toEqual({ formula1: "=15", operator: "GreaterThan" });
    expect(s.cfs[1].rule).toEqual({ formula1: "=10", operator: "EqualTo" });
    expect(s.cfs[2].formula).toBe("=$D2=FALSE");
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0]).toMatchObject({
      type: "ColumnClustered",
      title: "Amounts",
      position: { from: "F2", to: "M15" },
    });
    expect(s.charts[0].series[0]).toMatchObject({ name: "Amount", xValues: "Aging Report!A2:A3" });
    expect(s.charts[0].series[0].values).toBe("Aging Report!B2:B3");
    expect(s.formats).toEqual(expect.arrayContaining([{ address: "A1:D1", path: "font.bold", value: true }]));
    expect(h.fake.book.names.map((n) => [n.name, n.formula, n.comment])).toEqual([
      ["BPODESK_REPORT__AGING", "='Aging Report'!$A$1", "report:aging"],
    ]);
    // The protection came last: the table was named and styled before it.
    const labels = h.fake.syncs.flatMap((x) => x.labels);
    expect(labels.lastIndexOf("protection.protect")).toBeGreaterThan(labels.lastIndexOf("table.name"));
  });

  test.each([
    "worksheet.copy",
    "table.delete",
    "range.clear",
    "range.formulas",
    "tables.add",
    "protection.protect",
    "worksheet.delete",
  ])(
    "a failure at %s during a replacing write leaves the old owned sheet in place, marked, and nothing else",
    async (label) => {
      const h = officeHarness();
      await h.userSheet("First", [["x"]]);
      await h.wb.write({ ...report(), tables: [{ name: "AgingData", range: "A1:D3" }] });
      await h.userSheet("Last", [["y"]]);
      h.fake.failWhen = (l) => l === label;
      await expect(
        h.wb.write({
          ...report("Aging Report", "report:aging", [7, 8]),
          protect: true,
          tables: [{ name: "AgingData", range: "A1:D3" }],
        }),
      ).rejects.toThrow(/Injected failure/);
      // Wherever it failed, the old sheet is back under its name and in its place; nothing else is left.
      expect(h.sheetNames()).resolves.toEqual(["First", "Aging Report", "Last"]);
      expect((await h.wb.read("Aging Report")).rows[0]).toEqual(["Acme", 10, 45747, true]);
      expect((await h.wb.read("AgingData")).rows[0]).toEqual(["Acme", 10, 45747, true]);
      expect((await h.wb.sheets()).map((s) => s.role)).toEqual([null, "report:aging", null]);
      expect(h.fake.book.names).toHaveLength(1);
      expect(h.fake.book.tables.map((t) => t.name)).toEqual(["AgingData"]);
      // And the next write goes through.
      await h.wb.write(report("Aging Report", "report:aging", [7, 8]));
      expect((await h.wb.read("Aging Report")).rows[0]).toEqual(["Acme", 7, 45747, true]);
    },
  );

  test.each(["worksheets.add", "range.formulas", "tables.add", "worksheet.name", "names.add", "protection.protect"])(
    "a failure at %s while writing a new sheet leaves no sheet and no marker",
    async (label) => {
      const h = officeHarness();
      await h.userSheet("First", [["x"]]);
      h.fake.failWhen = (l) => l === label;
      await expect(
        h.wb.write({ ...report(), protect: true, tables: [{ name: "AgingData", range: "A1:D3" }] }),
      ).rejects.toThrow(/Injected failure/);
      expect(h.fake.sheetNames()).toEqual(["First"]);
      expect(h.fake.book.names).toHaveLength(0);
      expect(h.fake.book.tables).toHaveLength(0);
    },
  );

  test("a replaced report keeps one chart and one table, freshly made, and no temporary or backup sheet", async () => {
    const h = officeHarness();
    const spec = {
      ...report(),
      tables: [{ name: "AgingData", range: "A1:D3" }],
      charts: [
        {
          type: "column" as const,
          title: "Amounts",
          categories: "A2:A3",
          series: [{ name: "Amount", values: "B2:B3" }],
          anchor: { from: "F2", to: "M15" },
        },
      ],
      merges: ["A6:D6"],
      columns: [{ width: 18, hidden: true }],
    };
    await h.wb.write(spec);
    await h.wb.write({ ...spec, rows: spec.rows.slice(0, 3), charts: [{ ...spec.charts[0], title: "Again" }] });
    const s = h.fake.sheet("Aging Report");
    expect(s.charts.map((c) => c.title)).toEqual(["Again"]);
    expect(s.merges).toEqual([{ top: 6, left: 1, bottom: 6, right: 4 }]);
    expect(h.fake.book.tables.map((t) => [t.name, t.sheet.name])).toEqual([["AgingData", "Aging Report"]]);
    // The old total row went with the old content.
    expect(h.fake.values("Aging Report", "A4:B4")).toEqual([[null, null]]);
    expect(h.fake.sheetNames()).toEqual(["Aging Report"]);
  });

  test("a renamed owned sheet keeps its role; a deleted one loses it", async () => {
    const h = officeHarness();
    await h.wb.write(report());
    h.fake.sheet("Aging Report").name = "Aging (old)";
    expect(await h.wb.sheets()).toEqual([{ name: "Aging (old)", role: "report:aging", visible: true }]);
    // The marker follows the rename, so a new write under the old name creates a second sheet.
    await h.wb.write(report());
    expect(h.fake.sheetNames()).toEqual(["Aging (old)", "Aging Report"]);
  });
});

describe("OfficeWorkbook meets what only Excel does", () => {
  test("in cell-edit mode a host without ExcelApi 1.11 gets a message saying what to do", async () => {
    const h = officeHarness();
    await h.userSheet("Data", [["Ref"], ["a"]]);
    h.fake.startCellEdit();
    const err = await h.wb.read("Data").catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect(err).toMatchObject({
      code: "busy",
      message: "Finish editing the cell (press Enter or Esc), then try again.",
    });
    h.fake.endCellEdit();
    expect((await h.wb.read("Data")).rows).toEqual([["a"]]);
  });

  test("in cell-edit mode an ExcelApi 1.11 host waits for the edit to end (delayForCellEdit)", async () => {
    const h = newerHost({ grant: { ExcelApi: "1.11" } });
    await h.userSheet("Data", [["Ref"], ["a"]]);
    h.fake.startCellEdit();
    let done = false;
    const read = h.wb.read("Data").then((t) => ((done = true), t));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    h.fake.endCellEdit();
    expect((await read).rows).toEqual([["a"]]);
  });

  test("the ribbon and the pane writing at once: both land, nothing temporary is left", async () => {
    const h = officeHarness();
    await h.userSheet("Data", [["x"]]);
    await Promise.all([
      h.wb.write(report("Aging Report", "report:aging")),
      new OfficeWorkbook(h.fake).write(report("SLA Report", "report:sla")),
      new OfficeWorkbook(h.fake).write(report("Aging Report", "report:aging", [1, 2])),
    ]);
    expect(h.fake.sheetNames()).toEqual(["Data", "Aging Report", "SLA Report"]);
    expect((await h.wb.read("Aging Report")).rows[0]).toEqual(["Acme", 1, 45747, true]);
    expect((await h.wb.read("SLA Report")).rows[0]).toEqual(["Acme", 10, 45747, true]);
  });

  test("a failing write rolls back only its own temporary sheet while another write runs", async () => {
    const h = officeHarness();
    await h.userSheet("Data", [["x"]]);
    h.fake.failWhen = (l) => l === "range.merge";
    const results = await Promise.allSettled([
      h.wb.write({ ...report("Bad", "report:bad"), merges: ["A5:D5"] }),
      new OfficeWorkbook(h.fake).write(report("Good", "report:good")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
    expect(h.fake.sheetNames()).toEqual(["Data", "Good"]);
  });

  test("the highlight's getRanges is ExcelApi 1.9: refused on a host with only 1.7, fine on manifest.xml's sets", async () => {
    const old = newerHost({ declared: { ExcelApi: "1.7", SharedRuntime: "1.1" } });
    await old.userSheet("Data", [["Ref"], ["a"]]);
    await expect(old.wb.highlight("Data", ["A2"], "t")).rejects.toMatchObject({ code: "ApiNotFound" });
    const h = officeHarness();
    await h.userSheet("Data", [["Ref"], ["a"]]);
    await h.wb.highlight("Data", ["A2"], "t");
    expect(h.fake.sheet("Data").cfs).toHaveLength(1);
  });

  test("a 1904-date-system workbook reads as 1900-system serials, like the file adapter", async () => {
    const h = officeHarness();
    h.fake.book.date1904 = true;
    // 2025-03-31 is 44285 in the 1904 system (45747 - 1462); the amount is not a date.
    await h.userTable("Pay", "tblPay", [
      ["Date", "Amount"],
      [44285, 44285],
    ]);
    h.fake.sheet("Pay").numberFormats.push({ address: "A2:A2", value: "yyyy-mm-dd" });
    expect((await h.wb.read("tblPay")).rows).toEqual([[45747, 44285]]);
    h.fake.book.date1904 = false;
    expect((await h.wb.read("tblPay")).rows).toEqual([[44285, 44285]]);
  });

  test("a table at the bottom of the grid is read without reaching past it", async () => {
    const h = officeHarness();
    h.fake.addSheet("Deep");
    h.fake.setValues("Deep", "A1048570", [
      ["Ref", "Amt"],
      ["a", 1],
      ["b", 2],
    ]);
    h.fake.addTable("Deep", "tblDeep", "A1048570:B1048572");
    expect((await h.wb.read("tblDeep")).rows).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect((await h.wb.read("Deep")).rows).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect((await h.wb.tables()).map((t) => [t.name, t.kind, t.rowCount])).toEqual([
      ["tblDeep", "table", 2],
      ["Deep", "range", 2],
    ]);
  });

  test("removing a report from a structure-protected workbook says what to do", async () => {
    const h = officeHarness();
    await h.userSheet("Data", [["x"]]);
    await h.wb.write(report());
    h.fake.book.structureProtected = true;
    await expect(h.wb.remove("Aging Report", "report:aging")).rejects.toMatchObject({
      code: "protected",
      message: expect.stringMatching(/^The workbook's structure is protected \(Review → Protect Workbook\)/),
    });
    expect(h.fake.sheetNames()).toEqual(["Data", "Aging Report"]);
  });
});

describe("the Excel fake is held to Microsoft's artefacts", () => {
  test("an enum string Excel does not know fails the sync with InvalidArgument: the Equal operator", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S", [[1]]);
    const run = (operator: string) =>
      fake.run(async (context) => {
        const cf = context.workbook.worksheets.getItem("S").getRange("A1").conditionalFormats.add("CellValue");
        cf.cellValue.rule = { formula1: "=1", operator: operator as Excel.ConditionalCellValueOperator };
        await context.sync();
      });
    // What office.ts wrote before #9 ("equal" capitalised), and what Excel calls it.
    await expect(run("Equal")).rejects.toMatchObject({
      code: "InvalidArgument",
      message: expect.stringContaining('"Equal" is not Excel.ConditionalCellValueOperator'),
    });
    await expect(run("EqualTo")).resolves.toBeUndefined();
  });

  test("a member above the declared sets fails with ApiNotFound; a test may grant a newer host", async () => {
    const read = (fake: ExcelFake) =>
      fake.run(async (context) => {
        // Worksheet.getRanges is ExcelApi 1.9; RangeAreas.conditionalFormats too.
        context.workbook.worksheets.getItem("S").getRanges("A1").conditionalFormats.add("Custom");
        await context.sync();
      });
    const old = new ExcelFake({ declared: { ExcelApi: "1.8" } });
    old.addSheet("S");
    await expect(read(old)).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(old.isSetSupported("ExcelApi", "1.9")).toBe(false);
    const granted = new ExcelFake({ declared: { ExcelApi: "1.8" }, grant: { ExcelApi: "1.9" } });
    granted.addSheet("S");
    await expect(read(granted)).resolves.toBeUndefined();
    expect(granted.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(granted.isSetSupported("ExcelApi", "1.10")).toBe(false);
  });

  test("the sets granted by default are manifest.xml's", () => {
    const fake = new ExcelFake();
    expect(fake.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(fake.isSetSupported("ExcelApi", "1.11")).toBe(false);
    expect(fake.isSetSupported("CustomFunctionsRuntime", "1.1")).toBe(true);
    expect(fake.isSetSupported("CustomFunctionsRuntime", "1.2")).toBe(false);
  });

  test("a path loaded is checked too", async () => {
    const fake = new ExcelFake({ declared: { ExcelApi: "1.6" } });
    fake.addSheet("S");
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.load("items/tabColor"); // Worksheet.tabColor is ExcelApi 1.7
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  test("properties are readable only after the sync that loaded them", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S", [["a"]]);
    await fake.run(async (context) => {
      const r = context.workbook.worksheets.getItem("S").getRange("A1").load("values");
      expect(() => r.values).toThrow(/PropertyNotLoaded|not available/);
      await context.sync();
      expect(r.values).toEqual([["a"]]);
    });
  });

  test("a request over 5 MB is rejected and nothing of it runs", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S");
    await fake.run(async (context) => {
      const big = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
      context.workbook.worksheets.getItem("S").getRange("A1:A60000").values = big;
      await expect(context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(fake.value("S", "A1")).toBeNull();
  });

  test("typed text is coerced as Excel does unless quote-prefixed; #N/A typed is the error value", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S", [["=1+1", "+44", "-x", "'=1+1", "00123", "#N/A", "'#N/A", "#n/a"]]);
    expect(fake.values("S", "A1:E1")).toEqual([[2, 44, "#NAME?", "=1+1", 123]]);
    expect(["F1", "G1", "H1"].map((c) => fake.valueType("S", c))).toEqual(["Error", "String", "Error"]);
  });

  test("sheet protection refuses table, format and conditional-format changes", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S", [["h"], [1]]);
    fake.addTable("S", "tblS", "A1:A2");
    fake.sheet("S").protected = true;
    const attempt = (edit: (ws: Excel.Worksheet, context: Excel.RequestContext) => void) =>
      fake.run(async (context) => {
        edit(context.workbook.worksheets.getItem("S"), context);
        await context.sync();
      });
    for (const edit of [
      (_ws: Excel.Worksheet, c: Excel.RequestContext) => void (c.workbook.tables.getItem("tblS").name = "tblT"),
      (ws: Excel.Worksheet) => void (ws.getRange("A1").format.font.bold = true),
      (ws: Excel.Worksheet) => void ws.getRange("A1").conditionalFormats.add("Custom"),
      (ws: Excel.Worksheet) => void (ws.getRange("B1").values = [[2]]),
    ])
      await expect(attempt(edit)).rejects.toMatchObject({ code: "AccessDenied" });
  });

  test("workbook structure protection refuses adding, renaming, moving, hiding and deleting sheets", async () => {
    const fake = new ExcelFake();
    fake.addSheet("A");
    fake.addSheet("B");
    fake.book.structureProtected = true;
    const attempt = (edit: (c: Excel.RequestContext) => void) =>
      fake.run(async (context) => {
        edit(context);
        await context.sync();
      });
    for (const edit of [
      (c: Excel.RequestContext) => void c.workbook.worksheets.add("C"),
      (c: Excel.RequestContext) => void (c.workbook.worksheets.getItem("A").name = "Z"),
      (c: Excel.RequestContext) => void (c.workbook.worksheets.getItem("A").position = 1),
      (c: Excel.RequestContext) => void (c.workbook.worksheets.getItem("A").visibility = "Hidden"),
      (c: Excel.RequestContext) => c.workbook.worksheets.getItem("A").delete(),
    ])
      await expect(attempt(edit)).rejects.toMatchObject({ code: "AccessDenied" });
    expect(fake.sheetNames()).toEqual(["A", "B"]);
  });

  test("sheet and table names follow Excel's rules", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S");
    const rename = (name: string) =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("S").name = name;
        await context.sync();
      });
    for (const bad of [
      "",
      "a".repeat(32),
      "a:b",
      "a/b",
      "a?b",
      "a*b",
      "a[b]",
      "'quoted",
      "quoted'",
      "History",
      "history",
    ])
      await expect(rename(bad)).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(rename("It's fine (2025)")).resolves.toBeUndefined();
    const table = (name: string) =>
      fake.run(async (context) => {
        const t = context.workbook.worksheets.getItem("It's fine (2025)").tables.add("A1:B2", true);
        t.name = name;
        await context.sync();
      });
    for (const bad of ["1abc", "my table", "A1", "R1C1", "C", "r"])
      await expect(table(bad)).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("the last visible sheet cannot be deleted or hidden", async () => {
    const fake = new ExcelFake();
    fake.addSheet("Only");
    fake.addSheet("Hidden").visibility = "Hidden";
    const attempt = (edit: (ws: Excel.Worksheet) => void) =>
      fake.run(async (context) => {
        edit(context.workbook.worksheets.getItem("Only"));
        await context.sync();
      });
    await expect(attempt((ws) => ws.delete())).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(attempt((ws) => void (ws.visibility = "Hidden"))).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  test("a range cannot be resized beyond the grid", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S");
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1048570").getResizedRange(10, 0).load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("deleting a sheet turns the formulas and names that point at it into #REF!", async () => {
    const fake = new ExcelFake();
    fake.addSheet("Report", [["x"], [42]]);
    fake.addSheet("Mine");
    fake.sheet("Mine").put(1, 1, null, "='Report'!A2");
    fake.sheet("Mine").put(1, 2, null, "=Report!A2*2");
    fake.addName("Answer", "Report", "A2");
    expect(fake.values("Mine", "A1:B1")).toEqual([[42, 84]]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Report").name = "Old Report";
      await context.sync();
    });
    expect(fake.formula("Mine", "A1")).toBe("='Old Report'!A2");
    expect(fake.values("Mine", "A1:B1")).toEqual([[42, 84]]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Old Report").delete();
      await context.sync();
    });
    expect(fake.values("Mine", "A1:B1")).toEqual([["#REF!", "#REF!"]]);
    expect(fake.book.names[0].formula).toBe("=#REF!");
  });
});
