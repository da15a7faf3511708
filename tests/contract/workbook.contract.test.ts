/**
 * The Workbook port's contract: ONE list of cases, run against both adapters —
 * FileWorkbook (the package editor; its harness is tests/helpers/file-harness.ts) and OfficeWorkbook on the instrumented Excel fake.
 * Expected values come from Excel's documented behaviour: DATE(2025,3,31) is serial 45747
 * (1900 date system), text with a leading = + - @ typed into a cell is evaluated unless it is
 * quote-prefixed, table names and sheet names are case-insensitive.
 */
import type { CellValue, SheetSpec } from "../../src/core/sheet-spec";
import { NUMFMT } from "../../src/core/sheet-spec";
import { fileHarness } from "../helpers/file-harness";
import { OfficeWorkbook } from "../../src/workbook/office";
import { WorkbookError, type Workbook } from "../../src/workbook/port";
import { ExcelFake, MB } from "../fakes/excel-fake";

interface Harness {
  wb: Workbook;
  /** A sheet the user made (not through the port). */
  userSheet(name: string, rows: CellValue[][]): void;
  /** An Excel table the user made over rows starting at A1 of `sheet`. */
  userTable(sheet: string, name: string, rows: CellValue[][]): void;
  /** Make the next write fail while it merges cells. */
  failNextMerge(): void;
  sheetNames(): string[];
  /** How many highlight conditional formats the sheet holds. */
  conditionalFormatCount(sheet: string): number;
}

function officeHarness(fake = new ExcelFake()): Harness & { fake: ExcelFake } {
  return {
    fake,
    wb: new OfficeWorkbook(fake.run),
    userSheet: (name, rows) => void fake.addSheet(name, rows),
    userTable(sheet, name, rows) {
      fake.addSheet(sheet, rows);
      fake.addTable(sheet, name, `A1:${String.fromCharCode(64 + rows[0].length)}${rows.length}`);
    },
    failNextMerge() {
      fake.failWhen = (label) => label === "range.merge";
    },
    sheetNames: () => fake.sheetNames(),
    conditionalFormatCount: (sheet) => fake.sheet(sheet).cfs.length,
  };
}

const adapters: [string, () => Harness][] = [
  ["FileWorkbook", fileHarness],
  ["OfficeWorkbook (fake Excel)", officeHarness],
];

/** A small report: header, data with a date, and live formulas. */
function report(name = "Aging Report", role = "report:aging", amounts = [10, 20]): SheetSpec {
  return {
    name,
    role,
    rows: [
      ["Customer", "Amount", "Due", "Paid"],
      ["Acme", amounts[0], 45747, true],
      ["Globex", amounts[1], 45748, false],
      ["Total", { f: "SUM(B2:B3)", v: amounts[0] + amounts[1] }, null, { f: "1+1", v: 2 }],
    ],
    columns: [{ width: 18 }, { numFmt: NUMFMT.money }, { numFmt: NUMFMT.date }],
    styles: [{ range: "A1:D1", style: { bold: true, fill: "#DDEBF7", border: "thin-bottom" } }],
    freeze: { rows: 1, columns: 0 },
  };
}

/** The add-in's own protected log sheet, one row in its table. */
const protectedLog: SheetSpec = {
  name: "Entry Log",
  role: "entry-log",
  rows: [
    ["When", "Ref"],
    [45747, "R1"],
  ],
  tables: [{ name: "tblLog", range: "A1:B2" }],
  protect: true,
};

