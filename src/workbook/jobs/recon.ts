/**
 * Reconciliation over the Workbook port, shared by the CLI, the taskpane's Reconcile view, the ribbon's
 * Reconciliation Summary (via reconSummaryFromWorkbook) and the demo.
 *
 * - runRecon: read both tables, run the engine in chunks (awaiting between chunks so a UI stays live and a
 *   Cancel works), apply a person's accept/reject decisions, build the three sheets. Writes nothing.
 * - writeReconResults: write Recon Summary / Recon Matched / Recon Unmatched (only ever replacing the
 *   add-in's own sheets) and the state sheet; optionally highlight the unmatched rows of the sources
 *   (a removable conditional format: source values never change).
 * - saveReconState / loadReconState: the last run (sources, rules, decisions, the column mapping each side
 *   used) as JSON in the add-in-owned sheet "Recon State" (role recon:state); restoredRules gives the rules
 *   a re-run uses, so the mapping is restored rather than detected afresh.
 * - A side can be a statement file (files: read in the browser with workbookFromBytes, never written): its
 *   rows are read-only, every sheet a run writes goes into the open workbook, and the state names the file.
 * - loadProfiles / saveProfile / forgetProfile: statement profiles (core/recon/profile.ts) in the hidden
 *   add-in sheet "Recon Profiles" (role recon:profiles), so everyone working on the workbook shares them.
 * - writeBrsForRun: the Bank Reconciliation sheet of a run in hand (its decisions, a file side included).
 * - findBankAndLedger: the Bank and Ledger by name, else by what the statement detector recognises.
 * - reconSummaryFromWorkbook: rebuild from the last run's state (its decisions and mapping), else from
 *   Bank vs Ledger.
 */
import {
  RECON_ROLES,
  ReconInputError,
  RulesError,
  applyDecisions,
  mappingOf,
  prepareSides,
  recogniseStatement,
  reconJson,
  reconSheets,
  reconcileSteps,
  reviewItems,
  unmatchedOf,
  validateRules,
  type ReconDecision,
  type ReconJson,
  type ReconResult,
  type ReconRulesInput,
  type ReviewItem,
  type SideColumns,
  type StatementProfile,
  parseProfiles,
  upsertProfile,
} from "../../core/recon";
import { BRS_SHEET, buildBrsReport, type BrsJson } from "../../core/reports/brs";
import { normHeader, type TableData } from "../../core/table";
import type { SheetSpec } from "../../core/sheet-spec";
import { colLetter } from "../../core/reports/layout";
import { WorkbookError, type Progress, type TableInfo, type Workbook } from "../port";

export const RECON_STATE_SHEET = "Recon State";
/** Tag of the optional highlights on the source tables (Workbook.highlight / clearHighlights). */
export const RECON_TAG = "bpo-recon";

export interface ReconState {
  /** 3 when a side was a statement file (older readers, which know only 1 and 2, then ignore it rather than read a workbook table of the same name). */
  version: 1 | 2 | 3;
  left: string;
  right: string;
  rules: ReconRulesInput;
  decisions: ReconDecision[];
  /** The columns each side was read with (version 2), as the rules file names them. */
  columns?: { left: SideColumns; right: SideColumns };
  /** The statement file a side was read from (its name), when it was not a table of the workbook (version 3). */
  files?: SideFiles;
  /** ISO timestamp of the run. */
  ranAt: string;
}

/** File names of the sides read from statement files rather than the workbook. */
export interface SideFiles {
  left?: string;
  right?: string;
}

/** A statement file as one side: its name and the workbook read from its bytes (only ever read). */
export interface StatementFileSide {
  name: string;
  wb: Pick<Workbook, "read">;
}

export interface RunReconOptions {
  /** Table or sheet names (as Workbook.read takes them), in the workbook or in the side's statement file. */
  left: string;
  right: string;
  /** A side read from a statement file instead of the workbook. */
  files?: { left?: StatementFileSide; right?: StatementFileSide };
  rules?: ReconRulesInput;
  decisions?: readonly ReconDecision[];
  progress?: Progress;
  signal?: AbortSignal;
  /** As-of date (serial) for the sheets' heading; default: the latest date in the data. */
  asOf?: number;
}

export interface ReconRun {
  left: string;
  right: string;
  /** The statement file each file side came from (by name); such a side is never written to or highlighted. */
  files: SideFiles;
  rules: ReconRulesInput;
  decisions: ReconDecision[];
  /** The columns each side was read with, as rules-file columns (saved with the state, restored on a re-run). */
  columns: { left: SideColumns; right: SideColumns };
  result: ReconResult;
  json: ReconJson;
  sheets: SheetSpec[];
  /** The items left over, each with its category and suggested action (the review queue). */
  review: ReviewItem[];
}

