import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { LogEncryptionKey } from "./log-encryption-key";

export interface WafProps {
  readonly namePrefix: string;
  /** The region of the ALB and of the log group. */
  readonly region: string;
  /** The ALB to protect. */
  readonly resourceArn: string;
  /**
   * Requests per 5 minutes per IP before blocking.
   * @default 2000
   */
  readonly rateLimit?: number;
  /**
   * Two-letter country codes to block; an empty list leaves the geo rule out.
   * @default ["CN", "RU"] - the seed's example
   */
  readonly geoBlockCountries?: readonly string[];
  /**
   * Log retention in days.
   * @default 365
   */
  readonly logRetentionDays?: number;
}

/** One WAFv2 rule in the API's JSON shape, which is what `rule_json` takes. */
interface WafRule {
  readonly Name: string;
  readonly Priority: number;
  readonly Statement: Record<string, unknown>;
  readonly Action?: Record<string, unknown>;
  readonly OverrideAction?: Record<string, unknown>;
  readonly VisibilityConfig: { CloudWatchMetricsEnabled: boolean; MetricName: string; SampledRequestsEnabled: boolean };
}

const visibility = (metric: string) => ({ CloudWatchMetricsEnabled: true, MetricName: metric, SampledRequestsEnabled: true });

const managed = (name: string, priority: number): WafRule => ({
  Name: name,
  Priority: priority,
  OverrideAction: { None: {} },
  Statement: { ManagedRuleGroupStatement: { Name: name, VendorName: "AWS" } },
  VisibilityConfig: visibility(`${name}Metric`),
});

/** The seed's five rules, in the WAFv2 API's JSON shape. */
export function wafRules(rateLimit: number, geoBlockCountries: readonly string[]): WafRule[] {
  const rules: WafRule[] = [
    // Log4j and other known-bad request patterns.
    managed("AWSManagedRulesKnownBadInputsRuleSet", 1),
    managed("AWSManagedRulesCommonRuleSet", 2),
    managed("AWSManagedRulesSQLiRuleSet", 3),
    {
      Name: "RateLimitRule",
      Priority: 4,
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: rateLimit, AggregateKeyType: "IP" } },
      VisibilityConfig: visibility("RateLimitRuleMetric"),
    },
  ];
  if (geoBlockCountries.length > 0) {
    rules.push({
      Name: "GeoBlockRule",
      Priority: 5,
      Action: { Block: {} },
      Statement: { GeoMatchStatement: { CountryCodes: [...geoBlockCountries] } },
      VisibilityConfig: visibility("GeoBlockRuleMetric"),
    });
  }
  return rules;
}

/**
 * A regional web ACL on the ALB, logging blocked requests to a KMS-encrypted log group.
 *
 * The rules go through `rule_json`: the provider types the nested rule statements as `any`, and
 * cdktf renders those as invalid HCL with camelCase keys. A JSON string is exact in both the JSON
 * synth and the HCL, and is the shape the WAFv2 API documents.
 */
export class Waf extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: WafProps) {
    const rateLimit = props.rateLimit ?? 2000;
    if (!Number.isInteger(rateLimit) || rateLimit < 10) throw new Error(`Waf rateLimit must be a whole number of at least 10, got: ${rateLimit}.`);
    super(scope, id);
    const identity = new DataAwsCallerIdentity(this, "account");
    const partition = new DataAwsPartition(this, "partition");
    // WAF only logs to groups whose names start with "aws-waf-logs-".
    const logGroupName = `aws-waf-logs-${props.namePrefix}`;

    const key = new LogEncryptionKey(this, "log_key", {
      purpose: "Encrypts the load balancer's WAF logs",
      aliasName: `alias/${props.namePrefix}-waf-logs`,
      region: props.region,
      accountId: identity.accountId,
      partition: partition.partition,
      logGroupName,
    });
    this.logGroup = new CloudwatchLogGroup(this, "log_group", {
      name: logGroupName,
      retentionInDays: props.logRetentionDays ?? 365,
      kmsKeyId: key.key.arn,
    });

    this.webAcl = new Wafv2WebAcl(this, "web_acl", {
      name: `${props.namePrefix}-web-acl`,
      description: "WAF web ACL for the application load balancer",
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      ruleJson: JSON.stringify(wafRules(rateLimit, props.geoBlockCountries ?? ["CN", "RU"])),
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `${props.namePrefix}-web-acl`, sampledRequestsEnabled: true },
      tags: { Name: `${props.namePrefix}-web-acl` },
    });
    new Wafv2WebAclAssociation(this, "association", { resourceArn: props.resourceArn, webAclArn: this.webAcl.arn });
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      loggingFilter: {
        // Log what WAF blocked; allowed traffic is already in the ALB access logs.
        defaultBehavior: "DROP",
        filter: [{ behavior: "KEEP", requirement: "MEETS_ANY", condition: [{ actionCondition: { action: "BLOCK" } }] }],
      },
    });
  }
}
