import type { Workbook } from "../workbook/port";

/**
 * What every taskpane view gets from the shell. Inside Excel `wb` is the office adapter;
 * in the workbench (plain browser) it is the file adapter over the in-browser demo workbook.
 */
export interface DeskContext {
  wb: Workbook;
  /** "excel" inside Office, "workbench" in a plain browser. */
  host: "excel" | "workbench";
  /** A toast/message bar in the shell. */
  notify(message: string, intent?: "success" | "error" | "warning" | "info"): void;
  /** Ask the shell to show this sheet in the workbench preview (no-op inside Excel, which shows it itself). */
  showSheet(name: string): void;
  /** Tell the shell the workbook changed (so the preview and table pickers refresh). */
  changed(): void;
  /** Bumped by the shell whenever the workbook changed; views re-read tables when it changes. */
  revision: number;
}

export interface ViewProps {
  desk: DeskContext;
}
