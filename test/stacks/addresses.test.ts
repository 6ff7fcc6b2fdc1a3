import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthApp } from "../helpers/synth";

/**
 * Resource addresses are a contract: a moved address is a destroy and a create in AWS (a KSK, a
 * KMS key or an NS delegation that vanishes for the length of an apply). The fixture lists every
 * address these configurations had before the apply-safety fixes; each must still be synthesized.
 */
const CONFIGS: Record<string, Record<string, unknown>> = {
  default: {},
  zoneDelegated: { domainName: "app.example.org", parentDs: "route53-zone", parentZoneId: "Z0PARENT", delegateFromParent: true },
  domainsRotation: { domainName: "example.org", parentDs: "route53-domains", keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false }] },
  off: { dnssec: "off", keySigningKeys: [{ name: "ksk_a", status: "inactive" }] },
};
const BEFORE = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "addresses", "before-issue-11.json"), "utf8")) as Record<string, string[]>;

function addresses(context: Record<string, unknown>): string[] {
  const { zone, app } = synthApp(context);
  return (
    [
      ["zone", zone],
      ["app", app],
    ] as const
  ).flatMap(([stack, doc]) => Object.entries(doc.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${stack} ${type}.${n}`)));
}

describe("resource addresses", () => {
  it("covers the same configurations as the fixture", () => {
    expect(Object.keys(CONFIGS).sort()).toEqual(Object.keys(BEFORE).sort());
  });

  it.each(Object.keys(CONFIGS))("keeps every earlier address of the %s configuration", (name) => {
    const now = new Set(addresses(CONFIGS[name]));
    expect(BEFORE[name].filter((a) => !now.has(a))).toEqual([]);
  });
});
