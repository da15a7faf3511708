/**
 * Reports over the Workbook port: find each report's input tables (by sheet or table name, else by
 * headers), build the report in core, write its sheet atomically (wb.write only ever replaces the
 * add-in's own sheet of that role) and return the key figures `bpo-desk report --json` prints.
 * The ribbon handlers, the Reports view, the CLI and the demo all run reports through runReportJob.
 */
import { isoFromSerial, todaySerial } from "../../core/dates";
import { formatRupees, toCents } from "../../core/money";
import { normHeader } from "../../core/table";
import type { SheetSpec } from "../../core/sheet-spec";
import type { TableData } from "../../core/table";
import { bindSchema } from "../../core/validation/validate";
import type { TableSchema } from "../../core/validation/fields";
import { attendanceSchema, employeesSchema, invoicesSchema, workItemsSchema } from "../../core/validation/schemas";
import { buildAgingReport } from "../../core/reports/aging";
import { buildPayrollReport } from "../../core/reports/payroll";
import { buildSlaReport } from "../../core/reports/sla";
import { qualityJson } from "../../core/reports/quality";
import { ReportInputError, headerWithSynonyms } from "../../core/reports/inputs";
import type { Progress, TableInfo, UserEdits, Workbook } from "../port";
import { WorkbookError } from "../port";
import { describeUserEdits, userEditsSentence } from "../user-edits";
import { checkWorkbook, highlightFindings, qualitySources, qualitySpec } from "./validate";
import { lastOrDefaultRun } from "./recon";
import { buildBrsReport } from "../../core/reports/brs";
import { issueLines } from "../../core/recon";

export type ReportKind = "aging" | "payroll" | "sla" | "quality" | "recon" | "brs";
export const REPORT_KINDS: readonly ReportKind[] = ["aging", "payroll", "sla", "quality", "recon", "brs"];

/** The input tables reports read. */
export type ReportInputName = "invoices" | "employees" | "attendance" | "workitems";

export interface ReportInputDef {
  name: ReportInputName;
  title: string;
  schema: TableSchema;
  /** Sheet or table names that identify it (compared case, spacing and punctuation insensitive). */
  names: string[];
  /** Schema field keys the table must have. */
  required: string[];
  /** Shown in messages: the headers looked for. */
  headers: string;
}

export const REPORT_INPUTS: Readonly<Record<ReportInputName, ReportInputDef>> = {
  invoices: {
    name: "invoices",
    title: "Invoices",
    schema: invoicesSchema,
    names: ["Invoices", "Invoice", "Sales Invoices", "Invoice Register", "Receivables", "AR"],
    required: ["invoiceNo", "customer", "invoiceDate", "amount"],
    headers: "Invoice No, Customer, Invoice Date, Due Date (or Terms), Amount, Paid",
  },
  employees: {
    name: "employees",
    title: "Employees",
    schema: employeesSchema,
    names: ["Employees", "Employee", "Employee Master", "Staff"],
    required: ["employeeId", "name", "state", "basic", "pf", "esi"],
    headers: "Employee ID, Name, State, Gender, Basic, HRA, Other Allowances, PF (Y/N), ESI (Y/N)",
  },
  attendance: {
    name: "attendance",
    title: "Attendance",
    schema: attendanceSchema,
    names: ["Attendance", "Attendance Register", "Paid Days"],
    required: ["employeeId", "month", "daysPaid"],
    headers: "Employee ID, Month (YYYY-MM), Days Paid, Days In Month",
  },
  workitems: {
    name: "workitems",
    title: "WorkItems",
    schema: workItemsSchema,
    names: ["WorkItems", "Work Items", "Work Item", "Tickets", "Cases"],
    required: ["itemId", "process", "agent", "received", "slaHours"],
    headers: "Item ID, Process, Agent, Received, Completed, SLA Hours, QC Result (Pass/Fail)",
  },
};

