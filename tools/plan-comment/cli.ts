import { writeFileSync } from "node:fs";
import { HELP, USAGE, UsageError, parseArgs, runUrlFromEnv } from "./args";
import { loadPlan, renderPlans } from "./comment";
import { isIncomplete } from "./render";
import { EXIT_DANGER, EXIT_OK, EXIT_USAGE, OVERRIDE_RULE } from "./constants";
import { PlanInputError } from "./plan";
import { errorLine, EXIT_USAGE as EXIT_BAD_USAGE } from "../shared/cli";
import { buildReport } from "./report";

/**
 * Entry point: `npm run plan-comment -- <stack>=<plan.json> ... [--failed <stack> ...] [--fail-on-danger] [--dangers-out FILE] [--run-url URL]`.
 * Markdown goes to stdout even when a danger fails the run, so the workflow
 * can still post the comment. Exit codes: 0 ok, 2 bad input, 3 a DNSSEC
 * danger under --fail-on-danger (the reason on stderr), 64 bad usage.
 */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n${HELP}\n`);
      return EXIT_OK;
    }
    const plans = args.inputs.map(loadPlan);
    const { markdown, danger, dangerStacks } = renderPlans(plans, { runUrl: args.runUrl ?? runUrlFromEnv(env) });
    process.stdout.write(markdown);
    // The guard's verdict per stack, from the same evaluation as the exit code; a stack id holds no newline.
    if (args.dangersOut !== undefined) writeDangers(args.dangersOut, dangerStacks);
    if (args.failOnDanger && danger) {
      process.stderr.write(dangerLine(plans));
      return EXIT_DANGER;
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError || error instanceof PlanInputError) {
      process.stderr.write(errorLine("plan-comment", error));
      return error instanceof UsageError ? EXIT_BAD_USAGE : EXIT_USAGE;
    }
    throw error;
  }
}

/** Writes the --dangers-out file; a file that cannot be written is bad input (exit 2), named with the fix. */
function writeDangers(file: string, stacks: readonly string[]): void {
  try {
    writeFileSync(file, stacks.map((stack) => `${stack}\n`).join(""));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unwritable";
    throw new PlanInputError(`cannot write the --dangers-out file ${file}: ${code}; name a file in a directory that exists and can be written.`);
  }
}

/** Why --fail-on-danger exits 3, on one line: the danger rules and what they are about, and any plan that did not complete. */
function dangerLine(plans: Parameters<typeof buildReport>[0][]): string {
  const dangers = plans.flatMap((plan) => buildReport(plan).findings.filter((f) => f.severity === "danger").map((f) => `${f.ruleId} (${plan.stack}: ${f.subject})`));
  const failed = plans.filter((plan) => plan.failed).map((plan) => plan.stack);
  const incomplete = plans.filter((plan) => isIncomplete(plan) && !plan.failed).map((plan) => plan.stack);
  const reasons: string[] = [];
  if (dangers.length > 0) reasons.push(`the plan has ${dangers.length} DNSSEC danger${dangers.length === 1 ? "" : "s"}: ${dangers.join(", ")}`);
  if (incomplete.length > 0) reasons.push(`the plan of ${incomplete.join(", ")} did not complete (errored, or complete: false), so the guard cannot vouch for it`);
  if (failed.length > 0) reasons.push(`${failed.join(", ")} ${failed.length === 1 ? "has" : "have"} no plan (--failed: the plan job failed), so the guard cannot vouch for ${failed.length === 1 ? "it" : "them"}`);
  return `plan-comment: exit 3: --fail-on-danger and ${reasons.join("; and ")}; read the comment: ${OVERRIDE_RULE}.\n`;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.env);
}
