/**
 * The user's edits on a report sheet of a file (#11, #13): a re-run that replaces the sheet finds the notes and
 * threaded comments Excel put on it and the names of the user's on or into it (user-edits.ts decides what
 * counts; the file adapter looks in the package), says so, and with keepCopy keeps the old sheet beside the report,
 * part for part, as the user's own sheet, as the office adapter keeps its copy in Excel.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import type { SheetSpec } from "../../src/core/sheet-spec";
import { FileWorkbook } from "../../src/workbook/file";
import {
  OWN_NAME_TAG,
  nameListOf,
  ownNamesName,
  repointReferences,
  seenNamesName,
  userEditsOn,
} from "../../src/workbook/user-edits";
import { annotate } from "../helpers/annotate";
import { partText, partsOf, patchParts } from "../helpers/xlsx-parts";
import { libreOfficeResave, recalcToCsv, sofficeAvailable } from "../helpers/soffice";

const withSoffice = sofficeAvailable() ? test : test.skip;

function report(amounts = [10, 20]): SheetSpec {
  const [a, b] = amounts;
  return {
    name: "Aging",
    role: "report:aging",
    rows: [["Aging"], ["Customer", "Amount"], ["Acme", a], ["Birla", b], ["Total", { f: "SUM(B3:B4)", v: a + b }]],
    tables: [{ name: "AgingDetail", range: "A2:B4" }],
    names: [{ name: "Open_rows", refersTo: "A3:B4", comment: "The open invoices" }],
    hyperlinks: [{ cell: "A5", location: "'Aging'!Open_rows" }],
    print: { orientation: "portrait", paper: "A4", fit: { wide: 1, tall: 0 }, titleRows: { first: 2, last: 2 } },
    charts: [
      {
        type: "column",
        title: "Open",
        categories: "A3:A4",
        series: [{ name: "Amount", values: "B3:B4" }],
        anchor: { from: "D2", to: "J12" },
      },
    ],
  };
}

/** A book with a user's sheet and the report, saved; then annotated as a user in Excel would. */
async function annotated(): Promise<Uint8Array> {
  const wb = new FileWorkbook();
  wb.addUserSheet("Summary", [["Aging total"]]);
  await wb.write(report());
  return annotate(await wb.toXlsx(), "Aging", {
    notes: [
      { cell: "B3", text: "Acme promised to pay on Friday" },
      { cell: "B4", text: "disputed" },
    ],
    threaded: [{ cell: "A3", text: "Check with sales", replies: 2 }],
    names: [
      { name: "AgingTotal", reference: "'Aging'!$B$5" },
      { name: "MyRows", reference: "'Aging'!$A$3:$B$3", scope: "Aging" },
      { name: "Top", reference: "Aging!$B$3", scope: "Summary" },
      { name: "Elsewhere", reference: "'Summary'!$A$1" },
    ],
  });
}

const names = (bytes: Uint8Array) =>
  [...partText(bytes, "xl/workbook.xml").matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)].map((m) => ({
    name: /\sname="([^"]*)"/.exec(m[1])![1],
    scope: /\slocalSheetId="(\d+)"/.exec(m[1])?.[1] ?? null,
    comment: /\scomment="([^"]*)"/.exec(m[1])?.[1] ?? null,
    hidden: /\shidden="1"/.test(m[1]),
    reference: m[2]
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"'),
  }));

