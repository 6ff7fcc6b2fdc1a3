import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSettings } from "../../../config/settings";
import { cliConfig, compareVersions, findToolchain, missingToolchainFails, PLUGIN_DIR_SETTING, terraformEnv } from "../../../tools/terraform-check/environment";
import type { ZoneSetting } from "../../../config/zone-setting";
import { createdZoneId, factsOf, fleetFactsOf, mockKsk, ZONE_ID } from "../../../tools/terraform-check/facts";
import { MATRIX, TRANSITIONS } from "../../../tools/terraform-check/matrix";
import { pinProviderVersion } from "../../../tools/terraform-check/provider-version";
import { keyStateProblems, parseTestOutput, zonePlanProblems } from "../../../tools/terraform-check/run";
import { stackModel } from "../../../tools/terraform-check/stack-model";
import { dnssecAssertions, hclValue, idsOutputFile, mockArn, mockGapsOverrideFile, removedOutsideDnssec, stackTestFile } from "../../../tools/terraform-check/tftest";
import { fleetStackHcl } from "./fixtures/fleet-stack";
import { isAllowed } from "../../../tools/terraform-check/warnings";
import { parseArgs } from "../../../tools/terraform-check/cli";

const scratch = mkdtempSync(join(tmpdir(), "terraform-check-unit-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TERRAFORM_BLOCK = `terraform {
  required_version = ">= 1.10.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.25.0"
    }
  }
}

resource "aws_s3_bucket" "b" {
  version = "keep me"
}
`;

describe("pinning the provider version in the scratch copy", () => {
  it("rewrites only the aws version constraint of required_providers", () => {
    const rewrite = pinProviderVersion(TERRAFORM_BLOCK, "5.100.0", "main.tf");
    expect(rewrite.from).toBe("~> 6.25.0");
    expect(rewrite.text).toBe(TERRAFORM_BLOCK.replace('version = "~> 6.25.0"', 'version = "5.100.0"'));
    expect(rewrite.text).toContain('version = "keep me"');
  });

  it("refuses a stack without a hashicorp/aws entry", () => {
    expect(() => pinProviderVersion('terraform {\n  required_providers {\n    google = {\n      source = "hashicorp/google"\n    }\n  }\n}\n', "5.100.0", "x/main.tf")).toThrow(
      'x/main.tf has no required_providers entry aws = { source = "hashicorp/aws" }',
    );
  });
});

describe("the toolchain", () => {
  it("installs aws from the filesystem mirror only, through a shared plugin cache", () => {
    const config = cliConfig("/opt/tf-plugins", "/tmp/cache");
    expect(config).toContain('filesystem_mirror {\n    path    = "/opt/tf-plugins"\n    include = ["registry.terraform.io/hashicorp/aws"]');
    expect(config).toContain('plugin_cache_dir = "/tmp/cache"');
    expect(config).not.toContain("direct");
  });

  it("gives children its own CLI config, no checkpoint calls and none of the caller's TF_ settings", () => {
    const env = terraformEnv(scratch, "/opt/tf-plugins", { PATH: "/bin", TF_CLI_CONFIG_FILE: "/missing", TF_DATA_DIR: "/elsewhere", TF_VAR_x: "1", TF_CLI_ARGS_plan: "-x" });
    expect(env.TF_CLI_CONFIG_FILE).toBe(join(scratch, "terraform.tfrc"));
    expect(env.CHECKPOINT_DISABLE).toBe("1");
    expect(env.TF_DATA_DIR).toBeUndefined();
    expect(env.TF_VAR_x).toBeUndefined();
    expect(env.TF_CLI_ARGS_plan).toBeUndefined();
  });

  it("says in one line that Terraform is missing", () => {
    const lookup = findToolchain({ PATH: join(scratch, "no-bin") });
    expect(lookup).toEqual({ ok: false, line: "terraform-check: skipped: Terraform is not on the PATH (install Terraform >= 1.9)." });
  });

  it("says in one line that the mirror is missing, naming the setting that overrides it", () => {
    const lookup = findToolchain({ ...process.env, CI: "", [PLUGIN_DIR_SETTING]: join(scratch, "no-mirror") });
    if (lookup.ok) throw new Error("a missing mirror must not be found");
    // Without Terraform on this machine the line names Terraform instead; both are one line.
    expect(lookup.line).toMatch(/^terraform-check: skipped: (no hashicorp\/aws provider for linux_\w+ under .*no-mirror.*TERRAFORM_CHECK_PLUGIN_DIR|Terraform is not on the PATH)/);
    expect(lookup.line).not.toContain("\n");
  });

  it("finds the newest mirrored version of a mirror named by the setting", () => {
    const mirror = join(scratch, "mirror");
    const arch = process.arch === "x64" ? "amd64" : process.arch;
    for (const version of ["5.9.0", "5.100.0"]) {
      const dir = join(mirror, "registry.terraform.io/hashicorp/aws", version, `${process.platform}_${arch}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `terraform-provider-aws_v${version}_x5`), "");
    }
    const lookup = findToolchain({ ...process.env, [PLUGIN_DIR_SETTING]: mirror });
    if (lookup.ok) expect(lookup.toolchain).toMatchObject({ pluginDir: mirror, providerVersion: "5.100.0" });
    else expect(lookup.line).toContain("Terraform is not on the PATH");
    expect(compareVersions("5.100.0", "5.99.1")).toBeGreaterThan(0);
  });

  it("fails instead of skipping on CI", () => {
    expect(findToolchain({ PATH: join(scratch, "no-bin"), CI: "true" })).toEqual({
      ok: false,
      line: "terraform-check: failed: Terraform is not on the PATH (install Terraform >= 1.9). On CI (CI=true) this check may not be skipped.",
    });
    expect(missingToolchainFails({ CI: "true" })).toBe(true);
    expect(missingToolchainFails({})).toBe(false);
  });
});

