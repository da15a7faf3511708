/**
 * The pane's theme choice and its settings store, with Office's globals stood in for as @types/office-js
 * and @types/office-runtime describe them: Office.context.officeTheme, Office.context.requirements
 * .isSetSupported, Office.context.partitionKey and OfficeRuntime.storage.
 */
import { officeThemeName, requestedTheme } from "../../src/taskpane/theme";
import { settingsStore, withEntrySettings } from "../../src/taskpane/settings";

type Globals = { Office?: unknown; OfficeRuntime?: unknown; localStorage?: unknown };
const g = globalThis as unknown as Globals;

function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k: string) => data.get(k) ?? null,
    key: (i: number) => [...data.keys()][i] ?? null,
    removeItem: (k: string) => void data.delete(k),
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

afterEach(() => {
  delete g.Office;
  delete g.OfficeRuntime;
  delete g.localStorage;
});

describe("the theme", () => {
  it("takes ?theme= for screenshots, and nothing else", () => {
    expect(requestedTheme("?theme=dark")).toBe("dark");
    expect(requestedTheme("?workbench&theme=contrast")).toBe("contrast");
    expect(requestedTheme("?theme=purple")).toBeNull();
    expect(requestedTheme("")).toBeNull();
  });

  it("reads Office's theme: isDarkTheme where reported, else the body colour", () => {
    expect(officeThemeName({ isDarkTheme: true, bodyBackgroundColor: "#FFFFFF" })).toBe("dark");
    expect(officeThemeName({ isDarkTheme: false })).toBe("light");
    // A host that gives only the colours: Black and Dark Gray bodies are dark, White and Colorful light.
    expect(officeThemeName({ bodyBackgroundColor: "#262626" })).toBe("dark");
    expect(officeThemeName({ bodyBackgroundColor: "#666666" })).toBe("dark");
    expect(officeThemeName({ bodyBackgroundColor: "#E6E6E6" })).toBe("light");
    expect(officeThemeName({ bodyBackgroundColor: "not a colour" })).toBeNull();
    expect(officeThemeName(undefined)).toBeNull();
  });
});

describe("the settings store", () => {
  it("keeps settings in the browser's localStorage in the workbench, and forgets a corrupt value", async () => {
    const ls = memoryStorage();
    g.localStorage = ls;
    const store = settingsStore("workbench");
    expect(await store.load()).toEqual({});
    await store.save(withEntrySettings({}, { table: "Invoices", dateOrder: "DMY" }));
    expect(JSON.parse(ls.data.get("bpo-desk.settings")!)).toEqual({ entry: { table: "Invoices", dateOrder: "DMY" } });
    expect(await store.load()).toEqual({ entry: { table: "Invoices", dateOrder: "DMY" } });
    ls.data.set("bpo-desk.settings", "{not json");
    expect(await store.load()).toEqual({});
  });

  it("inside Excel uses OfficeRuntime.storage when SharedRuntime 1.1 is supported", async () => {
    const stored = new Map<string, string>();
    const asked: string[] = [];
    g.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, v: string) => {
            asked.push(`${name} ${v}`);
            return name === "SharedRuntime";
          },
        },
      },
    };
    g.OfficeRuntime = {
      storage: {
        getItem: async (k: string) => stored.get(k) ?? null,
        setItem: async (k: string, v: string) => void stored.set(k, v),
      },
    };
    g.localStorage = memoryStorage();
    const store = settingsStore("excel");
    await store.save({ entry: { keepRepeats: false } });
    expect(stored.get("bpo-desk.settings")).toBe('{"entry":{"keepRepeats":false}}');
    expect(await store.load()).toEqual({ entry: { keepRepeats: false } });
    expect(asked).toContain("SharedRuntime 1.1");
    expect((g.localStorage as ReturnType<typeof memoryStorage>).data.size).toBe(0);
  });

  it("without that store, uses localStorage under Office's partition key", async () => {
    g.Office = { context: { partitionKey: "p-42:", requirements: { isSetSupported: () => false } } };
    const ls = memoryStorage();
    g.localStorage = ls;
    await settingsStore("excel").save({ entry: { table: "Employees" } });
    expect([...ls.data.keys()]).toEqual(["p-42:bpo-desk.settings"]);
  });

  it("a store that refuses to save leaves the pane working", async () => {
    g.localStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    const store = settingsStore("workbench");
    await expect(store.save({ entry: { table: "X" } })).resolves.toBeUndefined();
    await expect(store.load()).resolves.toEqual({});
  });
});
