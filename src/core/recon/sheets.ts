/**
 * The reconciliation's sheets, laid out like every other report (src/core/reports/layout.ts):
 * - Recon Matched   (role recon:matched): one row per matched item: match id, side, row, date, reference,
 *                   description, amount, rule, status, score, and the match's difference on its first row.
 * - Recon Unmatched (role recon:unmatched): both sides' unmatched items with the nearest candidate.
 * - Recon Summary   (role recon:summary): counts and amounts per side and matches by rule and status as
 *                   live COUNTIFS/SUMIFS formulas over the other two sheets, a matched-vs-unmatched chart,
 *                   and the duplicates and excluded rows.
 */
import type { SheetSpec, SpecCell } from "../sheet-spec";
import { fromCents } from "../money";
import {
  CHART_ROWS,
  REPORT_COLORS,
  REPORT_FMT,
  chartAt,
  describeSource,
  fx,
  planReport,
  reportSheet,
  xlString,
  type DetailColumn,
} from "../reports/layout";
import { descriptionOf, referenceOf, type PreparedSide } from "./columns";
import { MATCH_RULES, type ReconResult } from "./engine";
import { nearestCandidates, summaryCents, unmatchedOf } from "./result";

export const RECON_SUMMARY_SHEET = "Recon Summary";
export const RECON_MATCHED_SHEET = "Recon Matched";
export const RECON_UNMATCHED_SHEET = "Recon Unmatched";
export const RECON_ROLES = {
  summary: "recon:summary",
  matched: "recon:matched",
  unmatched: "recon:unmatched",
  state: "recon:state",
} as const;

export interface ReconSheetOptions {
  /** As-of date (Excel serial) for the heading; default: the latest date in either side. */
  asOf?: number;
}

/** The columns that say which item a row is, on both the matched and the unmatched sheet. */
const ITEM_COLS: DetailColumn[] = [
  { header: "Side", width: 8 },
  { header: "Source", width: 14 },
  { header: "Row", width: 7, numFmt: REPORT_FMT.integer },
  { header: "Date", width: 12, numFmt: REPORT_FMT.date },
  { header: "Reference", width: 18 },
  { header: "Description", width: 40 },
  { header: "Amount", width: 15, numFmt: REPORT_FMT.money },
];

const MATCHED_COLS: DetailColumn[] = [
  { header: "Match ID", width: 10 },
  ...ITEM_COLS,
  { header: "Rule", width: 10 },
  { header: "Status", width: 11 },
  { header: "Score", width: 8, numFmt: "0.00" },
  { header: "Difference", width: 13, numFmt: REPORT_FMT.money },
  { header: "Reason", width: 48 },
];

const UNMATCHED_COLS: DetailColumn[] = [
  ...ITEM_COLS,
  { header: "Nearest Row", width: 12, numFmt: REPORT_FMT.integer },
  { header: "Nearest Amount", width: 15, numFmt: REPORT_FMT.money },
  { header: "Reason", width: 48 },
];

function latestDay(r: ReconResult): number {
  let d = 0;
  for (const s of [r.left, r.right]) for (let i = 0; i < s.n; i++) if (s.day[i] > d) d = s.day[i];
  return d;
}

function dayCell(s: PreparedSide, i: number): SpecCell {
  return Number.isNaN(s.day[i]) ? null : s.day[i];
}

function sideName(side: "left" | "right"): string {
  return side === "left" ? "Left" : "Right";
}

/** The ITEM_COLS cells of item i of a side. */
function itemCells(s: PreparedSide, i: number): SpecCell[] {
  return [
    sideName(s.side),
    s.name,
    s.row[i],
    dayCell(s, i),
    referenceOf(s, i) || null,
    descriptionOf(s, i) || null,
    fromCents(s.cents[i]),
  ];
}

