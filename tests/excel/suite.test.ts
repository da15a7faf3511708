/**
 * The in-Excel suite's wiring, exercised against the strict fake: tests/excel/suite.ts runs every contract
 * case (the same lists jest runs against both adapters) on a fresh harness with cleanup, then the functions
 * smoke set through the functions, and produces the payload the page posts to office-addin-test-server.
 */
import { OFFICE_CASES, WORKBOOK_CONTRACT } from "../contract/cases";
import { officeHarness } from "../contract/harnesses";
import { ExcelFake } from "../fakes/excel-fake";
import { FUNCTIONS_SMOKE, evaluateFormula, excelArgument, splitFormula } from "./functions-smoke";
import { payload, readResults, runSmoke, runSuite, summarise, type SuiteHost } from "./suite";

/** A suite host on one fake workbook, as a page has one workbook: Sheet1 there before, cases cleaned up after. */
function fakeHost(): SuiteHost & { fake: ExcelFake } {
  const fake = new ExcelFake();
  fake.addSheet("Sheet1");
  return {
    fake,
    harness: async () => {
      const h = officeHarness(fake);
      return {
        ...h,
        failNextMerge: undefined, // as in Excel: the suite must skip the cases that inject failures
        sheetNames: async () => fake.sheetNames().filter((n) => n !== "Sheet1"),
        sheets: async () => (await h.wb.sheets()).filter((s) => s.name !== "Sheet1"),
      };
    },
    cleanup: async () => {
      fake.book.structureProtected = false;
      fake.book.sheets = fake.book.sheets.filter((s) => s.name === "Sheet1");
      fake.book.tables = [];
      fake.book.names = [];
    },
    evaluate: (formulas) => Promise.all(formulas.map((f) => evaluateFormula(f))),
  };
}

describe("test:excel's suite, run against the strict fake", () => {
  test("every case passes on one workbook with cleanup between cases; the failure-injecting ones are skipped", async () => {
    const host = fakeHost();
    const results = await runSuite(host);
    const { failed, text } = summarise(results);
    if (failed) throw new Error(text);
    const injecting = WORKBOOK_CONTRACT.filter((c) => c.injectsFailure).length;
    expect(results).toHaveLength(WORKBOOK_CONTRACT.length - injecting + OFFICE_CASES.length + FUNCTIONS_SMOKE.length);
    expect(host.fake.sheetNames()).toEqual(["Sheet1"]);
  });

  test("the payload is what the test server and run.ts read back, and fits in the URL the helpers post", async () => {
    const results = await runSuite(fakeHost());
    const body = payload(results);
    expect(readResults(JSON.parse(JSON.stringify(body)))).toEqual(body);
    // office-addin-test-helpers sends the JSON as ?data=...; Node's server takes 16 KB of headers.
    expect(encodeURIComponent(JSON.stringify(body)).length).toBeLessThan(16 * 1024);
    expect(() => readResults({ resultName: "x" })).toThrow(/not a list of results/);
  });

  test("a failing case and a wrong function result are reported with what went wrong", async () => {
    const host = fakeHost();
    const smoke = await runSmoke({ ...host, evaluate: async (fs) => fs.map(() => 1) }, [
      { formula: "=BPO.DPMO(12,4000,5)", expected: 600 },
    ]);
    expect(smoke).toEqual([{ name: "functions: =BPO.DPMO(12,4000,5)", passed: false, message: "expected 600, got 1" }]);
    expect(summarise(smoke)).toMatchObject({ failed: 1, text: expect.stringContaining("FAIL functions: =BPO.DPMO") });
  });
});

describe("the functions smoke set", () => {
  test("formulas are split and their arguments evaluated as Excel evaluates them", () => {
    expect(splitFormula('=BPO.GST(10000,18%,"MH","KA")')).toEqual({
      name: "GST",
      args: ["10000", "18%", '"MH"', '"KA"'],
    });
    expect(splitFormula("=BPO.SLABTAX(500000,{0,0;250000,0.05})").args).toEqual(["500000", "{0,0;250000,0.05}"]);
    expect(excelArgument("{0,0;250000,0.05}")).toEqual([
      [0, 0],
      [250000, 0.05],
    ]);
    expect(excelArgument("DATE(2025,3,14)+TIME(16,0,0)")).toBeCloseTo(45730 + 16 / 24, 10);
    expect(excelArgument("")).toBeNull();
  });

  test.each(FUNCTIONS_SMOKE.map((s) => [s.formula, s.expected]))("%s is %j", async (formula, expected) => {
    const v = await evaluateFormula(formula as string);
    if (typeof expected === "number") expect(v).toBeCloseTo(expected, 9);
    else expect(v).toEqual(expected);
  });
});
