import { describe, expect, it } from "vitest";
import { nsDelegationRemoved } from "../../../../tools/plan-comment/rules/ns-delegation-removed";
import { buildPlan } from "../plan-builder";

const NS = { zone_id: "Z0PARENT", name: "app.example.org", type: "NS", records: ["ns-1.example.net"] };

describe("DNSSEC-NS-DELEGATION-REMOVED", () => {
  it.each([["delete"], ["delete", "create"]])("is a danger when the NS delegation is %s", (...actions) => {
    const plan = buildPlan([{ type: "aws_route53_record", name: "dnssec_parent_ds_ns_delegation", actions, before: NS, after: actions.length > 1 ? NS : undefined }]);
    const findings = nsDelegationRemoved.check(plan);
    expect(findings.map((f) => [f.severity, f.subject])).toEqual([["danger", "aws_route53_record.dnssec_parent_ds_ns_delegation"]]);
    expect(findings[0].statement).toContain("`app.example.org`");
  });

  it("passes a delegation that stays, changes its name servers, or is created, and other record types", () => {
    const plan = buildPlan([
      { type: "aws_route53_record", actions: ["no-op"], before: NS, after: NS },
      { type: "aws_route53_record", actions: ["update"], before: NS, after: { ...NS, records: ["ns-2.example.net"] } },
      { type: "aws_route53_record", actions: ["create"], after: NS },
      { type: "aws_route53_record", actions: ["delete"], before: { ...NS, type: "DS" } },
    ]);
    expect(nsDelegationRemoved.check(plan)).toEqual([]);
  });
});
