#!/usr/bin/env node
"use strict";
// Package bin launcher: registers tsx so the TypeScript CLI runs without a build step.
require("tsx/cjs");
require("../tools/verify/cli.ts");
