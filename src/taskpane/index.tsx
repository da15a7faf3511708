/**
 * Taskpane start-up. Inside Excel (Office.js loaded and Office.onReady reports Excel) the views work on
 * the open workbook through the office adapter. Anywhere else (a plain browser tab, Office.js missing
 * or not answering) the page becomes the workbench: the same views over an in-browser demo workbook.
 */
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import { App, StartupError } from "./App";
import type { WorkbenchApi } from "./WorkbenchPanel";
import { OfficeWorkbook } from "../workbook/office";
import type { FileWorkbook } from "../workbook/file";

declare global {
  interface Window {
    /** Set by taskpane.html: true when the page looks hosted by Office and Office.js was requested. */
    __bpoOfficeExpected?: boolean;
    /** The workbench's in-browser workbook, for browser tests and the curious. */
    __bpoWorkbench?: { wb: FileWorkbook };
  }
}

/** How long to wait for Office.onReady before deciding we are not in Office. */
const OFFICE_READY_TIMEOUT_MS = 15000;

/** Resolves true when running inside Excel. Never hangs: gives up after a timeout. */
export async function insideExcel(timeoutMs = OFFICE_READY_TIMEOUT_MS): Promise<boolean> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return false;
  const ready = Office.onReady().then(
    (info) => info.host === Office.HostType.Excel,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs));
  return Promise.race([ready, timeout]);
}

/**
 * The workbench: the demo workbook first; "Open a workbook" swaps in one of the user's files (read in
 * the browser, never uploaded) and the whole taskpane starts over on it.
 */
async function startWorkbench(root: Root): Promise<void> {
  const mod = await import(/* webpackChunkName: "workbench" */ "./workbench");
  const show = (wb: FileWorkbook, source: string | null) => {
    window.__bpoWorkbench = { wb };
    const api: WorkbenchApi = {
      source,
      sheetNames: async () => (await wb.sheets()).filter((s) => s.visible).map((s) => s.name),
      preview: (name) => mod.previewSheet(wb, name),
      download: () => mod.downloadWorkbook(wb, mod.downloadName(source)),
      open: async (file) =>
        show(await mod.workbookFromBytes(file.name, new Uint8Array(await file.arrayBuffer())), file.name),
    };
    root.render(<App key={source ?? "(demo)"} wb={wb} host="workbench" workbench={api} />);
  };
  show(await mod.createDemoWorkbook(), null);
}

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) return;
  const root = createRoot(container);
  try {
    if (window.__bpoOfficeExpected && (await insideExcel())) {
      root.render(<App wb={new OfficeWorkbook()} host="excel" />);
      document.body.dataset.deskReady = "excel";
      return;
    }
    await startWorkbench(root);
    document.body.dataset.deskReady = "workbench";
  } catch (err) {
    console.error(err);
    root.render(<StartupError message={err instanceof Error ? err.message : String(err)} />);
    document.body.dataset.deskReady = "error";
  }
}

void start();
