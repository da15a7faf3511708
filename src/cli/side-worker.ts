/**
 * One side of `bpo-desk reconcile`, read and prepared on a thread of its own (a worker) while the main
 * thread reads and prepares the other: the two are independent until both are ready (core/recon/result.ts
 * prepareSides = prepareSide of each, then settleSides), so a machine with two cores reads two large
 * files in the time of one. The same functions run as in process; what comes back is the prepared side
 * without its table, and the CSV file's columns (core/recon/cells.ts), from which the main thread makes
 * the same table again. See reconcile.ts `prepareApart`.
 */
import { parentPort, workerData } from "node:worker_threads";
// From their own modules, not "../core/recon": the worker starts sooner without the rules' schema (zod).
import { prepareSide, type PreparedSide } from "../core/recon/columns";
import type { SideColumns } from "../core/recon/rules";
import { lazyPayload } from "../core/recon/cells";
import type { TableData } from "../core/table";
import type { CsvColumns } from "../workbook/csv";
import { readSource } from "../workbook/file-io";

/** What the worker starts with (workerData): the file it reads at once. */
export interface SideStart {
  source: string;
  cwd: string;
}

/** What it is sent once the rules are resolved: the side and its columns and options (resolveRules, sideOptions). */
export interface SideJob {
  side: "left" | "right";
  columns: SideColumns;
  options: Parameters<typeof prepareSide>[3];
}

/** An error as it crosses threads: its class by name, message, and a file error's code and path. */
export interface SideError {
  stage: "read" | "prepare";
  name: string;
  message: string;
  code?: string;
  path?: string;
}

export type SideReply =
  | {
      ok: true;
      /** The table's CSV columns when it was read lazily (the table is made again from them), else the table. */
      columns: CsvColumns | null;
      table: TableData | null;
      name: string;
      side: Omit<PreparedSide, "table" | "ref" | "keyStr">;
      /** ref and keyStr joined by spaces (references and keys are letters and digits), and their counts. */
      ref: string;
      keys: string;
      keyCount: number;
    }
  | { ok: false; error: SideError };

function failure(stage: SideError["stage"], e: unknown): SideReply {
  const err = e as { name?: string; message?: string; code?: unknown; path?: unknown };
  return {
    ok: false,
    error: {
      stage,
      name: String(err?.name ?? "Error"),
      message: String(err?.message ?? e),
      ...(typeof err?.code === "string" ? { code: err.code } : {}),
      ...(typeof err?.path === "string" ? { path: err.path } : {}),
    },
  };
}

/**
 * The side read (at once) and prepared (once `job` arrives). A file that cannot be read is reported when
 * the job arrives, so the main thread always gets exactly one reply to the job it sent.
 */
export async function prepareJob(
  start: SideStart,
  job: Promise<SideJob>,
): Promise<{ reply: SideReply; transfer: ArrayBuffer[] }> {
  let table: TableData;
  try {
    table = await readSource(start.source, start.cwd);
  } catch (e) {
    await job;
    return { reply: failure("read", e), transfer: [] };
  }
  const { side: which, columns: sideColumns, options } = await job;
  let prepared: PreparedSide;
  try {
    prepared = prepareSide(table, which, sideColumns, options);
  } catch (e) {
    return { reply: failure("prepare", e), transfer: [] };
  }
  const { table: _table, ref, keyStr, ...side } = prepared;
  void _table;
  const columns = (lazyPayload(table) as CsvColumns | undefined) ?? null;
  const buffers = [side.rowIndex, side.row, side.cents, side.day, side.keyStart, side.keyHash, side.layout.rowKind];
  if (side.balance) buffers.push(side.balance);
  if (columns) buffers.push(columns.start, columns.end, columns.kind, columns.value);
  return {
    reply: {
      ok: true,
      columns,
      table: columns ? null : { ...table },
      name: table.name,
      side,
      ref: ref.join(" "),
      keys: keyStr.join(" "),
      keyCount: keyStr.length,
    },
    transfer: buffers.map((b) => b.buffer as ArrayBuffer),
  };
}

if (parentPort) {
  const port = parentPort;
  const job = new Promise<SideJob>((resolve) => port.once("message", resolve));
  void prepareJob(workerData as SideStart, job).then(
    ({ reply, transfer }) => port.postMessage(reply, transfer),
    (e) => port.postMessage(failure("prepare", e)),
  );
}