describe("the matrix", () => {
  it("holds only configurations the settings accept", () => {
    for (const config of MATRIX) expect(() => loadSettings(config.context), config.name).not.toThrow();
  });

  it("covers the DS modes, the turn-off steps, a bring-your-own key, the regions and the largest settings", () => {
    const settings = MATRIX.map((m) => loadSettings(m.context));
    expect(new Set(settings.map((s) => s.parentDs))).toEqual(new Set(["manual", "route53-zone", "route53-domains"]));
    expect(settings.some((s) => s.parentDs === "route53-zone" && s.delegateFromParent)).toBe(true);
    expect(new Set(settings.map((s) => s.dnssec))).toEqual(new Set(["on", "disabling", "off"]));
    expect(settings.some((s) => s.keySigningKeys.some((k) => k.kmsKeyArn))).toBe(true);
    expect(settings.some((s) => s.region === "us-west-1" && s.publicSubnetCidrs.length === 2)).toBe(true);
    for (const region of ["ap-southeast-4", "us-east-1"]) expect(settings.some((s) => s.region === region)).toBe(true);
    expect(settings.some((s) => s.domainName.split(".").length > 2)).toBe(true);
    const largest = loadSettings(MATRIX.find((m) => m.name === "largest")!.context);
    expect(largest).toMatchObject({ alarmEmail: expect.any(String), parentDs: "route53-zone", delegateFromParent: true, resolverDnssecValidation: true });
    expect(largest.keySigningKeys).toHaveLength(2);
    expect(largest.publicSubnetCidrs).toHaveLength(3);
  });

  it("walks every rotation step, on -> disabling -> off and manual -> route53-zone -> manual", () => {
    const pairs = TRANSITIONS.map((t) => `${t.from} -> ${t.to}`);
    expect(pairs).toEqual([
      "defaults -> rotation-1-add-ksk",
      "rotation-1-add-ksk -> rotation-2-publish-ds",
      "rotation-2-publish-ds -> rotation-4-withdraw-old-ds",
      "rotation-4-withdraw-old-ds -> rotation-6-deactivate-old",
      "rotation-6-deactivate-old -> rotation-7-remove-old",
      "defaults -> disabling",
      "disabling -> off",
      "defaults -> ds-route53-zone",
      "ds-route53-zone -> defaults",
    ]);
  });
});

describe("the facts the assertions check", () => {
  it("makes every KSK INACTIVE, signing NOT_SIGNING and no DS published when DNSSEC is off", () => {
    const facts = factsOf(loadSettings({ dnssec: "off", keySigningKeys: [{ name: "ksk_1" }] }));
    expect(facts).toMatchObject({ signingStatus: "NOT_SIGNING", ksks: [{ name: "ksk_1", status: "INACTIVE", published: false }] });
  });

  it("publishes no DS while disabling, and keeps signing", () => {
    const facts = factsOf(loadSettings({ dnssec: "disabling" }));
    expect(facts).toMatchObject({ signingStatus: "SIGNING", ksks: [{ status: "ACTIVE", published: false }] });
  });

  it("gives each KSK its own DS so an assertion can tell them apart", () => {
    expect(mockKsk("ksk_1").ds_record).not.toBe(mockKsk("ksk_2").ds_record);
    expect(String(mockKsk("ksk_1").ds_record)).toMatch(/^\d+ 13 2 [0-9A-F]{64}$/);
  });
});