/** Thrown when the user cancels a run. */
export class ReconCancelled extends Error {
  constructor() {
    super("Reconciliation cancelled.");
    this.name = "ReconCancelled";
  }
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function asWorkbookError(e: unknown): never {
  if (e instanceof ReconInputError || e instanceof RulesError) throw new WorkbookError(e.message, "bad-input");
  throw e;
}

/** Reconcile two tables of the workbook (nothing is written). Throws WorkbookError on bad input. */
export async function runRecon(wb: Workbook, o: RunReconOptions): Promise<ReconRun> {
  const progress = o.progress ?? (() => undefined);
  const check = () => {
    if (o.signal?.aborted) throw new ReconCancelled();
  };
  progress(0, 100, "Reading the tables");
  const read = async (side: "left" | "right") => {
    const file = o.files?.[side];
    const t = await (file ? file.wb : wb).read(o[side]);
    // A file's table goes by the file's name in every sheet and message, so no one looks for it in the workbook.
    return file ? { ...t, name: fileTableName(file.name, t.sheet) } : t;
  };
  const [lt, rt] = await Promise.all([read("left"), read("right")]);
  check();
  const label = (side: "left" | "right", t: TableData) =>
    `${side === "left" ? "Left" : "Right"} ${o.files?.[side] ? "statement file" : "table"} ${t.name}`;
  let result: ReconResult;
  try {
    const { L, R, rules } = prepareSides(lt, rt, validateRules(o.rules ?? {}, "rules"), {
      left: label("left", lt),
      right: label("right", rt),
    });
    const steps = reconcileSteps(L, R, rules);
    let passNo = 0;
    let lastLabel = "";
    for (;;) {
      const s = steps.next();
      if (s.done) {
        result = s.value;
        break;
      }
      if (s.value.label !== lastLabel) {
        lastLabel = s.value.label;
        passNo++;
      }
      const within = s.value.total ? s.value.done / s.value.total : 0;
      progress(Math.min(99, 5 + Math.round(((passNo - 1 + within) / 5) * 94)), 100, s.value.label);
      await tick();
      check();
    }
  } catch (e) {
    asWorkbookError(e);
  }
  const decisions = [...(o.decisions ?? [])];
  result = applyDecisions(result, decisions);
  progress(100, 100, "Done");
  const files: SideFiles = {};
  if (o.files?.left) files.left = o.files.left.name;
  if (o.files?.right) files.right = o.files.right.name;
  return {
    left: o.left,
    right: o.right,
    files,
    rules: o.rules ?? {},
    decisions,
    columns: mappingOf(result),
    result,
    json: reconJson(result),
    sheets: reconSheets(result, { asOf: o.asOf }),
    review: reviewItems(result, { asOf: o.asOf }),
  };
}

/** Re-apply decisions to a finished run without re-running the engine (a decision taken back is undone). */
export function withDecisions(run: ReconRun, decisions: readonly ReconDecision[], asOf?: number): ReconRun {
  const result = applyDecisions(run.result, decisions);
  return {
    ...run,
    decisions: [...decisions],
    result,
    json: reconJson(result),
    sheets: reconSheets(result, { asOf }),
    review: reviewItems(result, { asOf }),
  };
}

/**
 * The rules a re-run of a saved state uses: its rules, with the columns each side was read with filled in
 * where the rules do not name them, for the sides whose tables still have those headers (a changed table
 * is detected afresh rather than refused).
 */
export function restoredRules(
  state: ReconState,
  headers?: { left?: readonly string[]; right?: readonly string[] },
): ReconRulesInput {
  const fits = (cols: SideColumns | undefined, hs: readonly string[] | undefined) => {
    if (!cols) return false;
    if (!hs) return true;
    const have = new Set(hs.map(normHeader));
    return Object.entries(cols).every(([k, v]) => k === "dateOrder" || have.has(normHeader(v)));
  };
  const out: ReconRulesInput = { ...state.rules };
  for (const side of ["left", "right"] as const) {
    const cols = state.columns?.[side];
    if (fits(cols, headers?.[side])) out[side] = { ...cols, ...(state.rules[side] ?? {}) };
  }
  return out;
}

const STATE_TITLE = "bpo-desk reconciliation state (the add-in reads this sheet; do not edit)";

/**
 * A value as JSON in a hidden add-in sheet: a title row, then the text in cells of at most 30,000
 * characters (a cell holds 32,767). The state and the profiles are kept this way.
 */
function jsonSheetSpec(name: string, role: string, title: string, value: unknown): SheetSpec {
  const text = JSON.stringify(value);
  const rows: string[][] = [];
  for (let k = 0; k < text.length; k += 30000) rows.push([text.slice(k, k + 30000)]);
  return { name, role, rows: [[title], ...rows], columns: [{ width: 60 }], hidden: true };
}

/** The JSON text of a sheet jsonSheetSpec wrote, or null when there is no such sheet of that role. */
async function readJsonSheet(wb: Workbook, name: string, role: string, title: string): Promise<string | null> {
  const sheets = await wb.sheets();
  const info = sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!info || info.role !== role) return null;
  const t = await wb.read(info.name);
  const prefix = title.slice(0, title.indexOf(" ("));
  return [t.headers[0], ...t.rows.map((r) => r[0])]
    .filter((c): c is string => typeof c === "string" && !c.startsWith(prefix))
    .join("");
}