const q = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** The three sheets of a reconciliation (Summary first). */
export function reconSheets(r: ReconResult, options: ReconSheetOptions = {}): SheetSpec[] {
  const asOf = options.asOf ?? latestDay(r);
  const sources = [
    `Left: ${r.left.name} (${describeSource(r.left.table)})`,
    `Right: ${r.right.name} (${describeSource(r.right.table)})${r.rules.flipRight ? ", sign reversed" : ""}`,
  ];

  // Recon Matched --------------------------------------------------------------------------
  const matchedRows: SpecCell[][] = [];
  for (const m of r.matches) {
    let first = true;
    const push = (s: PreparedSide, i: number) => {
      matchedRows.push([
        m.id,
        ...itemCells(s, i),
        m.rule,
        m.status,
        m.score,
        first ? fromCents(m.differenceCents) : null,
        first ? m.reason : null,
      ]);
      first = false;
    };
    for (const i of m.left) push(r.left, i);
    for (const j of m.right) push(r.right, j);
  }
  const mPlan = planReport({ notes: 1, blocks: [], detail: MATCHED_COLS, detailRows: matchedRows.length });
  const matched = reportSheet(mPlan, {
    name: RECON_MATCHED_SHEET,
    role: RECON_ROLES.matched,
    title: "Reconciliation: matched items",
    asOf,
    sources,
    notes: [
      "One row per matched item; the match's difference (left − right) and the reason are on its first row. Suggested matches need a person's review.",
    ],
    blocks: [],
    detail: matchedRows,
    tableName: "ReconMatched",
    emptyText: "(no matches)",
    conditionalFormats: matchedRows.length
      ? [
          {
            range: mPlan.span("Status"),
            type: "cellValue",
            operator: "equal",
            formulas: ['"suggested"'],
            style: { fill: REPORT_COLORS.warn },
          },
        ]
      : [],
    tabColor: "#548235",
  });

  // Recon Unmatched ------------------------------------------------------------------------
  const unRows: SpecCell[][] = [];
  for (const side of ["left", "right"] as const) {
    const s = side === "left" ? r.left : r.right;
    const other = side === "left" ? r.right : r.left;
    const near = nearestCandidates(r, side);
    for (const i of unmatchedOf(r, side)) {
      const n = near.get(i)!;
      unRows.push([
        ...itemCells(s, i),
        n.row,
        n.amountCents === null ? null : fromCents(n.amountCents),
        n.row === null ? n.reason : `${other.name} row ${n.row}: ${n.reason}`,
      ]);
    }
  }
  const uPlan = planReport({ notes: 1, blocks: [], detail: UNMATCHED_COLS, detailRows: unRows.length });
  const unmatched = reportSheet(uPlan, {
    name: RECON_UNMATCHED_SHEET,
    role: RECON_ROLES.unmatched,
    title: "Reconciliation: unmatched items",
    asOf,
    sources,
    notes: ["Both sides' items in no match, with the other side's unmatched item nearest in amount."],
    blocks: [],
    detail: unRows,
    tableName: "ReconUnmatched",
    emptyText: "(every item matched)",
    tabColor: "#C00000",
  });

  // Recon Summary ---------------------------------------------------------------------------
  const s = summaryCents(r);
  const M = q(RECON_MATCHED_SHEET);
  const U = q(RECON_UNMATCHED_SHEET);
  const mSide = `${M}!${mPlan.range("Side")}`;
  const mAmt = `${M}!${mPlan.range("Amount")}`;
  const mRule = `${M}!${mPlan.range("Rule")}`;
  const mStatus = `${M}!${mPlan.range("Status")}`;
  const mDiff = `${M}!${mPlan.range("Difference")}`;
  const uSide = `${U}!${uPlan.range("Side")}`;
  const uAmt = `${U}!${uPlan.range("Amount")}`;
  const leftEx = r.excluded.filter((e) => e.side === "left").length;
  const rightEx = r.excluded.length - leftEx;
  const countBy = (rule: string, status: string) =>
    r.matches.filter((m) => m.rule === rule && (status === "" || m.status === status)).length;

  const issues: SpecCell[][] = [];
  for (const d of r.duplicates)
    issues.push([
      sideName(d.side),
      d.rows.join(", "),
      "Duplicate",
      d.reference,
      fromCents(d.amountCents),
      `The same reference and amount appear ${d.rows.length} times; check for a double entry`,
    ]);
  for (const e of r.excluded)
    issues.push([
      sideName(e.side),
      String(e.row),
      "Excluded",
      null,
      null,
      `Left out of matching: ${e.reason ?? e.message}`,
    ]);
  for (const w of r.warnings)
    issues.push([sideName(w.side), w.row ? String(w.row) : "", "Warning", null, null, w.message]);

  const notes: string[] = [
    `Rules: tolerance ${fromCents(r.rules.toleranceCents).toFixed(2)}${r.rules.tolerancePercent ? ` or ${r.rules.tolerancePercent}%` : ""}, date window ${r.rules.dateWindowDays} days, fuzzy threshold ${r.rules.fuzzyThreshold}, groups up to ${r.rules.groupMaxSize}, confirmed at score ${r.rules.confidenceThreshold} or more.`,
  ];
  const plan = planReport({
    notes: notes.length,
    blocks: [
      { rows: 6, columns: 3, caption: true },
      { rows: MATCH_RULES.length + 1, columns: 4, caption: true },
    ],
    detail: [
      { header: "Side", width: 10 },
      { header: "Rows", width: 16 },
      { header: "Kind", width: 12 },
      { header: "Reference", width: 18 },
      { header: "Amount", width: 15, numFmt: REPORT_FMT.money },
      { header: "Issue", width: 70 },
    ],
    detailRows: issues.length,
    chartRows: CHART_ROWS,
  });
  const overview: SpecCell[][] = [
    ["Items", s.left, s.right],
    ["Matched items", fx(`COUNTIFS(${mSide},"Left")`, s.matchedLeft), fx(`COUNTIFS(${mSide},"Right")`, s.matchedRight)],
    [
      "Unmatched items",
      fx(`COUNTIFS(${uSide},"Left")`, s.left - s.matchedLeft),
      fx(`COUNTIFS(${uSide},"Right")`, s.right - s.matchedRight),
    ],
    [
      "Matched amount",
      fx(`SUMIFS(${mAmt},${mSide},"Left")`, fromCents(s.matchedLeftCents)),
      fx(`SUMIFS(${mAmt},${mSide},"Right")`, fromCents(s.matchedRightCents)),
    ],
    [
      "Unmatched amount",
      fx(`SUMIFS(${uAmt},${uSide},"Left")`, fromCents(s.unmatchedLeftCents)),
      fx(`SUMIFS(${uAmt},${uSide},"Right")`, fromCents(s.unmatchedRightCents)),
    ],
    ["Rows left out of matching", leftEx, rightEx],
  ];
  const byRule: SpecCell[][] = MATCH_RULES.map((rule, k) => [
    rule,
    fx(`COUNTIFS(${mRule},${xlString(rule)},${mStatus},"confirmed",${mDiff},"<>")`, countBy(rule, "confirmed")),
    fx(`COUNTIFS(${mRule},${xlString(rule)},${mStatus},"suggested",${mDiff},"<>")`, countBy(rule, "suggested")),
    fx(`${plan.cell(1, k, 1)}+${plan.cell(1, k, 2)}`, countBy(rule, "")),
  ]);
  const n = MATCH_RULES.length;
  byRule.push([
    "Total",
    fx(`SUM(${plan.blockSpan(1, 1, 0, n - 1)})`, r.matches.filter((m) => m.status === "confirmed").length),
    fx(`SUM(${plan.blockSpan(1, 2, 0, n - 1)})`, r.matches.filter((m) => m.status === "suggested").length),
    fx(`SUM(${plan.blockSpan(1, 3, 0, n - 1)})`, r.matches.length),
  ]);
  const summary = reportSheet(plan, {
    name: RECON_SUMMARY_SHEET,
    role: RECON_ROLES.summary,
    title: "Reconciliation summary",
    asOf,
    sources,
    notes,
    blocks: [
      {
        caption: "Overview",
        header: ["Measure", `Left: ${r.left.name}`, `Right: ${r.right.name}`],
        rows: overview,
        numFmts: [undefined, REPORT_FMT.money, REPORT_FMT.money],
      },
      {
        caption: "Matches by rule and status",
        header: ["Rule", "Confirmed", "Suggested", "Total"],
        rows: byRule,
        numFmts: [undefined, REPORT_FMT.integer, REPORT_FMT.integer, REPORT_FMT.integer],
        totalRows: [n],
      },
    ],
    detail: issues,
    tableName: "ReconIssues",
    emptyText: "(no duplicates or excluded rows)",
    charts: [
      chartAt(plan, {
        type: "column",
        title: "Matched vs unmatched items",
        categories: `${plan.cell(0, -1, 1)}:${plan.cell(0, -1, 2)}`,
        series: [
          { name: "Matched", values: `${plan.cell(0, 1, 1)}:${plan.cell(0, 1, 2)}` },
          { name: "Unmatched", values: `${plan.cell(0, 2, 1)}:${plan.cell(0, 2, 2)}` },
        ],
      }),
    ],
    tabColor: "#1F4E78",
  });
  // Counts in the overview are integers; amounts money.
  summary.styles = [
    ...(summary.styles ?? []),
    { range: `${plan.cell(0, 0, 1)}:${plan.cell(0, 2, 2)}`, style: { numFmt: REPORT_FMT.integer } },
    { range: `${plan.cell(0, 5, 1)}:${plan.cell(0, 5, 2)}`, style: { numFmt: REPORT_FMT.integer } },
  ];
  return [summary, matched, unmatched];
}
