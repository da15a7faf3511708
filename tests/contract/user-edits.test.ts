/**
 * The user's edits on a report sheet (#11): what counts (comments, notes, names the add-in did not make), how the
 * office adapter finds them in the write's first round trip (comments and notes only where the host has their
 * API sets), and the copy it keeps of the old sheet when asked. The decision itself is src/workbook/user-edits.ts.
 */
import type { SheetSpec } from "../../src/core/sheet-spec";
import { OfficeWorkbook } from "../../src/workbook/office";
import {
  OWN_NAME_TAG,
  describeUserEdits,
  keptCopyName,
  ownNameComment,
  refersToSheet,
  nameListFormula,
  nameListOf,
  ownNamesName,
  userEditsOn,
  userEditsSentence,
  type SeenName,
} from "../../src/workbook/user-edits";
import { ExcelFake } from "../fakes/excel-fake";
import { report } from "./cases";

/** A report with a sheet-level name of its own and a link to it. */
function named(amounts = [10, 20]): SheetSpec {
  return {
    ...report("Aging Report", "report:aging", amounts),
    names: [{ name: "Open_rows", refersTo: "A2:D3", comment: "The open invoices" }],
    hyperlinks: [{ cell: "A4", location: "'Aging Report'!Open_rows", tooltip: "The rows" }],
  };
}

/** A host with the comments (ExcelApi 1.10) and notes (1.18) APIs, beyond manifest.xml's 1.9. */
const modernHost = () => new ExcelFake({ grant: { ExcelApi: "1.18" } });

