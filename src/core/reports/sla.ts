/**
 * SLA & quality of work items as of a date, by agent and by process.
 *
 * - An item counts once it is completed by the end of the as-of day; received but not completed by
 *   then, it is backlog. Items received after the as-of day are left out.
 * - Turnaround (TAT) is in working hours on the default business calendar (BPO.WORKHOURS: 09:00-18:00,
 *   Saturday and Sunday off); the SLA is met when TAT ≤ SLA Hours (BPO.SLAMET).
 * - SLA adherence = items meeting their SLA ÷ completed items; accuracy = QC "Pass" ÷ completed items
 *   with a QC result (Pass or Fail). On the sheet they are fractions shown as percentages; in the JSON
 *   (`slaMetPct`, `accuracyPct`) they are percentages 0-100 rounded to 2 decimals, and `avgTatHours`
 *   is the mean TAT of completed items in hours, rounded to 2 decimals.
 */
import type { SheetSpec, SpecCell } from "../sheet-spec";
import type { TableData } from "../table";
import { roundTo } from "../money";
import { workHours } from "../ops";
import { workItemsSchema } from "../validation/schemas";
import { SourceTable, issuesNote, type ReportIssue } from "./inputs";
import {
  REPORT_COLORS,
  REPORT_FMT,
  chartIn,
  chartSlot,
  describeSource,
  fx,
  keyBlock,
  keyShape,
  planReport,
  reportSheet,
  rowsByKey,
  sumWhereExact,
  xlString,
  type DetailColumn,
  type KeyEntry,
  type RowLink,
} from "./layout";

export const SLA_SHEET = "SLA & Quality";
export const SLA_ROLE = "report:sla";
/** The SLA adherence a team is held to: groups below it are marked, and the chart draws it as a line. */
export const SLA_TARGET = 0.9;

export interface SlaInput {
  workItems: TableData;
  asOf: number;
}

export interface SlaGroupJson {
  items: number;
  slaMetPct: number;
  accuracyPct: number;
}

/** `report sla --json` (cli.md). */
export interface SlaJson {
  items: number;
  slaMetPct: number;
  accuracyPct: number;
  avgTatHours: number;
  byAgent: ({ agent: string } & SlaGroupJson)[];
}

export interface SlaItem {
  rowNo: number;
  itemId: string;
  process: string;
  agent: string;
  received: number;
  completed: number | null;
  slaHours: number;
  /** Working hours, null for backlog. */
  tat: number | null;
  met: boolean | null;
  qc: "Pass" | "Fail" | null;
  status: "Completed" | "Backlog";
}

export interface SlaResult {
  sheet: SheetSpec;
  json: SlaJson;
  issues: ReportIssue[];
  items: SlaItem[];
}

const REQUIRED = ["itemId", "process", "agent", "received", "slaHours"];

const DETAIL: DetailColumn[] = [
  { header: "Item ID", width: 14 },
  { header: "Process", width: 22 },
  { header: "Agent", width: 20 },
  { header: "Received", width: 17, numFmt: REPORT_FMT.dateTime },
  { header: "Completed", width: 17, numFmt: REPORT_FMT.dateTime },
  { header: "SLA Hours", width: 10, numFmt: REPORT_FMT.hours },
  { header: "TAT Hours", width: 10, numFmt: REPORT_FMT.hours },
  { header: "SLA Met", width: 9 },
  { header: "QC Result", width: 10 },
  { header: "Status", width: 11 },
];

/** Turnaround rounded to the second (working-hour sums carry binary noise below that). */
function tatHours(received: number, completed: number): number {
  return Math.round(workHours(received, completed) * 3600) / 3600;
}

function readQc(v: string): "Pass" | "Fail" | null | undefined {
  const t = v.trim().toLowerCase();
  if (t === "") return null;
  if (t === "pass" || t === "passed") return "Pass";
  if (t === "fail" || t === "failed") return "Fail";
  return undefined;
}

interface Tally {
  items: number;
  met: number;
  pass: number;
  qc: number;
  tatSum: number;
  backlog: number;
}

const emptyTally = (): Tally => ({ items: 0, met: 0, pass: 0, qc: 0, tatSum: 0, backlog: 0 });

function add(t: Tally, it: SlaItem): void {
  if (it.status === "Backlog") {
    t.backlog++;
    return;
  }
  t.items++;
  if (it.met) t.met++;
  if (it.qc) {
    t.qc++;
    if (it.qc === "Pass") t.pass++;
  }
  t.tatSum += it.tat ?? 0;
}

