/**
 * `npm run bench:startup [-- --runs N]`: side by side in one run,
 * - the start-up of each CLI (`--help`): compiled (what the npm scripts and the bin run) and through
 *   tsx (development), median wall time of N runs (default 5);
 * - the synth's CPU time (user + system, its child processes included) and wall time next to
 *   `cdktf synth --hcl` on the same app, median of N runs, interleaved.
 * CPU time comes from /proc/self/stat (the waited-for children's times), so it is Linux only.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { median } from "./synth/bench-stats";

const ROOT = resolve(__dirname, "..");
const TARGETS = { helpMs: 150, synthCpuRatio: 0.3 } as const;
const CLIS = ["tools/synth/cli.ts", "tools/settings/cli.ts", "tools/plan-comment/cli.ts", "tools/verify/cli.ts"];

interface Sample {
  readonly wall: number;
  readonly cpu: number | undefined;
}

/** User + system seconds of this process's waited-for children, or undefined off Linux. */
function childCpuSeconds(): number | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After the command name: field 3 is index 0, so cutime (16) and cstime (17) are 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function measure(argv: readonly string[]): Sample {
  const before = childCpuSeconds();
  const start = process.hrtime.bigint();
  const result = spawnSync(argv[0] as string, argv.slice(1), { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true" } });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${argv.join(" ")} failed (exit ${result.status}): ${result.stderr.trim().split("\n").slice(-3).join(" ")}`);
  const after = childCpuSeconds();
  return { wall, cpu: before === undefined || after === undefined ? undefined : after - before };
}

function parseRuns(argv: readonly string[]): number {
  const index = argv.indexOf("--runs");
  if (index < 0) return 5;
  const runs = Number(argv[index + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got: ${argv[index + 1]}`);
  return runs;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd());
}

function main(): void {
  const runs = parseRuns(process.argv.slice(2));
  const node = process.execPath;
  spawnSync(node, [join(ROOT, "tools", "build.js")], { cwd: ROOT, stdio: "ignore" });

  // CPU time next to wall time: on a loaded machine the wall time says more about the neighbours.
  const helpRows = [["CLI --help", "compiled wall (ms)", "compiled CPU (ms)", "tsx wall (ms)", "tsx CPU (ms)", `target <= ${TARGETS.helpMs} ms`]];
  for (const cli of CLIS) {
    const compiled: Sample[] = [];
    const tsx: Sample[] = [];
    for (let run = 0; run < runs; run += 1) {
      compiled.push(measure([node, "tools/run.js", cli, "--help"]));
      tsx.push(measure([node, "--import", "tsx", cli, "--help"]));
    }
    const ms = (samples: Sample[], key: "wall" | "cpu") => (samples.every((s) => s[key] !== undefined) ? (median(samples.map((s) => s[key] as number)) * 1000).toFixed(0) : "n/a");
    const wallMs = median(compiled.map((s) => s.wall)) * 1000;
    helpRows.push([cli, ms(compiled, "wall"), ms(compiled, "cpu"), ms(tsx, "wall"), ms(tsx, "cpu"), wallMs <= TARGETS.helpMs ? "met" : "MISSED"]);
  }

  const scratch = mkdtempSync(join(tmpdir(), "bench-startup-"));
  const ours: Sample[] = [];
  const cli: Sample[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      ours.push(measure([node, "--max-semi-space-size=2", "tools/run.js", "tools/synth/cli.ts", "--hcl-dir", join(scratch, "hcl"), "--json-dir", join(scratch, "json")]));
      cli.push(measure(["npx", "cdktf", "synth", "--hcl", "--output", join(scratch, "cli")]));
      process.stdout.write(`synth run ${run + 1}/${runs}: ours ${ours.at(-1)!.wall.toFixed(2)} s, cdktf ${cli.at(-1)!.wall.toFixed(2)} s\n`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const cpu = (samples: Sample[]) => (samples.every((s) => s.cpu !== undefined) ? median(samples.map((s) => s.cpu as number)) : undefined);
  const wall = (samples: Sample[]) => median(samples.map((s) => s.wall));
  const [oursCpu, cliCpu] = [cpu(ours), cpu(cli)];
  const synthRows = [
    ["synth", "median CPU", "median wall"],
    ["npm run synth (compiled)", oursCpu === undefined ? "n/a" : `${oursCpu.toFixed(2)} s`, `${wall(ours).toFixed(2)} s`],
    ["cdktf synth --hcl", cliCpu === undefined ? "n/a" : `${cliCpu.toFixed(2)} s`, `${wall(cli).toFixed(2)} s`],
  ];
  const cpuRatio = oursCpu === undefined || cliCpu === undefined ? undefined : oursCpu / cliCpu;
  process.stdout.write(
    [
      "",
      ...table(helpRows),
      "",
      ...table(synthRows),
      "",
      `CPU-time ratio (npm run synth / cdktf synth --hcl): ${cpuRatio === undefined ? "n/a" : `${cpuRatio.toFixed(2)}x`} (target <= ${TARGETS.synthCpuRatio}x: ${cpuRatio === undefined ? "not measured" : cpuRatio <= TARGETS.synthCpuRatio ? "met" : "MISSED"})`,
      `wall-time ratio: ${(wall(ours) / wall(cli)).toFixed(2)}x`,
      "",
    ].join("\n"),
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench:startup: error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
