import type { DomainReport, Verdict } from "../report";

/**
 * The scheduled watch: one GitHub issue per repository that is open while a
 * watched domain's chain of trust is degraded, updated while it lasts and
 * closed once every domain is healthy again. It catches what the CloudWatch
 * alarms cannot see: a DS changed or removed at the registrar, a parent that
 * stopped delegating, a break only resolvers notice.
 */

/** Hidden in the issue body so the watch finds its own issue among the label's. */
export const WATCH_MARKER = "<!-- dnssec-verify-watch -->";

/** Label of the watch issue. */
export const WATCH_LABEL = "dnssec-watch";

/** The part of the GitHub REST API the watch uses. */
export interface IssuesApi {
  listOpen(label: string): Promise<readonly { number: number; body: string | null }[]>;
  create(issue: { title: string; body: string; labels: readonly string[] }): Promise<{ number: number }>;
  update(number: number, change: { title?: string; body?: string; state?: "closed"; state_reason?: "completed" }): Promise<void>;
  comment(number: number, body: string): Promise<void>;
}

export interface WatchOptions {
  /** Verdicts that need no issue. @default ["secure"] */
  readonly healthy?: readonly Verdict[];
  /** Link to the workflow run, shown in the issue. @default - none */
  readonly runUrl?: string;
}

export type WatchAction = { readonly action: "opened" | "updated" | "closed"; readonly issue: number } | { readonly action: "none" };

function findings(report: DomainReport): string[] {
  const bad = report.checks.filter((c) => c.status === "fail" || c.status === "error" || (c.verdict !== null && c.verdict !== "secure" && c.status !== "pass"));
  return bad.map((c) => `| ${c.status} | \`${c.id}\` | ${cell(c.subject)} | ${cell(c.summary)} | ${cell(c.fix ?? "")} |`);
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The issue title and body for the degraded domains. */
export function issueText(degraded: readonly DomainReport[], opts: WatchOptions = {}): { title: string; body: string } {
  const title =
    degraded.length === 1
      ? `DNSSEC watch: ${degraded[0].domain} is ${degraded[0].verdict}`
      : `DNSSEC watch: ${degraded.length} domains are not secure (${degraded.map((d) => `${d.domain} ${d.verdict}`).join(", ")})`;
  const sections = degraded.map((d) =>
    [
      `## ${d.domain}: ${d.verdict}`,
      "",
      `Checked at ${d.checkedAt} against the trust anchor ${d.trustAnchor.zone} (${d.trustAnchor.source}).`,
      "",
      "| status | check | subject | finding | fix |",
      "|---|---|---|---|---|",
      ...findings(d),
    ].join("\n"),
  );
  const footer = [
    opts.runUrl ? `Last run: ${opts.runUrl}` : "",
    "This issue is kept up to date by the scheduled `watch` workflow and closed when every domain is secure again.",
    WATCH_MARKER,
  ].filter((l) => l !== "");
  return { title, body: [...sections, "", ...footer].join("\n") };
}

/** Opens, updates or closes the one watch issue to match the reports. */
export async function syncWatchIssue(api: IssuesApi, reports: readonly DomainReport[], opts: WatchOptions = {}): Promise<WatchAction> {
  if (reports.length === 0) throw new Error("the watch got no verify report; check that the verify step wrote its JSON");
  const healthy = new Set<Verdict>(opts.healthy ?? ["secure"]);
  const degraded = reports.filter((r) => !healthy.has(r.verdict));
  const open = (await api.listOpen(WATCH_LABEL)).find((i) => (i.body ?? "").includes(WATCH_MARKER));
  if (degraded.length === 0) {
    if (!open) return { action: "none" };
    const summary = reports.map((r) => `${r.domain} ${r.verdict}`).join(", ");
    await api.comment(open.number, `The chain of trust is healthy again: ${summary}.${opts.runUrl ? ` (${opts.runUrl})` : ""}`);
    await api.update(open.number, { state: "closed", state_reason: "completed" });
    return { action: "closed", issue: open.number };
  }
  const text = issueText(degraded, opts);
  if (!open) {
    const created = await api.create({ ...text, labels: [WATCH_LABEL] });
    return { action: "opened", issue: created.number };
  }
  await api.update(open.number, text);
  return { action: "updated", issue: open.number };
}

/** The REST calls behind IssuesApi (https://docs.github.com/en/rest/issues), with the workflow's token. */
export function gitHubIssuesApi(options: { readonly apiUrl: string; readonly repository: string; readonly token: string; readonly fetch?: typeof fetch }): IssuesApi {
  const doFetch = options.fetch ?? fetch;
  const base = `${options.apiUrl.replace(/\/$/, "")}/repos/${options.repository}`;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          accept: "application/vnd.github+json",
          authorization: `Bearer ${options.token}`,
          "x-github-api-version": "2022-11-28",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      // fetch says only "fetch failed"; the reason (refused, DNS, TLS) is its cause.
      const e = err as Error & { cause?: { message?: string } };
      throw new Error(`GitHub ${method} ${path} failed: ${e.cause?.message ?? e.message}; check GITHUB_API_URL and the network`);
    }
    if (!res.ok) throw new Error(`GitHub ${method} ${path} failed: ${res.status} ${(await res.text()).slice(0, 200)}`);
    return (await res.json()) as T;
  };
  return {
    listOpen: async (label) => {
      const out: { number: number; body: string | null; pull_request?: unknown }[] = [];
      for (let page = 1; page <= 10; page += 1) {
        const batch = await call<{ number: number; body: string | null; pull_request?: unknown }[]>("GET", `/issues?state=open&labels=${encodeURIComponent(label)}&per_page=100&page=${page}`);
        out.push(...batch);
        if (batch.length < 100) break;
      }
      // The issues endpoint also lists pull requests.
      return out.filter((i) => i.pull_request === undefined).map((i) => ({ number: i.number, body: i.body }));
    },
    create: async (issue) => {
      const created = await call<{ number: number }>("POST", "/issues", issue);
      return { number: created.number };
    },
    update: async (number, change) => {
      await call("PATCH", `/issues/${number}`, change);
    },
    comment: async (number, body) => {
      await call("POST", `/issues/${number}/comments`, { body });
    },
  };
}