const pct = (n: number, d: number) => (d ? roundTo((n * 100) / d, 2) : 0);

/** Read the work items as of a date. */
export function slaItems(src: SourceTable, asOf: number): { items: SlaItem[]; later: number } {
  const cutoff = Math.floor(asOf) + 1; // the end of the as-of day
  const items: SlaItem[] = [];
  let later = 0;
  for (const r of src.rows()) {
    const before = src.issues.length;
    const itemId = src.text(r, "itemId");
    const process = src.text(r, "process");
    const agent = src.text(r, "agent");
    if (!process) src.report(r, "process", "Process is blank — fill it in", "required");
    if (!agent) src.report(r, "agent", "Agent is blank — fill it in", "required");
    const received = src.date(r, "received", true);
    const completed = src.has("completed") ? src.date(r, "completed") : null;
    const slaHours = src.number(r, "slaHours", true);
    if (slaHours != null && slaHours <= 0)
      src.report(r, "slaHours", `SLA Hours ${slaHours} must be more than 0`, "range");
    const qcText = src.has("qcResult") ? src.text(r, "qcResult") : "";
    const qc = readQc(qcText);
    if (qc === undefined) src.report(r, "qcResult", `QC Result "${qcText}" is not Pass or Fail`, "list");
    if (received != null && completed != null && completed < received)
      src.report(r, "completed", "Completed is before Received — check both timestamps", "notBefore");
    if (src.issues.length > before || received == null || slaHours == null || completed === undefined) continue;
    if (received >= cutoff) {
      later++;
      continue;
    }
    const done = completed !== null && completed < cutoff;
    const tat = done ? tatHours(received, completed) : null;
    items.push({
      rowNo: r.rowNo,
      itemId,
      process,
      agent,
      received,
      completed,
      slaHours,
      tat,
      met: tat === null ? null : tat <= slaHours,
      qc: done ? (qc ?? null) : null,
      status: done ? "Completed" : "Backlog",
    });
  }
  return { items, later };
}

