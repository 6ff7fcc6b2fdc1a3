import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DNSSEC_RULES, checkPlan, hasDanger } from "../../../../tools/plan-comment/rules";
import { FIXTURES, SHARED_FIXTURES, fixture } from "../plan-builder";

describe("checkPlan", () => {
  it("raises no danger and no warning for a tags-only plan of either stack", () => {
    expect(checkPlan(fixture("dnssec/zone-tags-only.json"))).toEqual([]);
    expect(checkPlan(fixture("dnssec/safe-tags-only.json"))).toEqual([]);
  });

  it("treats each documented rotation step as free of danger", () => {
    const steps = [
      "rotation-1-add-ksk",
      "rotation-2-publish-ds",
      "rotation-6-deactivate-old",
      "rotation-7-remove-inactive",
      "disable-1-remove-ds",
      "disable-1-remove-registrar-ds",
    ];
    for (const step of steps) {
      expect(hasDanger(checkPlan(fixture(`dnssec/${step}.json`))), step).toBe(false);
    }
  });

  it("finds a danger in every danger fixture", () => {
    // zone-danger-* are the zone stack's danger plans.
    const dangers = readdirSync(join(FIXTURES, "dnssec")).filter((f) => f.replace(/^zone-/, "").startsWith("danger-"));
    expect(dangers.length).toBeGreaterThanOrEqual(11);
    for (const name of dangers) expect(hasDanger(checkPlan(fixture(`dnssec/${name}`))), name).toBe(true);
  });

  it.each(SHARED_FIXTURES)("raises nothing for the non-DNSSEC shared fixture %s", (name) => {
    expect(checkPlan(fixture(name))).toEqual([]);
  });

  it("lists dangers before warnings before safe steps", () => {
    // Rules run in reverse so the order below comes from the sort, not from the rule list.
    const reversed = [...DNSSEC_RULES].reverse();
    const disable = checkPlan(fixture("dnssec/disable-2-not-signing.json"), reversed).map((f) => f.severity);
    expect(disable).toEqual(["danger", "safe"]);
    // Step 7's removals (safe) with step 2's DS outputs (warnings), in one plan.
    const removal = fixture("dnssec/rotation-7-remove-inactive.json");
    const both = { ...removal, outputs: fixture("dnssec/rotation-2-publish-ds.json").outputs };
    expect(checkPlan(both, reversed).map((f) => f.severity)).toEqual(["warning", "warning", "safe", "safe", "safe"]);
  });

  it("gives every rule a unique id and every finding a one-line statement, why and what to do", () => {
    expect(new Set(DNSSEC_RULES.map((r) => r.id)).size).toBe(DNSSEC_RULES.length);
    const all = readdirSync(join(FIXTURES, "dnssec"))
      .filter((f) => f.endsWith(".json"))
      .flatMap((f) => checkPlan(fixture(`dnssec/${f}`)));
    expect(all.length).toBeGreaterThan(20);
    for (const finding of all) {
      for (const text of [finding.statement, finding.why, finding.whatToDo]) {
        expect(text).not.toContain("\n");
        expect(text.length).toBeGreaterThan(5);
      }
    }
  });
});