const APP = `
resource "aws_route53_hosted_zone_dnssec" "dnssec_zone_signing" {
  hosted_zone_id = "Z1"
  signing_status = "SIGNING"
}
resource "aws_kms_key" "dnssec_ksk_1_kms_key" {
  provider = aws.us_east_1
}
resource "aws_route53_key_signing_key" "dnssec_ksk_1_signing_key" {
  name   = "ksk_1"
  status = "ACTIVE"
}
resource "aws_vpc" "network_vpc" {
}
resource "aws_route53_record" "certificate_validation_record" {
  for_each = {}
}
`;

describe("the test files", () => {
  it("refuses a configuration that lacks a KSK the settings list", () => {
    const facts = factsOf(loadSettings({ keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false }] }));
    expect(() => dnssecAssertions(stackModel([APP], "app"), facts, false)).toThrow(
      "the configuration has no aws_route53_key_signing_key.dnssec_ksk_2_signing_key, but keySigningKeys lists ksk_2",
    );
  });

  it("asserts the configured status of every KSK and the key's spec and usage", () => {
    const lines = dnssecAssertions(stackModel([APP], "app"), factsOf(loadSettings({})), true).join("\n");
    expect(lines).toContain('aws_route53_key_signing_key.dnssec_ksk_1_signing_key.status == "ACTIVE"');
    expect(lines).toContain('aws_kms_key.dnssec_ksk_1_kms_key.customer_master_key_spec == "ECC_NIST_P256"');
    expect(lines).toContain('aws_kms_key.dnssec_ksk_1_kms_key.key_usage == "SIGN_VERIFY"');
    expect(lines).toContain('aws_route53_hosted_zone_dnssec.dnssec_zone_signing.signing_status == "SIGNING"');
  });

  it("knows from the settings which KSK reads a shared key: sharedKmsKey and no kmsKeyArn of its own", () => {
    const byo = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const settings = loadSettings({ sharedKmsKey: true, keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false, kmsKeyArn: byo }] });
    const facts = factsOf(settings);
    expect(facts.ksks.map((k) => [k.name, k.sharedKeyAlias])).toEqual([
      ["ksk_1", "alias/dnssec-demo-dnssec-shared-ksk_1"],
      ["ksk_2", undefined],
    ]);
    expect(facts.sharedKeys).toEqual([{ kskName: "ksk_1", alias: "alias/dnssec-demo-dnssec-shared-ksk_1" }]);
    expect(factsOf(loadSettings({})).ksks[0].sharedKeyAlias).toBeUndefined();
  });

  it("refuses a KSK on a shared key whose stack creates a key of its own, or reads no shared key", () => {
    const facts = factsOf(loadSettings({ sharedKmsKey: true }));
    expect(() => dnssecAssertions(stackModel([APP], "app"), facts, false)).toThrow(
      "KSK ksk_1 signs with the shared key alias/dnssec-demo-dnssec-shared-ksk_1 (sharedKmsKey), but the configuration still creates aws_kms_key.dnssec_ksk_1_kms_key",
    );
    const withoutKey = APP.replace('resource "aws_kms_key" "dnssec_ksk_1_kms_key" {\n  provider = aws.us_east_1\n}\n', "");
    expect(() => dnssecAssertions(stackModel([withoutKey], "app"), facts, false)).toThrow(
      "the configuration has no data.aws_kms_key.dnssec_ksk_1_shared_key, but KSK ksk_1 signs with the shared key alias/dnssec-demo-dnssec-shared-ksk_1 (sharedKmsKey)",
    );
  });

  it("accepts a key-state file only when its message run alone failed, with the postcondition's message", () => {
    const check = { run: "k_message", message: "Resource postcondition failed: The shared DNSSEC key a of KSK ksk_1 is Disabled," };
    const failed = 'run "k_message": error: Resource postcondition failed: The shared DNSSEC key a of KSK ksk_1 is Disabled, spec ... (main.tf:56)';
    expect(keyStateProblems(check, { status: "error", lines: ['run "k_message": error', failed] })).toEqual([]);
    expect(keyStateProblems(check, { status: "pass", lines: [] })).toHaveLength(1);
    expect(keyStateProblems(check, { status: "error", lines: ['run "k": error', 'run "k": error: Missing expected failure: ...', 'run "k_message": skip'] })).toHaveLength(1);
    expect(keyStateProblems(check, { status: "error", lines: [failed.replace("Disabled", "Enabled")] })).toHaveLength(1);
    expect(keyStateProblems(check, undefined)).toEqual(["the key-state file did not run"]);
  });

  it("hands every id, and the ids of every for_each instance, to the next step", () => {
    const file = idsOutputFile(stackModel([APP], "app"));
    expect(file).toContain('"aws_vpc.network_vpc" = aws_vpc.network_vpc.id');
    expect(file).toContain('"aws_route53_record.certificate_validation_record" = jsonencode({ for k, v in aws_route53_record.certificate_validation_record : k => v.id })');
  });

  it("flags an address that leaves outside the DNSSEC module", () => {
    const before = stackModel([APP], "before");
    const after = stackModel([APP.replace(/resource "aws_vpc"[^}]*\}/, "").replace(/resource "aws_kms_key"[^}]*\}/, "")], "after");
    expect(removedOutsideDnssec(before, after)).toEqual(["aws_vpc.network_vpc"]);
  });

  it("escapes template sequences in literal values", () => {
    expect(hclValue({ a: "${x}", b: ["%{y}", 1, true] })).toBe('{\n  "a" = "$${x}"\n  "b" = ["%%{y}", 1, true]\n}');
  });

  it("gives mocked resources ARNs the provider's validators accept", () => {
    expect(mockArn("aws_sns_topic", "us-east-1")).toBe("arn:aws:sns:us-east-1:111122223333:terraform-check");
    expect(mockArn("aws_iam_role", "us-east-2")).toBe("arn:aws:iam::111122223333:iam-role/terraform-check");
    expect(mockArn("aws_lb", "eu-west-1")).toMatch(/^arn:aws:elasticloadbalancing:eu-west-1:111122223333:/);
  });
});

