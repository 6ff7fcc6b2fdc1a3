"use strict";
// Compiles the TypeScript of the app and its tools to dist/ once (esbuild: transpile only, one .js
// per .ts, CommonJS), so the CLIs, the bin and cdktf.json's app start from JavaScript instead of
// transpiling through tsx at every call. Type checking stays with `npm run typecheck`; tests and
// development run the sources through tsx. `npm ci` runs this as the prepare step.
//
// `node tools/build.js` builds; `require("./build").ensureBuilt()` rebuilds only when a source is
// newer than the last build, so a stale dist/ never runs after an edit.
const { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");

const ROOT = join(__dirname, "..");
const DIST = join(ROOT, "dist");
const STAMP = join(DIST, ".built");
/** Folders of sources; main.ts is added on its own. */
const SOURCE_DIRS = ["config", "modules", "stacks", "tools"];
/** Files the compiled code reads at run time, next to their modules. */
const ASSETS = [join("modules", "user-data")];

function sources() {
  const files = [join(ROOT, "main.ts")];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) visit(join(ROOT, dir));
  return files;
}

/** Whether dist/ is missing or older than a source (or package.json/tsconfig.json). */
function isStale(files = sources()) {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return [...files, join(ROOT, "package.json"), join(ROOT, "tsconfig.json")].some((file) => statSync(file).mtimeMs > built);
}

/** Builds into a fresh folder and swaps it in, so a reader never sees half a dist/. */
function build() {
  const { buildSync } = require("esbuild");
  const files = sources();
  const temp = `${DIST}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  buildSync({
    entryPoints: files,
    outdir: temp,
    outbase: ROOT,
    format: "cjs",
    platform: "node",
    target: "node20",
    bundle: false,
    // import() of a relative module must become require() in CommonJS output.
    supported: { "dynamic-import": false },
    logLevel: "warning",
  });
  for (const asset of ASSETS) cpSync(join(ROOT, asset), join(temp, asset), { recursive: true });
  writeFileSync(join(temp, ".built"), `${files.map((f) => relative(ROOT, f)).join("\n")}\n`);
  const old = `${DIST}.${process.pid}.old`;
  try {
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(temp, DIST);
  } catch (error) {
    // Another process swapped in the same build first (two CLIs started after one edit): keep it.
    if (!existsSync(DIST)) throw error;
    rmSync(temp, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
  return files.length;
}

/** Rebuilds when stale; returns whether it built. */
function ensureBuilt() {
  if (!isStale()) return false;
  build();
  return true;
}

module.exports = { DIST, ROOT, build, ensureBuilt, isStale };

if (require.main === module) {
  mkdirSync(ROOT, { recursive: true });
  const count = build();
  process.stdout.write(`build: ${count} TypeScript files -> dist/\n`);
}
