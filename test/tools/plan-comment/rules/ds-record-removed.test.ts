import { describe, expect, it } from "vitest";
import { dsRecordRemoved } from "../../../../tools/plan-comment/rules/ds-record-removed";
import { buildPlan, fixture } from "../plan-builder";

describe("DNSSEC-DS-REMOVED", () => {
  it("warns to wait the DS TTL when the parent DS and the registrar DS are removed (disable path step 1)", () => {
    const findings = dsRecordRemoved.check(fixture("dnssec/disable-1-remove-ds.json"));
    expect(findings.map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(findings[0]?.whatToDo).toContain("waited the DS TTL");
  });

  it("warns when the parent DS record set changes", () => {
    const plan = buildPlan([
      { type: "aws_route53_record", actions: ["update"], before: { type: "DS", records: ["a"] }, after: { type: "DS", records: ["a", "b"] } },
    ]);
    expect(dsRecordRemoved.check(plan)[0]?.statement).toContain("is changed");
  });

  it("ignores records of other types and new DS records", () => {
    const plan = buildPlan([
      { type: "aws_route53_record", actions: ["delete"], before: { type: "A" } },
      { type: "aws_route53_record", actions: ["create"], after: { type: "DS" } },
      { type: "aws_route53domains_delegation_signer_record", actions: ["create"], after: {} },
    ]);
    expect(dsRecordRemoved.check(plan)).toEqual([]);
  });
});
