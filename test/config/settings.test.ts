import { describe, expect, it } from "vitest";
import { DEFAULTS, loadSettings } from "../../config/settings";
import { settingsProblem as problem } from "../helpers/settings";

describe("loadSettings defaults", () => {
  it("synthesizes from an empty context with the documented defaults", () => {
    const s = loadSettings({});
    expect(s.domainName).toBe(DEFAULTS.domainName);
    expect(s.region).toBe("us-east-2");
    expect(s.kmsDeletionWindowDays).toBe(30);
    expect(s.keySigningKeys).toEqual([{ name: "ksk_1", status: "active", publishDs: true }]);
    expect(s.dnssec).toBe("on");
    expect(s.parentDs).toBe("manual");
    expect(s.resolverDnssecValidation).toBe(true);
    expect(s.stateRegion).toBe("us-east-2");
    expect(s.kmsAliasPrefix).toBe("alias/dnssec-demo-dnssec");
  });

  it("normalises the domain name: trailing dot dropped, lower case", () => {
    expect(loadSettings({ domainName: "Example.COM." }).domainName).toBe("example.com");
  });

  it("ignores the keys the cdktf CLI adds to the context", () => {
    expect(() => loadSettings({ cdktfRelativeModules: [], cdktfStaticModuleAssetHash: "x" })).not.toThrow();
  });

  it("defaults publishDs to false for an inactive KSK", () => {
    const s = loadSettings({
      keySigningKeys: [
        { name: "ksk_new", status: "active" },
        { name: "ksk_old", status: "inactive" },
      ],
    });
    expect(s.keySigningKeys[1]).toEqual({ name: "ksk_old", status: "inactive", publishDs: false });
  });
});

