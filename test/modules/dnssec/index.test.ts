import { describe, expect, it } from "vitest";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DnssecSigning, DnssecSigningProps } from "../../../modules/dnssec";
import { dataSources, moduleStack, resources, synthStack, TfJson } from "../../helpers/synth";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";

function signing(overrides: Partial<DnssecSigningProps> = {}, provider?: (stack: ReturnType<typeof moduleStack>) => AwsProvider) {
  const ctx = moduleStack();
  const dnssec = new DnssecSigning(ctx.stack, "dnssec", {
    hostedZoneId: "Z123",
    zoneName: "example.com",
    usEast1: provider ? provider(ctx) : ctx.usEast1,
    ...overrides,
  });
  return { ...ctx, dnssec, doc: synthStack(ctx.stack) };
}

const kskNames = (doc: TfJson) => Object.values(resources(doc, "aws_route53_key_signing_key")).map((k) => [k.name, k.status]);

describe("DnssecSigning", () => {
  it("defaults to one active KSK named ksk_1 and signing on", () => {
    const { doc } = signing();
    expect(kskNames(doc)).toEqual([["ksk_1", "ACTIVE"]]);
    const zone = Object.values(resources(doc, "aws_route53_hosted_zone_dnssec"));
    expect(zone).toHaveLength(1);
    expect(zone[0].signing_status).toBe("SIGNING");
  });

  it("makes zone signing wait for every KSK and every extra dependency", () => {
    const ctx = moduleStack();
    const validation = new S3Bucket(ctx.stack, "stand_in_for_acm_validation", { bucket: "b" });
    new DnssecSigning(ctx.stack, "dnssec", {
      hostedZoneId: "Z123",
      zoneName: "example.com",
      usEast1: ctx.usEast1,
      keySigningKeys: [{ name: "ksk_a" }, { name: "ksk_b" }],
      dependsOn: [validation],
    });
    const doc = synthStack(ctx.stack);
    const zone = Object.values(resources(doc, "aws_route53_hosted_zone_dnssec"))[0];
    const kskIds = Object.keys(resources(doc, "aws_route53_key_signing_key")).map((id) => `aws_route53_key_signing_key.${id}`);
    const bucketId = Object.keys(resources(doc, "aws_s3_bucket"))[0];
    expect(zone.depends_on).toEqual([...kskIds, `aws_s3_bucket.${bucketId}`]);
  });

  it("gives every KSK its own KMS key and key policy", () => {
    const { doc } = signing({ keySigningKeys: [{ name: "ksk_a" }, { name: "ksk_b" }] });
    expect(Object.values(resources(doc, "aws_kms_key")).filter((k) => k.customer_master_key_spec === "ECC_NIST_P256")).toHaveLength(2);
    expect(Object.keys(resources(doc, "aws_kms_key_policy"))).toHaveLength(2);
    const arns = Object.values(resources(doc, "aws_route53_key_signing_key")).map((k) => k.key_management_service_arn);
    expect(new Set(arns).size).toBe(2);
  });

  it("signs with an existing key when given one, creating no key, alias or policy for that KSK", () => {
    const arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const { doc, dnssec } = signing({ keySigningKeys: [{ name: "ksk_byok", kmsKeyArn: arn }, { name: "ksk_new" }], kmsAliasPrefix: "alias/demo", alarms: false });
    const ksks = Object.values(resources(doc, "aws_route53_key_signing_key"));
    expect(ksks.find((k) => k.name === "ksk_byok")).toMatchObject({ key_management_service_arn: arn });
    expect(ksks.find((k) => k.name === "ksk_byok")?.depends_on).toBeUndefined();
    expect(Object.values(resources(doc, "aws_kms_key"))).toHaveLength(1);
    expect(Object.values(resources(doc, "aws_kms_alias")).map((a) => a.name)).toEqual(["alias/demo-ksk_new"]);
    expect(dnssec.keySigningKeys.ksk_byok.kmsKeyArn).toBe(arn);
  });

  it("refuses two KSKs sharing one existing key", () => {
    const arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(() => signing({ keySigningKeys: [{ name: "ksk_a", kmsKeyArn: arn }, { name: "ksk_b", kmsKeyArn: arn }] })).toThrow(
      `DnssecSigning keySigningKeys: key-signing keys "ksk_a" and "ksk_b" share the KMS key "${arn}"; each KSK needs its own key, or a rotation does not rotate anything.`,
    );
  });

  it("fails at synth when the signing provider is known to be outside us-east-1", () => {
    expect(() => signing({}, (ctx) => ctx.provider)).toThrow(
      'DnssecSigning: usEast1 must be an AWS provider for us-east-1 (Route 53 accepts DNSSEC KMS keys only from us-east-1), got one for "us-east-2"; pass the aliased us-east-1 provider.',
    );
  });

  it("creates both alarms on us-east-1 with the documented metric, namespace, dimension and statistic", () => {
    const { doc } = signing({ alarms: { namePrefix: "demo", email: "ops@example.com" } });
    const alarms = Object.values(resources(doc, "aws_cloudwatch_metric_alarm"));
    expect(alarms.map((a) => a.metric_name).sort()).toEqual(["DNSSECInternalFailure", "DNSSECKeySigningKeysNeedingAction"]);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        provider: "aws.us_east_1",
        namespace: "AWS/Route53",
        dimensions: { HostedZoneId: "Z123" },
        statistic: "Sum",
        comparison_operator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
      });
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.[A-Za-z0-9_]+\.arn\}$/)]);
    }
    const subscription = Object.values(resources(doc, "aws_sns_topic_subscription"))[0];
    expect(subscription).toMatchObject({ protocol: "email", endpoint: "ops@example.com", provider: "aws.us_east_1" });
  });

  it("evaluates each alarm over Route 53's 4-hour publishing interval", () => {
    for (const alarm of Object.values(resources(signing().doc, "aws_cloudwatch_metric_alarm"))) {
      expect(alarm).toMatchObject({ period: 14400, evaluation_periods: 1, treat_missing_data: "notBreaching" });
    }
  });

  it("encrypts the alarm topic with a key of ours that CloudWatch may use, never the AWS-managed SNS key", () => {
    const { doc } = signing();
    const topic = Object.values(resources(doc, "aws_sns_topic"))[0];
    const [keyId, key] = Object.entries(resources(doc, "aws_kms_key")).find(([, k]) => k.enable_key_rotation === true)!;
    expect(topic.kms_master_key_id).toBe(`\${aws_kms_key.${keyId}.arn}`);
    expect(String(topic.kms_master_key_id)).not.toMatch(/alias\/aws\//);
    expect(key.provider).toBe("aws.us_east_1");
    const policies = Object.values(dataSources(doc, "aws_iam_policy_document")) as { statement: Record<string, unknown>[] }[];
    const cloudwatch = policies.flatMap((p) => p.statement).find((st) => JSON.stringify(st.principals).includes("cloudwatch.amazonaws.com"));
    expect(cloudwatch).toMatchObject({
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      condition: [{ test: "StringEquals", variable: "aws:SourceAccount" }],
    });
  });

  it("creates no e-mail subscription without an address", () => {
    expect(resources(signing().doc, "aws_sns_topic_subscription")).toEqual({});
  });

  it("notifies an existing topic by ARN when given one, creating no topic, topic key, alias or subscription", () => {
    const arn = "arn:aws:sns:us-east-1:111122223333:demo-dnssec-alarms";
    const { doc, dnssec } = signing({ alarms: { namePrefix: "demo-shop.example.org", topicArn: arn } });
    expect(dnssec.alarms?.topic).toBeUndefined();
    expect(dnssec.alarms?.topicArn).toBe(arn);
    expect(resources(doc, "aws_sns_topic")).toEqual({});
    expect(Object.keys(resources(doc, "aws_kms_key")).filter((k) => k.includes("topic"))).toEqual([]);
    expect(Object.keys(resources(doc, "aws_kms_alias")).filter((k) => k.includes("topic"))).toEqual([]);
    const alarms = Object.values(resources(doc, "aws_cloudwatch_metric_alarm"));
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(["demo-shop.example.org-DNSSECInternalFailure", "demo-shop.example.org-DNSSECKeySigningKeysNeedingAction"]);
    for (const alarm of alarms) {
      expect(alarm.alarm_actions).toEqual([arn]);
      expect(alarm.ok_actions).toEqual([arn]);
    }
  });

  it("refuses an e-mail subscription on an existing topic", () => {
    expect(() => signing({ alarms: { namePrefix: "demo", email: "ops@example.com", topicArn: "arn:aws:sns:us-east-1:111122223333:t" } })).toThrow(
      'DnssecAlarms email "ops@example.com" is given with topicArn, but an existing topic\'s subscriptions belong to its owner; subscribe the address where that topic is created, or leave email out.',
    );
  });

  it("leaves the alarms out when asked", () => {
    expect(resources(signing({ alarms: false }).doc, "aws_cloudwatch_metric_alarm")).toEqual({});
  });

  it("refuses an e-mail that is not one", () => {
    expect(() => signing({ alarms: { namePrefix: "demo", email: "nobody" } })).toThrow(
      'DnssecAlarms email must be an e-mail address such as "ops@example.com", got: "nobody".',
    );
  });

  it("refuses three KSKs", () => {
    expect(() => signing({ keySigningKeys: [{ name: "ksk_a" }, { name: "ksk_b" }, { name: "ksk_c" }] })).toThrow(
      "DnssecSigning keySigningKeys lists 3 key-signing keys, but Route 53 allows at most 2 per zone; finish the running rotation (remove the retired key) before adding another.",
    );
  });

  it("refuses signing with no active KSK", () => {
    expect(() => signing({ keySigningKeys: [{ name: "ksk_a", status: "inactive" }] })).toThrow(
      'DnssecSigning keySigningKeys has no active key-signing key while DnssecSigning mode is "on": a signed zone without an active KSK stops answering validly; keep one KSK "active", or turn signing off safely (see the README).',
    );
  });

  describe("mode off", () => {
    it("stops signing first, then deactivates every KSK", () => {
      const { doc } = signing({ mode: "off", keySigningKeys: [{ name: "ksk_a", status: "inactive" }] });
      const zoneId = Object.keys(resources(doc, "aws_route53_hosted_zone_dnssec"))[0];
      const zone = resources(doc, "aws_route53_hosted_zone_dnssec")[zoneId];
      expect(zone.signing_status).toBe("NOT_SIGNING");
      expect(zone.depends_on).toBeUndefined();
      const ksk = Object.values(resources(doc, "aws_route53_key_signing_key"))[0];
      expect(ksk.status).toBe("INACTIVE");
      expect(ksk.depends_on).toContain(`aws_route53_hosted_zone_dnssec.${zoneId}`);
    });

    it("refuses off while the DS is automated", () => {
      expect(() =>
        signing({ mode: "off", parentDs: { kind: "route53-zone", parentZoneId: "ZPARENT" } }),
      ).toThrow(/^DnssecSigning mode is "off" while DnssecSigning parentDs is "route53-zone"/);
    });
  });
});
