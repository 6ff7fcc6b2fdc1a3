import { describe, expect, it } from "vitest";
import { signingDisabled } from "../../../../tools/plan-comment/rules/signing-disabled";
import { buildPlan, fixture, signingValues } from "../plan-builder";

describe("DNSSEC-NOT-SIGNING", () => {
  it("is always a danger, and points to the override label for the final disable step", () => {
    const findings = signingDisabled.check(fixture("dnssec/disable-2-not-signing.json"));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe("danger");
    expect(findings[0]?.statement).toContain("SIGNING → NOT_SIGNING");
    expect(findings[0]?.whatToDo).toContain("dnssec-override");
  });

  it("finds nothing when signing stays on or is turned on", () => {
    expect(signingDisabled.check(fixture("dnssec/safe-tags-only.json"))).toEqual([]);
    const turningOn = buildPlan([
      { type: "aws_route53_hosted_zone_dnssec", actions: ["update"], before: signingValues("NOT_SIGNING"), after: signingValues("SIGNING") },
    ]);
    expect(signingDisabled.check(turningOn)).toEqual([]);
  });

  it("finds nothing when a zone is created unsigned", () => {
    const plan = buildPlan([{ type: "aws_route53_hosted_zone_dnssec", actions: ["create"], after: signingValues("NOT_SIGNING") }]);
    expect(signingDisabled.check(plan)).toEqual([]);
  });

  it("warns, naming the attribute, when signing_status is known only after apply", () => {
    const plan = buildPlan([
      { type: "aws_route53_hosted_zone_dnssec", actions: ["update"], before: signingValues(), after: { ...signingValues(), signing_status: null }, afterUnknown: { signing_status: true } },
    ]);
    const findings = signingDisabled.check(plan);
    expect(findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(findings[0]?.statement).toContain("`signing_status` known only after apply");
  });

  it("does not warn when signing_status is known", () => {
    const plan = buildPlan([{ type: "aws_route53_hosted_zone_dnssec", actions: ["no-op"], before: signingValues(), after: signingValues() }]);
    expect(signingDisabled.check(plan)).toEqual([]);
  });
});
