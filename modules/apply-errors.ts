/**
 * The apply errors that come from AWS eventual consistency right after a resource's dependency was
 * created, and that a second `terraform apply` fixes. The app already removes what it can of each
 * window (policies set at creation, the provider's propagation waits, dependencies); what is left
 * cannot be closed with the hashicorp/aws provider alone (no sleep resource, and the provider calls
 * these APIs once). The README's "Apply errors that a second apply fixes" lists each one, and an
 * apply workflow may retry a failed apply once when its output contains one of these messages.
 */
export interface EventualConsistencyError {
  /** The resource type whose creation fails. */
  readonly resourceType: string;
  /** The AWS error code in the provider's message. */
  readonly code: string;
  /** A part of the message that does not vary between accounts (no ARN, no name). */
  readonly message: string;
  /** Why it happens, in one sentence. */
  readonly cause: string;
}

export const EVENTUAL_CONSISTENCY_ERRORS: readonly EventualConsistencyError[] = [
  {
    // terraform-provider-aws #29778 and #19746 report it on a first apply.
    resourceType: "aws_route53_key_signing_key",
    code: "InvalidKMSArn",
    message: "did not grant all required permissions for DNSSEC usage",
    cause:
      "Route 53 does not yet see the new KMS key or its policy although KMS already returns both; the provider calls CreateKeySigningKey once, without retrying.",
  },
  {
    // terraform-provider-aws #29282; CloudWatch Logs says a key association can take up to 5 minutes.
    resourceType: "aws_cloudwatch_log_group",
    code: "AccessDeniedException",
    message: "The specified KMS key does not exist or is not allowed to be used with Arn",
    cause: "CloudWatch Logs does not yet see the new log key or its policy.",
  },
  {
    // https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateQueryLoggingConfig.html#API_CreateQueryLoggingConfig_Errors
    resourceType: "aws_route53_query_log",
    code: "InsufficientCloudWatchLogsResourcePolicy",
    message: "InsufficientCloudWatchLogsResourcePolicy",
    cause: "Route 53 does not yet see the new CloudWatch Logs resource policy (or the log group just created with its key).",
  },
];
