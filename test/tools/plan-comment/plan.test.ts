import { describe, expect, it } from "vitest";
import { PlanInputError, parsePlan, parsePlanText } from "../../../tools/plan-comment/plan";
import { SHARED_FIXTURES, buildPlanJson, fixture } from "./plan-builder";

function parseError(text: string): string {
  try {
    parsePlanText(text, "zone", "zone.plan.json");
  } catch (error) {
    expect(error).toBeInstanceOf(PlanInputError);
    return (error as Error).message;
  }
  throw new Error("expected a PlanInputError");
}

describe("parsePlan", () => {
  it.each(SHARED_FIXTURES)("reads the shared fixture %s", (name) => {
    const plan = fixture(name);
    expect(plan.formatVersion).toMatch(/^[01]\./);
    expect(plan.resources.length).toBeGreaterThan(0);
  });

  it("reads format 0.1 plans without sensitivity markers", () => {
    const plan = fixture("terraform-json-basic.json");
    expect(plan.formatVersion).toBe("0.1");
    expect(plan.resources.find((r) => r.address === "data.null_data_source.baz")?.kind).toBe("read");
  });

  it("takes output sensitivity from planned_values when the change has no markers (format 0.1)", () => {
    const plan = fixture("terraform-json-has_changes.json");
    expect(plan.outputs.find((o) => o.name === "foo")?.sensitive).toBe(true);
    expect(plan.outputs.find((o) => o.name === "string")?.sensitive).toBe(false);
  });

  it("keeps previous_address, replace_paths and action_reason", () => {
    expect(fixture("terraform-json-moved_block.json").resources[0]?.previousAddress).toBe("random_id.test");
    const replaced = parsePlan(
      buildPlanJson([
        { type: "aws_route53_zone", actions: ["delete", "create"], before: {}, after: {}, replacePaths: [["name"], ["tags", "a b"], ["vpc", 0]], actionReason: "replace_because_cannot_update" },
      ]),
      "zone",
      "x.json",
    ).resources[0];
    expect(replaced?.replacePaths).toEqual([["name"], ["tags", "a b"], ["vpc", 0]]);
    expect(replaced?.actionReason).toBe("replace_because_cannot_update");
  });

  it("tolerates unknown keys at every level", () => {
    const json = buildPlanJson([{ type: "null_resource", actions: ["create"], after: {} }]);
    json.future_top_level = { anything: [1, 2] };
    const plan = parsePlan(json, "zone", "x.json");
    expect(plan.resources).toHaveLength(1);
  });

  it("accepts a plan with no resource_changes (no changes at all)", () => {
    const plan = parsePlanText('{"format_version":"1.2","planned_values":{"root_module":{}}}', "zone", "x.json");
    expect(plan.resources).toEqual([]);
    expect(plan.outputs).toEqual([]);
  });

  it("reads the complete and errored flags of Terraform 1.6+", () => {
    const json = buildPlanJson([]);
    json.complete = false;
    json.errored = true;
    const plan = parsePlan(json, "zone", "x.json");
    expect(plan.complete).toBe(false);
    expect(plan.errored).toBe(true);
  });
});

describe("parsePlan errors", () => {
  it("names the file and says it is not JSON", () => {
    const message = parseError('{"format_version": "1.2", ');
    expect(message).toMatch(/^plan file zone\.plan\.json \(stack zone\) is not valid JSON \(/);
    expect(message).toContain("terraform show -json");
  });

  it("refuses a document without format_version", () => {
    expect(parseError('{"resource_changes": []}')).toContain("has no format_version");
  });

  it("refuses an unsupported major format version", () => {
    expect(parseError('{"format_version": "2.0", "resource_changes": []}')).toContain("format_version 2.0");
  });

  it("recognises a state file passed by mistake", () => {
    expect(parseError('{"format_version": "1.0", "values": {"root_module": {}}}')).toContain("is a state, not a plan");
  });

  it("refuses a JSON value that is not an object", () => {
    expect(parseError("[1, 2]")).toContain("is not a JSON object");
  });

  it("names the entry of a malformed resource change", () => {
    const message = parseError('{"format_version": "1.2", "resource_changes": [{"address": "a.b", "change": {}}]}');
    expect(message).toContain("resource_changes[0]");
    expect(message).toContain("zone.plan.json");
  });

  it("refuses resource_changes that is not a list", () => {
    expect(parseError('{"format_version": "1.2", "resource_changes": {}}')).toContain("not a list");
  });
});
