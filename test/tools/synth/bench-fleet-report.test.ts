import { describe, expect, it } from "vitest";
import { fleetReport, fleetZones, type SizeMeasured } from "../../../tools/synth/bench-fleet-report";

const size = (zones: number, wall: number, peak: number): SizeMeasured => ({
  zones,
  wallSeconds: [wall + 0.5, wall, wall - 0.1],
  peakMiB: [peak - 5, peak],
  synthSeconds: [wall / 2],
  renderSeconds: [wall / 4],
  stacks: zones + 2,
});

describe("the fleet of the benchmark", () => {
  it("lists distinct zones in the three ownership modes, an id only for existing zones", () => {
    const zones = fleetZones(6);
    expect(new Set(zones.map((z) => z.domainName)).size).toBe(6);
    expect(zones.map((z) => z.ownership)).toEqual(["create", "adopt", "reference", "create", "adopt", "reference"]);
    expect(zones.map((z) => z.hostedZoneId === undefined)).toEqual([true, false, false, true, false, false]);
    expect(zones[1].hostedZoneId).toMatch(/^Z[0-9A-Z]{20}$/);
  });
});

describe("the fleet report", () => {
  it("gives ratios to the smallest size, the growth per zone and a linear verdict, and meets the goal", () => {
    const lines = fleetReport([size(1, 2, 200), size(10, 2.9, 230), size(50, 6.9, 400), size(200, 9.9, 900)]);
    expect(lines[0]).toMatch(/^fleet zones\s+stacks\s+runs\s+median wall\s+x ref/);
    expect(lines[1]).toMatch(/^1\s+3\s+3\s+2\.00 s\s+1\.00x/);
    expect(lines[4]).toMatch(/^200\s+202\s+3\s+9\.90 s\s+4\.95x\s+.*900 MiB\s+4\.50x$/);
    // 4.9 s over 49 zones, then 3 s over 150: 100 ms and 20 ms a zone.
    expect(lines).toContain("growth per zone: 100 ms from 1 to 50 zones, 20 ms from 50 to 200; 3.52 MiB of peak memory per zone from 1 to 200");
    expect(lines).toContain("linear: yes (time per added zone from 50 to 200 is 0.20x that from 1 to 50; linear means <= 1.5x)");
    expect(lines.at(-1)).toBe("goal, 200 zones in <= 10 s and <= 1 GiB: 9.90 s (met), 900 MiB (met)");
  });

  it("says NO when the time per zone grows faster at the large end, and MISSED over the budget", () => {
    // 2.45 s over 49 zones (50 ms a zone), then 13.55 s over 150 (about 90 ms a zone).
    const lines = fleetReport([size(1, 2, 200), size(50, 4.45, 300), size(200, 18, 1100)]);
    expect(lines).toContain("linear: NO (time per added zone from 50 to 200 is 1.81x that from 1 to 50; linear means <= 1.5x)");
    expect(lines.at(-1)).toBe("goal, 200 zones in <= 10 s and <= 1 GiB: 18.00 s (MISSED), 1100 MiB (MISSED)");
  });

  it("judges the in-process time apart from the wall time, which also carries start-up and noise", () => {
    const inProcess = (m: SizeMeasured, synth: number, render: number): SizeMeasured => ({ ...m, synthSeconds: [synth], renderSeconds: [render] });
    // Wall: 50 ms a zone, then about 90 ms (NO). In-process: 1.96 s over 49 zones, then 6 s over 150: 40 ms a zone both times.
    const lines = fleetReport([inProcess(size(1, 2, 200), 0.5, 0.1), inProcess(size(50, 4.45, 300), 2, 0.56), inProcess(size(200, 18, 1100), 6.5, 2.06)]);
    expect(lines).toContain("linear: NO (time per added zone from 50 to 200 is 1.81x that from 1 to 50; linear means <= 1.5x)");
    expect(lines).toContain("linear in-process (synth and render only): yes (1.00x, 40 ms then 40 ms a zone)");
    const quadratic = fleetReport([inProcess(size(1, 2, 200), 0.5, 0.1), inProcess(size(50, 4.45, 300), 2, 0.56), inProcess(size(200, 18, 1100), 14, 3)]);
    expect(quadratic.find((line) => line.startsWith("linear in-process"))).toMatch(/^linear in-process \(synth and render only\): NO \(2\.\d\dx/);
  });

  it("does not judge linearity from two sizes", () => {
    expect(fleetReport([size(1, 2, 200), size(10, 3, 210)])).toContain("linear: not judged (it needs three sizes or more)");
  });
});
