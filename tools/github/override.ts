import { OVERRIDE_LABEL } from "../plan-comment/constants";
import { ContextError, type PullContext } from "./context";
import type { GitHubRest } from "./rest";
import { GitHubApiError } from "./rest";

/**
 * When the `dnssec-override` label lets a DNSSEC danger through. The label
 * belongs to the pull request, not to a plan, so it counts only if:
 * - it was added after the latest push (the plan it approves is the current one);
 * - it was added by someone other than the pull request's author;
 * - optionally, by a member of an approvers team.
 * Everything is read live from the timeline, never from the event payload,
 * which a re-run replays with its old labels.
 * https://docs.github.com/en/rest/issues/timeline
 */
export interface TimelineEvent {
  readonly event: string;
  readonly created_at?: string;
  readonly actor?: { readonly login: string } | null;
  readonly label?: { readonly name: string };
  /** `committed` events carry the commit's dates instead of created_at. */
  readonly committer?: { readonly date?: string };
  readonly sha?: string;
}

export interface OverrideRule {
  /** The pull request's author, who may not approve their own danger. */
  readonly author: string;
  /** @default OVERRIDE_LABEL */
  readonly label?: string;
}

export type OverrideDecision =
  | { readonly honoured: true; readonly by: string; readonly at: string }
  | { readonly honoured: false; readonly reason: string };

const time = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/**
 * The latest push the timeline shows: a force-push event (dated by GitHub) or
 * a commit's committer date. Committer dates are chosen by the pusher, which
 * is why the workflow also removes the label on every push (`synchronize`):
 * that removal is an `unlabeled` event dated by GitHub, after which only a
 * new `labeled` event counts.
 */
function latestPush(events: readonly TimelineEvent[]): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    const t = e.event === "committed" ? time(e.committer?.date) : e.event === "head_ref_force_pushed" ? time(e.created_at) : Number.NaN;
    if (t > latest) latest = t;
  }
  return latest;
}

/** The pure rule over the timeline, for the tests and for the step below. */
export function decideOverride(events: readonly TimelineEvent[], rule: OverrideRule): OverrideDecision {
  const label = rule.label ?? OVERRIDE_LABEL;
  const labelEvents = events.filter((e) => (e.event === "labeled" || e.event === "unlabeled") && e.label?.name === label);
  const last = labelEvents.reduce<TimelineEvent | undefined>((a, e) => (a === undefined || time(e.created_at) >= time(a.created_at) ? e : a), undefined);
  if (last === undefined || last.event !== "labeled") return { honoured: false, reason: `the ${label} label is not set` };
  const by = last.actor?.login ?? "(unknown)";
  if (by.toLowerCase() === rule.author.toLowerCase()) {
    return { honoured: false, reason: `the ${label} label was added by ${by}, the pull request's author; another reviewer must add it` };
  }
  const at = last.created_at ?? "";
  if (!(time(at) > latestPush(events))) {
    return { honoured: false, reason: `the ${label} label was added at ${at || "an unknown time"}, before the latest push; remove it and add it again after reading the new plan` };
  }
  return { honoured: true, by, at };
}

/** An approvers team, `org/team-slug`, read with a token that may read the organisation. */
export interface ApproversTeam {
  readonly org: string;
  readonly slug: string;
  readonly api: GitHubRest;
}

export function parseTeam(value: string): { org: string; slug: string } {
  const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9_.-]+)$/.exec(value);
  if (!m) throw new ContextError(`DNSSEC_OVERRIDE_TEAM must be org/team-slug, got: ${value}; set the repository variable to e.g. my-org/dns-approvers or leave it empty.`);
  return { org: m[1], slug: m[2] };
}

/**
 * The decision for this run: the live head must still be the planned commit
 * (a re-run of an old push is refused), then the timeline rule, then the team.
 */
export async function checkOverride(api: GitHubRest, ctx: PullContext, team?: ApproversTeam): Promise<OverrideDecision> {
  const pull = await api.request<{ head: { sha: string }; user: { login: string } }>("GET", `/repos/${ctx.owner}/${ctx.repo}/pulls/${ctx.pullNumber}`);
  if (pull.head.sha !== ctx.headSha) {
    return { honoured: false, reason: `this run planned ${ctx.headSha}, but the pull request's head is now ${pull.head.sha}; the newer run decides` };
  }
  const events = await api.paginate<TimelineEvent>(`/repos/${ctx.owner}/${ctx.repo}/issues/${ctx.pullNumber}/timeline`);
  const decision = decideOverride(events, { author: pull.user.login });
  if (!decision.honoured || team === undefined) return decision;
  if (!(await isActiveMember(team, decision.by))) {
    return { honoured: false, reason: `the ${OVERRIDE_LABEL} label was added by ${decision.by}, who is not an active member of ${team.org}/${team.slug}` };
  }
  return decision;
}

async function isActiveMember(team: ApproversTeam, login: string): Promise<boolean> {
  try {
    const m = await team.api.request<{ state: string }>("GET", `/orgs/${team.org}/teams/${team.slug}/memberships/${encodeURIComponent(login)}`);
    return m.state === "active";
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return false;
    throw error;
  }
}

/**
 * Run on `synchronize`: a push invalidates any approval of the previous plan.
 * The removal is itself dated on the timeline. A missing label is fine.
 */
export async function resetOverride(api: GitHubRest, ctx: PullContext): Promise<"removed" | "absent"> {
  try {
    await api.request("DELETE", `/repos/${ctx.owner}/${ctx.repo}/issues/${ctx.pullNumber}/labels/${encodeURIComponent(OVERRIDE_LABEL)}`);
    return "removed";
  } catch (error) {
    if (error instanceof GitHubApiError && error.status === 404) return "absent";
    throw error;
  }
}