function stateSpec(state: ReconState): SheetSpec {
  return jsonSheetSpec(RECON_STATE_SHEET, RECON_ROLES.state, STATE_TITLE, state);
}

/** Store the last run in the add-in-owned state sheet. */
export async function saveReconState(
  wb: Workbook,
  state: Omit<ReconState, "version" | "ranAt"> & { ranAt?: string },
): Promise<void> {
  const { files, ...rest } = state;
  const fromFile = !!(files?.left || files?.right);
  await wb.write(
    stateSpec({
      ...rest,
      version: fromFile ? 3 : 2,
      ranAt: state.ranAt ?? new Date().toISOString(),
      ...(fromFile ? { files } : {}),
    }),
  );
}

/** The add-in's state sheet was edited by hand: say which sheet, and what to do. */
function tamperedState(why: string): WorkbookError {
  return new WorkbookError(
    `The add-in's sheet "${RECON_STATE_SHEET}" was edited and cannot be used (${why}); delete that sheet ` +
      `(the next reconciliation writes it again) and run again.`,
    "bad-input",
  );
}

/**
 * The last run's state, or null when there is none (or the sheet is not the add-in's). A state sheet that
 * was edited into something unreadable is refused, naming the sheet, rather than silently ignored.
 */
export async function loadReconState(wb: Workbook): Promise<ReconState | null> {
  const text = await readJsonSheet(wb, RECON_STATE_SHEET, RECON_ROLES.state, STATE_TITLE);
  if (text === null) return null;
  let v: ReconState;
  try {
    v = JSON.parse(text) as ReconState;
  } catch {
    throw tamperedState("its text is not the JSON the add-in wrote");
  }
  if (!v || ![1, 2, 3].includes(v.version) || typeof v.left !== "string" || typeof v.right !== "string")
    throw tamperedState("it does not name the two tables of the last run");
  if (v.decisions !== undefined && !Array.isArray(v.decisions)) throw tamperedState("its decisions are not a list");
  try {
    validateRules(v.rules ?? {}, "rules");
  } catch (e) {
    if (e instanceof RulesError) throw tamperedState(e.message.replace(/\s*\n\s*/g, " "));
    throw e;
  }
  return { ...v, rules: v.rules ?? {}, decisions: Array.isArray(v.decisions) ? v.decisions : [] };
}

/**
 * Whether a saved state is the last run of these sources: the same tables, and the same statement file
 * (by name) on a side that was read from one.
 */
export function stateFits(state: ReconState, sources: { left: string; right: string; files?: SideFiles }): boolean {
  const same = (a: string | undefined, b: string | undefined) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();
  return (
    same(state.left, sources.left) &&
    same(state.right, sources.right) &&
    same(state.files?.left, sources.files?.left) &&
    same(state.files?.right, sources.files?.right)
  );
}

/** The name a statement file's table goes by: the file's name, with the sheet when the file has several. */
export function fileTableName(file: string, sheet: string): string {
  const base = file.replace(/^.*[\\/]/, "");
  const stem = base.replace(/\.[^.]*$/, "");
  return sheet && sheet.toLowerCase() !== stem.toLowerCase() ? `${base} › ${sheet}` : base;
}

// ---------------------------------------------------------------- statement profiles

export const RECON_PROFILES_SHEET = "Recon Profiles";
export const RECON_PROFILES_ROLE = "recon:profiles";
const PROFILES_TITLE = "bpo-desk statement profiles (the add-in reads this sheet; do not edit)";

