/**
 * Reading and writing the committed HCL folder without ever leaving it half
 * written: every file is written to a temporary name in its final directory
 * and then renamed over the old one, and only after all rendering succeeded.
 *
 * Ownership: synth replaces or removes only files that start with the
 * generated marker (see hcl-files.ts). A file of someone else's where synth
 * must write stops the run before anything is written; any other file
 * (`*_override.tf`, Terraform's working files, a project's own files) is left alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isGeneratedContent, type FileTree } from "./hcl-files";

/** Whether a path inside the folder is one the generator may write (Terraform's own files are left alone). */
export function isGeneratedPath(relative: string): boolean {
  const parts = relative.split("/");
  if (parts.length === 1) return parts[0] === ".gitignore";
  return parts.length === 2 && parts[1]!.endsWith(".tf") && !parts[1]!.endsWith("_override.tf");
}

function readIfFile(file: string): string | undefined {
  try {
    return statSync(file).isFile() ? readFileSync(file, "utf8") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The generated files currently in `root` (an empty tree when it does not exist), plus whatever
 * is at each of `expected`, generated or not, so a drift check sees a foreign file where synth
 * would write as a difference.
 */
export function readTree(root: string, expected: Iterable<string> = []): FileTree {
  const files = new Map<string, string>();
  if (!existsSync(root)) return files;
  const visit = (relative: string, depth: number): void => {
    for (const entry of readdirSync(join(root, relative)).sort()) {
      const path = relative ? `${relative}/${entry}` : entry;
      if (!isGeneratedPath(path) && depth > 0) continue;
      const isDirectory = statSync(join(root, path)).isDirectory();
      if (isDirectory && depth === 0 && !entry.startsWith(".") && entry !== "node_modules") visit(path, 1);
      else if (!isDirectory && isGeneratedPath(path)) {
        const content = readFileSync(join(root, path), "utf8");
        if (isGeneratedContent(content)) files.set(path, content);
      }
    }
  };
  visit("", 0);
  for (const path of expected) {
    const content = files.has(path) ? undefined : readIfFile(join(root, path));
    if (content !== undefined) files.set(path, content);
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A folder holds files of someone else's where synth must write; the message names them and the fix. */
export class ForeignFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForeignFilesError";
  }
}

/** The files at `files`' paths in `root` that synth did not write and would have to replace. */
export function foreignFiles(root: string, files: FileTree): string[] {
  return [...files.keys()].filter((relative) => {
    const content = readIfFile(join(root, relative));
    return content !== undefined && !isGeneratedContent(content);
  });
}

/**
 * Writes `files` into `root` and removes generated files that are no longer produced. Refuses,
 * before writing anything, when a file it would replace is not one it generated.
 */
export function writeTree(root: string, files: FileTree, shownAs = root): void {
  const foreign = foreignFiles(root, files);
  if (foreign.length > 0) {
    throw new ForeignFilesError(
      `${shownAs}/ holds files that npm run synth did not generate and would have to replace: ${foreign.map((f) => `${shownAs}/${f}`).join(", ")}; move them away, or choose an empty folder with --hcl-dir.`,
    );
  }
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
