import { describe, expect, it } from "vitest";
import { hostedZoneRemoved } from "../../../../tools/plan-comment/rules/hosted-zone-removed";
import { buildPlan, fixture } from "../plan-builder";

describe("DNSSEC-ZONE-REMOVED", () => {
  it("is a danger when the hosted zone is replaced, naming the forcing attribute", () => {
    const [finding] = hostedZoneRemoved.check(fixture("dnssec/zone-danger-replace.json"));
    expect(finding?.severity).toBe("danger");
    expect(finding?.subject).toBe("aws_route53_zone.hosted_zone_zone");
    expect(finding?.statement).toContain("forced by `name`");
  });

  it("is a danger when the hosted zone is deleted", () => {
    const plan = buildPlan([{ type: "aws_route53_zone", actions: ["delete"], before: { name: "example.com" } }]);
    expect(hostedZoneRemoved.check(plan)[0]?.severity).toBe("danger");
  });

  it("finds nothing when the zone only changes tags or is created", () => {
    expect(hostedZoneRemoved.check(fixture("dnssec/zone-tags-only.json"))).toEqual([]);
    expect(hostedZoneRemoved.check(fixture("checkov-route53.json"))).toEqual([]);
  });
});
