/**
 * The right side of a large `bpo-desk reconcile` read on a worker thread (side-worker.ts) while the main
 * thread reads the left: when both files are large, the right one is a CSV file (its columns come back
 * whole), and the command runs compiled (build/cli/side-worker.js beside the bundle; under tsx or a test
 * runner everything stays in process).
 *
 * The dispatcher (main.ts) starts the worker before the reconcile command's code is even loaded, so the
 * worker's own start and the file's reading overlap that loading; reconcile.ts then takes it over with
 * the rules it has resolved (`sideApart`), or stops it (`dropEarlySide`) when it reads in process after
 * all. main.js and reconcile.js are bundles apart, each with its own copy of this module: the worker
 * started early passes between them on a global.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Worker } from "node:worker_threads";
import { TEXT_FILE } from "../workbook/extensions";
import type { SideJob, SideReply, SideStart } from "./side-worker";

/** Both files at least this large: the right side is read apart. */
export const APART_BYTES = 2 << 20;

const EARLY = Symbol.for("bpo-desk.side-worker");

interface Started {
  source: string;
  cwd: string;
  worker: Worker;
  reply: Promise<SideReply>;
}

type Holder = { [EARLY]?: Started };

function sizeOf(cwd: string, source: string): number {
  try {
    return fs.statSync(path.resolve(cwd, source)).size;
  } catch {
    return 0;
  }
}

/** The worker's script when `right` is read apart from `left`, else null. */
function apartScript(left: string, right: string, cwd: string): string | null {
  if (!TEXT_FILE.test(right) || right.includes("#")) return null;
  const script = path.join(__dirname, "side-worker.js");
  if (!__filename.endsWith(".js") || !fs.existsSync(script)) return null;
  if (sizeOf(cwd, right) < APART_BYTES || sizeOf(cwd, left.replace(/#.*$/, "")) < APART_BYTES) return null;
  return script;
}

function start(script: string, source: string, cwd: string): Started {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
  const workerData: SideStart = { source, cwd };
  const worker = new Worker(script, { workerData });
  // The worker never keeps the command alive: a command that stops early exits without waiting for it.
  worker.unref();
  const reply = new Promise<SideReply>((resolve) => {
    let done = false;
    const settle = (r: SideReply) => {
      if (!done) resolve(r);
      done = true;
    };
    worker.on("message", (r: SideReply) => settle(r));
    worker.on("error", (e) => settle({ ok: false, error: { stage: "prepare", name: "Error", message: e.message } }));
    worker.on("exit", () =>
      settle({ ok: false, error: { stage: "prepare", name: "Error", message: "the reader stopped" } }),
    );
  });
  return { source, cwd, worker, reply };
}

/**
 * For the dispatcher: the arguments of `reconcile` (after the command's name) read just far enough to find
 * its two files, and the right one's worker started when it will be read apart.
 */
export function startEarlySide(args: readonly string[], cwd: string): void {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a === "--rules" || a === "--out") i++;
    else if (!a.startsWith("--")) files.push(a);
  }
  if (files.length !== 2) return;
  const script = apartScript(files[0], files[1], cwd);
  if (script) (globalThis as Holder)[EARLY] = start(script, files[1], cwd);
}

/** Stops a worker started early that the command will not use. */
export function dropEarlySide(): void {
  const early = (globalThis as Holder)[EARLY];
  if (!early) return;
  delete (globalThis as Holder)[EARLY];
  void early.worker.terminate();
}

/**
 * The right side prepared apart (the worker started early for these files, or one started now), given the
 * side's resolved rules; null when it is not read apart (then both sides are read in process).
 */
export function sideApart(job: SideJob & SideStart, leftSource: string): Promise<SideReply> | null {
  const holder = globalThis as Holder;
  let started = holder[EARLY] ?? null;
  delete holder[EARLY];
  if (started && (started.source !== job.source || started.cwd !== job.cwd)) {
    void started.worker.terminate();
    started = null;
  }
  if (!started) {
    const script = apartScript(leftSource, job.source, job.cwd);
    if (!script) return null;
    started = start(script, job.source, job.cwd);
  }
  const { side, columns, options } = job;
  const message: SideJob = { side, columns, options };
  started.worker.postMessage(message);
  return started.reply;
}
