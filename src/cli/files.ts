/**
 * The file steps the sub-commands share: reading a file an option names (rules, schema), where --out writes, and how
 * a written file is named in the summary.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { UsageError, type CliIo } from "./io";
import type { FileWorkbook } from "../workbook/file";
import { saveWorkbookFile } from "../workbook/file-io";

/**
 * The text of a file named on the command line, relative to `cwd`. A missing file is a UsageError
 * "<what> not found: <arg>. Check the path."; any other read failure "cannot read <arg>: <reason>".
 */
export async function readArgFile(arg: string, cwd: string, what: string): Promise<string> {
  try {
    return await fs.readFile(path.resolve(cwd, arg), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === "ENOENT" ? `${what} not found: ${arg}. Check the path.` : `cannot read ${arg}: ${(e as Error).message}`,
    );
  }
}

/** Where a command writes: --out (relative to `cwd`), else `dflt`; null when --json is given without --out. */
export function outPath(outArg: string | undefined, json: boolean, cwd: string, dflt: string): string | null {
  return outArg !== undefined || !json ? path.resolve(cwd, outArg ?? dflt) : null;
}

/** A written file as the summary names it: relative to the working directory (or absolute when it is that directory). */
export function shownPath(cwd: string, file: string): string {
  return path.relative(cwd, file) || file;
}

/** Save a copy of an opened workbook to `out` (the package edited: every part of the source is kept). */
export async function saveCopy(_io: CliIo, wb: FileWorkbook, _source: string, out: string): Promise<void> {
  await saveWorkbookFile(wb, out);
}
