import { controlsEscaped } from "../core/recon/text";

/** What a sub-command may touch of the outside world, so tests can run the CLI in-process. */
export interface CliIo {
  out(text: string): void;
  /**
   * A document as UTF-8 that is terminal-safe already (every control character but tab and newline
   * written as an escape, as terminalSafe would leave it), printed as it is, its line ended as `out`
   * ends it: no scan of a large document and no second encoding. Absent (tests capture text): `out`.
   */
  outSafe?(bytes: Uint8Array): void;
  err(text: string): void;
  cwd: string;
  /** Today's date as an ISO string; a seam for tests. */
  today(): string;
}

/**
 * Text as it may reach a terminal: control characters (C0 but tab and newline, DEL, C1) shown as \uXXXX,
 * so a cell value holding an escape sequence is printed, never obeyed (see controlsEscaped).
 */
export const terminalSafe = controlsEscaped;

/**
 * One JSON document as the commands print it: a number that JSON cannot hold (Infinity, NaN) is named by
 * where it is instead of turning silently into null. The values are looked through once before printing
 * (JSON.stringify's replacer would cost a call per value).
 */
export function jsonText(value: unknown): string {
  const bad = nonFinite(value);
  if (bad)
    throw new UsageError(
      `the result holds the number ${bad.value} at ${bad.where}, which JSON cannot carry; check the input values`,
    );
  return JSON.stringify(value);
}

/** The first number JSON cannot hold, and where it is ("total" of "summary", item 3 of "rows"). */
function nonFinite(v: unknown, where = "the top"): { value: number; where: string } | null {
  if (typeof v === "number") return Number.isFinite(v) ? null : { value: v, where };
  if (v === null || typeof v !== "object") return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === "number" ? !Number.isFinite(x) : x !== null && typeof x === "object") {
        const hit = nonFinite(x, `item ${i + 1}${where === "the top" ? "" : ` of ${where}`}`);
        if (hit) return hit;
      }
    }
    return null;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === "number" ? !Number.isFinite(x) : x !== null && typeof x === "object") {
      const hit = nonFinite(x, `"${k}"`);
      if (hit) return hit;
    }
  }
  return null;
}

export const processIo: CliIo = {
  // Two writes rather than one concatenation: a 20 MB document is not copied just to end its line.
  out: (t) => {
    process.stdout.write(t);
    if (!t.endsWith("\n")) process.stdout.write("\n");
  },
  outSafe: (b) => {
    process.stdout.write(b);
    if (b[b.length - 1] !== 10) process.stdout.write("\n");
  },
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
  cwd: process.cwd(),
  today: () => new Date().toISOString().slice(0, 10),
};

/** Bad usage or unreadable input: exit code 2, one line on stderr saying what to fix. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** An Excel-style function error (#VALUE!, #NUM!, #N/A ...): exit code 1. */
export class FunctionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "FunctionError";
  }
}
