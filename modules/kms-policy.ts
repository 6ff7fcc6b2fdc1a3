import { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

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
