import { USAGE, UsageError, parseArgs, runUrlFromEnv } from "./args";
import { loadPlan, renderPlans } from "./comment";
import { EXIT_DANGER, EXIT_OK, EXIT_USAGE } from "./constants";
import { PlanInputError } from "./plan";

/**
 * Entry point: `npm run plan-comment -- <stack>=<plan.json> ... [--fail-on-danger] [--run-url URL]`.
 * Markdown goes to stdout even when a danger fails the run, so the workflow
 * can still post the comment. Exit codes: 0 ok, 2 bad usage or input,
 * 3 a DNSSEC danger under --fail-on-danger.
 */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    const plans = args.inputs.map(loadPlan);
    const { markdown, danger } = renderPlans(plans, { runUrl: args.runUrl ?? runUrlFromEnv(env) });
    process.stdout.write(markdown);
    return args.failOnDanger && danger ? EXIT_DANGER : EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError || error instanceof PlanInputError) {
      process.stderr.write(`plan-comment: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.env);
}
