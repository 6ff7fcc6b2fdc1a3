import { describe, expect, it } from "vitest";
import { driftMessage, findDrift } from "../../../tools/synth/drift";

describe("findDrift", () => {
  it("lists missing, stale and extra files in path order", () => {
    const fresh = new Map([["a/main.tf", "x"], ["b/main.tf", "y"]]);
    const committed = new Map([["b/main.tf", "old"], ["c/main.tf", "z"]]);
    expect(findDrift(fresh, committed)).toEqual([
      { path: "a/main.tf", problem: "missing" },
      { path: "b/main.tf", problem: "stale" },
      { path: "c/main.tf", problem: "extra" },
    ]);
  });

  it("finds nothing when the trees are equal", () => {
    expect(findDrift(new Map([["a", "1"]]), new Map([["a", "1"]]))).toEqual([]);
  });
});

describe("driftMessage", () => {
  it("tells the developer to run npm run synth and commit", () => {
    const message = driftMessage("terraform", [{ path: "app/main.tf", problem: "extra" }]);
    expect(message).toContain("terraform/app/main.tf is no longer generated");
    expect(message).toContain("Run `npm run synth` and commit the changes in terraform/.");
  });

  it("is empty without drift", () => {
    expect(driftMessage("terraform", [])).toBe("");
  });
});
