/**
 * A small client for the GitHub REST API over the global fetch, with the one
 * token GitHub Actions gives the job. Kept to what the workflows need so that
 * the fake in the tests can stand in for api.github.com exactly.
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export interface RestOptions {
  /** `GITHUB_API_URL`, e.g. https://api.github.com. */
  readonly apiUrl: string;
  /** `GITHUB_TOKEN` of the job. */
  readonly token: string;
  /** @default the global fetch */
  readonly fetch?: typeof fetch;
}

export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "GitHubApiError";
  }
}

export class GitHubRest {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: RestOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** One request; a non-2xx answer becomes a one-line GitHubApiError. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { data } = await this.send(method, this.url(path), body);
    return data as T;
  }

  /**
   * Every page of a list endpoint, following the `Link: <…>; rel="next"` header.
   * `key` names the array of endpoints that wrap each page (`{ total_count, jobs }`).
   */
  async paginate<T>(path: string, key?: string): Promise<T[]> {
    const out: T[] = [];
    let url: string | undefined = this.url(path + (path.includes("?") ? "&" : "?") + "per_page=100");
    while (url) {
      const { data, next } = await this.send("GET", url);
      const page = key === undefined ? data : (data as Record<string, unknown> | undefined)?.[key];
      if (!Array.isArray(page)) throw new GitHubApiError(`GitHub API GET ${new URL(url).pathname} did not answer a list`, 200);
      out.push(...(page as T[]));
      url = next;
    }
    return out;
  }

  private url(path: string): string {
    return `${this.options.apiUrl.replace(/\/+$/, "")}${path}`;
  }

  private async send(method: string, url: string, body?: unknown): Promise<{ data: unknown; next?: string }> {
    const response = await this.fetchImpl(url, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${this.options.token}`,
        "x-github-api-version": "2022-11-28",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      const detail = safeMessage(text);
      throw new GitHubApiError(`GitHub API ${method} ${new URL(url).pathname} answered ${response.status}${detail ? `: ${detail}` : ""}`, response.status);
    }
    return { data: text === "" ? undefined : JSON.parse(text), next: nextLink(response.headers.get("link")) };
  }
}

function safeMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    return typeof parsed.message === "string" ? parsed.message : "";
  } catch {
    return "";
  }
}

/** The rel="next" URL of a Link header (RFC 8288), if any. */
export function nextLink(header: string | null): string | undefined {
  for (const part of (header ?? "").split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (m) return m[1];
  }
  return undefined;
}
