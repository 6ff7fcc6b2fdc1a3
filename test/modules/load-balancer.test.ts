import { describe, expect, it } from "vitest";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { LoadBalancer, LoadBalancerProps } from "../../modules/load-balancer";
import { dataSources, moduleStack, only, resources, synthApp, synthStack, TfJson } from "../helpers/synth";

type Overrides = Partial<Omit<LoadBalancerProps, "subnets" | "instances">>;

const CERTIFICATE_ARN = "arn:aws:acm:us-east-2:111122223333:certificate/abc";

function synthLoadBalancer(overrides: Overrides = {}, subnetCount = 2): TfJson {
  const { stack } = moduleStack(overrides.region ?? "us-east-2");
  const subnets = Array.from({ length: subnetCount }, (_, i) => new Subnet(stack, `public_${i + 1}`, { vpcId: "vpc-123", cidrBlock: `10.0.${i}.0/24` }));
  const instances = [1, 2].map((n) => new Instance(stack, `server_${n}`, { ami: "ami-123", instanceType: "t3.micro" }));
  new LoadBalancer(stack, "load_balancer", {
    namePrefix: "demo",
    region: "us-east-2",
    vpcId: "vpc-123",
    subnets,
    instances,
    instanceSecurityGroupId: "sg-instances",
    certificateArn: CERTIFICATE_ARN,
    ...overrides,
  });
  return synthStack(stack);
}

/** A bare stack names module resources `<construct path>_<hash>`; this finds one by its construct id. */
function named(doc: TfJson, type: string, id: string, block: "resource" | "data" = "resource"): { name: string; body: Record<string, unknown> } {
  const pattern = new RegExp(`^load_balancer_${id}_[0-9A-F]{8}$`);
  const all = block === "resource" ? resources(doc, type) : dataSources(doc, type);
  const hits = Object.entries(all).filter(([name]) => pattern.test(name));
  if (hits.length !== 1) throw new Error(`expected one ${type} with id ${id}, found ${hits.length}`);
  return { name: hits[0][0], body: hits[0][1] };
}

function ref(doc: TfJson, type: string, id: string, attribute: string): string {
  return `\${${type}.${named(doc, type, id).name}.${attribute}}`;
}

type Statement = { sid?: string; effect: string; principals: { type: string; identifiers: string[] }[]; actions: string[]; resources: string[]; condition?: unknown };

function bucketPolicyStatements(doc: TfJson): Statement[] {
  const policy = only(doc, "aws_s3_bucket_policy");
  const document = named(doc, "aws_iam_policy_document", "access_log_policy_document", "data");
  expect(policy.policy).toBe(`\${data.aws_iam_policy_document.${document.name}.json}`);
  return document.body.statement as Statement[];
}

function logWriter(doc: TfJson): Statement {
  const statement = bucketPolicyStatements(doc).find((s) => s.sid === "AllowLoadBalancerAccessLogs");
  expect(statement).toBeDefined();
  return statement!;
}