describe("what counts as the user's edit (user-edits.ts)", () => {
  const names = (...n: Partial<SeenName>[]): SeenName[] =>
    n.map((x) => ({ name: "N", formula: "=#REF!", comment: "", scope: null, ...x }));

  test("names into the sheet or on it count; markers, the spec's names and the add-in's tagged names do not", () => {
    const found = names(
      { name: "BPODESK_REPORT__AGING", formula: "='Aging Report'!$A$1" },
      { name: "BPODESK.SEEN_REPORT__AGING", formula: '="X"' },
      { name: "AgingTotal", formula: "='Aging Report'!$B$4" },
      { name: "Elsewhere", formula: "=Summary!$A$1" },
      { name: "Open_rows", formula: "='Aging Report'!$A$2:$D$3", scope: "Aging Report" },
      { name: "Old_group", formula: "='Aging Report'!$A$9", scope: "Aging Report", comment: ownNameComment("x") },
      { name: "Mine", formula: "=Summary!$A$1", scope: "Aging Report" },
      { name: "Top", formula: "=SUM('aging report'!$B:$B)", scope: "Summary" },
    );
    const { edits, userNames } = userEditsOn("Aging Report", { names: found, comments: 2, notes: null }, ["Open_rows"]);
    expect(edits).toEqual({
      sheet: "Aging Report",
      comments: 2,
      notes: 0,
      names: ["AgingTotal", "Mine", "Summary!Top"],
      unchecked: ["notes"],
    });
    expect(userNames).toEqual(edits.names);
    // Once said, a name counts no more; it is still one of the user's names to remember.
    const again = userEditsOn("Aging Report", { names: found, comments: 0, notes: 0 }, ["Open_rows"], userNames);
    expect(again.edits.names).toEqual([]);
    expect(again.userNames).toEqual(userNames);
  });

  test("a reference to the sheet is told from one to a sheet whose name ends the same", () => {
    expect(refersToSheet("=Aging!$A$1", "Aging")).toBe(true);
    expect(refersToSheet("=OldAging!$A$1", "Aging")).toBe(false);
    expect(refersToSheet("='Aging Report'!A1", "aging report")).toBe(true);
    expect(refersToSheet("='It''s'!A1", "It's")).toBe(true);
  });

  test("a name list survives as text constants of at most 255 characters each, within Excel's 8,192 of a formula", () => {
    expect(nameListOf(nameListFormula(["b", "A", 'Q"s!x']))).toEqual(["A", 'Q"s!x', "b"]);
    expect(nameListFormula([])).toBeNull();
    const constants = (f: string) => [...f.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
    const many = Array.from({ length: 40 }, (_, i) => `Name_number_${i}`);
    const f = nameListFormula(many)!;
    expect(nameListOf(f)).toEqual([...many].sort());
    expect(constants(f).length).toBeGreaterThan(1);
    for (const c of constants(f)) expect(c.length).toBeLessThanOrEqual(255);
    // Far more than a formula holds: a sorted prefix is kept, the formula stays within Excel's limit.
    const lots = Array.from({ length: 2000 }, (_, i) => `A_rather_long_name_${String(i).padStart(4, "0")}`);
    const g = nameListFormula(lots)!;
    expect(g.length).toBeLessThanOrEqual(8192);
    const kept = nameListOf(g);
    expect(kept.length).toBeGreaterThan(300);
    expect(kept).toEqual([...lots].sort().slice(0, kept.length));
    // Anything else lists nothing.
    expect(nameListOf("='Aging'!$A$1")).toEqual([]);
    expect(nameListOf('="a"&B2')).toEqual([]);
  });

  test("the add-in's own names listed beside the sheet count as its own without their tag (a LibreOffice save drops it)", () => {
    const found = names(
      { name: "Bucket_90plus", formula: "='Aging Report'!$A$9", scope: "Aging Report", comment: null },
      { name: "Mine", formula: "='Aging Report'!$A$1", scope: "Aging Report", comment: null },
    );
    const before = userEditsOn("Aging Report", { names: found, comments: 0, notes: 0 }, []);
    expect(before.edits.names).toEqual(["Bucket_90plus", "Mine"]);
    const listed = userEditsOn("Aging Report", { names: found, comments: 0, notes: 0 }, [], [], ["Bucket_90plus"]);
    expect(listed.edits.names).toEqual(["Mine"]);
  });

  test("a kept copy's name fits Excel's 31 characters and is numbered when taken", () => {
    expect(keptCopyName("Aging", "2025-10-31", [])).toBe("Aging (kept 2025-10-31)");
    expect(keptCopyName("Payroll Register", "2025-10-31", [])).toBe("Payroll Regis (kept 2025-10-31)");
    expect(keptCopyName("Aging", "2025-10-31", ["aging (KEPT 2025-10-31)"])).toBe("Aging (kept 2025-10-31 2)");
    for (const n of [keptCopyName("Payroll Register", "2025-10-31", ["Payroll Regis (kept 2025-10-31)"])])
      expect(n.length).toBeLessThanOrEqual(31);
  });

  test("the sentences say what was found and where the old sheet went", () => {
    const e = { sheet: "Aging", comments: 2, notes: 1, names: ["AgingTotal"], unchecked: [] };
    expect(describeUserEdits(e)).toBe("2 comments, 1 note and the name AgingTotal");
    expect(userEditsSentence(e, "Aging (kept 2025-10-31)")).toBe(
      '"Aging" had changes of yours (2 comments, 1 note and the name AgingTotal): the old sheet is kept as "Aging (kept 2025-10-31)" and the report replaced it.',
    );
    expect(userEditsSentence({ ...e, comments: 0, notes: 0 }, null)).toBe(
      '"Aging" had changes of yours (the name AgingTotal); the report replaced it without keeping a copy (the names now point at the new figures).',
    );
    expect(ownNameComment("x".repeat(300)).length).toBeLessThanOrEqual(255);
    expect(ownNameComment().endsWith(OWN_NAME_TAG)).toBe(true);
  });
});

describe("the office adapter and the user's edits (strict fake)", () => {
  /** The report written once, then what a user does to it. */
  async function edited(fake = modernHost()): Promise<{ fake: ExcelFake; wb: OfficeWorkbook }> {
    const wb = new OfficeWorkbook(fake);
    fake.addSheet("Summary", [["Aging total"]]);
    await wb.write(named());
    fake.addComment("Aging Report", "B2", "Acme promised to pay on Friday");
    fake.addNote("Aging Report", "B3", "disputed");
    fake.addName("AgingTotal", "Aging Report", "B4");
    fake.addSheetName("Aging Report", "MyRows", "Aging Report", "A2:D2");
    fake.addSheetName("Summary", "Top", "Aging Report", "B2");
    return { fake, wb };
  }

  test("the look before a write finds exactly the user's edits, in one round trip", async () => {
    const { fake, wb } = await edited();
    fake.resetCounters();
    expect(await wb.userEdits([named()])).toEqual([
      {
        sheet: "Aging Report",
        comments: 1,
        notes: 1,
        names: ["AgingTotal", "Summary!Top", "MyRows"],
        unchecked: [],
      },
    ]);
    expect(fake.syncCount).toBe(1);
    // Nothing was written by looking.
    expect(fake.sheetNames()).toEqual(["Summary", "Aging Report"]);
    // A sheet that is not the add-in's, or not there, has nothing to say.
    expect(
      await wb.userEdits([
        { name: "Summary", role: "report:aging" },
        { name: "Nope", role: "x" },
      ]),
    ).toEqual([]);
  });

  test("keepCopy: the old sheet, with the comment, note and names, stays beside the report as the user's; two round trips", async () => {
    const { fake, wb } = await edited();
    fake.resetCounters();
    const r = await wb.write(named([5, 7]), { keepCopy: { date: "2025-10-31" } });
    expect(fake.syncCount).toBe(2);
    expect(r).toEqual({
      userEdits: expect.objectContaining({ comments: 1, notes: 1, names: ["AgingTotal", "Summary!Top", "MyRows"] }),
      keptCopy: "Aging Report (kept 2025-10-31)",
    });
    expect(fake.sheetNames()).toEqual(["Summary", "Aging Report", "Aging Report (kept 2025-10-31)"]);
    const kept = fake.sheet("Aging Report (kept 2025-10-31)");
    expect(kept.visibility).toBe("Visible");
    expect(kept.comments.map((c) => c.content)).toEqual(["Acme promised to pay on Friday"]);
    expect(kept.notes.map((c) => c.content)).toEqual(["disputed"]);
    expect(kept.names.map((n) => n.name).sort()).toEqual(["MyRows", "Open_rows"]);
    expect(fake.values("Aging Report (kept 2025-10-31)", "B2:B4")).toEqual([[10], [20], [30]]);
    // The copy is the user's: no marker, so no re-run replaces or deletes it.
    expect((await wb.sheets()).map((s) => [s.name, s.role])).toEqual([
      ["Summary", null],
      ["Aging Report", "report:aging"],
      ["Aging Report (kept 2025-10-31)", null],
    ]);
    // The report: new figures, no comment or note left on them, the user's own name kept, the add-in's remade.
    const sheet = fake.sheet("Aging Report");
    expect(fake.values("Aging Report", "B2:B4")).toEqual([[5], [7], [12]]);
    expect([sheet.comments, sheet.notes]).toEqual([[], []]);
    expect(sheet.names.map((n) => n.name).sort()).toEqual(["MyRows", "Open_rows"]);
    expect(sheet.names.find((n) => n.name === "Open_rows")!.formula).toBe("='Aging Report'!$A$2:$D$3");
    expect(fake.book.names.find((n) => n.name === "AgingTotal")!.formula).toBe("='Aging Report'!$B$4");
    // The next run finds nothing new: no second copy.
    const again = await wb.write(named([6, 8]), { keepCopy: { date: "2025-10-31" } });
    expect(again).toEqual({ userEdits: null, keptCopy: null });
    expect(fake.sheetNames()).toHaveLength(3);
    // A name the user adds later counts, once.
    fake.addName("Disputed", "Aging Report", "B3");
    expect((await wb.userEdits([named()])).map((e) => e.names)).toEqual([["Disputed"]]);
  });

  test("a book saved in LibreOffice (the names' tags gone): the add-in's names listed beside the sheet are still its own", async () => {
    const fake = modernHost();
    const wb = new OfficeWorkbook(fake);
    fake.addSheet("Summary", [["Aging total"]]);
    await wb.write({ ...named(), names: [...named().names!, { name: "Bucket_90plus", refersTo: "A3:D3" }] });
    const state = fake.book.names.find((n) => n.name === ownNamesName("report:aging"))!;
    expect(state.visible).toBe(false);
    expect(nameListOf(state.formula)).toEqual(["Bucket_90plus", "Open_rows"]);
    // What LibreOffice gives back: every name, none with its comment.
    for (const n of fake.sheet("Aging Report").names) n.comment = "";
    // The next run defines no Bucket_90plus: the old one is the add-in's, not the user's.
    expect(await wb.userEdits([named()])).toEqual([]);
    expect(await wb.write(named([5, 7]), { keepCopy: { date: "2025-10-31" } })).toEqual({
      userEdits: null,
      keptCopy: null,
    });
    expect(fake.sheetNames()).toEqual(["Summary", "Aging Report"]);
    expect(fake.sheet("Aging Report").names.map((n) => n.name)).toEqual(["Open_rows"]);
    expect(nameListOf(fake.book.names.find((n) => n.name === ownNamesName("report:aging"))!.formula)).toEqual([
      "Open_rows",
    ]);
    // Removing the report takes its hidden names with it.
    await wb.remove("Aging Report", "report:aging");
    expect(fake.book.names.filter((n) => /^BPODESK/i.test(n.name))).toEqual([]);
  });

  test("without keepCopy the sheet is replaced, and the result still says what was on it", async () => {
    const { fake, wb } = await edited();
    const r = await wb.write(named([5, 7]));
    expect(r).toMatchObject({ userEdits: { comments: 1, notes: 1 }, keptCopy: null });
    expect(fake.sheetNames()).toEqual(["Summary", "Aging Report"]);
    expect(fake.sheet("Aging Report").comments).toEqual([]);
  });

  test("on manifest.xml's ExcelApi 1.9 comments and notes are not looked at (nor asked for), names still are", async () => {
    const { fake, wb } = await edited(new ExcelFake());
    const [e] = await wb.userEdits([named()]);
    expect(e).toEqual({
      sheet: "Aging Report",
      comments: 0,
      notes: 0,
      names: ["AgingTotal", "Summary!Top", "MyRows"],
      unchecked: ["comments", "notes"],
    });
    const labels: string[] = [];
    const r = await wb.write(named([5, 7]), { keepCopy: { date: "2025-10-31" } });
    labels.push(...fake.syncs.flatMap((x) => x.labels));
    expect(labels.filter((l) => l.startsWith("ApiNotFound"))).toEqual([]);
    expect(r).toMatchObject({ keptCopy: "Aging Report (kept 2025-10-31)" });
  });

  test("a failure while finishing puts the old sheet back and keeps no copy", async () => {
    const { fake, wb } = await edited();
    fake.failWhen = (l) => l === "pageLayout.orientation" || l === "names.add";
    await expect(wb.write(named([5, 7]), { keepCopy: { date: "2025-10-31" } })).rejects.toThrow(/Injected failure/);
    expect(fake.sheetNames()).toEqual(["Summary", "Aging Report"]);
    expect(fake.values("Aging Report", "B2:B4")).toEqual([[10], [20], [30]]);
    expect(fake.sheet("Aging Report").comments.map((c) => c.content)).toEqual(["Acme promised to pay on Friday"]);
    expect((await wb.sheets()).map((s) => s.role)).toEqual([null, "report:aging"]);
  });

  test("removing the report removes what the add-in remembered with it", async () => {
    const { fake, wb } = await edited();
    await wb.write(named([5, 7]));
    expect(fake.book.names.map((n) => n.name)).toContain("BPODESK.SEEN_REPORT__AGING");
    expect(fake.book.names.find((n) => n.name === "BPODESK.SEEN_REPORT__AGING")!.visible).toBe(false);
    await wb.remove("Aging Report", "report:aging");
    expect(fake.book.names.map((n) => n.name)).toEqual(["AgingTotal"]);
  });
});
