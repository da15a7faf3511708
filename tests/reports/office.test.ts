/**
 * The same report written by the office adapter (OfficeWorkbook on the instrumented Excel fake): the fake
 * evaluates the summary formulas over the written rows, and they agree with the key figures; the write
 * stays within the sync budget.
 */
import { generateSample, sampleSheets } from "../../src/core/sample";
import { buildAgingReport } from "../../src/core/reports/aging";
import { buildPayrollReport } from "../../src/core/reports/payroll";
import { OfficeWorkbook, REQUEST_BUDGET } from "../../src/workbook/office";
import { ExcelFake, sheetPrefix } from "../fakes/excel-fake";
import { NUMFMT, isFormulaCell, type CellValue, type SheetSpec } from "../../src/core/sheet-spec";
import { runRecon, writeReconResults } from "../../src/workbook/jobs/recon";
import { runReport } from "../../src/commands/report-handlers";
import { ReportCancelled, runReportJob } from "../../src/workbook/jobs/reports";
import { captureIo } from "../helpers/cli-io";
import { colLetters, parseRange, absoluteRange, rangeAddress } from "../../src/workbook/a1";
import { demoStep } from "../../src/cli/demo-steps/reports";
import { demoStep as validateStep } from "../../src/cli/demo-steps/validate";
import { demoStep as reconStep } from "../../src/cli/demo-steps/recon";
import { isoFromSerial } from "../../src/core/dates";
import { OWN_NAME_TAG } from "../../src/workbook/user-edits";
import type { Workbook } from "../../src/workbook/port";

const s = generateSample();
const t = (x: { name: string; headers: string[]; rows: import("../../src/core/sheet-spec").CellValue[][] }) => ({
  name: x.name,
  sheet: x.name,
  headers: x.headers,
  rows: x.rows,
  firstRow: 2,
  firstColumn: 1,
});

async function write(spec: SheetSpec): Promise<ExcelFake> {
  const fake = new ExcelFake();
  fake.addSheet("Sheet1", [["x"]]);
  fake.resetCounters();
  await new OfficeWorkbook(fake.run).write(spec);
  return fake;
}

/** Address of the cell right of the first cell whose value is `label`. */
function besideAddress(spec: SheetSpec, label: string): string {
  for (let r = 0; r < spec.rows.length; r++) {
    const c = spec.rows[r].indexOf(label);
    if (c >= 0) return `${String.fromCharCode(66 + c)}${r + 1}`;
  }
  throw new Error(label);
}

describe("reports through the office adapter", () => {
  it("aging: the detail rows (Open Balance = Amount − Paid as live formulas) add up to the JSON total", async () => {
    const r = buildAgingReport({ invoices: t(s.invoices), asOf: s.asOf });
    const fake = await write(r.sheet);
    // The fake evaluates arithmetic but not SUMIFS: add up what it computes for each detail row (column I).
    const [, first, last] = /^A(\d+):I(\d+)$/.exec(r.sheet.tables![0].range)!.map(Number);
    let cents = 0;
    for (let row = first + 1; row <= last; row++) cents += Math.round((fake.value("Aging", `I${row}`) as number) * 100);
    expect(cents).toBe(Math.round(r.json.total * 100));
    expect(fake.formula("Aging", besideAddress(r.sheet, "90+"))).toMatch(
      /^=?SUMIFS\(\$I\$\d+:\$I\$\d+,\$E\$\d+:\$E\$\d+,">90"\)$/,
    );
    expect(fake.syncCount).toBeLessThanOrEqual(Math.ceil(fake.totalBytes / REQUEST_BUDGET) + 3);
  });

  it("payroll: totals computed by the fake Excel equal the JSON totals", async () => {
    const r = buildPayrollReport({ employees: t(s.employees), attendance: t(s.attendance), asOf: s.asOf });
    const fake = await write(r.sheet);
    expect(fake.value("Payroll Register", besideAddress(r.sheet, "Gross pay"))).toBe(r.json.totals.gross);
    expect(fake.value("Payroll Register", besideAddress(r.sheet, "Net pay"))).toBe(r.json.totals.net);
  });
});