/** Which inputs each report reads (quality reads every recognised table; recon its own pair). */
export const REPORT_NEEDS: Readonly<Record<ReportKind, ReportInputName[]>> = {
  aging: ["invoices"],
  payroll: ["employees", "attendance"],
  sla: ["workitems"],
  quality: [],
  recon: [],
  brs: [],
};

export const REPORT_TITLES: Readonly<Record<ReportKind, string>> = {
  aging: "Receivables aging",
  payroll: "Payroll register",
  sla: "SLA & quality",
  quality: "Data quality",
  recon: "Reconciliation summary",
  brs: "Bank reconciliation statement",
};

/** A report's input could not be found: the view asks the user which table to use. */
export class ReportInputMissing extends WorkbookError {
  constructor(
    readonly input: ReportInputName,
    message: string,
  ) {
    super(message, "not-found");
    this.name = "ReportInputMissing";
  }
}

export interface ReportJobOptions {
  /** As-of date, Excel serial. */
  asOf: number;
  progress?: Progress;
  /** Tables chosen by the user, by input (sheet or table name), overriding detection. */
  sources?: Partial<Record<ReportInputName, string>>;
  /** Make the written sheet active (inside Excel). */
  activate?: boolean;
  /**
   * Payroll without a date the user chose (the ribbon's one click, the Reports view before a date is picked,
   * `bpo-desk report payroll` without --as-of): pay the latest month of attendance at or before `asOf`
   * (payrollMonthOf), and say which month that was.
   */
  latestMonthIfMissing?: boolean;
  /**
   * When a sheet the report replaces carries the user's edits (comments, notes, names the add-in did not make;
   * user-edits.ts):
   * - "keep-copy" (the default: the ribbon and the CLI, which cannot ask): the old sheet is kept beside the report
   *   as "<sheet> (kept <today>)", and the result says so;
   * - "replace": replaced without a copy, and the result says what was on it;
   * - a function (the Reports view's prompt): asked once, before anything is written, with every such sheet's
   *   edits; it answers "keep-copy", "replace" or "cancel" (nothing is written: ReportCancelled).
   */
  onUserEdits?: "keep-copy" | "replace" | ((edits: UserEdits[]) => Promise<UserEditsChoice>);
  /** Today, YYYY-MM-DD, for the name of a kept copy (default: the clock). */
  today?: string;
}

/** What to do with a sheet the user edited that a report would replace. */
export type UserEditsChoice = "keep-copy" | "replace" | "cancel";

/** The user chose not to replace the sheets they edited: nothing was written. */
export class ReportCancelled extends Error {
  constructor(readonly edits: UserEdits[]) {
    super(
      `Nothing was written: ${edits.map((e) => `"${e.sheet}" (${describeUserEdits(e)})`).join(", ")} ` +
        `${edits.length === 1 ? "is" : "are"} as you left ${edits.length === 1 ? "it" : "them"}.`,
    );
    this.name = "ReportCancelled";
  }
}

export interface ReportJobResult {
  kind: ReportKind;
  /** The main sheet written. */
  sheet: string;
  /** Every sheet written. */
  sheets: string[];
  /** The key figures, exactly as `report KIND --json` prints them. */
  json: unknown;
  /** One line with the key figures, for a notification or the console. */
  message: string;
  /** Payroll: the month the register pays ("2025-10"). */
  month?: string;
  /** What a person should know besides (rows left out, warnings), one line each: the CLI prints them on stderr. */
  warnings?: string[];
  /** The user's edits found on the sheets the report replaced (where the workbook can tell). */
  userEdits: UserEdits[];
  /** The copies kept of those sheets. */
  keptCopies: string[];
  /** One sentence per such sheet: what was on it and where the old sheet went (empty when none). */
  userEditsNotes: string[];
}

/** Sheets the add-in wrote (reports, recon output, logs) are never report inputs; sample sheets are the user's. */
function isOutputRole(role: string | null): boolean {
  return role !== null && !role.startsWith("sample:");
}

