/** The Data Quality sheet and its JSON from a known list of findings (counted by hand in the test). */
import { buildQualityReport, qualityJson } from "../../../src/core/reports/quality";
import { isFormulaCell } from "../../../src/core/sheet-spec";

const findings = [
  { sheet: "Invoices", row: 7, column: "Amount", value: "12,O00", message: "Amount is not an amount", rule: "type" },
  { sheet: "Employees", row: 3, column: "PAN", value: "ABCDE1234", message: "PAN is not valid", rule: "pan" },
  {
    sheet: "Invoices",
    row: 4,
    column: "GSTIN",
    value: "27AAAPL1234C1Z",
    message: "GSTIN has 14 characters",
    rule: "gstin",
  },
  {
    sheet: "Invoices",
    row: 4,
    column: "Due Date",
    value: 1,
    message: "Due Date is before Invoice Date",
    rule: "notBefore",
  },
];
const sources = [
  { name: "Invoices", sheet: "Invoices", schema: "Invoices", rows: 300, valid: 298 },
  { name: "Employees", sheet: "Employees", schema: "Employees", rows: 50, valid: 49 },
];

describe("quality report", () => {
  it("prints rows checked and every issue in sheet order, then row order (cli.md shape)", () => {
    expect(qualityJson({ sources, findings })).toEqual({
      rows: 350,
      issues: [
        { sheet: "Invoices", row: 4, column: "GSTIN", message: "GSTIN has 14 characters" },
        { sheet: "Invoices", row: 4, column: "Due Date", message: "Due Date is before Invoice Date" },
        { sheet: "Invoices", row: 7, column: "Amount", message: "Amount is not an amount" },
        { sheet: "Employees", row: 3, column: "PAN", message: "PAN is not valid" },
      ],
    });
  });

  it("counts findings by table and by rule with live exact-match formulas whose cached values are right", () => {
    const s = buildQualityReport({ asOf: 45961, sources, findings });
    expect(s.name).toBe("Data Quality");
    expect(s.role).toBe("report:quality");
    const row = (label: string) => s.rows.find((r) => r[0] === label)!;
    const inv = row("Invoices");
    expect(inv.slice(1, 3)).toEqual([300, 298]);
    // A sheet name is matched as text, never as a criterion (a sheet may be named "<>" or "~x").
    expect(isFormulaCell(inv[3]) && inv[3].f).toMatch(/^SUMPRODUCT\(--EXACT\(\$A\$\d+:\$A\$\d+,A\d+\)\)$/);
    expect(isFormulaCell(inv[3]) && inv[3].v).toBe(3);
    const total = s.rows.find((r) => r[0] === "Total")!;
    expect(isFormulaCell(total[1]) && total[1].v).toBe(350);
    expect(isFormulaCell(total[3]) && total[3].v).toBe(4);
    const gstin = s.rows.find(
      (r) => r.includes("GSTIN not valid") && isFormulaCell(r[r.indexOf("GSTIN not valid") + 1]),
    )!;
    const c = gstin[gstin.indexOf("GSTIN not valid") + 1];
    expect(isFormulaCell(c) && c.v).toBe(1);
    expect(s.tables![0].name).toBe("DataQualityFindings");
    expect(s.charts).toHaveLength(1);
  });

  it("accepts plain table names as sources and writes a valid sheet with no findings", () => {
    const s = buildQualityReport({ asOf: 45961, sources: ["Bank"], findings: [] });
    expect(s.tables![0].range).toMatch(/^A\d+:F\d+$/);
    expect(qualityJson({ sources: ["Bank"], findings: [] })).toEqual({ rows: 0, issues: [] });
    expect(s.charts).toEqual([]);
  });

  it("names rules in plain words and shows a date a finding is about as a date", () => {
    const s = buildQualityReport({ asOf: 45961, sources, findings });
    const header = Number(/^A(\d+):/.exec(s.tables![0].range)![1]);
    const detail = s.rows.slice(header);
    expect(detail.map((r) => r[5])).toEqual([
      "GSTIN not valid",
      "Dates in the wrong order",
      "Not a valid value",
      "PAN not valid",
    ]);
    expect(s.rows.some((r) => r.includes("notBefore") || r.includes("type"))).toBe(false);
    // Due Date is a date column of the Invoices schema: its value (a serial) is formatted as a date.
    const dueRow = header + 1 + detail.findIndex((r) => r[2] === "Due Date");
    expect(s.styles).toContainEqual({
      range: `D${dueRow}`,
      style: { numFmt: "yyyy-mm-dd", horizontalAlignment: "left" },
    });
    expect(s.styles!.filter((x) => x.range.startsWith("D") && x.style.numFmt === "yyyy-mm-dd")).toHaveLength(1);
  });
});