describe("reading terraform test -json", () => {
  it("keeps each file's status and the errors of its failed runs", () => {
    const events = [
      { type: "test_run", "@testfile": "tests/a.tftest.hcl", test_run: { path: "tests/a.tftest.hcl", run: "plan", progress: "complete", status: "fail" } },
      { type: "diagnostic", "@testfile": "tests/a.tftest.hcl", "@testrun": "plan", diagnostic: { severity: "error", summary: "Test assertion failed", detail: "KSK ksk_1 must be ACTIVE" } },
      { type: "test_file", test_file: { path: "tests/a.tftest.hcl", progress: "complete", status: "fail" } },
      { type: "test_file", test_file: { path: "tests/b.tftest.hcl", progress: "complete", status: "pass" } },
    ];
    const parsed = parseTestOutput(events.map((e) => JSON.stringify(e)).join("\n"));
    expect(parsed.get("tests/a.tftest.hcl")).toMatchObject({ status: "fail", lines: ['run "plan": fail', 'run "plan": error: Test assertion failed: KSK ksk_1 must be ACTIVE'] });
    expect(parsed.get("tests/b.tftest.hcl")).toMatchObject({ status: "pass", lines: [] });
  });

  it("keeps the resource changes of each plan run that -verbose reports", () => {
    const changes = [{ address: "aws_route53_zone.zone", change: { actions: ["no-op"], importing: { id: "Z0ADOPTED" } } }];
    const parsed = parseTestOutput(JSON.stringify({ type: "test_plan", "@testfile": "tests/f.tftest.hcl", "@testrun": "plan", test_plan: { resource_changes: changes } }));
    expect(parsed.get("tests/f.tftest.hcl")?.plans.get("plan")).toEqual(changes);
  });

  it("allows a validate warning only by its exact summary and detail", () => {
    const allowed = [{ summary: "Deprecated attribute", detail: "x is deprecated", why: "5.x only" }];
    expect(isAllowed({ severity: "warning", summary: "Deprecated attribute", detail: "x is deprecated" }, allowed)).toBe(true);
    expect(isAllowed({ severity: "warning", summary: "Deprecated attribute", detail: "y is deprecated" }, allowed)).toBe(false);
  });
});