describe("loadSettings refuses", () => {
  it("an unknown key, with a suggestion", () => {
    expect(problem({ domainNmae: "example.org" })).toBe('Unknown setting "domainNmae" in the context; did you mean "domainName"?');
  });

  it("an unknown key without a close match", () => {
    expect(problem({ flux: 1 })).toBe('Unknown setting "flux" in the context; the known settings are listed in the README.');
  });

  it.each([
    ["exa_mple.com", 'Setting "domainName" has the label "exa_mple"; labels may only hold letters, digits and hyphens, got: "exa_mple.com"; use a name such as "example.com" (a trailing dot is optional).'],
    ["-bad.com", 'Setting "domainName" has the label "-bad"; a label must not start or end with a hyphen, got: "-bad.com"; use a name such as "example.com" (a trailing dot is optional).'],
    ["com", 'Setting "domainName" must have at least two labels, such as example.com, got: "com"; use a name such as "example.com" (a trailing dot is optional).'],
    ["a..com", 'Setting "domainName" must not contain an empty label (two dots in a row, or a leading dot), got: "a..com"; use a name such as "example.com" (a trailing dot is optional).'],
    [`${"a".repeat(64)}.com`, `Setting "domainName" has a label of 64 characters; each label must be at most 63, got: "${"a".repeat(64)}.com"; use a name such as "example.com" (a trailing dot is optional).`],
  ])("the domain name %j", (domainName, message) => {
    expect(problem({ domainName })).toBe(message);
  });

  it("a domain name longer than 253 characters", () => {
    const long = `${Array.from({ length: 5 }, () => "a".repeat(60)).join(".")}.com`;
    expect(problem({ domainName: long })).toBe(
      `Setting "domainName" must be at most 253 characters (it has ${long.length}), got: ${JSON.stringify(long)}; use a name such as "example.com" (a trailing dot is optional).`,
    );
  });

  it("an unknown region, with a suggestion", () => {
    expect(problem({ region: "us-east-l" })).toBe('Setting "region" must be an AWS region, got: "us-east-l"; did you mean "us-east-1"?');
  });

  it("a region outside the commercial partition", () => {
    expect(problem({ region: "us-gov-west-1" })).toBe(
      'Setting "region" is "us-gov-west-1", outside the commercial AWS partition; Route 53 DNSSEC keys, metrics and query logs live in the commercial partition\'s us-east-1, which this app uses, so choose a commercial region such as "us-east-2".',
    );
  });

  it("a malformed CIDR", () => {
    expect(problem({ vpcCidr: "10.20.20.0/33" })).toBe('Setting "vpcCidr" has a prefix length above 32, got: "10.20.20.0/33"; fix the prefix.');
    expect(problem({ vpcCidr: "10.20.20" })).toBe('Setting "vpcCidr" must be an IPv4 CIDR block such as 10.20.20.0/24, got: "10.20.20".');
  });

  it("a CIDR with host bits set, suggesting the network address", () => {
    expect(problem({ vpcCidr: "10.20.20.7/24" })).toBe('Setting "vpcCidr" has host bits set, got: "10.20.20.7/24"; did you mean 10.20.20.0/24?');
  });

  it("a subnet outside the VPC", () => {
    expect(problem({ publicSubnetCidrs: ["10.20.21.0/27", "10.20.20.128/27", "10.20.20.160/27"] })).toBe(
      'Setting "publicSubnetCidrs[0]" "10.20.21.0/27" lies outside the VPC block "10.20.20.0/24"; choose a block inside vpcCidr.',
    );
  });

  it("overlapping subnets", () => {
    expect(problem({ publicSubnetCidrs: ["10.20.20.0/27", "10.20.20.128/27", "10.20.20.160/27"] })).toBe(
      'Setting "privateSubnetCidrs[0]" "10.20.20.0/27" overlaps publicSubnetCidrs[0] "10.20.20.0/27"; give every subnet its own block.',
    );
  });

  it("subnet lists of different lengths", () => {
    expect(problem({ publicSubnetCidrs: ["10.20.20.96/27", "10.20.20.128/27"] })).toBe(
      'Setting "publicSubnetCidrs" has 2 entries and Setting "privateSubnetCidrs" has 3; give both the same number, one public and one private subnet per availability zone.',
    );
  });

  it.each([6, 31, 7.5])("a deletion window of %j days", (days) => {
    expect(problem({ kmsDeletionWindowDays: days })).toBe(
      `Setting "kmsDeletionWindowDays" must be a whole number of days between 7 and 30 (KMS's limits), got: ${days}; use 30 unless you have a reason not to.`,
    );
  });

  it("a KSK name with a dash", () => {
    expect(problem({ keySigningKeys: [{ name: "ksk-1" }] })).toBe(
      'Setting "keySigningKeys[0].name" must be 3-128 characters of letters, digits and underscores (Route 53\'s rule for key-signing key names), got: "ksk-1"; for example "ksk_2025".',
    );
  });

  it("a KSK name that is too short", () => {
    expect(problem({ keySigningKeys: [{ name: "k1" }] })).toContain('must be 3-128 characters of letters, digits and underscores');
  });

  it("a bad alias name", () => {
    expect(problem({ kmsAliasPrefix: "dnssec-key" })).toBe(
      'Setting "kmsAliasPrefix" must start with "alias/" followed by letters, digits, "/", "_" or "-" (at most 256 characters), got: "dnssec-key"; for example "alias/example-dnssec".',
    );
    expect(problem({ kmsAliasPrefix: "alias/aws/dnssec" })).toBe(
      'Setting "kmsAliasPrefix" must not start with "alias/aws/", which AWS reserves for its own keys, got: "alias/aws/dnssec"; choose another prefix.',
    );
  });

  it("an e-mail that is not one", () => {
    expect(problem({ alarmEmail: "ops.example.com" })).toBe('Setting "alarmEmail" must be an e-mail address such as "ops@example.com", got: "ops.example.com".');
  });

  it("a value of the wrong type", () => {
    expect(problem({ resolverDnssecValidation: "yes" })).toBe('Setting "resolverDnssecValidation" must be true or false, got: "yes".');
    expect(problem({ publicSubnetCidrs: "10.20.20.0/27" })).toBe('Setting "publicSubnetCidrs" must be a list of strings, got: "10.20.20.0/27".');
  });

  it("an unknown KSK field", () => {
    expect(problem({ keySigningKeys: [{ name: "ksk_1", state: "active" }] })).toBe(
      'Setting "keySigningKeys[0]" has the unknown field "state"; the fields are name, status, publishDs and kmsKeyArn.',
    );
  });

  it("route53-zone DS automation without a parent zone id", () => {
    expect(problem({ parentDs: "route53-zone" })).toBe(
      'Setting "parentDs" is "route53-zone" but Setting "parentZoneId" is not set; set it to the id of the parent\'s hosted zone (for example the zone of example.com when the domain is app.example.com).',
    );
  });

  it("an availability zone of another region", () => {
    expect(problem({ availabilityZones: ["us-west-2a", "us-west-2b", "us-west-2c"] })).toBe(
      'Setting "availabilityZones[0]" must be a zone of region "us-east-2" such as "us-east-2a", got: "us-west-2a".',
    );
  });
});

