/**
 * The taskpane's UI (React, Fluent UI, the views), fetched by the boot script (./index.tsx) as the "app"
 * chunk once the custom functions have been associated. Inside Excel the views work on the open workbook
 * through the office adapter; in a plain browser tab (the workbench) on an in-browser demo workbook.
 */
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import { App } from "./App";
import type { WorkbenchApi } from "./WorkbenchPanel";
import { OfficeWorkbook } from "../workbook/office";
import type { FileWorkbook } from "../workbook/file";

declare global {
  interface Window {
    /** The workbench's in-browser workbook, for browser tests and the curious. */
    __bpoWorkbench?: { wb: FileWorkbook };
  }
}

let root: Root | null = null;

function rootOf(container: HTMLElement): Root {
  root ??= createRoot(container);
  return root;
}

/** The taskpane on the open workbook, inside Excel. */
export function mountExcel(container: HTMLElement): void {
  rootOf(container).render(<App wb={new OfficeWorkbook()} host="excel" />);
}

/**
 * The workbench: the demo workbook first; "Open a workbook" swaps in one of the user's files (read in
 * the browser, never uploaded) and the whole taskpane starts over on it.
 */
export async function mountWorkbench(container: HTMLElement): Promise<void> {
  const r = rootOf(container);
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
    r.render(<App key={source ?? "(demo)"} wb={wb} host="workbench" workbench={api} />);
  };
  show(await mod.createDemoWorkbook(), null);
}
