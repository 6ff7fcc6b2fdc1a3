import { run } from "./run";

/**
 * Entry point: `npm run verify -- <domain> [options]`. A thin wrapper that
 * turns any error into one line on stderr and exit code 3 (error).
 */
const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
run(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  colour,
  progress: process.stderr.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`dnssec-verify: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 3;
  },
);
