/**
 * Pure parts of the fleet synth benchmark: the fleet of a given size, and the table of wall time and
 * peak memory per size with the ratios to the smallest size, the growth per zone, the linearity check
 * and the verdict against the goal.
 */
import type { ZoneSetting } from "../../config/zone-setting";
import { median } from "./bench-stats";

/** The goal of issue 15 on the 2-core machine: 200 zones in at most 10 s and 1 GiB. */
export const FLEET_GOAL = { zones: 200, wallSeconds: 10, peakMiB: 1024 } as const;

/** The sizes measured, smallest first: the smallest is the reference the others are compared with. */
export const FLEET_SIZES = [1, 10, 50, 200] as const;

/**
 * Time per added zone may grow this much from the middle sizes to the largest and still count as
 * linear: run-to-run noise on a shared machine is of that order, a quadratic step is far above it.
 */
export const LINEAR_TOLERANCE = 1.5;

/**
 * `count` further zones as a user would list them, in the three ownership modes in turn (create,
 * adopt, reference), each signed with one KSK and its DS printed for the registrar: what most of a
 * real fleet looks like.
 */
export function fleetZones(count: number): ZoneSetting[] {
  return Array.from({ length: count }, (_, i) => {
    const ownership = (["create", "adopt", "reference"] as const)[i % 3];
    return {
      domainName: `zone${String(i + 1).padStart(3, "0")}.fleet.example.org`,
      keySigningKeys: [{ name: "ksk_1", status: "active", publishDs: true }],
      dnssec: "on",
      parentDs: "manual",
      delegateFromParent: false,
      dsTtl: 3600,
      ...(ownership === "create" ? {} : { hostedZoneId: `Z${String(i + 1).padStart(20, "0")}` }),
      ownership,
    };
  });
}

/** One size's measurements over several runs, each run a fresh process. */
export interface SizeMeasured {
  readonly zones: number;
  /** Wall time of the whole process, start-up included, as a user waits for it. */
  readonly wallSeconds: readonly number[];
  /** Peak resident memory of the process (GNU time), when measured. */
  readonly peakMiB: readonly number[];
  /** In-process time of building the stacks and cdktf's synth. */
  readonly synthSeconds: readonly number[];
  /** In-process time of rendering and formatting the HCL. */
  readonly renderSeconds: readonly number[];
  /** Stacks synthesized (the same every run). */
  readonly stacks: number;
}

const s = (value: number) => `${value.toFixed(2)} s`;
const mib = (value: number | undefined) => (value === undefined ? "n/a" : `${value.toFixed(0)} MiB`);
const peakOf = (m: SizeMeasured) => (m.peakMiB.length ? Math.max(...m.peakMiB) : undefined);

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd());
}

/** The report: one row per size, then growth, linearity and the goal. `sizes` must be smallest first. */
export function fleetReport(sizes: readonly SizeMeasured[]): string[] {
  if (sizes.length < 2) throw new Error("the fleet report needs at least two sizes");
  const base = sizes[0];
  const wall = (m: SizeMeasured) => median(m.wallSeconds);
  const rows = [["fleet zones", "stacks", "runs", "median wall", "x ref", "synth", "render", "peak RSS", "x ref"]];
  for (const m of sizes) {
    const peak = peakOf(m);
    const basePeak = peakOf(base);
    rows.push([
      String(m.zones),
      String(m.stacks),
      String(m.wallSeconds.length),
      s(wall(m)),
      `${(wall(m) / wall(base)).toFixed(2)}x`,
      s(median(m.synthSeconds)),
      s(median(m.renderSeconds)),
      mib(peak),
      peak === undefined || basePeak === undefined ? "n/a" : `${(peak / basePeak).toFixed(2)}x`,
    ]);
  }
  const lines = table(rows);
  const largest = sizes[sizes.length - 1];
  // With two sizes there is one slope and nothing to compare it with: the middle is the reference.
  const middle = sizes.length > 2 ? sizes[sizes.length - 2] : base;
  const slope = (time: (m: SizeMeasured) => number) => (from: SizeMeasured, to: SizeMeasured) => (time(to) - time(from)) / (to.zones - from.zones);
  const perZone = slope(wall);
  const early = perZone(base, middle);
  const late = perZone(middle, largest);
  const memPerZone = peakOf(largest) !== undefined && peakOf(base) !== undefined ? (peakOf(largest)! - peakOf(base)!) / (largest.zones - base.zones) : undefined;
  const memory = memPerZone === undefined ? "" : `; ${memPerZone.toFixed(2)} MiB of peak memory per zone from ${base.zones} to ${largest.zones}`;
  lines.push("", `reference: ${base.zones} fleet zone${base.zones === 1 ? "" : "s"} (plus the primary zone and app stacks), measured in the same run`);
  if (middle === base) {
    lines.push(`growth per zone: ${(late * 1000).toFixed(0)} ms from ${base.zones} to ${largest.zones} zones${memory}`, "linear: not judged (it needs three sizes or more)");
  } else {
    const linear = late <= early * LINEAR_TOLERANCE;
    lines.push(
      `growth per zone: ${(early * 1000).toFixed(0)} ms from ${base.zones} to ${middle.zones} zones, ${(late * 1000).toFixed(0)} ms from ${middle.zones} to ${largest.zones}${memory}`,
      `linear: ${linear ? "yes" : "NO"} (time per added zone from ${middle.zones} to ${largest.zones} is ${(late / early).toFixed(2)}x that from ${base.zones} to ${middle.zones}; linear means <= ${LINEAR_TOLERANCE}x)`,
    );
    // Wall time also holds what no zone adds to (start-up, exit) and the machine's noise, which a
    // shared 2-core machine makes large; the in-process time of synth and render is the pipeline's
    // own. Both are shown: a user waits for the first, the second says where growth comes from.
    const inProcess = slope((m) => median(m.synthSeconds) + median(m.renderSeconds));
    const ratio = inProcess(middle, largest) / inProcess(base, middle);
    lines.push(
      `linear in-process (synth and render only): ${ratio <= LINEAR_TOLERANCE ? "yes" : "NO"} (${ratio.toFixed(2)}x, ${(inProcess(base, middle) * 1000).toFixed(0)} ms then ${(inProcess(middle, largest) * 1000).toFixed(0)} ms a zone)`,
    );
  }
  const goal = sizes.find((m) => m.zones === FLEET_GOAL.zones);
  if (goal) {
    const wallOk = wall(goal) <= FLEET_GOAL.wallSeconds;
    const peak = peakOf(goal);
    const peakOk = peak === undefined ? undefined : peak <= FLEET_GOAL.peakMiB;
    lines.push(
      `goal, ${FLEET_GOAL.zones} zones in <= ${FLEET_GOAL.wallSeconds} s and <= ${FLEET_GOAL.peakMiB / 1024} GiB: ` +
        `${s(wall(goal))} (${wallOk ? "met" : "MISSED"}), ${mib(peak)} (${peakOk === undefined ? "not measured" : peakOk ? "met" : "MISSED"})`,
    );
  }
  return lines;
}