describe("LoadBalancer", () => {
  const doc = synthLoadBalancer();
  const bucketId = ref(doc, "aws_s3_bucket", "access_log_bucket", "id");
  const bucketArn = ref(doc, "aws_s3_bucket", "access_log_bucket", "arn");

  it("creates an internet-facing application load balancer across the public subnets", () => {
    const alb = only(doc, "aws_lb");
    expect(alb.name).toBe("demo-alb");
    expect(alb.internal).toBe(false);
    expect(alb.load_balancer_type).toBe("application");
    expect(alb.subnets).toEqual(["${aws_subnet.public_1.id}", "${aws_subnet.public_2.id}"]);
    expect(alb.security_groups).toEqual([ref(doc, "aws_security_group", "security_group", "id")]);
  });

  it("drops invalid HTTP header fields, against request smuggling", () => {
    expect(only(doc, "aws_lb").drop_invalid_header_fields).toBe(true);
  });

  it("protects the load balancer from deletion by default, and allows turning it off", () => {
    expect(only(doc, "aws_lb").enable_deletion_protection).toBe(true);
    expect(only(synthLoadBalancer({ deletionProtection: false }), "aws_lb").enable_deletion_protection).toBe(false);
  });

  it("writes access logs to its own bucket, only after the bucket policy exists", () => {
    const alb = only(doc, "aws_lb");
    expect(alb.access_logs).toEqual({ bucket: bucketId, enabled: true });
    expect(alb.depends_on).toEqual([`aws_s3_bucket_policy.${named(doc, "aws_s3_bucket_policy", "access_log_bucket_policy").name}`]);
  });

  it("keeps the access-log bucket and its logs on destroy", () => {
    const bucket = only(doc, "aws_s3_bucket");
    expect(bucket.force_destroy).toBe(false);
    const account = named(doc, "aws_caller_identity", "account", "data").name;
    expect(bucket.bucket).toBe(`\${data.aws_caller_identity.${account}.account_id}-demo-alb-logs`);
  });

  it("blocks every kind of public access to the access-log bucket", () => {
    expect(only(doc, "aws_s3_bucket_public_access_block")).toEqual({
      bucket: bucketId,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it("encrypts access logs with SSE-S3 (AES256), the only encryption ALB logging supports", () => {
    const encryption = only(doc, "aws_s3_bucket_server_side_encryption_configuration");
    expect(encryption.bucket).toBe(bucketId);
    expect(encryption.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
  });

  it("disables ACLs on the access-log bucket with BucketOwnerEnforced", () => {
    const ownership = only(doc, "aws_s3_bucket_ownership_controls");
    expect(ownership.bucket).toBe(bucketId);
    expect(ownership.rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  it("expires access logs after 365 days by default, or the retention it is given", () => {
    const rules = (lifecycle: Record<string, unknown>) => lifecycle.rule as { status: string; expiration: { days: number }[] }[];
    const [rule] = rules(only(doc, "aws_s3_bucket_lifecycle_configuration"));
    expect(rule.status).toBe("Enabled");
    expect(rule.expiration).toEqual([{ days: 365 }]);
    const [custom] = rules(only(synthLoadBalancer({ accessLogRetentionDays: 90 }), "aws_s3_bucket_lifecycle_configuration"));
    expect(custom.expiration).toEqual([{ days: 90 }]);
  });

  it("applies the bucket policy only after the public access block", () => {
    const policy = only(doc, "aws_s3_bucket_policy");
    expect(policy.bucket).toBe(bucketId);
    expect(policy.depends_on).toEqual([`aws_s3_bucket_public_access_block.${named(doc, "aws_s3_bucket_public_access_block", "access_log_public_access_block").name}`]);
  });

  it("lets the us-east-2 Elastic Load Balancing account write under AWSLogs/<account>/ only", () => {
    const account = named(doc, "aws_caller_identity", "account", "data").name;
    expect(logWriter(doc)).toMatchObject({
      effect: "Allow",
      principals: [{ type: "AWS", identifiers: ["arn:aws:iam::033677994240:root"] }],
      actions: ["s3:PutObject"],
      resources: [`${bucketArn}/AWSLogs/\${data.aws_caller_identity.${account}.account_id}/*`],
    });
  });

  it("lets the log-delivery service principal write in a region opened after August 2022", () => {
    expect(logWriter(synthLoadBalancer({ region: "ap-southeast-5" })).principals).toEqual([
      { type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] },
    ]);
  });

  it("uses the aws-us-gov partition for the GovCloud Elastic Load Balancing account", () => {
    expect(logWriter(synthLoadBalancer({ region: "us-gov-west-1" })).principals).toEqual([
      { type: "AWS", identifiers: ["arn:aws-us-gov:iam::048591011584:root"] },
    ]);
  });

  it("denies every request to the access-log bucket that does not use TLS", () => {
    const deny = bucketPolicyStatements(doc).find((s) => s.effect === "Deny");
    expect(deny).toEqual({
      sid: "DenyInsecureTransport",
      effect: "Deny",
      principals: [{ type: "*", identifiers: ["*"] }],
      actions: ["s3:*"],
      resources: [bucketArn, `${bucketArn}/*`],
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
  });

  it("redirects HTTP to HTTPS with a permanent 301", () => {
    const http = named(doc, "aws_lb_listener", "http_listener").body;
    expect(http.load_balancer_arn).toBe(ref(doc, "aws_lb", "alb", "arn"));
    expect(http.port).toBe(80);
    expect(http.protocol).toBe("HTTP");
    expect(http.default_action).toEqual([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }]);
  });

  it("terminates HTTPS with the TLS 1.3 policy and the given certificate, forwarding to the target group", () => {
    const https = named(doc, "aws_lb_listener", "https_listener").body;
    expect(https).toMatchObject({
      load_balancer_arn: ref(doc, "aws_lb", "alb", "arn"),
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificate_arn: CERTIFICATE_ARN,
    });
    expect(https.default_action).toEqual([{ type: "forward", target_group_arn: ref(doc, "aws_lb_target_group", "target_group", "arn") }]);
  });

  it("uses another TLS policy when one is given", () => {
    const custom = synthLoadBalancer({ sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" });
    expect(named(custom, "aws_lb_listener", "https_listener").body.ssl_policy).toBe("ELBSecurityPolicy-TLS13-1-3-2021-06");
  });

  it("health-checks the web servers over HTTP on the traffic port, expecting 200", () => {
    const group = only(doc, "aws_lb_target_group");
    expect(group).toMatchObject({ name: "demo-web", port: 80, protocol: "HTTP", vpc_id: "vpc-123" });
    expect(group.health_check).toMatchObject({ enabled: true, path: "/", port: "traffic-port", protocol: "HTTP", matcher: "200" });
  });

  it("registers every instance in the target group on port 80", () => {
    const attachments = Object.values(resources(doc, "aws_lb_target_group_attachment"));
    expect(attachments.map((a) => a.target_id).sort()).toEqual(["${aws_instance.server_1.id}", "${aws_instance.server_2.id}"]);
    for (const a of attachments) {
      expect(a.target_group_arn).toBe(ref(doc, "aws_lb_target_group", "target_group", "arn"));
      expect(a.port).toBe(80);
    }
  });

  it("opens the instances' security group to HTTP from the load balancer's security group only", () => {
    expect(only(doc, "aws_vpc_security_group_ingress_rule")).toMatchObject({
      security_group_id: "sg-instances",
      ip_protocol: "tcp",
      from_port: 80,
      to_port: 80,
      referenced_security_group_id: ref(doc, "aws_security_group", "security_group", "id"),
    });
    const albGroup = only(doc, "aws_security_group");
    const egress = albGroup.egress as Record<string, unknown>[];
    expect(egress).toHaveLength(1);
    expect(egress[0]).toMatchObject({ from_port: 80, to_port: 80, protocol: "tcp", security_groups: ["sg-instances"] });
    const ingress = albGroup.ingress as Record<string, unknown>[];
    expect(ingress.map((r) => r.from_port).sort()).toEqual([443, 80]);
  });

  it("throws when the name prefix would make the ALB name longer than 32 characters", () => {
    expect(() => synthLoadBalancer({ namePrefix: "a".repeat(29) })).toThrow(
      `LoadBalancer namePrefix "${"a".repeat(29)}" is too long: ALB names are limited to 32 characters; use at most 28.`,
    );
    expect(() => synthLoadBalancer({ namePrefix: "a".repeat(28) })).not.toThrow();
  });

  it("throws when given subnets in fewer than two zones", () => {
    expect(() => synthLoadBalancer({}, 1)).toThrow("LoadBalancer needs subnets in at least two zones, got 1.");
  });
});

describe("LoadBalancer in the app", () => {
  const { app } = synthApp();

  it("spans the network's public subnets", () => {
    expect(only(app, "aws_lb").subnets).toEqual([1, 2, 3].map((n) => `\${aws_subnet.network_public_subnet_${n}.id}`));
  });

  it("serves HTTPS only once ACM has issued the certificate, through the validation's certificate_arn", () => {
    expect(resources(app, "aws_lb_listener").load_balancer_https_listener.certificate_arn).toBe(
      "${aws_acm_certificate_validation.certificate_validation.certificate_arn}",
    );
  });

  it("picks the log-writer principal of the region setting", () => {
    const statements = resources(app, "aws_s3_bucket_policy").load_balancer_access_log_bucket_policy.policy;
    expect(statements).toBe("${data.aws_iam_policy_document.load_balancer_access_log_policy_document.json}");
    const euWest1 = synthApp({ region: "eu-west-1" }).app;
    const document = dataSources(euWest1, "aws_iam_policy_document").load_balancer_access_log_policy_document;
    expect((document.statement as Statement[])[0].principals).toEqual([{ type: "AWS", identifiers: ["arn:aws:iam::156460612806:root"] }]);
  });
});
