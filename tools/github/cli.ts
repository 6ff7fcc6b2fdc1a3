import { readFileSync } from "node:fs";
import { failedJobs, markInProgress, postFailure, postPlan } from "./comment";
import { ContextError, pullContext } from "./context";
import { parentObserver, waitForDelegation } from "./delegation";
import { gateVerdict, type Needs } from "./gate";
import { keysApplyOrder, NotAPlanError } from "./keys-order";
import { checkOverride, parseTeam, resetOverride, type ApproversTeam } from "./override";
import { GitHubApiError, GitHubRest } from "./rest";
import { expectationLines, VerifyExpectationError, verifyExpectations } from "./verify-expectations";
import type { StackLine } from "../settings/stacks";

/**
 * Entry point of the workflow steps that talk to GitHub or wait on DNS:
 * `npm run -s github -- <command>`. Exit codes: 0 done, 1 refused (danger not
 * approved, not delegated in time), 2 bad usage, context or API error.
 */
export const USAGE = [
  "usage: npm run -s github -- <command>",
  "  mark-in-progress           mark the plan comment as in progress (the old plan as stale)",
  "  reset-override             remove the override label (run on every push)",
  "  post-plan <comment.md>     post the rendered plan for the head commit",
  "  post-failure               replace the comment with the failed jobs and their logs",
  "  guard                      allow a DNSSEC danger only through a valid override label",
  "  gate                       pass only if every needed job succeeded (NEEDS_JSON, IS_FORK)",
  "  wait-for-delegation <domain> <name-servers.json> [--timeout-minutes N]",
  "  keys-order <plan.json>     when to apply the dnssec-keys plan: first, last or none; exit 1 when it both adds and deletes",
  "  verify-expectations <stacks.json>  each zone to verify, tab-separated: stack, domain, dnssec, yes/no secure required (REQUIRE_SECURE)",
].join("\n");

class UsageError extends Error {}

function api(env: NodeJS.ProcessEnv, tokenVar = "GITHUB_TOKEN"): GitHubRest {
  const token = env[tokenVar];
  if (!token) throw new ContextError(`${tokenVar} is not set; pass it in the step's env.`);
  return new GitHubRest({ apiUrl: env.GITHUB_API_URL || "https://api.github.com", token });
}

function team(env: NodeJS.ProcessEnv): ApproversTeam | undefined {
  if (!env.DNSSEC_OVERRIDE_TEAM) return undefined;
  return { ...parseTeam(env.DNSSEC_OVERRIDE_TEAM), api: api(env, "DNSSEC_OVERRIDE_TEAM_TOKEN") };
}

function nameServersFrom(file: string): string[] {
  const value: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string")) {
    throw new UsageError(`${file} must hold a non-empty JSON list of name servers (terraform output -json name_servers), got: ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Writes one line of the step's log. */
export type Out = (line: string) => void;

const stdout: Out = (line) => {
  process.stdout.write(`${line}\n`);
};

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, out: Out = stdout): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "mark-in-progress":
        out(`plan comment: ${await markInProgress(api(env), pullContext(env))}`);
        return 0;
      case "reset-override":
        out(`override label: ${await resetOverride(api(env), pullContext(env))}`);
        return 0;
      case "post-plan": {
        if (!rest[0]) throw new UsageError("post-plan needs the rendered comment file.");
        out(`plan comment: ${await postPlan(api(env), pullContext(env), readFileSync(rest[0], "utf8"))}`);
        return 0;
      }
      case "post-failure": {
        const ctx = pullContext(env);
        const jobs = await failedJobs(api(env), ctx);
        out(`plan comment: ${await postFailure(api(env), ctx, jobs)}`);
        return 0;
      }
      case "guard": {
        const decision = await checkOverride(api(env), pullContext(env), team(env));
        if (decision.honoured) {
          out(`::warning::DNSSEC danger accepted: the dnssec-override label was added by ${decision.by} at ${decision.at}, after the latest push.`);
          return 0;
        }
        out(`::error::The plan would break or weaken DNSSEC (see the DNSSEC safety section of the plan comment) and the override does not apply: ${decision.reason}.`);
        return 1;
      }
      case "gate": {
        if (!env.NEEDS_JSON) throw new ContextError("NEEDS_JSON is not set; pass ${{ toJSON(needs) }} in the step's env.");
        const verdict = gateVerdict(JSON.parse(env.NEEDS_JSON) as Needs, env.IS_FORK === "true");
        verdict.lines.forEach((line) => out(line));
        return verdict.ok ? 0 : 1;
      }
      case "wait-for-delegation": {
        const [domain, file, flag, minutes] = rest;
        if (!domain || !file) throw new UsageError("wait-for-delegation needs <domain> <name-servers.json>.");
        if (flag !== undefined && (flag !== "--timeout-minutes" || !/^\d+$/.test(minutes ?? ""))) {
          throw new UsageError(`--timeout-minutes needs a whole number of minutes, got: ${flag} ${minutes ?? ""}.`);
        }
        const result = await waitForDelegation({
          domain,
          nameServers: nameServersFrom(file),
          observe: parentObserver(),
          timeoutMs: minutes === undefined ? undefined : Number(minutes) * 60_000,
          log: out,
        });
        if (result.delegated) return 0;
        out(`::error::${result.message}`);
        return 1;
      }
      case "keys-order": {
        if (!rest[0]) throw new UsageError("keys-order needs the dnssec-keys plan JSON (terraform show -json).");
        const decision = keysApplyOrder(JSON.parse(readFileSync(rest[0], "utf8")));
        if ("refused" in decision) {
          out(`::error::${decision.refused}`);
          return 1;
        }
        out(decision.order);
        return 0;
      }
      case "verify-expectations": {
        if (!rest[0]) throw new UsageError("verify-expectations needs the stack list (npm run -s settings -- stacks).");
        const lines = JSON.parse(readFileSync(rest[0], "utf8")) as StackLine[];
        expectationLines(verifyExpectations(lines, env.REQUIRE_SECURE)).forEach((line) => out(line));
        return 0;
      }
      default:
        throw new UsageError(command ? `unknown command ${command}.` : "no command given.");
    }
  } catch (error) {
    if (error instanceof UsageError) {
      out(`github: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof ContextError || error instanceof VerifyExpectationError || error instanceof GitHubApiError || error instanceof NotAPlanError || error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === "ENOENT") {
      out(`::error::github: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
