/**
 * `sharedKmsKey`: the setting, the KSK names that get a shared key, and its one cross-field rule
 * (config/shared-key.ts). Domains and KSK names vary per test on purpose.
 */
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";
import { sharedKeyAlias, sharedKeyNames, sharedKmsKeyProblem } from "../../config/shared-key";

const OWN_KEY = "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666";

describe("the sharedKmsKey setting", () => {
  it("defaults to false, so no KSK gets a shared key", () => {
    const settings = loadSettings({ zones: [{ domainName: "shop.example.net" }] });
    expect(settings.sharedKmsKey).toBe(false);
    expect(sharedKeyNames(settings)).toEqual([]);
  });

  it("refuses a value that is not a boolean, naming the setting and the value", () => {
    expect(() => loadSettings({ sharedKmsKey: "yes" })).toThrow('Setting "sharedKmsKey" must be true or false, got: "yes".');
  });

  it("gives one shared key per KSK name of the whole fleet, sorted, leaving out KSKs with their own kmsKeyArn", () => {
    const settings = loadSettings({
      sharedKmsKey: true,
      domainName: "primary.example.org",
      keySigningKeys: [{ name: "ksk_zulu" }, { name: "ksk_alpha", status: "active", publishDs: false }],
      zones: [
        { domainName: "eu.example.org", keySigningKeys: [{ name: "ksk_alpha" }] },
        { domainName: "example.co.jp", keySigningKeys: [{ name: "ksk_mike", kmsKeyArn: OWN_KEY }] },
        { domainName: "team.example.dev", keySigningKeys: [{ name: "ksk_zulu" }, { name: "ksk_kilo", status: "active", publishDs: false }] },
      ],
    });
    expect(sharedKeyNames(settings)).toEqual(["ksk_alpha", "ksk_kilo", "ksk_zulu"]);
  });

  it("keeps a KSK's own kmsKeyArn next to shared keys (allowed: the escape hatch of one zone)", () => {
    const settings = loadSettings({
      sharedKmsKey: true,
      zones: [{ domainName: "legacy.example.com.au", keySigningKeys: [{ name: "ksk_1", kmsKeyArn: OWN_KEY }] }],
    });
    expect(settings.zones[0]?.keySigningKeys[0]?.kmsKeyArn).toBe(OWN_KEY);
    // The primary zone's default ksk_1 shares; the entry's ksk_1 keeps its own key.
    expect(sharedKeyNames(settings)).toEqual(["ksk_1"]);
  });

  it("names the alias <kmsAliasPrefix>-shared-<ksk name>", () => {
    expect(sharedKeyAlias("alias/acme-dnssec", "ksk_2027")).toBe("alias/acme-dnssec-shared-ksk_2027");
  });
});

describe("sharedKmsKeyProblem", () => {
  it("refuses two spellings of one KSK address across zones, naming both settings, both values and the fix", () => {
    const context = {
      sharedKmsKey: true,
      keySigningKeys: [{ name: "kskBlue" }],
      zones: [{ domainName: "blue.example.io" }, { domainName: "green.example.io", keySigningKeys: [{ name: "ksk_blue" }] }],
    };
    expect(() => loadSettings(context)).toThrow(
      'Setting "zones[1].keySigningKeys[0].name" is "ksk_blue" while "keySigningKeys[0].name" is "kskBlue"; with "sharedKmsKey" true each KSK name of the fleet names one shared key, and these two give the same Terraform address "ksk_blue", so spell the name the same in every zone (or set sharedKmsKey to false).',
    );
  });

  it("accepts the same two spellings when sharedKmsKey is false (each zone has its own keys)", () => {
    const context = {
      keySigningKeys: [{ name: "kskBlue" }],
      zones: [{ domainName: "green.example.io", keySigningKeys: [{ name: "ksk_blue" }] }],
    };
    expect(loadSettings(context).zones).toHaveLength(1);
  });

  it("ignores a spelling clash when one side brings its own kmsKeyArn (it shares nothing)", () => {
    const context = {
      sharedKmsKey: true,
      keySigningKeys: [{ name: "KSK_RED" }],
      zones: [{ domainName: "red.example.fr", keySigningKeys: [{ name: "ksk_red", kmsKeyArn: OWN_KEY }] }],
    };
    expect(sharedKeyNames(loadSettings(context))).toEqual(["KSK_RED"]);
  });

  it("refuses an alias prefix that fits per-zone aliases but not the shared one", () => {
    // "<prefix>-ksk_1" is 256 characters (the per-zone rule passes); "-shared" makes it 263.
    const prefix = `alias/${"p".repeat(256 - "alias/".length - "-ksk_1".length)}`;
    expect(() => loadSettings({ kmsAliasPrefix: prefix })).not.toThrow();
    expect(() => loadSettings({ kmsAliasPrefix: prefix, sharedKmsKey: true })).toThrow(
      `Setting "kmsAliasPrefix" is 250 characters long, got: ${JSON.stringify(prefix)}; with "sharedKmsKey" true the alias of "ksk_1" (keySigningKeys[0].name) is "<kmsAliasPrefix>-shared-<ksk name>", 263 characters, more than KMS's 256, so shorten the prefix (or the KSK name).`,
    );
  });

  it("returns nothing when sharedKmsKey is false, whatever the KSKs", () => {
    const ksk = { name: "ksk_x", status: "active" as const, publishDs: true };
    expect(sharedKmsKeyProblem({ sharedKmsKey: false, kmsAliasPrefix: `alias/${"q".repeat(300)}`, keySigningKeys: [ksk], zones: [] })).toBeUndefined();
  });
});
