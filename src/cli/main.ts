import { processIo, UsageError, FunctionError, type CliIo } from "./io";
import { WorkbookError } from "../workbook/port";

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

/** Runs the command line; resolves to the exit code (0 ok, 1 function error, 2 usage/input). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
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
  try {
    return await (
      await load()
    )(rest, io);
  } catch (e) {
    if (e instanceof FunctionError) {
      io.out(JSON.stringify({ error: e.code, message: e.message }));
      io.err(`bpo-desk ${name}: ${e.code} ${e.message}`);
      return 1;
    }
    if (e instanceof UsageError || e instanceof WorkbookError) {
      io.err(`bpo-desk ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
