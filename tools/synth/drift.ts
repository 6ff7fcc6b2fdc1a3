/**
 * The drift check: the committed HCL must be exactly what a fresh synth
 * produces, so a reviewer can trust the folder reflects the CDKTF code.
 */
import type { FileTree } from "./hcl-files";

/** One file that differs between the fresh synth and the committed folder. */
export interface DriftEntry {
  readonly path: string;
  readonly problem: "missing" | "stale" | "extra";
}

/** Files that are missing, stale (different bytes) or extra in `committed`. */
export function findDrift(fresh: FileTree, committed: FileTree): DriftEntry[] {
  const drift: DriftEntry[] = [];
  for (const [path, content] of fresh) {
    const current = committed.get(path);
    if (current === undefined) drift.push({ path, problem: "missing" });
    else if (current !== content) drift.push({ path, problem: "stale" });
  }
  for (const path of committed.keys()) {
    if (!fresh.has(path)) drift.push({ path, problem: "extra" });
  }
  return drift.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const DESCRIPTIONS: Record<DriftEntry["problem"], string> = {
  missing: "is missing",
  stale: "differs from a fresh synth",
  extra: "is no longer generated",
};

/** The message for a developer or CI; empty when there is no drift. */
export function driftMessage(folder: string, drift: readonly DriftEntry[]): string {
  if (drift.length === 0) return "";
  const lines = drift.map((entry) => `  ${folder}/${entry.path} ${DESCRIPTIONS[entry.problem]}`);
  return [
    `The committed HCL in ${folder}/ is out of date with the CDKTF app:`,
    ...lines,
    `Run \`npm run synth\` and commit the changes in ${folder}/.`,
  ].join("\n");
}
