/**
 * Pure parts of the synth benchmark: statistics, `/usr/bin/time -v` parsing
 * and the side-by-side table.
 */

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Peak resident memory in MiB from GNU time's `-v` report, or undefined when absent. */
export function peakMiB(timeReport: string): number | undefined {
  const match = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(timeReport);
  return match ? Number(match[1]) / 1024 : undefined;
}

/** Measurements of one command over several runs. */
export interface Measured {
  readonly label: string;
  readonly wallSeconds: readonly number[];
  readonly peakMiB: readonly number[];
}

/** The budget the issue sets on a 2-core machine. */
export const TARGETS = { wallRatio: 0.4, peakMiB: 250 } as const;

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** The side-by-side table, the ratio and the verdict against the targets. */
export function report(ours: Measured, cli: Measured): string[] {
  const wallOurs = median(ours.wallSeconds);
  const wallCli = median(cli.wallSeconds);
  const peak = (m: Measured): string => (m.peakMiB.length ? `${fixed(Math.max(...m.peakMiB), 0)} MiB` : "n/a");
  const ratio = wallOurs / wallCli;
  const oursPeak = ours.peakMiB.length ? Math.max(...ours.peakMiB) : undefined;
  const rows = [
    ["command", "runs", "median wall", "peak RSS"],
    [ours.label, String(ours.wallSeconds.length), `${fixed(wallOurs, 2)} s`, peak(ours)],
    [cli.label, String(cli.wallSeconds.length), `${fixed(wallCli, 2)} s`, peak(cli)],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd());
  const wallOk = ratio <= TARGETS.wallRatio;
  const peakOk = oursPeak === undefined ? undefined : oursPeak <= TARGETS.peakMiB;
  lines.push(
    "",
    `wall-time ratio (npm run synth / cdktf synth --hcl): ${fixed(ratio, 2)}x (target <= ${TARGETS.wallRatio}x: ${wallOk ? "met" : "MISSED"})`,
    `peak memory of npm run synth: ${oursPeak === undefined ? "n/a (no /usr/bin/time)" : `${fixed(oursPeak, 0)} MiB`} ` +
      `(target <= ${TARGETS.peakMiB} MiB: ${peakOk === undefined ? "not measured" : peakOk ? "met" : "MISSED"})`,
  );
  return lines;
}
