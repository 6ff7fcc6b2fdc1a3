import { describe, expect, it } from "vitest";
import { kskKeyChanged } from "../../../../tools/plan-comment/rules/ksk-key-changed";
import { buildPlan } from "../plan-builder";

const KSK = "aws_route53_key_signing_key";
const OLD = "arn:aws:kms:us-east-1:111122223333:key/11111111-1111-1111-1111-111111111111";
const NEW = "arn:aws:kms:us-east-1:111122223333:key/22222222-2222-2222-2222-222222222222";

describe("DNSSEC-KSK-KEY-CHANGED", () => {
  it("is a danger when a KSK's key_management_service_arn changes in place", () => {
    const plan = buildPlan([
      { type: KSK, name: "dnssec_ksk_1_signing_key", actions: ["update"], before: { status: "ACTIVE", key_management_service_arn: OLD }, after: { status: "ACTIVE", key_management_service_arn: NEW } },
    ]);
    const findings = kskKeyChanged.check(plan);
    expect(findings.map((f) => [f.severity, f.subject])).toEqual([["danger", "aws_route53_key_signing_key.dnssec_ksk_1_signing_key"]]);
    expect(findings[0].statement).toContain(`key_management_service_arn ${OLD} → ${NEW}`);
    expect(findings[0].whatToDo).toContain("new KSK name");
  });

  it("is a danger when the new key is known only after apply", () => {
    const plan = buildPlan([
      { type: KSK, actions: ["update"], before: { key_management_service_arn: OLD }, after: {}, afterUnknown: { key_management_service_arn: true } },
    ]);
    expect(kskKeyChanged.check(plan)).toHaveLength(1);
  });

  it("passes a status change on the same key and a new KSK", () => {
    const plan = buildPlan([
      { type: KSK, actions: ["update"], before: { status: "ACTIVE", key_management_service_arn: OLD }, after: { status: "INACTIVE", key_management_service_arn: OLD } },
      { type: KSK, actions: ["create"], after: { status: "ACTIVE" }, afterUnknown: { key_management_service_arn: true } },
    ]);
    expect(kskKeyChanged.check(plan)).toEqual([]);
  });
});
