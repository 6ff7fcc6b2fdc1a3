/**
 * Settings that passed synth and failed at AWS: each is refused at synth in one line naming the
 * setting, the value, the rule and the fix; the nearest valid value still passes.
 */
import { settingsProblem as problem } from "../helpers/settings";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";
import { synthApp, resources } from "../helpers/synth";


const threePairs = {
  vpcCidr: "10.1.0.0/16",
  publicSubnetCidrs: ["10.1.0.0/24", "10.1.1.0/24", "10.1.2.0/24"],
  privateSubnetCidrs: ["10.1.10.0/24", "10.1.11.0/24", "10.1.12.0/24"],
};

describe("settings refused at synth instead of at AWS", () => {
  it("refuses more subnet pairs than the region's zones when availabilityZones is not set", () => {
    expect(problem({ region: "us-west-1", ...threePairs })).toBe(
      'Setting "publicSubnetCidrs" lists 3 subnet pairs, but region "us-west-1" offers every account only 2 availability zones and two subnets of a pair would share a zone (the load balancer refuses that); give at most 2 pairs, or list your account\'s zones in availabilityZones, one per pair.',
    );
    expect(() => loadSettings({ region: "us-west-2", ...threePairs })).not.toThrow();
    expect(() => loadSettings({ region: "us-west-1", ...threePairs, availabilityZones: ["us-west-1a", "us-west-1b", "us-west-1c"] })).not.toThrow();
  });

  it("refuses the same zone twice in availabilityZones", () => {
    expect(problem({ availabilityZones: ["us-east-2a", "us-east-2b", "us-east-2a"] })).toBe(
      'Setting "availabilityZones" lists the zone "us-east-2a" twice; each subnet pair needs its own zone (the load balancer refuses two subnets in one zone), so list distinct zones.',
    );
  });

  it("refuses a domain longer than ACM's 64 characters for a certificate's first name", () => {
    const long = `${"a".repeat(60)}.example.com`;
    expect(problem({ domainName: long })).toBe(
      `Setting "domainName" is 72 characters long, got: "${long}"; ACM allows at most 64 in a certificate's first domain name, which this app issues for the domain, so choose a shorter domain.`,
    );
    expect(() => loadSettings({ domainName: `${"a".repeat(52)}.example.com` })).not.toThrow();
  });

  it("hints at the punycode form of a non-ASCII domain", () => {
    expect(problem({ domainName: "bücher.example" })).toBe(
      'Setting "domainName" must be written in ASCII (Route 53 and ACM take internationalised names only in punycode), got: "bücher.example"; write its punycode form "xn--bcher-kva.example".',
    );
    expect(loadSettings({ domainName: "xn--bcher-kva.example" }).domainName).toBe("xn--bcher-kva.example");
  });

  it("refuses CIDRs with leading zeros, which the provider's parser rejects", () => {
    expect(problem({ vpcCidr: "010.042.000.000/16" })).toBe(
      'Setting "vpcCidr" has a number with a leading zero, got: "010.042.000.000/16"; Terraform\'s AWS provider refuses it, write "10.42.0.0/16".',
    );
    expect(problem({ publicSubnetCidrs: ["10.20.20.096/27", "10.20.20.128/27", "10.20.20.160/27"] })).toMatch(
      /^Setting "publicSubnetCidrs\[0\]" has a number with a leading zero, got: "10\.20\.20\.096\/27"; .* write "10\.20\.20\.96\/27"\.$/,
    );
  });

  it("states the real VPC bound: two subnet pairs of /28 need a /26", () => {
    expect(problem({ vpcCidr: "10.20.20.0/27", publicSubnetCidrs: ["10.20.20.0/28", "10.20.20.16/28"], privateSubnetCidrs: ["10.20.20.0/28", "10.20.20.16/28"] })).toBe(
      'Setting "vpcCidr" must have a prefix between /16 and /26, got: "10.20.20.0/27"; two subnet pairs of the smallest subnet AWS allows (/28) need a /26, so choose a larger block such as "10.20.20.0/24".',
    );
    const smallest = { vpcCidr: "10.20.20.0/26", publicSubnetCidrs: ["10.20.20.0/28", "10.20.20.16/28"], privateSubnetCidrs: ["10.20.20.32/28", "10.20.20.48/28"] };
    expect(() => loadSettings(smallest)).not.toThrow();
  });

  it("refuses a kmsKeyArn in a partition other than aws", () => {
    const arn = "arn:aws-cn:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(problem({ keySigningKeys: [{ name: "ksk_1", status: "active", kmsKeyArn: arn }] })).toBe(
      `Setting "keySigningKeys[0].kmsKeyArn" is in the AWS partition "aws-cn", got: "${arn}"; Route 53 DNSSEC signs with keys of the commercial partition ("aws") in us-east-1, so give a key ARN that starts with "arn:aws:kms:us-east-1:".`,
    );
    expect(() => loadSettings({ keySigningKeys: [{ name: "ksk_1", status: "active", kmsKeyArn: arn.replace("aws-cn", "aws") }] })).not.toThrow();
  });

  it("refuses WAF country codes that are not ISO 3166-1 alpha-2", () => {
    expect(problem({ wafGeoBlockCountries: ["RU", "UK"] })).toBe(
      'Setting "wafGeoBlockCountries[1]" must be an ISO 3166-1 alpha-2 country code (the codes AWS WAF\'s geo match takes), got: "UK"; the United Kingdom is "GB"; use an assigned code such as "RU".',
    );
    expect(problem({ wafGeoBlockCountries: ["EU"] })).toMatch(/got: "EU"; use an assigned code/);
    expect(() => loadSettings({ wafGeoBlockCountries: ["GB", "KP", "AX"] })).not.toThrow();
  });

  it("refuses state bucket names in IP form or with the xn-- prefix", () => {
    expect(problem({ stateBucket: "192.168.5.4" })).toBe(
      'Setting "stateBucket" must not look like an IP address (S3\'s bucket naming rules), got: "192.168.5.4"; choose a name such as "my-project-tfstate".',
    );
    expect(problem({ stateBucket: "xn--state" })).toMatch(/^Setting "stateBucket" must not start with "xn--" \(S3's bucket naming rules\), got: "xn--state"; /);
    expect(problem({ stateBucket: "state-s3alias" })).toMatch(/must not end with "-s3alias"/);
    expect(() => loadSettings({ stateBucket: "state.v1.example" })).not.toThrow();
  });

  it("refuses an alarm e-mail with an empty label", () => {
    expect(problem({ alarmEmail: "ops@example..com" })).toBe(
      'Setting "alarmEmail" has an empty label in its domain, got: "ops@example..com"; write the address without doubled, leading or trailing dots, such as "ops@example.com".',
    );
    expect(problem({ alarmEmail: "ops@.example.com" })).toMatch(/empty label/);
  });
});

describe("logRetentionDays 0", () => {
  it("is accepted as CloudWatch's never expire, and the access logs then never expire either", () => {
    const { app } = synthApp({ logRetentionDays: 0 });
    const groups = Object.values(resources(app, "aws_cloudwatch_log_group"));
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect(group.retention_in_days).toBe(0);
    const [lifecycle] = Object.values(resources(app, "aws_s3_bucket_lifecycle_configuration"));
    const [rule] = lifecycle!.rule as Record<string, unknown>[];
    expect(rule!.expiration).toBeUndefined();
    expect(rule!.abort_incomplete_multipart_upload).toBeDefined();
  });

  it("still refuses periods CloudWatch does not offer", () => {
    expect(problem({ logRetentionDays: 2 })).toMatch(/^Setting "logRetentionDays" must be 0 \(never expire\) or one of CloudWatch Logs' retention periods \(1, 3, /);
  });
});
