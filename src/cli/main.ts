import { processIo, terminalSafe, type CliIo } from "./io";
import { fsProblem } from "../workbook/fs-problem";
import { startEarlySide } from "./side-apart";

const USAGE = `usage:
  bpo-desk demo [--out out/demo.xlsx]
  bpo-desk fn NAME [ARG ...]
  bpo-desk reconcile LEFT RIGHT [--rules rules.json] [--out FILE.xlsx] [--json]
  bpo-desk validate SOURCE --schema NAME|schema.json [--out FILE.xlsx] [--json]
  bpo-desk report KIND BOOK.xlsx [--as-of YYYY-MM-DD] [--out FILE.xlsx] [--json]
A SOURCE is book.xlsx (first sheet), book.xlsx#SheetOrTableName, or file.csv.`;

type Command = (args: string[], io: CliIo) => Promise<number>;

// Each sub-command lives in its own module, loaded only when used (fast start for `fn`).
// require, not import(): the bin runs through tsx's CommonJS hook, where import() would bypass it.
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, () => Command> = {
  demo: () => require("./demo").run,
  fn: () => require("./fn").run,
  reconcile: () => require("./reconcile").run,
  validate: () => require("./validate").run,
  report: () => require("./report").run,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Whether `e` is of the class named `name` or a subclass: by the classes' names, not instanceof, because
 * each sub-command may be a bundle of its own (bin/build.js) with its own copy of the error classes.
 */
function isA(e: unknown, name: string): boolean {
  for (let p = e === null || typeof e !== "object" ? null : Object.getPrototypeOf(e); p; p = Object.getPrototypeOf(p))
    if (p.constructor?.name === name) return true;
  return false;
}

/** Runs the command line; resolves to the exit code (0 ok, 1 function error, 2 usage/input). */
export async function main(argv: string[], raw: CliIo = processIo): Promise<number> {
  // Whatever a command prints passes here: cell values never reach the terminal as control sequences.
  // outSafe passes as it is: its callers vouch that what they print is terminal-safe already.
  const io: CliIo = { ...raw, out: (t) => raw.out(terminalSafe(t)), err: (t) => raw.err(terminalSafe(t)) };
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`bpo-desk: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(", ")}. Run bpo-desk --help.`);
    return 2;
  }
  // Two large files: the right one's reader starts now, while the command's code loads (side-apart.ts).
  if (name === "reconcile") startEarlySide(rest, raw.cwd);
  try {
    return await (
      await load()
    )(rest, io);
  } catch (e) {
    if (isA(e, "FunctionError")) {
      const f = e as { code: string; message: string };
      io.out(JSON.stringify({ error: f.code, message: f.message }));
      io.err(`bpo-desk ${name}: ${f.code} ${f.message}`);
      return 1;
    }
    if (isA(e, "UsageError") || isA(e, "WorkbookError")) {
      io.err(`bpo-desk ${name}: ${(e as Error).message}`);
      return 2;
    }
    // A filesystem failure no step expected still becomes one line that says what to fix.
    const errno = e as NodeJS.ErrnoException;
    if (typeof errno?.code === "string" && /^E[A-Z0-9]+$/.test(errno.code)) {
      io.err(`bpo-desk ${name}: ${fsProblem(e, "use", errno.path ?? "a file").message}`);
      return 2;
    }
    throw e;
  }
}
