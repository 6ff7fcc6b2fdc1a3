import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";
import { buildStacks, STACK_IDS } from "../../stacks/build";

function build(context: Record<string, unknown>) {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), "build-")) });
  const built = buildStacks(app, loadSettings(context));
  app.synth();
  return built;
}

describe("buildStacks", () => {
  it("creates the zone stack and the app stack, in apply order, the app depending on the zone", () => {
    const { zone, app } = build({});
    expect([zone.node.id, app.node.id]).toEqual([...STACK_IDS]);
    expect(app.dependencies).toContain(zone);
  });

  // The example as shipped in cdktf.json, spelled out: the suite must pass whatever a user puts there.
  it("raises no pre-flight warning with the example settings", () => {
    const example = { domainName: "example.com", name: "dnssec-demo", region: "us-east-2", keySigningKeys: [{ name: "ksk_1", status: "active" }], soaNegativeTtl: 3600 };
    expect(build(example).preflight.findings).toEqual([]);
  });

  it("warns at synth when the SOA minimum in the zone stack is large", () => {
    expect(build({ soaNegativeTtl: 86400 }).preflight.findings).toEqual([
      "The SOA minimum (negative-caching TTL) is 86400s, above 3600s; lower it before enabling DNSSEC so a mistake is not cached for long (README, go-live runbook step 1).",
    ]);
  });

  it("stays quiet for an SOA minimum of an hour", () => {
    expect(build({ soaNegativeTtl: 3600 }).preflight.findings).toEqual([]);
  });
});
