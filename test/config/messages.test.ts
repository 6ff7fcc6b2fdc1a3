/** Settings errors that named an internal prop, the wrong reason, or nothing at all. */
import { settingsProblem as problem } from "../helpers/settings";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";


describe("settings messages", () => {
  it("names kmsAliasPrefix, not an internal prop, when the alias would be too long", () => {
    const prefix = `alias/${"a".repeat(240)}`;
    expect(problem({ kmsAliasPrefix: prefix, keySigningKeys: [{ name: "ksk_2025_rotation", status: "active" }] })).toBe(
      `Setting "kmsAliasPrefix" is 246 characters long, got: "${prefix}"; with "-" and the key-signing key name "ksk_2025_rotation" the KMS alias would have 264 characters, more than KMS's 256, so shorten the prefix (or the KSK name).`,
    );
    expect(() => loadSettings({ kmsAliasPrefix: prefix, keySigningKeys: [{ name: "ksk_1", status: "active" }] })).not.toThrow();
  });

  it("gives the state bucket's own reason for a stateRegion in China", () => {
    expect(problem({ stateRegion: "cn-north-1" })).toBe(
      'Setting "stateRegion" is "cn-north-1", outside the commercial AWS partition; the S3 backend reads the state bucket with the same credentials as the stacks, which deploy to the commercial partition, and an account there cannot reach a bucket in another partition, so keep the state bucket in a commercial region such as "us-east-2".',
    );
    expect(problem({ region: "cn-north-1" })).toMatch(/Route 53 DNSSEC keys/);
  });

  it("skips only the exact context keys cdktf writes, and refuses other cdktf-looking keys", () => {
    expect(() => loadSettings({ cdktfRelativeModules: [], cdktfStaticModuleAssetHash: "x", cdktfJsonPath: "/p", cdktfVersion: "0.21.0" })).not.toThrow();
    expect(problem({ cdktfDomainName: "example.org" })).toMatch(/^Unknown setting "cdktfDomainName" in the context/);
  });
});
