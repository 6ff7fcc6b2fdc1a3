import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53QueryLog } from "@cdktf/provider-aws/lib/route53-query-log";
import { LogEncryptionKey } from "./log-encryption-key";
import { requireProviderRegion } from "./provider-region";

export interface QueryLoggingProps {
  /** Prefix of the log group, alias and policy names. */
  readonly namePrefix: string;
  /** The public hosted zone whose queries are logged. */
  readonly hostedZoneId: string;
  /** The us-east-1 provider: Route 53 writes query logs only to log groups in us-east-1. */
  readonly usEast1: AwsProvider;
  /**
   * Log retention in days.
   * @default 365
   */
  readonly retentionDays?: number;
}

/**
 * DNS query logging to a KMS-encrypted log group in us-east-1, with the CloudWatch Logs resource
 * policy that lets Route 53 write (the seed omitted it, and without it query logging fails).
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html
 */
export class QueryLogging extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly resourcePolicy: CloudwatchLogResourcePolicy;
  readonly queryLog: Route53QueryLog;

  constructor(scope: Construct, id: string, props: QueryLoggingProps) {
    requireProviderRegion("QueryLogging", "usEast1", props.usEast1, "us-east-1", "Route 53 query logs go only to log groups in us-east-1");
    super(scope, id);
    const identity = new DataAwsCallerIdentity(this, "account", { provider: props.usEast1 });
    const partition = new DataAwsPartition(this, "partition", { provider: props.usEast1 });
    // Route 53 requires the "/aws/route53/" prefix.
    const logGroupName = `/aws/route53/${props.namePrefix}`;

    const key = new LogEncryptionKey(this, "log_key", {
      purpose: "Encrypts Route 53 DNS query logs",
      aliasName: `alias/${props.namePrefix}-dns-query-logs`,
      region: "us-east-1",
      accountId: identity.accountId,
      partition: partition.partition,
      logGroupName,
      provider: props.usEast1,
    });
    this.logGroup = new CloudwatchLogGroup(this, "log_group", {
      provider: props.usEast1,
      name: logGroupName,
      retentionInDays: props.retentionDays ?? 365,
      kmsKeyId: key.key.arn,
    });

    const policy = new DataAwsIamPolicyDocument(this, "resource_policy_document", {
      provider: props.usEast1,
      statement: [
        {
          sid: "Route53QueryLogsToCloudWatchLogs",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["route53.amazonaws.com"] }],
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [`${this.logGroup.arn}:*`],
          // Only on behalf of this zone of this account (confused-deputy protection), as the KSK
          // key policy is scoped: another zone of the account may not write into this group.
          // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/query-logs.html#query-logs-configuring
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [identity.accountId] },
            { test: "ArnEquals", variable: "aws:SourceArn", values: [`arn:${partition.partition}:route53:::hostedzone/${props.hostedZoneId}`] },
          ],
        },
      ],
    });
    this.resourcePolicy = new CloudwatchLogResourcePolicy(this, "resource_policy", {
      provider: props.usEast1,
      policyName: `${props.namePrefix}-route53-query-logging`,
      policyDocument: policy.json,
    });
    this.queryLog = new Route53QueryLog(this, "query_log", {
      zoneId: props.hostedZoneId,
      cloudwatchLogGroupArn: this.logGroup.arn,
      dependsOn: [this.resourcePolicy],
    });
  }
}
