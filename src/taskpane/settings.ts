/**
 * Settings remembered per user: the table the Entry view last worked on, the date order the user types
 * in, the form's options. One JSON object under one key.
 *
 * Inside Excel they go to OfficeRuntime.storage (SharedRuntime 1.1, which manifest.xml requires; checked
 * with isSetSupported all the same): the add-in's own persistent key-value store on this computer.
 * Office.context.roamingSettings would roam, but it is Outlook-only (Mailbox 1.1 in @types/office-js).
 * Where that store is missing, localStorage under Office.context.partitionKey, as Microsoft's
 * "Persist add-in state and settings" asks, so two add-ins on one origin in Excel on the web do not
 * read each other's keys. In the workbench: the browser's localStorage.
 */
import type { DateOrder } from "../core/dates";

export interface DeskSettings {
  entry?: {
    /** The table picked last (its name as the Workbook port reads it). */
    table?: string;
    /** How the user types dates: 31/03/2025 (DMY) or 03/31/2025 (MDY). */
    dateOrder?: DateOrder;
    /** After adding, keep the repeat fields (same as last). */
    keepRepeats?: boolean;
  };
}

const KEY = "bpo-desk.settings";

export interface SettingsStore {
  load(): Promise<DeskSettings>;
  save(settings: DeskSettings): Promise<void>;
}

function parse(text: string | null | undefined): DeskSettings {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as DeskSettings) : {};
  } catch {
    return {}; // a corrupt value is forgotten, never an error in the user's way
  }
}

/** localStorage under `key`; nothing at all where storage is blocked (a locked-down browser). */
function localStore(key: string): SettingsStore {
  return {
    load: async () => {
      try {
        return parse(globalThis.localStorage?.getItem(key));
      } catch {
        return {};
      }
    },
    save: async (s) => {
      try {
        globalThis.localStorage?.setItem(key, JSON.stringify(s));
      } catch {
        // Storage full or blocked: the setting lasts for this session only.
      }
    },
  };
}

function officeRuntimeStorage(): OfficeRuntime.Storage | null {
  try {
    if (typeof Office === "undefined" || !Office.context?.requirements?.isSetSupported("SharedRuntime", "1.1"))
      return null;
    return typeof OfficeRuntime !== "undefined" && OfficeRuntime.storage ? OfficeRuntime.storage : null;
  } catch {
    return null;
  }
}

/** The settings store of this host. */
export function settingsStore(host: "excel" | "workbench"): SettingsStore {
  if (host === "workbench") return localStore(KEY);
  const storage = officeRuntimeStorage();
  if (!storage) {
    const partition = typeof Office !== "undefined" ? Office.context?.partitionKey : undefined;
    return localStore(partition ? `${partition}${KEY}` : KEY);
  }
  return {
    load: async () => {
      try {
        return parse(await storage.getItem(KEY));
      } catch {
        return {};
      }
    },
    save: async (s) => {
      try {
        await storage.setItem(KEY, JSON.stringify(s));
      } catch {
        // The store refused (its 10 MB per domain are full): the setting lasts for this session only.
      }
    },
  };
}

/** `base` with the entry settings in `patch` merged in. */
export function withEntrySettings(base: DeskSettings, patch: NonNullable<DeskSettings["entry"]>): DeskSettings {
  return { ...base, entry: { ...base.entry, ...patch } };
}
