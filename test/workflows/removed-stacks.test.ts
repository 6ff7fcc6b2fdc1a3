import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { TF_HEADER } from "../../tools/synth/hcl-files";
import { readTree } from "../../tools/synth/output-tree";
import { signedRemovals } from "../../tools/synth/removed-zones";
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

/** A zone folder's main.tf as the synth writes it for a signed zone. */
const SIGNED_TF = `${TF_HEADER}\n\n` + 'resource "aws_route53_hosted_zone_dnssec" "dnssec_zone_signing" {\n  hosted_zone_id = "Z1"\n  signing_status = "SIGNING"\n}\n';

/** A repository whose first commit has a signed zone's folder and whose second deleted it. */
function repository(withTerraform = true) {
  const dir = mkdtempSync(join(tmpdir(), "removed-stacks-"));
  git(dir, "init", "-q", "-b", "main");
  symlinkSync(join(ROOT, "tools"), join(dir, "tools"));
  writeFileSync(join(dir, ".gitignore"), "tools\n");
  if (withTerraform) {
    mkdirSync(join(dir, "terraform", "zone-a.example.org"), { recursive: true });
    writeFileSync(join(dir, "terraform", "zone-a.example.org", "main.tf"), SIGNED_TF);
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

/**
 * Runs a step's script as the runner would. `lastApplied`: what the stubbed `gh run list` prints,
 * the head sha of the last successful apply run on main ("" when there is none); its arguments
 * are recorded in RUNNER_TEMP/gh-args.
 */
function runStep(step: Step, dir: string, env: Record<string, string>, lastApplied = "") {
  const temp = mkdtempSync(join(tmpdir(), "runner-temp-"));
  const bin = join(temp, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "gh"), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> "$RUNNER_TEMP/gh-args"\nprintf '%s\\n' "$GH_LAST"\n`, { mode: 0o755 });
  const summary = join(temp, "summary.md");
  writeFileSync(summary, "");
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step.run!], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: `${bin}:${process.env.PATH}`, HOME: process.env.HOME, RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: summary, GITHUB_REPOSITORY: "o/r", GH_LAST: lastApplied, ...env },
  });
  const gh = existsSync(join(temp, "gh-args")) ? readFileSync(join(temp, "gh-args"), "utf8") : "";
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, base: join(temp, "base", "terraform"), summary: readFileSync(summary, "utf8"), gh };
}

/** What the guard refuses given the base the step wrote and a synth that no longer has the zone. */
const refusedAgainst = async (base: string) => (await signedRemovals(readTree(base), new Map())).map((r) => r.domainName);

describe("the removed-stack guard against the base commit", () => {
  it("pull-request.yml: the checks job fetches the history, materializes the base sha's terraform/ and passes it to synth --check --base", () => {
    const checks = PR.checks;
    expect(checks.permissions).toEqual({ contents: "read" });
    expect(checkout(checks).with).toMatchObject({ "fetch-depth": 0, "persist-credentials": false });
    expect(baseStep(checks).env).toEqual({ BASE_SHA: "${{ github.event.pull_request.base.sha }}" });
    expect(guardStep(checks).run).toContain('npm run synth -- --check --base "$RUNNER_TEMP/base/terraform"');
    const { dir, base } = repository();
    const r = runStep(baseStep(checks), dir, { BASE_SHA: base });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(r.base, "zone-a.example.org", "main.tf"), "utf8")).toBe(SIGNED_TF);
    expect(existsSync(join(dir, "terraform", "zone-a.example.org"))).toBe(false);
  });

  it("apply.yml: a job without credentials judges this commit against the last successful apply run on main, and holds back every plan", () => {
    const job = APPLY["removed-stacks"];
    expect(job.permissions).toEqual({ contents: "read", actions: "read" });
    expect(checkout(job).with).toMatchObject({ "fetch-depth": 0, "persist-credentials": false });
    expect(baseStep(job).env).toEqual({ GH_TOKEN: "${{ github.token }}", BEFORE: "${{ github.event.before }}" });
    expect(guardStep(job).run).toContain('npm run synth -- --check --base "$RUNNER_TEMP/base/terraform"');
    for (const id of ["stacks", "plan-zone"]) expect(APPLY[id].needs, id).toEqual("removed-stacks");
    const { dir, base } = repository();
    const r = runStep(baseStep(job), dir, { BEFORE: git(dir, "rev-parse", "HEAD^") }, base);
    expect(r.status, r.stderr).toBe(0);
    expect(r.gh).toMatch(/^run list --repo o\/r --workflow apply\.yml --branch main --status success --limit 1 --json headSha /);
    expect(readdirSync(r.base)).toEqual(["zone-a.example.org"]);
    expect(r.summary).toContain(`\`${base}\`, the last successful apply run on main`);
  });

  it("apply.yml: stays red on the next push too: push N removed the signed zone's entry and folder, push N+1 is unrelated, the base is still the last applied commit", async () => {
    const job = APPLY["removed-stacks"];
    const { dir, base: applied } = repository();
    const n = git(dir, "rev-parse", "HEAD");
    writeFileSync(join(dir, "unrelated"), "y\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "an unrelated merge");
    // N's run failed (or was replaced in the concurrency group): the last success is still `applied`.
    const r = runStep(baseStep(job), dir, { BEFORE: n }, applied);
    expect(r.status, r.stderr).toBe(0);
    expect(await refusedAgainst(r.base)).toEqual(["a.example.org"]);
    // Judged against the push's before, as it was, N+1 would be green.
    const before = runStep(baseStep(job), dir, { BEFORE: n });
    expect(before.status, before.stderr).toBe(0);
    expect(await refusedAgainst(before.base)).toEqual([]);
  });

  it("apply.yml: falls back to the push's before, else HEAD^, only when no apply run on main ever succeeded, and says so", () => {
    const job = APPLY["removed-stacks"];
    const { dir, base } = repository();
    for (const before of [base, "", "0000000000000000000000000000000000000000"]) {
      const r = runStep(baseStep(job), dir, { BEFORE: before });
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(r.base)).toEqual(["zone-a.example.org"]);
      expect(r.summary).toContain(`\`${base}\``);
      expect(r.summary).toContain(before === base ? "the push's before (no successful apply run on main yet)" : "HEAD^ (no successful apply run on main yet");
    }
  });

  it("apply.yml: fails, saying main's history was rewritten, when the last applied commit is not in this commit's history", () => {
    const job = APPLY["removed-stacks"];
    const { dir, base } = repository();
    git(dir, "checkout", "-q", "-b", "rewritten", base);
    writeFileSync(join(dir, "other"), "z\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "a commit main no longer has");
    const gone = git(dir, "rev-parse", "HEAD");
    git(dir, "checkout", "-q", "main");
    for (const last of [gone, "1".repeat(40)]) {
      const r = runStep(baseStep(job), dir, { BEFORE: base }, last);
      expect(r.status, last).not.toBe(0);
      expect(r.stderr).toContain(`${last}, the commit of the last successful apply run on main, is not in the history of this commit`);
      expect(r.stderr).toContain("force push");
      expect(r.stderr).not.toContain("fetch-depth");
    }
  });

  it("reads the base's terraform/ even when its .gitattributes marks it export-ignore (git archive would give an empty base), leaving the checkout's index alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "removed-stacks-"));
    git(dir, "init", "-q", "-b", "main");
    symlinkSync(join(ROOT, "tools"), join(dir, "tools"));
    writeFileSync(join(dir, ".gitignore"), "tools\n");
    writeFileSync(join(dir, ".gitattributes"), "terraform/** export-ignore\nterraform export-ignore\n");
    mkdirSync(join(dir, "terraform", "zone-a.example.org"), { recursive: true });
    writeFileSync(join(dir, "terraform", "zone-a.example.org", "main.tf"), SIGNED_TF);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "base");
    const base = git(dir, "rev-parse", "HEAD");
    const r = runStep(baseStep(PR.checks), dir, { BASE_SHA: base });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(r.base, "zone-a.example.org", "main.tf"), "utf8")).toBe(SIGNED_TF);
    expect(git(dir, "status", "--porcelain")).toBe("");
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
