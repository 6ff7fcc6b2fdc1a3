/**
 * The harness's checks of `sharedKmsKey` with real Terraform: the matrix's shared-keys configuration
 * (the `dnssec-keys` stack, zones that read their key by alias, a zone whose KSK brings its own key)
 * passes every step, its key-state files fail the plan on a PendingDeletion or Disabled key as they
 * must, and stacks edited to break the contract make the harness report a failure. Skipped like
 * fleet.test.ts without Terraform.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYS_STACK_ID, zoneStackId } from "../../../stacks/stack-ids";
import { findToolchain, terraformEnv } from "../../../tools/terraform-check/environment";
import { MATRIX } from "../../../tools/terraform-check/matrix";
import { check, keyStateSubject, type CheckReport } from "../../../tools/terraform-check/run";
import { CONTEXT_FILE, synthesizeInto } from "../../../tools/terraform-check/synth-config";
import { KEY_STATE_RUNS } from "../../../tools/terraform-check/tftest";

const lookup = findToolchain();
const CONFIG = MATRIX.find((m) => m.name === "shared-keys");
const SHOP = zoneStackId("example-shop.co.uk");
const ALIAS = "alias/dnssec-demo-dnssec-shared-ksk_1";
const KEY_STATE = '(self.key_state == "Enabled") && ';

describe("the shared-keys configuration of the matrix", () => {
  it("is in the matrix: sharedKmsKey, a zone rotating on shared keys, a zone bringing its own key", () => {
    expect(CONFIG?.context).toMatchObject({
      sharedKmsKey: true,
      zones: [
        { domainName: "example-shop.co.uk", keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false }] },
        { domainName: "example.org", keySigningKeys: [{ name: "ksk_1", kmsKeyArn: expect.stringMatching(/^arn:aws:kms:us-east-1:/) }] },
      ],
    });
  });
});

describe.skipIf(!lookup.ok)("shared KMS keys, with real Terraform and mocked providers", () => {
  const scratch = mkdtempSync(join(tmpdir(), "terraform-check-shared-keys-"));
  let report: CheckReport;
  const stacks = ["zone", "app", KEYS_STACK_ID, SHOP, zoneStackId("example.org")];

  /** A configuration of one stack of shared-keys, its main.tf edited by `edit`. */
  const broken = (name: string, stack: string, edit: (hcl: string) => string) => {
    const from = join(scratch, "configs", "shared-keys");
    const dir = join(scratch, "configs", name);
    mkdirSync(join(dir, stack), { recursive: true });
    cpSync(join(from, CONTEXT_FILE), join(dir, CONTEXT_FILE));
    const hcl = readFileSync(join(from, stack, "main.tf"), "utf8");
    const edited = edit(hcl);
    // An edit that matches nothing would prove nothing.
    if (edited === hcl) throw new Error(`the edit of ${name} changed nothing in ${stack}/main.tf`);
    writeFileSync(join(dir, stack, "main.tf"), edited);
    return { name, dir };
  };

  beforeAll(async () => {
    if (!lookup.ok || !CONFIG) return;
    const dir = join(scratch, "configs", "shared-keys");
    await synthesizeInto(dir, CONFIG.context);
    report = await check({
      configs: [
        { name: "shared-keys", dir },
        // The postcondition without its key_state check: a PendingDeletion or Disabled key passes it.
        broken("no-key-state-check", SHOP, (hcl) => hcl.replaceAll(KEY_STATE, "")),
        // The zone creates a key of its own for ksk_1 besides reading the shared one.
        broken("per-zone-key", SHOP, (hcl) =>
          hcl.replace(
            'resource "terraform_data" "dnssec_ksk_1_shared_key_alias" {',
            'resource "aws_kms_key" "dnssec_ksk_1_kms_key" {\n  provider                 = aws.us_east_1\n  customer_master_key_spec = "ECC_NIST_P256"\n  key_usage                = "SIGN_VERIFY"\n}\n\nresource "terraform_data" "dnssec_ksk_1_shared_key_alias" {',
          ),
        ),
        // The zone reads another alias than the keys stack makes.
        broken("zone-alias-changed", SHOP, (hcl) => hcl.replace(`name = "${ALIAS}"`, 'name = "alias/dnssec-demo-dnssec-ksk_1"')),
        // The keys stack names the alias otherwise.
        broken("keys-alias-changed", KEYS_STACK_ID, (hcl) => hcl.replace(`name          = "${ALIAS}"`, 'name          = "alias/dnssec-demo-dnssec-shared-ksk-1"')),
      ],
      toolchain: lookup.toolchain,
      env: terraformEnv(scratch, lookup.toolchain.pluginDir),
      scratch,
      defaultContext: {},
    });
  }, 30 * 60 * 1000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const results = (subject: string) => report.results.filter((r) => r.subject === subject);
  const failures = (subject: string) => results(subject).filter((r) => !r.ok).map((r) => `${r.step}: ${r.lines.join(" | ")}`);

  for (const stack of stacks) {
    it(`shared-keys/${stack}: fmt, init, validate, mocked plan and apply pass`, () => {
      expect(results(`shared-keys/${stack}`).map((r) => r.step)).toEqual(["fmt", "init", "validate", "test"]);
      expect(failures(`shared-keys/${stack}`)).toEqual([]);
    });
  }

  it("runs the key-state files on the created zone that reads its keys, and they fail the plan as they must", () => {
    const keyStates = report.results.filter((r) => r.step === "key-state" && r.subject.startsWith("shared-keys/"));
    expect(keyStates.map((r) => [r.subject, r.ok, r.lines])).toEqual(KEY_STATE_RUNS.map((k) => [keyStateSubject(`shared-keys/${SHOP}`, k.state), true, []]));
  });

  it("reports a failure when the postcondition no longer checks key_state: the expected failure is missing", () => {
    for (const { state, run } of KEY_STATE_RUNS) {
      expect(failures(keyStateSubject(`no-key-state-check/${SHOP}`, state))).toEqual([
        expect.stringMatching(
          new RegExp(`^key-state: the plan on an unusable shared key must fail with .* got error: run "${run}": error \\| run "${run}": error: Missing expected failure: The checkable object, data\\.aws_kms_key\\.dnssec_ksk_1_shared_key, was expected to report an error but did not\\. .* \\| run "${run}_message": skip$`),
        ),
      ]);
    }
    // The stack's own test still passes: only the key-state runs see the weaker check.
    expect(failures(`no-key-state-check/${SHOP}`)).toEqual([]);
  });

  it("reports a zone that creates its own key for a KSK on a shared key", () => {
    expect(failures(`per-zone-key/${SHOP}`)).toEqual([
      "test: KSK ksk_1 signs with the shared key alias/dnssec-demo-dnssec-shared-ksk_1 (sharedKmsKey), but the configuration still creates aws_kms_key.dnssec_ksk_1_kms_key",
    ]);
  });

  it("reports a zone that reads its key by another alias", () => {
    expect(failures(`zone-alias-changed/${SHOP}`)).toEqual([expect.stringContaining("KSK ksk_1 must read the shared key alias/dnssec-demo-dnssec-shared-ksk_1")]);
  });

  it("reports a keys stack whose alias is not <kmsAliasPrefix>-shared-<ksk>", () => {
    expect(failures(`keys-alias-changed/${KEYS_STACK_ID}`)).toEqual([expect.stringContaining("the shared key of ksk_1 must have the alias alias/dnssec-demo-dnssec-shared-ksk_1")]);
  });
});
