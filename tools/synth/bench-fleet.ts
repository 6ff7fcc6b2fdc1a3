/**
 * `npm run bench:fleet [-- --runs N] [--sizes 1,10,50,200]`: the synth of a fleet of 1, 10, 50 and
 * 200 further zones (plus the primary zone and app stacks), each run a fresh process so its peak
 * memory is its own: median wall time, peak RSS (GNU `/usr/bin/time -v`), the ratios to the
 * smallest size measured in the same run, the growth per zone, whether it is linear, and the goal
 * (200 zones in <= 10 s and <= 1 GiB on the 2-core machine).
 *
 * A run is the project's synth pipeline in-process: the example settings with `zones` set, the
 * stack builder of `main.ts`, cdktf's synth and the HCL renderer of `npm run synth`, started like
 * `npm run synth` (its node flags, the compiled dist/), writing to a scratch folder.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { FLEET_SIZES, fleetReport, type SizeMeasured } from "./bench-fleet-report";
import { peakMiB } from "./bench-stats";

const ROOT = resolve(__dirname, "..", "..");
const TIME = "/usr/bin/time";
const CHILD = "--child";

/** What one child prints on its last stdout line. */
interface ChildResult {
  readonly stacks: number;
  readonly synthSeconds: number;
  readonly renderSeconds: number;
}

/** One synth of `zones` further zones into `scratch`; the child process's whole job. */
async function child(zones: number, scratch: string): Promise<ChildResult> {
  // As `npm run synth` does: no source maps unless debugging (cdktf captures a stack per token).
  if (process.env.SYNTH_DEBUG !== "1") process.setSourceMapsEnabled(false);
  const { App, TerraformStack } = await import("cdktf");
  const { loadSettings } = await import("../../config/settings");
  const { buildStacks } = await import("../../stacks/build");
  const { synthesizeStacks } = await import("./synthesize");
  const { renderFiles } = await import("./hcl-files");
  const { fleetZones } = await import("./bench-fleet-report");
  const started = process.hrtime.bigint();
  const settings = { ...loadSettings({}), zones: fleetZones(zones) };
  // Every stack the builder adds to the app, whatever it returns: the fleet's stacks included.
  const stacks = synthesizeStacks((app: InstanceType<typeof App>) => {
    buildStacks(app, settings);
    return app.node.children.filter((c): c is InstanceType<typeof TerraformStack> => TerraformStack.isStack(c));
  }, scratch);
  const synthesized = process.hrtime.bigint();
  const files = await renderFiles(stacks);
  const rendered = process.hrtime.bigint();
  if (files.size < stacks.length) throw new Error(`rendered ${files.size} files for ${stacks.length} stacks`);
  // The primary zone and app stacks plus one per further zone: fewer means the fleet was not built.
  if (stacks.length < zones + 2) throw new Error(`the stack builder made ${stacks.length} stacks for ${zones} further zones; expected at least ${zones + 2}`);
  return { stacks: stacks.length, synthSeconds: Number(synthesized - started) / 1e9, renderSeconds: Number(rendered - synthesized) / 1e9 };
}

/** The node command and flags of `npm run synth`, read from package.json so the two never drift. */
function synthNode(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const [program, ...args] = scripts.synth.trim().split(/\s+/);
  if (program !== "node" || !args.some((a) => a.endsWith("run.js"))) throw new Error(`the synth script must be "node [flags] tools/run.js <entry>", got: ${scripts.synth}`);
  const runJs = args.findIndex((a) => a.endsWith("run.js"));
  return [process.execPath, ...args.slice(0, runJs + 1), "tools/synth/bench-fleet.ts"];
}

function runOnce(zones: number): { wall: number; peak?: number; result: ChildResult } {
  const scratch = mkdtempSync(join(tmpdir(), "bench-fleet-"));
  try {
    const argv = [...synthNode(), CHILD, String(zones), scratch];
    const withTime = existsSync(TIME) ? [TIME, "-v", ...argv] : argv;
    const start = process.hrtime.bigint();
    const out = spawnSync(withTime[0], withTime.slice(1), { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true" }, maxBuffer: 64 * 1024 * 1024 });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    if (out.status !== 0) throw new Error(`the synth of ${zones} zones failed (exit ${out.status}): ${out.stderr.trim().split("\n").slice(-3).join(" ")}`);
    const last = out.stdout.trim().split("\n").pop() ?? "";
    return { wall, peak: peakMiB(out.stderr), result: JSON.parse(last) as ChildResult };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index < 0 ? undefined : argv[index + 1];
}

function parseArgs(argv: readonly string[]): { runs: number; sizes: number[] } {
  const runsText = option(argv, "--runs") ?? "3";
  const runs = Number(runsText);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got: ${runsText}`);
  const sizesText = option(argv, "--sizes");
  const sizes = sizesText === undefined ? [...FLEET_SIZES] : sizesText.split(",").map(Number);
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1) || sizes.some((n, i) => i > 0 && n <= sizes[i - 1])) {
    throw new Error(`--sizes must be two or more increasing whole numbers, e.g. 1,10,50,200, got: ${sizesText}`);
  }
  return { runs, sizes };
}

function main(argv: readonly string[]): void {
  const { runs, sizes } = parseArgs(argv);
  const measured = sizes.map((zones) => ({ zones, wallSeconds: [] as number[], peakMiB: [] as number[], synthSeconds: [] as number[], renderSeconds: [] as number[], stacks: 0 }));
  // One untimed run first: it rebuilds dist/ when a source changed and warms the file cache.
  runOnce(sizes[0]);
  // Sizes interleaved run by run, so every size sees the same machine load.
  for (let run = 1; run <= runs; run += 1) {
    for (const m of measured) {
      const { wall, peak, result } = runOnce(m.zones);
      m.wallSeconds.push(wall);
      if (peak !== undefined) m.peakMiB.push(peak);
      m.synthSeconds.push(result.synthSeconds);
      m.renderSeconds.push(result.renderSeconds);
      m.stacks = result.stacks;
      process.stdout.write(`run ${run}/${runs}, ${m.zones} zones: ${wall.toFixed(2)} s${peak === undefined ? "" : `, ${peak.toFixed(0)} MiB`}, ${result.stacks} stacks\n`);
    }
  }
  process.stdout.write(`\n${fleetReport(measured as SizeMeasured[]).join("\n")}\n`);
}

if (process.argv[2] === CHILD) {
  child(Number(process.argv[3]), process.argv[4]).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench:fleet: error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
} else {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench:fleet: error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
