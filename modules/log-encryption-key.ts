import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { requireProviderRegion } from "./provider-region";
import { accountAdministration } from "./kms-policy";

export interface LogEncryptionKeyProps {
  /** What the key is for, in the key description. */
  readonly purpose: string;
  /** The alias, e.g. "alias/example-waf-logs". */
  readonly aliasName: string;
  /** The region of the log group, which names the CloudWatch Logs principal. */
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** The log group's name; the key only encrypts for that group. */
  readonly logGroupName: string;
  /**
   * The provider of the key; it must be in `region`.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
  /**
   * KMS deletion window in days.
   * @default 30
   */
  readonly deletionWindowDays?: number;
}

/**
 * A symmetric KMS key, with rotation, that CloudWatch Logs may use only for one log group.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export class LogEncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: LogEncryptionKeyProps) {
    if (props.provider !== undefined) {
      requireProviderRegion("LogEncryptionKey", "provider", props.provider, props.region, "CloudWatch Logs only uses keys in the log group's region");
    }
    super(scope, id);
    const logGroupArn = `arn:${props.partition}:logs:${props.region}:${props.accountId}:log-group:${props.logGroupName}`;
    const policy = new DataAwsIamPolicyDocument(this, "policy_document", {
      provider: props.provider,
      statement: [
        accountAdministration(props.partition, props.accountId),
        {
          sid: "AllowCloudWatchLogsForThisLogGroup",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [`logs.${props.region}.amazonaws.com`] }],
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          resources: ["*"],
          condition: [{ test: "ArnEquals", variable: "kms:EncryptionContext:aws:logs:arn", values: [logGroupArn] }],
        },
      ],
    });
    this.key = new KmsKey(this, "key", {
      provider: props.provider,
      description: props.purpose,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowDays ?? 30,
      policy: policy.json,
    });
    new KmsAlias(this, "alias", { provider: props.provider, name: props.aliasName, targetKeyId: this.key.keyId });
  }
}
