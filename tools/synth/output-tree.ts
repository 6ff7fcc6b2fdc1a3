/**
 * Reading and writing the committed HCL folder without ever leaving it half
 * written: every file is written to a temporary name in its final directory
 * and then renamed over the old one, and only after all rendering succeeded.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { FileTree } from "./hcl-files";

/** Whether a path inside the folder is one the generator owns (Terraform's own files are left alone). */
export function isGeneratedPath(relative: string): boolean {
  const parts = relative.split("/");
  if (parts.length === 1) return parts[0] === ".gitignore";
  return parts.length === 2 && parts[1]!.endsWith(".tf");
}

/** The generated files currently in `root` (an empty tree when it does not exist). */
export function readTree(root: string): FileTree {
  const files = new Map<string, string>();
  if (!existsSync(root)) return files;
  const visit = (relative: string, depth: number): void => {
    for (const entry of readdirSync(join(root, relative)).sort()) {
      const path = relative ? `${relative}/${entry}` : entry;
      const isDirectory = statSync(join(root, path)).isDirectory();
      if (isDirectory && depth === 0 && entry !== ".terraform") visit(path, 1);
      else if (!isDirectory && isGeneratedPath(path)) files.set(path, readFileSync(join(root, path), "utf8"));
    }
  };
  visit("", 0);
  return files;
}

/** Writes `files` into `root` and removes generated files that are no longer produced. */
export function writeTree(root: string, files: FileTree): void {
  const temporary = `.synth-${process.pid}.tmp`;
  const staged: [string, string][] = [];
  try {
    for (const [relative, content] of files) {
      const target = join(root, relative);
      mkdirSync(dirname(target), { recursive: true });
      const temp = join(dirname(target), temporary);
      writeFileSync(temp, content);
      staged.push([temp, target]);
    }
  } catch (error) {
    for (const [temp] of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const [temp, target] of staged) renameSync(temp, target);
  for (const relative of readTree(root).keys()) {
    if (!files.has(relative)) rmSync(join(root, relative));
  }
}
