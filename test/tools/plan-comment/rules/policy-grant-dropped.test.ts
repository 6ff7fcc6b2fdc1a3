import { describe, expect, it } from "vitest";
import { policyGrantDropped } from "../../../../tools/plan-comment/rules/policy-grant-dropped";
import { ChangeSpec, buildPlan, dnssecPolicy, fixture, keyPolicyValues, kmsKeyValues } from "../plan-builder";

const update = (type: string, before: string, after: string | undefined): ChangeSpec => ({
  type,
  actions: ["update"],
  before: type === "aws_kms_key" ? kmsKeyValues("k", { policy: before }) : keyPolicyValues("k", before),
  after:
    after === undefined
      ? { key_id: "k" }
      : type === "aws_kms_key"
        ? kmsKeyValues("k", { policy: after })
        : keyPolicyValues("k", after),
  afterUnknown: after === undefined ? { policy: true } : {},
});

describe("DNSSEC-POLICY-GRANT-DROPPED", () => {
  it("is a danger when a key policy update drops the dnssec-route53.amazonaws.com statements", () => {
    const [finding] = policyGrantDropped.check(fixture("dnssec/danger-policy-drops-dnssec.json"));
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("`kms:Sign`");
  });

  it("finds nothing when the update keeps the grants", () => {
    expect(policyGrantDropped.check(fixture("dnssec/safe-policy-tightened.json"))).toEqual([]);
  });

  it("is a danger when only kms:CreateGrant is dropped", () => {
    const plan = buildPlan([update("aws_kms_key_policy", dnssecPolicy(), dnssecPolicy(undefined, false))]);
    const [finding] = policyGrantDropped.check(plan);
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("`kms:CreateGrant`");
    expect(finding?.statement).not.toContain("`kms:Sign`");
  });

  it("checks the inline policy argument of aws_kms_key too", () => {
    const plan = buildPlan([update("aws_kms_key", dnssecPolicy(), dnssecPolicy([], false))]);
    expect(policyGrantDropped.check(plan)[0]?.severity).toBe("danger");
  });

  it("accepts wildcards that still cover the needed actions", () => {
    const plan = buildPlan([update("aws_kms_key_policy", dnssecPolicy(), dnssecPolicy(["kms:*"], false))]);
    expect(policyGrantDropped.check(plan)).toEqual([]);
  });

  it("is a warning when the new policy is known only after apply", () => {
    const plan = buildPlan([update("aws_kms_key_policy", dnssecPolicy(), undefined)]);
    expect(policyGrantDropped.check(plan)[0]?.severity).toBe("warning");
  });

  it("ignores policies that never granted DNSSEC access", () => {
    const plain = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "kms:Encrypt" }] });
    const plan = buildPlan([update("aws_kms_key_policy", plain, JSON.stringify({ Statement: [] }))]);
    expect(policyGrantDropped.check(plan)).toEqual([]);
  });
});
