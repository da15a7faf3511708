/**
 * `npm run build` as a deployment would run it: production mode, no dev certificates, with
 * ADDIN_BASE_URL set. The built manifest must point only at the hosting URL, and every file it names
 * must be in the output. The file adapter (workbench only) and SheetJS must stay out of the start-up bundles; the
 * custom functions must start from their own small scripts, before any UI is fetched. Without ADDIN_BASE_URL
 * the build refuses; OFFICE_JS=bundled serves Office.js from the add-in's own origin.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vm from "vm";
import { XMLValidator } from "fast-xml-parser";

const ROOT = path.resolve(__dirname, "..");
const BASE = "https://desk.example.com/addins/bpo/";
const CLI = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_DIST = path.dirname(require.resolve("@microsoft/office-js/dist/office.js", { paths: [ROOT] }));

interface Built {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A production build into `out` with these settings (undefined removes the variable). */
function build(out: string, settings: Record<string, string | undefined>): Promise<Built> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete env.WEBPACK_SERVE;
  delete env.OFFICE_JS;
  delete env.ADDIN_BASE_URL;
  delete env.ADDIN_SUPPORT;
  for (const [k, v] of Object.entries(settings)) if (v !== undefined) env[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CLI, "--mode", "production", "--output-path", out, "--stats", "errors-warnings"],
      {
        cwd: ROOT,
        env,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The scripts taskpane.html loads itself, in order (Office.js, written by the inline loader, aside). */
function pageScripts(out: string): string[] {
  // The inline scripts' text aside (the loader writes Office.js's tag from a string).
  const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8").replace(/<script>[\s\S]*?<\/script>/g, "");
  return [...html.matchAll(/<script[^>]*\ssrc="([^":]+)"/g)].map((m) => m[1]);
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
}

describe("production build", () => {
  let out: string;
  let bundledOut: string;
  let result: Built;
  let bundled: Built;

  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-dist-"));
    bundledOut = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-dist-bundled-"));
    // The two builds run side by side: the default (Office.js from the CDN) and the intranet one.
    [result, bundled] = await Promise.all([
      build(out, { ADDIN_BASE_URL: BASE }),
      build(bundledOut, { ADDIN_BASE_URL: BASE, OFFICE_JS: "bundled" }),
    ]);
    // Two production builds on a 2-core CI machine beside other suites: a budget, not a timing assertion.
  }, 900_000);
  afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(bundledOut, { recursive: true, force: true });
  });

  it("builds without errors and without certificates", () => {
    for (const r of [result, bundled])
      expect({ status: r.status, output: r.status === 0 ? "" : `${r.stdout}\n${r.stderr}` }).toEqual({
        status: 0,
        output: "",
      });
  });

  it("rewrites every manifest URL to ADDIN_BASE_URL, and every URL names a built file", () => {
    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(XMLValidator.validate(manifest)).toBe(true);
    expect(manifest).not.toMatch(/localhost/);
    // Every URL in the manifest, in an attribute or in an element's text (comments aside).
    const body = manifest.replace(/<!--[\s\S]*?-->/g, "").replace(/\sxmlns(:\w+)?="[^"]*"/g, "");
    const urls = [...body.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) {
      expect({ url: u, base: u.startsWith(BASE) }).toEqual({ url: u, base: true });
      const rel = u.slice(BASE.length).split("?")[0];
      // The base URL itself (an AppDomain, say) is the hosting folder; anything else is a file of the build.
      if (rel === "") continue;
      expect({ url: u, exists: fs.existsSync(path.join(out, rel)) }).toEqual({ url: u, exists: true });
    }
  });

  it("keeps the file adapter and SheetJS out of the page's start-up scripts", () => {
    const scripts = pageScripts(out);
    expect(scripts).toEqual(expect.arrayContaining(["functions.js", "commands.js", "taskpane.js"]));
    for (const s of scripts) {
      const code = fs.readFileSync(path.join(out, s), "utf8");
      // Markers of the package editor (the part every package lists) and of SheetJS.
      expect({
        script: s,
        fileAdapter: code.includes("[Content_Types].xml"),
        sheetjs: code.includes("SheetJS"),
      }).toEqual({
        script: s,
        fileAdapter: false,
        sheetjs: false,
      });
    }
    // Both come as lazy chunks: the workbench's, and SheetJS's for .xls/.xlsb/.ods.
    const chunks = fs.readdirSync(out);
    expect(chunks.some((f) => /^workbench\..*\.js$/.test(f))).toBe(true);
    const lazy = chunks.filter((f) => f.endsWith(".js") && !scripts.includes(f));
    expect(lazy.some((f) => fs.readFileSync(path.join(out, f), "utf8").includes("SheetJS"))).toBe(true);
  });

  it("starts the custom functions from their own small scripts: no UI, no vendor chunk, associated on their own", () => {
    const scripts = pageScripts(out);
    // The page loads the runtime, the functions' scripts, then the commands and the taskpane boot; React and
    // Fluent UI come later, in chunks the taskpane boot fetches (never a script of the page).
    const fnAt = scripts.indexOf("functions.js");
    expect(scripts.slice(fnAt + 1)).toEqual(["commands.js", "taskpane.js"]);
    const forFunctions = scripts.slice(0, fnAt + 1);
    expect(forFunctions[0]).toBe("runtime.js");
    const react = "react.transitional.element"; // React 19's element marker
    const vendor = fs.readdirSync(out).filter((f) => /^vendor\..*\.js$/.test(f));
    expect(vendor).toHaveLength(1);
    expect(fs.readFileSync(path.join(out, vendor[0]), "utf8")).toContain(react);
    for (const s of scripts)
      expect({ script: s, react: fs.readFileSync(path.join(out, s), "utf8").includes(react) }).toEqual({
        script: s,
        react: false,
      });

    // Run exactly those scripts, as the page would before anything else: every function in functions.json
    // must be associated. A functions entry that needed another chunk would wait for it and associate nothing.
    const associated: string[] = [];
    const sandbox: Record<string, unknown> = {
      CustomFunctions: { associate: (id: string) => void associated.push(id) },
      document: { currentScript: { tagName: "SCRIPT", src: `${BASE}runtime.js` }, getElementsByTagName: () => [] },
      console,
    };
    sandbox.self = sandbox;
    sandbox.window = sandbox;
    const context = vm.createContext(sandbox);
    for (const s of forFunctions) vm.runInContext(fs.readFileSync(path.join(out, s), "utf8"), context, { filename: s });
    const meta = JSON.parse(fs.readFileSync(path.join(out, "functions.json"), "utf8")) as {
      functions: { id: string }[];
    };
    expect(associated.sort()).toEqual(meta.functions.map((f) => f.id).sort());
    expect(associated.length).toBeGreaterThan(20);

    // What the functions wait for before they run: the runtime, decimal.js and the domain code they call
    // (about 100 KB minified). The bound leaves room for more functions and rate tables, and fails as soon
    // as React (react-dom alone is over 130 KB), Fluent UI, zod or the office adapter is pulled in.
    const bytes = forFunctions.reduce((n, s) => n + fs.statSync(path.join(out, s)).size, 0);
    expect(bytes).toBeLessThan(150 * 1024);
  });

  it("loads Office.js from Microsoft's CDN by default", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    expect(html).toContain(`w.__bpoOfficeJsUrl = "${CDN}"`);
    expect(fs.existsSync(path.join(out, "office-js"))).toBe(false);
  });

  it("with OFFICE_JS=bundled, serves Office.js and the Excel files it loads from the add-in's own origin", () => {
    const html = fs.readFileSync(path.join(bundledOut, "taskpane.html"), "utf8");
    expect(html).toContain('w.__bpoOfficeJsUrl = "office-js/office.js"');
    expect(html).not.toContain("appsforoffice.microsoft.com");
    const served = path.join(bundledOut, "office-js");
    // Microsoft's files byte for byte (never re-minified): the loader, Excel's host files, the locale strings.
    for (const f of [
      "office.js",
      "excel-win32-16.01.js",
      "excel-web-16.00.js",
      "excel-mac-16.00.js",
      "en-us/office_strings.js",
    ])
      expect({
        file: f,
        same: fs.readFileSync(path.join(served, f)).equals(fs.readFileSync(path.join(OFFICE_JS_DIST, f))),
      }).toEqual({
        file: f,
        same: true,
      });
    const files = filesUnder(served);
    // Everything Excel can ask for is there; the other hosts' files and the debug builds are not.
    const expected = filesUnder(OFFICE_JS_DIST).filter(
      (f) =>
        !/\.debug\.js$|-vsdoc\.js$|\.d\.ts$|(^|\/)outlook_strings\.js$/.test(f) &&
        !/(^|\/)(access|onenote|outlook|powerpoint|project|visio|word)[^/]*\.js$/.test(f),
    );
    expect(files.sort()).toEqual(expected.sort());
    expect(files.some((f) => f.startsWith("excel-"))).toBe(true);
    // The manifest and the rest of the build are the same as the default build's.
    expect(fs.readFileSync(path.join(bundledOut, "manifest.xml"), "utf8")).toBe(
      fs.readFileSync(path.join(out, "manifest.xml"), "utf8"),
    );
  });

  it("writes the version and, when ADDIN_SUPPORT is unset, no support contact line into help.html", () => {
    const help = fs.readFileSync(path.join(out, "help.html"), "utf8");
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(help).toContain(`Version ${pkg.version}`);
    expect(help).not.toMatch(/%BPO_[A-Z_]+%/);
    expect(help).not.toContain("data-support-contact");
  });
});

describe("production build settings", () => {
  it("refuses a production build without ADDIN_BASE_URL, saying how to set it, and writes nothing", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-dist-refused-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
      delete env.ADDIN_BASE_URL;
      delete env.WEBPACK_SERVE;
      const r = spawnSync(process.execPath, [CLI, "--mode", "production", "--output-path", out], {
        cwd: ROOT,
        encoding: "utf8",
        env,
      });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("ADDIN_BASE_URL is not set");
      expect(r.stderr).toContain("ADDIN_BASE_URL=https://addins.example.com/bpo-desk/ npm run build");
      expect(r.stderr).toContain("ADDIN_BASE_URL=https://localhost:3000/ npm run build");
      expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
      expect(fs.readdirSync(out)).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("refuses an OFFICE_JS value it does not know", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", ADDIN_BASE_URL: BASE, OFFICE_JS: "local" };
    delete env.WEBPACK_SERVE;
    const r = spawnSync(process.execPath, [CLI, "--mode", "production", "--output-path", os.tmpdir() + "/bpo-never"], {
      cwd: ROOT,
      encoding: "utf8",
      env,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('OFFICE_JS must be "cdn"');
    expect(fs.existsSync(os.tmpdir() + "/bpo-never")).toBe(false);
  });
});
