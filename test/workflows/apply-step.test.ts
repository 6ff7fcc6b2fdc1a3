import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

/**
 * Runs the apply steps of apply.yml, exactly as written, with the real Terraform on a local
 * state and built-in resources only: a fresh saved plan applies, a plan made stale by another
 * apply is refused with our message, and Route 53's InvalidKMSArn asks for the one retry.
 */
const APPLY = parse(readFileSync(join(__dirname, "..", "..", ".github", "workflows", "apply.yml"), "utf8")) as {
  jobs: Record<string, { steps: { id?: string; run?: string }[] }>;
};
const stepScript = (job: string) => APPLY.jobs[job].steps.find((s) => s.id === "apply")!.run!;

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

function runStep(job: string, dir: string) {
  const out = join(dir, "github-output");
  const summary = join(dir, "step-summary");
  writeFileSync(out, "");
  writeFileSync(summary, "");
  // The shell GitHub runs a `run:` step with: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#defaultsrunshell
  const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", stepScript(job)], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TF_IN_AUTOMATION: "true", TF_INPUT: "false", RUNNER_TEMP: dir, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary },
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