/** The statement profiles saved in the workbook, newest first ([] when none). What is not a profile is dropped. */
export async function loadProfiles(wb: Workbook): Promise<StatementProfile[]> {
  const text = await readJsonSheet(wb, RECON_PROFILES_SHEET, RECON_PROFILES_ROLE, PROFILES_TITLE);
  return text === null ? [] : parseProfiles(text);
}

async function writeProfiles(wb: Workbook, profiles: readonly StatementProfile[]): Promise<void> {
  await wb.write(jsonSheetSpec(RECON_PROFILES_SHEET, RECON_PROFILES_ROLE, PROFILES_TITLE, profiles));
}

/**
 * Save a profile in the workbook's hidden "Recon Profiles" sheet, replacing the one of the same layout
 * (fingerprint). A user's sheet of that name is never touched (WorkbookError "not-owned"). Returns them all.
 */
export async function saveProfile(wb: Workbook, profile: StatementProfile): Promise<StatementProfile[]> {
  const next = upsertProfile(await loadProfiles(wb), profile);
  await writeProfiles(wb, next);
  return next;
}

/** Remove the profile of a layout (by fingerprint). Returns the profiles left. */
export async function forgetProfile(wb: Workbook, fingerprint: string): Promise<StatementProfile[]> {
  const next = (await loadProfiles(wb)).filter((p) => p.fingerprint !== fingerprint);
  await writeProfiles(wb, next);
  return next;
}

export interface WriteReconOptions {
  /** Highlight the amount cells of the unmatched rows of both source tables (removable; values never change). Off by default. */
  highlightSources?: boolean;
  /** Also store the run in the state sheet (default true). */
  saveState?: boolean;
  progress?: Progress;
}

/**
 * Write the three sheets (Summary, Matched, Unmatched) and the state. A user sheet with one of those names
 * is never overwritten: the port throws WorkbookError("not-owned") before anything is written.
 */
export async function writeReconResults(wb: Workbook, run: ReconRun, o: WriteReconOptions = {}): Promise<void> {
  const existing = await wb.sheets();
  for (const spec of [
    ...run.sheets,
    stateSpec({ version: 1, left: "", right: "", rules: {}, decisions: [], ranAt: "" }),
  ]) {
    const s = existing.find((x) => x.name.toLowerCase() === spec.name.toLowerCase());
    if (s && s.role !== spec.role)
      throw new WorkbookError(
        `A sheet named "${s.name}" already exists and is not one the add-in wrote; rename or move it, then write the results again.`,
        "not-owned",
      );
  }
  for (let k = 0; k < run.sheets.length; k++) {
    o.progress?.(k, run.sheets.length + 1, `Writing ${run.sheets[k].name}`);
    await wb.write(run.sheets[k]);
  }
  if (o.saveState !== false)
    await saveReconState(wb, {
      left: run.left,
      right: run.right,
      rules: run.rules,
      decisions: run.decisions,
      columns: run.columns,
      files: run.files,
    });
  if (o.highlightSources) {
    for (const side of ["left", "right"] as const) {
      // A statement file is read-only: only the workbook's own tables are highlighted.
      if (run.files[side]) continue;
      const s = side === "left" ? run.result.left : run.result.right;
      const source = side === "left" ? run.left : run.right;
      const m = s.mapping;
      const cols = (m.amount >= 0 ? [m.amount] : [m.amountIn, m.amountOut]).map((c) =>
        colLetter(s.table.firstColumn + c),
      );
      await wb.clearHighlights(source, RECON_TAG);
      const cells = unmatchedOf(run.result, side).flatMap((i) => cols.map((c) => `${c}${s.row[i]}`));
      if (cells.length) await wb.highlight(source, cells, RECON_TAG, "#FFEB9C");
    }
  }
  o.progress?.(run.sheets.length + 1, run.sheets.length + 1, "Done");
}

const BANK_HEADERS = ["Narration", "Withdrawal", "Deposit", "Balance"];
const LEDGER_HEADERS = ["Voucher No", "Particulars", "Debit", "Credit"];
const BANK_NAMES = ["Bank", "Bank Statement", "Statement"];
const LEDGER_NAMES = ["Ledger", "Cash Book", "Bank Book", "Book"];

/**
 * The Bank and Ledger tables of a workbook: by table or sheet name, else what the statement detector
 * (the one reconcile and validate use) recognises as a bank statement and as books. The add-in's own
 * sheets are skipped. Throws WorkbookError naming what it looked for.
 */
