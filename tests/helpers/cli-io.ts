import type { CliIo } from "../../src/cli/io";

/** A CliIo that keeps what a command prints (stdout, stderr) and runs in `cwd` on a fixed day (2025-10-31). */
export function captureIo(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    cwd,
    today: () => "2025-10-31",
  };
}
