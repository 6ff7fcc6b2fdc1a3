import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderPlans } from "../../../tools/plan-comment/comment";
import { Json, isObject } from "../../../tools/plan-comment/json";
import { Plan } from "../../../tools/plan-comment/plan";
import { FIXTURES, SHARED_FIXTURES, fixture } from "./plan-builder";

/** Every string value under a path that the markers call sensitive. */
function sensitiveStrings(value: Json, marks: Json, inherited = false): string[] {
  const sensitive = inherited || marks === true;
  if (typeof value === "string") return sensitive ? [value] : [];
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => sensitiveStrings(v, Array.isArray(marks) ? (marks[i] ?? false) : false, sensitive));
  }
  if (isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => sensitiveStrings(v, isObject(marks) ? (marks[k] ?? false) : false, sensitive));
  }
  return [];
}

function secretsOf(plan: Plan): string[] {
  const fromResources = plan.resources.flatMap((r) => [
    ...sensitiveStrings(r.before, r.beforeSensitive),
    ...sensitiveStrings(r.after, r.afterSensitive),
  ]);
  const fromOutputs = plan.outputs.filter((o) => o.sensitive).flatMap((o) => [...sensitiveStrings(o.before, true), ...sensitiveStrings(o.after, true)]);
  return [...new Set([...fromResources, ...fromOutputs])];
}

describe("sensitive values", () => {
  it("never prints the raw sensitive values of terraform-json's 110_sensitive_values plan", () => {
    const plan = fixture("terraform-json-110_sensitive_values.json");
    const secrets = secretsOf(plan);
    expect(secrets).toEqual(["bar"]);
    let text = renderPlans([plan]).markdown;
    // "bar" is also part of the address null_resource.bar; addresses are not values, so drop them first.
    for (const r of plan.resources) text = text.split(r.address).join("");
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain("`foo`: create (sensitive)");
  });

  it("never prints the raw secrets of the DNSSEC sensitive fixture, even in findings", () => {
    const plan = fixture("dnssec/sensitive-dnssec.json");
    const secrets = secretsOf(plan);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    const text = renderPlans([plan]).markdown;
    expect(text).not.toContain("SECRET-");
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain("~ value = (sensitive)");
    expect(text).toContain("value sensitive, not shown");
  });

  it("prints no sensitive value from any fixture", () => {
    const names = [...SHARED_FIXTURES, ...readdirSync(`${FIXTURES}/dnssec`).filter((f) => f.endsWith(".json")).map((f) => `dnssec/${f}`)];
    for (const name of names) {
      const plan = fixture(name);
      const text = renderPlans([plan]).markdown;
      for (const secret of secretsOf(plan).filter((s) => s.length >= 4)) expect(text, name).not.toContain(secret);
    }
  });
});
