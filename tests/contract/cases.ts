/**
 * The Workbook port's contract as data: named cases, each taking a Harness (a Workbook and what a user
 * does by hand). The same lists run
 * - under jest against FileWorkbook (ExcelJS) and OfficeWorkbook on the strict fake
 *   (tests/contract/workbook.contract.test.ts), and
 * - inside real Excel against OfficeWorkbook (`npm run test:excel`, tests/excel/runner.ts).
 * Expected values come from Excel's documented behaviour: DATE(2025,3,31) is serial 45747 (1900 date
 * system), text with a leading = + - @ # typed into a cell is evaluated unless it is quote-prefixed, table
 * names and sheet names are case-insensitive.
 *
 * No jest here: the assertions are ./check.ts, so the cases run in a browser too.
 */
import type { CellValue, SheetSpec } from "../../src/core/sheet-spec";
import { NUMFMT } from "../../src/core/sheet-spec";
import { WorkbookError, type SheetInfo, type Workbook } from "../../src/workbook/port";
import { equal, like, ok, rejects } from "./check";

export interface Harness {
  wb: Workbook;
  /** A sheet the user made (not through the port). */
  userSheet(name: string, rows: CellValue[][]): Promise<void>;
  /** An Excel table the user made over rows starting at A1 of a new `sheet`. */
  userTable(sheet: string, name: string, rows: CellValue[][]): Promise<void>;
  /** The workbook's sheets, in tab order, without those it had before the case began. */
  sheetNames(): Promise<string[]>;
  /** wb.sheets() without the sheets the workbook had before the case began. */
  sheets(): Promise<SheetInfo[]>;
  /** How many conditional formats the sheet holds. */
  conditionalFormatCount(sheet: string): Promise<number>;
  /** Make the next write fail while it merges cells; absent where failures cannot be injected (real Excel). */
  failNextMerge?(): void;
}

/** What the office adapter's cases also need: Excel's own view of a cell, and the user's formulas. */
export interface OfficeHarness extends Harness {
  /** A formula the user typed into a cell. */
  userFormula(sheet: string, cell: string, formula: string): Promise<void>;
  /** A workbook-level name the user defined, referring to a cell. */
  userName(name: string, sheet: string, cell: string): Promise<void>;
  /** What Excel shows in the cell (calculated). */
  value(sheet: string, cell: string): Promise<CellValue>;
  /** What a defined name refers to ("='Aging Report'!$B$4", "=#REF!"). */
  nameFormula(name: string): Promise<string>;
  /** Excel's type of the cell's value: "Error", "String", "Double", "Boolean", "Empty". */
  valueType(sheet: string, cell: string): Promise<string>;
  /** Review > Protect Workbook (structure) on or off. */
  protectStructure(on: boolean): Promise<void>;
}

export interface ContractCase<H extends Harness = Harness> {
  name: string;
  /** The case injects a failure: it runs where the harness can (failNextMerge), not in real Excel. */
  injectsFailure?: boolean;
  run(h: H): Promise<void>;
}

