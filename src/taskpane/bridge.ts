/**
 * The one channel between the ribbon commands and the taskpane. Both run on the same page (the
 * shared runtime), so the state lives on `globalThis`: it survives even if a bundle were loaded twice,
 * and a request made before the taskpane is mounted waits for it.
 */
import type { ReportKind } from "../commands/report-handlers";

export type DeskView = "entry" | "reconcile" | "reports";
export type NoticeIntent = "success" | "error" | "warning" | "info";

export interface Notice {
  message: string;
  intent: NoticeIntent;
}

interface BridgeState {
  view: DeskView | null;
  report: ReportKind | null;
  notices: Notice[];
  listeners: Set<() => void>;
}

function state(): BridgeState {
  const g = globalThis as unknown as { __bpoDeskBridge?: BridgeState };
  g.__bpoDeskBridge ??= { view: null, report: null, notices: [], listeners: new Set() };
  return g.__bpoDeskBridge;
}

function emit(): void {
  for (const fn of [...state().listeners]) fn();
}

/** Listen for view requests and notices (the taskpane shell). Returns the unsubscribe function. */
export function subscribe(fn: () => void): () => void {
  state().listeners.add(fn);
  return () => state().listeners.delete(fn);
}

/** True when the taskpane shell is mounted and listening. */
export function taskpaneListening(): boolean {
  return state().listeners.size > 0;
}

/** Ask the taskpane to switch to a view (applied now if mounted, else when it mounts). */
export function requestView(view: DeskView): void {
  state().view = view;
  emit();
}

/** The pending view request, cleared by reading it. */
export function takeRequestedView(): DeskView | null {
  const s = state();
  const v = s.view;
  s.view = null;
  return v;
}

/**
 * The report the ribbon asked for when it needed input from the user (read once by the Reports view,
 * which can preselect it), or null.
 */
export function takeRequestedReport(): ReportKind | null {
  const s = state();
  const r = s.report;
  s.report = null;
  return r;
}

/** Show a message in the taskpane's toaster (queued until the taskpane is mounted). */
export function postNotice(message: string, intent: NoticeIntent = "info"): void {
  state().notices.push({ message, intent });
  emit();
}

/** Notices waiting to be shown, removed by reading them. */
export function takeNotices(): Notice[] {
  const s = state();
  return s.notices.splice(0, s.notices.length);
}

/** Show the taskpane when running inside Office (no-op elsewhere or when the API is missing). */
export async function showTaskpane(): Promise<void> {
  if (typeof Office === "undefined" || !Office.addin?.showAsTaskpane) return;
  try {
    await Office.addin.showAsTaskpane();
  } catch {
    // Older hosts without the shared-runtime API: the user opens the pane from the ribbon.
  }
}

/**
 * Opens the taskpane on the Reports view with `kind` preselected: the ribbon's way of asking the user
 * for input a one-click report could not guess (which table, which period).
 */
export async function openReportsView(kind: ReportKind): Promise<void> {
  state().report = kind;
  requestView("reports");
  await showTaskpane();
}
