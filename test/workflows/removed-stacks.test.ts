import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { simulate, type GraphJob } from "./job-graph";

/**
 * The removed-stack guard judged against the base branch: a pull request that removes a signed
 * zone's entry AND deletes its terraform/zone-<domain>/ must not pass, so both workflows
 * materialize the base's checked-in terraform/ from git (no credentials, no code of the change
 * run against it) and give it to `synth --check --base`. The steps run here as written, in a
 * scratch git repository.
 */
const ROOT = join(__dirname, "..", "..");
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job extends GraphJob {
  permissions?: Record<string, string>;
  steps: Step[];
}
const load = (f: string) => (parse(readFileSync(join(ROOT, ".github", "workflows", f), "utf8")) as { jobs: Record<string, Job> }).jobs;
const PR = load("pull-request.yml");
const APPLY = load("apply.yml");
const baseStep = (job: Job) => job.steps.find((s) => /base-tree\.sh/.test(s.run ?? ""))!;
const guardStep = (job: Job) => job.steps.find((s) => /npm run synth -- --check/.test(s.run ?? ""))!;
const checkout = (job: Job) => job.steps.find((s) => s.uses?.startsWith("actions/checkout@"))!;

const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};

/** A repository whose first commit has a signed zone's folder and whose second deleted it. */
function repository(withTerraform = true) {
  const dir = mkdtempSync(join(tmpdir(), "removed-stacks-"));
  git(dir, "init", "-q", "-b", "main");
  symlinkSync(join(ROOT, "tools"), join(dir, "tools"));
  writeFileSync(join(dir, ".gitignore"), "tools\n");
  if (withTerraform) {
    mkdirSync(join(dir, "terraform", "zone-a.example.org"), { recursive: true });
    writeFileSync(join(dir, "terraform", "zone-a.example.org", "main.tf"), "# signed\n");
  }
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "base");
  const base = git(dir, "rev-parse", "HEAD");
  if (withTerraform) rmSync(join(dir, "terraform", "zone-a.example.org"), { recursive: true });
  writeFileSync(join(dir, "change"), "x\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "remove the zone and its folder");
  return { dir, base };
}

function runStep(step: Step, dir: string, env: Record<string, string>) {
  const temp = mkdtempSync(join(tmpdir(), "runner-temp-"));
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, RUNNER_TEMP: temp, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, base: join(temp, "base", "terraform") };
}

describe("the removed-stack guard against the base branch", () => {
  it("pull-request.yml: the checks job fetches the history, materializes the base sha's terraform/ and passes it to synth --check --base", () => {
    const checks = PR.checks;
    expect(checks.permissions).toEqual({ contents: "read" });
    expect(checkout(checks).with).toMatchObject({ "fetch-depth": 0, "persist-credentials": false });
    expect(baseStep(checks).env).toEqual({ BASE_SHA: "${{ github.event.pull_request.base.sha }}" });
    expect(guardStep(checks).run).toContain('npm run synth -- --check --base "$RUNNER_TEMP/base/terraform"');
    const { dir, base } = repository();
    const r = runStep(baseStep(checks), dir, { BASE_SHA: base });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(r.base, "zone-a.example.org", "main.tf"), "utf8")).toBe("# signed\n");
    expect(existsSync(join(dir, "terraform", "zone-a.example.org"))).toBe(false);
  });

  it("apply.yml: a job without credentials judges this commit against the previous one (the push's before, else HEAD^), and holds back every plan", () => {
    const job = APPLY["removed-stacks"];
    expect(job.permissions).toEqual({ contents: "read" });
    expect(checkout(job).with).toMatchObject({ "fetch-depth": 0, "persist-credentials": false });
    expect(baseStep(job).env).toEqual({ BEFORE: "${{ github.event.before }}" });
    expect(guardStep(job).run).toContain('npm run synth -- --check --base "$RUNNER_TEMP/base/terraform"');
    for (const id of ["stacks", "plan-zone"]) expect(APPLY[id].needs, id).toEqual("removed-stacks");
    const { dir, base } = repository();
    for (const before of [base, "", "0000000000000000000000000000000000000000"]) {
      const r = runStep(baseStep(job), dir, { BEFORE: before });
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(r.base)).toEqual(["zone-a.example.org"]);
    }
  });

  it("gives an empty base when the base commit has no terraform/, and fails closed on a commit the checkout did not fetch", () => {
    const { dir, base } = repository(false);
    const ok = runStep(baseStep(PR.checks), dir, { BASE_SHA: base });
    expect(ok.status, ok.stderr).toBe(0);
    expect(readdirSync(ok.base)).toEqual([]);
    const missing = runStep(baseStep(PR.checks), dir, { BASE_SHA: "1".repeat(40) });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("fetch-depth: 0");
  });

  it("apply.yml: a refusal there holds back every plan and apply of the run", () => {
    const results = simulate(APPLY, { "removed-stacks": { result: "failure" } }, { "github.ref": "refs/heads/main", "inputs.retry-of": "" });
    for (const [id, result] of Object.entries(results)) if (id !== "removed-stacks") expect(result, id).toBe("skipped");
  });
});
