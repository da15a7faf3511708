/**
 * The Data Quality report: every finding of the validation rules over the recognised tables of a
 * workbook, one row per finding, with counts by table and by rule as live COUNTIF formulas over the
 * findings, and a chart of issues by rule. The validation capability calls buildQualityReport from its
 * Validate view; `bpo-desk report quality` and the ribbon call it through the reports job.
 */
import type { CellValue, SheetSpec, SpecCell } from "../sheet-spec";
import {
  REPORT_COLORS,
  REPORT_FMT,
  CHART_ROWS,
  chartAt,
  fx,
  planReport,
  reportSheet,
  xlString,
  type DetailColumn,
} from "./layout";

/** One finding, as src/core/validation's Finding (structurally: sheet, row, column, value, message, rule). */
export interface QualityFinding {
  sheet: string;
  row: number;
  column: string;
  value?: CellValue;
  message: string;
  rule?: string;
}

/** A table that was checked: its name, how many non-blank rows, and (optionally) the schema and valid rows. */
export interface QualitySource {
  name: string;
  sheet?: string;
  /** Schema title or name it was checked against ("Invoices"). */
  schema?: string;
  rows: number;
  valid?: number;
}

export interface QualityReportInput {
  asOf: number;
  /** Tables checked; a plain string is a table name with an unknown row count (0). */
  sources: readonly (QualitySource | string)[];
  findings: readonly QualityFinding[];
  /** Extra notes for the sheet (e.g. tables that were not recognised). */
  notes?: readonly string[];
}

/** `report quality --json`: {"rows": 0, "issues": [{"sheet", "row", "column", "message"}]} (cli.md). */
export interface QualityJson {
  rows: number;
  issues: { sheet: string; row: number; column: string; message: string }[];
}

export const QUALITY_SHEET = "Data Quality";
export const QUALITY_ROLE = "report:quality";

const DETAIL: DetailColumn[] = [
  { header: "Sheet", width: 16 },
  { header: "Row", width: 8, numFmt: REPORT_FMT.integer },
  { header: "Column", width: 18 },
  { header: "Value", width: 24 },
  { header: "Message", width: 70 },
  { header: "Rule", width: 16 },
];

function normaliseSources(sources: QualityReportInput["sources"]): QualitySource[] {
  return sources.map((s) => (typeof s === "string" ? { name: s, rows: 0 } : s));
}

/** Findings in reading order: by sheet (as the sources list them), then row, then column. */
function ordered(findings: readonly QualityFinding[], sources: QualitySource[]): QualityFinding[] {
  const rank = new Map<string, number>();
  sources.forEach((s, i) => rank.set(s.sheet || s.name, i));
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (rank.get(a.f.sheet) ?? 1e9) - (rank.get(b.f.sheet) ?? 1e9) ||
        a.f.sheet.localeCompare(b.f.sheet) ||
        a.f.row - b.f.row ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/** The key figures of the quality report, as `report quality --json` prints them. */
export function qualityJson(input: Pick<QualityReportInput, "sources" | "findings">): QualityJson {
  const sources = normaliseSources(input.sources);
  return {
    rows: sources.reduce((a, s) => a + s.rows, 0),
    issues: ordered(input.findings, sources).map((f) => ({
      sheet: f.sheet,
      row: f.row,
      column: f.column,
      message: f.message,
    })),
  };
}

/** A value as the findings table shows it: text stays text, numbers stay numbers, blanks stay blank. */
function shownValue(v: CellValue | undefined): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") {
    // One line, short: a cell of 32,767 characters or a stray control character helps nobody here.
    // eslint-disable-next-line no-control-regex
    const one = v.replace(/[\u0000-\u001f\u007f]/g, " ");
    return one.length > 200 ? one.slice(0, 197) + "..." : one;
  }
  return v;
}

