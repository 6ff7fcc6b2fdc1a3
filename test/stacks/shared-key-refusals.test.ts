/** The constructs behind sharedKmsKey refuse what the settings can never produce, with one line each. */
import { describe, expect, it } from "vitest";
import { App, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DnssecSigning } from "../../modules/dnssec";
import { KeysStack } from "../../stacks/keys-stack";
import { SharedSigningKey } from "../../modules/shared-signing-key";
import { TerraformStack } from "cdktf";

const base = { region: "ap-southeast-2", stateBucket: "acme-state-bucket", stateKeyPrefix: "fleet", stateRegion: "ap-southeast-2", tags: {} };

function scope() {
  const stack = new TerraformStack(Testing.app(), "s");
  return { stack, usEast1: new AwsProvider(stack, "us", { region: "us-east-1", alias: "us_east_1" }), other: new AwsProvider(stack, "eu", { region: "eu-central-1", alias: "eu" }) };
}

describe("shared key constructs", () => {
  it("refuses a KSK with both its own kmsKeyArn and a shared key alias", () => {
    const { stack, usEast1 } = scope();
    expect(
      () =>
        new DnssecSigning(stack, "dnssec", {
          hostedZoneId: "Z0SOMEZONE01",
          zoneName: "example.ie",
          usEast1,
          keySigningKeys: [{ name: "ksk_jade", kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/abc-123", sharedKeyAlias: "alias/x-shared-ksk_jade" }],
        }),
    ).toThrow('KeySigningKey "ksk_jade": kmsKeyArn and sharedKeyAlias are both set; a KSK signs with one key, so give one of them.');
  });

  it("refuses two KSKs of one zone on one shared key", () => {
    const { stack, usEast1 } = scope();
    expect(
      () =>
        new DnssecSigning(stack, "dnssec", {
          hostedZoneId: "Z0SOMEZONE02",
          zoneName: "example.ie",
          usEast1,
          keySigningKeys: [
            { name: "ksk_one", sharedKeyAlias: "alias/x-shared-k" },
            { name: "ksk_two", sharedKeyAlias: "alias/x-shared-k", publishDs: false },
          ],
        }),
    ).toThrow(/key-signing keys "ksk_one" and "ksk_two" share the KMS key "alias\/x-shared-k"/);
  });

  it("refuses a shared key outside us-east-1", () => {
    const { stack, other } = scope();
    expect(() => new SharedSigningKey(stack, { kskName: "ksk_opal", aliasName: "alias/x-shared-ksk_opal", accountId: "1", partition: "aws", provider: other })).toThrow(
      'SharedSigningKey "ksk_opal": provider must be an AWS provider for us-east-1 (Route 53 accepts DNSSEC KMS keys only from us-east-1), got one for "eu-central-1"; pass the aliased us-east-1 provider.',
    );
  });

  it("refuses a keys stack without KSK names", () => {
    expect(() => new KeysStack(new App(), "dnssec-keys", { ...base, kskNames: [], kmsAliasPrefix: "alias/acme", kmsDeletionWindowDays: 30 })).toThrow(
      "KeysStack dnssec-keys: kskNames is empty; a keys stack without keys has nothing to share, so build it only when sharedKmsKey gives it a KSK name.",
    );
  });

  it("accepts KSK names that are the stack's own ids, since the keys sit under their own construct", () => {
    const stack = new KeysStack(Testing.app(), "dnssec-keys", { ...base, kskNames: ["aws", "aws_us_east_1", "shared"], kmsAliasPrefix: "alias/acme", kmsDeletionWindowDays: 7 });
    const config = JSON.parse(Testing.synth(stack)) as { resource: { aws_kms_key: Record<string, { deletion_window_in_days: number }> } };
    expect(Object.keys(config.resource.aws_kms_key).sort()).toEqual(["shared_aws_kms_key", "shared_aws_us_east_1_kms_key", "shared_shared_kms_key"]);
    expect(config.resource.aws_kms_key.shared_aws_kms_key?.deletion_window_in_days).toBe(7);
  });
});
