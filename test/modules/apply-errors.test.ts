import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EVENTUAL_CONSISTENCY_ERRORS } from "../../modules/apply-errors";
import { only, resources, synthApp } from "../helpers/synth";

const README = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
const section = README.slice(README.indexOf("## Apply errors that a second apply fixes"), README.indexOf("## Who can sign with the KSK"));

describe("apply errors that a second apply fixes", () => {
  it.each(EVENTUAL_CONSISTENCY_ERRORS)("the README lists $resourceType's $code with the exact message", (error) => {
    expect(section).toContain(`| \`${error.resourceType}\` | \`${error.code}\` | \`${error.message}\` |`);
  });

  it("names the apply role's KMS permissions that the key policy's delegation to IAM requires", () => {
    for (const action of ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:PutKeyPolicy"]) expect(section).toContain(`\`${action}\``);
  });

  it("only lists resource types the app creates, each of whose keys or policies is set at creation", () => {
    const { app } = synthApp();
    for (const error of EVENTUAL_CONSISTENCY_ERRORS) expect(Object.keys(resources(app, error.resourceType)).length, error.resourceType).toBeGreaterThan(0);
    // Every KMS key of the app is created with its policy, the first remedy of the section.
    for (const [name, key] of Object.entries(resources(app, "aws_kms_key"))) expect(key.policy, name).toMatch(/^\$\{data\.aws_iam_policy_document\./);
    expect(only(app, "aws_route53_query_log").depends_on).toEqual(["aws_cloudwatch_log_resource_policy.query_logging_resource_policy"]);
  });
});
