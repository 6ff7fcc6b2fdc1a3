import { describe, expect, it } from "vitest";
import { KeySigningKey } from "../../../modules/dnssec/key-signing-key";
import { moduleStack, only, synthStack, dataSources } from "../../helpers/synth";

function ksk(overrides: Partial<ConstructorParameters<typeof KeySigningKey>[1]> = {}) {
  const { stack, usEast1 } = moduleStack();
  const key = new KeySigningKey(stack, {
    name: "ksk_1",
    hostedZoneId: "Z123",
    hostedZoneArn: "arn:aws:route53:::hostedzone/Z123",
    accountId: "111122223333",
    partition: "aws",
    provider: usEast1,
    ...overrides,
  });
  return { stack, key, doc: synthStack(stack) };
}

describe("KeySigningKey", () => {
  it("creates an asymmetric P-256 signing key on the us-east-1 provider", () => {
    const { doc } = ksk();
    const key = only(doc, "aws_kms_key");
    expect(key.customer_master_key_spec).toBe("ECC_NIST_P256");
    expect(key.key_usage).toBe("SIGN_VERIFY");
    expect(key.provider).toBe("aws.us_east_1");
  });

  it("defaults the deletion window to 30 days", () => {
    expect(only(ksk().doc, "aws_kms_key").deletion_window_in_days).toBe(30);
  });

  it("uses the deletion window it is given", () => {
    expect(only(ksk({ deletionWindowDays: 7 }).doc, "aws_kms_key").deletion_window_in_days).toBe(7);
  });

  it("throws when the deletion window is outside 7-30", () => {
    expect(() => ksk({ deletionWindowDays: 45 })).toThrow(
      'KeySigningKey "ksk_1": deletionWindowDays must be a whole number of days between 7 and 30 (KMS\'s limits), got: 45; use 30 unless you have a reason not to.',
    );
  });

  it("throws when the KSK name has a dash", () => {
    expect(() => ksk({ name: "ksk-1" })).toThrow(
      'KeySigningKey name must be 3-128 characters of letters, digits and underscores (Route 53\'s rule for key-signing key names), got: "ksk-1"; for example "ksk_2025".',
    );
  });

  it("creates an alias on the same provider when asked", () => {
    const alias = only(ksk({ aliasName: "alias/demo-dnssec-ksk_1" }).doc, "aws_kms_alias");
    expect(alias.name).toBe("alias/demo-dnssec-ksk_1");
    expect(alias.provider).toBe("aws.us_east_1");
  });

  it("creates the key with its Route 53 policy, and keeps the same policy in its aws_kms_key_policy on us-east-1", () => {
    const { doc } = ksk();
    const policy = only(doc, "aws_kms_key_policy");
    expect(policy.provider).toBe("aws.us_east_1");
    expect(policy.key_id).toMatch(/^\$\{aws_kms_key\.[A-Za-z0-9_]+\.id\}$/);
    // KMS is eventually consistent: a key created without the grant and given it a moment later
    // is where CreateKeySigningKey's InvalidKMSArn comes from. With the policy in CreateKey, the
    // key never exists without the grant, and the provider waits until the policy reads back
    // before the KSK (which needs the key's ARN) starts.
    expect(only(doc, "aws_kms_key").policy).toBe(policy.policy);
    expect(policy.policy).toMatch(/^\$\{data\.aws_iam_policy_document\.[A-Za-z0-9_]+\.json\}$/);
  });

  it("lets only Route 53 DNSSEC for this account and zone use the key, and grants only for AWS resources", () => {
    const doc = Object.values(dataSources(ksk().doc, "aws_iam_policy_document"))[0] as { statement: Record<string, unknown>[] };
    const [admin, service, grants] = doc.statement;
    expect(admin).toMatchObject({ effect: "Allow", actions: ["kms:*"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111122223333:root"] }] });
    expect(service).toMatchObject({
      principals: [{ type: "Service", identifiers: ["dnssec-route53.amazonaws.com"] }],
      actions: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
      condition: [
        { test: "StringEquals", variable: "aws:SourceAccount", values: ["111122223333"] },
        { test: "ArnEquals", variable: "aws:SourceArn", values: ["arn:aws:route53:::hostedzone/Z123"] },
      ],
    });
    expect(grants).toMatchObject({
      principals: [{ type: "Service", identifiers: ["dnssec-route53.amazonaws.com"] }],
      actions: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
    });
  });

  it("creates an ACTIVE KSK that depends on the key policy", () => {
    const { doc } = ksk();
    const resource = only(doc, "aws_route53_key_signing_key");
    expect(resource).toMatchObject({ name: "ksk_1", status: "ACTIVE", hosted_zone_id: "Z123" });
    expect(resource.depends_on).toEqual([expect.stringMatching(/^aws_kms_key_policy\./)]);
  });

  it("fails the apply, saying to rotate under a new name, when the KSK still signs with another key than configured", () => {
    // The provider's update only changes status and then reads the KSK back, so after an apply
    // that changed key_management_service_arn, self holds the old key and this check fails.
    const resource = only(ksk().doc, "aws_route53_key_signing_key");
    const [check] = (resource.lifecycle as { postcondition: { condition: string; error_message: string }[] }).postcondition;
    expect(check.condition).toBe(`\${(self.key_management_service_arn == ${String(resource.key_management_service_arn).slice(2, -1)})}`);
    expect(check.error_message).toContain("Route 53 cannot move a KSK to another KMS key");
    expect(check.error_message).toContain("rotate to a KSK with a new name");
    const byo = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const own = only(ksk({ kmsKeyArn: byo }).doc, "aws_route53_key_signing_key").lifecycle as { postcondition: { condition: string }[] };
    expect(own.postcondition[0].condition).toBe(`\${(self.key_management_service_arn == "${byo}")}`);
  });

  it("creates an INACTIVE KSK when not active", () => {
    expect(only(ksk({ active: false }).doc, "aws_route53_key_signing_key").status).toBe("INACTIVE");
  });
});