/** The user's tables (Excel tables first, a sheet holding a table offered once, as the table). */
export async function candidateTables(wb: Workbook): Promise<TableInfo[]> {
  const [sheets, tables] = await Promise.all([wb.sheets(), wb.tables()]);
  const roleOf = new Map(sheets.map((s) => [s.name.toLowerCase(), s.role]));
  const withTable = new Set(tables.filter((t) => t.kind === "table").map((t) => t.sheet.toLowerCase()));
  return tables.filter(
    (t) =>
      !isOutputRole(roleOf.get(t.sheet.toLowerCase()) ?? null) &&
      !(t.kind === "range" && withTable.has(t.sheet.toLowerCase())),
  );
}

/** Fields of `def` found among these headers (how well a table fits), and whether all required ones are. */
function fit(def: ReportInputDef, headers: readonly string[]): { found: number; complete: boolean; missing: string[] } {
  const bound = bindSchema(def.schema, headers);
  const missing = def.required.filter((k) => bound.find((b) => b.def.key === k)!.index < 0);
  return { found: bound.filter((b) => b.index >= 0).length, complete: missing.length === 0, missing };
}

/**
 * Find an input: the table the user chose; else a sheet or table with one of the input's names; else
 * the table whose headers fit best. Throws ReportInputMissing naming the headers looked for.
 */
export async function findInput(
  wb: Workbook,
  input: ReportInputName,
  chosen?: string,
  tables?: TableInfo[],
): Promise<TableData> {
  const def = REPORT_INPUTS[input];
  if (chosen) return wb.read(chosen);
  const all = tables ?? (await candidateTables(wb));
  const names = new Set(def.names.map(normHeader));
  const byName = all.filter((t) => names.has(normHeader(t.name)) || names.has(normHeader(t.sheet)));
  for (const t of byName) {
    const f = fit(def, t.headers);
    if (f.complete) return wb.read(t.name);
  }
  let best: TableInfo | null = null;
  let bestFound = 0;
  for (const t of all) {
    const f = fit(def, t.headers);
    if (f.complete && f.found > bestFound) {
      best = t;
      bestFound = f.found;
    }
  }
  if (best) return wb.read(best.name);
  const named = byName[0];
  if (named) {
    const missing = fit(def, named.headers).missing.map((k) => headerWithSynonyms(def.schema, k));
    throw new ReportInputMissing(
      input,
      `${named.name} lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; ` +
        `the ${def.title} table needs the headers ${def.headers}. Rename its headers or choose another table.`,
    );
  }
  throw new ReportInputMissing(
    input,
    `No ${def.title} table found: looked for a sheet or table named ${def.names.slice(0, 2).join(" or ")}, ` +
      `or one with the headers ${def.headers}. ` +
      (all.length ? `Tables in this workbook: ${all.map((t) => t.name).join(", ")}.` : "The workbook has no tables."),
  );
}

/** "₹2,98,10,847.51", "-₹8,750.00": an amount for a message, Indian grouping. */
const rupees = (x: number) => formatRupees(toCents(x));

