import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../tools/github/cli";
import { failureBody, inProgressBody, parseComment, plannedBody } from "../../../tools/github/comment";
import { COMMENT_MARKER } from "../../../tools/plan-comment/constants";
import { startFakeGitHub, stepEnv, type FakeGitHub } from "./fake-github";

const SHA = "1".repeat(40);
const NEW_SHA = "2".repeat(40);
const RENDERED = `${COMMENT_MARKER}\n\n## Terraform plan\n\nzone: 1 to update\n`;
const ctx = { headSha: SHA, runUrl: "https://github.example/o/r/actions/runs/42/attempts/1" };

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function run(args: string[], extra: Record<string, string> = {}) {
  const lines: string[] = [];
  const code = await main(args, stepEnv(fake!, extra), (s) => lines.push(s));
  return { code, out: lines.join("\n") };
}

function renderedFile(text = RENDERED): string {
  const file = join(mkdtempSync(join(tmpdir(), "plan-comment-")), "comment.md");
  writeFileSync(file, text);
  return file;
}

describe("plan comment bodies", () => {
  it("names the head commit the plan was made for, under the marker", () => {
    const body = plannedBody(RENDERED, ctx);
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(body).toContain(`Planned for head commit \`${SHA}\``);
    expect(body.split(COMMENT_MARKER)).toHaveLength(2);
    expect(parseComment(body)).toEqual({ sha: SHA, state: "planned", plan: "## Terraform plan\n\nzone: 1 to update\n" });
  });

  it("marks the previous plan as stale while a new run is in progress, keeping it readable", () => {
    const body = inProgressBody(plannedBody(RENDERED, ctx), { ...ctx, headSha: NEW_SHA });
    expect(body).toContain("A new plan for head commit `2222222` is in progress");
    expect(body).toContain("The plan below is **stale**: it was made for `1111111`");
    expect(body).toContain("zone: 1 to update");
    expect(parseComment(body).state).toBe("in-progress");
    // The same commit planned again (a label change) is not called stale.
    const again = inProgressBody(plannedBody(RENDERED, ctx), ctx);
    expect(again).not.toContain("stale");
    expect(again).toContain("for this same commit and is being made again");
    // Marking twice never stacks banners.
    expect(inProgressBody(body, { ...ctx, headSha: NEW_SHA }).match(/dnssec-cdktf:status sha=/g)).toHaveLength(1);
  });

  it("replaces the plan with the failed jobs and their log links on failure", () => {
    const body = failureBody([{ name: "plan (zone, then app)", conclusion: "failure", url: "https://github.example/o/r/actions/runs/42/job/9" }], ctx);
    expect(body).toContain(`The plan for head commit \`${SHA}\` **failed**`);
    expect(body).toContain("job `plan (zone, then app)`: failure, [log](https://github.example/o/r/actions/runs/42/job/9)");
    expect(parseComment(body).plan).toBe("");
    expect(body).not.toContain("Terraform plan");
  });
});

describe("npm run github (against a fake GitHub API)", () => {
  it("creates the comment when there is none, then updates that one comment", async () => {
    fake = await startFakeGitHub({ headSha: SHA });
    fake.state.comments.push(
      { id: 1, body: "LGTM", user: { login: "bob", type: "User" } },
      { id: 2, body: `${COMMENT_MARKER} quoted by a human`, user: { login: "bob", type: "User" } },
      { id: 3, body: "other bot", user: { login: "ci[bot]", type: "Bot" } },
    );
    expect(await run(["post-plan", renderedFile()])).toEqual({ code: 0, out: "plan comment: created" });
    expect(await run(["post-plan", renderedFile(RENDERED.replace("1 to update", "2 to update"))])).toEqual({ code: 0, out: "plan comment: updated" });
    const mine = fake.state.comments.filter((c) => c.body.startsWith(COMMENT_MARKER) && c.user.type === "Bot");
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toContain("2 to update");
    expect(fake.state.comments[1].body).toBe(`${COMMENT_MARKER} quoted by a human`);
    expect(fake.state.requests.filter((r) => r.startsWith("GET /repos/o/r/issues/7/comments")).length).toBeGreaterThan(2); // paginated
    expect(new Set(fake.state.tokens)).toEqual(new Set(["Bearer ghs_test"]));
  });

  it("marks an existing comment as in progress and stale, or creates one saying so", async () => {
    fake = await startFakeGitHub({ headSha: NEW_SHA });
    expect((await run(["mark-in-progress"])).out).toBe("plan comment: created");
    expect(fake.state.comments[0].body).toContain("is in progress");
    fake.state.comments[0].body = plannedBody(RENDERED, ctx);
    expect((await run(["mark-in-progress"])).out).toBe("plan comment: updated");
    expect(fake.state.comments[0].body).toContain("**stale**");
    expect(fake.state.comments[0].body).toContain("zone: 1 to update");
  });

  it("posts the failed jobs of this run attempt with their logs", async () => {
    fake = await startFakeGitHub({ headSha: SHA });
    fake.state.comments.push({ id: 5, body: plannedBody(RENDERED, ctx), user: { login: "github-actions[bot]", type: "Bot" } });
    fake.state.jobs = [
      { name: "checks", conclusion: "success", html_url: "https://github.example/j/1" },
      { name: "mark", conclusion: "success", html_url: "https://github.example/j/2" },
      { name: "plan (zone, then app)", conclusion: "failure", html_url: "https://github.example/j/3" },
      { name: "gate", conclusion: null, html_url: "https://github.example/j/4" },
    ];
    expect((await run(["post-failure"])).code).toBe(0);
    const body = fake.state.comments[0].body;
    expect(body).toContain("job `plan (zone, then app)`: failure, [log](https://github.example/j/3)");
    expect(body).not.toContain("job `checks`");
    expect(body).not.toContain("zone: 1 to update");
  });

  it("leaves the comment alone when a newer push superseded this run", async () => {
    fake = await startFakeGitHub({ headSha: NEW_SHA });
    fake.state.comments.push({ id: 5, body: "kept", user: { login: "github-actions[bot]", type: "Bot" } });
    expect((await run(["post-plan", renderedFile()], { HEAD_SHA: SHA })).out).toBe("plan comment: superseded");
    expect((await run(["post-failure"], { HEAD_SHA: SHA })).out).toBe("plan comment: superseded");
    expect(fake.state.comments[0].body).toBe("kept");
  });

  it("answers a missing token or an API error in one line, exit 2", async () => {
    fake = await startFakeGitHub({ headSha: SHA });
    expect(await run(["post-plan", renderedFile()], { GITHUB_TOKEN: "" })).toEqual({ code: 2, out: "::error::github: GITHUB_TOKEN is not set; pass it in the step's env." });
    const r = await run(["post-plan", renderedFile()], { PR_NUMBER: "8" });
    expect(r).toEqual({ code: 2, out: "::error::github: GitHub API GET /repos/o/r/pulls/8 answered 404: Not Found" });
    expect((await run(["nope"])).code).toBe(2);
  });
});