describe.each(adapters)("Workbook contract: %s", (_label, make) => {
  test("write then read round-trips values, formulas (calculated) and dates as serials", async () => {
    const h = make();
    await h.wb.write(report());
    const t = await h.wb.read("aging report");
    expect(t.headers).toEqual(["Customer", "Amount", "Due", "Paid"]);
    expect(t.firstRow).toBe(2);
    expect(t.firstColumn).toBe(1);
    // 45747 = DATE(2025,3,31); SUM(10,20) = 30; 1+1 = 2.
    expect(t.rows).toEqual([
      ["Acme", 10, 45747, true],
      ["Globex", 20, 45748, false],
      ["Total", 30, null, 2],
    ]);
    const sheets = await h.wb.sheets();
    expect(sheets).toEqual([{ name: "Aging Report", role: "report:aging", visible: true }]);
  });

  test("a hidden owned sheet is written hidden and still readable and replaceable", async () => {
    const h = make();
    h.userSheet("Data", [["x"]]);
    await h.wb.write({ ...report("State", "recon:state"), hidden: true });
    expect(await h.wb.sheets()).toEqual([
      { name: "Data", role: null, visible: true },
      { name: "State", role: "recon:state", visible: false },
    ]);
    expect((await h.wb.read("State")).rows[0]).toEqual(["Acme", 10, 45747, true]);
    await h.wb.write({ ...report("State", "recon:state", [5, 7]), hidden: true });
    expect((await h.wb.sheets()).map((s) => [s.name, s.visible])).toEqual([
      ["Data", true],
      ["State", false],
    ]);
  });

  test("an owned sheet is replaced in place, keeping its tab position", async () => {
    const h = make();
    h.userSheet("Before", [["a"]]);
    await h.wb.write(report());
    h.userSheet("After", [["b"]]);
    await h.wb.write(report("Aging Report", "report:aging", [5, 7]));
    expect(h.sheetNames()).toEqual(["Before", "Aging Report", "After"]);
    const t = await h.wb.read("Aging Report");
    expect(t.rows[2]).toEqual(["Total", 12, null, 2]);
    const roles = (await h.wb.sheets()).map((s) => s.role);
    expect(roles).toEqual([null, "report:aging", null]);
  });

  test("a user's sheet with the same name is never overwritten, and nothing is written", async () => {
    const h = make();
    h.userSheet("Aging Report", [["My notes"], ["keep me"]]);
    const err = await h.wb.write(report("aging report")).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect(err.code).toBe("not-owned");
    expect(err.message).toBe(
      'A sheet named "Aging Report" already exists and was not created by bpo-desk; rename or delete it, then run again.',
    );
    expect(h.sheetNames()).toEqual(["Aging Report"]);
    expect((await h.wb.read("Aging Report")).rows).toEqual([["keep me"]]);
  });

  test("a sheet owned by another role is not overwritten either", async () => {
    const h = make();
    await h.wb.write(report("Summary", "recon:summary"));
    const err = await h.wb.write(report("Summary", "report:aging")).catch((e) => e);
    expect(err.code).toBe("not-owned");
    expect((await h.wb.sheets()).map((s) => s.role)).toEqual(["recon:summary"]);
  });

  test("a failing write leaves no sheet behind and the previous owned sheet intact", async () => {
    const h = make();
    await h.wb.write(report());
    h.failNextMerge();
    const spec = { ...report("Aging Report", "report:aging", [1, 2]), merges: ["A5:D5"] };
    await expect(h.wb.write(spec)).rejects.toThrow();
    expect(h.sheetNames()).toEqual(["Aging Report"]);
    expect((await h.wb.read("Aging Report")).rows[0]).toEqual(["Acme", 10, 45747, true]);
    // A new sheet that fails (bad address in a conditional format) is not left behind either.
    const bad: SheetSpec = {
      ...report("New One", "report:new"),
      conditionalFormats: [{ range: "B2:B$$", type: "expression", formula: "B2>5", style: { fill: "#FFC7CE" } }],
    };
    await expect(h.wb.write(bad)).rejects.toThrow(WorkbookError);
    expect(h.sheetNames()).toEqual(["Aging Report"]);
  });

  test("append returns the first new worksheet row and stores formula-like text as text", async () => {
    const h = make();
    h.userSheet("Log", [
      ["Note", "Code"],
      ["first", "A1"],
      ["second", "B2"],
    ]);
    const risky: CellValue[][] = [
      ["=1+1", "+44"],
      ["-x", "@x"],
      ["00123", "2025-03-31"],
    ];
    const { firstRow } = await h.wb.append("log", risky);
    expect(firstRow).toBe(4);
    const t = await h.wb.read("Log");
    expect(t.rows.slice(2)).toEqual(risky);
    expect(t.firstRow + 2).toBe(4);
  });

  test("append refuses rows wider than the table and writes nothing", async () => {
    const h = make();
    h.userSheet("Log", [
      ["Note", "Code"],
      ["first", "A1"],
    ]);
    const err = await h.wb
      .append("Log", [
        ["ok", "B2"],
        ["x", "y", "too many"],
      ])
      .catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect(err.message).toBe('Row 2 to append has 3 values but "Log" has 2 columns.');
    expect((await h.wb.read("Log")).rows).toEqual([["first", "A1"]]);
  });

  test("append into an Excel table extends the table", async () => {
    const h = make();
    h.userTable("Entries", "tblEntries", [
      ["Ref", "Amount"],
      ["R1", 100],
    ]);
    const { firstRow } = await h.wb.append("TBLENTRIES", [
      ["=cmd|' /C calc'!A0", 5],
      ["R3", 7],
    ]);
    expect(firstRow).toBe(3);
    const t = await h.wb.read("tblEntries");
    expect(t.name).toBe("tblEntries");
    expect(t.rows).toEqual([
      ["R1", 100],
      ["=cmd|' /C calc'!A0", 5],
      ["R3", 7],
    ]);
    const infos = await h.wb.tables();
    expect(infos[0]).toMatchObject({ name: "tblEntries", sheet: "Entries", kind: "table", rowCount: 3 });
  });

  test("append with ownedBy adds to the add-in's own protected log, and refuses a user's sheet untouched", async () => {
    const h = make();
    await h.wb.write(protectedLog);
    expect(await h.wb.append("Entry Log", [[45748, "R2"]], { ownedBy: "entry-log" })).toEqual({ firstRow: 3 });
    expect(await h.wb.append("tblLog", [[45749, "R3"]], { ownedBy: "entry-log" })).toEqual({ firstRow: 4 });
    expect((await h.wb.read("tblLog")).rows.map((r) => r[1])).toEqual(["R1", "R2", "R3"]);
    // Another role does not own it; nor does anyone own a user's table.
    await expect(h.wb.append("tblLog", [[1, "x"]], { ownedBy: "report:aging" })).rejects.toMatchObject({
      code: "not-owned",
    });
    h.userTable("Mine", "tblMine", [
      ["When", "Ref"],
      [1, "mine"],
    ]);
    await expect(h.wb.append("tblMine", [[2, "x"]], { ownedBy: "entry-log" })).rejects.toMatchObject({
      code: "not-owned",
    });
    expect((await h.wb.read("tblMine")).rows).toEqual([[1, "mine"]]);
  });

  test("append into a table the adapter wrote empty fills its placeholder row first", async () => {
    const h = make();
    await h.wb.write({
      name: "Entry Log",
      role: "entry-log",
      rows: [["When", "Ref"]],
      tables: [{ name: "tblLog", range: "A1:B1" }],
    });
    expect((await h.wb.read("tblLog")).rows).toEqual([[null, null]]);
    const { firstRow } = await h.wb.append("tblLog", [[45747, "R1"]]);
    expect(firstRow).toBe(2);
    const second = await h.wb.append("tblLog", [[45748, "R2"]]);
    expect(second.firstRow).toBe(3);
    expect(await h.wb.read("tblLog")).toMatchObject({
      firstRow: 2,
      rows: [
        [45747, "R1"],
        [45748, "R2"],
      ],
    });
  });

  test("reading a missing source names what exists", async () => {
    const h = make();
    h.userTable("Bank", "tblBank", [["Date"], [1]]);
    h.userSheet("Ledger", [["Date"]]);
    const err = await h.wb.read("Payments").catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect(err.code).toBe("not-found");
    expect(err.message).toContain('"Payments"');
    expect(err.message).toContain("tblBank");
    expect(err.message).toContain("Bank");
    expect(err.message).toContain("Ledger");
  });

  test("reading keeps blank rows so row numbers stay worksheet rows", async () => {
    const h = make();
    h.userSheet("Data", [[], ["Ref", "Amt"], ["a", 1], [], ["b", 2], [], []]);
    const t = await h.wb.read("Data");
    expect(t.headers).toEqual(["Ref", "Amt"]);
    expect(t.firstRow).toBe(3);
    expect(t.rows).toEqual([
      ["a", 1],
      [null, null],
      ["b", 2],
    ]);
  });

  test("highlight then clearHighlights leaves values untouched and no highlight", async () => {
    const h = make();
    h.userSheet("Data", [
      ["Ref", "Amt"],
      ["a", 1],
      ["b", 2],
    ]);
    const before = await h.wb.read("Data");
    await h.wb.highlight("Data", ["B2", "A3"], "validate");
    await h.wb.highlight("Data", ["A2"], "other");
    expect(h.conditionalFormatCount("Data")).toBe(2);
    expect(await h.wb.read("Data")).toEqual(before);
    await h.wb.clearHighlights("Data", "validate");
    expect(h.conditionalFormatCount("Data")).toBe(1);
    await h.wb.clearHighlights("Data", "other");
    expect(h.conditionalFormatCount("Data")).toBe(0);
    expect(await h.wb.read("Data")).toEqual(before);
  });

  test("remove deletes an owned sheet and refuses a user's sheet", async () => {
    const h = make();
    await h.wb.write(report());
    h.userSheet("Mine", [["x"]]);
    await expect(h.wb.remove("Mine", "report:aging")).rejects.toMatchObject({ code: "not-owned" });
    await h.wb.remove("Aging Report", "report:aging");
    expect(h.sheetNames()).toEqual(["Mine"]);
    // The marker went with the sheet: writing again creates it afresh.
    await h.wb.write(report());
    expect((await h.wb.sheets()).find((s) => s.name === "Aging Report")?.role).toBe("report:aging");
  });

  test("writes an Excel table readable by name", async () => {
    const h = make();
    await h.wb.write({ ...report(), tables: [{ name: "AgingData", range: "A1:D3" }] });
    const t = await h.wb.read("agingdata");
    expect(t.name).toBe("AgingData");
    expect(t.rows).toEqual([
      ["Acme", 10, 45747, true],
      ["Globex", 20, 45748, false],
    ]);
    // Rewriting the owned sheet reuses the table name.
    await h.wb.write({ ...report(), tables: [{ name: "AgingData", range: "A1:D3" }] });
    expect((await h.wb.tables()).filter((x) => x.kind === "table").map((x) => x.name)).toEqual(["AgingData"]);
  });
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

  test("append into a table takes exactly one sync; reading a table at most two", async () => {
    const h = officeHarness();
    h.userTable("Entries", "tblEntries", [
      ["Ref", "Amount"],
      ["R1", 1],
    ]);
    h.fake.resetCounters();
    await h.wb.append("tblEntries", [["R2", 2]]);
    expect(h.fake.syncCount).toBe(1);
    h.fake.resetCounters();
    await h.wb.read("tblEntries");
    expect(h.fake.syncCount).toBeLessThanOrEqual(2);
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
    h.userTable("Entries", "tblEntries", rows);
    h.fake.resetCounters();
    const t = await h.wb.read("tblEntries");
    expect(t.rows).toHaveLength(2500);
    expect(t.rows[0]).toEqual(["R1", 1]);
    expect(t.rows[2499]).toEqual(["R2500", 2500]);
    expect(h.fake.syncCount).toBe(3);
  });

  test("text is quote-prefixed only where Excel would reinterpret it", async () => {
    const h = officeHarness();
    h.userSheet("Log", [["Note"]]);
    await h.wb.append("Log", [["=1+1"], ["plain text"], ["1,234.50"]]);
    const labels = h.fake.syncs.flatMap((s) => s.labels);
    expect(labels).toContain("range.values");
    expect(h.fake.values("Log", "A2:A4")).toEqual([["=1+1"], ["plain text"], ["1,234.50"]]);
    expect(h.fake.formula("Log", "A2")).toBeNull();
  });

  test("formatting, tables, conditional formats, charts, freeze, protection, tab colour and marker land in Excel", async () => {
    const h = officeHarness();
    await h.wb.write({
      ...report(),
      merges: ["A5:D5"],
      tables: [{ name: "AgingData", range: "A1:D3" }],
      conditionalFormats: [
        { range: "B2:B3", type: "cellValue", operator: "greaterThan", formulas: ["15"], style: { fill: "#FFC7CE" } },
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
    expect(s.cfs.map((c) => c.type)).toEqual(["CellValue", "Custom"]);
    expect(s.cfs[0].rule).toEqual({ formula1: "=15", operator: "GreaterThan" });
    expect(s.cfs[1].formula).toBe("=$D2=FALSE");
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
  });

  test.each([
    "worksheets.add",
    "range.formulas",
    "protection.protect",
    "worksheet.name",
    "worksheet.position",
    "names.add",
    "worksheet.delete",
  ])(
    "a failure at %s during a replacing write leaves the old owned sheet in place, marked, and nothing else",
    async (label) => {
      const h = officeHarness();
      h.userSheet("First", [["x"]]);
      await h.wb.write({ ...report(), tables: [{ name: "AgingData", range: "A1:D3" }] });
      h.userSheet("Last", [["y"]]);
      h.fake.failWhen = (l) => l === label;
      await expect(
        h.wb.write({
          ...report("Aging Report", "report:aging", [7, 8]),
          protect: true,
          tables: [{ name: "AgingData", range: "A1:D3" }],
        }),
      ).rejects.toThrow(/Injected failure/);
      // Wherever it failed, the old sheet is back under its name and in its place; the new one is gone.
      expect(h.sheetNames()).toEqual(["First", "Aging Report", "Last"]);
      expect((await h.wb.read("Aging Report")).rows[0]).toEqual(["Acme", 10, 45747, true]);
      expect((await h.wb.sheets()).map((s) => s.role)).toEqual([null, "report:aging", null]);
      expect(h.fake.book.names).toHaveLength(1);
      // And the next write goes through.
      await h.wb.write(report("Aging Report", "report:aging", [7, 8]));
      expect((await h.wb.read("Aging Report")).rows[0]).toEqual(["Acme", 7, 45747, true]);
    },
  );

  test("a renamed owned sheet keeps its role; a deleted one loses it", async () => {
    const h = officeHarness();
    await h.wb.write(report());
    h.fake.sheet("Aging Report").name = "Aging (old)";
    expect(await h.wb.sheets()).toEqual([{ name: "Aging (old)", role: "report:aging", visible: true }]);
    // The marker follows the rename, so a new write under the old name creates a second sheet.
    await h.wb.write(report());
    expect(h.sheetNames()).toEqual(["Aging (old)", "Aging Report"]);
  });
});

describe("the Excel fake behaves like Excel where it matters", () => {
  test("properties are readable only after the sync that loaded them", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S", [["a"]]);
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1").load("values");
      expect(() => r.values).toThrow(/PropertyNotLoaded|not available/);
      await ctx.sync();
      expect(r.values).toEqual([["a"]]);
    });
  });

  test("a request over 5 MB is rejected and nothing of it runs", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S");
    await fake.run(async (ctx) => {
      const big = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
      ctx.workbook.worksheets.getItem("S").getRange("A1:A60000").values = big;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    });
    expect(fake.value("S", "A1")).toBeNull();
  });

  test("typed text is coerced as Excel does unless quote-prefixed", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S", [["=1+1", "+44", "-x", "'=1+1", "00123"]]);
    expect(fake.values("S", "A1:E1")).toEqual([[2, 44, "#NAME?", "=1+1", 123]]);
  });
});
