import { COMMENT_MARKER } from "../plan-comment/constants";
import type { PullContext } from "./context";
import type { GitHubRest } from "./rest";

/**
 * The one plan comment of a pull request, kept up to date by the workflow.
 * The renderer (`npm run plan-comment`) writes the plan; this file adds what
 * only the run knows: the head commit it planned, whether a newer run is in
 * progress (the plan shown is then stale), or that the run failed, with the
 * failed jobs and their logs instead of an outdated plan.
 */
interface IssueComment {
  readonly id: number;
  readonly body?: string | null;
  readonly user?: { readonly type?: string } | null;
}

/** Opens the status block; it carries the planned SHA and the state so the next run can read them. */
const STATUS_OPEN = /^<!-- dnssec-cdktf:status sha=([0-9a-f]{40}|none) state=(planned|in-progress|failed) -->$/m;
const STATUS_CLOSE = "<!-- /dnssec-cdktf:status -->";

export type CommentState = "planned" | "in-progress" | "failed";

export interface ParsedComment {
  /** The head commit the plan below was made for, if any. */
  readonly sha?: string;
  readonly state?: CommentState;
  /** The renderer's part, without the marker and the status block. */
  readonly plan: string;
}

export const short = (sha: string) => sha.slice(0, 7);

function statusBlock(sha: string | undefined, state: CommentState, lines: readonly string[]): string {
  return [`<!-- dnssec-cdktf:status sha=${sha ?? "none"} state=${state} -->`, ...lines, STATUS_CLOSE].join("\n");
}

/** Splits a comment body we wrote into its status and plan parts. */
export function parseComment(body: string): ParsedComment {
  let rest = body.startsWith(COMMENT_MARKER) ? body.slice(COMMENT_MARKER.length) : body;
  const open = STATUS_OPEN.exec(rest);
  const close = rest.indexOf(STATUS_CLOSE);
  if (!open || close < open.index) return { plan: rest.replace(/^\n+/, "") };
  const sha = open[1] === "none" ? undefined : open[1];
  const state = open[2] as CommentState;
  rest = rest.slice(0, open.index) + rest.slice(close + STATUS_CLOSE.length);
  return { sha, state, plan: rest.replace(/^\n+/, "") };
}

function compose(status: string, plan: string): string {
  return `${COMMENT_MARKER}\n${status}\n${plan ? `\n${plan}` : ""}`;
}

/** The body for a finished plan: the renderer's Markdown under a line naming the head commit. */
export function plannedBody(rendered: string, ctx: Pick<PullContext, "headSha" | "runUrl">): string {
  const plan = parseComment(rendered).plan;
  return compose(statusBlock(ctx.headSha, "planned", [`Planned for head commit \`${ctx.headSha}\` in [this run](${ctx.runUrl}).`]), plan);
}

/** A new run started: the old plan stays visible but is marked as stale. */
export function inProgressBody(previous: string | undefined, ctx: Pick<PullContext, "headSha" | "runUrl">): string {
  const old = previous === undefined ? undefined : parseComment(previous);
  const lines = [`> [!NOTE]`, `> A new plan for head commit \`${short(ctx.headSha)}\` is in progress in [this run](${ctx.runUrl}).`];
  if (old?.plan && old.state !== "failed") {
    lines.push(
      old.sha === ctx.headSha
        ? "> The plan below is for this same commit and is being made again (for example after a label change)."
        : `> The plan below is **stale**: it was made for ${old.sha ? `\`${short(old.sha)}\`` : "an earlier commit"}, not for the current head.`,
    );
  }
  return compose(statusBlock(ctx.headSha, "in-progress", lines), old?.state === "failed" ? "" : (old?.plan ?? ""));
}

export interface FailedJob {
  readonly name: string;
  readonly conclusion: string;
  /** The job's log page. */
  readonly url: string;
}

/** A failed run replaces the plan: an old plan next to a failed check would mislead. */
export function failureBody(failed: readonly FailedJob[], ctx: Pick<PullContext, "headSha" | "runUrl">): string {
  const lines = [
    `> [!CAUTION]`,
    `> The plan for head commit \`${ctx.headSha}\` **failed** in [this run](${ctx.runUrl}). No plan is shown until a run succeeds.`,
    ">",
    ...(failed.length
      ? failed.map((job) => `> - job \`${job.name.replace(/`/g, "'")}\`: ${job.conclusion}, [log](${job.url})`)
      : [`> - no job reported a failure; see [the run](${ctx.runUrl}).`]),
  ];
  return compose(statusBlock(ctx.headSha, "failed", lines), "");
}

/** Our comment: written by a bot (the workflow's token) and starting with the renderer's marker. */
export async function findComment(api: GitHubRest, ctx: PullContext): Promise<IssueComment | undefined> {
  const comments = await api.paginate<IssueComment>(`/repos/${ctx.owner}/${ctx.repo}/issues/${ctx.pullNumber}/comments`);
  return comments.find((c) => c.user?.type === "Bot" && (c.body ?? "").startsWith(COMMENT_MARKER));
}

async function upsert(api: GitHubRest, ctx: PullContext, body: (previous?: string) => string): Promise<"created" | "updated"> {
  const mine = await findComment(api, ctx);
  if (mine) {
    await api.request("PATCH", `/repos/${ctx.owner}/${ctx.repo}/issues/comments/${mine.id}`, { body: body(mine.body ?? undefined) });
    return "updated";
  }
  await api.request("POST", `/repos/${ctx.owner}/${ctx.repo}/issues/${ctx.pullNumber}/comments`, { body: body() });
  return "created";
}

/** The pull request's head as GitHub sees it now, not as the (possibly re-run) event saw it. */
export async function liveHead(api: GitHubRest, ctx: PullContext): Promise<string> {
  const pull = await api.request<{ head: { sha: string } }>("GET", `/repos/${ctx.owner}/${ctx.repo}/pulls/${ctx.pullNumber}`);
  return pull.head.sha;
}

export type PostOutcome = "created" | "updated" | "superseded";

/**
 * Writes through only while this run's commit is still the head: a slower
 * run of an older push must not overwrite the newer run's comment.
 */
async function whileCurrent(api: GitHubRest, ctx: PullContext, body: (previous?: string) => string): Promise<PostOutcome> {
  if ((await liveHead(api, ctx)) !== ctx.headSha) return "superseded";
  return upsert(api, ctx, body);
}

export const markInProgress = (api: GitHubRest, ctx: PullContext) => whileCurrent(api, ctx, (previous) => inProgressBody(previous, ctx));
export const postPlan = (api: GitHubRest, ctx: PullContext, rendered: string) => whileCurrent(api, ctx, () => plannedBody(rendered, ctx));
export const postFailure = (api: GitHubRest, ctx: PullContext, failed: readonly FailedJob[]) =>
  whileCurrent(api, ctx, () => failureBody(failed, ctx));

interface RunJob {
  readonly name: string;
  readonly conclusion: string | null;
  readonly html_url: string;
}

/** The jobs of this run attempt that ended badly, with their log links. */
export async function failedJobs(api: GitHubRest, ctx: PullContext): Promise<FailedJob[]> {
  const path = `/repos/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt}/jobs`;
  const jobs = await api.paginate<RunJob>(path, "jobs");
  return jobs
    .filter((j) => j.conclusion === "failure" || j.conclusion === "cancelled" || j.conclusion === "timed_out")
    .map((j) => ({ name: j.name, conclusion: j.conclusion ?? "unknown", url: j.html_url }));
}
