import type { CliIo } from "./io";
import { UsageError } from "./io";

/** `bpo-desk reconcile`: see ../shared/spec/cli.md. */
export async function run(_args: string[], _io: CliIo): Promise<number> {
  throw new UsageError("reconcile: not yet available in this version of bpo-desk");
}
