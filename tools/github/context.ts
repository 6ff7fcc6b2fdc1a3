/**
 * What a workflow step knows about its pull request and run, read from the
 * variables GitHub Actions sets and the few the workflow passes in `env:`.
 * https://docs.github.com/en/actions/reference/variables-reference#default-environment-variables
 */
export interface RunContext {
  readonly owner: string;
  readonly repo: string;
  readonly serverUrl: string;
  readonly runId: string;
  readonly runAttempt: string;
  /** The run's own page, the link the comment gives. */
  readonly runUrl: string;
}

export interface PullContext extends RunContext {
  readonly pullNumber: number;
  /** The head commit this run planned (`github.event.pull_request.head.sha`). */
  readonly headSha: string;
}

export class ContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContextError";
  }
}

function need(env: NodeJS.ProcessEnv, name: string, rule: string): string {
  const value = env[name];
  if (value === undefined || value === "") throw new ContextError(`${name} is not set; ${rule}.`);
  return value;
}

export function runContext(env: NodeJS.ProcessEnv): RunContext {
  const repository = need(env, "GITHUB_REPOSITORY", "GitHub Actions sets it to owner/repo");
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) throw new ContextError(`GITHUB_REPOSITORY must be owner/repo, got: ${repository}.`);
  const serverUrl = need(env, "GITHUB_SERVER_URL", "GitHub Actions sets it");
  const runId = need(env, "GITHUB_RUN_ID", "GitHub Actions sets it");
  const runAttempt = env.GITHUB_RUN_ATTEMPT || "1";
  return { owner, repo, serverUrl, runId, runAttempt, runUrl: `${serverUrl}/${owner}/${repo}/actions/runs/${runId}/attempts/${runAttempt}` };
}

export function pullContext(env: NodeJS.ProcessEnv): PullContext {
  const run = runContext(env);
  const number = need(env, "PR_NUMBER", "pass ${{ github.event.pull_request.number }} in the step's env");
  const headSha = need(env, "HEAD_SHA", "pass ${{ github.event.pull_request.head.sha }} in the step's env");
  if (!/^\d+$/.test(number)) throw new ContextError(`PR_NUMBER must be a pull request number, got: ${number}.`);
  if (!/^[0-9a-f]{40}$/.test(headSha)) throw new ContextError(`HEAD_SHA must be a 40-hex commit SHA, got: ${headSha}.`);
  return { ...run, pullNumber: Number(number), headSha };
}
