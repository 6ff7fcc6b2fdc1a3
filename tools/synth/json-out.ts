/**
 * Moves a finished JSON synth into the folder `cdktf deploy` uses, file by
 * file, so Terraform's working files already there (`.terraform/`, the lock
 * file, plans) survive, while every stack folder ends up holding exactly the
 * configuration a fresh synth writes: a `cdk.tf` left by `cdktf synth --hcl`
 * next to the new `cdk.tf.json` would make Terraform load both and fail with
 * duplicate configuration.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

/** Moves every file of `source` into the same place under `target`, then removes `source`. */
export function moveInto(source: string, target: string): void {
  for (const entry of readdirSync(source)) {
    const from = join(source, entry);
    const to = join(target, entry);
    if (statSync(from).isDirectory()) {
      mkdirSync(to, { recursive: true });
      moveInto(from, to);
    } else {
      mkdirSync(target, { recursive: true });
      renameSync(from, to);
    }
  }
  rmSync(source, { recursive: true, force: true });
}

/** Files a cdktf synth writes into a stack folder, in either mode, and any file Terraform would load as configuration. */
function isSynthOutput(file: string): boolean {
  return file === "metadata.json" || file.endsWith(".tf") || file.endsWith(".tf.json");
}

/**
 * Installs the synth in `source` (cdktf's layout: manifest.json, stacks/<id>/) as `target`:
 * configuration files that the fresh synth does not have are removed from each stack folder, and
 * stack folders the app no longer has are removed as `cdktf synth` removes them.
 */
export function replaceSynth(source: string, target: string): void {
  const stacksDir = join(target, "stacks");
  const fresh = new Map<string, Set<string>>();
  for (const stack of readdirSync(join(source, "stacks"))) fresh.set(stack, new Set(readdirSync(join(source, "stacks", stack))));
  if (existsSync(stacksDir)) {
    for (const stack of readdirSync(stacksDir)) {
      const folder = join(stacksDir, stack);
      if (!statSync(folder).isDirectory()) continue;
      const keep = fresh.get(stack);
      if (keep === undefined) {
        rmSync(folder, { recursive: true, force: true });
        continue;
      }
      for (const file of readdirSync(folder)) {
        if (!keep.has(file) && isSynthOutput(file) && statSync(join(folder, file)).isFile()) rmSync(join(folder, file));
      }
    }
  }
  moveInto(source, target);
}
