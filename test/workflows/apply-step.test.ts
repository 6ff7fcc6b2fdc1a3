import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

/**
 * Runs the apply steps of apply.yml, exactly as written, with the real Terraform on a local
 * state and built-in resources only: a fresh saved plan applies, a plan made stale by another
 * apply is refused with our message, and Route 53's InvalidKMSArn asks for the one retry.
 */
type Wf = { jobs: Record<string, { steps: { id?: string; run?: string }[] }> };
const load = (file: string) => parse(readFileSync(join(__dirname, "..", "..", ".github", "workflows", file), "utf8")) as Wf;
const APPLY = load("apply.yml");
const PR = load("pull-request.yml");
const stepScript = (job: string, id = "apply", wf: Wf = APPLY) => wf.jobs[job].steps.find((s) => s.id === id)!.run!;

function tf(dir: string, ...args: string[]) {
  const r = spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env: { ...process.env, TF_IN_AUTOMATION: "true", TF_INPUT: "false" } });
  if (r.status !== 0) throw new Error(`terraform ${args.join(" ")}: ${r.stderr}`);
}

function project(config: string) {
  const dir = mkdtempSync(join(tmpdir(), "apply-step-"));
  writeFileSync(join(dir, "main.tf"), config);
  tf(dir, "init", "-no-color");
  return dir;
}

function runStep(job: string, dir: string, script = stepScript(job), env: Record<string, string> = {}) {
  const out = join(dir, "github-output");
  const summary = join(dir, "step-summary");
  writeFileSync(out, "");
  writeFileSync(summary, "");
  // The shell GitHub runs a `run:` step with: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#defaultsrunshell
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TF_IN_AUTOMATION: "true", TF_INPUT: "false", RUNNER_TEMP: dir, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: dir, ...env },
  });
  return { status: r.status, stdout: r.stdout, output: readFileSync(out, "utf8"), summary: readFileSync(summary, "utf8") };
}

const ZONE = `
variable "n" {
  type    = string
  default = "1"
}
resource "terraform_data" "zone" { input = var.n }
output "name_servers" { value = ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"] }
`;

describe("apply.yml's apply steps (real Terraform, local state)", () => {
  it("apply-zone applies the saved plan and passes the name servers on", () => {
    const dir = project(ZONE);
    tf(dir, "plan", "-no-color", "-out=zone.tfplan");
    const r = runStep("apply-zone", dir);
    expect(r.status).toBe(0);
    expect(r.output).toBe('name-servers=["ns-1.awsdns-01.org","ns-2.awsdns-02.co.uk"]\n');
    expect(r.summary).toContain("### zone name servers");
  });

  it("apply-zone refuses a plan the state has moved past, and says to plan again", () => {
    const dir = project(ZONE);
    tf(dir, "plan", "-no-color", "-out=zone.tfplan");
    tf(dir, "apply", "-no-color", "-auto-approve", "-var", "n=2");
    const r = runStep("apply-zone", dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain("Saved plan is stale");
    expect(r.stdout).toContain("::error::The zone state changed after this run planned it, so the reviewed plan no longer applies.");
    expect(r.output).toBe("");
  });

  it("apply-keys and apply-keys-last apply the keys stack's saved plan, and refuse a stale one with the fix", () => {
    for (const job of ["apply-keys", "apply-keys-last"]) {
      const dir = project(ZONE);
      tf(dir, "plan", "-no-color", "-out=dnssec-keys.tfplan");
      const ok = runStep(job, dir);
      expect(ok.status, job).toBe(0);
      expect(existsSync(join(dir, "terraform.tfstate")), job).toBe(true);
      const stale = project(ZONE);
      tf(stale, "plan", "-no-color", "-out=dnssec-keys.tfplan");
      tf(stale, "apply", "-no-color", "-auto-approve", "-var", "n=2");
      const r = runStep(job, stale);
      expect(r.status, job).not.toBe(0);
      expect(r.stdout).toContain("::error::The dnssec-keys state changed after this run planned it, so the reviewed plan no longer applies.");
    }
  });

  it("apply-app asks for the one retry on InvalidKMSArn, and only then", () => {
    const failing = (message: string) => `
resource "terraform_data" "ksk" {
  provisioner "local-exec" {
    command = "echo '${message}' >&2; exit 1"
  }
}
output "registrar_instructions" { value = "DS 12345 13 2 ABC" }
`;
    const kms = project(failing("creating Route 53 Key Signing Key: InvalidKMSArn: The KMS key ARN is not valid"));
    tf(kms, "plan", "-no-color", "-out=app.tfplan");
    const r = runStep("apply-app", kms);
    expect(r.status).not.toBe(0);
    expect(r.output).toBe("kms-retry=true\n");
    expect(r.stdout).toContain("::error::Route 53 did not yet accept the new KMS key for the KSK (InvalidKMSArn).");

    const other = project(failing("AccessDenied"));
    tf(other, "plan", "-no-color", "-out=app.tfplan");
    const o = runStep("apply-app", other);
    expect(o.status).not.toBe(0);
    expect(o.output).toBe("");
  });
});

/** A checkout with fleet zone stacks in terraform/<id>/, each initialised on a local state. */
function fleetCheckout(stacks: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "fleet-step-"));
  mkdirSync(join(dir, "plans"));
  for (const [id, config] of Object.entries(stacks)) {
    mkdirSync(join(dir, "terraform", id), { recursive: true });
    writeFileSync(join(dir, "terraform", id, "main.tf"), config);
    // Checked in with each stack's HCL; built-in resources need no provider, so it locks none.
    writeFileSync(join(dir, "terraform", id, ".terraform.lock.hcl"), "# no providers\n");
  }
  return dir;
}

