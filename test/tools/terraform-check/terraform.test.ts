/**
 * Real Terraform and the mirrored hashicorp/aws provider judge every configuration of the matrix,
 * the transitions between them, a deliberately broken configuration (so the checks are seen to
 * fail), and a real plan rendered by the plan-comment tool. Skipped, with the reason in one line,
 * where Terraform or the mirror is missing; on CI that fails instead.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAwsEndpoint, type AwsEndpoint } from "../../../tools/terraform-check/aws-endpoint";
import { findToolchain, missingToolchainFails, terraformEnv } from "../../../tools/terraform-check/environment";
import { MATRIX, TRANSITIONS } from "../../../tools/terraform-check/matrix";
import { realPlan, type RealPlan } from "../../../tools/terraform-check/real-plan";
import { check, type CheckReport, type StepResult } from "../../../tools/terraform-check/run";
import { synthesizeInto } from "../../../tools/terraform-check/synth-config";
import { KEYS_STACK_ID, zoneStackId } from "../../../stacks/stack-ids";
import { KEY_STATE_RUNS } from "../../../tools/terraform-check/tftest";

const ROOT = resolve(__dirname, "..", "..", "..");
const lookup = findToolchain();
// The whole matrix: minutes, not seconds, on two shared cores.
const MATRIX_TIMEOUT = 60 * 60 * 1000;

if (!lookup.ok) {
  // Visible in the test output, once.
  console.log(lookup.line);
  describe("real Terraform", () => {
    if (missingToolchainFails()) {
      it("has Terraform and the provider mirror on CI", () => {
        throw new Error(lookup.line);
      });
    } else {
      it.skip(lookup.line, () => undefined);
    }
  });
} else {
  const toolchain = lookup.toolchain;
  const scratch = mkdtempSync(join(tmpdir(), "terraform-check-test-"));
  let report: CheckReport;
  const log: string[] = [];

  beforeAll(async () => {
    const configs = MATRIX.map((m) => ({ name: m.name, dir: join(scratch, "configs", m.name) }));
    for (const [i, m] of MATRIX.entries()) await synthesizeInto(configs[i].dir, m.context);
    // The defaults with two defects the harness must catch: a KSK the settings call active
    // synthesized INACTIVE and a zone file hclwrite would reformat.
    const broken = join(scratch, "configs", "broken");
    await synthesizeInto(broken, {});
    const app = join(broken, "app", "main.tf");
    writeFileSync(app, readFileSync(app, "utf8").replace('status                     = "ACTIVE"', 'status                     = "INACTIVE"'));
    const zone = join(broken, "zone", "main.tf");
    writeFileSync(zone, readFileSync(zone, "utf8").replace('comment       = "Managed by dnssec-cdktf"', 'comment = "Managed by dnssec-cdktf"'));
    report = await check({
      configs: [...configs, { name: "broken", dir: broken }],
      transitions: TRANSITIONS,
      toolchain,
      env: terraformEnv(scratch, toolchain.pluginDir),
      scratch,
      defaultContext: {},
      log: (line) => log.push(line),
    });
    console.log(`terraform-check: matrix wall time ${(report.wallMs / 1000).toFixed(0)} s`);
  }, MATRIX_TIMEOUT);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const results = (subject: string): StepResult[] => report.results.filter((r) => r.subject === subject);
  const failures = (subject: string) => results(subject).filter((r) => !r.ok).map((r) => `${r.step}: ${r.lines.join(" | ")}`);

  describe("every configuration of the matrix, with real Terraform and the aws provider", () => {
    it("says that it pinned the provider version in the scratch copies, and only that", () => {
      expect(log).toContain(
        `terraform-check: rewrote required_providers aws version "~> 6.25.0" -> "${toolchain.providerVersion}" in the scratch copy (the offline mirror holds ${toolchain.providerVersion}; users run ~> 6.25.0)`,
      );
    });

    for (const config of MATRIX) {
      for (const stack of ["zone", "app"]) {
        it(`${config.name}/${stack}: fmt, init, validate, mocked plan and apply pass`, () => {
          expect(results(`${config.name}/${stack}`).map((r) => r.step)).toEqual(["fmt", "init", "validate", "test"]);
          expect(failures(`${config.name}/${stack}`)).toEqual([]);
        });
      }
    }
  });

  // The README's "Many zones": each entry of `zones` is a stack of its own, and the root of its own
  // test (an import block is allowed only in the root module), whose plan the harness reads.
  describe("the fleet's zone stacks, each its own root", () => {
    const fleets = MATRIX.filter((m) => Array.isArray(m.context.zones));
    const plan = (subject: string) => results(subject).find((r) => r.step === "test")?.plan;
    const zoneChanges = (subject: string) => (plan(subject) ?? []).filter((c) => c.address.startsWith("aws_route53_zone."));
    const imports = (subject: string) => (plan(subject) ?? []).filter((c) => c.change.importing).map((c) => [c.address, c.change.importing?.id, c.change.actions]);

    it("has a fleet configuration in the matrix", () => {
      expect(fleets.map((m) => m.name)).toContain("fleet-three-zones");
    });

    for (const config of fleets) {
      for (const zone of config.context.zones as { domainName: string }[]) {
        const subject = `${config.name}/${zoneStackId(zone.domainName)}`;
        it(`${subject}: fmt, init, validate, mocked plan and apply pass`, () => {
          expect(results(subject).map((r) => r.step)).toEqual(["fmt", "init", "validate", "test"]);
          expect(failures(subject)).toEqual([]);
        });
      }
    }

    it("plans the adopted zone as 1 to import, from its hostedZoneId and unchanged, and creates no zone", () => {
      const subject = "fleet-three-zones/zone-example.org";
      expect(imports(subject)).toEqual([["aws_route53_zone.hosted_zone_zone", "Z0ADOPTEDZONE0000001", ["no-op"]]]);
      expect(zoneChanges(subject).filter((c) => c.change.actions.includes("create"))).toEqual([]);
    });

    it("plans a created zone as a create, and a subdomain delegated from the adopted zone too, importing nothing", () => {
      for (const subject of ["fleet-three-zones/zone-example-shop.co.uk", "fleet-three-zones/zone-team.example.org"]) {
        expect(zoneChanges(subject).map((c) => [c.address, c.change.actions]), subject).toEqual([["aws_route53_zone.hosted_zone_zone", ["create"]]]);
        expect(imports(subject), subject).toEqual([]);
      }
    });

    it("plans no zone resource at all for the referenced zone, only its DNSSEC", () => {
      const subject = "fleet-three-zones/zone-xn--bcher-kva.example";
      expect(plan(subject)?.length).toBeGreaterThan(0);
      expect(zoneChanges(subject)).toEqual([]);
      expect(imports(subject)).toEqual([]);
      expect(plan(subject)?.map((c) => c.address)).toContain("aws_route53_hosted_zone_dnssec.dnssec_zone_signing");
    });
  });

  // The README's "One KMS key for many zones": the keys stack of each configuration with
  // sharedKmsKey (its zone stacks are in the loops above), and the key-state files of one zone.
  describe("the shared keys", () => {
    const shared = MATRIX.filter((m) => m.context.sharedKmsKey === true);

    it("has a shared-keys configuration in the matrix", () => {
      expect(shared.map((m) => m.name)).toContain("shared-keys");
    });

    for (const config of shared) {
      it(`${config.name}/${KEYS_STACK_ID}: fmt, init, validate, mocked plan and apply pass`, () => {
        expect(results(`${config.name}/${KEYS_STACK_ID}`).map((r) => r.step)).toEqual(["fmt", "init", "validate", "test"]);
        expect(failures(`${config.name}/${KEYS_STACK_ID}`)).toEqual([]);
      });

      it(`${config.name}: a PendingDeletion or a Disabled shared key fails the plan on its postcondition`, () => {
        const keyStates = report.results.filter((r) => r.step === "key-state" && r.subject.startsWith(`${config.name}/`));
        expect(keyStates.map((r) => r.subject)).toEqual(KEY_STATE_RUNS.map((k) => expect.stringContaining(`(shared key ${k.state})`)));
        expect(keyStates.filter((r) => !r.ok).map((r) => `${r.subject}: ${r.lines.join(" | ")}`)).toEqual([]);
      });
    }
  });

  describe("every transition, on shared state", () => {
    for (const t of TRANSITIONS) {
      it(`${t.from} -> ${t.to}: keeps every address that stays, replaces nothing`, () => {
        expect(results(`${t.from} -> ${t.to}`).length).toBeGreaterThan(0);
        expect(failures(`${t.from} -> ${t.to}`)).toEqual([]);
      });
    }
  });

  describe("a broken configuration", () => {
    it("fails fmt on a file hclwrite would reformat", () => {
      expect(failures("broken/zone").find((f) => f.startsWith("fmt:"))).toContain("main.tf");
    });

    it("fails the test when a KSK is not as configured", () => {
      expect(failures("broken/app")).toEqual([expect.stringContaining("KSK ksk_1 must be ACTIVE")]);
    });
  });

  describe("a real plan of the app, rendered by plan-comment", () => {
    let endpoint: AwsEndpoint;
    let plan: RealPlan;
    const stackDir = () => join(scratch, "configs", "largest", "app");

    beforeAll(async () => {
      endpoint = await startAwsEndpoint();
      plan = await realPlan({ stackDir: stackDir(), scratch, toolchain, env: terraformEnv(scratch, toolchain.pluginDir), endpoint: endpoint.url });
    }, MATRIX_TIMEOUT);
    afterAll(() => endpoint?.close());

    it("plans with real Terraform against the local endpoint, which answers every read call", () => {
      expect(plan.lines).toEqual([]);
      expect(plan.ok).toBe(true);
      // The largest configuration names its availability zones, so DescribeAvailabilityZones is not needed.
      const called = new Set(endpoint.calls.map((c) => c.replace(/@.*/, "")));
      for (const call of ["sts:GetCallerIdentity", "ec2:DescribeImages"]) expect(called.has(call), call).toBe(true);
      // The provider may also read an image's UEFI data; nothing else.
      expect([...called].filter((c) => !["sts:GetCallerIdentity", "ec2:DescribeImages", "ec2:GetInstanceUefiData"].includes(c))).toEqual([]);
      expect(endpoint.unexpected).toEqual([]);
    });

    it("is terraform show -json of a plan that creates both KSKs, signing and the parent DS", () => {
      const json = JSON.parse(readFileSync(plan.planJson!, "utf8")) as { terraform_version: string; resource_changes: { address: string; change: { actions: string[] } }[] };
      expect(json.terraform_version).toBe(toolchain.terraformVersion);
      const creates = json.resource_changes.filter((r) => r.change.actions.join() === "create").map((r) => r.address);
      expect(creates).toEqual(
        expect.arrayContaining([
          "aws_route53_key_signing_key.dnssec_ksk_1_signing_key",
          "aws_route53_key_signing_key.dnssec_ksk_2_signing_key",
          "aws_route53_hosted_zone_dnssec.dnssec_zone_signing",
          "aws_route53_record.dnssec_parent_ds_ds_record",
          // The real provider knows ACM's validation options at plan: one record per name.
          'aws_route53_record.certificate_validation_record["shop.example.net"]',
        ]),
      );
    });

    // A first plan that turns signing on and publishes the DS in one apply is the one-step go-live
    // the guard refuses (DNSSEC-DS-WITH-SIGNING-START): the real plan must trip exactly that rule.
    it("renders through npm run plan-comment, whose guard flags the DS published in the plan that starts signing", () => {
      const result = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "tools/plan-comment/cli.ts"), `app=${plan.planJson}`, "--fail-on-danger"], { cwd: ROOT, encoding: "utf8" });
      expect(result.stderr).toMatch(/^plan-comment: exit 3: --fail-on-danger and the plan has 1 DNSSEC danger: DNSSEC-DS-WITH-SIGNING-START \(app: aws_route53_record\.dnssec_parent_ds_ds_record\);/);
      expect(result.status).toBe(3);
      expect(result.stdout).toContain("<!-- dnssec-cdktf:plan-comment -->");
      expect(result.stdout).toMatch(/\| `app` \| \d+ \| 0 \| 0 \| 0 \|/);
      expect(result.stdout).toContain("`aws_route53_key_signing_key.dnssec_ksk_2_signing_key`");
    });
  });
}
