import { colourEnabled, errorLine, EXIT_USAGE } from "../shared/cli";
import { parseVerifyArgs, USAGE } from "./args";

// The AWS SDK warns on every run under Node 20 that it will need Node 22 in 2027. That is a note for
// whoever maintains the runtime, not for someone reading a DNSSEC report; set the variable to
// "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/**
 * Entry point: `npm run verify -- <domain> [options]`. A thin wrapper that
 * turns bad usage into one line on stderr and exit code 64 (as every tool of
 * ours), and any other error into one line and exit code 3 (error).
 */
const colour = colourEnabled(process.stdout);
let usageProblem: unknown;
try {
  parseVerifyArgs(process.argv.slice(2));
} catch (err) {
  usageProblem = err;
}
if (usageProblem !== undefined) {
  process.stderr.write(errorLine("dnssec-verify", `${usageProblem instanceof Error ? usageProblem.message : String(usageProblem)}; run npm run verify -- --help`));
  process.exitCode = EXIT_USAGE;
} else if (parseVerifyArgs(process.argv.slice(2)).help) {
  // Answered before the resolver and the AWS SDK load, so --help starts fast.
  process.stdout.write(`${USAGE}\n`);
} else {
  import("./run")
    .then(({ run }) =>
      run(process.argv.slice(2), {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        colour,
        progress: process.stderr.isTTY === true,
      }),
    )
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        process.stderr.write(errorLine("dnssec-verify", err));
        process.exitCode = 3;
      },
    );
}
