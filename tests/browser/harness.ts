/**
 * Browser test harness: builds the add-in page once (webpack, development, workbench), serves it on
 * 127.0.0.1 and opens it in headless Chromium (playwright-core driving the system browser).
 *
 *   import { describeBrowser, openWorkbench } from "./harness";
 *   describeBrowser("reports view", () => {
 *     it("writes the aging report", async () => {
 *       const { page, close } = await openWorkbench();
 *       try { ... } finally { await close(); }
 *     });
 *   });
 *
 * The build is cached in .tmp/browser-dist/<stamp> and redone only when a source file changed;
 * a lock directory makes parallel jest workers build once. Every request that is not to 127.0.0.1 is
 * aborted, so nothing reaches the internet (the Office.js CDN included).
 * When no browser is installed the suite is skipped with a loud warning, except under CI=true,
 * where it fails.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import type { Browser, BrowserContext, ConsoleMessage, Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "..", "..");
/** Builds live in .tmp/browser-dist/<inputs stamp>/: a rebuild never touches a folder another test is serving. */
const DIST_ROOT = path.join(ROOT, ".tmp", "browser-dist");
const LOCK = path.join(ROOT, ".tmp", "browser-dist.lock");
/** Inputs of the bundle: a change to any of these triggers a rebuild. */
const INPUTS = ["src", "assets", "manifest.xml", "webpack.config.js", "package.json", "tsconfig.json"];
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/** The Chromium executable to use, or null when none is installed. */
export function chromiumPath(): string | null {
  for (const c of CANDIDATES) if (c && fs.existsSync(c)) return c;
  return null;
}

export function browserAvailable(): boolean {
  return chromiumPath() !== null;
}

/**
 * describe() when a browser exists; otherwise a loud skip, or a failing test under CI=true
 * (a CI machine without a browser must not report green browser tests).
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (browserAvailable()) {
    describe(name, fn);
    return;
  }
  const why = `no Chromium found (looked for ${CANDIDATES.filter(Boolean).join(", ")}; set CHROMIUM_PATH)`;
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs a browser", () => {
        throw new Error(`Browser tests cannot run: ${why}`);
      });
    });
    return;
  }
  console.warn(`\n*** SKIPPING browser tests "${name}": ${why} ***\n`);
  describe.skip(name, fn);
}

// ---------------------------------------------------------------- build, cached and locked

function newestMtime(p: string): number {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(full, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    max = Math.max(max, newestMtime(path.join(p, e.name)));
  }
  return max;
}

function inputsStamp(): string {
  return String(Math.max(...INPUTS.map(newestMtime)));
}

function distFor(stamp: string): string {
  return path.join(DIST_ROOT, stamp);
}

function isFresh(stamp: string): boolean {
  return fs.existsSync(path.join(distFor(stamp), ".complete"));
}

/** Removes builds of older inputs that nobody has used for an hour. */
function pruneOldBuilds(keep: string): void {
  if (!fs.existsSync(DIST_ROOT)) return;
  for (const name of fs.readdirSync(DIST_ROOT)) {
    const dir = path.join(DIST_ROOT, name);
    if (name === keep) continue;
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > 60 * 60 * 1000) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      /* raced with another pruner */
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function acquireLock(): Promise<void> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return;
    } catch {
      // Someone else is building. A lock older than 10 minutes is from a crashed run.
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > 10 * 60 * 1000) fs.rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* the lock went away meanwhile */
      }
      await sleep(500);
    }
  }
}

let built: Promise<string> | null = null;

/** Builds the workbench bundle into .tmp/browser-dist unless it is up to date; returns the folder. */
export function buildBundle(): Promise<string> {
  built ??= (async () => {
    const stamp = inputsStamp();
    const dist = distFor(stamp);
    if (isFresh(stamp)) return dist;
    await acquireLock();
    try {
      if (isFresh(stamp)) return dist; // another worker built it while we waited
      pruneOldBuilds(stamp);
      const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
      const res = spawnSync(
        process.execPath,
        [cli, "--mode", "development", "--env", "workbench", "--output-path", dist, "--stats", "errors-warnings"],
        { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_ENV: "development" }, maxBuffer: 64 * 1024 * 1024 },
      );
      if (res.status !== 0) {
        throw new Error(
          `webpack build failed (exit ${res.status}):\n${(res.stdout || "").slice(-6000)}\n${(res.stderr || "").slice(-4000)}`,
        );
      }
      fs.writeFileSync(path.join(dist, ".complete"), new Date().toISOString());
      return dist;
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
  })();
  return built;
}

