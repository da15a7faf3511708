/**
 * The add-in manifest against what Office requires and what the build produces.
 * Element order and the shared-runtime wiring follow Microsoft's add-in only manifest reference
 * (learn.microsoft.com/javascript/api/manifest: OfficeApp, VersionOverrides, Runtimes, CustomTab) and
 * the Excel-Custom-Functions-Shared template: the Runtime, the custom functions Page, the
 * FunctionFile and the ShowTaskpane SourceLocation all name the same URL resource.
 */
import * as fs from "fs";
import * as path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { associateCommands, REPORT_COMMANDS } from "../src/commands/commands";
import { buildBundle } from "./browser/harness";

// The manifest's wiring does not depend on what the reports compute.
jest.mock("../src/commands/report-handlers", () => ({ runReport: jest.fn() }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../webpack.config.js") as {
  DEV_URL: string;
  rewriteManifest(content: string, url: string): string;
  baseUrl(): string;
  fillHelp(content: string): string;
};

const ROOT = path.resolve(__dirname, "..");
const SOURCE = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

/** fast-xml-parser's ordered output as a plain tree (element order matters in a manifest). */
function toTree(xml: string): Node {
  const parsed = new XMLParser({
    ignoreAttributes: false,
    preserveOrder: true,
    attributeNamePrefix: "",
    trimValues: true,
  }).parse(xml) as unknown[];
  const convert = (raw: Record<string, unknown>): Node | null => {
    const name = Object.keys(raw).find((k) => k !== ":@");
    if (!name || name === "#text" || name === "?xml" || name === "#comment") return null;
    const kids = (raw[name] as Record<string, unknown>[]) ?? [];
    return {
      name,
      attrs: (raw[":@"] as Record<string, string>) ?? {},
      children: kids.map(convert).filter((n): n is Node => n !== null),
      text: kids.map((k) => (k["#text"] !== undefined ? String(k["#text"]) : "")).join(""),
    };
  };
  const root = (parsed as Record<string, unknown>[]).map(convert).find((n) => n?.name === "OfficeApp");
  if (!root) throw new Error("no OfficeApp element");
  return root;
}

function all(node: Node, name: string, out: Node[] = []): Node[] {
  if (node.name === name) out.push(node);
  for (const c of node.children) all(c, name, out);
  return out;
}

function child(node: Node, name: string): Node {
  const c = node.children.find((n) => n.name === name);
  if (!c) throw new Error(`<${node.name}> has no <${name}>`);
  return c;
}

function names(node: Node): string[] {
  return node.children.map((c) => c.name);
}

/** Is `sub` a subsequence of `seq` (same relative order)? */
function inOrder(seq: string[], sub: string[]): boolean {
  let i = 0;
  for (const s of seq) if (s === sub[i]) i++;
  return i === sub.length;
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  // PNG signature, then the IHDR chunk: length(4) "IHDR"(4) width(4) height(4).
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(b.toString("ascii", 12, 16)).toBe("IHDR");
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const app = toTree(SOURCE);
const vo = child(app, "VersionOverrides");
const host = child(child(vo, "Hosts"), "Host");
const resources = child(vo, "Resources");

/** Every resource id by kind, with its DefaultValue. */
const resourceIds = new Map<string, string>();
for (const kind of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
  for (const r of child(resources, kind).children) resourceIds.set(r.attrs.id, r.attrs.DefaultValue);
}

function url(resid: string): string {
  const u = resourceIds.get(resid);
  if (!u) throw new Error(`resid ${resid} does not resolve`);
  return u;
}

describe("manifest.xml", () => {
  it("is well-formed XML", () => {
    expect(XMLValidator.validate(SOURCE)).toBe(true);
  });

  it("has a GUID Id, a version and top-level elements in schema order", () => {
    expect(child(app, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect(child(app, "Version").text).toMatch(/^\d+(\.\d+){1,3}$/);
    expect(app.attrs["xsi:type"]).toBe("TaskPaneApp");
    // OfficeApp's sequence (appforoffice/1.1 schema): Hosts before Requirements before DefaultSettings ...
    const order = [
      "Id",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "VersionOverrides",
    ];
    expect(names(app).filter((n) => order.includes(n))).toEqual(order);
    expect(child(app, "Permissions").text).toBe("ReadWriteDocument");
  });

  it("requires the shared runtime, the custom functions runtime and the Excel API", () => {
    const sets = Object.fromEntries(
      all(child(app, "Requirements"), "Set").map((s) => [s.attrs.Name, s.attrs.MinVersion]),
    );
    expect(sets.SharedRuntime).toBe("1.1");
    expect(sets.CustomFunctionsRuntime).toBe("1.1");
    expect(sets.ExcelApi).toMatch(/^1\.\d+$/);
  });

  it("declares one long-lived shared runtime that the functions page, FunctionFile and taskpane all use", () => {
    expect(vo.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
    expect(host.attrs["xsi:type"]).toBe("Workbook");
    // Host: Runtimes first, then AllFormFactors (custom functions), then DesktopFormFactor (ribbon).
    expect(names(host)).toEqual(["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    const runtimes = all(host, "Runtime");
    expect(runtimes).toHaveLength(1);
    expect(runtimes[0].attrs.lifetime).toBe("long");
    const rt = runtimes[0].attrs.resid;

    const cf = child(child(host, "AllFormFactors"), "ExtensionPoint");
    expect(cf.attrs["xsi:type"]).toBe("CustomFunctions");
    expect(names(cf)).toEqual(["Script", "Page", "Metadata", "Namespace"]);
    expect(child(child(cf, "Page"), "SourceLocation").attrs.resid).toBe(rt);
    expect(resourceIds.get(child(cf, "Namespace").attrs.resid)).toBe("BPO");

    const desktop = child(host, "DesktopFormFactor");
    expect(inOrder(names(desktop), ["GetStarted", "FunctionFile", "ExtensionPoint"])).toBe(true);
    expect(child(desktop, "FunctionFile").attrs.resid).toBe(rt);
    const showTaskpane = all(desktop, "Action").filter((a) => a.attrs["xsi:type"] === "ShowTaskpane");
    expect(showTaskpane).toHaveLength(1);
    expect(names(showTaskpane[0])).toEqual(["TaskpaneId", "SourceLocation"]);
    expect(child(showTaskpane[0], "SourceLocation").attrs.resid).toBe(rt);
    // The default (no-commands) taskpane is the same page as well.
    expect(child(child(app, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toBe(url(rt));
  });

  it("puts the buttons on a custom Back Office tab, group before label, each control in schema order", () => {
    const surface = all(host, "ExtensionPoint").find((e) => e.attrs["xsi:type"] === "PrimaryCommandSurface")!;
    const tab = child(surface, "CustomTab");
    expect(names(tab)).toEqual(["Group", "Group", "Label"]);
    expect(resourceIds.get(child(tab, "Label").attrs.resid)).toBe("Back Office");
    const groups = tab.children.filter((c) => c.name === "Group");
    for (const group of groups) {
      expect(names(group).slice(0, 2)).toEqual(["Label", "Icon"]);
      // "Each group is limited to 6 controls, regardless of which tab it appears on" (CustomTab element reference).
      expect(group.children.filter((c) => c.name === "Control").length).toBeLessThanOrEqual(6);
    }
    const controls = groups.flatMap((g) => g.children.filter((c) => c.name === "Control"));
    for (const c of controls) expect(names(c)).toEqual(["Label", "Supertip", "Icon", "Action"]);
    const labels = groups.map((g) =>
      g.children.filter((c) => c.name === "Control").map((c) => resourceIds.get(child(c, "Label").attrs.resid)),
    );
    expect(labels).toEqual([
      ["Open Desk", "Aging report", "Payroll register", "SLA & Quality", "Data Quality"],
      ["Reconciliation Summary", "Bank Reconciliation"],
    ]);
    // Control ids are unique in the manifest.
    const ids = all(app, "Control").map((c) => c.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("resolves every resid to a resource of the right kind, with ids unique and short strings within 125 chars", () => {
    const kindOf = new Map<string, string>();
    for (const kind of ["bt:Images", "bt:Urls", "bt:ShortStrings", "bt:LongStrings"]) {
      const ids = child(resources, kind).children.map((r) => r.attrs.id);
      for (const id of ids) {
        expect(kindOf.has(id)).toBe(false);
        kindOf.set(id, kind);
      }
    }
    const uses: { el: string; resid: string }[] = [];
    const walk = (n: Node) => {
      if (n.attrs.resid) uses.push({ el: n.name, resid: n.attrs.resid });
      n.children.forEach(walk);
    };
    walk(vo);
    expect(uses.length).toBeGreaterThan(20);
    for (const u of uses) {
      const kind = kindOf.get(u.resid);
      expect({ ...u, kind }).toEqual({ ...u, kind: expect.any(String) });
      const expected =
        u.el === "bt:Image"
          ? "bt:Images"
          : ["SourceLocation", "Runtime", "FunctionFile", "LearnMoreUrl"].includes(u.el)
            ? "bt:Urls"
            : u.el === "Description"
              ? "bt:LongStrings"
              : "bt:ShortStrings";
      expect({ ...u, kind }).toEqual({ ...u, kind: expected });
    }
    for (const s of child(resources, "bt:ShortStrings").children)
      expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(125);
    for (const s of child(resources, "bt:LongStrings").children)
      expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(250);
  });

  it("associates every ExecuteFunction in commands.ts, and nothing else", () => {
    const inManifest = all(vo, "Action")
      .filter((a) => a.attrs["xsi:type"] === "ExecuteFunction")
      .map((a) => child(a, "FunctionName").text)
      .sort();
    expect(inManifest).toEqual([
      "runAgingReport",
      "runBrsReport",
      "runPayrollReport",
      "runQualityReport",
      "runReconSummary",
      "runSlaReport",
    ]);
    const associated: string[] = [];
    associateCommands({ associate: (name: string) => void associated.push(name) });
    expect(associated.sort()).toEqual(inManifest);
    expect(Object.keys(REPORT_COMMANDS).sort()).toEqual(inManifest);
  });

  it("gives every button 16/32/80 icons whose PNGs have exactly those dimensions", () => {
    for (const img of all(vo, "bt:Image").filter((i) => i.attrs.size)) {
      const file = url(img.attrs.resid).replace(webpackConfig.DEV_URL, "");
      const { width, height } = pngSize(path.join(ROOT, file));
      expect({ resid: img.attrs.resid, width, height }).toEqual({
        resid: img.attrs.resid,
        width: Number(img.attrs.size),
        height: Number(img.attrs.size),
      });
    }
    for (const group of [...all(vo, "Control"), ...all(vo, "Group")]) {
      const sizes = child(group, "Icon").children.map((i) => i.attrs.size);
      expect(sizes).toEqual(["16", "32", "80"]);
    }
    // Resource images are named by their size: Icon.X.<n> -> <n>x<n> PNG.
    for (const r of child(resources, "bt:Images").children) {
      const n = Number(r.attrs.id.split(".").pop());
      const { width, height } = pngSize(path.join(ROOT, r.attrs.DefaultValue.replace(webpackConfig.DEV_URL, "")));
      expect([r.attrs.id, width, height]).toEqual([r.attrs.id, n, n]);
    }
    expect(pngSize(path.join(ROOT, "assets/icon-64.png"))).toEqual({ width: 64, height: 64 });
    expect(pngSize(path.join(ROOT, "assets/icon-128.png"))).toEqual({ width: 128, height: 128 });
  });

  it("points every URL at the add-in's own URL: a file the webpack build produces, or the base URL itself", async () => {
    const dist = await buildBundle();
    // Every URL, in an attribute or an element's text; the XML namespaces and the comments are not links.
    const body = SOURCE.replace(/<!--[\s\S]*?-->/g, "").replace(/\sxmlns(:\w+)?="[^"]*"/g, "");
    const urls = new Set([...body.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^"<\s]*/gi)].map((m) => m[0]));
    expect(urls.size).toBeGreaterThan(10);
    for (const u of urls) {
      expect({ url: u, ours: u.startsWith(webpackConfig.DEV_URL) }).toEqual({ url: u, ours: true });
      const rel = u.slice(webpackConfig.DEV_URL.length).split(/[?#]/)[0];
      if (rel === "") continue; // the base URL (an AppDomain, say): the folder the build is hosted from
      expect({ url: u, exists: fs.existsSync(path.join(dist, rel)) }).toEqual({ url: u, exists: true });
    }
    // The built page loads the three entries of the shared runtime.
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
    for (const entry of ["functions.js", "commands.js", "taskpane.js"]) expect(html).toContain(`src="${entry}"`);
    // functions.json is generated from the JSDoc of src/functions/functions.ts.
    const meta = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8")) as {
      functions: { id: string }[];
    };
    expect(meta.functions.length).toBeGreaterThan(0);
  });
});

describe("production manifest rewrite (ADDIN_BASE_URL)", () => {
  const saved = process.env.ADDIN_BASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADDIN_BASE_URL;
    else process.env.ADDIN_BASE_URL = saved;
  });

  it("replaces every localhost URL and leaves a well-formed manifest", () => {
    process.env.ADDIN_BASE_URL = "https://desk.example.com/bpo";
    const base = webpackConfig.baseUrl();
    expect(base).toBe("https://desk.example.com/bpo/");
    const out = webpackConfig.rewriteManifest(SOURCE, base);
    expect(out).not.toMatch(/localhost/);
    expect(XMLValidator.validate(out)).toBe(true);
    const before = SOURCE.match(/https:\/\/localhost:3000\//g)!.length;
    expect(out.match(/https:\/\/desk\.example\.com\/bpo\//g)!.length).toBe(before);
    const tree = toTree(out);
    expect(child(child(tree, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toBe(
      "https://desk.example.com/bpo/taskpane.html",
    );
  });

  it("has no default: refuses an unset ADDIN_BASE_URL and a plain-http one, and takes the dev URL only when asked", () => {
    delete process.env.ADDIN_BASE_URL;
    expect(() => webpackConfig.baseUrl()).toThrow(/ADDIN_BASE_URL is not set/);
    process.env.ADDIN_BASE_URL = "   ";
    expect(() => webpackConfig.baseUrl()).toThrow(/ADDIN_BASE_URL is not set/);
    process.env.ADDIN_BASE_URL = "http://desk.example.com/";
    expect(() => webpackConfig.baseUrl()).toThrow(/https/);
    process.env.ADDIN_BASE_URL = "https://localhost:3000/";
    expect(webpackConfig.baseUrl()).toBe(webpackConfig.DEV_URL);
  });
});

describe("support and help (store submission)", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };

  it("sends the SupportUrl and the Get Started LearnMoreUrl to the help page", () => {
    expect(child(app, "SupportUrl").attrs.DefaultValue).toBe(`${webpackConfig.DEV_URL}help.html`);
    const learnMore = child(child(child(host, "DesktopFormFactor"), "GetStarted"), "LearnMoreUrl");
    expect(url(learnMore.attrs.resid)).toBe(`${webpackConfig.DEV_URL}help.html`);
  });

  it("gives the manifest the package's version", () => {
    // Office wants four parts; package.json has three.
    expect(child(app, "Version").text).toBe(`${pkg.version}.0`);
  });

  it("has a help page with real support information: what it does, how to get help, data handling, the version", async () => {
    const dist = await buildBundle();
    const html = fs.readFileSync(path.join(dist, "help.html"), "utf8");
    const text = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    const headings = [...html.matchAll(/<h2 id="([^"]+)">([^<]+)<\/h2>/g)].map((m) => [m[1], m[2]]);
    expect(headings).toEqual([
      ["what", "What BPO Desk does"],
      ["help", "Getting help"],
      ["privacy", "Privacy and data handling"],
    ]);
    expect(text).toContain("Workbook data stays in the workbook; statements opened in the browser are never uploaded.");
    expect(text).toContain(`Version ${pkg.version}`);
    expect(html).not.toMatch(/%BPO_[A-Z_]+%/);
    // Every message the taskpane shows at start-up has its entry here.
    for (const said of ["Connecting to Excel…", "Excel has not answered yet", "BPO Desk could not reach Office"])
      expect(text).toContain(said);
    // Its links stay inside the build (or on the page).
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
      if (href.startsWith("#")) expect(html).toContain(`id="${href.slice(1)}"`);
      else expect({ href, exists: fs.existsSync(path.join(dist, href)) }).toEqual({ href, exists: true });
    }
  });

  it("names a support contact on the help page when ADDIN_SUPPORT is set, escaped", () => {
    const source = fs.readFileSync(path.join(ROOT, "src/taskpane/help.html"), "utf8");
    const saved = process.env.ADDIN_SUPPORT;
    try {
      process.env.ADDIN_SUPPORT = "desk-support@example.com";
      expect(webpackConfig.fillHelp(source)).toContain(
        '<a href="mailto:desk-support@example.com">desk-support@example.com</a>',
      );
      process.env.ADDIN_SUPPORT = 'https://support.example.com/bpo?a=1&b="2"';
      expect(webpackConfig.fillHelp(source)).toContain(
        '<a href="https://support.example.com/bpo?a=1&amp;b=&quot;2&quot;">',
      );
      delete process.env.ADDIN_SUPPORT;
      expect(webpackConfig.fillHelp(source)).not.toContain("data-support-contact");
    } finally {
      if (saved === undefined) delete process.env.ADDIN_SUPPORT;
      else process.env.ADDIN_SUPPORT = saved;
    }
  });
});