/** Build the "SLA & Quality" sheet and its key figures. */
export function buildSlaReport(input: SlaInput): SlaResult {
  const src = new SourceTable(input.workItems, workItemsSchema, REQUIRED);
  const asOf = Math.floor(input.asOf);
  const { items, later } = slaItems(src, asOf);
  items.sort((a, b) => a.received - b.received || a.rowNo - b.rowNo);

  const all = emptyTally();
  const agents = new Map<string, Tally>();
  const processes = new Map<string, Tally>();
  for (const it of items) {
    add(all, it);
    if (!agents.has(it.agent)) agents.set(it.agent, emptyTally());
    if (!processes.has(it.process)) processes.set(it.process, emptyTally());
    add(agents.get(it.agent)!, it);
    add(processes.get(it.process)!, it);
  }
  const agentNames = [...agents.keys()].sort((a, b) => a.localeCompare(b));
  const processNames = [...processes.keys()].sort((a, b) => a.localeCompare(b));

  const notes = issuesNote(src.issues);
  if (later) notes.push(`${later} item${later === 1 ? " was" : "s were"} received after the as-of date and left out.`);

  const key: KeyEntry[] = [
    {
      style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText },
      sample: "No",
      meaning: "Item missed its SLA (turnaround over SLA Hours)",
    },
    { style: { bold: true, fontColor: REPORT_COLORS.badText }, sample: "Fail", meaning: "Item failed QC" },
    {
      style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText },
      sample: "85.0%",
      meaning: `Agent or process below the ${SLA_TARGET * 100}% SLA target`,
    },
  ];
  // Overall figures beside the key, the chart across the page, then the agents and the processes.
  const plan = planReport({
    notes: notes.length,
    blocks: [
      { rows: 6, columns: 2, caption: true },
      { ...keyShape(key), beside: true },
      chartSlot(10),
      { rows: agentNames.length, columns: 7, caption: true },
      { rows: processNames.length, columns: 7, caption: true },
    ],
    detail: DETAIL,
    detailRows: items.length,
    detailCaption: true,
  });
  const STATUS = plan.range("Status");
  const MET = plan.range("SLA Met");
  const QC = plan.range("QC Result");
  const TAT = plan.range("TAT Hours");
  const done = `${STATUS},"Completed"`;
  const targetCell = plan.abs(0, 5, 1);

  const overall: SpecCell[][] = [
    ["Items completed", fx(`COUNTIFS(${done})`, all.items)],
    [
      "SLA met",
      fx(
        `IF(${plan.cell(0, 0, 1)}=0,0,COUNTIFS(${done},${MET},"Yes")/${plan.cell(0, 0, 1)})`,
        all.items ? all.met / all.items : 0,
      ),
    ],
    [
      "Accuracy (QC pass)",
      fx(
        `IF(COUNTIFS(${done},${QC},"Pass")+COUNTIFS(${done},${QC},"Fail")=0,0,COUNTIFS(${done},${QC},"Pass")/(COUNTIFS(${done},${QC},"Pass")+COUNTIFS(${done},${QC},"Fail")))`,
        all.qc ? all.pass / all.qc : 0,
      ),
    ],
    [
      "Average TAT (working hours)",
      fx(
        `IF(${plan.cell(0, 0, 1)}=0,0,SUMIFS(${TAT},${done})/${plan.cell(0, 0, 1)})`,
        all.items ? all.tatSum / all.items : 0,
      ),
    ],
    ["Backlog at as-of", fx(`COUNTIFS(${STATUS},"Backlog")`, all.backlog)],
    ["SLA target", SLA_TARGET],
  ];

  // Agent and process names are the users' text: matched exactly (sumWhereExact), never as criteria.
  const isDone = `${STATUS}="Completed"`;
  const groupRows = (b: number, names: string[], tallies: Map<string, Tally>, column: string): SpecCell[][] => {
    const KEY = plan.range(column);
    return names.map((n, i) => {
      const t = tallies.get(n)!;
      const name = plan.abs(b, i, 0).replace(/\$(\d+)$/, "$1");
      const itemsCell = plan.cell(b, i, 1);
      const pass = sumWhereExact(KEY, name, [isDone, `${QC}="Pass"`]);
      const qcAll = `(${pass}+${sumWhereExact(KEY, name, [isDone, `${QC}="Fail"`])})`;
      return [
        n,
        fx(sumWhereExact(KEY, name, [isDone]), t.items),
        fx(
          `IF(${itemsCell}=0,0,${sumWhereExact(KEY, name, [isDone, `${MET}="Yes"`])}/${itemsCell})`,
          t.items ? t.met / t.items : 0,
        ),
        fx(`IF(${qcAll}=0,0,${pass}/${qcAll})`, t.qc ? t.pass / t.qc : 0),
        fx(
          `IF(${itemsCell}=0,0,${sumWhereExact(KEY, name, [isDone], TAT)}/${itemsCell})`,
          t.items ? t.tatSum / t.items : 0,
        ),
        fx(sumWhereExact(KEY, name, [`${STATUS}="Backlog"`]), t.backlog),
        fx(targetCell, SLA_TARGET),
      ];
    });
  };
  const groupFmts = [
    undefined,
    REPORT_FMT.integer,
    REPORT_FMT.percent,
    REPORT_FMT.percent,
    REPORT_FMT.hours,
    REPORT_FMT.integer,
    REPORT_FMT.percent,
  ];
  const groupHeader = (first: string) => [first, "Items", "SLA Met", "Accuracy", "Avg TAT (h)", "Backlog", "Target"];

  const [TATL, SLAL] = [plan.letter("TAT Hours"), plan.letter("SLA Hours")];
  const detail: SpecCell[][] = items.map((it, i) => {
    const r = plan.detailFirstRow + i;
    return [
      it.itemId,
      it.process,
      it.agent,
      it.received,
      it.completed,
      it.slaHours,
      it.tat,
      it.met === null ? null : fx(`IF(${TATL}${r}<=${SLAL}${r},"Yes","No")`, it.met ? "Yes" : "No"),
      it.qc,
      it.status,
    ];
  });

  // Each agent and process links to its items (a name over them: the detail runs in order received).
  const byStatus = rowsByKey(items, (it) => it.status);
  const plural = (n: number) => `${n} item${n === 1 ? "" : "s"}`;
  const groupLinks = (b: number, names: string[], prefix: string, of: (it: SlaItem) => string): RowLink[] => {
    const groups = rowsByKey(items, of);
    return names.map((n, i) => {
      const rows = groups.get(n) ?? [];
      return {
        cell: plan.cell(b, i, 0),
        to: { rows },
        name: `${prefix}_${i + 1}`,
        tooltip: `The ${plural(rows.length)} of ${n}`,
      };
    });
  };
  const backlogRows = byStatus.get("Backlog") ?? [];
  const links: RowLink[] = [
    ...groupLinks(3, agentNames, "Agent", (it) => it.agent),
    ...groupLinks(4, processNames, "Process", (it) => it.process),
    ...(backlogRows.length
      ? [
          {
            cell: plan.cell(0, 4, 0),
            to: { rows: backlogRows },
            name: "Backlog_items",
            tooltip: `The ${plural(backlogRows.length)} not completed by the as-of date`,
          },
        ]
      : []),
  ];

  const metCol = `$${plan.letter("SLA Met")}${plan.detailFirstRow}`;
  const qcCol = `$${plan.letter("QC Result")}${plan.detailFirstRow}`;
  const sheet = reportSheet(plan, {
    name: SLA_SHEET,
    role: SLA_ROLE,
    title: "SLA & quality",
    asOf,
    sources: [describeSource(input.workItems)],
    notes,
    blocks: [
      {
        caption: "Overall",
        header: ["Figure", "Value"],
        rows: overall,
        numFmts: [undefined, REPORT_FMT.integer],
      },
      keyBlock(key),
      null,
      {
        caption: "By agent",
        header: groupHeader("Agent"),
        rows: groupRows(3, agentNames, agents, "Agent"),
        numFmts: groupFmts,
      },
      {
        caption: "By process",
        header: groupHeader("Process"),
        rows: groupRows(4, processNames, processes, "Process"),
        numFmts: groupFmts,
      },
    ],
    detail,
    tableName: "SlaDetail",
    detailCaption: `Work items (${items.length}), in the order received`,
    emptyText: "(no work items)",
    links,
    conditionalFormats: [
      {
        range: plan.detailArea,
        type: "expression",
        formula: `${metCol}=${xlString("No")}`,
        style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText },
      },
      {
        range: plan.span("QC Result"),
        type: "expression",
        formula: `${qcCol}=${xlString("Fail")}`,
        style: { bold: true, fontColor: REPORT_COLORS.badText },
      },
      ...[3, 4]
        .filter((b) => plan.shape.blocks[b].rows > 0)
        .map((b) => ({
          range: plan.blockSpan(b, 2),
          type: "cellValue" as const,
          operator: "lessThan" as const,
          formulas: [targetCell] as [string],
          style: { fill: REPORT_COLORS.bad, fontColor: REPORT_COLORS.badText },
        })),
    ],
    charts: agentNames.length
      ? [
          chartIn(plan, 2, {
            type: "column",
            title: "SLA adherence and accuracy by agent",
            categories: plan.blockSpan(3, 0),
            series: [
              { name: "SLA Met", values: plan.blockSpan(3, 2), color: REPORT_COLORS.title },
              { name: "Accuracy", values: plan.blockSpan(3, 3), color: "#8FAADC" },
              {
                name: `Target (${SLA_TARGET * 100}%)`,
                values: plan.blockSpan(3, 6),
                type: "line",
                color: REPORT_COLORS.target,
              },
            ],
            valueAxis: { numFmt: "0%", min: 0, max: 1, majorUnit: 0.2 },
            legend: "bottom",
          }),
        ]
      : [],
    tabColor: "#548235",
  });
  sheet.styles!.push(
    { range: `${plan.cell(0, 1, 1)}:${plan.cell(0, 2, 1)}`, style: { numFmt: REPORT_FMT.percent } },
    { range: plan.cell(0, 3, 1), style: { numFmt: REPORT_FMT.hours } },
    { range: plan.cell(0, 5, 1), style: { numFmt: REPORT_FMT.percent } },
  );

  const json: SlaJson = {
    items: all.items,
    slaMetPct: pct(all.met, all.items),
    accuracyPct: pct(all.pass, all.qc),
    avgTatHours: all.items ? roundTo(all.tatSum / all.items, 2) : 0,
    byAgent: agentNames.map((a) => {
      const t = agents.get(a)!;
      return { agent: a, items: t.items, slaMetPct: pct(t.met, t.items), accuracyPct: pct(t.pass, t.qc) };
    }),
  };
  return { sheet, json, issues: src.issues, items };
}
