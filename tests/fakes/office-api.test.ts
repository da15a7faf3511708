/**
 * tests/fakes/office-api.json is what scripts/office-api/extract.ts makes of the installed typings: the fake
 * is held to Microsoft's artefacts only while the committed table is up to date (npm run gen:office-api).
 */
import * as fs from "fs";
import { OUTPUT, buildTable, serialise } from "../../scripts/office-api/extract";
import { parseApiSet, manifestSets, satisfied } from "../../scripts/office-api/api-sets";

describe("the fake's table of Excel enums and requirement sets", () => {
  const table = buildTable();

  test("is up to date with node_modules/@types/office-js", () => {
    expect(fs.readFileSync(OUTPUT, "utf8")).toBe(serialise(table));
  });

  test("holds what the typings say, e.g. the operators and the sets of members office.ts uses", () => {
    expect(table.enums["Excel.ConditionalCellValueOperator"]).toEqual([
      "Invalid",
      "Between",
      "NotBetween",
      "EqualTo",
      "NotEqualTo",
      "GreaterThan",
      "LessThan",
      "GreaterThanOrEqual",
      "LessThanOrEqual",
    ]);
    expect(table.types["Excel.Worksheet"].m.getRanges).toMatchObject({ r: "ExcelApi 1.9", k: "m" });
    expect(table.types["Excel.RangeAreas"].m.conditionalFormats).toMatchObject({ r: "ExcelApi 1.9" });
    expect(table.types["Excel.CellValueConditionalFormat"].m.rule).toMatchObject({
      t: { i: "Excel.ConditionalCellValueRule" },
    });
    expect(table.types["Excel.ConditionalCellValueRule"].m.operator.t).toEqual({
      s: "Excel.ConditionalCellValueOperator",
    });
    expect(table.types["Excel.Worksheet"].m.visibility).toMatchObject({ r: "ExcelApi 1.1>ExcelApi 1.2" });
    expect(table.types["CustomFunctions.Error"]).toMatchObject({ r: "CustomFunctionsRuntime 1.2" });
  });
});

describe("requirement sets as Microsoft writes them", () => {
  test("remarks parse into alternatives and a set for assigning", () => {
    expect(parseApiSet("[Api set: ExcelApi 1.9]")).toEqual({ any: [{ name: "ExcelApi", version: "1.9" }] });
    expect(parseApiSet("[Api set: SharedRuntime 1.1, Mailbox 1.10]")?.any).toHaveLength(2);
    expect(parseApiSet("[Api set: ExcelApi 1.1 for get, 1.8 for set]")).toEqual({
      any: [{ name: "ExcelApi", version: "1.1" }],
      write: { name: "ExcelApi", version: "1.8" },
    });
    expect(parseApiSet("[Api set: ExcelApi 1.1 for reading visibility; 1.2 for setting it.]")).toEqual({
      any: [{ name: "ExcelApi", version: "1.1" }],
      write: { name: "ExcelApi", version: "1.2" },
    });
    expect(parseApiSet("no remark")).toBeNull();
  });

  test("versions compare as numbers, and the manifest's sets are what is granted", () => {
    const granted = manifestSets(fs.readFileSync("manifest.xml", "utf8"));
    expect(granted).toMatchObject({ ExcelApi: expect.stringMatching(/^1\.\d+$/), SharedRuntime: "1.1" });
    expect(satisfied({ ExcelApi: "1.10" }, parseApiSet("[Api set: ExcelApi 1.9]")!)).toBe(true);
    expect(satisfied({ ExcelApi: "1.9" }, parseApiSet("[Api set: ExcelApi 1.10]")!)).toBe(false);
    expect(satisfied({ ExcelApi: "1.9" }, parseApiSet("[Api set: ExcelApiOnline 1.1]")!)).toBe(false);
  });
});
