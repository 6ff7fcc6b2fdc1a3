/**
 * `.ci/run` runs the suite a second time with `.ci/other-settings.json` as cdktf.json's context.
 * That run proves something only while those settings are valid and really differ from the example.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";

const ROOT = join(__dirname, "..", "..");
const other = JSON.parse(readFileSync(join(ROOT, ".ci", "other-settings.json"), "utf8")) as Record<string, unknown>;

describe(".ci/other-settings.json", () => {
  it("holds valid settings", () => {
    expect(() => loadSettings(other)).not.toThrow();
  });

  it("differs from the example where a user's settings usually do", () => {
    const settings = loadSettings(other);
    expect(settings.domainName.split(".").length).toBeGreaterThan(2);
    expect(settings.domainName).not.toBe("example.com");
    expect(settings.region).toBe("eu-west-1");
    expect(settings.vpcCidr).toMatch(/\/16$/);
    expect(settings.publicSubnetCidrs).toHaveLength(2);
    expect(settings.keySigningKeys).toHaveLength(2);
    expect(settings.alarmEmail).toBeDefined();
  });

  it("is what .ci/run's second run uses", () => {
    expect(readFileSync(join(ROOT, ".ci", "run"), "utf8")).toContain(".ci/other-settings");
    expect(readFileSync(join(ROOT, ".ci", "other-settings"), "utf8")).toContain(".ci/other-settings.json");
  });
});
