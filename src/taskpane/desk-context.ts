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
  /**
   * Tell the shell the workbook changed (so the preview and table pickers refresh). Returns the revision
   * the change will be seen as, so a view that already knows what it changed need not read it back.
   */
  changed(): number;
  /** Bumped by the shell whenever the workbook changed; views re-read tables when it changes. */
  revision: number;
  /**
   * True while the user can see the taskpane. The shared runtime keeps the page running with the pane
   * hidden; views read the workbook only while it is visible and catch up when it is shown again.
   */
  visible: boolean;
}

export interface ViewProps {
  desk: DeskContext;
}
