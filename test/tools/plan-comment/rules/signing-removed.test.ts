import { describe, expect, it } from "vitest";
import { signingRemoved } from "../../../../tools/plan-comment/rules/signing-removed";
import { buildPlan, fixture, signingValues } from "../plan-builder";

describe("DNSSEC-SIGNING-REMOVED", () => {
  it("is a danger when the zone's signing resource is deleted", () => {
    const findings = signingRemoved.check(fixture("dnssec/danger-delete-signing.json"));
    expect(findings.map((f) => f.severity)).toEqual(["danger"]);
    expect(findings[0]?.statement).toContain("is deleted");
  });

  it("is a danger when it is replaced (the app stack following a replaced zone)", () => {
    const [finding] = signingRemoved.check(fixture("dnssec/danger-zone-replaced.json"));
    expect(finding?.subject).toBe("aws_route53_hosted_zone_dnssec.dnssec_zone_signing");
    expect(finding?.statement).toContain("is replaced (forced by `hosted_zone_id`");
  });

  it("is safe to delete a signing resource that is already NOT_SIGNING", () => {
    const plan = buildPlan([{ type: "aws_route53_hosted_zone_dnssec", actions: ["delete"], before: signingValues("NOT_SIGNING") }]);
    const [finding] = signingRemoved.check(plan);
    expect(finding?.severity).toBe("safe");
    expect(finding?.statement).toContain("already NOT_SIGNING");
  });

  it("is a danger to delete a signing resource that is SIGNING", () => {
    const plan = buildPlan([{ type: "aws_route53_hosted_zone_dnssec", actions: ["delete"], before: signingValues("SIGNING") }]);
    expect(signingRemoved.check(plan)[0]?.severity).toBe("danger");
  });

  it("finds nothing when signing stays or is created", () => {
    expect(signingRemoved.check(fixture("dnssec/safe-tags-only.json"))).toEqual([]);
    const plan = buildPlan([{ type: "aws_route53_hosted_zone_dnssec", actions: ["create"], after: signingValues() }]);
    expect(signingRemoved.check(plan)).toEqual([]);
  });
});
