import { describe, expect, it } from "vitest";
import { kmsKeyDisabled } from "../../../../tools/plan-comment/rules/kms-key-disabled";
import { buildPlan, fixture, kmsKeyValues } from "../plan-builder";

describe("DNSSEC-KMS-KEY-DISABLED", () => {
  it("is a danger when the DNSSEC key is disabled", () => {
    const findings = kmsKeyDisabled.check(fixture("dnssec/danger-disable-kms-key.json"));
    expect(findings.map((f) => f.severity)).toEqual(["danger"]);
    expect(findings[0]?.statement).toContain("is_enabled true → false");
  });

  it("finds nothing when the key stays enabled or is re-enabled", () => {
    expect(kmsKeyDisabled.check(fixture("dnssec/safe-tags-only.json"))).toEqual([]);
    const plan = buildPlan([
      { type: "aws_kms_key", actions: ["update"], before: kmsKeyValues("k", { is_enabled: false }), after: kmsKeyValues("k") },
    ]);
    expect(kmsKeyDisabled.check(plan)).toEqual([]);
  });
});
