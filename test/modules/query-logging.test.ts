import { describe, expect, it } from "vitest";
import { TerraformVariable } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { QueryLogging } from "../../modules/query-logging";
import { dataSources, moduleStack, only, resources, synthApp, synthStack, TfJson } from "../helpers/synth";

function synthQueryLogging(retentionDays?: number): TfJson {
  const { stack, usEast1 } = moduleStack();
  new QueryLogging(stack, "query_logging", { namePrefix: "demo", hostedZoneId: "Z123", usEast1, retentionDays });
  return synthStack(stack);
}

/** A bare stack names module resources `<construct path>_<hash>`; this finds one by its path below the module. */
function nameOf(doc: TfJson, type: string, path: string, block: "resource" | "data" = "resource"): string {
  const pattern = new RegExp(`^query_logging_${path}_[0-9A-F]{8}$`);
  const all = block === "resource" ? resources(doc, type) : dataSources(doc, type);
  const hits = Object.keys(all).filter((name) => pattern.test(name));
  if (hits.length !== 1) throw new Error(`expected one ${type} at ${path}, found ${hits.length}`);
  return hits[0];
}

describe("QueryLogging", () => {
  const doc = synthQueryLogging();
  const logGroupName = nameOf(doc, "aws_cloudwatch_log_group", "log_group");
  const account = `\${data.aws_caller_identity.${nameOf(doc, "aws_caller_identity", "account", "data")}.account_id}`;
  const partition = `\${data.aws_partition.${nameOf(doc, "aws_partition", "partition", "data")}.partition}`;

  it("creates the log group under /aws/route53/ in us-east-1, where Route 53 writes query logs", () => {
    const group = only(doc, "aws_cloudwatch_log_group");
    expect(group.name).toBe("/aws/route53/demo");
    expect(group.provider).toBe("aws.us_east_1");
    expect(group.retention_in_days).toBe(365);
    expect(only(synthQueryLogging(90), "aws_cloudwatch_log_group").retention_in_days).toBe(90);
  });

  it("encrypts the log group with a rotating KMS key in us-east-1", () => {
    const key = only(doc, "aws_kms_key");
    expect(key.provider).toBe("aws.us_east_1");
    expect(key.enable_key_rotation).toBe(true);
    expect(only(doc, "aws_cloudwatch_log_group").kms_key_id).toBe(`\${aws_kms_key.${nameOf(doc, "aws_kms_key", "log_key")}.arn}`);
    const alias = only(doc, "aws_kms_alias");
    expect(alias.provider).toBe("aws.us_east_1");
    expect(alias.name).toBe("alias/demo-dns-query-logs");
  });

  it("lets only us-east-1 CloudWatch Logs use the key, for this log group", () => {
    const documentName = nameOf(doc, "aws_iam_policy_document", "log_key_policy_document", "data");
    const statements = dataSources(doc, "aws_iam_policy_document")[documentName].statement as Record<string, unknown>[];
    const logs = statements.find((s) => s.sid === "AllowCloudWatchLogsForThisLogGroup")!;
    expect(logs.principals).toEqual([{ type: "Service", identifiers: ["logs.us-east-1.amazonaws.com"] }]);
    expect(logs.condition).toEqual([
      { test: "ArnEquals", variable: "kms:EncryptionContext:aws:logs:arn", values: [`arn:${partition}:logs:us-east-1:${account}:log-group:/aws/route53/demo`] },
    ]);
  });

  it("reads the account and partition through the us-east-1 provider", () => {
    for (const [type, name] of [["aws_caller_identity", "account"], ["aws_partition", "partition"]] as const) {
      expect(dataSources(doc, type)[nameOf(doc, type, name, "data")].provider).toBe("aws.us_east_1");
    }
  });

  it("adds the CloudWatch Logs resource policy that lets route53.amazonaws.com write, for this zone only", () => {
    const policy = only(doc, "aws_cloudwatch_log_resource_policy");
    expect(policy.provider).toBe("aws.us_east_1");
    expect(policy.policy_name).toBe("demo-route53-query-logging");
    const documentName = nameOf(doc, "aws_iam_policy_document", "resource_policy_document", "data");
    expect(policy.policy_document).toBe(`\${data.aws_iam_policy_document.${documentName}.json}`);
    const document = dataSources(doc, "aws_iam_policy_document")[documentName];
    expect(document.provider).toBe("aws.us_east_1");
    expect(document.statement).toEqual([
      {
        sid: "Route53QueryLogsToCloudWatchLogs",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["route53.amazonaws.com"] }],
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [`\${aws_cloudwatch_log_group.${logGroupName}.arn}:*`],
        condition: [
          { test: "StringEquals", variable: "aws:SourceAccount", values: [account] },
          { test: "ArnEquals", variable: "aws:SourceArn", values: [`arn:${partition}:route53:::hostedzone/Z123`] },
        ],
      },
    ]);
  });

  it("turns on query logging for the zone only after the resource policy exists", () => {
    const queryLog = only(doc, "aws_route53_query_log");
    expect(queryLog.zone_id).toBe("Z123");
    expect(queryLog.cloudwatch_log_group_arn).toBe(`\${aws_cloudwatch_log_group.${logGroupName}.arn}`);
    expect(queryLog.depends_on).toEqual([`aws_cloudwatch_log_resource_policy.${nameOf(doc, "aws_cloudwatch_log_resource_policy", "resource_policy")}`]);
  });

  it("throws when the provider it is given is for another region", () => {
    const { stack, provider } = moduleStack("eu-west-1");
    expect(() => new QueryLogging(stack, "query_logging", { namePrefix: "demo", hostedZoneId: "Z123", usEast1: provider })).toThrow(
      'QueryLogging: usEast1 must be an AWS provider for us-east-1 (Route 53 query logs go only to log groups in us-east-1), got one for "eu-west-1"; pass the aliased us-east-1 provider.',
    );
  });

  it("accepts a provider whose region is only known at plan time", () => {
    const { stack } = moduleStack();
    const region = new TerraformVariable(stack, "log_region", { type: "string" });
    const unknown = new AwsProvider(stack, "aws_unknown", { alias: "unknown", region: region.stringValue });
    expect(() => new QueryLogging(stack, "query_logging", { namePrefix: "demo", hostedZoneId: "Z123", usEast1: unknown })).not.toThrow();
  });
});

describe("QueryLogging in the app", () => {
  it("logs the zone stack's hosted zone, read through a cross-stack reference, to us-east-1", () => {
    const { app, zone } = synthApp();
    const queryLog = only(app, "aws_route53_query_log");
    expect(queryLog.zone_id).toMatch(/^\$\{nonsensitive\(data\.terraform_remote_state\.[a-z0-9_]+\.outputs\.[a-z0-9_]+\)\}$/);
    const output = /outputs\.([a-z0-9_]+)\)\}$/.exec(queryLog.zone_id as string)![1];
    expect(zone.output?.[output].value).toBe("${aws_route53_zone.hosted_zone_zone.zone_id}");
    expect(resources(app, "aws_cloudwatch_log_group").query_logging_log_group.provider).toBe("aws.us_east_1");
    expect(resources(app, "aws_kms_key").query_logging_log_key_key.provider).toBe("aws.us_east_1");
  });
});
