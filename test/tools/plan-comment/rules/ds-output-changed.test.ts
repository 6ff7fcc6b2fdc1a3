import { describe, expect, it } from "vitest";
import { dsOutputChanged, isDsOutputName } from "../../../../tools/plan-comment/rules/ds-output-changed";
import { buildPlan, fixture } from "../plan-builder";

describe("DNSSEC-DS-OUTPUT-CHANGED", () => {
  it("warns (not danger) to update the registrar when a ds_record output changes, showing before and after", () => {
    const plan = buildPlan([], [{ name: "ds_record", actions: ["update"], before: "1 13 2 AAAA", after: "2 13 2 BBBB" }]);
    const [finding] = dsOutputChanged.check(plan);
    expect(finding?.severity).toBe("warning");
    expect(finding?.statement).toContain("`1 13 2 AAAA` → `2 13 2 BBBB`");
    expect(finding?.whatToDo).toContain("registrar");
  });

  it("warns to publish a new DS when a DS output is added, known only after apply", () => {
    const plan = buildPlan([], [{ name: "ksk_2_ds_record", actions: ["create"], afterUnknown: true }]);
    const [finding] = dsOutputChanged.check(plan);
    expect(finding?.statement).toContain("is added: (known after apply)");
  });

  it("warns to publish ksk_2's DS when ds_record and ds_record_rr start listing it (rotation step 2)", () => {
    const findings = dsOutputChanged.check(fixture("dnssec/rotation-2-publish-ds.json"));
    expect(findings.map((f) => [f.severity, f.subject])).toEqual([
      ["warning", "output.ds_record"],
      ["warning", "output.ds_record_rr"],
    ]);
    expect(findings[0]?.statement).toContain("16084 ECDSAP256SHA256 SHA-256 3E5B7D9F");
    expect(findings[1]?.statement).toContain("16084 13 2 3E5B7D9F");
    expect(findings[0]?.whatToDo).toContain("Publish the new DS");
  });

  it("stays silent when a KSK is added without publishing its DS (rotation step 1)", () => {
    expect(dsOutputChanged.check(fixture("dnssec/rotation-1-add-ksk.json"))).toEqual([]);
  });

  it("warns to withdraw the DS when the output is removed", () => {
    const plan = buildPlan([], [{ name: "ksk_1_ds_record", actions: ["delete"], before: "40213 13 2 9A1C6E0B" }]);
    const [finding] = dsOutputChanged.check(plan);
    expect(finding?.statement).toContain("is removed (was `40213 13 2 9A1C6E0B`)");
    expect(finding?.whatToDo).toContain("Withdraw");
  });

  it("never shows a sensitive DS output's value", () => {
    const plan = buildPlan([], [{ name: "ds_record", actions: ["update"], before: "SECRET-1", after: "SECRET-2", sensitive: true }]);
    const [finding] = dsOutputChanged.check(plan);
    expect(finding?.statement).toContain("value sensitive, not shown");
    expect(finding?.statement).not.toContain("SECRET");
  });

  it("finds nothing for unchanged DS outputs or other outputs", () => {
    expect(dsOutputChanged.check(fixture("dnssec/safe-tags-only.json"))).toEqual([]);
    const plan = buildPlan([], [{ name: "name_servers", actions: ["update"], before: "a", after: "b" }]);
    expect(dsOutputChanged.check(plan)).toEqual([]);
  });

  it("matches ds_record, *_ds_record and ds_record* names only", () => {
    expect(["ds_record", "ksk_1_ds_record", "ds_record_rr"].every(isDsOutputName)).toBe(true);
    expect(["dnskey_record", "records_ds", "ds"].some(isDsOutputName)).toBe(false);
  });

  it("redacts an output value that the plan marks sensitive elsewhere", () => {
    const plan = buildPlan(
      [{ type: "aws_ssm_parameter", actions: ["create"], after: { value: "SECRET-ds-copy-1" }, afterSensitive: { value: true } }],
      [{ name: "ds_record", actions: ["create"], after: "SECRET-ds-copy-1" }],
    );
    const [finding] = dsOutputChanged.check(plan);
    expect(finding?.statement).toBe("Output `ds_record` is added: `(sensitive)`.");
  });
});