/** Build a report's sheets and key figures without writing them. */
export async function buildReport(
  wb: Workbook,
  kind: ReportKind,
  options: ReportJobOptions,
): Promise<{
  sheets: SheetSpec[];
  json: unknown;
  message: string;
  month?: string;
  warnings?: string[];
  afterWrite?: () => Promise<void>;
}> {
  const { asOf } = options;
  const progress = options.progress ?? (() => undefined);
  const tables = REPORT_NEEDS[kind].length ? await candidateTables(wb) : [];
  const read = async (name: ReportInputName, step: number, steps: number) => {
    progress(step, steps, `Reading ${REPORT_INPUTS[name].title}`);
    return findInput(wb, name, options.sources?.[name], tables);
  };
  const on = isoFromSerial(asOf);
  try {
    switch (kind) {
      case "aging": {
        const invoices = await read("invoices", 0, 3);
        progress(1, 3, "Ageing invoices");
        const r = buildAgingReport({ invoices, asOf });
        const labels = Object.keys(r.json.buckets);
        const oldest = labels[labels.length - 1];
        return {
          sheets: [r.sheet],
          json: r.json,
          message:
            `Aging as of ${on}: ${rupees(r.json.total)} open on ${r.open.length} invoice${r.open.length === 1 ? "" : "s"}, ` +
            `${rupees(r.json.buckets[oldest])} over ${oldest.replace("+", "")} days` +
            (r.dso === null ? "." : `; DSO ${r.dso.toFixed(1)} days.`) +
            (r.issues.length
              ? ` ${r.issues.length} unreadable cell${r.issues.length === 1 ? "" : "s"} left out (see the note).`
              : ""),
        };
      }
      case "payroll": {
        const employees = await read("employees", 0, 4);
        const attendance = await read("attendance", 1, 4);
        progress(2, 4, "Computing the register");
        const r = buildPayrollReport({
          employees,
          attendance,
          asOf,
          latestMonthIfMissing: options.latestMonthIfMissing,
        });
        const t = r.json.totals;
        const asOfMonth = on.slice(0, 7);
        return {
          sheets: [r.sheet],
          json: r.json,
          month: r.month,
          message:
            `Payroll ${r.month}` +
            (r.month !== asOfMonth ? ` (the latest month of attendance on or before ${on})` : "") +
            `: ${r.lines.length} employee${r.lines.length === 1 ? "" : "s"}, gross ${rupees(t.gross)}, ` +
            `net ${rupees(t.net)} (PF ${rupees(t.pf)}, ESI ${rupees(t.esi)}, PT ${rupees(t.pt)}, TDS ${rupees(t.tds)}).` +
            (r.issues.length
              ? ` ${r.issues.length} problem${r.issues.length === 1 ? "" : "s"} in the inputs (see the notes).`
              : ""),
        };
      }
      case "sla": {
        const workItems = await read("workitems", 0, 3);
        progress(1, 3, "Measuring turnaround");
        const r = buildSlaReport({ workItems, asOf });
        const j = r.json;
        return {
          sheets: [r.sheet],
          json: j,
          message:
            `SLA as of ${on}: ${j.items} items completed, ${j.slaMetPct}% within SLA, ${j.accuracyPct}% accurate, ` +
            `average TAT ${j.avgTatHours} working hours.`,
        };
      }
      case "quality": {
        progress(0, 3, "Checking every recognised table");
        const checks = await checkWorkbook(wb);
        const sources = qualitySources(checks);
        const findings = checks.flatMap((c) => c.result.invalid);
        const json = qualityJson({ sources, findings });
        return {
          sheets: [qualitySpec(checks, asOf)],
          json,
          // Invalid cells are highlighted in their tables (removably; values untouched), as the Validate view does.
          afterWrite: async () => void (await highlightFindings(wb, checks)),
          message: checks.length
            ? `Data quality: ${json.rows} rows in ${checks.length} table${checks.length === 1 ? "" : "s"}, ${findings.length} issue${findings.length === 1 ? "" : "s"}` +
              (findings.length ? " (invalid cells highlighted)." : ".")
            : "Data quality: no table with recognised headers (invoices, payments, employees, attendance, bank, ledger, work items).",
        };
      }
      case "brs": {
        progress(0, 3, "Reconciling the bank statement with the books");
        const run = await lastOrDefaultRun(wb, { asOf });
        progress(1, 3, "Building the reconciliation statement");
        const rep = buildBrsReport({ result: run.result, asOf });
        const j = rep.json;
        const n = (xs: unknown[]) => xs.length;
        return {
          sheets: [rep.sheet],
          json: j,
          warnings: issueLines(run.result, { left: run.left, right: run.right }),
          message:
            `Bank reconciliation as of ${on}: bank ${rupees(j.bankBalance)}, ${n(j.depositsInTransit)} deposit${n(j.depositsInTransit) === 1 ? "" : "s"} in transit, ` +
            `${n(j.unpresentedCheques)} unpresented cheque${n(j.unpresentedCheques) === 1 ? "" : "s"}, ${n(j.bankOnly)} statement item${n(j.bankOnly) === 1 ? "" : "s"} and ${n(j.bookOnly)} book entr${n(j.bookOnly) === 1 ? "y" : "ies"} not on the other side; ` +
            `books ${rupees(j.bookBalance)}; difference ${rupees(j.difference)}${j.difference === 0 ? " (reconciled)." : " — NOT reconciled."}`,
        };
      }
      case "recon": {
        progress(0, 2, "Reconciling");
        const r = await lastOrDefaultRun(wb, { asOf, progress });
        // The summary first: it is the sheet the report shows.
        const sheets = [...r.sheets].sort(
          (a, b) => Number(b.role === "recon:summary") - Number(a.role === "recon:summary"),
        );
        const s = (r.json as { summary?: Record<string, number> }).summary ?? {};
        return {
          sheets,
          json: r.json,
          warnings: issueLines(r.result, { left: r.left, right: r.right }),
          message:
            `Reconciliation: ${s.matchedLeft ?? 0} of ${s.left ?? 0} left and ${s.matchedRight ?? 0} of ${s.right ?? 0} right items matched; ` +
            `unmatched ${rupees(s.unmatchedLeftAmount ?? 0)} / ${rupees(s.unmatchedRightAmount ?? 0)}.`,
        };
      }
    }
  } catch (e) {
    // A table found but not fit to use is bad input the user fixes in the workbook.
    if (e instanceof ReportInputError) throw new WorkbookError(e.message, "bad-input");
    throw e;
  }
  throw new WorkbookError(`Unknown report "${String(kind)}"; choose one of ${REPORT_KINDS.join(", ")}.`, "bad-input");
}

