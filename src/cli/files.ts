/**
 * The file steps the sub-commands share: reading a file an option names (rules, schema), where --out writes, and how
 * a written file is named in the summary.
 */
import { promises as fs, type Stats } from "node:fs";
import * as path from "node:path";
import { UsageError, type CliIo } from "./io";
import type { FileWorkbook } from "../workbook/file";
import { fsProblem, parseSource, saveWorkbookFile } from "../workbook/file-io";

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
      code === "ENOENT" ? `${what} not found: ${arg}. Check the path.` : fsProblem(e, "read", arg).message,
    );
  }
}

/** Where a command writes: --out (relative to `cwd`), else `dflt`; null when --json is given without --out. */
export function outPath(outArg: string | undefined, json: boolean, cwd: string, dflt: string): string | null {
  return outArg !== undefined || !json ? path.resolve(cwd, outArg ?? dflt) : null;
}

async function statOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

/** The real path of a file that may not exist yet: its folder's real path (symlinks, "..") and its name. */
async function realTarget(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    const dir = path.dirname(p);
    if (dir === p) return p;
    return path.join(await realTarget(dir), path.basename(p));
  }
}

/**
 * Refuse an --out that is one of the inputs (SOURCEs, BOOK, rules or schema files): compared by file
 * identity (device and inode, so a hard link or a symlink to an input is caught) and by real path (a
 * symlinked folder, "..", for an --out that does not exist yet), never by spelling.
 */
export async function checkOutIsNoInput(
  out: string,
  outArg: string,
  inputs: readonly string[],
  cwd: string,
): Promise<void> {
  const outStat = await statOrNull(out);
  const outReal = await realTarget(out);
  for (const input of inputs) {
    const file = path.resolve(cwd, parseSource(input).file);
    const st = await statOrNull(file);
    const same =
      (st !== null && outStat !== null && st.dev === outStat.dev && st.ino === outStat.ino) ||
      (await realTarget(file)) === outReal;
    if (same)
      throw new UsageError(
        `--out ${outArg} is the input ${input}${path.resolve(cwd, outArg) !== file ? " (through a link or another spelling of its path)" : ""}; inputs are never overwritten, choose another file name`,
      );
  }
}

/** A written file as the summary names it: relative to the working directory (or absolute when it is that directory). */
export function shownPath(cwd: string, file: string): string {
  return path.relative(cwd, file) || file;
}

/** Save a copy of an opened workbook to `out` (the package edited: every part of the source is kept). */
export async function saveCopy(_io: CliIo, wb: FileWorkbook, _source: string, out: string): Promise<void> {
  await saveWorkbookFile(wb, out);
}
