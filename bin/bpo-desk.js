#!/usr/bin/env node
// The `bpo-desk` command: runs the TypeScript CLI through tsx, so no build step is needed after `npm install`.
require("tsx/cjs");
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`bpo-desk: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