describe("the command line", () => {
  it("takes folders of stack folders, a context and a subset of the matrix", () => {
    expect(parseArgs(["--dir", "terraform", "--dir", "out", "--context", "c.json"])).toMatchObject({ dirs: ["terraform", "out"], context: "c.json" });
    expect(parseArgs(["--only", "defaults,off"]).only).toEqual(["defaults", "off"]);
  });

  it("names an unknown configuration and lists the matrix", () => {
    expect(() => parseArgs(["--only", "nope"])).toThrow(/--only nope: no such configuration; the matrix has defaults, /);
  });
});

const ZONE: ZoneSetting = {
  domainName: "adopted.example.org",
  keySigningKeys: [{ name: "ksk_1", status: "active", publishDs: true }],
  dnssec: "on",
  parentDs: "manual",
  delegateFromParent: false,
  dsTtl: 3600,
  hostedZoneId: "Z0ADOPTED00000000001",
  ownership: "adopt",
};

describe("the facts of a fleet zone", () => {
  it("expect an existing zone's own id, and a created zone a mocked id of its own", () => {
    const settings = loadSettings({});
    expect(fleetFactsOf(settings, ZONE)).toMatchObject({ domainName: "adopted.example.org", zoneId: "Z0ADOPTED00000000001", ownership: "adopt" });
    const created = fleetFactsOf(settings, { ...ZONE, domainName: "new.example.org", hostedZoneId: undefined, ownership: "create" });
    expect(created.zoneId).toBe(createdZoneId("new.example.org"));
    expect(created.zoneId).toMatch(/^Z[0-9A-F]{20}$/);
    expect(created.zoneId).not.toBe(createdZoneId("other.example.org"));
    expect(factsOf(settings)).toMatchObject({ zoneId: ZONE_ID, ownership: "create" });
  });
});

describe("the test file of a fleet stack", () => {
  const schemas = {};
  const facts = fleetFactsOf(loadSettings({}), ZONE);

  it("overrides the adopted zone, which a mock provider cannot import, and asserts signing on the configured id", () => {
    const text = stackTestFile("fleet-zone", stackModel([fleetStackHcl(ZONE.domainName, { import: ZONE.hostedZoneId })], "fleet"), facts, schemas, "./f", "zone-adopted.example.org");
    expect(text).toContain("override_resource {\n    target = aws_route53_zone.zone\n    override_during = plan\n");
    expect(text).toContain('"zone_id" = "Z0ADOPTED00000000001"');
    expect(text).toContain('aws_route53_zone.zone.name == "adopted.example.org" && aws_route53_zone.zone.force_destroy == false');
    expect(text).toContain('aws_route53_key_signing_key.dnssec_ksk_1_signing_key.hosted_zone_id == "Z0ADOPTED00000000001"');
    expect(text).toContain('output.zone_id == "Z0ADOPTED00000000001"');
  });

  it("accepts the adopted zone's name check next to its import, and gives it the zone as the provider reads it", () => {
    const model = stackModel([fleetStackHcl(ZONE.domainName, { import: ZONE.hostedZoneId })], "fleet");
    const text = stackTestFile("fleet-zone", model, facts, schemas, "./f", "zone-adopted.example.org");
    // The provider returns the name without its final dot, and the zone's own id.
    expect(text).toContain('override_data {\n    target = data.aws_route53_zone.existing\n    values = {\n      "id" = "Z0ADOPTED00000000001"\n      "zone_id" = "Z0ADOPTED00000000001"\n      "name" = "adopted.example.org"\n');
    // A mock keeps a non-computed attribute at its configured value, null here; the real provider sets it.
    expect(mockGapsOverrideFile(model)).toBe('data "aws_route53_zone" "existing" {\n  private_zone = false\n}\n');
  });

  it("refuses a created zone that also reads itself, and a name check of another zone", () => {
    const model = stackModel([fleetStackHcl(ZONE.domainName, { import: ZONE.hostedZoneId })], "fleet");
    const created = fleetFactsOf(loadSettings({}), { ...ZONE, hostedZoneId: undefined, ownership: "create" });
    expect(() => stackTestFile("fleet-zone", model, created, schemas, "./f", "k")).toThrow(
      "the stack declares the zone adopted.example.org and also reads it through data.aws_route53_zone.existing",
    );
    const other = stackModel([fleetStackHcl(ZONE.domainName, { import: ZONE.hostedZoneId }).replace('zone_id = "Z0ADOPTED00000000001"', 'zone_id = "Z0OTHER"')], "fleet");
    expect(() => stackTestFile("fleet-zone", other, facts, schemas, "./f", "k")).toThrow(
      "the adopted zone adopted.example.org is checked by data.aws_route53_zone.existing, which reads Z0OTHER instead of Z0ADOPTED00000000001",
    );
  });

  it("reads a referenced zone through its data source and refuses a stack that declares it", () => {
    const reference = { ...ZONE, ownership: "reference" as const };
    const referenced = fleetFactsOf(loadSettings({}), reference);
    const text = stackTestFile("fleet-zone", stackModel([fleetStackHcl(ZONE.domainName, { reference: ZONE.hostedZoneId })], "fleet"), referenced, schemas, "./f", "k");
    expect(text).toContain("override_data {\n    target = data.aws_route53_zone.zone");
    expect(mockGapsOverrideFile(stackModel([fleetStackHcl(ZONE.domainName, { reference: ZONE.hostedZoneId })], "fleet"))).toBe('data "aws_route53_zone" "zone" {\n  private_zone = false\n}\n');
    expect(mockGapsOverrideFile(stackModel([fleetStackHcl(ZONE.domainName)], "fleet"))).toBeUndefined();
    expect(() => stackTestFile("fleet-zone", stackModel([fleetStackHcl(ZONE.domainName)], "fleet"), referenced, schemas, "./f", "k")).toThrow(
      "the zone adopted.example.org is only referenced, but the stack declares aws_route53_zone.zone",
    );
  });
});

