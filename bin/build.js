#!/usr/bin/env node
// Builds the command line into build/cli/main.js (one CommonJS bundle, esbuild), so `bpo-desk` starts as
// compiled JavaScript instead of transpiling TypeScript on every run. Run by `npm install` / `npm ci`
// (the package's "prepare" script) and by `npm run build:cli`. SheetJS stays outside the bundle: it is
// loaded from node_modules only when an .xls/.xlsb/.ods file is opened.
// Without esbuild (or if the build fails) the bin runs the TypeScript through tsx instead, so a failed
// build never breaks the install.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const outfile = path.join(root, "build", "cli", "main.js");

/** Build into `dir` (build/cli by default; a test builds into a folder of its own). */
async function build(dir = path.dirname(outfile)) {
  const main = path.join(dir, "main.js");
  let esbuild;
  try {
    esbuild = require("esbuild");
  } catch {
    process.stderr.write("bpo-desk: esbuild not found; the command will run through tsx (slower start).\n");
    return false;
  }
  // The dispatcher and each sub-command are bundles of their own, so `bpo-desk fn` loads only what fn needs;
  // side-worker.js reads one side of a large reconcile on a thread of its own (src/cli/side-worker.ts).
  const commands = ["demo", "fn", "reconcile", "validate", "report"];
  const separate = {
    name: "commands-apart",
    setup(b) {
      b.onResolve({ filter: new RegExp(`^\\./(${commands.join("|")})$`) }, (args) =>
        args.importer.endsWith(path.join("src", "cli", "main.ts"))
          ? { path: `${args.path}.js`, external: true }
          : undefined,
      );
    },
  };
  const common = {
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    external: ["@e965/xlsx"],
    legalComments: "none",
    logLevel: "warning",
  };
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    await Promise.all([
      esbuild.build({
        ...common,
        entryPoints: [path.join(root, "src", "cli", "main.ts")],
        outfile: main,
        plugins: [separate],
      }),
      ...[...commands, "side-worker"].map((c) =>
        esbuild.build({
          ...common,
          entryPoints: [path.join(root, "src", "cli", `${c}.ts`)],
          outfile: path.join(dir, `${c}.js`),
        }),
      ),
    ]);
    return true;
  } catch (e) {
    process.stderr.write(
      `bpo-desk: building the command failed (${e.message.split("\n")[0]}); it will run through tsx.\n`,
    );
    try {
      fs.rmSync(main, { force: true });
    } catch {
      /* nothing to remove */
    }
    return false;
  }
}

if (require.main === module) void build();
module.exports = { build, outfile };
