/**
 * scripts/check-api-sets.ts: no Office.js member in src/ above manifest.xml's requirement sets without an
 * isSetSupported check in the same function; and what it catches, on ./fixtures/uses.ts.
 */
import * as fs from "fs";
import * as path from "path";
import { checkApiSets, describeFindings } from "../../scripts/check-api-sets";
import { manifestSets } from "../../scripts/office-api/api-sets";

const declared = manifestSets(fs.readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8"));

describe("check:api-sets", () => {
  test("catches unchecked uses above the declared sets, and accepts a check in the same function", () => {
    const found = checkApiSets({
      files: [path.join(__dirname, "fixtures/uses.ts")],
      declared: { ExcelApi: "1.7", CustomFunctionsRuntime: "1.1" },
    });
    const lines = fs.readFileSync(path.join(__dirname, "fixtures/uses.ts"), "utf8").split("\n");
    const where = found.map((f) => {
      // The function a finding is in: the nearest "export ... function name" above it.
      let i = f.line - 1;
      while (i > 0 && !/export (async )?function/.test(lines[i])) i--;
      return [/function (\w+)/.exec(lines[i])![1], f.member, f.needs];
    });
    expect(where).toEqual([
      ["highlightUnchecked", "Excel.Worksheet.getRanges", "ExcelApi 1.9"],
      ["highlightUnchecked", "Excel.RangeAreas.conditionalFormats", "ExcelApi 1.9"],
      ["highlightCheckedElsewhere", "Excel.Worksheet.getRanges", "ExcelApi 1.9"],
      ["highlightCheckedElsewhere", "Excel.RangeAreas.conditionalFormats", "ExcelApi 1.9"],
      ["highlightCheckedTooLow", "Excel.Worksheet.getRanges", "ExcelApi 1.9"],
      ["hostErrorUnchecked", "new CustomFunctions.Error", "CustomFunctionsRuntime 1.2"],
      ["hostErrorUnchecked", "CustomFunctions.ErrorCode.invalidValue", "CustomFunctionsRuntime 1.3"],
      ["undoGroup", "Excel.RunOptions.mergeUndoGroup", "ExcelApi 1.20"],
    ]);
  });

  test("would catch the office adapter's getRanges with the ExcelApi 1.7 manifest.xml declared before #9", () => {
    const found = checkApiSets({
      files: [path.resolve(__dirname, "../../src/workbook/office.ts")],
      declared: { ...declared, ExcelApi: "1.7" },
    });
    expect(found.map((f) => f.member)).toEqual(
      expect.arrayContaining(["Excel.Worksheet.getRanges", "Excel.RangeAreas.conditionalFormats"]),
    );
  });

  test("src/ uses nothing above manifest.xml's sets without an isSetSupported check", () => {
    const found = checkApiSets({ declared });
    if (found.length) throw new Error(describeFindings(found, declared));
  });
});