/** Build the "Data Quality" sheet (role "report:quality"). */
export function buildQualityReport(input: QualityReportInput): SheetSpec {
  const sources = normaliseSources(input.sources);
  const findings = ordered(input.findings, sources);
  const rules = [...new Set(findings.map((f) => f.rule ?? "other"))].sort();
  const sheetsWithFindings = findings
    .map((f) => f.sheet)
    .filter((s) => !sources.some((x) => (x.sheet || x.name) === s));
  const tables = [...sources.map((s) => s.sheet || s.name), ...new Set(sheetsWithFindings)];
  const notes = [...(input.notes ?? [])];
  const plan = planReport({
    notes: notes.length,
    blocks: [
      { rows: tables.length + 1, columns: 4, caption: true },
      { rows: rules.length + 1, columns: 2, caption: true, beside: true },
    ],
    detail: DETAIL,
    chartRows: rules.length ? CHART_ROWS : 0,
    detailRows: findings.length,
  });
  const sheetCol = plan.range("Sheet");
  const ruleCol = plan.range("Rule");

  const byTable: SpecCell[][] = tables.map((t, i) => {
    const src = sources.find((s) => (s.sheet || s.name) === t);
    const n = findings.filter((f) => f.sheet === t).length;
    return [t, src?.rows ?? 0, src?.valid ?? null, fx(`COUNTIF(${sheetCol},${plan.cell(0, i, 0)})`, n)];
  });
  const totalRows = sources.reduce((a, s) => a + s.rows, 0);
  const allValid = sources.every((s) => s.valid !== undefined);
  byTable.push([
    "Total",
    fx(`SUM(${plan.blockSpan(0, 1, 0, tables.length - 1)})`, totalRows),
    allValid && tables.length
      ? fx(
          `SUM(${plan.blockSpan(0, 2, 0, tables.length - 1)})`,
          sources.reduce((a, s) => a + (s.valid ?? 0), 0),
        )
      : null,
    fx(`SUM(${plan.blockSpan(0, 3, 0, tables.length - 1)})`, findings.length),
  ]);
  if (!tables.length) byTable[0] = ["Total", 0, null, 0];

  const byRule: SpecCell[][] = rules.map((r, i) => [
    r,
    fx(`COUNTIF(${ruleCol},${plan.cell(1, i, 0)})`, findings.filter((f) => (f.rule ?? "other") === r).length),
  ]);
  byRule.push(["Total", rules.length ? fx(`SUM(${plan.blockSpan(1, 1, 0, rules.length - 1)})`, findings.length) : 0]);

  const detail: SpecCell[][] = findings.map((f) => [
    f.sheet,
    f.row,
    f.column,
    shownValue(f.value),
    f.message,
    f.rule ?? "other",
  ]);

  const spec = reportSheet(plan, {
    name: QUALITY_SHEET,
    role: QUALITY_ROLE,
    title: "Data quality",
    asOf: input.asOf,
    sources: sources.map((s) => (s.sheet && s.sheet !== s.name ? `${s.name} (${s.sheet})` : s.name)),
    notes,
    blocks: [
      {
        caption: "Findings by table",
        header: ["Table", "Rows checked", "Valid rows", "Findings"],
        rows: byTable,
        numFmts: [undefined, REPORT_FMT.integer, REPORT_FMT.integer, REPORT_FMT.integer],
        totalRows: [byTable.length - 1],
      },
      {
        caption: "Findings by rule",
        header: ["Rule", "Findings"],
        rows: byRule,
        numFmts: [undefined, REPORT_FMT.integer],
        totalRows: [byRule.length - 1],
      },
    ],
    detail,
    tableName: "DataQualityFindings",
    emptyText: "(no findings)",
    conditionalFormats: [
      {
        range: plan.detailArea,
        type: "expression",
        formula: `$${plan.letter("Rule")}${plan.detailFirstRow}=${xlString("missing-column")}`,
        style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText },
      },
    ],
    charts: rules.length
      ? [
          chartAt(plan, {
            type: "bar",
            title: "Findings by rule",
            categories: plan.blockSpan(1, 0, 0, rules.length - 1),
            series: [{ name: "Findings", values: plan.blockSpan(1, 1, 0, rules.length - 1) }],
          }),
        ]
      : [],
    tabColor: findings.length ? "#C00000" : "#548235",
  });
  return spec;
}