describe("the hosted zone's change in a fleet stack's plan", () => {
  const adopt = { address: "aws_route53_zone.zone", ownership: "adopt" as const, zoneId: "Z0ADOPTED00000000001" };
  const change = (actions: string[], importing?: string) => [{ address: "aws_route53_zone.zone", change: { actions, ...(importing ? { importing: { id: importing } } : {}) } }];

  it("accepts an adopted zone imported unchanged from its id, and a created zone created", () => {
    expect(zonePlanProblems(adopt, change(["no-op"], "Z0ADOPTED00000000001"))).toEqual([]);
    expect(zonePlanProblems({ ...adopt, ownership: "create" }, change(["create"]))).toEqual([]);
  });

  it("refuses an adopted zone that is created, imported from another id or changed, and a plan never reported", () => {
    expect(zonePlanProblems(adopt, change(["create"]))).toEqual(['run "plan": aws_route53_zone.zone must be imported from Z0ADOPTED00000000001, the plan imports nothing (create)']);
    expect(zonePlanProblems(adopt, change(["no-op"], "Z0OTHER"))).toEqual(['run "plan": aws_route53_zone.zone must be imported from Z0ADOPTED00000000001, the plan imports Z0OTHER (no-op)']);
    expect(zonePlanProblems(adopt, change(["update"], "Z0ADOPTED00000000001"))).toEqual(['run "plan": the adopted aws_route53_zone.zone must be imported unchanged, the plan would update it']);
    expect(zonePlanProblems(adopt, undefined)).toEqual(['run "plan": no plan was reported, so the import of aws_route53_zone.zone is unproven']);
    expect(zonePlanProblems({ ...adopt, ownership: "create" }, change(["no-op"], "Z1"))).toEqual(['run "plan": aws_route53_zone.zone is created by the app, but the plan imports Z1']);
  });

  it("accepts a referenced zone's plan without any zone resource, and refuses one that creates or imports a zone", () => {
    const reference = { ownership: "reference" as const, zoneId: "Z0REFERENCED00000001" };
    const ksk = [{ address: "aws_route53_key_signing_key.dnssec_ksk_1_signing_key", change: { actions: ["create"] } }];
    expect(zonePlanProblems(reference, ksk)).toEqual([]);
    expect(zonePlanProblems(reference, [...ksk, ...change(["create"])])).toEqual(['run "plan": the zone Z0REFERENCED00000001 is only referenced, but the plan would create aws_route53_zone.zone']);
    expect(zonePlanProblems(reference, change(["no-op"], "Z0REFERENCED00000001"))).toEqual(['run "plan": the zone Z0REFERENCED00000001 is only referenced, but the plan would import aws_route53_zone.zone']);
    expect(zonePlanProblems(reference, undefined)).toEqual(['run "plan": no plan was reported, so that the referenced zone Z0REFERENCED00000001 gets no zone resource is unproven']);
  });
});
