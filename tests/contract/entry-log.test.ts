/**
 * The Entry Log inside Excel (OfficeWorkbook on the strict fake): entries never lift sheet protection (a
 * per-entry unprotect/protect races under co-authoring), clerks entering at once all land, a log made
 * protected by an earlier version still takes entries, and a structure-protected workbook says what to do.
 */
import { ENTRY_LOG_SHEET, appendEntry } from "../../src/workbook/jobs/entry";
import { OfficeWorkbook } from "../../src/workbook/office";
import { ExcelFake } from "../fakes/excel-fake";

const headers = ["Ref", "Amount"];

function book(): ExcelFake {
  const fake = new ExcelFake();
  fake.addSheet("Payments", [headers, ["P1", 100]]);
  fake.addTable("Payments", "Payments", "A1:B2");
  return fake;
}

describe("the Entry Log", () => {
  test("entries never lift protection: the log is an unprotected table that grows by table.rows.add", async () => {
    const fake = book();
    const wb = new OfficeWorkbook(fake);
    expect(await appendEntry(wb, "Payments", headers, ["P2", 200])).toMatchObject({ row: 3, logged: true });
    expect(await appendEntry(wb, "Payments", headers, ["P3", 300])).toMatchObject({ row: 4, logged: true });
    const labels = fake.syncs.flatMap((s) => s.labels);
    expect(labels).not.toContain("protection.unprotect");
    expect(labels).not.toContain("protection.protect");
    expect(fake.sheet(ENTRY_LOG_SHEET).protected).toBe(false);
    expect((await wb.read(ENTRY_LOG_SHEET)).rows.map((r) => r[2])).toEqual([3, 4]);
  });

  test("two clerks entering at once (two panes on one workbook) both land and both are logged", async () => {
    const fake = book();
    await appendEntry(new OfficeWorkbook(fake), "Payments", headers, ["P2", 200]);
    const outcomes = await Promise.all([
      appendEntry(new OfficeWorkbook(fake), "Payments", headers, ["P3", 300]),
      appendEntry(new OfficeWorkbook(fake), "Payments", headers, ["P4", 400]),
    ]);
    expect(outcomes.map((o) => o.logged)).toEqual([true, true]);
    expect(outcomes.map((o) => o.row).sort()).toEqual([4, 5]);
    const log = await new OfficeWorkbook(fake).read(ENTRY_LOG_SHEET);
    expect(log.rows.map((r) => r[2]).sort()).toEqual([3, 4, 5]);
  });

  test("a log an earlier version protected still takes entries, and stays protected", async () => {
    const fake = book();
    const wb = new OfficeWorkbook(fake);
    await appendEntry(wb, "Payments", headers, ["P2", 200]);
    fake.sheet(ENTRY_LOG_SHEET).protected = true;
    expect(await appendEntry(wb, "Payments", headers, ["P3", 300])).toMatchObject({ logged: true });
    expect(fake.sheet(ENTRY_LOG_SHEET).protected).toBe(true);
  });

  test("the first entry in a structure-protected workbook is written, and says how to get the log", async () => {
    const fake = book();
    fake.book.structureProtected = true;
    const out = await appendEntry(new OfficeWorkbook(fake), "Payments", headers, ["P2", 200]);
    expect(out).toEqual({
      row: 3,
      logged: false,
      message:
        'Row 3 was added to Payments, but the Entry Log could not be updated: The workbook\'s structure is protected (Review → Protect Workbook). Unprotect it to let BPO Desk add the sheet "Entry Log".',
    });
    expect(fake.sheetNames()).toEqual(["Payments"]);
  });
});
