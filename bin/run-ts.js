#!/usr/bin/env node
// Runs a TypeScript script (benchmarks, tools) through tsx: node bin/run-ts.js bench/run.ts [args]
require("tsx/cjs");
const path = require("path");
const script = process.argv[2];
process.argv.splice(1, 1);
require(path.resolve(script));
