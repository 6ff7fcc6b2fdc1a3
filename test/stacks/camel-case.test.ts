import { describe, expect, it } from "vitest";
import { synthApp, TfJson } from "../helpers/synth";

/** The parts of a Terraform JSON document whose keys Terraform reads as argument and block names. */
const SECTIONS = ["resource", "data", "provider", "output", "terraform"] as const;

type Path = readonly (string | number)[];

/**
 * Maps whose keys are AWS's own names rather than Terraform arguments, so upper case is right there:
 * - `tags` of a resource or data source, and `default_tags[].tags` of a provider: AWS tag keys such
 *   as `Name` and `Project` are free text chosen by the user (EC2 shows `Name` as the resource name).
 * - `dimensions` of a CloudWatch metric alarm: CloudWatch dimension names are fixed by the metric's
 *   namespace, e.g. `HostedZoneId` for AWS/Route53.
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-hosted-zones-with-cloudwatch.html
 */
function isAwsNamedMap(path: Path): boolean {
  const [section, type, , key] = path;
  if ((section === "resource" || section === "data") && path.length === 4 && key === "tags") return true;
  if (section === "resource" && type === "aws_cloudwatch_metric_alarm" && path.length === 4 && key === "dimensions") return true;
  return section === "provider" && path.length === 6 && path[3] === "default_tags" && path[5] === "tags";
}

/**
 * Every key with an upper-case letter below the given sections, as a dotted path. The "//" key is
 * cdktf's metadata, which Terraform ignores; string values are not looked into (a JSON string such
 * as WAF's `rule_json` is the API's own PascalCase shape, and references are not keys).
 */
function upperCaseKeys(doc: TfJson): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: Path): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (value === null || typeof value !== "object") return;
    if (isAwsNamedMap(path)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "//") continue;
      if (/[A-Z]/.test(key)) found.push([...path, key].join("."));
      walk(child, [...path, key]);
    }
  };
  for (const section of SECTIONS) walk(doc[section], [section]);
  return found;
}

const TWO_KSKS_AUTOMATED_DS = {
  parentDs: "route53-domains",
  alarmEmail: "ops@example.com",
  keySigningKeys: [
    { name: "ksk_1", status: "active" },
    { name: "ksk_2", status: "active", publishDs: false },
  ],
};

describe("synthesized configuration", () => {
  const apps = {
    "the default app": synthApp(),
    "an app with Route 53 Domains DS automation, an alarm e-mail and two KSKs": synthApp(TWO_KSKS_AUTOMATED_DS),
  };

  for (const [label, stacks] of Object.entries(apps)) {
    for (const [stackId, doc] of Object.entries(stacks)) {
      it(`writes no camelCase key in the ${stackId} stack of ${label}`, () => {
        expect(doc.resource).toBeDefined();
        expect(upperCaseKeys(doc)).toEqual([]);
      });
    }
  }

  it("covers the resources that take the variant's settings", () => {
    const variant = apps["an app with Route 53 Domains DS automation, an alarm e-mail and two KSKs"].app;
    expect(Object.keys(variant.resource?.aws_route53_key_signing_key ?? {})).toHaveLength(2);
    expect(Object.keys(variant.resource?.aws_route53domains_delegation_signer_record ?? {})).not.toHaveLength(0);
    expect(Object.keys(variant.resource?.aws_sns_topic_subscription ?? {})).toHaveLength(1);
  });
});

describe("upperCaseKeys", () => {
  it("finds a camelCase key at any depth of a resource, data source, provider or output", () => {
    const doc: TfJson = {
      resource: { aws_wafv2_web_acl: { acl: { rule: [{ statement: { managedRuleGroupStatement: { name: "x" } } }] } } },
      data: { aws_iam_policy_document: { d: { statement: [{ notActions: ["x"] }] } } },
      provider: { aws: [{ defaultTags: [{ tags: {} }] }] },
      output: { o: { value: { kskName: "x" } } },
    };
    expect(upperCaseKeys(doc)).toEqual([
      "resource.aws_wafv2_web_acl.acl.rule.0.statement.managedRuleGroupStatement",
      "data.aws_iam_policy_document.d.statement.0.notActions",
      "provider.aws.0.defaultTags",
      "output.o.value.kskName",
    ]);
  });

  it("ignores metadata, string values, tag keys and alarm dimensions, but not look-alike maps elsewhere", () => {
    const doc: TfJson = {
      resource: {
        aws_wafv2_web_acl: { acl: { "//": { metadata: { uniqueId: "acl" } }, rule_json: '[{"Name":"x"}]', tags: { Name: "acl" } } },
        aws_cloudwatch_metric_alarm: { a: { dimensions: { HostedZoneId: "Z1" } } },
        aws_lb: { lb: { access_logs: { tags: { Name: "nested" } }, dimensions: { HostedZoneId: "Z1" } } },
      },
      provider: { aws: [{ default_tags: [{ tags: { Project: "demo" } }] }] },
    };
    expect(upperCaseKeys(doc)).toEqual(["resource.aws_lb.lb.access_logs.tags.Name", "resource.aws_lb.lb.dimensions.HostedZoneId"]);
  });
});
