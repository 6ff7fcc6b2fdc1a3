import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
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

function run(script: string, dir: string) {
  const out = join(dir, "github-output");
  const summary = join(dir, "step-summary");
  writeFileSync(out, "");
  writeFileSync(summary, "");
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary },
  });
  return { status: r.status, output: readFileSync(out, "utf8"), summary: readFileSync(summary, "utf8"), stdout: r.stdout };
}

describe("render steps (real renderer on plan fixtures)", () => {
  it("pull-request.yml: danger=false for a safe plan, the comment in the summary, the JSON removed", () => {
    const dir = workspace({ zone: SAFE, app: SAFE });
    const r = run(renderScript("pull-request.yml", "render"), dir);
    expect(r.status).toBe(0);
    expect(r.output).toBe("danger=false\n");
    expect(r.summary).toContain("<!-- dnssec-cdktf:plan-comment -->");
    expect(readFileSync(join(dir, "comment.md"), "utf8")).toBe(r.summary);
    expect(existsSync(join(dir, "plans", "zone.json"))).toBe(false);
  });

  it("pull-request.yml: danger=true for a dangerous plan, and the step still succeeds so the comment is posted", () => {
    const r = run(renderScript("pull-request.yml", "render"), workspace({ zone: SAFE, app: DANGER }));
    expect(r.status).toBe(0);
    expect(r.output).toBe("danger=true\n");
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
});
