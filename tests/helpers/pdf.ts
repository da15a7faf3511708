/**
 * A workbook as LibreOffice prints it: converted to PDF (soffice --convert-to pdf, every sheet with its own
 * print setup), then each page's size and text (poppler's pdfinfo and pdftotext -layout). Without poppler a
 * test must not pass silently: on CI (CI=true) pdfToolsAvailable() throws, elsewhere it warns and the caller skips.
 */
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { freshProfile, sofficeAvailable } from "./soffice";

export interface PrintedPage {
  /** Points. */
  width: number;
  height: number;
  /** The page's text laid out as printed, line by line. */
  lines: string[];
}

let cached: boolean | undefined;

export function pdfToolsAvailable(): boolean {
  if (cached !== undefined) return cached;
  const found =
    sofficeAvailable() && spawnSync("sh", ["-c", "command -v pdftotext && command -v pdfinfo"]).status === 0;
  if (!found && sofficeAvailable()) {
    const msg = "pdftotext/pdfinfo (poppler-utils) not found: apt-get install -y --no-install-recommends poppler-utils";
    if (process.env.CI === "true") throw new Error(`${msg}. It is required on CI.`);
    console.warn(`\n\n!!!!! ${msg}\n!!!!! The printed-page tests are SKIPPED on this machine.\n`);
  }
  cached = found;
  return found;
}

/** Every page of the book as LibreOffice prints it. */
export function printedPages(xlsxPath: string): PrintedPage[] {
  const out = mkdtempSync(path.join(os.tmpdir(), "bpo-pdf-"));
  const profile = freshProfile();
  try {
    execFileSync(
      "soffice",
      [`-env:UserInstallation=${profile.url}`, "--headless", "--convert-to", "pdf", "--outdir", out, xlsxPath],
      { stdio: "pipe", timeout: 240_000 },
    );
    const pdf = path.join(out, path.basename(xlsxPath).replace(/\.xlsx$/i, ".pdf"));
    const info = execFileSync("pdfinfo", ["-f", "1", "-l", "100000", pdf], { encoding: "utf8" });
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
    const pages = text.split("\f");
    return sizes.map(([width, height], i) => ({
      width,
      height,
      lines: (pages[i] ?? "").split("\n").filter((l) => l.trim() !== ""),
    }));
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(profile.dir, { recursive: true, force: true });
  }
}
