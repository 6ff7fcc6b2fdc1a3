/**
 * The comparison step of check.sh: reads what both libraries synthesized for every settings set and
 * reports every difference; exit code 1 when one is not listed in differences.ts, when a listed one
 * no longer occurs, or when the README names another wrapped AWS provider version than the binding.
 *
 * usage: node --import tsx compat/cdktn/compare.ts <out> [--committed <dir>] [--cdktn-wraps <version>]
 *   <out>/<set>/{cdktf,cdktn}/  the `npm run synth -- --hcl-dir hcl --json-dir json` output of each side,
 *                               with the synth's printed lines in synth.log
 *   --committed <dir>           also compare the cdktn HCL of the set `project` with this folder (terraform/)
 *   --cdktn-wraps <version>     the hashicorp/aws version @cdktn/provider-aws wraps, as binding.ts read it
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { isJsonObject, type JsonObject } from "../../tools/synth/json";
import { compareHcl, compareSynths, SIDES, unobserved, type Comparison, type SynthOutput } from "./differences";
import { readRecipe } from "./recipe";

const ROOT = resolve(__dirname, "..", "..");

function folders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory() && !entry.startsWith("."))
    .sort();
}

function readHcl(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const stack of folders(dir)) {
    const file = join(dir, stack, "main.tf");
    if (existsSync(file)) files.set(stack, readFileSync(file, "utf8"));
  }
  return files;
}

function readSide(dir: string): SynthOutput {
  const json = new Map<string, JsonObject>();
  const stacksDir = join(dir, "json", "stacks");
  for (const stack of folders(stacksDir)) {
    const parsed: unknown = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8"));
    if (!isJsonObject(parsed)) throw new Error(`${stacksDir}/${stack}/cdk.tf.json does not hold a JSON object`);
    json.set(stack, parsed);
  }
  const log = readFileSync(join(dir, "synth.log"), "utf8").split("\n");
  return { hcl: readHcl(join(dir, "hcl")), json, warnings: log.filter((line) => line.startsWith("synth: warning:")) };
}

function report(set: string, comparison: Comparison, lines: string[]): void {
  const state = comparison.unexplained.length > 0 ? "DIFFERENT" : comparison.identical ? "identical" : "equivalent";
  lines.push(`compat: ${set}: ${comparison.stack} ${comparison.output}: ${state}`);
  for (const { finding, difference } of comparison.explained) {
    lines.push(`compat:   explained (${difference.id}): ${finding.path}: ${finding.message}`);
  }
  for (const finding of comparison.unexplained) lines.push(`compat:   not explained: ${finding.path || "(root)"}: ${finding.message}`);
}

function main(argv: readonly string[]): number {
  const [out, ...options] = argv;
  if (!out) throw new Error("usage: compare.ts <out> [--committed <dir>] [--cdktn-wraps <version>]");
  const option = (name: string): string | undefined => {
    const index = options.indexOf(name);
    return index === -1 ? undefined : options[index + 1];
  };
  const lines: string[] = [];
  const all: Comparison[] = [];
  const sets = folders(out);
  if (sets.length === 0) throw new Error(`no settings set in ${out}; run compat/cdktn/check.sh`);
  let warned = false;
  for (const set of sets) {
    const cdktf = readSide(join(out, set, "cdktf"));
    warned ||= cdktf.warnings.length > 0;
    const comparisons = compareSynths(cdktf, readSide(join(out, set, "cdktn")));
    for (const comparison of comparisons) report(set, comparison, lines);
    all.push(...comparisons);
  }
  const committed = option("--committed");
  if (committed) {
    const comparisons = compareHcl(readHcl(committed), readHcl(join(out, "project", "cdktn", "hcl")), { ...SIDES, expected: "terraform/" });
    for (const comparison of comparisons) report("project vs terraform/", comparison, lines);
    if (comparisons.some((comparison) => comparison.unexplained.length > 0)) {
      lines.push("compat: terraform/ is not what your settings synthesize; if `npm run synth -- --check` fails too, run `npm run synth` first");
    }
    all.push(...comparisons);
  }
  let ok = all.every((comparison) => comparison.unexplained.length === 0);
  if (!warned) {
    lines.push("compat: no settings set raised a warning, so the warnings comparison proved nothing; keep one in settings-sets.ts that does");
    ok = false;
  }
  for (const stale of unobserved(all)) {
    lines.push(`compat: the listed difference ${stale.id} no longer occurs; remove it from compat/cdktn/differences.ts and the README`);
    ok = false;
  }
  const wraps = option("--cdktn-wraps");
  if (wraps) {
    const named = readRecipe(readFileSync(join(ROOT, "README.md"), "utf8")).wraps.get("@cdktn/provider-aws");
    if (named?.wraps !== wraps) {
      lines.push(`compat: @cdktn/provider-aws wraps hashicorp/aws ${wraps}, the README says ${named?.wraps ?? "nothing"}; fix the version drift table`);
      ok = false;
    } else lines.push(`compat: @cdktn/provider-aws ${named.version} wraps hashicorp/aws ${wraps}, as the README says`);
  }
  lines.push(ok ? `compat: OK: ${sets.length} settings sets synthesize the same on CDK Terrain` : "compat: FAILED: see the differences above");
  (ok ? process.stdout : process.stderr).write(`${lines.join("\n")}\n`);
  return ok ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`compat: error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
