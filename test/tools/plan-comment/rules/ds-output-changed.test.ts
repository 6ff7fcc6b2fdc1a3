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

  it("warns to publish a new DS when one is added (rotation step 1)", () => {
    const [finding] = dsOutputChanged.check(fixture("dnssec/rotation-1-add-ksk.json"));
    expect(finding?.statement).toContain("is added: (known after apply)");
  });

  it("warns to withdraw the DS when the output is removed", () => {
    expect(dsOutputChanged.check(fixture("dnssec/rotation-7-remove-inactive.json"))[0]?.whatToDo).toContain("Withdraw");
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
    expect(["ds_record", "k2024_ds_record", "ds_record_rr"].every(isDsOutputName)).toBe(true);
    expect(["dnskey_record", "records_ds", "ds"].some(isDsOutputName)).toBe(false);
  });
});
