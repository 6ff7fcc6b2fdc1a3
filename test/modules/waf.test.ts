import { describe, expect, it } from "vitest";
import { Waf, WafProps, wafRules } from "../../modules/waf";
import { dataSources, moduleStack, only, resources, synthApp, synthStack, TfJson } from "../helpers/synth";

const ALB_ARN = "arn:aws:elasticloadbalancing:us-east-2:111122223333:loadbalancer/app/demo-alb/abc";

function synthWaf(overrides: Partial<WafProps> = {}): TfJson {
  const { stack } = moduleStack();
  new Waf(stack, "waf", { namePrefix: "demo", region: "us-east-2", resourceArn: ALB_ARN, ...overrides });
  return synthStack(stack);
}

/** A bare stack names module resources `<construct path>_<hash>`; this finds one by its path below the module. */
function nameOf(doc: TfJson, type: string, path: string, block: "resource" | "data" = "resource"): string {
  const pattern = new RegExp(`^waf_${path}_[0-9A-F]{8}$`);
  const all = block === "resource" ? resources(doc, type) : dataSources(doc, type);
  const hits = Object.keys(all).filter((name) => pattern.test(name));
  if (hits.length !== 1) throw new Error(`expected one ${type} at ${path}, found ${hits.length}`);
  return hits[0];
}

interface ParsedRule {
  Name: string;
  Priority: number;
  Statement: Record<string, Record<string, unknown>>;
  Action?: Record<string, unknown>;
  OverrideAction?: Record<string, unknown>;
  VisibilityConfig: { CloudWatchMetricsEnabled: boolean; MetricName: string; SampledRequestsEnabled: boolean };
}

function rulesOf(doc: TfJson): ParsedRule[] {
  const json = only(doc, "aws_wafv2_web_acl").rule_json;
  expect(typeof json).toBe("string");
  return JSON.parse(json as string) as ParsedRule[];
}

const MANAGED = ["AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"];

