import { describe, expect, it } from "vitest";
import { keyPolicyRemoved } from "../../../../tools/plan-comment/rules/key-policy-removed";
import { buildPlan, fixture, keyPolicyValues, kmsKeyValues, steadyKsk } from "../plan-builder";

describe("DNSSEC-KEY-POLICY-REMOVED", () => {
  it("is a danger when the policy is deleted while its KSK stays", () => {
    const findings = keyPolicyRemoved.check(fixture("dnssec/danger-delete-key-policy.json"));
    expect(findings.map((f) => f.severity)).toEqual(["danger"]);
  });

  it("is a danger when the policy is replaced", () => {
    expect(keyPolicyRemoved.check(fixture("dnssec/danger-replace-kms-key.json"))[0]?.severity).toBe("danger");
  });

  it("is safe when deleted with its retired key and INACTIVE KSK (rotation step 7)", () => {
    expect(keyPolicyRemoved.check(fixture("dnssec/rotation-7-remove-inactive.json")).map((f) => f.severity)).toEqual(["safe"]);
  });

  it("warns, not a danger, when deleted with an orphaned key that no KSK in the plan uses", () => {
    const plan = buildPlan([
      { type: "aws_kms_key", actions: ["delete"], before: kmsKeyValues("ksk_1-key") },
      { type: "aws_kms_key_policy", actions: ["delete"], before: keyPolicyValues("ksk_1-key") },
      steadyKsk("ksk_2"),
    ]);
    expect(keyPolicyRemoved.check(plan).map((f) => f.severity)).toEqual(["warning"]);
    const inUse = buildPlan([
      { type: "aws_kms_key", actions: ["delete"], before: kmsKeyValues("ksk_1-key") },
      { type: "aws_kms_key_policy", actions: ["delete"], before: keyPolicyValues("ksk_1-key") },
      steadyKsk("ksk_1"),
    ]);
    expect(keyPolicyRemoved.check(inUse).map((f) => f.severity)).toEqual(["danger"]);
  });

  it("ignores key policies that do not name the DNSSEC principal", () => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:Encrypt" }] });
    const plan = buildPlan([{ type: "aws_kms_key_policy", actions: ["delete"], before: keyPolicyValues("logs", policy) }]);
    expect(keyPolicyRemoved.check(plan)).toEqual([]);
  });
});
