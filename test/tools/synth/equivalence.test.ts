import { beforeAll, describe, expect, it } from "vitest";
import { checkEquivalence, normalizeExpression, type Finding } from "../../../tools/synth/equivalence";
import type { SynthesizedStack } from "../../../tools/synth/synthesize";
import { fixtureSynth, stackNamed } from "./fixtures/synth-fixture";

let app: SynthesizedStack;
let appHcl: string;
let zone: SynthesizedStack;
let zoneHcl: string;

beforeAll(async () => {
  const synth = await fixtureSynth();
  app = stackNamed(synth, "app");
  zone = stackNamed(synth, "zone");
  appHcl = synth.files.get("app/main.tf") as string;
  zoneHcl = synth.files.get("zone/main.tf") as string;
});

/** The rendered app HCL with one edit; the edit must apply. */
function edited(from: string, to: string): string {
  expect(appHcl).toContain(from);
  return appHcl.replace(from, to);
}

function findingsFor(hcl: string): Finding[] {
  return checkEquivalence(hcl, app.config, app.shapes);
}

describe("checkEquivalence", () => {
  it("finds nothing for the rendered fixture stacks", () => {
    expect(checkEquivalence(appHcl, app.config, app.shapes)).toEqual([]);
    expect(checkEquivalence(zoneHcl, zone.config, zone.shapes)).toEqual([]);
  });

  it("treats interpolation-only wrappers and spacing inside expressions as the same value", () => {
    const wrapped = edited("key_id   = aws_kms_key.ksk-key.id", 'key_id = "${aws_kms_key.ksk-key.id}"');
    const spaced = wrapped.replace('join("-", [local.prefix, "sg"])', 'join( "-" , [ local.prefix , "sg" ] )');
    expect(findingsFor(spaced)).toEqual([]);
  });

  it("catches a dropped attribute", () => {
    expect(findingsFor(edited("  deletion_window_in_days  = 30\n", ""))).toEqual([
      { path: "resource.aws_kms_key.ksk-key.0.deletion_window_in_days", message: "missing from the HCL" },
    ]);
  });

  it("catches a changed value", () => {
    expect(findingsFor(edited('"ECC_NIST_P256"', '"RSA_2048"'))).toEqual([
      {
        path: "resource.aws_kms_key.ksk-key.0.customer_master_key_spec",
        message: 'the JSON synth has "ECC_NIST_P256", the HCL has "RSA_2048"',
      },
    ]);
  });

  it("catches a renamed resource", () => {
    expect(findingsFor(edited('resource "aws_kms_key" "ksk-key"', 'resource "aws_kms_key" "ksk-key-2"'))).toEqual([
      { path: "resource.aws_kms_key.ksk-key", message: "missing from the HCL" },
      { path: "resource.aws_kms_key.ksk-key-2", message: "in the HCL but not in the JSON synth" },
    ]);
  });

  it("catches a camelCase key", () => {
    const findings = findingsFor(edited("  key_usage                = ", "  keyUsage = "));
    expect(findings).toContainEqual({
      path: "resource.aws_kms_key.ksk-key.keyUsage",
      message: 'camelCase key "keyUsage"; Terraform names are snake_case',
    });
  });

  it("catches a camelCase key inside an attribute the provider types as any", () => {
    const findings = findingsFor(edited('  scope     = "REGIONAL"\n', '  scope = "REGIONAL"\n  statement = { managedRuleGroupStatement = {} }\n'));
    expect(findings.map((finding) => finding.message)).toContain('camelCase key "managedRuleGroupStatement"; Terraform names are snake_case');
  });

  it("catches a quoted provider reference", () => {
    const findings = findingsFor(edited("provider                 = aws.us-east-1", 'provider = "aws.us-east-1"'));
    expect(findings).toEqual([
      {
        path: "resource.aws_kms_key.ksk-key.provider",
        message: 'quoted reference "aws.us-east-1"; write it without quotes: aws.us-east-1',
      },
      {
        path: "resource.aws_kms_key.ksk-key.0.provider",
        message: 'the JSON synth has "${aws.us-east-1}", the HCL has "aws.us-east-1"',
      },
    ]);
  });

  it("catches a quoted depends_on reference", () => {
    const findings = findingsFor(edited("[aws_kms_key_policy.key-policy]", '["aws_kms_key_policy.key-policy"]'));
    expect(findings.map((finding) => finding.path)).toEqual([
      "resource.aws_route53_key_signing_key.ksk.depends_on",
      "resource.aws_route53_key_signing_key.ksk.0.depends_on.0",
    ]);
  });

  it("catches a map written as a block and a block written as a map", () => {
    expect(findingsFor(edited("  tags = {\n    Owner", "  tags {\n    Owner")).map((f) => f.path)).toEqual([
      "resource.aws_security_group.sg.0.tags",
    ]);
    expect(findingsFor(edited("    redirect {", "    redirect = {")).map((f) => f.path)).toEqual([
      "resource.aws_lb_listener.redirect.0.default_action.0.redirect",
    ]);
  });

  it("catches a missing block, an extra resource and a dropped output", () => {
    const withoutBlock = edited(/ {2}lifecycle \{\n {4}prevent_destroy = true\n {2}\}\n/.exec(appHcl)?.[0] ?? "?", "");
    expect(findingsFor(withoutBlock).map((f) => f.path)).toEqual(["resource.aws_s3_bucket.logs.0.lifecycle"]);
    expect(findingsFor(`${appHcl}\nresource "aws_s3_bucket" "extra" {}\n`).map((f) => f.path)).toEqual([
      "resource.aws_s3_bucket.extra",
    ]);
    const withoutOutput = appHcl.replace(/output "key_arn" \{[^}]*\}\n/, "");
    expect(findingsFor(withoutOutput).map((f) => f.path)).toEqual(["output.key_arn"]);
  });

  it("catches a changed backend setting and a changed provider region", () => {
    expect(findingsFor(edited('key          = "app/terraform.tfstate"', 'key = "other.tfstate"')).map((f) => f.path)).toEqual([
      "terraform.0.backend.s3.0.key",
    ]);
    expect(findingsFor(edited('alias  = "us-east-1"\n  region = "us-east-1"', 'alias  = "us-east-1"\n  region = "us-west-2"')).map((f) => f.path)).toEqual([
      "provider.aws.us-east-1.0.region",
    ]);
  });

  it("throws on text that is not HCL", () => {
    expect(() => checkEquivalence("resource {{{", app.config, app.shapes, "broken.tf")).toThrow(/broken.tf is not valid HCL/);
  });
});

describe("normalizeExpression", () => {
  it("drops whitespace outside string literals only", () => {
    expect(normalizeExpression(' join( "a b" , [ x ] ) ')).toBe('join("a b",[x])');
  });
});
