/**
 * The committed HCL folder and a fresh in-memory synth of the real app, shared
 * by the tests over terraform/ (synthesized once per test file).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { projectStacks } from "../../tools/synth/app-stacks";
import { renderFiles, type FileTree } from "../../tools/synth/hcl-files";
import { readTree } from "../../tools/synth/output-tree";
import { synthesizeStacks, type SynthesizedStack } from "../../tools/synth/synthesize";

export const PROJECT_ROOT = resolve(__dirname, "..", "..");
export const HCL_DIR = join(PROJECT_ROOT, "terraform");

export interface AppSynth {
  readonly stacks: readonly SynthesizedStack[];
  readonly fresh: FileTree;
  readonly committed: FileTree;
}

let cached: Promise<AppSynth> | undefined;

/** The real app synthesized into a temporary folder, its rendered HCL, and terraform/ as committed. */
export function appSynth(): Promise<AppSynth> {
  cached ??= (async () => {
    const stacks = synthesizeStacks(projectStacks(PROJECT_ROOT), mkdtempSync(join(tmpdir(), "synth-app-")));
    return { stacks, fresh: await renderFiles(stacks), committed: readTree(HCL_DIR) };
  })();
  return cached;
}

/** The committed `.tf` files, by path relative to terraform/. */
export function committedTfFiles(synth: AppSynth): [string, string][] {
  return [...synth.committed].filter(([path]) => path.endsWith(".tf"));
}
