/**
 * The one required check of a pull request. It runs with `if: always()` and
 * fails unless every job it needs succeeded: a skipped job counts as a pass
 * for GitHub's required checks, so each result is read here instead.
 * `needs` is the workflow's `toJSON(needs)`.
 */
import { KEYS_STACK_ID } from "../../stacks/stack-ids";
import { KEYS_ORDER_REFUSAL } from "./keys-order";

export type Needs = Record<string, { readonly result: string; readonly outputs?: Readonly<Record<string, string>> }>;

export interface GateVerdict {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/** The job that explains a fork's missing plan, skipped on the repository's own branches. */
export const FORK_NOTICE_JOB = "fork-notice";

/** The job that lists the stacks, whose `legs` output is the fleet matrix (`[]` without a fleet). */
export const STACKS_JOB = "stacks";

/** The fleet's plan matrix: skipped, rightly, when the settings list no further zone. */
export const FLEET_PLAN_JOB = "plan-fleet";

/**
 * The plan of the `dnssec-keys` stack (`sharedKmsKey`): skipped, rightly, when the settings list no
 * keys stack (the stacks job's `keys` output is "false").
 */
export const KEYS_PLAN_JOB = "plan-keys";

/** The job that renders the combined comment; its `failed-stacks` output names the stacks without a plan. */
export const RENDER_JOB = "render";

/** Whether `job`'s result is the one a passing run has. */
function passed(job: string, result: string, needs: Needs): boolean {
  if (job === FORK_NOTICE_JOB) return result === "skipped";
  // A matrix over no stack cannot exist: the job is skipped instead, and that is a pass only when
  // the stacks job itself succeeded and listed no fleet leg.
  if (job === FLEET_PLAN_JOB && result === "skipped") return needs[STACKS_JOB]?.result === "success" && needs[STACKS_JOB]?.outputs?.legs === "[]";
  if (job === KEYS_PLAN_JOB && result === "skipped") return needs[STACKS_JOB]?.result === "success" && needs[STACKS_JOB]?.outputs?.keys === "false";
  return result === "success";
}

export function gateVerdict(needs: Needs, fork: boolean): GateVerdict {
  if (fork) {
    return {
      ok: false,
      lines: [
        "::error::This pull request comes from a fork. Forks get no AWS credentials, so nothing was planned and the DNSSEC guard did not run. " +
          "A maintainer can push the branch to this repository and open the pull request from there.",
      ],
    };
  }
  const bad = Object.entries(needs).filter(([job, { result }]) => !passed(job, result, needs));
  if (Object.keys(needs).length === 0) return { ok: false, lines: ["::error::the gate needs no job; list every job of the workflow under needs."] };
  // Every job passed, but the keys plan must not be merged as it is: the apply would refuse it.
  if (bad.length === 0 && needs[RENDER_JOB]?.outputs?.["keys-order"] === "refused") return { ok: false, lines: [`::error::${KEYS_ORDER_REFUSAL}`] };
  if (bad.length === 0) return { ok: true, lines: [`every job succeeded: ${Object.keys(needs).filter((j) => j !== FORK_NOTICE_JOB).join(", ")}`] };
  return { ok: false, lines: [...bad.map(([job, { result }]) => `::error::job ${job}: ${result}; the gate passes only when every job succeeded.`), ...failedZones(needs)] };
}

/** One line per fleet stack the combined comment shows without a plan: which zone failed, and where to look. */
function failedZones(needs: Needs): string[] {
  const failed = (needs[RENDER_JOB]?.outputs?.["failed-stacks"] ?? "").split(/\s+/).filter((s) => s !== "");
  return failed.map((stack) =>
    stack === KEYS_STACK_ID
      ? `::error::stack ${stack}: no plan; the job "plan ${stack}" failed.`
      : `::error::stack ${stack}: no plan; its leg of ${FLEET_PLAN_JOB} failed (see the job "plan ${stack}" or its batch).`,
  );
}
