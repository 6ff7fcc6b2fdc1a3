import { describe, expect, it } from "vitest";
import { dataSources, resources, synthApp, TfJson } from "../helpers/synth";

const { app } = synthApp();
const ZONE_ID = "${nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_zone_id)}";
const KSK = "aws_route53_key_signing_key.dnssec_ksk_1_signing_key";

describe("AppStack wiring", () => {
  it("reads the zone through a cross-stack reference to the zone stack's state", () => {
    const remote = dataSources(app, "terraform_remote_state").cross_stack_reference_input_zone;
    expect(remote).toMatchObject({ backend: "s3", config: { bucket: "dnssec-cdktf-example-tfstate", key: "dnssec-cdktf/zone.tfstate", region: "us-east-2" } });
    expect(resources(app, "aws_route53_key_signing_key").dnssec_ksk_1_signing_key.hosted_zone_id).toBe(ZONE_ID);
    expect(resources(app, "aws_route53_hosted_zone_dnssec").dnssec_zone_signing.hosted_zone_id).toBe(ZONE_ID);
    expect(resources(app, "aws_route53_record").alb_alias_record.zone_id).toBe(ZONE_ID);
  });

  it("has a default provider in the app region and an aliased us-east-1 provider", () => {
    const providers = app.provider!.aws.map((p) => [p.alias ?? null, p.region]);
    expect(providers).toEqual([
      [null, "us-east-2"],
      ["us_east_1", "us-east-1"],
    ]);
  });

  it("puts the DNSSEC key, its policy, the alarms and the query-log resources on us-east-1", () => {
    const onUsEast1 = (doc: TfJson, type: string, id: string) => expect(resources(doc, type)[id]?.provider, `${type}.${id}`).toBe("aws.us_east_1");
    onUsEast1(app, "aws_kms_key", "dnssec_ksk_1_kms_key");
    onUsEast1(app, "aws_kms_key_policy", "dnssec_ksk_1_key_policy");
    onUsEast1(app, "aws_kms_alias", "dnssec_ksk_1_alias");
    onUsEast1(app, "aws_cloudwatch_metric_alarm", "dnssec_alarms_internal_failure");
    onUsEast1(app, "aws_cloudwatch_metric_alarm", "dnssec_alarms_ksk_needing_action");
    onUsEast1(app, "aws_cloudwatch_log_group", "query_logging_log_group");
    onUsEast1(app, "aws_kms_key", "query_logging_log_key_key");
    onUsEast1(app, "aws_cloudwatch_log_resource_policy", "query_logging_resource_policy");
  });

  it("makes the KSK wait for its key policy", () => {
    expect(resources(app, "aws_route53_key_signing_key").dnssec_ksk_1_signing_key.depends_on).toEqual(["aws_kms_key_policy.dnssec_ksk_1_key_policy"]);
  });

  it("makes zone signing wait for the KSK and the ACM certificate validation", () => {
    expect(resources(app, "aws_route53_hosted_zone_dnssec").dnssec_zone_signing.depends_on).toEqual([
      KSK,
      "aws_acm_certificate_validation.certificate_validation",
    ]);
  });

  it("names the KMS alias from the alias prefix and the KSK name", () => {
    expect(resources(app, "aws_kms_alias").dnssec_ksk_1_alias.name).toBe("alias/dnssec-demo-dnssec-ksk_1");
  });

  it("defaults the DNSSEC key deletion window to 30 days and honours the setting", () => {
    expect(resources(app, "aws_kms_key").dnssec_ksk_1_kms_key.deletion_window_in_days).toBe(30);
    const custom = synthApp({ kmsDeletionWindowDays: 14 }).app;
    expect(resources(custom, "aws_kms_key").dnssec_ksk_1_kms_key.deletion_window_in_days).toBe(14);
  });

  it("turns on resolver DNSSEC validation for the VPC by default", () => {
    expect(resources(app, "aws_route53_resolver_dnssec_config").resolver_dnssec_validation_config.resource_id).toBe("${aws_vpc.network_vpc.id}");
  });
});

describe("AppStack outputs", () => {
  const out = app.output!;

  it("outputs ds_record in the seed's format: key_tag signing_algorithm_mnemonic digest_algorithm_mnemonic digest_value", () => {
    expect(out.ds_record.value).toBe(
      `\${join("\\n", ["\${${KSK}.key_tag} \${${KSK}.signing_algorithm_mnemonic} \${${KSK}.digest_algorithm_mnemonic} \${${KSK}.digest_value}"])}`,
    );
  });

  it("outputs the full DS RR from the KSK's ds_record attribute", () => {
    expect(out.ds_record_rr.value).toBe(`\${join("\\n", [${KSK}.ds_record])}`);
  });

  it("outputs everything a registrar form asks for", () => {
    expect(out.dnskey_record.value).toBe(`\${${KSK}.dnskey_record}`);
    expect(out.public_key.value).toBe(`\${${KSK}.public_key}`);
    expect(out.key_tag.value).toBe(`\${${KSK}.key_tag}`);
    expect(out.flag.value).toBe(`\${${KSK}.flag}`);
    expect(out.signing_algorithm.value).toBe(`\${${KSK}.signing_algorithm_type}`);
    expect(out.digest_algorithm.value).toBe(`\${${KSK}.digest_algorithm_type}`);
  });

  it("outputs a per-KSK summary", () => {
    expect(out.ksk_ksk_1.value).toMatchObject({
      status: `\${${KSK}.status}`,
      ds_published: true,
      ds_record_rr: `\${${KSK}.ds_record}`,
      key_tag: `\${${KSK}.key_tag}`,
      public_key: `\${${KSK}.public_key}`,
      dnskey_record: `\${${KSK}.dnskey_record}`,
    });
  });

  it("tells the user exactly what to paste at the registrar", () => {
    expect(String(out.registrar_instructions.value)).toContain("At the registrar of example.com, publish exactly these DS records");
    // In the numeric form registrar forms ask for: the KSK's ds_record attribute ("<tag> 13 2 <digest>").
    expect(String(out.registrar_instructions.value)).toContain(`"- \${${KSK}.ds_record}"`);
  });

  it("unmarks the public zone id read from the zone stack's state, so plans and key policies stay readable", () => {
    const policy = Object.values(dataSources(app, "aws_iam_policy_document")).find((d) => JSON.stringify(d).includes("dnssec-route53"));
    expect(JSON.stringify(policy)).toContain("hostedzone/${nonsensitive(data.terraform_remote_state.");
  });

  it("outputs the zone's name servers, unmarked, next to the DS", () => {
    expect(out.name_servers.value).toBe(
      "${nonsensitive(data.terraform_remote_state.cross_stack_reference_input_zone.outputs.cross_stack_output_aws_route53_zone_hosted_zone_zone_name_servers)}",
    );
  });

  it("outputs nothing read from the zone stack's state without unmarking it, which Terraform would refuse", () => {
    for (const [name, output] of Object.entries(out)) {
      expect(JSON.stringify(output.value).replace(/nonsensitive\(data\.terraform_remote_state/g, ""), name).not.toContain("terraform_remote_state");
    }
  });
});
