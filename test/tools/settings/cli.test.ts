import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../../config/settings";
import { showSetting } from "../../../tools/settings/cli";
import { fleetLegs, MATRIX_LIMIT, stackLines } from "../../../tools/settings/stacks";

const ROOT = join(__dirname, "..", "..", "..");

describe("showSetting", () => {
  const settings = loadSettings({ domainName: "Example.ORG." });

  it("prints a string setting as it is, normalised", () => {
    expect(showSetting(settings, "domainName")).toEqual({ ok: true, text: "example.org" });
  });

  it("prints other settings as JSON, defaults applied", () => {
    expect(showSetting(settings, "kmsDeletionWindowDays")).toEqual({ ok: true, text: "30" });
    expect(showSetting(settings, "alarmEmail")).toEqual({ ok: true, text: "null" });
  });

  it("refuses an unknown name with a suggestion", () => {
    expect(showSetting(settings, "domainNmae")).toEqual({
      ok: false,
      message: 'give one setting name, such as domainName; "domainNmae" is not one (did you mean "domainName"?).',
    });
  });
});

describe("npm run settings", () => {
  it("prints the domain the app would use, DNSSEC_CDKTF_CONTEXT merged over cdktf.json and reported on stderr", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "tools/settings/cli.ts", "domainName"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTF_CONTEXT_JSON: "", DNSSEC_CDKTF_CONTEXT: '{"domainName":"example.net"}' },
    });
    expect(result.stdout).toBe("example.net\n");
    expect(result.stderr).toBe("settings: domainName from DNSSEC_CDKTF_CONTEXT\n");
    expect(result.status).toBe(0);
  });

  it("ignores CDKTF_CONTEXT_JSON, as main.ts does under the cdktf CLI", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "tools/settings/cli.ts", "domainName"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DNSSEC_CDKTF_CONTEXT: "", CDKTF_CONTEXT_JSON: '{"domainName":"ignored.example.net"}' },
    });
    expect(result.stdout).not.toContain("ignored.example.net");
    expect(result.stderr).toMatch(/^settings: warning: CDKTF_CONTEXT_JSON differs from cdktf\.json's context and is ignored/);
    expect(result.status).toBe(0);
  });

  it("reports a bad setting in one line", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "tools/settings/cli.ts", "domainName"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTF_CONTEXT_JSON: "", DNSSEC_CDKTF_CONTEXT: '{"region":"mars-1"}' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'settings: region from DNSSEC_CDKTF_CONTEXT\nsettings: error: Setting "region" (from DNSSEC_CDKTF_CONTEXT) must be an AWS region, got: "mars-1"; for example "us-east-2".\n',
    );
  });
});

describe("stacks for the workflows", () => {
  const fleetOf = (n: number) => Array.from({ length: n }, (_, i) => ({ domainName: `z${i}.example.net` }));

  it("lists every stack in apply order: zone, app, then each fleet zone as listed", () => {
    const settings = loadSettings({
      domainName: "shop.example.org",
      zones: [{ domainName: "B.example.net." }, { domainName: "a.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ", dnssec: "disabling" }],
    });
    expect(stackLines(settings)).toEqual([
      { id: "zone", kind: "zone", domain: "shop.example.org", dnssec: "on", parentDs: "manual", dependsOn: [] },
      { id: "app", kind: "app", domain: "shop.example.org", dnssec: "on", parentDs: "manual", dependsOn: ["zone"] },
      { id: "zone-b.example.net", kind: "fleet-zone", domain: "b.example.net", dnssec: "on", parentDs: "manual", dependsOn: [] },
      { id: "zone-a.example.com", kind: "fleet-zone", domain: "a.example.com", dnssec: "disabling", parentDs: "manual", dependsOn: [] },
    ]);
  });

  it("gives no leg without a fleet, so the workflows skip the matrix jobs", () => {
    expect(fleetLegs(loadSettings({ domainName: "example.org" }))).toEqual([]);
    expect(stackLines(loadSettings({ domainName: "example.org", dnssec: "off", keySigningKeys: [] })).map((s) => [s.id, s.dnssec])).toEqual([
      ["zone", "off"],
      ["app", "off"],
    ]);
  });

  it("gives one leg per fleet zone up to GitHub's matrix limit of 256", () => {
    const legs = fleetLegs(loadSettings({ domainName: "example.org", zones: fleetOf(MATRIX_LIMIT) }));
    expect(MATRIX_LIMIT).toBe(256);
    expect(legs).toHaveLength(256);
    expect(legs[0]).toEqual({ key: "zone-z0.example.net", stacks: ["zone-z0.example.net"] });
    expect(legs.every((l) => l.stacks.length === 1 && l.key === l.stacks[0])).toBe(true);
  });

  it("batches a larger fleet into the fewest equal legs that fit, every zone once and in order", () => {
    for (const [zones, perLeg, count] of [
      [257, 2, 129],
      [600, 3, 200],
    ] as const) {
      const settings = loadSettings({ domainName: "example.org", zones: fleetOf(zones) });
      const legs = fleetLegs(settings);
      expect(legs.length, `${zones}`).toBe(count);
      expect(legs.length).toBeLessThanOrEqual(MATRIX_LIMIT);
      expect(Math.max(...legs.map((l) => l.stacks.length))).toBe(perLeg);
      expect(legs.flatMap((l) => l.stacks)).toEqual(stackLines(settings).filter((s) => s.kind === "fleet-zone").map((s) => s.id));
      expect(legs[0].key).toBe("fleet-batch-001");
      expect(new Set(legs.map((l) => l.key)).size).toBe(legs.length);
    }
    // A smaller limit batches the same way (the limit is a parameter, not a constant in the code path).
    expect(fleetLegs(loadSettings({ domainName: "example.org", zones: fleetOf(5) }), 2).map((l) => l.stacks.length)).toEqual([3, 2]);
  });

  const cli = (args: string[], context: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "tools/settings/cli.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTF_CONTEXT_JSON: "", DNSSEC_CDKTF_CONTEXT: context },
    });

  it("prints the stacks and the matrix as one line of JSON each, from the settings in effect", () => {
    const context = JSON.stringify({ domainName: "example.net", zones: [{ domainName: "shop.example.org" }, { domainName: "eu.example.net", dnssec: "off", keySigningKeys: [] }] });
    const stacks = cli(["stacks"], context);
    expect(stacks.status).toBe(0);
    expect(stacks.stdout.split("\n")).toHaveLength(2);
    expect((JSON.parse(stacks.stdout) as { id: string }[]).map((s) => s.id)).toEqual(["zone", "app", "zone-shop.example.org", "zone-eu.example.net"]);
    const matrix = cli(["stacks", "--matrix"], context);
    expect(matrix.status).toBe(0);
    expect(matrix.stdout).toBe('[{"key":"zone-shop.example.org","stacks":["zone-shop.example.org"]},{"key":"zone-eu.example.net","stacks":["zone-eu.example.net"]}]\n');
    expect(cli(["stacks", "--matrix"], JSON.stringify({ zones: [] })).stdout).toBe("[]\n");
  });

  it("refuses an unknown option with exit 64 and a bad setting with exit 1", () => {
    const bad = cli(["stacks", "--all"], "");
    expect(bad.status).toBe(64);
    expect(bad.stderr).toContain("settings: error: stacks takes only --matrix, got: --all");
    const setting = cli(["stacks"], JSON.stringify({ zones: [{ domainName: "example.org", hostedZoneId: "nope" }] }));
    expect(setting.status).toBe(1);
    expect(setting.stderr).toMatch(/settings: error: Setting "zones\[0\]\.hostedZoneId"/);
  });
});
