/**
 * The settings sets compat/cdktn/check.sh synthesizes on both libraries: each must be a valid
 * configuration on top of any project's settings, or the check would stop at a settings error
 * instead of comparing anything.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DNSSEC_KEYS, SETTINGS_SETS, settingsContext } from "../../compat/cdktn/settings-sets";
import { loadSettings } from "../../config/settings";

const example = (JSON.parse(readFileSync(join(__dirname, "..", "..", "cdktf.json"), "utf8")) as { context: Record<string, unknown> }).context;

/** Projects whose DNSSEC settings would clash with a set's if they were left over. */
const PROJECTS: Record<string, Record<string, unknown>> = {
  defaults: {},
  "delegation from a parent zone": {
    domainName: "shop.example.net",
    region: "ap-southeast-2",
    parentDs: "route53-zone",
    parentZoneId: "Z0SHOPPARENT",
    delegateFromParent: true,
    keySigningKeys: [{ name: "ksk_blue" }, { name: "ksk_green", status: "inactive", publishDs: false }],
  },
  "signing being turned off": { parentDs: "manual", dnssec: "disabling", soaNegativeTtl: 600 },
};

describe("the compat settings sets", () => {
  it("start with the project's own settings, unchanged, and have distinct names", () => {
    expect(SETTINGS_SETS[0]?.name).toBe("project");
    expect(settingsContext(example, SETTINGS_SETS[0]!)).toEqual(example);
    expect(new Set(SETTINGS_SETS.map((set) => set.name)).size).toBe(SETTINGS_SETS.length);
  });

  for (const [project, context] of Object.entries({ ...PROJECTS, "the example cdktf.json": example })) {
    it(`are valid settings on top of ${project}`, () => {
      for (const set of SETTINGS_SETS) {
        expect(() => loadSettings(settingsContext(context, set)), set.name).not.toThrow();
      }
    });
  }

  it("replace every DNSSEC setting of the project, and keep the others", () => {
    const project = PROJECTS["delegation from a parent zone"]!;
    for (const set of SETTINGS_SETS.filter((s) => s.dnssecSettings)) {
      const context = settingsContext(project, set);
      for (const key of DNSSEC_KEYS) expect(context[key], `${set.name}: ${key}`).toEqual(set.dnssecSettings?.[key]);
      expect(context.domainName).toBe(set.also?.domainName ?? project.domainName);
    }
  });

  it("reach the constructs the example leaves out: a second KSK, both DS automations, an own key, signing off", () => {
    const loaded = SETTINGS_SETS.map((set) => loadSettings(settingsContext(example, set)));
    expect(loaded.some((s) => s.keySigningKeys.length === 2)).toBe(true);
    expect(new Set(loaded.map((s) => s.parentDs))).toEqual(new Set(["manual", "route53-zone", "route53-domains"]));
    expect(loaded.some((s) => s.keySigningKeys.some((k) => k.kmsKeyArn !== undefined))).toBe(true);
    expect(loaded.some((s) => s.dnssec === "off")).toBe(true);
  });
});
