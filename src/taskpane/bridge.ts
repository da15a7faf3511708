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
    setPaneVisible(true);
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

// ---------------------------------------------------------------- is the taskpane visible?

interface PaneVisibility {
  visible: boolean;
  following: boolean;
  listeners: Set<() => void>;
}

function pane(): PaneVisibility {
  const g = globalThis as unknown as { __bpoPaneVisibility?: PaneVisibility };
  g.__bpoPaneVisibility ??= {
    visible: typeof document === "undefined" || document.visibilityState !== "hidden",
    following: false,
    listeners: new Set(),
  };
  return g.__bpoPaneVisibility;
}

function setPaneVisible(visible: boolean): void {
  const p = pane();
  if (p.visible === visible) return;
  p.visible = visible;
  for (const fn of [...p.listeners]) fn();
}

/**
 * True while the user can see the taskpane. In the shared runtime the page also runs with the pane hidden
 * (started by a custom function or a ribbon command), and then nothing should read the workbook for it.
 */
export function paneVisible(): boolean {
  return pane().visible;
}

/** Listen for the pane being shown or hidden. Returns the unsubscribe function. */
export function onPaneVisibility(fn: () => void): () => void {
  pane().listeners.add(fn);
  return () => pane().listeners.delete(fn);
}

/**
 * Starts following the pane's visibility: the document's visibilityState (a browser tab in the workbench;
 * a hidden webview inside Excel), and inside Excel the shared runtime's onVisibilityModeChanged
 * (SharedRuntime 1.1, declared in manifest.xml). Office.js offers no way to ask the current mode, so the
 * document's state is the starting point and the last event wins.
 */
export function followPaneVisibility(inOffice: boolean): void {
  const p = pane();
  if (p.following) return;
  p.following = true;
  if (typeof document !== "undefined") {
    setPaneVisible(document.visibilityState !== "hidden");
    document.addEventListener("visibilitychange", () => setPaneVisible(document.visibilityState !== "hidden"));
    // Someone clicking or typing in the pane can see it, whatever the host did or did not report.
    for (const type of ["pointerdown", "keydown", "focusin"])
      document.addEventListener(type, () => setPaneVisible(true), { capture: true, passive: true });
  }
  if (!inOffice || typeof Office === "undefined" || typeof Office.addin?.onVisibilityModeChanged !== "function") return;
  const ignore = () => {
    // A host without the event: the document's visibility is all there is.
  };
  try {
    // Office.VisibilityMode: "Hidden" | "Taskpane" (@types/office-js).
    Office.addin
      .onVisibilityModeChanged((message) => setPaneVisible(String(message.visibilityMode) !== "Hidden"))
      .catch(ignore);
  } catch {
    ignore();
  }
}
