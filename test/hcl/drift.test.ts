/**
 * The drift check: terraform/ must be exactly what `npm run synth` writes
 * today. CI runs the same check as `npm run synth -- --check`.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectStacks } from "../../tools/synth/app-stacks";
import { driftMessage, findDrift } from "../../tools/synth/drift";
import { check } from "../../tools/synth/run";
import { appSynth, HCL_DIR, PROJECT_ROOT } from "./committed";

describe("terraform/", () => {
  it("equals a fresh synth of the app", async () => {
    const { fresh, committed } = await appSynth();
    const drift = findDrift(fresh, committed);
    expect(drift, driftMessage("terraform", drift)).toEqual([]);
  });

  it("fails the check when a file is stale, naming the file and the fix", async () => {
    const copy = mkdtempSync(join(tmpdir(), "synth-drift-"));
    cpSync(HCL_DIR, copy, { recursive: true });
    const file = join(copy, "zone", "main.tf");
    writeFileSync(file, readFileSync(file, "utf8").replace("required_version", "required_version_typo"));
    const result = await check(projectStacks(PROJECT_ROOT), { projectRoot: PROJECT_ROOT, hclDir: copy, jsonDir: join(copy, "json") });
    expect(result.ok).toBe(false);
    expect(result.lines.join("\n")).toMatch(/zone\/main\.tf differs from a fresh synth\nRun `npm run synth` and commit/);
  });
});
