#!/usr/bin/env node
// The `bpo-desk` command. Runs the compiled bundle (build/cli/main.js, made at install by bin/build.js)
// when it is newer than every source file; otherwise, as after an edit or without a build, the TypeScript
// through tsx. The exit code is set, never forced with process.exit(), so stdout is written out whole
// (through a pipe too) before the process ends.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const bundle = path.join(root, "build", "cli", "main.js");

/** Newest modification time under a folder (the sources a bundle is built from). */
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith(".ts")) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

function fresh() {
  try {
    const built = fs.statSync(bundle).mtimeMs;
    return built >= newest(path.join(root, "src")) && built >= fs.statSync(path.join(root, "package.json")).mtimeMs;
  } catch {
    return false;
  }
}

// A reader that stops early (`| head`) closes its end of the pipe: what is still to print has no reader,
// so it is dropped quietly, as Unix tools do, and the command ends with its own exit code. Any other
// failure to write is one line on stderr, not a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e && e.code === "EPIPE") return;
    if (stream !== process.stderr)
      process.stderr.write(
        "bpo-desk: the output could not be written (" +
          (e && e.message ? e.message.replace(/^E[A-Z]+:?\s*/, "") : String(e)) +
          ")\n",
      );
    process.exitCode = 2;
  });
}

let main;
if (fresh()) main = require(bundle).main;
else {
  require("tsx/cjs");
  main = require("../src/cli/main.ts").main;
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`bpo-desk: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