describe("Waf", () => {
  const doc = synthWaf();
  const acl = only(doc, "aws_wafv2_web_acl");
  const rules = rulesOf(doc);

  it("creates a REGIONAL web ACL that allows what no rule blocks", () => {
    expect(acl.scope).toBe("REGIONAL");
    expect(acl.name).toBe("demo-web-acl");
    expect(acl.default_action).toEqual({ allow: {} });
    expect(acl.visibility_config).toEqual({ cloudwatch_metrics_enabled: true, metric_name: "demo-web-acl", sampled_requests_enabled: true });
  });

  it("passes the rules as rule_json and never through the provider's any-typed rule blocks", () => {
    expect(acl).not.toHaveProperty("rule");
    expect(Object.keys(acl)).toContain("rule_json");
  });

  it("carries the seed's five rules with priorities 1 to 5", () => {
    expect(rules.map((r) => [r.Priority, r.Name])).toEqual([
      [1, "AWSManagedRulesKnownBadInputsRuleSet"],
      [2, "AWSManagedRulesCommonRuleSet"],
      [3, "AWSManagedRulesSQLiRuleSet"],
      [4, "RateLimitRule"],
      [5, "GeoBlockRule"],
    ]);
    expect(new Set(rules.map((r) => r.VisibilityConfig.MetricName)).size).toBe(5);
  });

  it("runs the three AWS managed rule groups without overriding their actions", () => {
    for (const name of MANAGED) {
      const rule = rules.find((r) => r.Name === name)!;
      expect(rule.Statement).toEqual({ ManagedRuleGroupStatement: { Name: name, VendorName: "AWS" } });
      expect(rule.OverrideAction).toEqual({ None: {} });
      expect(rule.Action).toBeUndefined();
      expect(rule.VisibilityConfig).toEqual({ CloudWatchMetricsEnabled: true, MetricName: `${name}Metric`, SampledRequestsEnabled: true });
    }
  });

  it("blocks an IP above 2000 requests per 5 minutes by default", () => {
    const rule = rules.find((r) => r.Name === "RateLimitRule")!;
    expect(rule.Statement).toEqual({ RateBasedStatement: { Limit: 2000, AggregateKeyType: "IP" } });
    expect(rule.Action).toEqual({ Block: {} });
    expect(rule.OverrideAction).toBeUndefined();
  });

  it("uses the rate limit it is given", () => {
    const rule = rulesOf(synthWaf({ rateLimit: 500 })).find((r) => r.Name === "RateLimitRule")!;
    expect(rule.Statement.RateBasedStatement.Limit).toBe(500);
  });

  it("blocks requests from CN and RU by default", () => {
    const rule = rules.find((r) => r.Name === "GeoBlockRule")!;
    expect(rule.Statement).toEqual({ GeoMatchStatement: { CountryCodes: ["CN", "RU"] } });
    expect(rule.Action).toEqual({ Block: {} });
  });

  it("blocks the countries it is given", () => {
    const rule = rulesOf(synthWaf({ geoBlockCountries: ["KP"] })).find((r) => r.Name === "GeoBlockRule")!;
    expect(rule.Statement).toEqual({ GeoMatchStatement: { CountryCodes: ["KP"] } });
  });

  it("leaves the geo rule out when the country list is empty", () => {
    const names = rulesOf(synthWaf({ geoBlockCountries: [] })).map((r) => r.Name);
    expect(names).toEqual([...MANAGED, "RateLimitRule"]);
    expect(wafRules(2000, [])).toHaveLength(4);
  });

  it("throws when the rate limit is below WAF's minimum of 10", () => {
    expect(() => synthWaf({ rateLimit: 5 })).toThrow("Waf rateLimit must be a whole number of at least 10, got: 5.");
    expect(() => synthWaf({ rateLimit: 100.5 })).toThrow("Waf rateLimit must be a whole number of at least 10, got: 100.5.");
  });

  it("associates the web ACL with the load balancer", () => {
    expect(only(doc, "aws_wafv2_web_acl_association")).toEqual({
      resource_arn: ALB_ARN,
      web_acl_arn: `\${aws_wafv2_web_acl.${nameOf(doc, "aws_wafv2_web_acl", "web_acl")}.arn}`,
    });
  });

  it("logs to a KMS-encrypted log group whose name starts with aws-waf-logs-, as WAF requires", () => {
    const group = only(doc, "aws_cloudwatch_log_group");
    expect(group.name).toBe("aws-waf-logs-demo");
    expect(group.retention_in_days).toBe(365);
    expect(group.kms_key_id).toBe(`\${aws_kms_key.${nameOf(doc, "aws_kms_key", "log_key")}.arn}`);
    const logging = only(doc, "aws_wafv2_web_acl_logging_configuration");
    expect(logging.resource_arn).toBe(`\${aws_wafv2_web_acl.${nameOf(doc, "aws_wafv2_web_acl", "web_acl")}.arn}`);
    expect(logging.log_destination_configs).toEqual([`\${aws_cloudwatch_log_group.${nameOf(doc, "aws_cloudwatch_log_group", "log_group")}.arn}`]);
    expect(only(synthWaf({ logRetentionDays: 30 }), "aws_cloudwatch_log_group").retention_in_days).toBe(30);
  });

  it("logs only blocked requests", () => {
    const filter = only(doc, "aws_wafv2_web_acl_logging_configuration").logging_filter as { default_behavior: string; filter: unknown[] };
    expect(filter.default_behavior).toBe("DROP");
    expect(filter.filter).toEqual([{ behavior: "KEEP", requirement: "MEETS_ANY", condition: [{ action_condition: { action: "BLOCK" } }] }]);
  });

  it("lets CloudWatch Logs in the ALB's region use the key only with this log group's encryption context", () => {
    const key = only(doc, "aws_kms_key");
    const documentName = nameOf(doc, "aws_iam_policy_document", "log_key_policy_document", "data");
    expect(key.policy).toBe(`\${data.aws_iam_policy_document.${documentName}.json}`);
    expect(key.enable_key_rotation).toBe(true);
    const statements = dataSources(doc, "aws_iam_policy_document")[documentName].statement as Record<string, unknown>[];
    const logs = statements.filter((s) => JSON.stringify(s.principals).includes("logs."));
    expect(logs).toHaveLength(1);
    expect(logs[0].principals).toEqual([{ type: "Service", identifiers: ["logs.us-east-2.amazonaws.com"] }]);
    const account = nameOf(doc, "aws_caller_identity", "account", "data");
    const partition = nameOf(doc, "aws_partition", "partition", "data");
    expect(logs[0].condition).toEqual([
      {
        test: "ArnEquals",
        variable: "kms:EncryptionContext:aws:logs:arn",
        values: [
          `arn:\${data.aws_partition.${partition}.partition}:logs:us-east-2:\${data.aws_caller_identity.${account}.account_id}:log-group:aws-waf-logs-demo`,
        ],
      },
    ]);
    expect(key.provider).toBeUndefined();
  });

  it("names the key's alias after the prefix", () => {
    expect(only(doc, "aws_kms_alias").name).toBe("alias/demo-waf-logs");
  });
});

describe("Waf in the app", () => {
  const { app } = synthApp({ wafRateLimit: 1000, wafGeoBlockCountries: [] });

  it("protects the app's load balancer", () => {
    expect(only(app, "aws_wafv2_web_acl_association").resource_arn).toBe("${aws_lb.load_balancer_alb.arn}");
  });

  it("takes the rate limit and countries from the settings", () => {
    const rules = rulesOf(app);
    expect(rules.map((r) => r.Name)).not.toContain("GeoBlockRule");
    expect(rules.find((r) => r.Name === "RateLimitRule")!.Statement.RateBasedStatement.Limit).toBe(1000);
  });
});
