/**
 * `npm run bench:synth [-- --runs N]`: median wall time and peak memory of
 * `npm run synth` (the same node command, writing to a scratch folder) next
 * to `npx cdktf synth --hcl` on the same app, N runs each (default 5),
 * interleaved so both see the same machine load. Peak memory is the largest
 * process's max RSS, from GNU `/usr/bin/time -v` when it is installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { peakMiB, report, type Measured } from "./bench-stats";

const ROOT = resolve(__dirname, "..", "..");
const TIME = "/usr/bin/time";

interface Command {
  readonly label: string;
  readonly argv: (scratch: string) => string[];
}

const COMMANDS: readonly Command[] = [
  {
    label: "npm run synth",
    argv: (scratch) => [...synthCommand(), "--hcl-dir", join(scratch, "hcl"), "--json-dir", join(scratch, "json")],
  },
  { label: "cdktf synth --hcl", argv: (scratch) => ["npx", "cdktf", "synth", "--hcl", "--output", scratch] },
];

/** The node command behind `npm run synth`, read from package.json so the two never drift apart. */
function synthCommand(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const [program, ...args] = scripts.synth.trim().split(/\s+/);
  if (program !== "node") throw new Error(`the synth script must start with "node" to be measured directly, got: ${scripts.synth}`);
  return [process.execPath, ...args];
}

function parseRuns(argv: readonly string[]): number {
  const index = argv.indexOf("--runs");
  if (index < 0) return 5;
  const runs = Number(argv[index + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got: ${argv[index + 1]}`);
  return runs;
}

function runOnce(command: Command): { wall: number; peak: number | undefined } {
  const scratch = mkdtempSync(join(tmpdir(), "bench-synth-"));
  try {
    const argv = command.argv(scratch);
    const withTime = existsSync(TIME) ? [TIME, "-v", ...argv] : argv;
    const start = process.hrtime.bigint();
    const result = spawnSync(withTime[0] as string, withTime.slice(1), {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1", CI: "true" },
    });
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0) throw new Error(`${command.label} failed (exit ${result.status}): ${result.stderr.trim().split("\n").slice(-3).join(" ")}`);
    return { wall, peak: peakMiB(result.stderr) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function main(): void {
  const runs = parseRuns(process.argv.slice(2));
  const results = COMMANDS.map((command) => ({ label: command.label, wallSeconds: [] as number[], peakMiB: [] as number[] }));
  for (let run = 1; run <= runs; run += 1) {
    COMMANDS.forEach((command, index) => {
      const { wall, peak } = runOnce(command);
      const measured = results[index]!;
      measured.wallSeconds.push(wall);
      if (peak !== undefined) measured.peakMiB.push(peak);
      process.stdout.write(`run ${run}/${runs} ${command.label}: ${wall.toFixed(2)} s${peak === undefined ? "" : `, ${peak.toFixed(0)} MiB`}\n`);
    });
  }
  const [ours, cli] = results as unknown as [Measured, Measured];
  process.stdout.write(`\n${report(ours, cli).join("\n")}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench:synth: error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
