import { describe, expect, it } from "vitest";
import { dsWithSigningStart } from "../../../../tools/plan-comment/rules/ds-with-signing-start";
import { buildPlan } from "../plan-builder";

const SIGNING = "aws_route53_hosted_zone_dnssec";
const DS = { zone_id: "Z0PARENT", name: "app.example.org", type: "DS", records: ["1 13 2 AB"] };

describe("DNSSEC-DS-WITH-SIGNING-START", () => {
  it("is a danger when the DS record is created with the zone signing", () => {
    const plan = buildPlan([
      { type: SIGNING, name: "dnssec_zone_signing", actions: ["create"], after: { signing_status: "SIGNING" } },
      { type: "aws_route53_record", name: "ds", actions: ["create"], after: DS },
    ]);
    const findings = dsWithSigningStart.check(plan);
    expect(findings.map((f) => [f.severity, f.subject])).toEqual([["danger", "aws_route53_record.ds"]]);
    expect(findings[0].whatToDo).toContain("publishDs false");
  });

  it("is a danger when signing goes NOT_SIGNING -> SIGNING while a Route 53 Domains DS is created", () => {
    const plan = buildPlan([
      { type: SIGNING, actions: ["update"], before: { signing_status: "NOT_SIGNING" }, after: { signing_status: "SIGNING" } },
      { type: "aws_route53domains_delegation_signer_record", name: "ksk_1", actions: ["create"], after: { domain_name: "example.org" } },
    ]);
    expect(dsWithSigningStart.check(plan).map((f) => f.subject)).toEqual(["aws_route53domains_delegation_signer_record.ksk_1"]);
  });

  it("passes signing started without a DS, and a DS published while signing already runs", () => {
    const start = buildPlan([{ type: SIGNING, actions: ["create"], after: { signing_status: "SIGNING" } }]);
    const later = buildPlan([
      { type: SIGNING, actions: ["no-op"], before: { signing_status: "SIGNING" }, after: { signing_status: "SIGNING" } },
      { type: "aws_route53_record", actions: ["create"], after: DS },
    ]);
    const offToOff = buildPlan([
      { type: SIGNING, actions: ["create"], after: { signing_status: "NOT_SIGNING" } },
      { type: "aws_route53_record", actions: ["create"], after: DS },
    ]);
    expect(dsWithSigningStart.check(start)).toEqual([]);
    expect(dsWithSigningStart.check(later)).toEqual([]);
    expect(dsWithSigningStart.check(offToOff)).toEqual([]);
  });
});
