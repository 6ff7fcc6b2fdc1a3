import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DNSSEC_RULES, checkPlan, hasDanger } from "../../../../tools/plan-comment/rules";
import { FIXTURES, SHARED_FIXTURES, fixture } from "../plan-builder";

describe("checkPlan", () => {
  it("raises no danger and no warning for a tags-only plan", () => {
    expect(checkPlan(fixture("dnssec/safe-tags-only.json"))).toEqual([]);
  });

  it("treats each documented rotation step as free of danger", () => {
    for (const step of ["rotation-1-add-ksk", "rotation-6-deactivate-old", "rotation-7-remove-inactive", "disable-1-remove-ds"]) {
      expect(hasDanger(checkPlan(fixture(`dnssec/${step}.json`))), step).toBe(false);
    }
  });

  it("finds a danger in every danger fixture", () => {
    const dangers = readdirSync(join(FIXTURES, "dnssec")).filter((f) => f.startsWith("danger-"));
    expect(dangers.length).toBeGreaterThanOrEqual(10);
    for (const name of dangers) expect(hasDanger(checkPlan(fixture(`dnssec/${name}`))), name).toBe(true);
  });

  it.each(SHARED_FIXTURES)("raises nothing for the non-DNSSEC shared fixture %s", (name) => {
    expect(checkPlan(fixture(name))).toEqual([]);
  });

  it("lists dangers before warnings before safe steps", () => {
    const order = checkPlan(fixture("dnssec/rotation-7-remove-inactive.json")).map((f) => f.severity);
    expect(order).toEqual([...order].sort((a, b) => ["danger", "warning", "safe"].indexOf(a) - ["danger", "warning", "safe"].indexOf(b)));
    expect(order[0]).toBe("warning");
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
