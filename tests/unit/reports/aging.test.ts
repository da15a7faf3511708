/**
 * Aging report figures against an independent computation (tests/unit/reports/independent.ts:
 * integer paise, buckets from the AGINGBUCKET rule of functions.md) on seeded generated invoices.
 */
import { buildAgingReport } from "../../../src/core/reports/aging";
import { NUMFMT, isFormulaCell } from "../../../src/core/sheet-spec";
import type { TableData } from "../../../src/core/table";
import { expectedAging, genInvoices, serial, type GenTable } from "./independent";
import { sheetTable } from "../tables";

const asOf = serial(2025, 10, 31);

function table(t: GenTable, name = "Invoices"): TableData {
  return sheetTable(name, t.headers, t.rows);
}

const cents = (x: number) => Math.round(x * 100);

describe("aging report", () => {
  it("buckets open balances by days past due, per customer, as an independent computation does", () => {
    const t = genInvoices(7, asOf, 400);
    const exp = expectedAging(t, asOf);
    const r = buildAgingReport({ invoices: table(t), asOf });
    expect(r.json.asOf).toBe("2025-10-31");
    expect(Object.keys(r.json.buckets)).toEqual(["Current", "1-30", "31-60", "61-90", "90+"]);
    for (const [k, v] of Object.entries(exp.buckets)) expect(cents(r.json.buckets[k])).toBe(v);
    expect(cents(r.json.total)).toBe(exp.total);
    expect(r.json.byCustomer.length).toBe(exp.byCustomer.size);
    for (const c of r.json.byCustomer) {
      const e = exp.byCustomer.get(c.customer)!;
      expect(e).toBeDefined();
      for (const k of ["Current", "1-30", "31-60", "61-90", "90+", "total"]) expect(cents(c[k] as number)).toBe(e[k]);
    }
    // Most owed first.
    const totals = r.json.byCustomer.map((c) => c.total);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    expect(r.issues).toEqual([]);
  });

  it("writes the key figures as live formulas over its own detail rows with the values cached", () => {
    const t = genInvoices(11, asOf, 60);
    const r = buildAgingReport({ invoices: table(t), asOf });
    const s = r.sheet;
    expect(s.name).toBe("Aging");
    expect(s.role).toBe("report:aging");
    const tbl = s.tables![0];
    const [, first, , last] = /^A(\d+):([A-Z]+)(\d+)$/.exec(tbl.range)!.slice(0);
    const headerRow = Number(first);
    expect(s.rows[headerRow - 1]).toEqual([
      "Customer",
      "Invoice No",
      "Invoice Date",
      "Due Date",
      "Days Past Due",
      "Bucket",
      "Amount",
      "Paid",
      "Open Balance",
    ]);
    expect(Number(last) - headerRow).toBe(r.open.length);
    // Every SUMIFS over the Open Balance column must reproduce its cached value from the detail rows.
    const detail = s.rows.slice(headerRow, Number(last));
    const openOf = (row: unknown[]) => {
      const c = row[8];
      return cents(isFormulaCell(c as never) ? ((c as { v: number }).v as number) : (c as number));
    };
    const days = (row: unknown[]) => row[4] as number;
    const sumWhere = (ok: (d: number) => boolean) =>
      detail.filter((row) => ok(days(row))).reduce((a, row) => a + openOf(row), 0);
    let checked = 0;
    for (const row of s.rows)
      for (const c of row) {
        if (!isFormulaCell(c) || !c.f.startsWith("SUMIFS($I$") || c.f.includes("$A$")) continue;
        // Evaluate the criteria on Days Past Due (column E) independently.
        const crit = [...c.f.matchAll(/\$E\$\d+:\$E\$\d+,"([<>]=?)(-?\d+)"/g)].map(
          (m) => [m[1], Number(m[2])] as const,
        );
        expect(crit.length).toBeGreaterThan(0);
        const ok = (d: number) =>
          crit.every(([op, n]) => (op === "<=" ? d <= n : op === ">=" ? d >= n : op === ">" ? d > n : d < n));
        expect(cents(c.v as number)).toBe(sumWhere(ok));
        checked++;
      }
    expect(checked).toBe(5);
    expect(s.charts![0].categories).toMatch(/^A\d+:A\d+$/);
    expect(s.conditionalFormats!.some((cf) => cf.type === "expression" && cf.formula.includes('"90+"'))).toBe(true);
    // Only the title band is frozen: the summary above the detail scrolls, so the detail can be reached.
    expect(s.freeze).toEqual({ rows: 2, columns: 0 });
    expect(s.print!.titleRows).toEqual({ first: headerRow, last: headerRow });
  });

  it("finds columns by synonym, ignores extra columns and blank rows", () => {
    const t = genInvoices(3, asOf, 80);
    const exp = expectedAging(t, asOf);
    const headers = [
      "Notes",
      "Bill No",
      "Client",
      "Bill Date",
      "Due On",
      "Payment Terms",
      "Invoice Amount",
      "Amount Paid",
      "Region",
    ];
    const rows = t.rows.flatMap((r, i) => {
      const moved = ["x", ...r, "West"];
      return i % 10 === 0 ? [moved, [null, null, "", null, null, null, null, null, null]] : [moved];
    });
    const r = buildAgingReport({
      invoices: sheetTable("Sheet1", headers, rows),
      asOf,
    });
    expect(cents(r.json.total)).toBe(exp.total);
    expect(r.issues).toEqual([]);
  });

  it("reports text in number columns with its row, leaves the row out of the totals, never reads it as 0", () => {
    const t = genInvoices(5, asOf, 50);
    t.rows[3][5] = "12,O00.00"; // a letter O typed for a zero
    t.rows[8][6] = "n/a";
    const exp = expectedAging(t, asOf); // skips non-numeric rows
    const r = buildAgingReport({ invoices: table(t), asOf });
    expect(cents(r.json.total)).toBe(exp.total);
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([
      [5, "Amount"],
      [10, "Paid"],
    ]);
    expect(r.issues[0].message).toMatch(/not an amount/);
    const notes = r.sheet.rows.filter((row) => row[0] === "Note").map((row) => String(row[1]));
    expect(notes.join(" ")).toMatch(/2 rows left out of the totals.*row 5/);
  });

  it("uses Terms when there is no Due Date column, and names the headers when a column is missing", () => {
    const t = genInvoices(9, asOf, 30);
    const noDue: GenTable = {
      headers: t.headers.filter((h) => h !== "Due Date"),
      rows: t.rows.map((r) => [
        ...r.slice(0, 3),
        `NET ${r[3] === null ? /\d+/.exec(String(r[4]))![0] : (r[3] as number) - (r[2] as number)}`,
        r[5],
        r[6],
      ]),
    };
    const exp = expectedAging(t, asOf);
    expect(cents(buildAgingReport({ invoices: table(noDue), asOf }).json.total)).toBe(exp.total);
    const noAmount: GenTable = {
      headers: ["Invoice No", "Customer", "Invoice Date", "Due Date", "Paid"],
      rows: [["A", "B", asOf, asOf, 0]],
    };
    expect(() => buildAgingReport({ invoices: table(noAmount), asOf })).toThrow(
      /lacks the column Amount.*needs Invoice No, Customer, Invoice Date, Amount/,
    );
    const neither: GenTable = {
      headers: ["Invoice No", "Customer", "Invoice Date", "Amount"],
      rows: [["A", "B", asOf, 5]],
    };
    expect(() => buildAgingReport({ invoices: table(neither), asOf })).toThrow(/neither a Due Date nor a Terms column/);
  });

  it("gives an empty but valid sheet when nothing is open", () => {
    const r = buildAgingReport({
      invoices: table({
        headers: ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount", "Paid"],
        rows: [["I1", "C", asOf - 10, asOf, 100, 100]],
      }),
      asOf,
    });
    expect(r.json.total).toBe(0);
    expect(r.json.byCustomer).toEqual([]);
    expect(r.sheet.tables![0].range).toMatch(/^A\d+:I\d+$/);
  });

  it("reads not-yet-due invoices as 'not yet due', links each customer to its invoices, keys its colours", () => {
    const t = genInvoices(13, asOf, 80);
    const r = buildAgingReport({ invoices: table(t), asOf });
    const s = r.sheet;
    const header = Number(/^A(\d+):/.exec(s.tables![0].range)![1]);
    expect(r.open.some((o) => o.daysPastDue < 0)).toBe(true);
    // The number stays (the buckets count on it); its format reads it.
    expect(s.styles).toContainEqual({
      range: `E${header + 1}:E${header + r.open.length}`,
      style: { numFmt: '#,##0;"not yet due";"due today"' },
    });
    for (const c of r.json.byCustomer) {
      const link = s.hyperlinks!.find((h) => h.tooltip?.endsWith(` of ${c.customer}`))!;
      const [, a, b] = /^'Aging'!A(\d+):I(\d+)$/.exec(link.location)!.map(Number);
      const rows = s.rows.slice(a - 1, b);
      expect(rows.every((row) => row[0] === c.customer)).toBe(true);
      expect(s.rows.filter((row, i) => i >= header && row[0] === c.customer)).toHaveLength(rows.length);
    }
    const key = s.rows.findIndex((row) => row[0] === "Key to colours");
    expect(s.rows.slice(key + 2, key + 5).map((row) => row[0])).toEqual(["90+", "61-90", "₹12,500.00"]);
    expect(s.charts![0].valueAxis).toEqual({ numFmt: NUMFMT.inrWhole, min: 0 });
  });
});
