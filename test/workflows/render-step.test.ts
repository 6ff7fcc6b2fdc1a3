import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

/**
 * Runs the render steps of both workflows, exactly as written, with the real renderer on plan
 * fixtures: the danger output that gates the comment and the applies is "true" or "false" only
 * when the renderer said so, and the plan JSON does not outlive the step.
 */
const ROOT = join(__dirname, "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures", "plans", "dnssec");
const SAFE = join(FIXTURES, "zone-tags-only.json");
const DANGER = join(FIXTURES, "danger-remove-active-ksk.json");
type Wf = { jobs: Record<string, { steps: { id?: string; run?: string }[] }> };
const load = (f: string) => parse(readFileSync(join(ROOT, ".github", "workflows", f), "utf8")) as Wf;
const renderScript = (file: string, job: string) => load(file).jobs[job].steps.find((s) => s.id === "render")!.run!;

/** A scratch checkout: the renderer and its packages, linked, and the decrypted plans. */
function workspace(plans: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "render-step-"));
  for (const entry of ["package.json", "node_modules", "tools"]) symlinkSync(join(ROOT, entry), join(dir, entry));
  mkdirSync(join(dir, "plans"));
  for (const [stack, file] of Object.entries(plans)) copyFileSync(file, join(dir, "plans", `${stack}.json`));
  return dir;
}

/** The fleet each case runs with, over whatever cdktf.json says (the second settings set has a fleet of its own). */
const fleet = (...domains: string[]) => JSON.stringify({ zones: domains.map((domainName) => ({ domainName })) });
const NO_FLEET = fleet();
/** A fleet of one on shared keys: the settings then list the dnssec-keys stack. */
const SHARED = JSON.stringify({ sharedKmsKey: true, zones: [{ domainName: "a.example.org" }] });
const CREATES = join(FIXTURES, "rotation-1-add-ksk.json");
const DELETES = join(FIXTURES, "safe-delete-not-signing.json");
const BOTH = join(FIXTURES, "danger-replace-kms-key.json");
const NO_CHANGE = join(FIXTURES, "rotation-2-publish-ds.json");

function run(script: string, dir: string, context: string = NO_FLEET, extra: Record<string, string> = {}) {
  const out = join(dir, "github-output");
  const summary = join(dir, "step-summary");
  // Apart from the workspace, as on a runner: a step's scratch files go there, not into the checkout.
  const temp = mkdtempSync(join(tmpdir(), "runner-temp-"));
  writeFileSync(out, "");
  writeFileSync(summary, "");
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, RUNNER_TEMP: temp, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary, DNSSEC_CDKTF_CONTEXT: context, ...extra },
  });
  return { status: r.status, output: readFileSync(out, "utf8"), summary: readFileSync(summary, "utf8"), stdout: r.stdout, stderr: r.stderr, dir, temp };
}

