/**
 * What `npm run synth` does, without process concerns (argv, exit codes),
 * so tests can run it against fixture stacks.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { driftMessage, findDrift } from "./drift";
import { renderFiles, MAIN_FILE, type FileTree } from "./hcl-files";
import { isJsonObject, type JsonObject } from "./json";
import { replaceSynth } from "./json-out";
import { readTree, writeTree } from "./output-tree";
import { keysStackRemoved, removedKeysStackMessage, removedSinceBaseWarning } from "./removed-keys";
import { signedRemovalMessage, signedRemovals } from "./removed-zones";
import { synthesizeStacks, type StackBuilder, type SynthesizedStack } from "./synthesize";

/** Where to read and write, all absolute. */
export interface RunPaths {
  readonly projectRoot: string;
  readonly hclDir: string;
  readonly jsonDir: string;
  /** The base commit's HCL folder (`--base`): removals are judged against it too. */
  readonly baseHclDir?: string;
}

/** Result of a run: lines for the user and whether it succeeded. */
export interface RunResult {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

function count(config: JsonObject, section: string): number {
  const value = config[section];
  if (!isJsonObject(value)) return 0;
  if (section === "output" || section === "variable") return Object.keys(value).length;
  return Object.values(value).reduce<number>((sum, byName) => sum + (isJsonObject(byName) ? Object.keys(byName).length : 0), 0);
}

function summary(stack: SynthesizedStack, hclFolder: string): string {
  const { config } = stack;
  return (
    `synth: ${stack.name} -> ${hclFolder}/${stack.name}/${MAIN_FILE} ` +
    `(${count(config, "resource")} resources, ${count(config, "data")} data sources, ${count(config, "output")} outputs)`
  );
}

/** Synthesizes into a scratch folder and renders; nothing outside the scratch folder is touched. */
async function synthesizeAndRender(build: StackBuilder, scratch: string): Promise<{ stacks: SynthesizedStack[]; files: FileTree }> {
  const stacks = synthesizeStacks(build, scratch);
  return { stacks, files: await renderFiles(stacks) };
}

function relative(paths: RunPaths, absolute: string): string {
  const prefix = `${paths.projectRoot}/`;
  return absolute.startsWith(prefix) ? absolute.slice(prefix.length) : absolute;
}

/**
 * The refusal lines when a zone leaves the settings while its committed folder shows it signed, or
 * the dnssec-keys stack leaves while its committed folder is there; and the warnings the removals
 * seen only against the base commit give. The working tree alone is not enough: a change that also
 * deletes the folder would pass, so CI passes the base commit's folder (`baseHclDir`): the pull
 * request's base branch, or on main the commit of the last successful apply.
 */
async function judgedRemovals(paths: RunPaths, files: FileTree): Promise<{ refused: string[]; warnings: string[] }> {
  const folder = relative(paths, paths.hclDir);
  const committed = readTree(paths.hclDir);
  const zones = await signedRemovals(committed, files);
  const refused = zones.map((removal) => signedRemovalMessage(removal, folder));
  const keys = keysStackRemoved(committed, files);
  if (keys) refused.push(removedKeysStackMessage(folder));
  const warnings: string[] = [];
  if (paths.baseHclDir !== undefined) {
    // Named as in the base commit's tree (`terraform/…`), not by where CI wrote it ($RUNNER_TEMP).
    const baseFolder = basename(paths.baseHclDir);
    const base = readTree(paths.baseHclDir);
    const seen = new Set(zones.map((removal) => removal.folder));
    for (const removal of await signedRemovals(base, files)) {
      if (!seen.has(removal.folder)) refused.push(signedRemovalMessage(removal, baseFolder, true));
    }
    if (!keys && keysStackRemoved(base, files)) warnings.push(removedSinceBaseWarning(baseFolder));
  }
  return { refused, warnings };
}

/** Writes the JSON synth and the committed HCL folder. */
export async function synth(build: StackBuilder, paths: RunPaths): Promise<RunResult> {
  const scratch = mkdtempSync(join(tmpdir(), "synth-json-"));
  try {
    const { stacks, files } = await synthesizeAndRender(build, scratch);
    const { refused, warnings: removals } = await judgedRemovals(paths, files);
    if (refused.length > 0) return { ok: false, lines: refused };
    const folder = relative(paths, paths.hclDir);
    writeTree(paths.hclDir, files, folder);
    replaceSynth(scratch, paths.jsonDir);
    const warnings = [...removals, ...stacks.flatMap((stack) => stack.warnings.map((w) => `synth: warning: ${stack.name}: ${w}`))];
    return { ok: true, lines: [...stacks.map((stack) => summary(stack, folder)), ...warnings] };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Compares a fresh synth with the committed HCL folder; writes nothing. */
export async function check(build: StackBuilder, paths: RunPaths): Promise<RunResult> {
  const scratch = mkdtempSync(join(tmpdir(), "synth-check-"));
  try {
    const { files } = await synthesizeAndRender(build, scratch);
    const { refused, warnings } = await judgedRemovals(paths, files);
    if (refused.length > 0) return { ok: false, lines: refused };
    const folder = relative(paths, paths.hclDir);
    const drift = findDrift(files, readTree(paths.hclDir, files.keys()));
    if (drift.length > 0) return { ok: false, lines: driftMessage(folder, drift).split("\n") };
    return { ok: true, lines: [`synth: ${folder}/ is up to date with the CDKTF app (${files.size} files)`, ...warnings] };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
