#!/usr/bin/env node
"use strict";
// Package bin launcher: starts the compiled verifier (dist/, built by `npm ci`'s prepare step and
// rebuilt here when a source changed), so it starts without transpiling TypeScript.
const Module = require("node:module");
const { join } = require("node:path");
const { DIST, ensureBuilt } = require("../tools/build");

ensureBuilt();
const compiled = join(DIST, "tools", "verify", "cli.js");
process.argv[1] = compiled;
Module._load(compiled, null, true);