describe("render steps (real renderer on plan fixtures)", () => {
  it("pull-request.yml: danger=false for a safe plan, the comment in the summary, the JSON removed", () => {
    const dir = workspace({ zone: SAFE, app: SAFE });
    const r = run(renderScript("pull-request.yml", "render"), dir);
    expect(r.status).toBe(0);
    expect(r.output).toBe("failed-stacks=\nkeys-order=\ndanger=false\n");
    expect(r.summary).toContain("<!-- dnssec-cdktf:plan-comment -->");
    expect(readFileSync(join(dir, "comment.md"), "utf8")).toBe(r.summary);
    expect(existsSync(join(dir, "plans", "zone.json"))).toBe(false);
  });

  it("pull-request.yml: danger=true for a dangerous plan, and the step still succeeds so the comment is posted", () => {
    const r = run(renderScript("pull-request.yml", "render"), workspace({ zone: SAFE, app: DANGER }));
    expect(r.status).toBe(0);
    expect(r.output).toBe("failed-stacks=\nkeys-order=\ndanger=true\n");
  });

  it("pull-request.yml: one comment with every fleet zone's plan, in the settings' order", () => {
    const dir = workspace({ zone: SAFE, app: SAFE, "zone-b.example.net": SAFE, "zone-a.example.org": SAFE });
    const r = run(renderScript("pull-request.yml", "render"), dir, fleet("b.example.net", "A.Example.org"));
    expect(r.status).toBe(0);
    expect(r.output).toBe("failed-stacks=\nkeys-order=\ndanger=false\n");
    const order = ["`zone`", "`app`", "`zone-b.example.net`", "`zone-a.example.org`"].map((s) => r.summary.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(readdirSync(join(dir, "plans")).filter((f) => f.endsWith(".json"))).toEqual([]);
  });

  it("pull-request.yml: a fleet zone without a plan is in the comment as failed, named in the output, and never safe", () => {
    const r = run(renderScript("pull-request.yml", "render"), workspace({ zone: SAFE, app: SAFE, "zone-a.example.org": SAFE }), fleet("a.example.org", "b.example.net", "c.example.com"));
    expect(r.status).toBe(0);
    expect(r.output).toBe("failed-stacks=zone-b.example.net zone-c.example.com\nkeys-order=\ndanger=true\n");
    expect(r.summary).toContain("**No plan for 2 stacks**");
    expect(r.summary).toContain("`zone-a.example.org`");
    expect(r.stdout).toContain("::error::zone-b.example.net: no plan (its plan leg failed)");
  });

  it("pull-request.yml: a settings error stops the render with no output, not a comment without the fleet", () => {
    const r = run(renderScript("pull-request.yml", "render"), workspace({ zone: SAFE, app: SAFE }), JSON.stringify({ zones: "example.org" }));
    expect(r.status).toBe(2);
    expect(r.output).toBe("");
    expect(r.stderr).toContain('settings: error: Setting "zones"');
  });

  it("apply.yml: the fleet's guard decides per zone on the plans that will be applied; a zone without a plan is shown failed and holds back no other", () => {
    const script = renderScript("apply.yml", "render-fleet");
    const threeZones = fleet("a.example.org", "b.example.net", "c.example.com");
    // The stacks job's matrix, as render-fleet gets it.
    const legs = { LEGS: JSON.stringify(["a.example.org", "b.example.net", "c.example.com"].map((d) => ({ key: `zone-${d}`, stacks: [`zone-${d}`] }))) };
    const safe = run(script, workspace({ "zone-a.example.org": SAFE, "zone-c.example.com": SAFE }), threeZones, legs);
    expect(safe.status).toBe(0);
    expect(safe.output).toBe("failed-stacks=zone-b.example.net\ndanger-stacks=\ndanger-legs=[]\ndanger=false\n");
    expect(safe.summary).toContain("**No plan for 1 stack**");
    expect(safe.summary).toContain("`zone-b.example.net`");
    // Only zone-b waits for the dnssec-danger review; zone-c (no plan) is not applied at all, and not listed as a danger.
    const danger = run(script, workspace({ "zone-a.example.org": SAFE, "zone-b.example.net": DANGER }), threeZones, legs);
    expect(danger.status).toBe(0);
    expect(danger.output).toBe(
      'failed-stacks=zone-c.example.com\ndanger-stacks=zone-b.example.net\ndanger-legs=[{"key":"zone-b.example.net","stacks":["zone-b.example.net"]}]\ndanger=true\n',
    );
    expect(danger.stdout).toContain("::warning::zone-b.example.net: its plan has a DNSSEC danger");
    expect(danger.stdout).not.toContain("::warning::zone-a.example.org");
    // The renderer's list of dangers is written to RUNNER_TEMP, never into the checkout.
    expect(readFileSync(join(danger.temp, "dangers.txt"), "utf8")).toContain("zone-b.example.net");
    expect(existsSync(join(danger.dir, "dangers.txt"))).toBe(false);
    expect(danger.summary).toContain("### Stack `zone-b.example.net`");
    const two = run(script, workspace({ "zone-a.example.org": DANGER, "zone-b.example.net": SAFE, "zone-c.example.com": DANGER }), threeZones, legs);
    expect(two.output).toContain("danger-stacks=zone-a.example.org zone-c.example.com\n");
    expect(two.output).toContain('danger-legs=[{"key":"zone-a.example.org","stacks":["zone-a.example.org"]},{"key":"zone-c.example.com","stacks":["zone-c.example.com"]}]\n');
    // A leg of several stacks (a fleet over the matrix limit) keeps its key and only its stacks with a danger.
    const batched = { LEGS: JSON.stringify([{ key: "zones-1", stacks: ["zone-a.example.org", "zone-b.example.net", "zone-c.example.com"] }]) };
    const batch = run(script, workspace({ "zone-a.example.org": SAFE, "zone-b.example.net": DANGER, "zone-c.example.com": SAFE }), threeZones, batched);
    expect(batch.output).toContain('danger-legs=[{"key":"zones-1","stacks":["zone-b.example.net"]}]\n');
    const none = run(script, workspace({}), threeZones, legs);
    expect(none.status).toBe(0);
    expect(none.output).toBe("failed-stacks=zone-a.example.org zone-b.example.net zone-c.example.com\ndanger-stacks=\ndanger-legs=[]\ndanger=false\n");
    const dir = workspace({ "zone-a.example.org": SAFE });
    writeFileSync(join(dir, "plans", "zone-b.example.net.json"), "not json");
    const broken = run(script, dir, threeZones, legs);
    expect(broken.status).toBe(2);
    expect(broken.output).toBe("");
    expect(readdirSync(join(dir, "plans")).filter((f) => f.endsWith(".json"))).toEqual([]);
  });

  it("apply.yml: each stack's render says danger=true or false, and fails with no output on a broken plan", () => {
    expect(run(renderScript("apply.yml", "render-zone"), workspace({ zone: SAFE })).output).toBe("danger=false\n");
    const danger = run(renderScript("apply.yml", "render-app"), workspace({ app: DANGER }));
    expect(danger.output).toBe("danger=true\n");
    expect(danger.stdout).toContain("::warning::The app plan has a DNSSEC danger");
    expect(danger.summary).toContain("DNSSEC safety");
    const dir = workspace({});
    writeFileSync(join(dir, "plans", "zone.json"), "not json");
    const broken = run(renderScript("apply.yml", "render-zone"), dir);
    expect(broken.status).toBe(2);
    // No output at all: the apply job's condition asks for danger == 'false', so it does not run.
    expect(broken.output).toBe("");
  });

  it("both workflows' stacks job: the matrix legs as one output line, [] without a fleet, the stack table in the summary", () => {
    for (const file of ["pull-request.yml", "apply.yml"]) {
      const list = load(file).jobs.stacks.steps.find((s) => s.id === "list")!.run!;
      const r = run(list, workspace({}), fleet("b.example.net", "a.example.org"));
      expect(r.status, file).toBe(0);
      expect(r.output).toBe('legs=[{"key":"zone-b.example.net","stacks":["zone-b.example.net"]},{"key":"zone-a.example.org","stacks":["zone-a.example.org"]}]\nkeys=false\n');
      expect(r.summary).toContain("| `zone-b.example.net` | b.example.net |");
      expect(r.summary.indexOf("| `zone` |")).toBeLessThan(r.summary.indexOf("| `app` |"));
      expect(run(list, workspace({})).output).toBe("legs=[]\nkeys=false\n");
      const keys = run(list, workspace({}), SHARED);
      expect(keys.output).toBe('legs=[{"key":"zone-a.example.org","stacks":["zone-a.example.org"]}]\nkeys=true\n');
      expect(keys.summary).toContain("| `dnssec-keys` |");
      expect(run(list, workspace({}), JSON.stringify({ zones: 1 })).status).not.toBe(0);
    }
  });

  it("pull-request.yml: the keys plan first in the comment with its apply order; missing, it is shown failed and never safe", () => {
    const ok = run(renderScript("pull-request.yml", "render"), workspace({ "dnssec-keys": CREATES, zone: SAFE, app: SAFE, "zone-a.example.org": SAFE }), SHARED);
    expect(ok.status).toBe(0);
    expect(ok.output).toBe("failed-stacks=\nkeys-order=first\ndanger=false\n");
    const order = ["`dnssec-keys`", "`zone`", "`app`", "`zone-a.example.org`"].map((id) => ok.summary.indexOf(id));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const missing = run(renderScript("pull-request.yml", "render"), workspace({ zone: SAFE, app: SAFE, "zone-a.example.org": SAFE }), SHARED);
    expect(missing.status).toBe(0);
    expect(missing.output).toBe("failed-stacks=dnssec-keys\nkeys-order=\ndanger=true\n");
    expect(missing.stdout).toContain("::error::dnssec-keys: no plan (its plan job failed)");
    expect(missing.summary).toContain("**No plan for 1 stack**");
  });

  it("pull-request.yml: a keys plan that both adds and deletes keys is commented, and marked refused for the gate", () => {
    const r = run(renderScript("pull-request.yml", "render"), workspace({ "dnssec-keys": BOTH, zone: SAFE, app: SAFE, "zone-a.example.org": SAFE }), SHARED);
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/^failed-stacks=\nkeys-order=refused\ndanger=(true|false)\n$/);
    expect(r.stdout).toContain("::error::The dnssec-keys plan both creates or updates and deletes KMS keys");
    expect(readdirSync(join(r.dir, "plans")).filter((f) => f.endsWith(".json"))).toEqual([]);
  });

  it("apply.yml: render-keys decides the order: first for new keys, last for deleted keys, none without a change", () => {
    const script = renderScript("apply.yml", "render-keys");
    const first = run(script, workspace({ "dnssec-keys": CREATES }), SHARED);
    expect(first.status).toBe(0);
    expect(first.output).toBe("order=first\ndanger=false\n");
    expect(first.summary).toContain("### dnssec-keys is applied before the app and the fleet zones");
    const last = run(script, workspace({ "dnssec-keys": DELETES }), SHARED);
    expect(last.output).toMatch(/^order=last\ndanger=(true|false)\n$/);
    expect(last.summary).toContain("### dnssec-keys is applied after the app and every fleet zone");
    expect(run(script, workspace({ "dnssec-keys": NO_CHANGE }), SHARED).output).toBe("order=none\ndanger=false\n");
    expect(existsSync(join(first.dir, "plans", "dnssec-keys.json"))).toBe(false);
  });

  it("apply.yml: render-keys refuses a plan that both adds and deletes keys, and a broken plan, with no output", () => {
    const script = renderScript("apply.yml", "render-keys");
    const both = run(script, workspace({ "dnssec-keys": BOTH }), SHARED);
    expect(both.status).toBe(1);
    expect(both.output).toBe("");
    expect(both.stdout).toContain("::error::The dnssec-keys plan both creates or updates and deletes KMS keys");
    expect(both.summary).toContain("<!-- dnssec-cdktf:plan-comment -->");
    const dir = workspace({});
    writeFileSync(join(dir, "plans", "dnssec-keys.json"), "not json");
    const broken = run(script, dir, SHARED);
    expect(broken.status).toBe(2);
    expect(broken.output).toBe("");
  });
});
