import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commentSize } from "../../../tools/plan-comment/budget";
import { renderPlans } from "../../../tools/plan-comment/comment";
import { DEFAULT_BUDGET } from "../../../tools/plan-comment/constants";
import { Json, isObject } from "../../../tools/plan-comment/json";
import { looksSecretName, looksSecretValue, parseJsonDocument } from "../../../tools/plan-comment/redact";
import { FIXTURES, SHARED_FIXTURES, fixture } from "./plan-builder";

/** Every fixture: the shared public plans, the DNSSEC plans and the value plans made with real Terraform. */
const ALL = [
  ...SHARED_FIXTURES,
  ...["dnssec", "values"].flatMap((dir) =>
    readdirSync(join(FIXTURES, dir))
      .filter((f) => f.endsWith(".json"))
      .map((f) => `${dir}/${f}`),
  ),
];

/**
 * Walks the raw plan document on its own (not through the renderer's collector) and returns every string
 * that must never be printed: under a `true` sensitivity marker anywhere, in a sensitive output or
 * variable, under a secret-looking name, or shaped like a key or credential (also inside JSON strings).
 */
function forbidden(raw: Json): Set<string> {
  const out = new Set<string>();
  const leaves = (value: Json | undefined, hidden: boolean): void => {
    if (typeof value === "string") {
      if (hidden || looksSecretValue(value)) out.add(value);
      const doc = parseJsonDocument(value);
      if (doc !== undefined) leaves(doc, hidden);
    } else if (Array.isArray(value)) value.forEach((v) => leaves(v, hidden));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) leaves(v, hidden || looksSecretName(k));
  };
  const marked = (value: Json | undefined, marks: Json | undefined, inherited: boolean): void => {
    const hidden = inherited || marks === true;
    if (Array.isArray(value)) value.forEach((v, i) => marked(v, Array.isArray(marks) ? marks[i] : undefined, hidden));
    else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) marked(v, isObject(marks) ? marks[k] : undefined, hidden || looksSecretName(k));
    }
    else leaves(value, hidden);
  };
  const walk = (node: Json | undefined): void => {
    if (Array.isArray(node)) node.forEach(walk);
    if (!isObject(node)) return;
    if ("before" in node || "after" in node) {
      const whole = node.before_sensitive === true || node.after_sensitive === true;
      marked(node.before, node.before_sensitive, whole);
      marked(node.after, node.after_sensitive, whole);
    }
    if ("values" in node && "sensitive_values" in node) marked(node.values, node.sensitive_values, false);
    if (node.sensitive === true && "value" in node) leaves(node.value, true);
    Object.values(node).forEach(walk);
  };
  walk(raw);
  if (isObject(raw) && isObject(raw.output_changes)) {
    const configured = isObject(raw.configuration) && isObject(raw.configuration.root_module) ? raw.configuration.root_module.outputs : undefined;
    for (const [name, change] of Object.entries(raw.output_changes)) {
      if (isObject(configured) && isObject(configured[name]) && configured[name].sensitive === true && isObject(change)) {
        leaves(change.before, true);
        leaves(change.after, true);
      }
    }
  }
  if (isObject(raw) && isObject(raw.variables)) {
    const declared = isObject(raw.configuration) && isObject(raw.configuration.root_module) ? raw.configuration.root_module.variables : undefined;
    for (const [name, variable] of Object.entries(raw.variables)) {
      if (isObject(declared) && isObject(declared[name]) && declared[name].sensitive === true && isObject(variable)) leaves(variable.value, true);
    }
  }
  return out;
}

describe("no fixture leaks a secret", () => {
  it("finds the secrets the fixtures plant, so the search below can fail", () => {
    const raw = JSON.parse(readFileSync(join(FIXTURES, "values/secrets.json"), "utf8")) as Json;
    const secrets = forbidden(raw);
    for (const planted of ["SECRET-db-password-1", "SECRET-db-password-2", "SECRET-token-abc123", "SECRET-client-xyz", "SECRET-webhook-1"]) {
      expect(secrets).toContain(planted);
    }
    expect([...secrets].some((s) => s.includes("BEGIN RSA PRIVATE KEY"))).toBe(true);
    expect(secrets).toContain("wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY1");
  });

  it.each(ALL)("%s renders under the size budget with no sensitive or secret-looking value", (name) => {
    const raw = JSON.parse(readFileSync(join(FIXTURES, name), "utf8")) as Json;
    const plan = fixture(name);
    let text = renderPlans([plan]).markdown;
    expect(commentSize(text)).toBeLessThanOrEqual(DEFAULT_BUDGET);
    // Addresses are names, not values (terraform-json's plan calls a resource "bar" and marks "bar" sensitive).
    for (const r of plan.resources) text = text.split(r.address).join("");
    for (const secret of forbidden(raw)) {
      if (secret.length < 3) continue;
      expect(text, `${name} prints ${JSON.stringify(secret)}`).not.toContain(secret);
      expect(text, `${name} prints ${JSON.stringify(secret)}`).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
  });

  it("still shows the non-secret values next to redacted ones", () => {
    const text = renderPlans([fixture("values/secrets.json")]).markdown;
    expect(text).toContain('~ instance_class = "db.t3.micro" -> "db.t3.small"');
    expect(text).toContain("~ password = (sensitive)");
    expect(text).toContain("~ key_material = (sensitive)");
    expect(text).toContain("~ key_value = (sensitive)");
    expect(text).toContain("+ auth_token = (sensitive)");
    expect(text).toContain("+ signing = (sensitive)");
    expect(text).toContain("- `db_password_copy`: create `(sensitive)`");
  });
});
