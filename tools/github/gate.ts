/**
 * The one required check of a pull request. It runs with `if: always()` and
 * fails unless every job it needs succeeded: a skipped job counts as a pass
 * for GitHub's required checks, so each result is read here instead.
 * `needs` is the workflow's `toJSON(needs)`.
 */
export type Needs = Record<string, { readonly result: string }>;

export interface GateVerdict {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/** The job that explains a fork's missing plan, skipped on the repository's own branches. */
export const FORK_NOTICE_JOB = "fork-notice";

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
  const bad = Object.entries(needs).filter(([job, { result }]) => (job === FORK_NOTICE_JOB ? result !== "skipped" : result !== "success"));
  if (Object.keys(needs).length === 0) return { ok: false, lines: ["::error::the gate needs no job; list every job of the workflow under needs."] };
  if (bad.length === 0) return { ok: true, lines: [`every job succeeded: ${Object.keys(needs).filter((j) => j !== FORK_NOTICE_JOB).join(", ")}`] };
  return { ok: false, lines: bad.map(([job, { result }]) => `::error::job ${job}: ${result}; the gate passes only when every job succeeded.`) };
}