describe("loadSettings refuses unsafe DNSSEC shapes", () => {
  it("three KSKs", () => {
    expect(problem({ keySigningKeys: [{ name: "ksk_a" }, { name: "ksk_b" }, { name: "ksk_c" }] })).toBe(
      'Setting "keySigningKeys" lists 3 key-signing keys, but Route 53 allows at most 2 per zone; finish the running rotation (remove the retired key) before adding another.',
    );
  });

  it("no active KSK while signing is on", () => {
    expect(problem({ keySigningKeys: [{ name: "ksk_1", status: "inactive" }] })).toBe(
      'Setting "keySigningKeys" has no active key-signing key while Setting "dnssec" is "on": a signed zone without an active KSK stops answering validly; keep one KSK "active", or turn signing off safely (see the README).',
    );
  });

  it("the same KSK name twice", () => {
    expect(problem({ keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_1" }] })).toBe(
      'Setting "keySigningKeys" names the key-signing key "ksk_1" twice; every KSK needs its own name.',
    );
  });

  it("one KMS key shared by two KSKs", () => {
    const arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(problem({ keySigningKeys: [{ name: "ksk_1", kmsKeyArn: arn }, { name: "ksk_2", kmsKeyArn: arn }] })).toBe(
      `Setting "keySigningKeys": key-signing keys "ksk_1" and "ksk_2" share the KMS key "${arn}"; each KSK needs its own key, or a rotation does not rotate anything.`,
    );
  });

  it("an existing signing key outside us-east-1", () => {
    const arn = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(problem({ keySigningKeys: [{ name: "ksk_1", kmsKeyArn: arn }] })).toBe(
      `Setting "keySigningKeys[0].kmsKeyArn" must be the ARN of a KMS key in us-east-1 (Route 53 signs only with keys there), got: "${arn}"; for example "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab".`,
    );
  });

  it("a published DS for an inactive KSK", () => {
    expect(problem({ keySigningKeys: [{ name: "ksk_2" }, { name: "ksk_1", status: "inactive", publishDs: true }] })).toBe(
      'Setting "keySigningKeys": key-signing key "ksk_1" is inactive but still has publishDs true; a DS for a key that no longer signs breaks the chain of trust, so withdraw its DS (publishDs false) and wait the DS TTL before deactivating it.',
    );
  });

  it("a jump from on straight to off while DS automation is on", () => {
    expect(problem({ dnssec: "off", parentDs: "route53-zone", parentZoneId: "Z0PARENT" })).toBe(
      'Setting "dnssec" is "off" while Setting "parentDs" is "route53-zone": turning signing off while a DS is still published makes the domain fail validation; first deploy "disabling" (it withdraws the DS), wait at least the DS TTL until the parent no longer answers the DS, then set Setting "parentDs" to "manual" and the mode to "off".',
    );
  });

  it("accepts off with manual DS handling, and no active KSK", () => {
    expect(loadSettings({ dnssec: "off", keySigningKeys: [{ name: "ksk_1", status: "inactive" }] }).dnssec).toBe("off");
  });
});
