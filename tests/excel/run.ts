/**
 * npm run test:excel: the contract cases and the functions smoke set inside real Excel.
 *
 * 1. builds the test add-in (tests/excel/webpack.config.js: the custom functions, and tests/excel/page.ts as
 *    the shared runtime's page) into .tmp/excel-test/, with manifest.xml under a test Id;
 * 2. starts office-addin-test-server on https://localhost:4201 to receive the results;
 * 3. sideloads the test add-in into Excel with office-addin-debugging (which also starts the dev server on
 *    https://localhost:3000); the page runs every case with the real OfficeWorkbook and posts the results
 *    (office-addin-test-helpers);
 * 4. prints them, unregisters the add-in, and exits 1 when any failed.
 *
 *   npm run test:excel                      Excel on Windows or Mac (desktop)
 *   npm run test:excel -- web <document>    Excel on the web, in the document at that URL
 *   EXCEL_TEST_TIMEOUT=900 npm run test:excel    seconds to wait for the page (default 600)
 *
 * Needs Excel, office-addin-debugging (an optional dependency: npm install office-addin-debugging) and the
 * dev certificates (npx office-addin-dev-certs install). It cannot run in CI; ./suite.test.ts runs the same
 * suite against the strict fake there.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { TestServer } from "office-addin-test-server";
import { readResults, summarise } from "./suite";

const ROOT = path.resolve(__dirname, "../..");
const PORT = 4201;
const MANIFEST = path.join(ROOT, ".tmp/excel-test/manifest.xml");

interface Debugging {
  startDebugging(manifest: string, options: Record<string, unknown>): Promise<void>;
  stopDebugging(manifest: string): Promise<void>;
  AppType: { Desktop: unknown; Web: unknown };
}

function debugging(): Debugging {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional dependency, loaded only if installed (an import would fail to compile without it)
    return require("office-addin-debugging") as Debugging;
  } catch {
    console.error(
      "test:excel needs office-addin-debugging to sideload the add-in: npm install office-addin-debugging (it is an optional dependency).",
    );
    process.exit(2);
  }
}

/** Wait for the page's results, or give up after `seconds`. */
function within<T>(p: Promise<T>, seconds: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no results from Excel within ${seconds} s`)), seconds * 1000),
    ),
  ]);
}

async function main(): Promise<void> {
  const [platform = "desktop", document] = process.argv.slice(2);
  const dbg = debugging();
  execFileSync(
    process.execPath,
    [require.resolve("webpack-cli/bin/cli.js"), "--config", "tests/excel/webpack.config.js"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  const server = new TestServer(PORT);
  if (!(await server.startTestServer(true))) throw new Error(`could not start the test server on port ${PORT}`);
  let failed = 1;
  try {
    await dbg.startDebugging(MANIFEST, {
      app: "excel",
      appType: platform === "web" ? dbg.AppType.Web : dbg.AppType.Desktop,
      document,
      devServerCommandLine: "npx webpack serve --config tests/excel/webpack.config.js",
      devServerPort: 3000,
      enableDebugging: false,
    });
    const results = readResults(await within(server.getTestResults(), Number(process.env.EXCEL_TEST_TIMEOUT ?? 600)));
    const summary = summarise(results);
    console.log(summary.text);
    failed = summary.failed;
  } finally {
    await dbg.stopDebugging(MANIFEST).catch(() => undefined);
    await server.stopTestServer();
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename)
  main().catch((e) => {
    console.error(`test:excel: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
