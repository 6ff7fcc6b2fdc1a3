/**
 * Moves a finished JSON synth into the folder `cdktf deploy` uses, file by
 * file, so Terraform's working files already there (`.terraform/`) survive.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
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
