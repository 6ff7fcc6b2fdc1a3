import { describe, expect, it } from "vitest";
import { kskRemoved } from "../../../../tools/plan-comment/rules/ksk-removed";
import { buildPlan, fixture, kskValues, steadyKsk } from "../plan-builder";

describe("DNSSEC-KSK-REMOVED", () => {
  it("is a danger when an ACTIVE KSK is deleted (rotation step 6 skipped)", () => {
    const findings = kskRemoved.check(fixture("dnssec/danger-remove-active-ksk.json"));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "danger", subject: "aws_route53_key_signing_key.dnssec_ksk_1_signing_key" });
    expect(findings[0]?.statement).toContain("deleted while its status is ACTIVE");
  });

  it("is safe when the deleted KSK was already INACTIVE (rotation step 7)", () => {
    const findings = kskRemoved.check(fixture("dnssec/rotation-7-remove-inactive.json"));
    expect(findings.map((f) => f.severity)).toEqual(["safe"]);
    expect(findings[0]?.statement).toContain("step 7");
  });

  it("is a danger when a KSK is replaced, and names what forces it", () => {
    const [finding] = kskRemoved.check(fixture("dnssec/danger-replace-ksk.json"));
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("forced by `name`");
    expect(finding?.statement).toContain("`replace_because_cannot_update`");
  });

  it("is a warning, not a danger, when an INACTIVE KSK is replaced", () => {
    const plan = buildPlan([
      { type: "aws_route53_key_signing_key", actions: ["delete", "create"], before: kskValues("old", "INACTIVE"), after: kskValues("new", "INACTIVE") },
    ]);
    expect(kskRemoved.check(plan).map((f) => f.severity)).toEqual(["warning"]);
  });

  it("is a danger when a KSK of unknown status is deleted", () => {
    const plan = buildPlan([{ type: "aws_route53_key_signing_key", actions: ["delete"], before: { name: "k" } }]);
    expect(kskRemoved.check(plan)[0]?.severity).toBe("danger");
  });

  it("does not print a sensitive status", () => {
    const plan = buildPlan([
      { type: "aws_route53_key_signing_key", actions: ["delete"], before: kskValues("k", "ACTIVE"), beforeSensitive: { status: true } },
    ]);
    const [finding] = kskRemoved.check(plan);
    expect(finding?.severity).toBe("danger");
    expect(finding?.statement).toContain("status is (sensitive)");
    expect(finding?.statement).not.toContain("ACTIVE");
  });

  it("finds nothing when KSKs stay or are created", () => {
    expect(kskRemoved.check(fixture("dnssec/rotation-1-add-ksk.json"))).toEqual([]);
    expect(kskRemoved.check(buildPlan([steadyKsk("ksk_1")]))).toEqual([]);
  });

  it("catches the deletion in a format 0.2 plan", () => {
    expect(kskRemoved.check(fixture("dnssec/format-0.2-remove-active-ksk.json"))[0]?.severity).toBe("danger");
  });
});
