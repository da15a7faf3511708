/**
 * LibreOffice for tests: whether soffice is there, and recalculating a workbook to CSV with
 * the shared tool (../shared/tools/xlsx-recalc-csv from the repository root).
 * Without soffice a test must not pass silently: on CI (CI=true) sofficeAvailable() throws,
 * elsewhere it warns loudly and the caller skips.
 */
import { execFileSync, spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { parseCsvRecords } from "../../src/workbook/csv";

export const repoRoot = path.resolve(__dirname, "../..");
export const recalcTool = path.resolve(repoRoot, "../shared/tools/xlsx-recalc-csv");

let cached: boolean | undefined;

export function sofficeAvailable(): boolean {
  if (cached !== undefined) return cached;
  const found = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" }).status === 0;
  if (!found) {
    const msg = "soffice (LibreOffice) not found: apt-get install -y --no-install-recommends libreoffice-calc";
    if (process.env.CI === "true") throw new Error(`${msg}. It is required on CI.`);
    console.warn(`\n\n!!!!! ${msg}\n!!!!! LibreOffice tests are SKIPPED on this machine.\n`);
  }
  cached = found;
  return found;
}

/** A fresh LibreOffice profile directory (URL and path), so parallel runs never share one. */
export function freshProfile(): { url: string; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bpo-lo-profile-"));
  return { url: `file://${dir}`, dir };
}

/** Re-save a workbook through LibreOffice (--convert-to xlsx) into outDir; returns the new file's path. */
export function libreOfficeResave(xlsxPath: string, outDir: string): string {
  const profile = freshProfile();
  try {
    execFileSync(
      "soffice",
      [`-env:UserInstallation=${profile.url}`, "--headless", "--convert-to", "xlsx", "--outdir", outDir, xlsxPath],
      { stdio: "pipe", timeout: 120_000 },
    );
  } finally {
    rmSync(profile.dir, { recursive: true, force: true });
  }
  return path.join(outDir, path.basename(xlsxPath));
}

/** Recalculate every formula with LibreOffice and return each sheet's cells as text, by sheet name. */
export function recalcToCsv(xlsxPath: string): Record<string, string[][]> {
  const out = mkdtempSync(path.join(os.tmpdir(), "bpo-recalc-"));
  try {
    execFileSync(recalcTool, [xlsxPath, out], { stdio: "pipe", timeout: 120_000 });
    const book = path.basename(xlsxPath).replace(/\.xlsx$/i, "");
    const result: Record<string, string[][]> = {};
    for (const f of readdirSync(out)) {
      if (!f.endsWith(".csv")) continue;
      const sheet = f.startsWith(`${book}-`) ? f.slice(book.length + 1, -4) : f.slice(0, -4);
      result[sheet] = parseCsvRecords(readFileSync(path.join(out, f), "utf8"));
    }
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * recalcToCsv for many books in one LibreOffice run (the same recalculation settings as
 * ../shared/tools/xlsx-recalc-csv: formulas recalculated on load, every sheet to its own UTF-8 CSV).
 * Files must have distinct base names. Returns each book's sheets, by the book's path.
 */
export function recalcManyToCsv(files: readonly string[]): Map<string, Record<string, string[][]>> {
  const out = mkdtempSync(path.join(os.tmpdir(), "bpo-recalc-many-"));
  const profile = mkdtempSync(path.join(os.tmpdir(), "bpo-lo-recalc-"));
  try {
    mkdirSync(path.join(profile, "user"), { recursive: true });
    writeFileSync(
      path.join(profile, "user", "registrymodifications.xcu"),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        out,
        ...files,
      ],
      { stdio: "pipe", timeout: 600_000 },
    );
    const result = new Map<string, Record<string, string[][]>>();
    const produced = readdirSync(out);
    for (const file of files) {
      const book = path.basename(file).replace(/\.xlsx$/i, "");
      const sheets: Record<string, string[][]> = {};
      for (const f of produced)
        if (f.startsWith(`${book}-`) && f.endsWith(".csv"))
          sheets[f.slice(book.length + 1, -4)] = parseCsvRecords(readFileSync(path.join(out, f), "utf8"));
      result.set(file, sheets);
    }
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}
