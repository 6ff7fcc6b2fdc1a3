import { DataAwsIamPolicyDocumentStatement, DataAwsIamPolicyDocumentStatementCondition } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

/**
 * The statement every key policy of ours starts with: the account administers the key through IAM.
 * Without it a key whose other statements name only services could never be changed again.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
 */
export function accountAdministration(partition: string, accountId: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: "EnableAccountAdministration",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [`arn:${partition}:iam::${accountId}:root`] }],
    actions: ["kms:*"],
    resources: ["*"],
  };
}

/**
 * The two statements Route 53 needs on a DNSSEC key: use of the key, limited by `serviceScope`
 * (confused-deputy protection: which account and which zones it may act for), and the grants it
 * makes for itself. One place for both, so a per-zone key and a shared key differ only in scope.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/access-control-managing-permissions.html#KMS-key-policy-for-DNSSEC
 */
export function route53DnssecStatements(serviceScope: DataAwsIamPolicyDocumentStatementCondition[]): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: "AllowRoute53DnssecService",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["dnssec-route53.amazonaws.com"] }],
      actions: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
      resources: ["*"],
      condition: serviceScope,
    },
    {
      sid: "AllowRoute53DnssecToCreateGrant",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["dnssec-route53.amazonaws.com"] }],
      actions: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      resources: ["*"],
      condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
    },
  ];
}
