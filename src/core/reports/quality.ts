/**
 * The Data Quality report: every finding of the validation rules over the recognised tables of a
 * workbook, one row per finding, with counts by table and by rule as live formulas over the findings
 * (exact text matches: a sheet may be named "<>" or "~x"), and a chart of issues by rule. Rules are named in
 * a manager's words ("Conflicts with another column", not "cross"); a date a finding is about shows as a date. The validation capability calls buildQualityReport from its
 * Validate view; `bpo-desk report quality` and the ribbon call it through the reports job.
 */
import type { CellStyle, CellValue, SheetSpec, SpecCell } from "../sheet-spec";
import { NUMFMT } from "../sheet-spec";
import { BUILT_IN_SCHEMAS } from "../validation/schemas";
import type { FieldType, TableSchema } from "../validation/fields";
import {
  REPORT_COLORS,
  REPORT_FMT,
  chartIn,
  chartSlot,
  fx,
  keyBlock,
  keyShape,
  planReport,
  reportSheet,
  rowsByKey,
  sumWhereExact,
  xlString,
  type BlockShape,
  type DetailColumn,
  type KeyEntry,
  type RowLink,
  type SummaryBlock,
} from "./layout";

/** One finding, as src/core/validation's Finding (structurally: sheet, row, column, value, message, rule). */
export interface QualityFinding {
  sheet: string;
  row: number;
  column: string;
  value?: CellValue;
  message: string;
  rule?: string;
  /**
   * The type of the column the finding is about, so a date held as a serial shows as a date; absent: found from
   * the built-in schema of the finding's source (QualitySource.schema) by column.
   */
  valueType?: FieldType;
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

/** The validation rules in a manager's words (the codes are what src/core/validation reports). */
export const RULE_LABELS: Readonly<Record<string, string>> = {
  required: "Required value missing",
  type: "Not a valid value",
  range: "Out of range",
  list: "Not one of the allowed values",
  pattern: "Wrong format",
  length: "Too long",
  unique: "Duplicate",
  cross: "Conflicts with another column",
  notBefore: "Dates in the wrong order",
  "missing-column": "Missing column",
  terms: "Payment terms not understood",
  statutory: "Statutory calculation failed",
  gstin: "GSTIN not valid",
  pan: "PAN not valid",
  ifsc: "IFSC not valid",
  uan: "UAN not valid",
  iban: "IBAN not valid",
  email: "E-mail address not valid",
  other: "Other",
};

/** A rule's label: RULE_LABELS, else the code as it is. */
export function ruleLabel(rule: string | undefined): string {
  const r = rule ?? "other";
  return Object.prototype.hasOwnProperty.call(RULE_LABELS, r) ? RULE_LABELS[r] : r;
}

/** Number formats of the column types whose values are serials. */
const SERIAL_FORMATS: Partial<Record<FieldType, string>> = {
  date: NUMFMT.date,
  timestamp: NUMFMT.dateTime,
  month: "yyyy-mm",
};

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

/** The built-in schema a source was checked against, by title or name. */
function schemaOf(source: QualitySource | undefined): TableSchema | undefined {
  if (!source?.schema) return undefined;
  const want = source.schema.toLowerCase();
  return Object.values(BUILT_IN_SCHEMAS).find((t) => t.title.toLowerCase() === want || t.name.toLowerCase() === want);
}

/** Build the "Data Quality" sheet (role "report:quality"). */
export function buildQualityReport(input: QualityReportInput): SheetSpec {
  const sources = normaliseSources(input.sources);
  const findings = ordered(input.findings, sources);
  const rules = [...new Set(findings.map((f) => ruleLabel(f.rule)))].sort();
  const bySheetRows = rowsByKey(findings, (f) => f.sheet);
  const byRuleRows = rowsByKey(findings, (f) => ruleLabel(f.rule));
  const sheetsWithFindings = findings
    .map((f) => f.sheet)
    .filter((s) => !sources.some((x) => (x.sheet || x.name) === s));
  const tables = [...sources.map((s) => s.sheet || s.name), ...new Set(sheetsWithFindings)];
  const notes = [...(input.notes ?? [])];
  const key: KeyEntry[] = [
    {
      style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText },
      sample: ruleLabel("missing-column"),
      meaning: "A column the table needs is missing: every row is affected",
    },
  ];
  // The tables, then the rules with their chart beside them (the Message column is wide: a block beside the
  // tables would sit a page-width away), then the key.
  const shapes: BlockShape[] = [
    { rows: tables.length + 1, columns: 4, caption: true },
    { rows: rules.length + 1, columns: 2, caption: true },
    ...(rules.length ? [chartSlot(2, true)] : []),
    keyShape(key),
  ];
  const plan = planReport({
    notes: notes.length,
    blocks: shapes,
    detail: DETAIL,
    detailRows: findings.length,
    detailCaption: true,
  });
  const sheetCol = plan.range("Sheet");
  const ruleCol = plan.range("Rule");

