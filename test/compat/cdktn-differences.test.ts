/**
 * The comparison behind compat/cdktn/check.sh: what CDK Terrain synthesizes must be CDKTF's
 * configuration, with only the listed differences. Run on the committed HCL of the zone stack and small JSON
 * documents, so the compat install is not needed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compareHcl,
  compareJson,
  compareSynths,
  compareWarnings,
  KNOWN_DIFFERENCES,
  unobserved,
  type SynthOutput,
} from "../../compat/cdktn/differences";
import type { JsonObject } from "../../tools/synth/json";

const TERRAFORM = join(__dirname, "..", "..", "terraform");
const zoneHcl = readFileSync(join(TERRAFORM, "zone", "main.tf"), "utf8");
const appHcl = readFileSync(join(TERRAFORM, "app", "main.tf"), "utf8");
const zoneOnly: ReadonlyMap<string, string> = new Map([["zone", zoneHcl]]);

function stamped(version: string): JsonObject {
  return {
    "//": { metadata: { backend: "s3", stackName: "zone", version } },
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "~> 6.25.0" } } },
    resource: { aws_route53_zone: { hosted_zone_zone: { name: "example.com", force_destroy: false } } },
  };
}

function side(hcl: ReadonlyMap<string, string>, version: string, warnings: readonly string[] = []): SynthOutput {
  return { hcl, json: new Map([["zone", stamped(version)]]), warnings };
}

describe("the CDK Terrain comparison", () => {
  it("finds byte-identical HCL identical, with nothing to explain", () => {
    const results = compareHcl(zoneOnly, new Map(zoneOnly));
    expect(results.map((r) => [r.stack, r.identical, r.unexplained, r.explained])).toEqual([["zone", true, [], []]]);
  });

  it("reports a changed attribute value as a difference nothing explains", () => {
    const changed = zoneHcl.replace(/force_destroy += false/, "force_destroy = true");
    expect(changed).not.toBe(zoneHcl);
    const [zone] = compareHcl(zoneOnly, new Map([["zone", changed]]));
    expect(zone?.unexplained).toEqual([
      { path: expect.stringMatching(/^resource\.aws_route53_zone\.[\w-]+\.0\.force_destroy$/), message: "CDKTF has false, CDK Terrain has true" },
    ]);
  });

  it("reports a dropped resource, and a stack only one side has", () => {
    const withoutZone = zoneHcl.replace(/resource "aws_route53_zone"[\s\S]*?\n\}\n/, "");
    const [zone] = compareHcl(new Map([["zone", zoneHcl]]), new Map([["zone", withoutZone]]));
    expect(zone?.unexplained.map((f) => f.message)).toContain("missing from CDK Terrain");
    // A stack only one side has is reported without parsing it (the app's HCL is large).
    const [missing] = compareHcl(new Map([...zoneOnly, ["app", appHcl]]), zoneOnly);
    expect(missing).toMatchObject({ stack: "app", unexplained: [{ path: "app", message: "stack missing from CDK Terrain" }] });
  });

  it("refuses HCL that is the same configuration in other bytes, since the drift check compares bytes", () => {
    const reformatted = zoneHcl.replace("\n", "\n\n");
    const [zone] = compareHcl(new Map([["zone", zoneHcl]]), new Map([["zone", reformatted]]));
    expect(zone?.identical).toBe(false);
    expect(zone?.unexplained).toEqual([{ path: "zone/main.tf", message: expect.stringContaining("not the same bytes") }]);
  });

  it("explains the library version stamp of the JSON synth, and only that", () => {
    const [zone] = compareJson(new Map([["zone", stamped("0.21.0")]]), new Map([["zone", stamped("0.24.0")]]));
    expect(zone?.unexplained).toEqual([]);
    expect(zone?.explained.map((e) => [e.finding.path, e.difference.id])).toEqual([["//.metadata.version", "library-version-stamp"]]);
    const other = stamped("0.24.0");
    (other["//"] as { metadata: JsonObject }).metadata.stackName = "renamed";
    const [renamed] = compareJson(new Map([["zone", stamped("0.21.0")]]), new Map([["zone", other]]));
    expect(renamed?.unexplained.map((f) => f.path)).toEqual(["//.metadata.stackName"]);
  });

  it("reports a warning that only one library raises", () => {
    const warning = "synth: warning: app: The SOA minimum (negative-caching TTL) is 86400s, above 3600s";
    expect(compareWarnings([warning], [warning])).toMatchObject({ identical: true, unexplained: [] });
    expect(compareWarnings([warning], []).unexplained).toHaveLength(1);
  });

  it("names the listed differences a run did not see, so a stale entry is removed", () => {
    const same = compareSynths(side(zoneOnly, "0.21.0"), side(zoneOnly, "0.21.0"));
    expect(same.every((c) => c.unexplained.length === 0)).toBe(true);
    expect(unobserved(same).map((d) => d.id)).toEqual(KNOWN_DIFFERENCES.map((d) => d.id));
    const moved = compareSynths(side(zoneOnly, "0.21.0"), side(zoneOnly, "0.24.0"));
    expect(unobserved(moved)).toEqual([]);
  });
});
