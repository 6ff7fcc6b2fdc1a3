import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../../tools/synth/cli-args";

describe("parseArgs", () => {
  it("defaults to writing terraform/ and cdktf.out/", () => {
    expect(parseArgs([])).toEqual({ check: false, help: false, hclDir: "terraform", jsonDir: "cdktf.out" });
  });

  it("reads --check and the folders", () => {
    expect(parseArgs(["--check", "--hcl-dir", "x", "--json-dir", "y"])).toEqual({ check: true, help: false, hclDir: "x", jsonDir: "y" });
  });

  it("rejects an unknown option and a folder option without a value", () => {
    expect(() => parseArgs(["--chek"])).toThrow(UsageError);
    expect(() => parseArgs(["--hcl-dir"])).toThrow(/--hcl-dir needs a folder/);
  });
});
