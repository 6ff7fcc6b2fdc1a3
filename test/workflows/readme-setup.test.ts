import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { MATRIX_LIMIT } from "../../tools/settings/stacks";

const ROOT = join(__dirname, "..", "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const section = (title: string) => {
  const start = README.indexOf(`### ${title}`);
  if (start < 0) throw new Error(`README has no "### ${title}" section`);
  const end = README.indexOf("\n#", start + 4);
  return README.slice(start, end < 0 ? undefined : end);
};
const WORKFLOWS = join(ROOT, ".github", "workflows");
const workflowText = readdirSync(WORKFLOWS)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => readFileSync(join(WORKFLOWS, f), "utf8"))
  .join("\n");

describe("README: repository setup", () => {
  const checklist = section("Setup checklist");

  it("creates every environment the apply workflow uses, protected, before the workflow lands", () => {
    const apply = parse(readFileSync(join(WORKFLOWS, "apply.yml"), "utf8")) as { jobs: Record<string, { environment?: string }> };
    const environments = new Set(Object.values(apply.jobs).flatMap((j) => (j.environment ? [j.environment] : [])));
    expect([...environments].sort()).toEqual(["app", "dnssec-danger", "zone", "zone-fleet"]);
    for (const env of environments) expect(checklist).toContain(`**\`${env}\`**`);
    for (const phrase of ["**before**", "Prevent self-review", "Allow administrators to bypass** off", "restricted to the `main` branch"]) expect(checklist).toContain(phrase);
  });

  it("asks for the branch ruleset with the gate as the required check", () => {
    for (const phrase of ["Branch ruleset", "required status check **`gate`**", "**dismiss stale approvals**", "up to date before merging", "merge queue"]) {
      expect(checklist).toContain(phrase);
    }
  });

  it("lists the CODEOWNERS paths", () => {
    for (const path of ["/.github/", "/tools/", "/terraform/", "/cdktf.json", "/modules/dnssec/", "/iam/"]) expect(checklist).toContain(`${path} `);
  });

  it("customises the OIDC sub with job_workflow_ref and names every IAM document", () => {
    expect(checklist).toContain("iam/oidc-subject.json");
    for (const file of readdirSync(join(ROOT, "iam"))) expect(README, file).toContain(file === "oidc-subject.json" ? `iam/${file}` : `\`${file}\``);
  });

  it("documents every variable and secret the workflows read", () => {
    const names = new Set([...workflowText.matchAll(/\$\{\{\s*(?:vars|secrets)\.([A-Z0-9_]+)/g)].map((m) => m[1]));
    expect(names.size).toBeGreaterThan(3);
    for (const name of names) expect(README, name).toContain(`\`${name}\``);
  });

  it("states the override rule and the artifact decision", () => {
    const override = section("The override label");
    for (const phrase of ["**after the latest push**", "**other than the pull request's author**", "approvers team", "DNSSEC_OVERRIDE_TEAM"]) expect(override).toContain(phrase);
    expect(section("Plan artifacts: encrypted")).toContain("can wait for an environment approval");
    expect(section("Roles and risks")).toContain("**A pull request's plan runs the pull request's own code.**");
  });

  it("explains the fleet's fan-out with the workflows' own numbers: max-parallel and why, the matrix limit and the choice, approvals per wave, the artifacts", () => {
    const setup = README.slice(README.indexOf("## Repository setup"), README.indexOf("### Setup checklist"));
    const apply = parse(readFileSync(join(WORKFLOWS, "apply.yml"), "utf8")) as { jobs: Record<string, { strategy?: { "max-parallel"?: number } }> };
    const parallel = apply.jobs["apply-fleet"].strategy?.["max-parallel"];
    expect(setup).toContain(`\`max-parallel: ${parallel}\``);
    expect(setup).toContain(`at most ${parallel} legs at once`);
    expect(setup).toContain("10 requests a second per account");
    expect(setup).toContain(`at most ${MATRIX_LIMIT} jobs per matrix`);
    expect(setup).toContain("**batched**, not refused");
    expect(setup).toContain("`fleet-plan-<stack or batch>-<run id>`");
    expect(setup).toContain("zone-<domain>=… --failed <stack>`");
    expect(checklist).toContain("**Approvals of the fleet's legs:**");
    expect(checklist).toContain(`in waves of \`max-parallel\` (${parallel})`);
    // One review for the fleet: approve-fleet in zone, the legs in zone-fleet without reviewers of its own.
    for (const phrase of ["`approve-fleet`", "**`zone-fleet`**", "**no required reviewers**", "one review of `zone` for the whole fleet"]) expect(checklist).toContain(phrase);
    expect(README).toContain("`npm run -s settings -- stacks --matrix`");
    expect(section("Roles and risks")).toContain("**What `zone-*` matches.**");
  });

  it("names every job of both workflows in the setup section", () => {
    const setup = README.slice(README.indexOf("## Repository setup"), README.indexOf("### Setup checklist"));
    for (const file of ["pull-request.yml", "apply.yml"]) {
      const wf = parse(readFileSync(join(WORKFLOWS, file), "utf8")) as { jobs: Record<string, unknown> };
      for (const id of Object.keys(wf.jobs)) expect(setup, `${file} ${id}`).toContain(`\`${id}\``);
    }
  });

  it("places the keys stack in both workflows, with the deletion rule and why, and its state in the roles", () => {
    const setup = README.slice(README.indexOf("## Repository setup"), README.indexOf("### Setup checklist"));
    for (const phrase of ["`dnssec-keys`", "--failed dnssec-keys", "**first**", "**last**", "ACTION_NEEDED", "two changes", "`keys-order`", "`apply-keys-last`"]) {
      expect(setup, phrase).toContain(phrase);
    }
    expect(checklist).toContain("`STATE_KEY_PREFIX/dnssec-keys.tfstate`");
    expect(section("Roles and risks")).toContain("`dnssec-keys.tfstate`");
  });
});
