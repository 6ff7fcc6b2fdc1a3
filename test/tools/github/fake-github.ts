import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TimelineEvent } from "../../../tools/github/override";

/**
 * A fake of the GitHub REST API endpoints the workflow steps call, served on
 * 127.0.0.1: the same paths, verbs, status codes and Link pagination, over an
 * in-memory pull request. Small pages (per_page is honoured) make every list
 * cross a page boundary.
 */
export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: "Bot" | "User" };
}

export interface FakeJob {
  name: string;
  conclusion: string | null;
  html_url: string;
}

export interface FakeState {
  headSha: string;
  author: string;
  labels: string[];
  comments: FakeComment[];
  timeline: TimelineEvent[];
  jobs: FakeJob[];
  /** `org/slug` → logins of active members. */
  teams: Record<string, string[]>;
  /** Every request, `METHOD path`, for assertions. */
  requests: string[];
  /** The token each request carried. */
  tokens: string[];
}

export interface FakeGitHub {
  readonly url: string;
  readonly state: FakeState;
  close(): Promise<void>;
}

const PAGE_CAP = 2;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString("utf8")));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

export async function startFakeGitHub(initial: Partial<FakeState> = {}): Promise<FakeGitHub> {
  const state: FakeState = {
    headSha: "a".repeat(40),
    author: "alice",
    labels: [],
    comments: [],
    timeline: [],
    jobs: [],
    teams: {},
    requests: [],
    tokens: [],
    ...initial,
  };
  let nextId = 1000;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    state.requests.push(`${method} ${url.pathname}`);
    state.tokens.push(String(req.headers.authorization ?? ""));
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    if (!String(req.headers.authorization ?? "").startsWith("Bearer ")) return send(401, { message: "Requires authentication" });
    const page = <T>(items: T[], wrap?: string) => {
      const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), PAGE_CAP);
      const n = Number(url.searchParams.get("page") ?? 1);
      const slice = items.slice((n - 1) * perPage, n * perPage);
      const headers: Record<string, string> = {};
      if (n * perPage < items.length) {
        const next = new URL(url.toString());
        next.searchParams.set("page", String(n + 1));
        headers.link = `<http://${req.headers.host}${next.pathname}${next.search}>; rel="next", <http://${req.headers.host}${url.pathname}?page=1>; rel="first"`;
      }
      send(200, wrap ? { total_count: items.length, [wrap]: slice } : slice, headers);
    };
    const body = method === "POST" || method === "PATCH" ? (JSON.parse((await readBody(req)) || "{}") as { body?: string }) : {};
    const p = url.pathname;
    let m: RegExpExecArray | null;
    if (method === "GET" && /^\/repos\/o\/r\/pulls\/7$/.test(p)) {
      return send(200, { number: 7, head: { sha: state.headSha }, user: { login: state.author }, labels: state.labels.map((name) => ({ name })) });
    }
    if (method === "GET" && p === "/repos/o/r/issues/7/comments") return page(state.comments);
    if (method === "POST" && p === "/repos/o/r/issues/7/comments") {
      const c: FakeComment = { id: nextId++, body: String(body.body), user: { login: "github-actions[bot]", type: "Bot" } };
      state.comments.push(c);
      return send(201, c);
    }
    if (method === "PATCH" && (m = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(p))) {
      const c = state.comments.find((x) => x.id === Number(m![1]));
      if (!c) return send(404, { message: "Not Found" });
      c.body = String(body.body);
      return send(200, c);
    }
    if (method === "GET" && p === "/repos/o/r/issues/7/timeline") return page(state.timeline);
    if (method === "DELETE" && (m = /^\/repos\/o\/r\/issues\/7\/labels\/([^/]+)$/.exec(p))) {
      const name = decodeURIComponent(m[1]);
      if (!state.labels.includes(name)) return send(404, { message: "Label does not exist" });
      state.labels = state.labels.filter((l) => l !== name);
      state.timeline.push({ event: "unlabeled", created_at: new Date().toISOString(), actor: { login: "github-actions[bot]" }, label: { name } });
      return send(200, state.labels.map((l) => ({ name: l })));
    }
    if (method === "GET" && /^\/repos\/o\/r\/actions\/runs\/42\/attempts\/1\/jobs$/.test(p)) return page(state.jobs, "jobs");
    if (method === "GET" && (m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(p))) {
      const members = state.teams[`${m[1]}/${m[2]}`] ?? [];
      return members.includes(decodeURIComponent(m[3])) ? send(200, { state: "active", role: "member" }) : send(404, { message: "Not Found" });
    }
    send(404, { message: "Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The env a workflow step gets, pointed at the fake. */
export function stepEnv(fake: FakeGitHub, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_API_URL: fake.url,
    GITHUB_TOKEN: "ghs_test",
    GITHUB_REPOSITORY: "o/r",
    GITHUB_SERVER_URL: "https://github.example",
    GITHUB_RUN_ID: "42",
    GITHUB_RUN_ATTEMPT: "1",
    PR_NUMBER: "7",
    HEAD_SHA: fake.state.headSha,
    ...extra,
  };
}
