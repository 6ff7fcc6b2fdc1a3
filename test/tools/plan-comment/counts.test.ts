import { describe, expect, it } from "vitest";
import { changingTotal, countChanges } from "../../../tools/plan-comment/counts";
import { buildPlan, fixture } from "./plan-builder";

describe("countChanges", () => {
  it("counts a replacement once, whichever order its actions come in", () => {
    const plan = buildPlan([
      { type: "null_resource", actions: ["delete", "create"], before: {}, after: {} },
      { type: "null_resource", actions: ["create", "delete"], before: {}, after: {} },
      { type: "null_resource", actions: ["create"], after: {} },
    ]);
    const counts = countChanges(plan);
    expect(counts.replace).toBe(2);
    expect(counts.create).toBe(1);
    expect(counts.delete).toBe(0);
    expect(changingTotal(counts)).toBe(3);
  });

  it("counts the tainted replacement in the terraform-json fixture as one replace", () => {
    expect(countChanges(fixture("terraform-json-action_reason.json"))).toMatchObject({ replace: 1, create: 0, delete: 0 });
  });

  it("counts reads and no-ops without making them changes", () => {
    const basic = countChanges(fixture("terraform-json-basic.json"));
    expect(basic).toMatchObject({ create: 7, read: 1 });
    const noChanges = countChanges(fixture("terraform-json-no_changes.json"));
    expect(noChanges["no-op"]).toBe(6);
    expect(changingTotal(noChanges)).toBe(0);
  });

  it("counts unknown actions as other", () => {
    const plan = buildPlan([{ type: "null_resource", actions: ["teleport"], before: {} }]);
    expect(countChanges(plan).other).toBe(1);
  });

  it("counts forgets, imports and moves the way Terraform words them", () => {
    const counts = countChanges(fixture("values/create-replace-delete.json"));
    expect(counts).toMatchObject({ forget: 1, move: 1, import: 0, create: 1, delete: 1, replace: 1 });
    expect(countChanges(fixture("values/import-and-drift.json")).import).toBe(1);
    expect(changingTotal(countChanges(fixture("terraform-json-moved_block.json")))).toBe(1);
  });
});
