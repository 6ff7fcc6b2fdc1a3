import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { CheckResult, DomainReport, Verdict } from "../../../../tools/verify/report";
import { gitHubIssuesApi, syncWatchIssue, WATCH_LABEL, WATCH_MARKER } from "../../../../tools/verify/watch/issue";

interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  state_reason?: string;
  labels: string[];
  comments: string[];
  pull_request?: object;
}

/** A local stand-in for the GitHub REST issues API of one repository, on 127.0.0.1. */
async function fakeGitHub(repository: string, seed: FakeIssue[] = []): Promise<{ url: string; issues: FakeIssue[]; calls: string[]; close(): Promise<void> }> {
  const issues = [...seed];
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (d: Buffer) => (raw += d.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      calls.push(`${req.method} ${url.pathname}`);
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== "Bearer test-token") return send(401, { message: "Bad credentials" });
      const prefix = `/repos/${repository}/issues`;
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const one = new RegExp(`^${prefix}/(\\d+)(/comments)?$`).exec(url.pathname);
      if (req.method === "GET" && url.pathname === prefix) {
        const label = url.searchParams.get("labels");
        return send(200, issues.filter((i) => i.state === url.searchParams.get("state") && (!label || i.labels.includes(label))));
      }
      if (req.method === "POST" && url.pathname === prefix) {
        const issue: FakeIssue = { number: issues.length + 1, title: String(body.title), body: String(body.body), state: "open", labels: (body.labels as string[]) ?? [], comments: [] };
        issues.push(issue);
        return send(201, issue);
      }
      const issue = one ? issues.find((i) => i.number === Number(one[1])) : undefined;
      if (!issue) return send(404, { message: "Not Found" });
      if (req.method === "PATCH" && !one![2]) {
        Object.assign(issue, body);
        return send(200, issue);
      }
      if (req.method === "POST" && one![2]) {
        issue.comments.push(String(body.body));
        return send(201, { id: issue.comments.length });
      }
      send(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, issues, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const check = (status: CheckResult["status"], id: string, summary: string, fix: string | null, verdict: Verdict | null): CheckResult => ({ id, subject: "example.org.", status, summary, fix, verdict });

function report(domain: string, verdict: Verdict, checks: CheckResult[] = []): DomainReport {
  return {
    schemaVersion: 1,
    domain,
    verdict,
    exitCode: { secure: 0, insecure: 1, bogus: 2, error: 3 }[verdict],
    checkedAt: "2026-01-02T05:23:00.000Z",
    durationMs: 12,
    trustAnchor: { zone: ".", source: "built-in root KSK" },
    zones: [".", "org.", domain],
    checks,
    chain: [],
  };
}

const dsGone = report("example.org.", "bogus", [
  check("pass", "dns.dnskey.ksk", "KSK present", null, null),
  check("fail", "dns.ds.digest", "DS 1234/ECDSAP256SHA256/SHA-256 (ab…) matches no DNSKEY", "publish the DS record of the zone's active KSK at the registrar", "bogus"),
]);

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function setup(seed: FakeIssue[] = []) {
  const gh = await fakeGitHub("acme/dns", seed);
  servers.push(gh);
  return { gh, api: gitHubIssuesApi({ apiUrl: gh.url, repository: "acme/dns", token: "test-token" }) };
}

describe("syncWatchIssue against a fake GitHub REST API", () => {
  it("opens one labelled issue naming the failed checks and their fixes when the verdict degrades", async () => {
    const { gh, api } = await setup();
    expect(await syncWatchIssue(api, [dsGone], { runUrl: "https://github.com/acme/dns/actions/runs/7" })).toEqual({ action: "opened", issue: 1 });
    expect(gh.issues).toHaveLength(1);
    const [issue] = gh.issues;
    expect(issue).toMatchObject({ title: "DNSSEC watch: example.org. is bogus", state: "open", labels: [WATCH_LABEL] });
    expect(issue.body).toContain("| fail | `dns.ds.digest` | example.org. | DS 1234/ECDSAP256SHA256/SHA-256 (ab…) matches no DNSKEY | publish the DS record of the zone's active KSK at the registrar |");
    expect(issue.body).not.toContain("dns.dnskey.ksk");
    expect(issue.body).toContain("https://github.com/acme/dns/actions/runs/7");
    expect(issue.body).toContain(WATCH_MARKER);
  });

  it("updates the same issue while the problem lasts instead of opening another", async () => {
    const { gh, api } = await setup();
    await syncWatchIssue(api, [dsGone]);
    const lame = report("example.org.", "error", [check("error", "dns.zone.lame", "lame delegation: 192.0.2.53:53 does not serve example.org.", "fix the NS records", "error")]);
    expect(await syncWatchIssue(api, [lame])).toEqual({ action: "updated", issue: 1 });
    expect(gh.issues).toHaveLength(1);
    expect(gh.issues[0].title).toBe("DNSSEC watch: example.org. is error");
    expect(gh.issues[0].body).toContain("lame delegation: 192.0.2.53:53 does not serve example.org.");
    expect(gh.issues[0].body).not.toContain("dns.ds.digest");
  });

  it("closes the issue with a comment when the chain is secure again", async () => {
    const { gh, api } = await setup();
    await syncWatchIssue(api, [dsGone]);
    expect(await syncWatchIssue(api, [report("example.org.", "secure")])).toEqual({ action: "closed", issue: 1 });
    expect(gh.issues[0]).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(gh.issues[0].comments).toEqual(["The chain of trust is healthy again: example.org. secure."]);
    // Nothing open and nothing wrong: no call but the lookup.
    gh.calls.length = 0;
    expect(await syncWatchIssue(api, [report("example.org.", "secure")])).toEqual({ action: "none" });
    expect(gh.calls).toEqual(["GET /repos/acme/dns/issues"]);
  });

  it("leaves issues and pull requests it did not open alone", async () => {
    const other: FakeIssue = { number: 1, title: "someone else's", body: "no marker", state: "open", labels: [WATCH_LABEL], comments: [] };
    const pr: FakeIssue = { number: 2, title: "a PR", body: WATCH_MARKER, state: "open", labels: [WATCH_LABEL], comments: [], pull_request: {} };
    const { gh, api } = await setup([other, pr]);
    expect(await syncWatchIssue(api, [dsGone])).toEqual({ action: "opened", issue: 3 });
    expect(await syncWatchIssue(api, [report("example.org.", "secure")])).toEqual({ action: "closed", issue: 3 });
    expect(gh.issues.filter((i) => i.state === "open").map((i) => i.number)).toEqual([1, 2]);
  });

  it("counts insecure as healthy only when told to", async () => {
    const { gh, api } = await setup();
    const noDs = report("example.org.", "insecure", [check("warn", "dns.ds.present", "org. publishes no DS for example.org.", "publish the DS at the registrar", "insecure")]);
    expect(await syncWatchIssue(api, [noDs], { healthy: ["secure", "insecure"] })).toEqual({ action: "none" });
    expect(await syncWatchIssue(api, [noDs])).toEqual({ action: "opened", issue: 1 });
    expect(gh.issues[0].body).toContain("| warn | `dns.ds.present` |");
  });

  it("names every degraded domain of a fleet in one issue", async () => {
    const { gh, api } = await setup();
    await syncWatchIssue(api, [dsGone, report("example.net.", "secure"), report("example.com.", "error", [check("error", "dns.zone.find", "timed out", "check the name servers", "error")])]);
    expect(gh.issues[0].title).toBe("DNSSEC watch: 2 domains are not secure (example.org. bogus, example.com. error)");
    expect(gh.issues[0].body).toContain("## example.com.: error");
    expect(gh.issues[0].body).not.toContain("## example.net.");
  });

  it("fails with the API's answer when the token is refused", async () => {
    const { gh } = await setup();
    const api = gitHubIssuesApi({ apiUrl: gh.url, repository: "acme/dns", token: "wrong" });
    await expect(syncWatchIssue(api, [dsGone])).rejects.toThrow(/GitHub GET \/issues\?state=open&labels=dnssec-watch&per_page=100&page=1 failed: 401/);
  });

  it("names the network error when the API cannot be reached", async () => {
    const { gh } = await setup();
    await gh.close();
    servers.length = 0;
    const api = gitHubIssuesApi({ apiUrl: gh.url, repository: "acme/dns", token: "test-token" });
    await expect(syncWatchIssue(api, [dsGone])).rejects.toThrow(/GitHub GET \/issues\?.* failed: .*ECONNREFUSED.*; check GITHUB_API_URL/);
  });
});
