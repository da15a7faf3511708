/**
 * SLA report figures against an independent computation (independent.ts: working minutes counted day by
 * day on Mon-Fri 09:00-18:00, the WORKHOURS defaults of functions.md) on seeded generated work items.
 */
import { buildSlaReport } from "../../../src/core/reports/sla";
import { isFormulaCell } from "../../../src/core/sheet-spec";
import type { TableData } from "../../../src/core/table";
import { expectedSla, genWorkItems, serial, type GenTable } from "./independent";
import { sheetTable } from "../tables";

const asOf = serial(2025, 10, 31);
const table = (t: GenTable): TableData => sheetTable("WorkItems", t.headers, t.rows);
const pct = (n: number, d: number) => (d ? Math.round((n * 10000) / d) / 100 : 0);

describe("SLA report", () => {
  it("measures items, SLA adherence, accuracy and TAT overall and by agent like an independent count", () => {
    const t = genWorkItems(21, 600);
    const exp = expectedSla(t, asOf);
    const r = buildSlaReport({ workItems: table(t), asOf });
    expect(r.json.items).toBe(exp.all.items);
    expect(r.json.slaMetPct).toBeCloseTo(pct(exp.all.met, exp.all.items), 2);
    expect(r.json.accuracyPct).toBeCloseTo(pct(exp.all.pass, exp.all.qc), 2);
    expect(r.json.avgTatHours).toBeCloseTo(Math.round((exp.all.tatMin / 60 / exp.all.items) * 100) / 100, 2);
    expect(r.json.byAgent.map((a) => a.agent)).toEqual([...exp.agents.keys()].sort());
    for (const a of r.json.byAgent) {
      const e = exp.agents.get(a.agent)!;
      expect(a.items).toBe(e.items);
      expect(a.slaMetPct).toBeCloseTo(pct(e.met, e.items), 2);
      expect(a.accuracyPct).toBeCloseTo(pct(e.pass, e.qc), 2);
    }
    expect(Object.keys(r.json)).toEqual(["items", "slaMetPct", "accuracyPct", "avgTatHours", "byAgent"]);
    // Backlog at as-of on the sheet (overall block): received, not completed by the end of the day.
    const backlog = r.sheet.rows.find((row) => row[0] === "Backlog at as-of")![1];
    expect(isFormulaCell(backlog) && backlog.v).toBe(exp.all.backlog);
    expect(r.issues).toEqual([]);
  });

  it("treats an item completed after the as-of date as backlog, and leaves out items received later", () => {
    const t: GenTable = {
      headers: ["Item ID", "Process", "Agent", "Received", "Completed", "SLA Hours", "QC Result"],
      rows: [
        // Fri 2025-10-31 10:00 -> 11:30 the same day: 1.5 working hours, within 4.
        ["A", "KYC", "Asha", asOf + 10 / 24, asOf + 11.5 / 24, 4, "Pass"],
        // Thu 2025-10-30 17:00 -> Mon 2025-11-03 10:00: completed after as-of -> backlog.
        ["B", "KYC", "Asha", asOf - 1 + 17 / 24, asOf + 3 + 10 / 24, 4, "Pass"],
        // Received on 2025-11-01: left out.
        ["C", "KYC", "Asha", asOf + 1 + 10 / 24, null, 4, null],
        // Fri 2025-10-24 17:00 -> Mon 2025-10-27 11:00: 1 + 2 = 3 working hours, but SLA 2 -> missed; Fail.
        ["D", "Claims", "Bilal", asOf - 7 + 17 / 24, asOf - 4 + 11 / 24, 2, "Fail"],
      ],
    };
    const r = buildSlaReport({ workItems: table(t), asOf });
    expect(r.json).toEqual({
      items: 2,
      slaMetPct: 50,
      accuracyPct: 50,
      avgTatHours: 2.25,
      byAgent: [
        { agent: "Asha", items: 1, slaMetPct: 100, accuracyPct: 100 },
        { agent: "Bilal", items: 1, slaMetPct: 0, accuracyPct: 0 },
      ],
    });
    expect(r.sheet.rows.some((row) => String(row[1] ?? "").includes("received after the as-of date"))).toBe(true);
  });

  it("reports unreadable cells (text SLA hours, an unknown QC result, completed before received) and leaves the rows out", () => {
    const t = genWorkItems(4, 40);
    t.rows[2][5] = "eight";
    t.rows[5][6] = "Maybe";
    t.rows[7][4] = (t.rows[7][3] as number) - 1;
    t.rows.splice(10, 0, [null, "", null, null, null, null, null]);
    const r = buildSlaReport({ workItems: table(t), asOf });
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([
      [4, "SLA Hours"],
      [7, "QC Result"],
      [9, "Completed"],
    ]);
    const kept = { ...t, rows: t.rows.filter((_, i) => ![2, 5, 7, 10].includes(i)) };
    expect(r.json.items).toBe(expectedSla(kept, asOf).all.items);
  });

  it("names the headers it looked for when a column is missing", () => {
    const t: GenTable = {
      headers: ["Item ID", "Process", "Received", "Completed", "SLA Hours"],
      rows: [["A", "KYC", asOf, asOf, 4]],
    };
    expect(() => buildSlaReport({ workItems: table(t), asOf })).toThrow(
      /lacks the column Agent .*needs Item ID, Process, Agent, Received, SLA Hours/,
    );
  });

  it("charts adherence on a 0-100% axis with the target drawn as a line, and matches agent names as text", () => {
    const t = genWorkItems(23, 120);
    t.rows.forEach((r, i) => (r[2] = i % 2 ? "Asha*" : "Asha"));
    const r = buildSlaReport({ workItems: table(t), asOf });
    const chart = r.sheet.charts![0];
    expect(chart.type).toBe("column");
    expect(chart.valueAxis).toEqual({ numFmt: "0%", min: 0, max: 1, majorUnit: 0.2 });
    expect(chart.series.map((x) => x.type ?? "column")).toEqual(["column", "column", "line"]);
    expect(chart.legend).toBe("bottom");
    // The target series reads the target cell, which the chart's line and the red marks both use.
    const target = r.sheet.rows.find((row) => row[0] === "SLA target")!;
    expect(target[1]).toBe(0.9);
    const asha = r.sheet.rows.find((row) => row[0] === "Asha*" && isFormulaCell(row[1]))!;
    expect(isFormulaCell(asha[1]) && asha[1].f).toMatch(/^SUMPRODUCT\(EXACT\(\$C\$\d+:\$C\$\d+,\$?A\d+\)\*/);
    expect(isFormulaCell(asha[6]) && asha[6].f).toMatch(/^\$B\$\d+$/);
    expect(r.sheet.conditionalFormats!.some((c) => c.type === "cellValue" && /^\$B\$\d+$/.test(c.formulas[0]))).toBe(
      true,
    );
    // Each agent links to its items (a name over them: the detail runs in order received).
    const link = r.sheet.hyperlinks!.find((h) => h.tooltip?.endsWith("of Asha*"))!;
    expect(link.location).toMatch(/^'SLA & Quality'!Agent_\d+$/);
    expect(r.sheet.names!.some((n) => link.location.endsWith(`!${n.name}`))).toBe(true);
  });
});
