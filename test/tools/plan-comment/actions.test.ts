import { describe, expect, it } from "vitest";
import { classifyActions, destroysExisting } from "../../../tools/plan-comment/actions";

describe("classifyActions", () => {
  it.each([
    [["create"], "create"],
    [["update"], "update"],
    [["delete"], "delete"],
    [["read"], "read"],
    [["no-op"], "no-op"],
  ])("classifies %j as %s", (actions, kind) => {
    expect(classifyActions(actions)).toBe(kind);
  });

  it("counts delete-then-create as one replace", () => {
    expect(classifyActions(["delete", "create"])).toBe("replace");
  });

  it("counts create-then-delete (create_before_destroy) as one replace", () => {
    expect(classifyActions(["create", "delete"])).toBe("replace");
  });

  it("classifies Terraform 1.7's forget (a removed block with destroy = false)", () => {
    expect(classifyActions(["forget"])).toBe("forget");
  });

  it("tolerates unknown and future actions as other", () => {
    expect(classifyActions(["teleport"])).toBe("other");
    expect(classifyActions([])).toBe("other");
    expect(classifyActions(["create", "update", "delete"])).toBe("other");
  });

  it("treats only delete and replace as destroying the existing object", () => {
    expect(destroysExisting("delete")).toBe(true);
    expect(destroysExisting("replace")).toBe(true);
    expect(destroysExisting("update")).toBe(false);
    expect(destroysExisting("other")).toBe(false);
  });
});
