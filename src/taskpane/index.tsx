/**
 * Taskpane start-up: the boot script. It is small and imports no UI, so the page's custom functions
 * (functions.js, which runs before it) never wait for React; the UI comes as the "app" chunk (./mount),
 * fetched when this script runs.
 *
 * Where the page is decides what it shows (taskpane.html sets window.__bpoOfficeExpected):
 * - a plain browser tab: the workbench, the same views over an in-browser demo workbook;
 * - inside Office: "Connecting to Excel…" until Office.onReady answers, then the views on the open
 *   workbook. A slow start is still Excel: after CONNECT_PATIENCE_MS the pane offers Retry and keeps
 *   waiting; it never falls back to the demo workbook, which a clerk could mistake for their own.
 *   If Office.js itself did not load (a blocked CDN), the pane says so and offers Retry.
 * The boot states are plain DOM, styled in taskpane.html, so they show even when the UI chunk cannot load.
 */
import { followPaneVisibility } from "./bridge";

declare global {
  interface Window {
    /** Set by taskpane.html: true when the page looks hosted by Office and Office.js was requested. */
    __bpoOfficeExpected?: boolean;
    /** Set by taskpane.html: where Office.js was requested from (the CDN, or the add-in's own copy). */
    __bpoOfficeJsUrl?: string;
  }
}

/** How long a start may take before the pane offers Retry (it goes on waiting for Excel meanwhile). */
export const CONNECT_PATIENCE_MS = 15000;

type Mount = typeof import("./mount");

/** What Office.onReady said, or why there is no answer to wait for. */
type OfficeStart =
  | { kind: "excel" }
  | { kind: "browser" }
  | { kind: "other-host"; host: string }
  | { kind: "no-office-js" }
  | { kind: "failed"; message: string };

/** Waits for Office.onReady, as long as it takes: a slow Excel is still Excel. */
function officeStart(): Promise<OfficeStart> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function")
    return Promise.resolve({ kind: "no-office-js" });
  return Office.onReady().then(
    (info): OfficeStart =>
      info.host === Office.HostType.Excel
        ? { kind: "excel" }
        : // Office.js answers host null outside any Office client: a plain browser tab after all.
          info.host
          ? { kind: "other-host", host: String(info.host) }
          : { kind: "browser" },
    (err: unknown): OfficeStart => ({ kind: "failed", message: err instanceof Error ? err.message : String(err) }),
  );
}

// ---------------------------------------------------------------- the boot states (plain DOM)

interface BootView {
  title: string;
  detail?: string;
  /** Still waiting (a spinner), or stopped. */
  busy: boolean;
  retry: boolean;
  /** An alert is announced at once; a status politely. */
  urgent: boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** Shows a boot state in place of the pane, in one live region so a screen reader hears each change. */
function showBoot(container: HTMLElement, state: string, view: BootView): void {
  document.body.dataset.deskState = state;
  const role = view.urgent ? "alert" : "status";
  let main = container.querySelector<HTMLElement>("main.boot-main");
  let live = main?.querySelector<HTMLElement>("#boot");
  if (!main || !live || live.getAttribute("role") !== role) {
    live = el("div", { id: "boot", class: "boot", role, "aria-live": view.urgent ? "assertive" : "polite" });
    main = el("main", { class: "boot-main", "aria-label": "BPO Desk" }, live);
    container.replaceChildren(main);
  }
  const text = el(
    "div",
    { class: "boot-text" },
    el("p", { class: "boot-title" }, view.title),
    ...(view.detail ? [el("p", { class: "boot-detail" }, view.detail)] : []),
  );
  live.replaceChildren(...(view.busy ? [el("span", { class: "boot-spinner", "aria-hidden": "true" })] : []), text);
  main.querySelector(".boot-actions")?.remove();
  if (!view.retry) return;
  const retry = el("button", { type: "button", class: "boot-button" }, "Retry");
  retry.addEventListener("click", () => window.location.reload());
  const help = el("a", { class: "boot-link", href: "help.html", target: "_blank", rel: "noopener" }, "Help");
  main.append(el("div", { class: "boot-actions" }, retry, help));
}

function ready(state: "excel" | "workbench" | "error"): void {
  document.body.dataset.deskReady = state;
  document.body.dataset.deskState = state;
}

// ---------------------------------------------------------------- start

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) return;
  const ui: Promise<Mount> = import(/* webpackChunkName: "app" */ "./mount");
  ui.catch(() => undefined); // reported where it is awaited

  const fail = (err: unknown) => {
    console.error(err);
    showBoot(container, "error", {
      title: "BPO Desk could not start.",
      detail: `${err instanceof Error ? err.message : String(err)} Retry reloads the add-in; nothing in your workbook is lost.`,
      busy: false,
      retry: true,
      urgent: true,
    });
    ready("error");
  };

  if (!window.__bpoOfficeExpected) {
    followPaneVisibility(false);
    try {
      await (await ui).mountWorkbench(container);
      ready("workbench");
    } catch (err) {
      fail(err);
    }
    return;
  }

  showBoot(container, "connecting", { title: "Connecting to Excel…", busy: true, retry: false, urgent: false });
  const patience = setTimeout(
    () =>
      showBoot(container, "waiting", {
        title: "Excel has not answered yet.",
        detail:
          "BPO Desk is still waiting for Excel and will open as soon as it answers. Retry reloads the add-in; nothing in your workbook is lost.",
        busy: true,
        retry: true,
        urgent: false,
      }),
    CONNECT_PATIENCE_MS,
  );
  const office = await officeStart();
  clearTimeout(patience);
  try {
    switch (office.kind) {
      case "excel":
        followPaneVisibility(true);
        (await ui).mountExcel(container);
        ready("excel");
        return;
      case "browser":
        followPaneVisibility(false);
        await (await ui).mountWorkbench(container);
        ready("workbench");
        return;
      case "other-host":
        showBoot(container, "error", {
          title: "BPO Desk works in Excel only.",
          detail: `It was opened in ${office.host}. Open it from Excel's Back Office tab.`,
          busy: false,
          retry: false,
          urgent: true,
        });
        ready("error");
        return;
      case "no-office-js":
        showBoot(container, "error", {
          title: "BPO Desk could not reach Office.",
          detail: `Office.js did not load from ${window.__bpoOfficeJsUrl ?? "Microsoft's CDN"}. Check that this computer can reach it, or ask whoever deployed BPO Desk for its intranet build, which serves Office.js itself (see Help). Retry reloads the add-in; nothing in your workbook is lost.`,
          busy: false,
          retry: true,
          urgent: true,
        });
        ready("error");
        return;
      case "failed":
        fail(new Error(`Office did not start: ${office.message}.`));
        return;
    }
  } catch (err) {
    fail(err);
  }
}

void start();