/** Build and write a report; returns the sheet written and the key figures. */
export async function runReportJob(
  wb: Workbook,
  kind: ReportKind,
  options: ReportJobOptions,
): Promise<ReportJobResult> {
  const progress = options.progress ?? (() => undefined);
  const built = await buildReport(wb, kind, options);
  let choice: UserEditsChoice = typeof options.onUserEdits === "string" ? options.onUserEdits : "keep-copy";
  if (typeof options.onUserEdits === "function" && wb.userEdits) {
    // One look before anything is written, so the user can be asked.
    const found = await wb.userEdits(built.sheets);
    if (found.length) {
      choice = await options.onUserEdits(found);
      if (choice === "cancel") throw new ReportCancelled(found);
    }
  }
  const keep = choice === "keep-copy" ? { keepCopy: { date: options.today ?? isoFromSerial(todaySerial()) } } : {};
  progress(built.sheets.length ? 2 : 3, 3, "Writing the report");
  const found: { at: number; edits: UserEdits; kept: string | null }[] = [];
  // The main sheet is written last so that it is the one left active.
  for (let i = built.sheets.length - 1; i >= 0; i--) {
    const spec = built.sheets[i];
    const r = await wb.write(spec, { activate: !!options.activate && i === 0, ...keep });
    if (r?.userEdits) found.push({ at: i, edits: r.userEdits, kept: r.keptCopy });
  }
  found.sort((a, b) => a.at - b.at);
  await built.afterWrite?.();
  const main = built.sheets[0]?.name ?? "";
  progress(3, 3, "Done");
  return {
    kind,
    sheet: main,
    sheets: built.sheets.map((s) => s.name),
    json: built.json,
    message: built.message,
    ...(built.month ? { month: built.month } : {}),
    ...(built.warnings?.length ? { warnings: built.warnings } : {}),
    userEdits: found.map((f) => f.edits),
    keptCopies: found.flatMap((f) => (f.kept ? [f.kept] : [])),
    userEditsNotes: found.map((f) => userEditsSentence(f.edits, f.kept)),
  };
}
