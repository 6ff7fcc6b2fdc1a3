import { describe, expect, it } from "vitest";
import { dsRecordRemoved } from "../../../../tools/plan-comment/rules/ds-record-removed";
import { buildPlan, fixture } from "../plan-builder";

describe("DNSSEC-DS-REMOVED", () => {
  it.each([
    ["the parent zone's DS record set", "disable-1-remove-ds.json", "aws_route53_record.dnssec_parent_ds_ds_record"],
    ["the Route 53 Domains DS", "disable-1-remove-registrar-ds.json", "aws_route53domains_delegation_signer_record.dnssec_parent_ds_ksk_1"],
  ])("warns to wait the DS TTL when %s is removed (disable path step 1)", (_what, name, address) => {
    const findings = dsRecordRemoved.check(fixture(`dnssec/${name}`));
    expect(findings.map((f) => [f.severity, f.subject])).toEqual([["warning", address]]);
    expect(findings[0]?.statement).toContain("is deleted");
    expect(findings[0]?.whatToDo).toContain("waited the DS TTL");
  });

  it("warns when the parent DS record set changes", () => {
    const plan = buildPlan([
      { type: "aws_route53_record", actions: ["update"], before: { type: "DS", records: ["a"] }, after: { type: "DS", records: ["a", "b"] } },
    ]);
    expect(dsRecordRemoved.check(plan)[0]?.statement).toContain("is changed");
  });

  it("lists a DS record whose only change is its TTL as safe", () => {
    const plan = buildPlan([
      { type: "aws_route53_record", actions: ["update"], before: { type: "DS", records: ["a"], ttl: 3600 }, after: { type: "DS", records: ["a"], ttl: 300 } },
    ]);
    const [finding] = dsRecordRemoved.check(plan);
    expect(finding?.severity).toBe("safe");
    expect(finding?.statement).toContain("changes only its TTL (ttl 3600 → 300)");
  });

  it("still warns when the TTL changes together with the records", () => {
    const plan = buildPlan([
      { type: "aws_route53_record", actions: ["update"], before: { type: "DS", records: ["a"], ttl: 3600 }, after: { type: "DS", records: ["b"], ttl: 300 } },
    ]);
    expect(dsRecordRemoved.check(plan)[0]?.severity).toBe("warning");
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