/** The sample's bank and ledger as the user's Excel tables on the fake. */
function reconBook(): ExcelFake {
  const fake = new ExcelFake();
  for (const [sheet, x] of [
    ["Bank", s.bank],
    ["Ledger", s.ledger],
  ] as const) {
    const rows: CellValue[][] = [x.headers, ...x.rows];
    fake.addSheet(sheet, rows);
    fake.addTable(sheet, sheet, `A1:${colLetters(x.headers.length)}${rows.length}`);
  }
  return fake;
}

describe("reconciliation through the office adapter", () => {
  it("writes the three sheets, with the matched rows' EqualTo/NotEqualTo formats, on the strict fake", async () => {
    const fake = reconBook();
    const wb = new OfficeWorkbook(fake);
    const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
    expect(run.json.summary.matchedLeft).toBeGreaterThan(0);
    await writeReconResults(wb, run, { highlightSources: true });
    expect(fake.sheetNames()).toEqual(
      expect.arrayContaining(["Bank", "Ledger", "Recon Summary", "Recon Matched", "Recon Unmatched", "Recon State"]),
    );
    const operators = fake.book.sheets.flatMap((x) => x.cfs.map((c) => c.rule.operator)).filter(Boolean);
    expect(operators.length).toBeGreaterThan(0);
    for (const op of operators) expect(["EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "Between"]).toContain(op);
    // Re-running replaces the add-in's own sheets in place.
    await writeReconResults(wb, run);
    expect(fake.sheetNames().filter((n) => n.startsWith("~bpo-desk"))).toEqual([]);
  });

  it("in a structure-protected workbook the ribbon's report says what to do and writes nothing", async () => {
    const fake = reconBook();
    fake.book.structureProtected = true;
    await expect(runReport("recon", new OfficeWorkbook(fake), { asOf: s.asOf })).rejects.toMatchObject({
      code: "protected",
      message: expect.stringContaining("Review → Protect Workbook"),
    });
    expect(fake.sheetNames()).toEqual(["Bank", "Ledger"]);
  });
});

/** The demo run inside Excel: the sample sheets, validation, reconciliation, then every report, on the strict fake. */
async function demoInExcel(fake = new ExcelFake()): Promise<{ fake: ExcelFake; wb: Workbook; specs: SheetSpec[] }> {
  const wb = new OfficeWorkbook(fake);
  for (const spec of sampleSheets(s)) await wb.write(spec);
  const ctx = { wb, asOf: s.asOf, asOfIso: isoFromSerial(s.asOf) };
  await validateStep(ctx);
  await reconStep(ctx);
  const specs: SheetSpec[] = [];
  const write = wb.write.bind(wb);
  wb.write = (spec, options) => {
    specs.push(spec);
    return write(spec, options);
  };
  const lines = await demoStep(ctx);
  expect(lines.filter((l) => /skipped/.test(l))).toEqual([]);
  return { fake, wb, specs: specs.filter((x) => x.print) };
}

/** The value a spec cell holds (a formula cell's cached value). */
const specValue = (spec: SheetSpec, cell: string): CellValue => {
  const { top, left } = parseRange(cell);
  const c = spec.rows[top - 1]?.[left - 1];
  return isFormulaCell(c) ? (c.v ?? null) : (c ?? null);
};

describe("the demo's report sheets through the office adapter (strict fake)", () => {
  let demo: Awaited<ReturnType<typeof demoInExcel>>;
  beforeAll(async () => {
    demo = await demoInExcel();
  });

  it("writes every report with print setup, links, names and formatted charts", () => {
    expect(demo.specs.map((x) => x.name).sort()).toEqual(
      [
        "Aging",
        "Bank Reconciliation",
        "Data Quality",
        "Payroll Register",
        "Recon Matched",
        "Recon Summary",
        "Recon Unmatched",
        "SLA & Quality",
      ].sort(),
    );
    expect(demo.specs.flatMap((x) => x.hyperlinks ?? []).length).toBeGreaterThan(10);
    expect(demo.specs.flatMap((x) => x.names ?? []).length).toBeGreaterThan(0);
    expect(demo.specs.flatMap((x) => x.charts ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it("page setup: orientation, A4, one page wide with the fit flag, title rows, header/footer, breaks, centred", () => {
    for (const spec of demo.specs) {
      const p = spec.print!;
      const layout = demo.fake.sheet(spec.name).pageLayout;
      expect({ sheet: spec.name, ...layout }).toEqual({
        sheet: spec.name,
        orientation: p.orientation === "landscape" ? "Landscape" : "Portrait",
        paperSize: "A4",
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
        centerHorizontally: true,
        centerVertically: false,
        printTitleRows: `$${p.titleRows!.first}:$${p.titleRows!.last}`,
        headerFooter: {
          leftHeader: p.header?.left ?? "",
          centerHeader: p.header?.center ?? "",
          rightHeader: p.header?.right ?? "",
          leftFooter: p.footer?.left ?? "",
          centerFooter: p.footer?.center ?? "",
          rightFooter: p.footer?.right ?? "",
        },
        rowBreaks: (p.pageBreaksBefore ?? []).filter((r) => r > 1),
      });
      expect(layout.headerFooter.leftHeader).toBe("&A");
      expect(layout.headerFooter.rightFooter).toBe("Page &P of &N");
    }
  });

  it("links go where the spec says, keep their cells' values and formulas, and look like links", () => {
    for (const spec of demo.specs) {
      const sheet = demo.fake.sheet(spec.name);
      for (const l of spec.hyperlinks ?? []) {
        const { top, left } = parseRange(l.cell);
        expect({ cell: `${spec.name}!${l.cell}`, link: sheet.hyperlinks.get(`${top},${left}`) }).toEqual({
          cell: `${spec.name}!${l.cell}`,
          link: { documentReference: l.location, ...(l.tooltip ? { screenTip: l.tooltip } : {}) },
        });
        const c = spec.rows[top - 1][left - 1];
        if (isFormulaCell(c)) expect(demo.fake.formula(spec.name, l.cell)).toBe("=" + c.f);
        else expect(demo.fake.value(spec.name, l.cell)).toBe(specValue(spec, l.cell));
        expect(sheet.formats).toEqual(
          expect.arrayContaining([
            { address: rangeAddress(parseRange(l.cell)), path: "font.underline", value: "Single" },
          ]),
        );
      }
    }
  });

  it("names: sheet-level, over the spec's areas on their own sheet, tagged as the add-in's, and every link to a name finds it", () => {
    for (const spec of demo.specs) {
      const sheet = demo.fake.sheet(spec.name);
      expect(sheet.names.map((n) => n.name)).toEqual((spec.names ?? []).map((n) => n.name));
      for (const n of spec.names ?? []) {
        const m = sheet.names.find((x) => x.name === n.name)!;
        expect(m.scope).toBe(sheet);
        expect(m.formula).toBe(
          "=" +
            n.refersTo
              .split(",")
              .map((a) => `${sheetPrefix(spec.name)}!${absoluteRange(parseRange(a))}`)
              .join(","),
        );
        expect(m.comment.endsWith(OWN_NAME_TAG)).toBe(true);
        if (n.comment) expect(m.comment.startsWith(n.comment)).toBe(true);
      }
      for (const l of spec.hyperlinks ?? []) {
        const to = /!([A-Za-z_][A-Za-z0-9_.]*)$/.exec(l.location);
        if (to && !/^[A-Z]{1,3}\d+$/.test(to[1])) expect(sheet.names.map((n) => n.name)).toContain(to[1]);
      }
    }
    // No workbook-level name besides the markers.
    expect(demo.fake.book.names.filter((n) => !/^BPODESK/.test(n.name))).toEqual([]);
  });

  it("charts: value and category axes, combo line series, colours and legend as the spec says", () => {
    for (const spec of demo.specs)
      (spec.charts ?? []).forEach((ch, i) => {
        const m = demo.fake.sheet(spec.name).charts[i];
        expect(m.title).toBe(ch.title);
        const va = ch.valueAxis ?? {};
        expect({ chart: ch.title, axis: m.axes.value }).toMatchObject({
          chart: ch.title,
          axis: {
            numberFormat: va.numFmt ?? null,
            minimum: va.min ?? null,
            maximum: va.max ?? null,
            majorUnit: va.majorUnit ?? null,
          },
        });
        expect(m.axes.category).toMatchObject(
          ch.categoryAxis?.reverse
            ? { reversePlotOrder: true, position: "Maximum" }
            : { reversePlotOrder: false, position: "Automatic" },
        );
        if (ch.legend === "none") expect(m.legend.visible).toBe(false);
        else if (ch.legend)
          expect(m.legend).toMatchObject({ visible: true, position: ch.legend[0].toUpperCase() + ch.legend.slice(1) });
        ch.series.forEach((x, j) => {
          const ser = m.series[j];
          expect(ser.name).toBe(x.name);
          expect(ser.chartType).toBe(x.type === "line" ? "Line" : null);
          if (x.color) expect(x.type === "line" ? ser.lineColor : ser.fillColor).toBe(x.color.toUpperCase());
        });
      });
    // The SLA chart: 0-100% with the target drawn as a line across the columns.
    const sla = demo.fake.sheet("SLA & Quality").charts[0];
    expect(sla.axes.value).toMatchObject({ numberFormat: "0%", minimum: 0, maximum: 1 });
    expect(sla.series.map((x) => x.chartType)).toEqual([null, null, "Line"]);
    expect(sla.legend.position).toBe("Bottom");
  });

  it("a re-run replaces its names, breaks and links without piling them up, in the same round trips", async () => {
    const { fake, wb } = demo;
    const before = fake.sheet("Aging").names.map((n) => n.name);
    fake.resetCounters();
    await runReport("aging", wb, { asOf: s.asOf });
    expect(fake.syncCount).toBeLessThanOrEqual(Math.ceil(fake.totalBytes / REQUEST_BUDGET) + 8);
    const aging = fake.sheet("Aging");
    expect(aging.names.map((n) => n.name)).toEqual(before);
    expect(aging.pageLayout.rowBreaks).toHaveLength(1);
    expect(fake.sheetNames().filter((n) => n.startsWith("~bpo-desk") || /kept/.test(n))).toEqual([]);
  });
});

describe("money formats through the office adapter", () => {
  it("each Aging amount ends with its sign's rupee format: the later per-cell style wins over the column's", async () => {
    // The sample's invoices with an overpaid one and a credit note: negative open balances and amounts.
    const h = s.invoices.headers;
    const rows = s.invoices.rows.map((r) => r.slice());
    rows[0][h.indexOf("Paid")] = (rows[0][h.indexOf("Amount")] as number) + 500;
    rows[1][h.indexOf("Amount")] = -1200;
    rows[1][h.indexOf("Paid")] = 0;
    const r = buildAgingReport({ invoices: t({ name: "Invoices", headers: h, rows }), asOf: s.asOf });
    const fake = await write(r.sheet);
    const spec = r.sheet;
    const sheet = fake.sheet("Aging");
    const header = Number(/^A(\d+):/.exec(spec.tables![0].range)![1]);
    const detail = spec.rows[header - 1];
    let negatives = 0;
    let checked = 0;
    for (const col of ["Amount", "Paid", "Open Balance"].map((x) => detail.indexOf(x) + 1))
      for (let row = header + 1; row <= spec.rows.length; row++) {
        const v = specValue(spec, `${colLetters(col)}${row}`);
        if (typeof v !== "number") continue;
        if (v < 0) negatives++;
        checked++;
        expect({ at: `${colLetters(col)}${row}`, fmt: sheet.numberFormatAt(row, col) }).toEqual({
          at: `${colLetters(col)}${row}`,
          fmt: v < 0 ? NUMFMT.inrNegative : NUMFMT.inr,
        });
      }
    expect(checked).toBeGreaterThan(300);
    expect(negatives).toBe(3);
  });
});

describe("requirement sets of the new members on the strict fake", () => {
  const printed: SheetSpec = {
    name: "Printed",
    role: "report:printed",
    rows: [["Total"], [1]],
    print: { orientation: "landscape", paper: "A4", fit: { wide: 1, tall: 0 } },
  };

  it("page setup is ExcelApi 1.9: a host with only 1.8 refuses it (ApiNotFound) and nothing is left behind", async () => {
    const old = new ExcelFake({ declared: { ExcelApi: "1.8", SharedRuntime: "1.1" } });
    old.addSheet("Data", [["x"]]);
    await expect(new OfficeWorkbook(old).write(printed)).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(old.sheetNames()).toEqual(["Data"]);
    const fake = new ExcelFake();
    await new OfficeWorkbook(fake).write(printed);
    expect(fake.sheet("Printed").pageLayout.orientation).toBe("Landscape");
  });

  it("Worksheet.comments is ExcelApi 1.10: unguarded on manifest.xml's 1.9 it fails; the adapter asks first", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S", [["x"]]);
    fake.addComment("S", "A1", "check this");
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.load("items/comments/items/id");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    // The adapter on the same host: it does not look at comments and says so.
    const wb = new OfficeWorkbook(fake);
    await wb.write(printed);
    fake.addComment("Printed", "A2", "why 1?");
    expect(await wb.userEdits([printed])).toEqual([]);
    const result = await wb.write(printed);
    expect(result).toEqual({ userEdits: null, keptCopy: null });
  });

  it("a hyperlink's textToDisplay would replace the cell's value: the fake shows it, the adapter never sets it", async () => {
    const fake = new ExcelFake();
    fake.addSheet("S", [[{ f: "1+1" } as unknown as CellValue]]);
    fake.sheet("S").put(1, 1, null, "=1+1");
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1").hyperlink = {
        documentReference: "S!B1",
        textToDisplay: "Go",
      };
      await context.sync();
    });
    expect([fake.value("S", "A1"), fake.formula("S", "A1")]).toEqual(["Go", null]);
    const wb = new OfficeWorkbook(fake);
    await wb.write({
      name: "Linked",
      role: "report:linked",
      rows: [[{ f: "2+3", v: 5 }], ["detail"]],
      hyperlinks: [{ cell: "A1", location: "'Linked'!A2", tooltip: "To the detail" }],
    });
    expect(fake.formula("Linked", "A1")).toBe("=2+3");
    expect(fake.value("Linked", "A1")).toBe(5);
    expect(fake.sheet("Linked").hyperlinks.get("1,1")).toEqual({
      documentReference: "'Linked'!A2",
      screenTip: "To the detail",
    });
  });
});

/** The sample's invoices in Excel, the Aging report written once, then annotated by its reader (a host with comments). */
async function annotatedAging(): Promise<{ fake: ExcelFake; wb: OfficeWorkbook }> {
  const fake = new ExcelFake({ grant: { ExcelApi: "1.10" } });
  const wb = new OfficeWorkbook(fake);
  const inv = s.invoices;
  fake.addSheet("Invoices", [inv.headers, ...inv.rows]);
  fake.addTable("Invoices", "Invoices", `A1:${colLetters(inv.headers.length)}${inv.rows.length + 1}`);
  await runReportJob(wb, "aging", { asOf: s.asOf });
  fake.addComment("Aging", "B2", "Checked with the customer");
  fake.addName("MyAgingDate", "Aging", "B2");
  return { fake, wb };
}

describe("re-running a report the user annotated (#11)", () => {
  it("the Reports view's question comes before anything is written; Cancel leaves the sheet as it is", async () => {
    const { fake, wb } = await annotatedAging();
    const before = fake.values("Aging", "A1:B4");
    const asked: unknown[] = [];
    const run = runReportJob(wb, "aging", {
      asOf: s.asOf + 1,
      onUserEdits: async (edits) => {
        asked.push(edits);
        return "cancel";
      },
    });
    await expect(run).rejects.toBeInstanceOf(ReportCancelled);
    await expect(run).rejects.toThrow(
      'Nothing was written: "Aging" (1 comment and the name MyAgingDate) is as you left it.',
    );
    expect(asked).toEqual([[{ sheet: "Aging", comments: 1, notes: 0, names: ["MyAgingDate"], unchecked: ["notes"] }]]);
    expect(fake.values("Aging", "A1:B4")).toEqual(before);
    expect(fake.sheet("Aging").comments).toHaveLength(1);
  });

  it("Keep a copy: the old Aging stays as 'Aging (kept …)' and the result says so", async () => {
    const { fake, wb } = await annotatedAging();
    const r = await runReportJob(wb, "aging", {
      asOf: s.asOf + 1,
      today: "2025-11-01",
      onUserEdits: async () => "keep-copy",
    });
    expect(r.keptCopies).toEqual(["Aging (kept 2025-11-01)"]);
    expect(r.userEditsNotes).toEqual([
      '"Aging" had changes of yours (1 comment and the name MyAgingDate): the old sheet is kept as "Aging (kept 2025-11-01)" and the report replaced it.',
    ]);
    expect(fake.sheetNames()).toEqual(["Invoices", "Aging", "Aging (kept 2025-11-01)"]);
    expect(fake.sheet("Aging (kept 2025-11-01)").comments.map((c) => c.content)).toEqual(["Checked with the customer"]);
  });

  it("Replace: no copy, and the result still says what was on the sheet", async () => {
    const { fake, wb } = await annotatedAging();
    const r = await runReportJob(wb, "aging", { asOf: s.asOf + 1, onUserEdits: async () => "replace" });
    expect(r.keptCopies).toEqual([]);
    expect(r.userEditsNotes[0]).toMatch(/^"Aging" had changes of yours .*replaced it without keeping a copy/);
    expect(fake.sheetNames()).toEqual(["Invoices", "Aging"]);
  });

  it("nothing of the user's: the view is not asked, and nothing is said", async () => {
    const fake = new ExcelFake();
    const wb = new OfficeWorkbook(fake);
    const inv = s.invoices;
    fake.addSheet("Invoices", [inv.headers, ...inv.rows]);
    await runReportJob(wb, "aging", { asOf: s.asOf });
    const r = await runReportJob(wb, "aging", {
      asOf: s.asOf,
      onUserEdits: async () => {
        throw new Error("asked for nothing");
      },
    });
    expect([r.userEdits, r.keptCopies, r.userEditsNotes]).toEqual([[], [], []]);
  });

  it("the CLI says on stderr what it kept, with an adapter that can tell", async () => {
    const { wb } = await annotatedAging();
    const io = captureIo("/tmp");
    let code = -1;
    await jest.isolateModulesAsync(async () => {
      jest.doMock("../../src/workbook/file-io", () => ({
        ...jest.requireActual("../../src/workbook/file-io"),
        openWorkbookFile: async () => wb,
      }));
      jest.doMock("../../src/cli/files", () => ({
        ...jest.requireActual("../../src/cli/files"),
        saveCopy: async () => undefined,
      }));
      const { main } = await import("../../src/cli/main");
      code = await main(["report", "aging", "book.xlsx", "--as-of", "2025-11-01", "--out", "out.xlsx"], io);
    });
    expect(code).toBe(0);
    expect(io.stderr).toEqual([
      '"Aging" had changes of yours (1 comment and the name MyAgingDate): the old sheet is kept as "Aging (kept 2025-10-31)" and the report replaced it.',
    ]);
    expect(io.stdout.join("\n")).not.toMatch(/kept/);
  });
});
