import { describe, expect, it } from "vitest";
import { GitHubApiError, GitHubRest, nextLink } from "../../../tools/github/rest";

describe("GitHubRest", () => {
  it("reads the next page from a Link header, wherever rel=next stands", () => {
    expect(nextLink('<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"')).toBe("https://api.github.com/x?page=2");
    expect(nextLink('<https://api.github.com/x?page=1>; rel="prev", <https://api.github.com/x?page=3>; rel="next"')).toBe("https://api.github.com/x?page=3");
    expect(nextLink('<https://api.github.com/x?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it("turns an error answer into one line with GitHub's message, and refuses a non-list page", async () => {
    const answers: Response[] = [
      new Response(JSON.stringify({ message: "Resource not accessible by integration" }), { status: 403 }),
      new Response("<html>bad gateway</html>", { status: 502 }),
      new Response(JSON.stringify({ total_count: 0 }), { status: 200 }),
    ];
    const api = new GitHubRest({ apiUrl: "https://api.example/", token: "t", fetch: async () => answers.shift()! });
    await expect(api.request("POST", "/repos/o/r/issues/1/comments", { body: "x" })).rejects.toThrow(
      new GitHubApiError("GitHub API POST /repos/o/r/issues/1/comments answered 403: Resource not accessible by integration", 403),
    );
    await expect(api.request("GET", "/repos/o/r")).rejects.toThrow("GitHub API GET /repos/o/r answered 502");
    await expect(api.paginate("/repos/o/r/actions/runs/1/jobs", "jobs")).rejects.toThrow("did not answer a list");
  });
});
