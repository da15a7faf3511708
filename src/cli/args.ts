import { parseArgs } from "node:util";
import { UsageError } from "./io";

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * Parse a sub-command's arguments. `strings` are options taking a value (--out FILE),
 * `booleans` are flags (--json). Unknown options are a UsageError naming the allowed ones.
 */
export function parseCommandArgs(
  command: string,
  args: string[],
  strings: string[],
  booleans: string[] = ["json"],
): ParsedArgs {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const s of strings) options[s] = { type: "string" };
  for (const b of booleans) options[b] = { type: "boolean" };
  try {
    const { positionals, values } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { positionals, values: values as ParsedArgs["values"] };
  } catch (e) {
    const allowed = [...strings.map((s) => `--${s} VALUE`), ...booleans.map((b) => `--${b}`)].join(", ");
    throw new UsageError(`${command}: ${(e as Error).message.split("\n")[0]}. Options: ${allowed || "none"}`);
  }
}
