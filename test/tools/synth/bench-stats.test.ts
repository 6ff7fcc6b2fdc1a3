import { describe, expect, it } from "vitest";
import { median, peakMiB, report } from "../../../tools/synth/bench-stats";

describe("median", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("peakMiB", () => {
  it("reads GNU time's maximum resident set size", () => {
    expect(peakMiB("\tMaximum resident set size (kbytes): 204800\n")).toBe(200);
    expect(peakMiB("no report")).toBeUndefined();
  });
});

describe("report", () => {
  it("prints both commands side by side with the ratio and the verdicts", () => {
    const lines = report(
      { label: "npm run synth", wallSeconds: [3, 4, 3.5], peakMiB: [200, 210] },
      { label: "cdktf synth --hcl", wallSeconds: [10, 11, 12], peakMiB: [400] },
    );
    expect(lines[0]).toMatch(/^command\s+runs\s+median wall\s+peak RSS$/);
    expect(lines[1]).toMatch(/^npm run synth\s+3\s+3\.50 s\s+210 MiB$/);
    expect(lines[2]).toMatch(/^cdktf synth --hcl\s+3\s+11\.00 s\s+400 MiB$/);
    expect(lines).toContain("wall-time ratio (npm run synth / cdktf synth --hcl): 0.32x (target <= 0.4x: met)");
    expect(lines).toContain("peak memory of npm run synth: 210 MiB (target <= 250 MiB: met)");
  });
});