/** The worksheet part of a sheet by name. */
function sheetPart(bytes: Uint8Array, sheet: string): string {
  const wb = partText(bytes, "xl/workbook.xml");
  const rid = new RegExp(`<sheet name="${sheet.replace(/[()]/g, "\\$&")}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(partText(bytes, "xl/_rels/workbook.xml.rels"))![1];
  return `xl/${target}`;
}

test("a sheet's print titles, print area and filter are its setup, not the user's names, in either adapter's spelling", () => {
  const found = ["_xlnm.Print_Titles", "Print_Titles", "_xlnm.Print_Area", "Print_Area", "_xlnm._FilterDatabase"].map(
    (name) => ({ name, formula: "='Aging'!$2:$2", comment: null, scope: "Aging" }),
  );
  expect(userEditsOn("Aging", { names: found, comments: 0, notes: 0 }).edits.names).toEqual([]);
  expect(
    userEditsOn("Aging", { names: [{ ...found[0], name: "Print_Titles_mine" }], comments: 0, notes: 0 }).edits.names,
  ).toEqual(["Print_Titles_mine"]);
});

test("a kept copy's names point at it, other sheets' references stay", () => {
  expect(repointReferences("'Aging'!$A$1,Aging!$B$2,OldAging!$C$3,'Summary'!$D$4", "Aging", "Aging (kept)")).toBe(
    "'Aging (kept)'!$A$1,'Aging (kept)'!$B$2,OldAging!$C$3,'Summary'!$D$4",
  );
  expect(repointReferences("'It''s'!$A$1", "It's", "It's (kept)")).toBe("'It''s (kept)'!$A$1");
});

describe("a report sheet the user annotated, in a file", () => {
  test("the look before a write finds the notes, the threaded comment (replies and legacy copies not counted) and the user's names", async () => {
    const wb = await FileWorkbook.fromXlsx(await annotated());
    expect(await wb.userEdits([report()])).toEqual([
      {
        sheet: "Aging",
        comments: 1,
        notes: 2,
        // Not the add-in's tagged Open_rows, its print titles, its marker, nor a name pointing elsewhere.
        names: ["AgingTotal", "MyRows", "Summary!Top"],
        unchecked: [],
      },
    ]);
    // Not the add-in's sheet, or not there: nothing to say.
    expect(
      await wb.userEdits([
        { name: "Summary", role: "report:aging" },
        { name: "Nope", role: "x" },
      ]),
    ).toEqual([]);
  });

  test("keepCopy: the old sheet stays beside the report, its parts and comments byte for byte, the user's now", async () => {
    const before = await annotated();
    const wb = await FileWorkbook.fromXlsx(before);
    const r = await wb.write(report([5, 7]), { keepCopy: { date: "2025-10-31" } });
    expect(r).toEqual({
      userEdits: expect.objectContaining({ comments: 1, notes: 2, names: ["AgingTotal", "MyRows", "Summary!Top"] }),
      keptCopy: "Aging (kept 2025-10-31)",
    });
    const after = await wb.toXlsx();
    const again = await FileWorkbook.fromXlsx(after);
    expect((await again.sheets()).map((s) => [s.name, s.role, s.visible])).toEqual([
      ["Summary", null, true],
      ["Aging", "report:aging", true],
      ["Aging (kept 2025-10-31)", null, true],
    ]);
    // The copy is the old part itself, with its comments, threaded comments and VML carried over unchanged.
    const oldPart = sheetPart(before, "Aging");
    const keptPart = sheetPart(after, "Aging (kept 2025-10-31)");
    expect(keptPart).toBe(oldPart);
    const was = partsOf(before);
    const now = partsOf(after);
    expect(Buffer.from(now[keptPart]).equals(Buffer.from(was[oldPart]))).toBe(true);
    for (const p of Object.keys(was).filter((x) => /comment|vmlDrawing|persons/.test(x)))
      expect(Buffer.from(now[p]).equals(Buffer.from(was[p]))).toBe(true);
    // The report: new figures, no comment or note on it.
    const reportPart = sheetPart(after, "Aging");
    expect(partText(after, reportPart)).not.toContain("legacyDrawing");
    expect(
      Object.keys(now).some(
        (p) => p === `xl/worksheets/_rels/${path.basename(reportPart)}.rels` && /comments/.test(partText(after, p)),
      ),
    ).toBe(false);
    expect((await again.read("AgingDetail")).rows).toEqual([
      ["Acme", 5],
      ["Birla", 7],
    ]);
    // The copy's table has a name of its own (table names are unique in a workbook) and still reads the old rows.
    const tables = (await again.tables()).filter((t) => t.kind === "table").map((t) => [t.name, t.sheet]);
    expect(tables).toEqual([
      ["AgingDetail", "Aging"],
      ["AgingDetail2", "Aging (kept 2025-10-31)"],
    ]);
    expect((await again.read("AgingDetail2")).rows).toEqual([
      ["Acme", 10],
      ["Birla", 20],
    ]);
    // Each sheet's chart draws its own cells: the copy's as Excel's copy of a sheet re-points them.
    const charts = Object.keys(now)
      .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
      .map((p) => [...partText(after, p).matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1].replace(/&apos;/g, "'")));
    expect(charts.sort()).toEqual([
      ["'Aging (kept 2025-10-31)'!$A$3:$A$4", "'Aging (kept 2025-10-31)'!$B$3:$B$4"],
      ["'Aging'!$A$3:$A$4", "'Aging'!$B$3:$B$4"],
    ]);
    // Names: the user's stay where they point; the copy has its own copies of the sheet's names, pointing at it.
    const n = names(after);
    const scoped = (s: string | null) =>
      n
        .filter((x) => x.scope === s)
        .map((x) => [x.name, x.reference])
        .sort();
    expect(scoped("1")).toEqual([
      ["MyRows", "'Aging'!$A$3:$B$3"],
      ["Open_rows", "'Aging'!$A$3:$B$4"],
      ["_xlnm.Print_Titles", "'Aging'!$2:$2"],
    ]);
    expect(scoped("2")).toEqual([
      ["MyRows", "'Aging (kept 2025-10-31)'!$A$3:$B$3"],
      ["Open_rows", "'Aging (kept 2025-10-31)'!$A$3:$B$4"],
      ["_xlnm.Print_Titles", "'Aging (kept 2025-10-31)'!$2:$2"],
    ]);
    expect(n.find((x) => x.name === "Open_rows" && x.scope === "1")!.comment).toBe(`The open invoices ${OWN_NAME_TAG}`);
    expect(n.find((x) => x.name === "AgingTotal")).toMatchObject({ scope: null, reference: "'Aging'!$B$5" });
    expect(n.find((x) => x.name === "Top")).toMatchObject({ scope: "0", reference: "Aging!$B$3" });
    // What the user was told is remembered, hidden, so the next run does not say it again.
    expect(n.find((x) => x.name === seenNamesName("report:aging"))).toMatchObject({
      scope: null,
      hidden: true,
      reference: '"AgingTotal:MyRows:Summary!Top"',
    });

    // The next run finds nothing new: no second copy.
    const third = await again.write(report([6, 8]), { keepCopy: { date: "2025-10-31" } });
    expect(third).toEqual({ userEdits: null, keptCopy: null });
    expect(again.sheetNames()).toHaveLength(3);
  });

  test("without keepCopy the sheet is replaced, its comments go with it, and the result still says what was there", async () => {
    const wb = await FileWorkbook.fromXlsx(await annotated());
    const r = await wb.write(report([5, 7]));
    expect(r).toMatchObject({ userEdits: { comments: 1, notes: 2 }, keptCopy: null });
    const after = await wb.toXlsx();
    expect(Object.keys(partsOf(after)).filter((p) => /comment|vmlDrawing/i.test(p))).toEqual([]);
    expect(partText(after, "[Content_Types].xml")).not.toMatch(/comments\d*\.xml|threadedComment\d*\.xml/);
    // The user's names survive and now name the new figures.
    expect(names(after).filter((x) => ["AgingTotal", "MyRows", "Top"].includes(x.name))).toHaveLength(3);
  });

  test("a book the add-in wrote has nothing of the user's: its own names, print titles and marker do not count", async () => {
    const wb = new FileWorkbook();
    await wb.write(report());
    const back = await FileWorkbook.fromXlsx(await wb.toXlsx());
    expect(await back.userEdits([report()])).toEqual([]);
    expect(await back.write(report([1, 2]), { keepCopy: { date: "2025-10-31" } })).toEqual({
      userEdits: null,
      keptCopy: null,
    });
  });

  test("the report takes the active tab of the sheet it replaced; the kept copy is no longer selected", async () => {
    const bytes = await annotated();
    // The user left the report sheet active (tab 1, selected), as Excel saves it.
    const wbXml = partText(bytes, "xl/workbook.xml").replace(
      /<workbookView\b[^>]*\/>/,
      `<workbookView activeTab="1"/>`,
    );
    const part = sheetPart(bytes, "Aging");
    const ws = partText(bytes, part).replace(
      `<sheetView workbookViewId="0"`,
      `<sheetView tabSelected="1" workbookViewId="0"`,
    );
    const wb = await FileWorkbook.fromXlsx(patchParts(bytes, { "xl/workbook.xml": wbXml, [part]: ws }));
    await wb.write(report([5, 7]), { keepCopy: { date: "2025-10-31" } });
    const after = await wb.toXlsx();
    expect(partText(after, "xl/workbook.xml")).toMatch(/<workbookView activeTab="1"\/>/);
    expect(partText(after, sheetPart(after, "Aging"))).toContain(`tabSelected="1"`);
    expect(partText(after, sheetPart(after, "Aging (kept 2025-10-31)"))).not.toContain(`tabSelected`);
  });

  withSoffice(
    "LibreOffice opens the result: the report computes its new total, the kept copy its old one",
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-kept-"));
      try {
        const wb = await FileWorkbook.fromXlsx(await annotated());
        await wb.write(report([5, 7]), { keepCopy: { date: "2025-10-31" } });
        const file = path.join(dir, "kept.xlsx");
        writeFileSync(file, await wb.toXlsx());
        const sheets = recalcToCsv(file);
        expect(sheets["Aging"][4].slice(0, 2)).toEqual(["Total", "12"]);
        expect(sheets["Aging (kept 2025-10-31)"][4].slice(0, 2)).toEqual(["Total", "30"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  withSoffice(
    "after a save in LibreOffice (which drops every name's comment) a re-run with other names finds nothing of the user's",
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-lo-names-"));
      try {
        // The first run's report has a bucket the second one leaves out (a new as-of date, nothing in it).
        const first: SheetSpec = {
          ...report(),
          names: [...report().names!, { name: "Bucket_90plus", refersTo: "A4:B4", comment: "90+ days" }],
        };
        const wb = new FileWorkbook();
        wb.addUserSheet("Summary", [["Aging total"]]);
        await wb.write(first);
        const file = path.join(dir, "book.xlsx");
        writeFileSync(file, await wb.toXlsx());
        const resaved = readFileSync(libreOfficeResave(file, mkdtempSync(path.join(dir, "lo-"))));
        // LibreOffice's own file: the add-in's names are there, their tags are not; the list beside the sheet is.
        const theirs = names(resaved);
        expect(theirs.find((n) => n.name === "Bucket_90plus")).toMatchObject({ comment: null });
        expect(theirs.some((n) => n.comment?.includes(OWN_NAME_TAG))).toBe(false);
        expect(theirs.find((n) => n.name === ownNamesName("report:aging"))).toBeDefined();
        const again = await FileWorkbook.fromXlsx(resaved);
        expect(await again.userEdits([report()])).toEqual([]);
        const result = await again.write(report([5, 7]), { keepCopy: { date: "2025-10-31" } });
        expect(result).toEqual({ userEdits: null, keptCopy: null });
        const after = names(await again.toXlsx());
        // The old bucket's name went with the old report; the new report's names are tagged again.
        expect(after.map((n) => n.name)).not.toContain("Bucket_90plus");
        expect(after.find((n) => n.name === "Open_rows")?.comment).toContain(OWN_NAME_TAG);
        expect(nameListOf("=" + after.find((n) => n.name === ownNamesName("report:aging"))!.reference)).toEqual([
          "Open_rows",
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
