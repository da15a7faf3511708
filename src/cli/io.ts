/** What a sub-command may touch of the outside world, so tests can run the CLI in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** Today's date as an ISO string; a seam for tests. */
  today(): string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text as it may reach a terminal: control characters (C0 but tab and newline, DEL, C1) shown as \uXXXX,
 * so a cell value holding an escape sequence is printed, never obeyed. In a JSON document this only ever
 * touches DEL and C1 inside strings (JSON.stringify already escapes the rest), as valid JSON escapes of the
 * same characters.
 */
export function terminalSafe(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

/**
 * One JSON document as the commands print it: a number that JSON cannot hold (Infinity, NaN) is named by
 * where it is instead of turning silently into null.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, function (key, v) {
    if (typeof v === "number" && !Number.isFinite(v)) {
      const where = Array.isArray(this) ? `item ${Number(key) + 1}` : `"${key}"`;
      throw new UsageError(
        `the result holds the number ${v} at ${where}, which JSON cannot carry; check the input values`,
      );
    }
    return v;
  });
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
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
