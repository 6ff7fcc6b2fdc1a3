/**
 * `npm run bench:plan-comment [-- --runs N]`: the plan comment over 1, 10, 50
 * and 200 zone stacks, next to a reference measured in the same run on the
 * same files: `JSON.parse` of the plan files alone.
 *
 * Why that reference: reading and parsing every plan is work the comment
 * cannot avoid, and it grows exactly with the input. The ratio of the two
 * says what rendering costs on top of reading, independent of the machine,
 * and a ratio that stays flat from 1 to 200 stacks says the comment grows
 * linearly with the fleet; a rising one would say worse.
 *
 * Each stack is a synthetic fleet zone stack built from the plan fixtures
 * (tools/plan-comment/fleet-plans.ts) with changes in every stack, the worst
 * case for the comment: tag updates, rotation steps, an adopted zone's import,
 * and in the last stack a danger. Each measurement is a fresh process (so
 * peak memory, the process's max RSS, is its own) that loads the same modules
 * for both commands, warms up once, then times the work `REPS` times; the
 * median is kept. Processes alternate between the two so both see the same
 * machine load.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { median } from "../synth/bench-stats";
import { loadPlan, renderPlans } from "./comment";
import { fleetStacks } from "./fleet-plans";

const ROOT = resolve(__dirname, "..", "..");
const SIZES = [1, 10, 50, 200] as const;
/** Timed repetitions inside one process, after one warm-up. */
const REPS = 5;

type Mode = "comment" | "parse";

interface Sample {
  readonly ms: number;
  readonly peakMiB: number;
  readonly chars: number;
}

/** The work of one measurement, in this process: what the CLI does, or the parse alone. */
function work(mode: Mode, files: readonly string[]): number {
  if (mode === "parse") {
    let keys = 0;
    for (const file of files) keys += Object.keys(JSON.parse(readFileSync(file, "utf8")) as object).length;
    return keys;
  }
  const plans = files.map((file) => loadPlan({ stack: file.replace(/^.*\/|\.json$/g, ""), file }));
  return renderPlans(plans).markdown.length;
}

function worker(mode: Mode, dir: string): void {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(dir, name));
  let chars = work(mode, files);
  const times: number[] = [];
  for (let rep = 0; rep < REPS; rep += 1) {
    const start = process.hrtime.bigint();
    chars = work(mode, files);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sample: Sample = { ms: median(times), peakMiB: process.resourceUsage().maxRSS / 1024, chars };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

function measure(mode: Mode, dir: string): Sample {
  const result = spawnSync(process.execPath, ["--import", "tsx", __filename, "--worker", mode, dir], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the ${mode} worker failed (exit ${result.status}): ${result.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return JSON.parse(result.stdout.trim().split("\n").pop() ?? "") as Sample;
}

function parseRuns(argv: readonly string[]): number {
  const index = argv.indexOf("--runs");
  if (index < 0) return 3;
  const runs = Number(argv[index + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got: ${argv[index + 1]}`);
  return runs;
}

/** Writes `count` stack plans as `terraform show -json` files; returns their folder, total resource changes and bytes. */
function writeFleet(count: number): { dir: string; changes: number; bytes: number } {
  const dir = mkdtempSync(join(tmpdir(), `bench-plan-comment-${count}-`));
  let changes = 0;
  let bytes = 0;
  for (const { stack, json } of fleetStacks(count, { dangerLast: true })) {
    const file = join(dir, `${stack}.json`);
    writeFileSync(file, JSON.stringify(json));
    changes += Array.isArray(json.resource_changes) ? json.resource_changes.length : 0;
    bytes += statSync(file).size;
  }
  return { dir, changes, bytes };
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padStart(widths[column]!)).join("  "));
}

function main(argv: readonly string[]): void {
  const runs = parseRuns(argv);
  const rows: string[][] = [
    ["stacks", "resources", "input", "comment", "parse", "time ratio", "ratio vs 1", "peak comment", "peak parse", "peak ratio", "chars"],
  ];
  let ratioAtOne: number | undefined;
  for (const count of SIZES) {
    const { dir, changes, bytes } = writeFleet(count);
    try {
      const samples: Record<Mode, Sample[]> = { comment: [], parse: [] };
      for (let run = 1; run <= runs; run += 1) {
        for (const mode of ["comment", "parse"] as const) samples[mode].push(measure(mode, dir));
      }
      const ms = (mode: Mode) => median(samples[mode].map((s) => s.ms));
      const peak = (mode: Mode) => Math.max(...samples[mode].map((s) => s.peakMiB));
      const ratio = ms("comment") / ms("parse");
      ratioAtOne ??= ratio;
      rows.push([
        String(count),
        String(changes),
        `${(bytes / 1024 / 1024).toFixed(2)} MiB`,
        `${ms("comment").toFixed(1)} ms`,
        `${ms("parse").toFixed(1)} ms`,
        `${ratio.toFixed(1)}x`,
        `${(ratio / ratioAtOne).toFixed(2)}`,
        `${peak("comment").toFixed(0)} MiB`,
        `${peak("parse").toFixed(0)} MiB`,
        `${(peak("comment") / peak("parse")).toFixed(2)}x`,
        String(samples.comment[0]!.chars),
      ]);
      process.stdout.write(`${count} stacks: done (${runs} runs of each)\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(
    [
      "",
      ...table(rows),
      "",
      "time ratio: median render time of the comment (read, parse, check, render within the budget) over JSON.parse of the same files.",
      '"ratio vs 1": that ratio relative to one stack; near 1 means the comment grows linearly with the stacks, as parsing does.',
      "peak: the process's max RSS, node and the loaded modules included (the same modules in both).",
    ].join("\n") + "\n",
  );
}

const args = process.argv.slice(2);
try {
  if (args[0] === "--worker") worker(args[1] as Mode, args[2] as string);
  else main(args);
} catch (error) {
  process.stderr.write(`bench:plan-comment: error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
