import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../tools/github/cli";
import { decideOverride, type TimelineEvent } from "../../../tools/github/override";
import { OVERRIDE_LABEL } from "../../../tools/plan-comment/constants";
import { startFakeGitHub, stepEnv, type FakeGitHub } from "./fake-github";

const commit = (date: string): TimelineEvent => ({ event: "committed", sha: "c".repeat(40), committer: { date } });
const labeled = (login: string, at: string, name = OVERRIDE_LABEL): TimelineEvent => ({ event: "labeled", created_at: at, actor: { login }, label: { name } });
const unlabeled = (login: string, at: string): TimelineEvent => ({ event: "unlabeled", created_at: at, actor: { login }, label: { name: OVERRIDE_LABEL } });

describe("decideOverride", () => {
  it("honours the label added by a reviewer after the latest push", () => {
    expect(decideOverride([commit("2026-01-01T10:00:00Z"), labeled("bob", "2026-01-01T11:00:00Z")], { author: "alice" })).toEqual({
      honoured: true,
      by: "bob",
      at: "2026-01-01T11:00:00Z",
    });
  });

  it("refuses a label added before the latest push", () => {
    const d = decideOverride([labeled("bob", "2026-01-01T11:00:00Z"), commit("2026-01-01T12:00:00Z")], { author: "alice" });
    expect(d).toMatchObject({ honoured: false });
    expect(!d.honoured && d.reason).toContain("before the latest push");
  });

  it("refuses a label added before a force-push", () => {
    const events: TimelineEvent[] = [
      commit("2026-01-01T09:00:00Z"),
      labeled("bob", "2026-01-01T11:00:00Z"),
      { event: "head_ref_force_pushed", created_at: "2026-01-01T12:00:00Z", actor: { login: "alice" } },
    ];
    expect(decideOverride(events, { author: "alice" }).honoured).toBe(false);
  });

  it("refuses a label added by the pull request's author, whatever the case of the login", () => {
    const d = decideOverride([commit("2026-01-01T10:00:00Z"), labeled("Alice", "2026-01-01T11:00:00Z")], { author: "alice" });
    expect(!d.honoured && d.reason).toContain("the pull request's author");
  });

  it("refuses a label removed since, and ignores other labels", () => {
    const events = [commit("2026-01-01T10:00:00Z"), labeled("bob", "2026-01-01T11:00:00Z"), unlabeled("github-actions[bot]", "2026-01-01T11:05:00Z"), labeled("bob", "2026-01-01T11:10:00Z", "docs")];
    const d = decideOverride(events, { author: "alice" });
    expect(!d.honoured && d.reason).toBe(`the ${OVERRIDE_LABEL} label is not set`);
  });

  it("honours a label added again after the removal that a push triggered", () => {
    const events = [labeled("bob", "2026-01-01T11:00:00Z"), commit("2026-01-01T12:00:00Z"), unlabeled("github-actions[bot]", "2026-01-01T12:01:00Z"), labeled("carol", "2026-01-01T13:00:00Z")];
    expect(decideOverride(events, { author: "alice" })).toMatchObject({ honoured: true, by: "carol" });
  });
});

describe("npm run github -- guard / reset-override (against a fake GitHub API)", () => {
  let fake: FakeGitHub | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const run = async (args: string[], extra: Record<string, string> = {}) => {
    const lines: string[] = [];
    const code = await main(args, stepEnv(fake!, extra), (s) => lines.push(s));
    return { code, out: lines.join("\n") };
  };
  const reviewed = (): TimelineEvent[] => [commit("2026-01-01T10:00:00Z"), labeled("x", "2026-01-01T10:30:00Z", "docs"), labeled("bob", "2026-01-01T11:00:00Z")];

  it("passes a danger that a reviewer approved after the latest push, reading the whole paginated timeline", async () => {
    fake = await startFakeGitHub({ timeline: reviewed() });
    const r = await run(["guard"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("added by bob at 2026-01-01T11:00:00Z");
    expect(fake.state.requests.filter((q) => q === "GET /repos/o/r/issues/7/timeline")).toHaveLength(2);
  });

  it("fails when the author set the label", async () => {
    fake = await startFakeGitHub({ author: "bob", timeline: reviewed() });
    const r = await run(["guard"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^::error::.*added by bob, the pull request's author/);
  });

  it("fails a re-run of an older push, whose event still carries the label", async () => {
    fake = await startFakeGitHub({ headSha: "b".repeat(40), timeline: reviewed() });
    const r = await run(["guard"], { HEAD_SHA: "a".repeat(40) });
    expect(r.code).toBe(1);
    expect(r.out).toContain(`but the pull request's head is now ${"b".repeat(40)}`);
  });

  it("with an approvers team, passes only a member's label, asking with the team token", async () => {
    fake = await startFakeGitHub({ timeline: reviewed(), teams: { "acme/dns": ["carol"] } });
    const env = { DNSSEC_OVERRIDE_TEAM: "acme/dns", DNSSEC_OVERRIDE_TEAM_TOKEN: "ghp_org" };
    const refused = await run(["guard"], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("bob, who is not an active member of acme/dns");
    expect(fake.state.tokens).toContain("Bearer ghp_org");
    fake.state.timeline.push(labeled("carol", "2026-01-01T12:00:00Z"));
    expect((await run(["guard"], env)).code).toBe(0);
    expect(await run(["guard"], { DNSSEC_OVERRIDE_TEAM: "not a team", DNSSEC_OVERRIDE_TEAM_TOKEN: "t" })).toEqual({
      code: 2,
      out: "::error::github: DNSSEC_OVERRIDE_TEAM must be org/team-slug, got: not a team; set the repository variable to e.g. my-org/dns-approvers or leave it empty.",
    });
  });

  it("removes the label on a push, and a later guard then refuses", async () => {
    fake = await startFakeGitHub({ labels: [OVERRIDE_LABEL], timeline: reviewed() });
    expect((await run(["reset-override"])).out).toBe("override label: removed");
    expect((await run(["reset-override"])).out).toBe("override label: absent");
    expect((await run(["guard"])).code).toBe(1);
  });
});
