import { run } from "./run";

// The AWS SDK warns on every run under Node 20 that it will need Node 22 in 2027. That is a note for
// whoever maintains the runtime, not for someone reading a DNSSEC report; set the variable to
// "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

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
