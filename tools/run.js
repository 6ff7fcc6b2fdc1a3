"use strict";
// Starts a compiled entry point: `node tools/run.js tools/synth/cli.ts [args]` runs
// dist/tools/synth/cli.js as the main module, after rebuilding dist/ if a source changed.
const Module = require("node:module");
const { join } = require("node:path");
const { DIST, ensureBuilt } = require("./build");

const entry = process.argv[2];
if (entry === undefined || !entry.endsWith(".ts")) {
  process.stderr.write("run: error: give the TypeScript entry point, e.g. node tools/run.js tools/synth/cli.ts\n");
  process.exit(64);
}
ensureBuilt();
const compiled = join(DIST, entry.replace(/\.ts$/, ".js"));
process.argv.splice(1, 2, compiled);
// Loaded as the main module, so `require.main === module` holds in the entry point as under node.
Module._load(compiled, null, true);