/** What plan-fleet leaves for apply-fleet: the saved plan and the lock file in plans/. */
function savePlan(dir: string, id: string) {
  const stack = join(dir, "terraform", id);
  tf(stack, "init", "-no-color");
  tf(stack, "plan", "-no-color", `-out=${id}.tfplan`);
  renameSync(join(stack, `${id}.tfplan`), join(dir, "plans", `${id}.tfplan`));
  copyFileSync(join(stack, ".terraform.lock.hcl"), join(dir, "plans", `${id}.terraform.lock.hcl`));
}

const FLEET_ZONE = `resource "terraform_data" "zone" {
  input = "1"
}
`;
const KMS_FAILURE = `resource "terraform_data" "ksk" {
  provisioner "local-exec" {
    command = "echo 'InvalidKMSArn: The KMS key ARN is not valid' >&2; exit 1"
  }
}
`;

describe("the fleet's plan and apply legs (real Terraform, local state)", () => {
  it("plan-fleet plans each stack of the leg, and one that fails (or is no stack) is named while the others are planned", () => {
    for (const wf of [APPLY, PR]) {
      const dir = fleetCheckout({ "zone-a.example.org": FLEET_ZONE, "zone-b.example.net": 'resource "terraform_data" "broken" {\n  input = var.missing\n}\n', "zone-c.example.com": FLEET_ZONE });
      const r = runStep("plan-fleet", dir, stepScript("plan-fleet", "plan", wf), { STACKS: "zone-a.example.org zone-b.example.net ../etc zone-c.example.com" });
      expect(r.status).toBe(0);
      expect(r.output).toBe("planned=zone-a.example.org zone-c.example.com\nfailed=zone-b.example.net ../etc\n");
      expect(r.stdout).toContain("::error::zone-b.example.net: the plan failed");
      expect(r.stdout).toContain("::error::../etc: not a fleet zone stack");
      for (const id of ["zone-a.example.org", "zone-c.example.com"]) expect(existsSync(join(dir, "plans", `${id}.json`)), id).toBe(true);
      expect(existsSync(join(dir, "plans", "zone-b.example.net.json"))).toBe(false);
      expect(existsSync(join(dir, "plans", "zone-b.example.net.tfplan"))).toBe(false);
      if (wf === APPLY) expect(existsSync(join(dir, "plans", "zone-a.example.org.terraform.lock.hcl"))).toBe(true);
    }
  });

  it("apply-fleet applies each saved plan, and names each zone that is stale or has no plan, then fails", () => {
    const dir = fleetCheckout({ "zone-a.example.org": FLEET_ZONE, "zone-b.example.net": FLEET_ZONE, "zone-c.example.com": FLEET_ZONE });
    savePlan(dir, "zone-a.example.org");
    savePlan(dir, "zone-b.example.net");
    // Another apply moved zone-b's state on after its plan was saved.
    tf(join(dir, "terraform", "zone-b.example.net"), "apply", "-no-color", "-auto-approve");
    const r = runStep("apply-fleet", dir, stepScript("apply-fleet"), { STACKS: "zone-a.example.org zone-b.example.net zone-c.example.com" });
    expect(r.status).toBe(1);
    expect(existsSync(join(dir, "terraform", "zone-a.example.org", "terraform.tfstate"))).toBe(true);
    expect(r.stdout).toContain("::error::zone-b.example.net: the state changed after this run planned it");
    expect(r.stdout).toContain("::error::zone-c.example.com: no saved plan from this run");
    expect(r.stdout).toContain("::error::Not applied: zone-b.example.net zone-c.example.com.");
    expect(r.summary).toContain("| `zone-a.example.org` | applied |");
    expect(r.summary).toContain("| `zone-b.example.net` | failed: stale plan |");
    expect(r.summary).toContain("| `zone-c.example.com` | no plan, not applied |");
    expect(r.output).toBe("");
  });

  it("apply-fleet holds a zone with a DNSSEC danger, its plan untouched, and applies the others; apply-fleet-danger then applies it", () => {
    const dir = fleetCheckout({ "zone-a.example.org": FLEET_ZONE, "zone-b.example.net": FLEET_ZONE, "zone-c.example.com": FLEET_ZONE });
    for (const id of ["zone-a.example.org", "zone-b.example.net", "zone-c.example.com"]) savePlan(dir, id);
    const state = (id: string) => existsSync(join(dir, "terraform", id, "terraform.tfstate"));
    const r = runStep("apply-fleet", dir, stepScript("apply-fleet"), { STACKS: "zone-a.example.org zone-b.example.net zone-c.example.com", HELD: "zone-b.example.net" });
    expect(r.status).toBe(0);
    expect([state("zone-a.example.org"), state("zone-b.example.net"), state("zone-c.example.com")]).toEqual([true, false, true]);
    expect(existsSync(join(dir, "plans", "zone-b.example.net.tfplan"))).toBe(true);
    expect(r.stdout).toContain("::warning::zone-b.example.net: held: its plan has a DNSSEC danger");
    expect(r.summary).toContain("| `zone-a.example.org` | applied |");
    expect(r.summary).toContain("| `zone-b.example.net` | held: DNSSEC danger, waits for the dnssec-danger review |");
    expect(r.summary).toContain("| `zone-c.example.com` | applied |");
    // A name that only contains a held one is not held.
    const near = runStep("apply-fleet", dir, stepScript("apply-fleet"), { STACKS: "zone-b.example.net", HELD: "zone-b.example.ne" });
    expect(near.summary).toContain("| `zone-b.example.net` | applied |");
    expect(state("zone-b.example.net")).toBe(true);

    const accepted = fleetCheckout({ "zone-b.example.net": FLEET_ZONE });
    savePlan(accepted, "zone-b.example.net");
    const a = runStep("apply-fleet-danger", accepted, stepScript("apply-fleet-danger"), { STACKS: "zone-b.example.net", HELD: "" });
    expect(a.status).toBe(0);
    expect(existsSync(join(accepted, "terraform", "zone-b.example.net", "terraform.tfstate"))).toBe(true);
    expect(a.summary).toContain("| `zone-b.example.net` | applied |");
  });

  it("apply-fleet asks for the one retry when a zone hits InvalidKMSArn, and succeeds when every zone applies", () => {
    const kms = fleetCheckout({ "zone-a.example.org": FLEET_ZONE, "zone-k.example.org": KMS_FAILURE });
    savePlan(kms, "zone-a.example.org");
    savePlan(kms, "zone-k.example.org");
    const r = runStep("apply-fleet", kms, stepScript("apply-fleet"), { STACKS: "zone-k.example.org zone-a.example.org" });
    expect(r.status).toBe(1);
    expect(r.output).toBe("kms-retry=true\n");
    expect(r.stdout).toContain("::error::zone-k.example.org: Route 53 did not yet accept the new KMS key");
    expect(r.summary).toContain("| `zone-a.example.org` | applied |");

    const fine = fleetCheckout({ "zone-a.example.org": FLEET_ZONE });
    savePlan(fine, "zone-a.example.org");
    const ok = runStep("apply-fleet", fine, stepScript("apply-fleet"), { STACKS: "zone-a.example.org" });
    expect(ok.status).toBe(0);
    expect(ok.summary).toContain("| `zone-a.example.org` | applied |");
  });
});
