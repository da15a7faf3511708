import type { Workbook } from "../workbook/port";
import type { DeskSettings } from "./settings";

/**
 * What every taskpane view gets from the shell. Inside Excel `wb` is the office adapter;
 * in the workbench (plain browser) it is the file adapter over the in-browser demo workbook.
 */
export interface DeskContext {
  wb: Workbook;
  /** "excel" inside Office, "workbench" in a plain browser. */
  host: "excel" | "workbench";
  /**
   * A notice in the shell's notice strip (one at a time, at the foot of the pane, never over a control).
   * For what no view shows itself, such as a ribbon command's outcome; a view's own results go inline.
   */
  notify(message: string, intent?: "success" | "error" | "warning" | "info"): void;
  /** Say `message` through the pane's one live region (screen readers hear it; nothing is shown). */
  announce(message: string): void;
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
  /** The user's remembered settings (loaded before any view mounts). */
  settings: DeskSettings;
  /** Remember settings for this user (merged into what is stored). */
  saveSettings(next: DeskSettings): void;
}

export interface ViewProps {
  desk: DeskContext;
}
