/**
 * Command-line arguments: `<stack>=<plan.json> ... [--failed <stack> ...] [--fail-on-danger] [--dangers-out FILE] [--run-url URL]`.
 * Usage errors are one sentence naming the argument and the fix.
 */
export interface PlanInput {
  readonly stack: string;
  readonly file: string;
}

/**
 * A stack whose plan job failed before it wrote a plan (`--failed <stack>`): a matrix leg of the
 * fleet workflow. It is shown as failed and the guard treats it as not safe.
 */
export interface FailedInput {
  readonly stack: string;
  readonly failed: true;
}

export type StackInput = PlanInput | FailedInput;

export function isFailedInput(input: StackInput): input is FailedInput {
  return "failed" in input;
}

export interface CliArgs {
  /** In the order given, which is the order of the table. */
  readonly inputs: readonly StackInput[];
  readonly failOnDanger: boolean;
  /**
   * Where to write the ids of the stacks the guard cannot vouch for, one a line (empty when none),
   * so a workflow can hold back only those. It changes no exit code.
   * @default - not written
   */
  readonly dangersOut?: string;
  readonly runUrl?: string;
  readonly help: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE =
  "usage: npm run plan-comment -- <stack>=<plan.json> [<stack>=<plan.json> ...] [--failed <stack> ...] [--fail-on-danger] [--dangers-out FILE] [--run-url URL]";

/** What --help adds under the usage line. */
export const HELP = [
  "  <stack>=<plan.json>  a stack and the output of `terraform show -json <planfile>` for it",
  "  --failed <stack>     a stack whose plan job failed and wrote no plan; shown as failed, and never safe under --fail-on-danger (repeatable)",
  "  --fail-on-danger     exit 3 on a DNSSEC danger, a plan that did not complete, or a failed stack",
  "  --dangers-out FILE   write the stacks --fail-on-danger would exit 3 for, one a line (an empty file when none); the exit code is unchanged",
  "  --run-url URL        link to the workflow run (default: built from GITHUB_* variables)",
].join("\n");

const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** A plain http(s) URL without spaces or Markdown-breaking characters. */
const SAFE_URL = /^https?:\/\/[^\s()<>[\]`"']+$/;

export function parseArgs(argv: readonly string[]): CliArgs {
  const inputs: StackInput[] = [];
  let failOnDanger = false;
  let runUrl: string | undefined;
  let dangersOut: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") help = true;
    else if (arg === "--fail-on-danger") failOnDanger = true;
    else if (arg === "--run-url" || arg.startsWith("--run-url=")) {
      const value = arg === "--run-url" ? argv[++i] : arg.slice("--run-url=".length);
      runUrl = checkUrl(value);
    } else if (arg === "--dangers-out" || arg.startsWith("--dangers-out=")) {
      const value = arg === "--dangers-out" ? argv[++i] : arg.slice("--dangers-out=".length);
      if (value === undefined || value === "" || value.startsWith("-")) {
        throw new UsageError(`--dangers-out needs a file to write, got: ${value === undefined || value === "" ? "(nothing)" : value}; e.g. --dangers-out dangers.txt.`);
      }
      dangersOut = value;
    } else if (arg === "--failed" || arg.startsWith("--failed=")) {
      const stack = arg === "--failed" ? argv[++i] : arg.slice("--failed=".length);
      inputs.push(failedInput(stack, inputs));
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option ${arg}; ${USAGE}`);
    } else {
      inputs.push(parseInput(arg, inputs));
    }
  }
  if (!help && inputs.length === 0) {
    throw new UsageError(`no plan given; ${USAGE}`);
  }
  return { inputs, failOnDanger, dangersOut, runUrl, help };
}

function failedInput(stack: string | undefined, seen: readonly StackInput[]): FailedInput {
  if (stack === undefined || !STACK_NAME.test(stack)) {
    throw new UsageError(
      `--failed needs a stack name of letters, digits, ".", "_" or "-", got: ${stack ?? "(nothing)"}; e.g. --failed zone-shop.example.org.`,
    );
  }
  checkOnce(stack, seen);
  return { stack, failed: true };
}

function checkOnce(stack: string, seen: readonly StackInput[]): void {
  if (seen.some((input) => input.stack === stack)) {
    throw new UsageError(`stack "${stack}" is given twice; pass each stack's plan, or --failed, once.`);
  }
}

function parseInput(arg: string, seen: readonly StackInput[]): PlanInput {
  const eq = arg.indexOf("=");
  const stack = eq > 0 ? arg.slice(0, eq) : "";
  const file = eq > 0 ? arg.slice(eq + 1) : "";
  if (!STACK_NAME.test(stack) || file === "") {
    throw new UsageError(
      `argument "${arg}" is not <stack>=<plan.json>; name the stack with letters, digits, ".", "_" or "-", e.g. zone=zone.plan.json.`,
    );
  }
  checkOnce(stack, seen);
  return { stack, file };
}

function checkUrl(value: string | undefined): string {
  if (value === undefined || !SAFE_URL.test(value)) {
    throw new UsageError(`--run-url needs an http(s) URL without spaces or brackets, got: ${value ?? "(nothing)"}.`);
  }
  return value;
}

/**
 * The link to this workflow run, built from the variables GitHub Actions sets.
 * https://docs.github.com/en/actions/reference/variables-reference#default-environment-variables
 */
export function runUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt } = env;
  if (!server || !repo || !run) return undefined;
  const url = `${server}/${repo}/actions/runs/${run}${attempt ? `/attempts/${attempt}` : ""}`;
  return SAFE_URL.test(url) ? url : undefined;
}