// ---------------------------------------------------------------- static server

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

let server: Promise<{ url: string; close: () => Promise<void> }> | null = null;

/** Serves the built bundle on a free 127.0.0.1 port (one server per test file). */
export function serveBundle(): Promise<{ url: string; close: () => Promise<void> }> {
  server ??= (async () => {
    const dir = await buildBundle();
    const srv = http.createServer((req, res) => {
      const urlPath = decodeURIComponent((req.url || "/").split("?")[0]);
      const file = path.normalize(path.join(dir, urlPath === "/" ? "taskpane.html" : urlPath));
      if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
        return;
      }
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "cache-control": "no-store",
      });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
    const { port } = srv.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/`,
      close: () => new Promise<void>((resolve) => srv.close(() => resolve())),
    };
  })();
  return server;
}

// ---------------------------------------------------------------- browser

let browser: Promise<Browser> | null = null;

async function launch(): Promise<Browser> {
  const exe = chromiumPath();
  if (!exe) throw new Error("No Chromium found: install chromium or set CHROMIUM_PATH.");
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
}

export interface WorkbenchPage {
  page: Page;
  context: BrowserContext;
  /** Base URL of the served bundle, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Console errors and uncaught page errors seen so far (network aborts to non-local hosts excluded). */
  errors: string[];
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** Viewport; the default is a wide page that shows the taskpane column beside the sheet preview. */
  width?: number;
  height?: number;
  /** Wait until the shell says it is ready: body[data-desk-ready] (default true). */
  waitReady?: boolean;
  /** Query string for taskpane.html, e.g. "?_host_Info=Excel$Win32$16.01$en-US" to look hosted by Office. */
  query?: string;
  /**
   * Responses for otherwise-blocked URLs (exact match), e.g. a fake Office.js for
   * https://appsforoffice.microsoft.com/lib/1/hosted/office.js. Served as JavaScript.
   */
  fulfill?: Record<string, string>;
  /**
   * Runs on the fresh context before the page is opened: add init scripts (a faked document.visibilityState,
   * a stand-in for Office.js's globals) or install a fake clock (context.clock.install()).
   */
  beforeOpen?: (context: BrowserContext) => Promise<unknown>;
}

/**
 * Opens the workbench (taskpane.html in a plain browser: the in-browser demo workbook) in a fresh
 * browser context. In the page, `window.__bpoWorkbench.wb` is the FileWorkbook, for assertions.
 */
export async function openWorkbench(options: OpenOptions = {}): Promise<WorkbenchPage> {
  const { url } = await serveBundle();
  browser ??= launch();
  const b = await browser;
  const context = await b.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    acceptDownloads: true,
    locale: "en-US",
    timezoneId: "UTC",
  });
  await context.route("**/*", (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === "data:" || u.protocol === "blob:" || u.hostname === "127.0.0.1") return route.continue();
    const body = options.fulfill?.[route.request().url()];
    if (body !== undefined) return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body });
    return route.abort("blockedbyclient");
  });
  await options.beforeOpen?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (msg: ConsoleMessage) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    if (/ERR_BLOCKED_BY_CLIENT|net::ERR_FAILED/.test(text) && !/127\.0\.0\.1/.test(msg.location()?.url || "")) return;
    errors.push(text);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(url + "taskpane.html" + (options.query ?? ""), { waitUntil: "domcontentloaded" });
  if (options.waitReady !== false) {
    await page.waitForSelector("body[data-desk-ready]", { timeout: 60000 });
  }
  return {
    page,
    context,
    url,
    errors,
    close: async () => {
      await context.close();
    },
  };
}

/** A temporary folder for downloads and screenshots of one test. */
export function tempDir(prefix = "bpo-browser-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

afterAll(async () => {
  if (browser) {
    const b = await browser.catch(() => null);
    browser = null;
    await b?.close();
  }
  if (server) {
    const s = await server.catch(() => null);
    server = null;
    await s?.close();
  }
});

/**
 * axe-core's violations inside `selector` (e.g. '[data-view="entry"]'), as "rule: targets" lines; [] when clean.
 * The check runs on the page as it is, so put it in the state worth checking first (messages showing, results listed).
 */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ content: fs.readFileSync(require.resolve("axe-core"), "utf8") });
  return page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run({ include: [[sel]] }, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, selector);
}