export async function findBankAndLedger(wb: Workbook): Promise<{ left: string; right: string }> {
  const [sheets, tables] = await Promise.all([wb.sheets(), wb.tables()]);
  const roleOf = new Map(sheets.map((s) => [s.name.toLowerCase(), s.role]));
  const withTable = new Set(tables.filter((t) => t.kind === "table").map((t) => t.sheet.toLowerCase()));
  const user = tables.filter((t) => {
    const role = roleOf.get(t.sheet.toLowerCase()) ?? null;
    if (role !== null && !role.startsWith("sample:")) return false;
    return !(t.kind === "range" && withTable.has(t.sheet.toLowerCase()));
  });
  const seen = user.map((t) => ({ t, r: recogniseStatement(t.headers, t.name) }));
  const named = (names: string[], t: TableInfo) =>
    names.some((n) => normHeader(n) === normHeader(t.name) || normHeader(n) === normHeader(t.sheet));
  const pick = (names: string[], kind: "bank" | "book", not?: string): TableInfo | null => {
    const ok = seen.filter((x) => x.r && x.t.name !== not);
    const byName = ok.find((x) => named(names, x.t));
    if (byName) return byName.t;
    let best: TableInfo | null = null;
    let bestScore = 0;
    for (const x of ok)
      if (x.r!.kind === kind && x.r!.score > bestScore) {
        best = x.t;
        bestScore = x.r!.score;
      }
    return best;
  };
  const bank = pick(BANK_NAMES, "bank");
  const ledger = pick(LEDGER_NAMES, "book", bank?.name);
  if (!bank || !ledger)
    throw new WorkbookError(
      `No ${!bank ? "bank statement" : "ledger"} found to reconcile: looked for a table or sheet named ${
        !bank ? '"Bank"' : '"Ledger"'
      } or one with the headers ${(!bank ? BANK_HEADERS : LEDGER_HEADERS).join(", ")}. Add it, or run Reconcile from the taskpane and pick the two tables.`,
      "not-found",
    );
  return { left: bank.name, right: ledger.name };
}

/**
 * What the ribbon's Reconciliation Summary shows: the last run (its sources, rules and decisions) if the
 * workbook holds one, else Bank vs Ledger found by name or headers. Returns the JSON of `reconcile --json`
 * and the three sheets (not written).
 */
export async function reconSummaryFromWorkbook(
  wb: Workbook,
  options: { asOf?: number; progress?: Progress } = {},
): Promise<{ json: ReconJson; sheets: SheetSpec[] }> {
  const run = await lastOrDefaultRun(wb, options);
  return { json: run.json, sheets: run.sheets };
}

/**
 * The run a report rests on: the last run saved in the workbook (its sources, rules, decisions and column
 * mapping), else Bank vs Ledger found by name or by the detector.
 */
export async function lastOrDefaultRun(
  wb: Workbook,
  options: { asOf?: number; progress?: Progress } = {},
): Promise<ReconRun> {
  const state = await loadReconState(wb);
  let pair: ReconState | null = null;
  const tables = await wb.tables();
  const headersOf = (name: string) => tables.find((t) => t.name.toLowerCase() === name.toLowerCase())?.headers;
  // A run with a statement file cannot be repeated without the file: the workbook's Bank and Ledger are used.
  const fromFile = !!(state?.files?.left || state?.files?.right);
  if (state && !fromFile && headersOf(state.left) && headersOf(state.right)) pair = state;
  const sources = pair ?? (await findBankAndLedger(wb));
  return runRecon(wb, {
    left: sources.left,
    right: sources.right,
    rules: pair ? restoredRules(pair, { left: headersOf(pair.left), right: headersOf(pair.right) }) : {},
    decisions: pair ? pair.decisions : [],
    asOf: options.asOf,
    progress: options.progress,
  });
}

/**
 * Write the Bank Reconciliation sheet of a run in hand (with its decisions applied), as of `asOf`: what
 * the Reconcile view offers once a bank statement has been reconciled with the books, a statement file
 * included (the ribbon and the Reports view rebuild from the saved state instead). Only ever replaces the
 * add-in's own sheet.
 */
export async function writeBrsForRun(
  wb: Workbook,
  run: Pick<ReconRun, "result">,
  asOf: number,
  options: { activate?: boolean } = {},
): Promise<{ sheet: string; json: BrsJson }> {
  const rep = buildBrsReport({ result: run.result, asOf });
  await wb.write(rep.sheet, { activate: options.activate });
  return { sheet: BRS_SHEET, json: rep.json };
}

export type { ReconDecision, ReconJson, ReconResult, ReconRulesInput, StatementProfile, TableData };
