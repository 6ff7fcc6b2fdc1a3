/**
 * `npm run synth`: the JSON synth for `cdktf deploy` plus the committed,
 * Terraform-ready HCL in terraform/<stack>/main.tf.
 * `npm run synth -- --check` is the CI drift check.
 *
 * Errors for users are one line on stderr and exit code 1 (bad usage: 64); set
 * SYNTH_DEBUG=1 to see the stack trace of an unexpected failure.
 */
import { resolve } from "node:path";

// cdktf captures a full stack trace for every token it creates; with tsx's source maps on, mapping
// those frames costs a fifth of the run. Users see one-line errors, so map only when debugging.
if (process.env.SYNTH_DEBUG !== "1") process.setSourceMapsEnabled(false);

import { SettingsError } from "../../config/errors";
import { projectRoot } from "../../config/root";
import { runCli } from "../shared/cli";
import { parseArgs, USAGE } from "./cli-args";

/** The project root: the CLI never depends on the directory it is started from. */
const PROJECT_ROOT = projectRoot(__dirname);

async function main(argv: readonly string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const paths = {
    projectRoot: PROJECT_ROOT,
    hclDir: resolve(PROJECT_ROOT, options.hclDir),
    jsonDir: resolve(PROJECT_ROOT, options.jsonDir),
    baseHclDir: options.baseHclDir === undefined ? undefined : resolve(PROJECT_ROOT, options.baseHclDir),
  };
  // Imported only now, so --help starts fast. Loading the formatter first starts reading and
  // compiling its WebAssembly in the background while the app's modules load and synthesize.
  const { check, synth } = await import("./run");
  const { projectStacks } = await import("./app-stacks");
  await new Promise((done) => setImmediate(done));
  const build = projectStacks(PROJECT_ROOT);
  const result = options.check ? await check(build, paths) : await synth(build, paths);
  // Progress on stdout; warnings, like errors, on stderr.
  const warnings = result.lines.filter((line) => line.startsWith("synth: warning: "));
  const others = result.lines.filter((line) => !line.startsWith("synth: warning: "));
  if (others.length > 0) (result.ok ? process.stdout : process.stderr).write(`${others.join("\n")}\n`);
  if (warnings.length > 0) process.stderr.write(`${warnings.join("\n")}\n`);
  return result.ok ? 0 : 1;
}

runCli("synth", () => main(process.argv.slice(2)), { isUserError: (e) => e instanceof SettingsError });
