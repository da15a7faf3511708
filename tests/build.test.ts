/**
 * `npm run build` as a deployment would run it: production mode, no dev certificates, with
 * ADDIN_BASE_URL set. The built manifest must point only at the hosting URL, and every file it names
 * must be in the output. The file adapter (workbench only) and SheetJS must stay out of the start-up bundles.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { XMLValidator } from "fast-xml-parser";

const ROOT = path.resolve(__dirname, "..");
const BASE = "https://desk.example.com/addins/bpo/";

describe("production build", () => {
  let out: string;
  let result: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "bpo-dist-"));
    const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
    const env: NodeJS.ProcessEnv = { ...process.env, ADDIN_BASE_URL: BASE, NODE_ENV: "production" };
    delete env.WEBPACK_SERVE;
    result = spawnSync(
      process.execPath,
      [cli, "--mode", "production", "--output-path", out, "--stats", "errors-warnings"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("builds without errors and without certificates", () => {
    expect({ status: result.status, output: result.status === 0 ? "" : `${result.stdout}\n${result.stderr}` }).toEqual({
      status: 0,
      output: "",
    });
  });

  it("rewrites every manifest URL to ADDIN_BASE_URL, and every URL names a built file", () => {
    const manifest = fs.readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(XMLValidator.validate(manifest)).toBe(true);
    expect(manifest).not.toMatch(/localhost/);
    // Every URL-valued attribute (comments aside): DefaultValue="https://...".
    const urls = [...manifest.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) {
      expect(u.startsWith(BASE)).toBe(true);
      const rel = u.slice(BASE.length);
      expect({ url: u, exists: fs.existsSync(path.join(out, rel)) }).toEqual({ url: u, exists: true });
    }
  });

  it("keeps the file adapter and SheetJS out of the page's start-up scripts", () => {
    const html = fs.readFileSync(path.join(out, "taskpane.html"), "utf8");
    // The bundles the page loads itself (Office.js comes from Microsoft's CDN, inside Office only).
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^":]+)"/g)].map((m) => m[1]);
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
});
