/**
 * The "Data Quality" sheet: one summary line per checked table, then every finding with its cell.
 * A minimal local builder used until the reports capability's buildQualityReport (src/core/reports/quality.ts)
 * is available; same sheet name and role ("report:quality"), so either one replaces the other.
 */
import { isoFromSerial } from "../dates";
import { NUMFMT, type CellValue, type SheetSpec, type SpecCell } from "../sheet-spec";
import type { Finding } from "./validate";

export interface QualitySource {
  /** Table (or sheet) name. */
  name: string;
  sheet: string;
  /** Schema title it was checked against. */
  schema: string;
  rows: number;
  valid: number;
}

export const QUALITY_SHEET = "Data Quality";
export const QUALITY_ROLE = "report:quality";
/** Findings listed on the sheet at most (the rest are counted in the summary). */
export const MAX_LISTED_FINDINGS = 100_000;

/** A finding's value for the sheet: short, one line (a 32,768-character value would not fit a cell). */
function cellText(v: CellValue): CellValue {
  if (typeof v !== "string") return v;
  // eslint-disable-next-line no-control-regex -- one line per finding
  const one = v.replace(/[\u0000-\u001f\u007f]/g, " ");
  return one.length > 200 ? one.slice(0, 197) + "..." : one;
}

/**
 * buildFindingsSheet({ asOf: 45961, sources: [{ name: "Invoices", ... }], findings }) => SheetSpec
 * Totals are live formulas over the sheet's own rows.
 */
export function buildFindingsSheet(input: { asOf: number; sources: QualitySource[]; findings: Finding[] }): SheetSpec {
  const { asOf, sources, findings } = input;
  const listed = findings.slice(0, MAX_LISTED_FINDINGS);
  const rows: SpecCell[][] = [];
  rows.push(["Data quality"]);
  const total = findings.length;
  rows.push([
    `As of ${isoFromSerial(asOf)}: ${sources.reduce((a, s) => a + s.rows, 0).toLocaleString("en-US")} rows checked in ${sources.length} table${sources.length === 1 ? "" : "s"}, ${total.toLocaleString("en-US")} issue${total === 1 ? "" : "s"}.`,
  ]);
  rows.push([]);
  const sumHeader = 4;
  rows.push(["Table", "Checked as", "Rows", "Valid rows", "Rows with issues", "Issues"]);
  const firstSum = sumHeader + 1;
  for (const s of sources) {
    const r = rows.length + 1;
    const issues = findings.filter((f) => f.sheet === s.sheet || f.sheet === s.name).length;
    rows.push([s.name, s.schema, s.rows, s.valid, { f: `C${r}-D${r}`, v: s.rows - s.valid }, issues]);
  }
  const lastSum = rows.length;
  const totalRow = rows.length + 1;
  const sum = (c: string, v: number) => ({ f: sources.length ? `SUM(${c}${firstSum}:${c}${lastSum})` : "0", v });
  rows.push([
    "Total",
    "",
    sum(
      "C",
      sources.reduce((a, s) => a + s.rows, 0),
    ),
    sum(
      "D",
      sources.reduce((a, s) => a + s.valid, 0),
    ),
    sum(
      "E",
      sources.reduce((a, s) => a + s.rows - s.valid, 0),
    ),
    sum("F", total),
  ]);
  rows.push([]);
  const findHeader = rows.length + 1;
  rows.push(["Sheet", "Row", "Column", "Value", "What to fix", "Rule"]);
  for (const f of listed) rows.push([f.sheet, f.row, f.column, cellText(f.value), f.message, f.rule]);
  if (findings.length > listed.length)
    rows.push([`... and ${(findings.length - listed.length).toLocaleString("en-US")} more issues not listed`]);
  if (!findings.length) rows.push(["No issues found."]);
  return {
    name: QUALITY_SHEET,
    role: QUALITY_ROLE,
    rows,
    columns: [{ width: 18 }, { width: 16 }, { width: 18 }, { width: 28 }, { width: 80 }, { width: 14 }],
    styles: [
      { range: "A1", style: { bold: true, fontSize: 16 } },
      { range: `A${sumHeader}:F${sumHeader}`, style: { bold: true, fill: "#DDEBF7", border: "thin-bottom" } },
      { range: `C${firstSum}:F${totalRow}`, style: { numFmt: NUMFMT.integer } },
      { range: `A${totalRow}:F${totalRow}`, style: { bold: true, border: "thin-top" } },
      { range: `A${findHeader}:F${findHeader}`, style: { bold: true, fill: "#DDEBF7", border: "thin-bottom" } },
      ...(listed.length ? [{ range: `E${findHeader + 1}:E${findHeader + listed.length}`, style: { wrap: true } }] : []),
    ],
    freeze: { rows: 0, columns: 0 },
    tabColor: total ? "#C00000" : "#00B050",
  };
}
