import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { requireProviderRegion } from "../provider-region";
import { emailProblem } from "../rules";
import { accountAdministration } from "../kms-policy";

export interface DnssecAlarmsProps {
  /** The hosted zone whose DNSSEC metrics are watched. */
  readonly hostedZoneId: string;
  /** A us-east-1 provider: Route 53 publishes its metrics only there. */
  readonly provider: AwsProvider;
  /** Prefix of the alarm names, and of the topic's when this construct creates it. */
  readonly namePrefix: string;
  /**
   * An e-mail address subscribed to the alarm topic. SNS asks the recipient to confirm.
   * Only for a topic this construct creates: an existing topic's subscriptions are its owner's.
   * @default - no subscription; subscribe your pager or chat integration to the topic yourself
   */
  readonly email?: string;
  /**
   * The ARN of an existing topic to notify, such as the one topic a fleet shares. No topic, key or
   * subscription is created then; the topic's key must let CloudWatch publish (ours does).
   * @default - a new topic `<namePrefix>-dnssec-alarms` with its own key
   */
  readonly topicArn?: string;
  /**
   * Seconds per evaluation period.
   * @default 14400 - Route 53 publishes each DNSSEC metric once per 4 hours per zone
   */
  readonly periodSeconds?: number;
}

/**
 * The two alarms AWS recommends for a signed zone, wired to an SNS topic.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-enable-signing.html
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-hosted-zones-with-cloudwatch.html
 */
export class DnssecAlarms extends Construct {
  /** The topic both alarms notify, when this construct created it. */
  readonly topic?: SnsTopic;
  /** The customer-managed key that encrypts the topic and lets CloudWatch publish to it, when created here. */
  readonly topicKey?: KmsKey;
  /** The ARN of the topic both alarms notify, created here or given. */
  readonly topicArn: string;
  /** Fires when any DNSSEC object of the zone is in INTERNAL_FAILURE. */
  readonly internalFailure: CloudwatchMetricAlarm;
  /** Fires when a KSK is in ACTION_NEEDED, usually because its KMS key or policy changed. */
  readonly kskNeedingAction: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: DnssecAlarmsProps) {
    super(scope, id);
    requireProviderRegion("DnssecAlarms", "provider", props.provider, "us-east-1", "Route 53 publishes DNSSEC metrics only in us-east-1");
    if (props.email !== undefined) {
      const problem = emailProblem("DnssecAlarms email", props.email);
      if (problem) throw new Error(problem);
      if (props.topicArn !== undefined) {
        throw new Error(`DnssecAlarms email ${JSON.stringify(props.email)} is given with topicArn, but an existing topic's subscriptions belong to its owner; subscribe the address where that topic is created, or leave email out.`);
      }
    }
    const period = props.periodSeconds ?? 14400;
    if (props.topicArn === undefined) {
      const created = this.createTopic(props);
      this.topic = created.topic;
      this.topicKey = created.topicKey;
      this.topicArn = created.topic.arn;
    } else {
      this.topicArn = props.topicArn;
    }

    const alarm = (id: string, metricName: string, description: string) =>
      new CloudwatchMetricAlarm(this, id, {
        provider: props.provider,
        alarmName: `${props.namePrefix}-${metricName}`,
        alarmDescription: description,
        namespace: "AWS/Route53",
        metricName,
        dimensions: { HostedZoneId: props.hostedZoneId },
        // Both metrics are counts published once per 4 hours; Sum is a valid statistic for both
        // (DNSSECKeySigningKeysNeedingAction also allows SampleCount), and one period holds one point.
        statistic: "Sum",
        period,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // No data means no failure was reported.
        treatMissingData: "notBreaching",
        alarmActions: [this.topicArn],
        okActions: [this.topicArn],
      });

    this.internalFailure = alarm(
      "internal_failure",
      "DNSSECInternalFailure",
      "Route 53 reports INTERNAL_FAILURE for DNSSEC in this zone. Enable or disable signing again to recover, as the Route 53 guide describes.",
    );
    this.kskNeedingAction = alarm(
      "ksk_needing_action",
      "DNSSECKeySigningKeysNeedingAction",
      "A key-signing key needs action (ACTION_NEEDED): its KMS key was disabled, deleted or its policy changed. Restore the key or policy before the DNSKEY signatures expire.",
    );
  }

  /** The encrypted topic with its key and optional e-mail subscription. */
  private createTopic(props: DnssecAlarmsProps): { topic: SnsTopic; topicKey: KmsKey } {
    // The topic is encrypted with a key of ours: CloudWatch cannot publish to a topic encrypted with
    // the AWS-managed SNS key, whose policy cannot grant it, and the alarms would fire unheard.
    // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
    const identity = new DataAwsCallerIdentity(this, "account", { provider: props.provider });
    const partition = new DataAwsPartition(this, "partition", { provider: props.provider });
    const keyPolicy = new DataAwsIamPolicyDocument(this, "topic_key_policy", {
      provider: props.provider,
      statement: [
        accountAdministration(partition.partition, identity.accountId),
        {
          sid: "AllowCloudWatchAlarmsToPublish",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
          actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
          resources: ["*"],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [identity.accountId] }],
        },
      ],
    });
    const topicKey = new KmsKey(this, "topic_key", {
      provider: props.provider,
      description: "Encrypts the DNSSEC alarm topic; CloudWatch may use it to publish",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy.json,
    });
    new KmsAlias(this, "topic_key_alias", {
      provider: props.provider,
      name: `alias/${props.namePrefix}-dnssec-alarms`,
      targetKeyId: topicKey.keyId,
    });
    const topic = new SnsTopic(this, "topic", {
      provider: props.provider,
      name: `${props.namePrefix}-dnssec-alarms`,
      kmsMasterKeyId: topicKey.arn,
    });
    if (props.email !== undefined) {
      new SnsTopicSubscription(this, "email", {
        provider: props.provider,
        topicArn: topic.arn,
        protocol: "email",
        endpoint: props.email,
      });
    }
    return { topic, topicKey };
  }
}
