import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../../tools/synth/cli-args";

describe("parseArgs", () => {
  it("defaults to writing terraform/ and cdktf.out/", () => {
    expect(parseArgs([])).toEqual({ check: false, help: false, hclDir: "terraform", jsonDir: "cdktf.out", baseHclDir: undefined });
  });

  it("reads --check and the folders", () => {
    expect(parseArgs(["--check", "--hcl-dir", "x", "--json-dir", "y"])).toEqual({ check: true, help: false, hclDir: "x", jsonDir: "y", baseHclDir: undefined });
  });

  it("reads --base, the base branch's HCL folder that removals are judged against", () => {
    expect(parseArgs(["--check", "--base", "/tmp/base/terraform"])).toMatchObject({ check: true, baseHclDir: "/tmp/base/terraform" });
    expect(() => parseArgs(["--check", "--base"])).toThrow(/--base needs a folder/);
  });

  it("rejects an unknown option and a folder option without a value", () => {
    expect(() => parseArgs(["--chek"])).toThrow(UsageError);
    expect(() => parseArgs(["--hcl-dir"])).toThrow(/--hcl-dir needs a folder/);
  });
});
