/**
 * The committed HCL is canonical and modern: hclwrite-formatted, no
 * comments, no interpolation-only strings, no machine paths, pinned versions.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { formatHcl } from "../../tools/synth/format";
import { lintHcl } from "../../tools/synth/lint";
import { appSynth, committedTfFiles, HCL_DIR, type AppSynth } from "./committed";

let synth: AppSynth;

beforeAll(async () => {
  synth = await appSynth();
});

const terraformOnPath = spawnSync("terraform", ["version"], { stdio: "ignore" }).status === 0;

describe("every committed .tf file", () => {
  it("is already formatted by hclwrite", async () => {
    for (const [path, text] of committedTfFiles(synth)) {
      expect(await formatHcl(text), `terraform/${path} is not formatted`).toBe(text);
    }
  });

  it("passes the text rules (no comments, no interpolation-only strings, no machine paths, pinned versions)", () => {
    for (const [path, text] of committedTfFiles(synth)) {
      expect(lintHcl(text, `terraform/${path}`)).toEqual([]);
    }
  });

  it("has only lower-case Terraform names in block headers", () => {
    for (const [, text] of committedTfFiles(synth)) {
      for (const header of text.match(/^(resource|data) "[^"]+" "[^"]+"/gm) ?? []) {
        expect(header).toMatch(/^(resource|data) "[a-z0-9_]+" "[a-z0-9_-]+"$/);
      }
    }
  });

  // Terraform is optional for developers; where it is installed, its own formatter must agree.
  it.skipIf(!terraformOnPath)("passes terraform fmt -check", () => {
    expect(() => execFileSync("terraform", ["fmt", "-check", "-recursive", HCL_DIR], { stdio: "pipe" })).not.toThrow();
  });
});
