import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Annotations } from "cdktf";
import { describe, expect, it } from "vitest";
import { check, synth, type RunPaths } from "../../../tools/synth/run";
import { fixtureBuilder } from "./fixtures/synth-fixture";

function scratchPaths(): RunPaths {
  const root = mkdtempSync(join(tmpdir(), "synth-run-"));
  return { projectRoot: root, hclDir: join(root, "terraform"), jsonDir: join(root, "cdktf.out") };
}

describe("synth", () => {
  it("writes the JSON synth and the HCL, with one progress line per stack", async () => {
    const paths = scratchPaths();
    const result = await synth(fixtureBuilder, paths);
    expect(result.ok).toBe(true);
    expect(result.lines).toEqual([
      "synth: zone -> terraform/zone/main.tf (1 resources, 0 data sources, 3 outputs)",
      "synth: app -> terraform/app/main.tf (7 resources, 3 data sources, 4 outputs)",
    ]);
    expect(existsSync(join(paths.jsonDir, "stacks", "app", "cdk.tf.json"))).toBe(true);
    expect(readFileSync(join(paths.hclDir, "zone", "main.tf"), "utf8")).toMatch(/^terraform \{/);
  });

  it("is byte-identical across runs and output folders", async () => {
    const first = scratchPaths();
    const second = scratchPaths();
    await synth(fixtureBuilder, first);
    await synth(fixtureBuilder, second);
    for (const file of ["zone/main.tf", "app/main.tf", ".gitignore"]) {
      expect(readFileSync(join(second.hclDir, file), "utf8")).toBe(readFileSync(join(first.hclDir, file), "utf8"));
    }
    expect(readFileSync(join(first.hclDir, "app/main.tf"), "utf8")).not.toContain(first.projectRoot);
  });

  it("keeps Terraform's working files and removes HCL files it no longer generates", async () => {
    const paths = scratchPaths();
    mkdirSync(join(paths.hclDir, "app", ".terraform"), { recursive: true });
    writeFileSync(join(paths.hclDir, "app", ".terraform", "terraform.tfstate"), "{}");
    writeFileSync(join(paths.hclDir, "app", ".terraform.lock.hcl"), "# lock\n");
    mkdirSync(join(paths.hclDir, "old"), { recursive: true });
    writeFileSync(join(paths.hclDir, "old", "main.tf"), "");
    await synth(fixtureBuilder, paths);
    expect(existsSync(join(paths.hclDir, "app", ".terraform", "terraform.tfstate"))).toBe(true);
    expect(existsSync(join(paths.hclDir, "app", ".terraform.lock.hcl"))).toBe(true);
    expect(existsSync(join(paths.hclDir, "old", "main.tf"))).toBe(false);
  });

  it("prints the warnings the constructs raise at synth, after the progress lines", async () => {
    const paths = scratchPaths();
    const warning: typeof fixtureBuilder = (app) => {
      const stacks = fixtureBuilder(app);
      Annotations.of(stacks[0]).addWarning("lower the SOA minimum first");
      return stacks;
    };
    const result = await synth(warning, paths);
    expect(result.lines.at(-1)).toBe("synth: warning: zone: lower the SOA minimum first");
  });

  it("writes nothing when the app fails to build", async () => {
    const paths = scratchPaths();
    await synth(fixtureBuilder, paths);
    const before = readFileSync(join(paths.hclDir, "app", "main.tf"), "utf8");
    const failing = () => {
      throw new Error('domainName "bad..name" has an empty label; fix cdktf.json');
    };
    await expect(synth(failing, paths)).rejects.toThrow(/bad\.\.name/);
    expect(readFileSync(join(paths.hclDir, "app", "main.tf"), "utf8")).toBe(before);
  });
});

describe("check", () => {
  it("passes after synth, fails on a stale file with the fix, and passes again after synth", async () => {
    const paths = scratchPaths();
    await synth(fixtureBuilder, paths);
    expect((await check(fixtureBuilder, paths)).ok).toBe(true);

    const file = join(paths.hclDir, "zone", "main.tf");
    writeFileSync(file, readFileSync(file, "utf8").replace("example.com", "example.org"));
    const stale = await check(fixtureBuilder, paths);
    expect(stale.ok).toBe(false);
    expect(stale.lines).toEqual([
      "The committed HCL in terraform/ is out of date with the CDKTF app:",
      "  terraform/zone/main.tf differs from a fresh synth",
      "Run `npm run synth` and commit the changes in terraform/.",
    ]);

    await synth(fixtureBuilder, paths);
    expect((await check(fixtureBuilder, paths)).ok).toBe(true);
  });

  it("reports a missing folder as missing files and writes nothing", async () => {
    const paths = scratchPaths();
    const result = await check(fixtureBuilder, paths);
    expect(result.ok).toBe(false);
    expect(result.lines).toContain("  terraform/app/main.tf is missing");
    expect(existsSync(paths.hclDir)).toBe(false);
    expect(existsSync(paths.jsonDir)).toBe(false);
  });
});