/** A small report: header, data with a date, and live formulas. */
export function report(name = "Aging Report", role = "report:aging", amounts = [10, 20]): SheetSpec {
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
export const protectedLog: SheetSpec = {
  name: "Entry Log",
  role: "entry-log",
  rows: [
    ["When", "Ref"],
    [45747, "R1"],
  ],
  tables: [{ name: "tblLog", range: "A1:B2" }],
  protect: true,
};

export const WORKBOOK_CONTRACT: ContractCase[] = [
  {
    name: "write then read round-trips values, formulas (calculated) and dates as serials",
    async run(h) {
      await h.wb.write(report());
      const t = await h.wb.read("aging report");
      equal(t.headers, ["Customer", "Amount", "Due", "Paid"], "headers");
      equal([t.firstRow, t.firstColumn], [2, 1], "first row and column");
      // 45747 = DATE(2025,3,31); SUM(10,20) = 30; 1+1 = 2.
      equal(
        t.rows,
        [
          ["Acme", 10, 45747, true],
          ["Globex", 20, 45748, false],
          ["Total", 30, null, 2],
        ],
        "rows",
      );
      equal(await h.sheets(), [{ name: "Aging Report", role: "report:aging", visible: true }], "sheets");
    },
  },
  {
    name: "a hidden owned sheet is written hidden and still readable and replaceable",
    async run(h) {
      await h.userSheet("Data", [["x"]]);
      await h.wb.write({ ...report("State", "recon:state"), hidden: true });
      equal(
        await h.sheets(),
        [
          { name: "Data", role: null, visible: true },
          { name: "State", role: "recon:state", visible: false },
        ],
        "sheets",
      );
      equal((await h.wb.read("State")).rows[0], ["Acme", 10, 45747, true], "first row");
      await h.wb.write({ ...report("State", "recon:state", [5, 7]), hidden: true });
      equal(
        (await h.sheets()).map((s) => [s.name, s.visible]),
        [
          ["Data", true],
          ["State", false],
        ],
        "sheets after the rewrite",
      );
      equal((await h.wb.read("State")).rows[0], ["Acme", 5, 45747, true], "rewritten first row");
    },
  },
  {
    name: "an owned sheet is replaced in place, keeping its tab position",
    async run(h) {
      await h.userSheet("Before", [["a"]]);
      await h.wb.write(report());
      await h.userSheet("After", [["b"]]);
      await h.wb.write(report("Aging Report", "report:aging", [5, 7]));
      equal(await h.sheetNames(), ["Before", "Aging Report", "After"], "tab order");
      equal((await h.wb.read("Aging Report")).rows[2], ["Total", 12, null, 2], "total row");
      equal(
        (await h.sheets()).map((s) => s.role),
        [null, "report:aging", null],
        "roles",
      );
    },
  },
  {
    name: "a user's sheet with the same name is never overwritten, and nothing is written",
    async run(h) {
      await h.userSheet("Aging Report", [["My notes"], ["keep me"]]);
      const err = await rejects(h.wb.write(report("aging report")), WorkbookError);
      equal(err.code, "not-owned", "code");
      equal(
        err.message,
        'A sheet named "Aging Report" already exists and was not created by bpo-desk; rename or delete it, then run again.',
        "message",
      );
      equal(await h.sheetNames(), ["Aging Report"], "sheets");
      equal((await h.wb.read("Aging Report")).rows, [["keep me"]], "the user's rows");
    },
  },
  {
    name: "a sheet owned by another role is not overwritten either",
    async run(h) {
      await h.wb.write(report("Summary", "recon:summary"));
      await rejects(h.wb.write(report("Summary", "report:aging")), { code: "not-owned" });
      equal(
        (await h.sheets()).map((s) => s.role),
        ["recon:summary"],
        "roles",
      );
    },
  },
  {
    name: "a failing write leaves no sheet behind and the previous owned sheet intact",
    injectsFailure: true,
    async run(h) {
      await h.wb.write(report());
      h.failNextMerge!();
      await rejects(h.wb.write({ ...report("Aging Report", "report:aging", [1, 2]), merges: ["A5:D5"] }));
      equal(await h.sheetNames(), ["Aging Report"], "sheets");
      equal((await h.wb.read("Aging Report")).rows[0], ["Acme", 10, 45747, true], "old first row");
    },
  },
  {
    name: "a bad address in a spec is refused before a sheet is added",
    async run(h) {
      await h.wb.write(report());
      const bad: SheetSpec = {
        ...report("New One", "report:new"),
        conditionalFormats: [{ range: "B2:B$$", type: "expression", formula: "B2>5", style: { fill: "#FFC7CE" } }],
      };
      await rejects(h.wb.write(bad), WorkbookError);
      equal(await h.sheetNames(), ["Aging Report"], "sheets");
    },
  },
  {
    name: "append returns the first new worksheet row and stores formula-looking text as text",
    async run(h) {
      await h.userSheet("Log", [
        ["Note", "Code"],
        ["first", "A1"],
        ["second", "B2"],
      ]);
      const risky: CellValue[][] = [
        ["=1+1", "+44"],
        ["-x", "@x"],
        ["00123", "2025-03-31"],
        ["#N/A", "#REF!"],
      ];
      const { firstRow } = await h.wb.append("log", risky);
      equal(firstRow, 4, "first row");
      const t = await h.wb.read("Log");
      equal(t.rows.slice(2), risky, "rows read back");
    },
  },
  {
    name: "append refuses rows wider than the table and writes nothing",
    async run(h) {
      await h.userSheet("Log", [
        ["Note", "Code"],
        ["first", "A1"],
      ]);
      const err = await rejects(
        h.wb.append("Log", [
          ["ok", "B2"],
          ["x", "y", "too many"],
        ]),
        WorkbookError,
      );
      equal(err.message, 'Row 2 to append has 3 values but "Log" has 2 columns.', "message");
      equal((await h.wb.read("Log")).rows, [["first", "A1"]], "rows");
    },
  },
  {
    name: "append into an Excel table extends the table",
    async run(h) {
      await h.userTable("Entries", "tblEntries", [
        ["Ref", "Amount"],
        ["R1", 100],
      ]);
      const { firstRow } = await h.wb.append("TBLENTRIES", [
        ["=cmd|' /C calc'!A0", 5],
        ["R3", 7],
      ]);
      equal(firstRow, 3, "first row");
      const t = await h.wb.read("tblEntries");
      equal(t.name, "tblEntries", "name");
      equal(
        t.rows,
        [
          ["R1", 100],
          ["=cmd|' /C calc'!A0", 5],
          ["R3", 7],
        ],
        "rows",
      );
      like(
        (await h.wb.tables())[0],
        { name: "tblEntries", sheet: "Entries", kind: "table", rowCount: 3 },
        "table info",
      );
    },
  },
  {
    name: "append with ownedBy adds to the add-in's own protected log, and refuses a user's sheet untouched",
    async run(h) {
      await h.wb.write(protectedLog);
      equal(await h.wb.append("Entry Log", [[45748, "R2"]], { ownedBy: "entry-log" }), { firstRow: 3 }, "by sheet");
      equal(await h.wb.append("tblLog", [[45749, "R3"]], { ownedBy: "entry-log" }), { firstRow: 4 }, "by table");
      equal(
        (await h.wb.read("tblLog")).rows.map((r) => r[1]),
        ["R1", "R2", "R3"],
        "refs",
      );
      // Another role does not own it; nor does anyone own a user's table.
      await rejects(h.wb.append("tblLog", [[1, "x"]], { ownedBy: "report:aging" }), { code: "not-owned" });
      await h.userTable("Mine", "tblMine", [
        ["When", "Ref"],
        [1, "mine"],
      ]);
      await rejects(h.wb.append("tblMine", [[2, "x"]], { ownedBy: "entry-log" }), { code: "not-owned" });
      equal((await h.wb.read("tblMine")).rows, [[1, "mine"]], "the user's table");
    },
  },
  {
    name: "append into a table the adapter wrote empty fills its placeholder row first",
    async run(h) {
      await h.wb.write({
        name: "Entry Log",
        role: "entry-log",
        rows: [["When", "Ref"]],
        tables: [{ name: "tblLog", range: "A1:B1" }],
      });
      equal((await h.wb.read("tblLog")).rows, [[null, null]], "placeholder");
      equal((await h.wb.append("tblLog", [[45747, "R1"]])).firstRow, 2, "first append");
      equal((await h.wb.append("tblLog", [[45748, "R2"]])).firstRow, 3, "second append");
      like(
        await h.wb.read("tblLog"),
        {
          firstRow: 2,
          rows: [
            [45747, "R1"],
            [45748, "R2"],
          ],
        },
        "table",
      );
    },
  },
  {
    name: "reading a missing source names what exists",
    async run(h) {
      await h.userTable("Bank", "tblBank", [["Date"], [1]]);
      await h.userSheet("Ledger", [["Date"]]);
      const err = await rejects(h.wb.read("Payments"), { code: "not-found" });
      ok(err instanceof WorkbookError, "a WorkbookError");
      for (const part of ['"Payments"', "tblBank", "Bank", "Ledger"])
        ok(err.message.includes(part), `the message to name ${part}: ${err.message}`);
    },
  },
  {
    name: "reading keeps blank rows so row numbers stay worksheet rows",
    async run(h) {
      await h.userSheet("Data", [[], ["Ref", "Amt"], ["a", 1], [], ["b", 2], [], []]);
      const t = await h.wb.read("Data");
      equal(t.headers, ["Ref", "Amt"], "headers");
      equal(t.firstRow, 3, "first row");
      equal(
        t.rows,
        [
          ["a", 1],
          [null, null],
          ["b", 2],
        ],
        "rows",
      );
    },
  },
  {
    name: "highlight then clearHighlights leaves values untouched and no highlight",
    async run(h) {
      await h.userSheet("Data", [
        ["Ref", "Amt"],
        ["a", 1],
        ["b", 2],
      ]);
      const before = await h.wb.read("Data");
      await h.wb.highlight("Data", ["B2", "A3"], "validate");
      await h.wb.highlight("Data", ["A2"], "other");
      equal(await h.conditionalFormatCount("Data"), 2, "conditional formats");
      equal(await h.wb.read("Data"), before, "values");
      await h.wb.clearHighlights("Data", "validate");
      equal(await h.conditionalFormatCount("Data"), 1, "after clearing one tag");
      await h.wb.clearHighlights("Data", "other");
      equal(await h.conditionalFormatCount("Data"), 0, "after clearing both");
      equal(await h.wb.read("Data"), before, "values at the end");
    },
  },
  {
    name: "remove deletes an owned sheet and refuses a user's sheet",
    async run(h) {
      await h.wb.write(report());
      await h.userSheet("Mine", [["x"]]);
      await rejects(h.wb.remove("Mine", "report:aging"), { code: "not-owned" });
      await h.wb.remove("Aging Report", "report:aging");
      equal(await h.sheetNames(), ["Mine"], "sheets");
      // The marker went with the sheet: writing again creates it afresh.
      await h.wb.write(report());
      equal((await h.sheets()).find((s) => s.name === "Aging Report")?.role, "report:aging", "role");
    },
  },
  {
    name: "writes an Excel table readable by name, and a rewrite reuses the name",
    async run(h) {
      await h.wb.write({ ...report(), tables: [{ name: "AgingData", range: "A1:D3" }] });
      const t = await h.wb.read("agingdata");
      equal(t.name, "AgingData", "name");
      equal(
        t.rows,
        [
          ["Acme", 10, 45747, true],
          ["Globex", 20, 45748, false],
        ],
        "rows",
      );
      await h.wb.write({ ...report(), tables: [{ name: "AgingData", range: "A1:D3" }] });
      equal(
        (await h.wb.tables()).filter((x) => x.kind === "table").map((x) => x.name),
        ["AgingData"],
        "tables",
      );
    },
  },
  {
    name: "a protected spec with a table is written, protected, with its table named",
    async run(h) {
      await h.wb.write(protectedLog);
      equal(
        (await h.wb.tables()).filter((x) => x.kind === "table").map((x) => x.name),
        ["tblLog"],
        "tables",
      );
      equal((await h.wb.read("tblLog")).rows, [[45747, "R1"]], "rows");
      // Rewriting it (protected, with its table) works too.
      await h.wb.write({
        ...protectedLog,
        rows: [...protectedLog.rows, [45748, "R2"]],
        tables: [{ name: "tblLog", range: "A1:B3" }],
      });
      equal((await h.wb.read("tblLog")).rows.length, 2, "rows after the rewrite");
    },
  },
];

/** Cases of the office adapter alone: what Excel does that a file does not. */
export const OFFICE_CASES: ContractCase<OfficeHarness>[] = [
  {
    name: "re-running a report keeps the user's formulas and names that point at it",
    async run(h) {
      await h.wb.write(report());
      await h.userSheet("Summary", [["Aging total"]]);
      await h.userFormula("Summary", "B1", "='Aging Report'!B4");
      await h.userName("AgingTotal", "Aging Report", "B4");
      equal(await h.value("Summary", "B1"), 30, "before the re-run");
      await h.wb.write(report("Aging Report", "report:aging", [5, 7]));
      // The report sheet was replaced in place: the formula follows it to the new total, not to #REF!.
      equal(await h.value("Summary", "B1"), 12, "after the re-run");
      equal(await h.nameFormula("AgingTotal"), "='Aging Report'!$B$4", "the user's name");
    },
  },
  {
    name: "re-running a report over the user's name on it keeps a copy when asked, and says what it found",
    async run(h) {
      await h.wb.write(report());
      await h.userName("AgingTotal", "Aging Report", "B4");
      const r = await h.wb.write(report("Aging Report", "report:aging", [5, 7]), { keepCopy: { date: "2025-10-31" } });
      like(
        r,
        { userEdits: { sheet: "Aging Report", names: ["AgingTotal"] }, keptCopy: "Aging Report (kept 2025-10-31)" },
        "what the write found and kept",
      );
      equal(await h.sheetNames(), ["Aging Report", "Aging Report (kept 2025-10-31)"], "sheets");
      // The copy holds the old figures and is the user's now; the report took the new ones in place.
      equal(await h.value("Aging Report (kept 2025-10-31)", "B4"), 30, "the kept total");
      equal(await h.value("Aging Report", "B4"), 12, "the new total");
      equal(
        (await h.sheets()).map((s) => s.role),
        ["report:aging", null],
        "roles",
      );
      equal(await h.nameFormula("AgingTotal"), "='Aging Report'!$B$4", "the user's name");
      // Nothing of the user's left: the next re-run keeps no copy.
      const again = await h.wb.write(report(), { keepCopy: { date: "2025-10-31" } });
      like(again, { keptCopy: null }, "a re-run with only the user's name");
    },
  },
  {
    name: "text beginning with # is stored as text, not as Excel's error value",
    async run(h) {
      await h.userSheet("Log", [["Note"]]);
      await h.wb.append("Log", [["#N/A"], ["#REF!"], ["#1 priority"]]);
      equal(
        [await h.valueType("Log", "A2"), await h.valueType("Log", "A3"), await h.valueType("Log", "A4")],
        ["String", "String", "String"],
        "value types",
      );
      equal((await h.wb.read("Log")).rows, [["#N/A"], ["#REF!"], ["#1 priority"]], "rows");
    },
  },
  {
    name: "a structure-protected workbook: the report says what to do and writes nothing",
    async run(h) {
      await h.userSheet("Data", [["x"]]);
      await h.protectStructure(true);
      try {
        const err = await rejects(h.wb.write(report()), { code: "protected" });
        equal(
          err.message,
          `The workbook's structure is protected (Review → Protect Workbook). Unprotect it to let BPO Desk add the sheet "Aging Report".`,
          "message",
        );
        equal(await h.sheetNames(), ["Data"], "sheets");
      } finally {
        await h.protectStructure(false);
      }
    },
  },
  {
    name: "a recon-style cell-value conditional format with equal and notEqual is accepted",
    async run(h) {
      await h.wb.write({
        ...report(),
        conditionalFormats: [
          { range: "B2:B3", type: "cellValue", operator: "equal", formulas: ["10"], style: { fill: "#C6EFCE" } },
          { range: "B2:B3", type: "cellValue", operator: "notEqual", formulas: ["10"], style: { fill: "#FFC7CE" } },
          { range: "B2:B3", type: "cellValue", operator: "between", formulas: ["1", "15"], style: { bold: true } },
        ],
      });
      equal(await h.conditionalFormatCount("Aging Report"), 3, "conditional formats");
    },
  },
];
