import { describe, expect, it } from "vitest";
import { LogEncryptionKey, LogEncryptionKeyProps } from "../../modules/log-encryption-key";
import { dataSources, moduleStack, only, synthStack, TfJson } from "../helpers/synth";

type Statement = { sid: string; effect: string; principals: unknown; actions: string[]; resources: string[]; condition?: unknown };

function synthKey(overrides: Partial<LogEncryptionKeyProps> = {}, onUsEast1 = false): TfJson {
  const { stack, usEast1 } = moduleStack();
  new LogEncryptionKey(stack, "log_key", {
    purpose: "Encrypts test logs",
    aliasName: "alias/demo-test-logs",
    region: "eu-west-1",
    accountId: "111122223333",
    partition: "aws",
    logGroupName: "aws-waf-logs-demo",
    provider: onUsEast1 ? usEast1 : undefined,
    ...overrides,
  });
  return synthStack(stack);
}

function statements(doc: TfJson): Statement[] {
  const documents = Object.entries(dataSources(doc, "aws_iam_policy_document"));
  expect(documents).toHaveLength(1);
  const [name, document] = documents[0];
  expect(only(doc, "aws_kms_key").policy).toBe(`\${data.aws_iam_policy_document.${name}.json}`);
  return document.statement as Statement[];
}

describe("LogEncryptionKey", () => {
  const doc = synthKey();

  it("creates a rotating symmetric key described by its purpose", () => {
    const key = only(doc, "aws_kms_key");
    expect(key.description).toBe("Encrypts test logs");
    expect(key.enable_key_rotation).toBe(true);
    expect(key.customer_master_key_spec).toBeUndefined();
  });

  it("defaults the deletion window to 30 days and uses the one it is given", () => {
    expect(only(doc, "aws_kms_key").deletion_window_in_days).toBe(30);
    expect(only(synthKey({ deletionWindowDays: 7 }), "aws_kms_key").deletion_window_in_days).toBe(7);
  });

  it("names the key with the alias it is given", () => {
    const alias = only(doc, "aws_kms_alias");
    expect(alias.name).toBe("alias/demo-test-logs");
    expect(alias.target_key_id).toMatch(/^\$\{aws_kms_key\.log_key_[0-9A-F]{8}\.key_id\}$/);
  });

  it("keeps the account root as key administrator, so the key can never become unmanageable", () => {
    const admin = statements(doc).find((s) => s.sid === "EnableAccountAdministration");
    expect(admin).toEqual({
      sid: "EnableAccountAdministration",
      effect: "Allow",
      principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111122223333:root"] }],
      actions: ["kms:*"],
      resources: ["*"],
    });
  });

  it("lets the regional CloudWatch Logs principal use the key only under this log group's encryption context", () => {
    const logs = statements(doc).find((s) => s.sid === "AllowCloudWatchLogsForThisLogGroup");
    expect(logs).toEqual({
      sid: "AllowCloudWatchLogsForThisLogGroup",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["logs.eu-west-1.amazonaws.com"] }],
      actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      resources: ["*"],
      condition: [
        { test: "ArnEquals", variable: "kms:EncryptionContext:aws:logs:arn", values: ["arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-demo"] },
      ],
    });
    expect(statements(doc)).toHaveLength(2);
  });

  it("builds ARNs in the partition it is given", () => {
    const gov = statements(synthKey({ partition: "aws-us-gov", region: "us-gov-west-1" }));
    expect(JSON.stringify(gov)).toContain("arn:aws-us-gov:iam::111122223333:root");
    expect(JSON.stringify(gov)).toContain("arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:aws-waf-logs-demo");
  });

  it("uses the stack's default provider unless given one, and then puts the key, alias and policy on it", () => {
    expect(only(doc, "aws_kms_key").provider).toBeUndefined();
    const onUsEast1 = synthKey({ region: "us-east-1" }, true);
    expect(only(onUsEast1, "aws_kms_key").provider).toBe("aws.us_east_1");
    expect(only(onUsEast1, "aws_kms_alias").provider).toBe("aws.us_east_1");
    expect(Object.values(dataSources(onUsEast1, "aws_iam_policy_document"))[0].provider).toBe("aws.us_east_1");
  });
});

describe("LogEncryptionKey provider region", () => {
  it("throws when the provider is known to be in another region than the log group", () => {
    const { stack, usEast1 } = moduleStack();
    expect(
      () =>
        new LogEncryptionKey(stack, "key", {
          purpose: "p",
          aliasName: "alias/p",
          region: "us-east-2",
          accountId: "111122223333",
          partition: "aws",
          logGroupName: "g",
          provider: usEast1,
        }),
    ).toThrow('LogEncryptionKey: provider must be an AWS provider for us-east-2 (CloudWatch Logs only uses keys in the log group\'s region), got one for "us-east-1"; pass the aliased us-east-2 provider.');
  });
});
