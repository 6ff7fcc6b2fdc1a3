import { describe, expect, it } from "vitest";
import { kmsKeyRemoved } from "../../../../tools/plan-comment/rules/kms-key-removed";
import { buildPlan, fixture, kmsKeyValues, kskValues, steadyKsk } from "../plan-builder";

describe("DNSSEC-KMS-KEY-REMOVED", () => {
  it("is safe when the key is deleted with its INACTIVE KSK (rotation step 7)", () => {
    expect(kmsKeyRemoved.check(fixture("dnssec/rotation-7-remove-inactive.json")).map((f) => f.severity)).toEqual(["safe"]);
  });

  it("is a danger when the key is deleted with an ACTIVE KSK", () => {
    expect(kmsKeyRemoved.check(fixture("dnssec/danger-remove-active-ksk.json")).map((f) => f.severity)).toEqual(["danger"]);
  });

  it("is a danger when the key is replaced", () => {
    const [finding] = kmsKeyRemoved.check(fixture("dnssec/danger-replace-kms-key.json"));
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("forced by `customer_master_key_spec`");
  });

  it("is a danger when the key is deleted while a remaining KSK still uses it", () => {
    const plan = buildPlan([
      { type: "aws_kms_key", actions: ["delete"], before: kmsKeyValues("ksk_1-key") },
      steadyKsk("ksk_1", "INACTIVE"),
    ]);
    expect(kmsKeyRemoved.check(plan)[0]?.severity).toBe("danger");
  });

  it("is a danger when a retired KSK's key is shared with a KSK that stays", () => {
    const plan = buildPlan([
      { type: "aws_kms_key", actions: ["delete"], before: kmsKeyValues("shared-key") },
      { type: "aws_route53_key_signing_key", actions: ["delete"], before: kskValues("old", "INACTIVE", "shared-key") },
      { ...steadyKsk("new"), before: kskValues("new", "ACTIVE", "shared-key"), after: kskValues("new", "ACTIVE", "shared-key") },
    ]);
    expect(kmsKeyRemoved.check(plan)[0]?.severity).toBe("danger");
  });

  it("warns, not a danger, when no KSK in the plan uses the deleted key (its KSK went in an earlier apply)", () => {
    const orphan = buildPlan([
      { type: "aws_kms_key", actions: ["delete"], before: kmsKeyValues("ksk_1-key") },
      steadyKsk("ksk_2"),
    ]);
    const [finding] = kmsKeyRemoved.check(orphan);
    expect(finding?.severity).toBe("warning");
    expect(finding?.statement).toContain("no KSK in this plan uses it");
    // An INACTIVE KSK on another key deleted alongside does not make it a rotation step either.
    const alongside = buildPlan([
      { type: "aws_kms_key", actions: ["delete"], before: kmsKeyValues("ksk_1-key") },
      { type: "aws_route53_key_signing_key", actions: ["delete"], before: kskValues("ksk_2", "INACTIVE") },
    ]);
    expect(kmsKeyRemoved.check(alongside)[0]?.severity).toBe("warning");
  });

  it("stays a danger when a KSK in the plan, even INACTIVE and kept, still uses the key", () => {
    const plan = buildPlan([
      { type: "aws_kms_key", actions: ["delete"], before: kmsKeyValues("ksk_1-key") },
      steadyKsk("ksk_1", "ACTIVE"),
    ]);
    expect(kmsKeyRemoved.check(plan)[0]?.severity).toBe("danger");
  });

  it("recognises a DNSSEC key by a KSK that uses it, even without the key spec", () => {
    const plan = buildPlan([
      { type: "aws_kms_key", actions: ["delete"], before: { arn: "arn:aws:kms:us-east-1:111122223333:key/ksk_1-key" } },
      steadyKsk("ksk_1"),
    ]);
    expect(kmsKeyRemoved.check(plan)[0]?.severity).toBe("danger");
  });

  it("ignores KMS keys that are not DNSSEC signing keys", () => {
    const plan = buildPlan([
      { type: "aws_kms_key", actions: ["delete"], before: { arn: "arn:aws:kms:us-east-1:1:key/logs", customer_master_key_spec: "SYMMETRIC_DEFAULT", key_usage: "ENCRYPT_DECRYPT" } },
    ]);
    expect(kmsKeyRemoved.check(plan)).toEqual([]);
  });
});
