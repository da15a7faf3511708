/**
 * Ribbon commands (ExecuteFunction buttons of the "Back Office" tab). They run in the shared runtime,
 * on the taskpane's page, so they can post messages to the taskpane and open it on a view.
 * Every handler completes its event on every path: a command that never calls event.completed()
 * leaves Excel's ribbon busy.
 */
import { openReportsView, postNotice, showTaskpane } from "../taskpane/bridge";
import { OfficeWorkbook } from "../workbook/office";
import type { Workbook } from "../workbook/port";
import { runReport, type ReportKind } from "./report-handlers";

/** Manifest FunctionName -> report kind. manifest.xml and this table must agree (tests/manifest.test.ts). */
export const REPORT_COMMANDS: Readonly<Record<string, ReportKind>> = {
  runAgingReport: "aging",
  runPayrollReport: "payroll",
  runSlaReport: "sla",
  runQualityReport: "quality",
  runReconSummary: "recon",
  runBrsReport: "brs",
};

/** What a command event must offer: Office.AddinCommands.Event, or a fake in tests. */
export interface CompletableEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

/**
 * Wraps a command handler so that the event is completed exactly once, whatever happens; an error
 * is shown to the user in the taskpane (opened for the purpose) instead of vanishing.
 */
export function withCompletion<E extends CompletableEvent>(
  handler: (event: E) => Promise<void> | void,
  onError: (err: unknown) => Promise<void> | void = reportError,
): (event: E) => Promise<void> {
  return async (event: E) => {
    try {
      await handler(event);
    } catch (err) {
      try {
        await onError(err);
      } catch {
        // Showing the error failed too: completing the event still matters more.
      }
    } finally {
      event.completed();
    }
  };
}

async function reportError(err: unknown): Promise<void> {
  const message = err instanceof Error ? err.message : String(err);
  postNotice(`The report did not run: ${message}`, "error");
  await showTaskpane();
}

/** Makes a sheet the active one inside Excel (no-op outside Office); waits for a cell edit to end where it can. */
async function activateSheet(name: string): Promise<void> {
  if (typeof Excel === "undefined") return;
  const batch = async (context: Excel.RequestContext) => {
    context.workbook.worksheets.getItem(name).activate();
    await context.sync();
  };
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.11"))
    await Excel.run({ delayForCellEdit: true }, batch);
  else await Excel.run(batch);
}

export interface CommandDeps {
  workbook: () => Workbook;
  run: typeof runReport;
  activate: (sheet: string) => Promise<void>;
  askForInput: (kind: ReportKind) => Promise<void>;
}

const officeDeps: CommandDeps = {
  workbook: () => new OfficeWorkbook(),
  run: runReport,
  activate: activateSheet,
  askForInput: openReportsView,
};

/**
 * The handler of one report button: run the report; show the written sheet, or open the Reports view
 * when the report needs the user to choose something first.
 */
export function reportCommand(
  kind: ReportKind,
  deps: CommandDeps = officeDeps,
): (event: CompletableEvent) => Promise<void> {
  return withCompletion(async () => {
    const outcome = await deps.run(kind, deps.workbook());
    if (outcome.sheet) {
      await deps.activate(outcome.sheet);
      // A sheet the user had edited was replaced (its old version kept): worth more than a passing toast.
      postNotice(outcome.message, outcome.userEdits ? "warning" : "success");
    } else {
      await deps.askForInput(kind);
      postNotice(outcome.message, "info");
    }
  });
}

/** Office.actions, or a fake in tests. */
export interface ActionRegistry {
  associate(name: string, fn: (event: CompletableEvent) => Promise<void>): void;
}

/** Associates every ribbon function with its handler. Returns the names associated. */
export function associateCommands(actions: ActionRegistry): string[] {
  const names = Object.keys(REPORT_COMMANDS);
  for (const name of names) actions.associate(name, reportCommand(REPORT_COMMANDS[name]));
  return names;
}

// Associate at load time, as the shared runtime expects (a late association can miss the first click);
// fall back to onReady for hosts that define Office.actions only once initialised.
if (typeof Office !== "undefined") {
  // Hosts without the shared runtime have no Office.actions until initialised (or at all).
  const registry = () => (Office as unknown as { actions?: Partial<ActionRegistry> }).actions;
  let done = false;
  const tryAssociate = () => {
    const actions = registry();
    if (done || typeof actions?.associate !== "function") return;
    associateCommands(actions as ActionRegistry);
    done = true;
  };
  tryAssociate();
  void Office.onReady(tryAssociate);
}
