/**
 * The reconciliation job over the Workbook port (file adapter on the sample workbook): writes the three
 * sheets, never a user's sheet; stores and reloads the last run; the ribbon's summary rebuilds from it.
 * The Recon Summary's live formulas are recalculated by LibreOffice and must agree with the JSON figures.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateSample } from "../../../src/core/sample";
import { FileWorkbook } from "../../../src/workbook/file";
import { sampleBook } from "../sample-book";
import { saveWorkbookFile } from "../../../src/workbook/file-io";
import { WorkbookError } from "../../../src/workbook/port";
import {
  ReconCancelled,
  loadReconState,
  reconSummaryFromWorkbook,
  runRecon,
  withDecisions,
  writeReconResults,
} from "../../../src/workbook/jobs/recon";
import { matchKey } from "../../../src/core/recon";
import { recalcToCsv, sofficeAvailable } from "../../helpers/soffice";

describe("recon job", () => {
  it("finds the planted exceptions of the sample Bank and Ledger", async () => {
    const sample = generateSample();
    const wb = await sampleBook();
    const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
    const j = run.json;
    // The generator's record of planted exceptions is the independent source of these expectations.
    const ex = (k: string) => sample.exceptions.find((e) => e.kind === k)!;
    const find = (l: number[], r: number[]) =>
      j.matches.find(
        (m) => JSON.stringify(m.left) === JSON.stringify(l) && JSON.stringify(m.right) === JSON.stringify(r),
      );
    expect(find(ex("combined-deposit").bankRows, ex("combined-deposit").ledgerRows)).toMatchObject({
      rule: "group",
      status: "confirmed",
    });
    expect(find(ex("transposed").bankRows, ex("transposed").ledgerRows)).toMatchObject({
      rule: "fuzzy",
      status: "suggested",
      difference: -90,
    });
    expect(find(ex("timing").bankRows, ex("timing").ledgerRows)).toBeDefined();
    expect(j.unmatchedLeft.sort((a, b) => a - b)).toEqual(
      [...ex("bank-charge").bankRows, ...ex("interest").bankRows].sort((a, b) => a - b),
    );
    expect(j.unmatchedRight).toEqual(ex("cheque-in-transit").ledgerRows);
  });

  it("writes the three sheets and the state; an accepted suggestion is confirmed and survives a rebuild", async () => {
    const wb = await sampleBook();
    const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
    const sug = run.result.matches.find((m) => m.status === "suggested")!;
    const final = withDecisions(run, [{ key: matchKey(run.result, sug), decision: "accept" }]);
    await writeReconResults(wb, final);
    const sheets = await wb.sheets();
    expect(sheets.filter((s) => s.role?.startsWith("recon:")).map((s) => s.name)).toEqual([
      "Recon Summary",
      "Recon Matched",
      "Recon Unmatched",
      "Recon State",
    ]);
    const state = await loadReconState(wb);
    expect(state).toMatchObject({ left: "Bank", right: "Ledger", decisions: [{ decision: "accept" }] });
    const rebuilt = await reconSummaryFromWorkbook(wb);
    expect(rebuilt.json.matches.every((m) => m.status === "confirmed")).toBe(true);
    expect(rebuilt.json).toEqual(final.json);
  });

  it("a rejected match leaves its items unmatched", async () => {
    const wb = await sampleBook();
    const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
    const sug = run.result.matches.find((m) => m.status === "suggested")!;
    const rejected = withDecisions(run, [{ key: matchKey(run.result, sug), decision: "reject" }]);
    expect(rejected.json.matches).toHaveLength(run.json.matches.length - 1);
    expect(rejected.json.unmatchedLeft).toContain(run.result.left.row[sug.left[0]]);
  });

  it("never overwrites a user's sheet with a recon sheet's name, and writes nothing then", async () => {
    const wb = await sampleBook();
    await wb.write({ name: "Recon Matched", role: "", rows: [["my notes"]] });
    const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
    await expect(writeReconResults(wb, run)).rejects.toThrow(
      /"Recon Matched" already exists and is not one the add-in wrote/,
    );
    const names = (await wb.sheets()).map((s) => s.name);
    expect(names).not.toContain("Recon Summary");
    expect((await wb.read("Recon Matched")).headers[0]).toBe("my notes");
  });

  it("cancels when asked", async () => {
    const wb = await sampleBook();
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(runRecon(wb, { left: "Bank", right: "Ledger", signal: ctrl.signal })).rejects.toBeInstanceOf(
      ReconCancelled,
    );
  });

  it("without a state or Bank/Ledger, names the headers it looked for", async () => {
    const wb = new FileWorkbook();
    await wb.write({
      name: "Stuff",
      role: "",
      rows: [
        ["A", "B"],
        [1, 2],
      ],
    });
    await expect(reconSummaryFromWorkbook(wb)).rejects.toThrow(WorkbookError);
    await expect(reconSummaryFromWorkbook(wb)).rejects.toThrow(
      /named "Bank" or one with the headers Narration, Withdrawal, Deposit, Balance/,
    );
  });

  it("bad rules or columns are a WorkbookError with the engine's message", async () => {
    const wb = await sampleBook();
    await expect(runRecon(wb, { left: "Bank", right: "Ledger", rules: { left: { amount: "Total" } } })).rejects.toThrow(
      /the rules name "Total" as the amount column/,
    );
  });

  const lo = sofficeAvailable() ? it : it.skip;
  lo(
    "Recon Summary formulas recalculate (LibreOffice) to the JSON figures",
    async () => {
      const wb = await sampleBook();
      const run = await runRecon(wb, { left: "Bank", right: "Ledger" });
      await writeReconResults(wb, run);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-recon-lo-"));
      try {
        const file = path.join(dir, "recon.xlsx");
        await saveWorkbookFile(wb, file);
        const csv = recalcToCsv(file)["Recon Summary"];
        const row = (label: string) => csv.find((r) => r[0] === label)!;
        const s = run.json.summary;
        const num = (x: string) => Number(x.replace(/,/g, ""));
        expect(row("Matched items").slice(1, 3).map(num)).toEqual([s.matchedLeft, s.matchedRight]);
        expect(row("Unmatched items").slice(1, 3).map(num)).toEqual([s.left - s.matchedLeft, s.right - s.matchedRight]);
        expect(row("Unmatched amount").slice(1, 3).map(num)).toEqual([s.unmatchedLeftAmount, s.unmatchedRightAmount]);
        const count = (rule: string, status: string) =>
          run.json.matches.filter((m) => m.rule === rule && m.status === status).length;
        expect(row("exact").slice(1, 4).map(num)).toEqual([
          count("exact", "confirmed"),
          count("exact", "suggested"),
          count("exact", "confirmed") + count("exact", "suggested"),
        ]);
        expect(row("fuzzy").slice(1, 3).map(num)).toEqual([count("fuzzy", "confirmed"), count("fuzzy", "suggested")]);
        expect(num(row("Total")[3])).toBe(run.json.matches.length);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    180000,
  );
});