  const byTable: SpecCell[][] = tables.map((t, i) => {
    const src = sources.find((s) => (s.sheet || s.name) === t);
    const n = findings.filter((f) => f.sheet === t).length;
    return [t, src?.rows ?? 0, src?.valid ?? null, fx(sumWhereExact(sheetCol, plan.cell(0, i, 0)), n)];
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
    fx(sumWhereExact(ruleCol, plan.cell(1, i, 0)), byRuleRows.get(r)?.length ?? 0),
  ]);
  byRule.push(["Total", rules.length ? fx(`SUM(${plan.blockSpan(1, 1, 0, rules.length - 1)})`, findings.length) : 0]);

  const detail: SpecCell[][] = findings.map((f) => [
    f.sheet,
    f.row,
    f.column,
    shownValue(f.value),
    f.message,
    ruleLabel(f.rule),
  ]);
  // A date the finding is about shows as a date (2025-10-02), not as the serial the cell holds (45932).
  const detailStyles: { row: number; column: string; style: CellStyle }[] = [];
  findings.forEach((f, i) => {
    if (typeof f.value !== "number") return;
    const source = sources.find((s) => (s.sheet || s.name) === f.sheet);
    const type = f.valueType ?? schemaOf(source)?.fields.find((d) => d.column === f.column)?.type;
    const fmt = type ? SERIAL_FORMATS[type] : undefined;
    if (fmt) detailStyles.push({ row: i, column: "Value", style: { numFmt: fmt, horizontalAlignment: "left" } });
  });

  const plural = (n: number) => `${n} finding${n === 1 ? "" : "s"}`;
  const links: RowLink[] = [
    ...tables.map((t, i) => {
      const rows = bySheetRows.get(t) ?? [];
      return { cell: plan.cell(0, i, 0), to: { rows }, tooltip: `The ${plural(rows.length)} in ${t}` };
    }),
    ...rules.map((r, i) => {
      const rows = byRuleRows.get(r) ?? [];
      return {
        cell: plan.cell(1, i, 0),
        to: { rows },
        name: `Rule_${i + 1}`,
        tooltip: `The ${plural(rows.length)}: ${r}`,
      };
    }),
  ];

  const most = Math.max(0, ...rules.map((r) => byRuleRows.get(r)?.length ?? 0));
  const blocks: (SummaryBlock | null)[] = [
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
    ...(rules.length ? [null] : []),
    keyBlock(key),
  ];
  const spec = reportSheet(plan, {
    name: QUALITY_SHEET,
    role: QUALITY_ROLE,
    title: "Data quality",
    asOf: input.asOf,
    sources: sources.map((s) => (s.sheet && s.sheet !== s.name ? `${s.name} (${s.sheet})` : s.name)),
    notes,
    blocks,
    detail,
    tableName: "DataQualityFindings",
    detailCaption: `Findings (${findings.length}), by table and row`,
    emptyText: "(no findings)",
    links,
    detailStyles,
    conditionalFormats: [
      {
        range: plan.detailArea,
        type: "expression",
        formula: `$${plan.letter("Rule")}${plan.detailFirstRow}=${xlString(ruleLabel("missing-column"))}`,
        style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText },
      },
    ],
    charts: rules.length
      ? [
          chartIn(plan, 2, {
            type: "bar",
            title: "Findings by rule",
            categories: plan.blockSpan(1, 0, 0, rules.length - 1),
            series: [
              { name: "Findings", values: plan.blockSpan(1, 1, 0, rules.length - 1), color: REPORT_COLORS.title },
            ],
            // Whole numbers of findings: no 0.5 steps on a short axis.
            valueAxis: { numFmt: REPORT_FMT.integer, min: 0, ...(most <= 10 ? { majorUnit: 1 } : {}) },
            categoryAxis: { reverse: true },
            legend: "none",
          }),
        ]
      : [],
    tabColor: findings.length ? "#C00000" : "#548235",
  });
  return spec;
}
