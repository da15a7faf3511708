/** What a sub-command may touch of the outside world, so tests can run the CLI in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** Today's date as an ISO string; a seam for tests. */
  today(): string;
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
