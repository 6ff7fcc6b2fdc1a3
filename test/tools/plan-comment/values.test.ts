import { describe, expect, it } from "vitest";
import { Redactor } from "../../../tools/plan-comment/redact";
import { resourceValueLines } from "../../../tools/plan-comment/values";
import { ChangeSpec, buildPlan, fixture } from "./plan-builder";

const NONE = new Redactor([]);

function lines(spec: ChangeSpec, red = NONE, maxValueLength = 2000): string[] {
  return resourceValueLines(buildPlan([spec]).resources[0], red, { maxValueLength });
}

function linesOf(name: string, address: string): string[] {
  const plan = fixture(name);
  const change = plan.resources.find((r) => r.address === address)!;
  return resourceValueLines(change, plan.redactor, { maxValueLength: 2000 });
}

describe("resourceValueLines", () => {
  it("shows an update's changed scalars old -> new and folds the unchanged ones", () => {
    expect(
      lines({ type: "aws_instance", actions: ["update"], before: { ami: "ami-1", instance_type: "t3.micro" }, after: { ami: "ami-1", instance_type: "m7i.4xlarge" } }),
    ).toEqual(['~ instance_type = "t3.micro" -> "m7i.4xlarge"', "  # (1 unchanged attribute hidden)"]);
  });

  it("shows maps by key and nested blocks by element, from a real Terraform plan", () => {
    const web = linesOf("values/update-values.json", "aws_instance.web").join("\n");
    expect(web).toContain('\n    ~ instance_type = "t3.micro" -> "m7i.4xlarge"\n');
    expect(web).toContain('\n    ~ tags = {\n        ~ Env = "dev" -> "prod"\n          # (3 unchanged attributes hidden)\n      }\n');
    expect(web).toContain(
      '\n    ~ ebs_block_device = [\n        ~ {\n              device_name = "/dev/sdc"\n            ~ volume_size = 100 -> 500\n            ~ volume_type = "gp3" -> "io2"\n          }\n          # (1 unchanged element hidden)\n      ]\n',
    );
    expect(web).toContain("~ output = (known after apply)");
  });

  it("compares lists of plain values as sets", () => {
    const ssh = linesOf("values/update-values.json", "aws_security_group_rule.ssh").join("\n");
    expect(ssh).toContain('~ cidr_blocks = [\n        - "10.0.0.0/8"\n        + "0.0.0.0/0"\n      ]');
  });

  it("decodes JSON documents held in strings and shows the changed statement by Sid, never two blobs", () => {
    const deploy = linesOf("values/update-values.json", "aws_iam_policy.deploy").join("\n");
    expect(deploy).toContain("~ policy = jsonencode(");
    expect(deploy).toContain('Sid = "ReadArtifacts"');
    expect(deploy).toContain('- "s3:GetObject"\n                        + "s3:*"');
    expect(deploy).toContain("# (1 unchanged element hidden)");
    expect(deploy).not.toContain("logs:PutLogEvents");
    expect(deploy).not.toContain('\\"Statement\\"');
  });

  it("matches policy statements by Sid even when their order changes", () => {
    const a = { Sid: "A", Effect: "Allow", Action: "s3:GetObject" };
    const b = { Sid: "B", Effect: "Allow", Action: "sqs:SendMessage" };
    const out = lines({
      type: "aws_iam_policy",
      actions: ["update"],
      before: { policy: JSON.stringify({ Statement: [a, b] }) },
      after: { policy: JSON.stringify({ Statement: [{ ...b, Effect: "Deny" }, a] }) },
    }).join("\n");
    expect(out).toContain('Sid = "B"\n                ~ Effect = "Allow" -> "Deny"');
    expect(out).not.toContain('Sid = "A"');
  });

  it("shows values known only after apply as (known after apply)", () => {
    const out = lines({ type: "aws_kms_key", actions: ["update"], before: { arn: "arn:1", policy: "{}" }, after: { arn: "arn:1" }, afterUnknown: { policy: true } });
    expect(out).toEqual(['~ policy = "{}" -> (known after apply)', "  # (1 unchanged attribute hidden)"]);
  });

  it("lists a create's known arguments, skipping computed and empty ones", () => {
    const out = lines({ type: "aws_s3_bucket", actions: ["create"], after: { bucket: "logs", tags: {}, policy: null }, afterUnknown: { arn: true, id: true } });
    expect(out).toEqual(['+ bucket = "logs"']);
  });

  it("shows a replacement's forcing attributes and counts the other changes", () => {
    const queue = linesOf("values/create-replace-delete.json", "aws_sqs_queue.queue");
    expect(queue[0]).toBe("~ triggers_replace = [ # forces replacement");
    expect(queue).toContain('    - "fifo=false"');
    expect(queue).toContain('    + "fifo=true"');
    expect(queue[queue.length - 1]).toBe("# (3 other attributes also change)");
  });

  it("shows a delete's identifying attributes only", () => {
    const out = lines({ type: "aws_route53_zone", actions: ["delete"], before: { name: "example.com", id: "Z1", comment: "x", tags: { a: "b" } } });
    expect(out).toEqual(['- name = "example.com"', '- id = "Z1"']);
  });

  it("cuts long values with the count of characters left out", () => {
    const out = lines({ type: "aws_ssm_parameter", actions: ["update"], before: { value: "a".repeat(50) }, after: { value: "b".repeat(50) } }, NONE, 10);
    expect(out).toEqual(['~ value = "aaaaaaaaaa"… (40 more characters) -> "bbbbbbbbbb"… (40 more characters)']);
  });

  it("redacts values marked sensitive, and says that they changed", () => {
    const out = lines({
      type: "aws_db_instance",
      actions: ["update"],
      before: { password: "hunter2-one", instance_class: "db.t3.micro" },
      after: { password: "hunter2-two", instance_class: "db.t3.micro" },
      beforeSensitive: { password: true },
      afterSensitive: { password: true },
    });
    expect(out).toEqual(["~ password = (sensitive)", "  # (1 unchanged attribute hidden)"]);
  });
});
