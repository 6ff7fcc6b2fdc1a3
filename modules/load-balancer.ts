import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { elbLogPrincipal } from "./elb-log-principal";

export interface LoadBalancerProps {
  /** Prefix of names; the ALB and target group names are `<prefix>-alb` / `<prefix>-web` (32 characters at most). */
  readonly namePrefix: string;
  /** The region of the ALB, which decides who may write its access logs. */
  readonly region: string;
  readonly vpcId: string;
  /** Public subnets, in at least two zones. */
  readonly subnets: Subnet[];
  /** The instances behind the ALB. */
  readonly instances: Instance[];
  /** The instances' security group; the ALB is granted HTTP into it. */
  readonly instanceSecurityGroupId: string;
  /** The ARN of an issued certificate, e.g. the ACM validation's `certificate_arn`, so the listener waits for issuance. */
  readonly certificateArn: string;
  /**
   * TLS policy of the HTTPS listener.
   * @default "ELBSecurityPolicy-TLS13-1-2-2021-06" - TLS 1.3 with TLS 1.2 fallback
   */
  readonly sslPolicy?: string;
  /**
   * Days after which access logs expire; 0 keeps them forever.
   * @default 365
   */
  readonly accessLogRetentionDays?: number;
  /**
   * Protect the ALB from deletion.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * An internet-facing ALB: HTTP redirects to HTTPS, HTTPS terminates with a TLS 1.3 policy, and
 * access logs go to a private, encrypted bucket whose policy is right for the region.
 */
export class LoadBalancer extends Construct {
  readonly alb: Lb;
  readonly targetGroup: LbTargetGroup;
  readonly httpsListener: LbListener;
  readonly logBucket: S3Bucket;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    if (`${props.namePrefix}-alb`.length > 32) {
      throw new Error(`LoadBalancer namePrefix ${JSON.stringify(props.namePrefix)} is too long: ALB names are limited to 32 characters; use at most 28.`);
    }
    if (props.subnets.length < 2) throw new Error(`LoadBalancer needs subnets in at least two zones, got ${props.subnets.length}.`);
    super(scope, id);
    const identity = new DataAwsCallerIdentity(this, "account");

    this.logBucket = new S3Bucket(this, "access_log_bucket", {
      bucket: `${identity.accountId}-${props.namePrefix}-alb-logs`,
      // Keep logs on destroy: they are evidence. Empty the bucket by hand to delete it.
      forceDestroy: false,
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "access_log_public_access_block", {
      bucket: this.logBucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "access_log_ownership", {
      bucket: this.logBucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    // ALB access logs support only SSE-S3, not KMS.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
    new S3BucketServerSideEncryptionConfiguration(this, "access_log_encryption", {
      bucket: this.logBucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new S3BucketLifecycleConfiguration(this, "access_log_lifecycle", {
      bucket: this.logBucket.id,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          // 0 keeps the logs forever, as CloudWatch's retention 0 does; S3 has no expiration of 0 days.
          ...(props.accessLogRetentionDays === 0 ? {} : { expiration: [{ days: props.accessLogRetentionDays ?? 365 }] }),
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    const policy = new DataAwsIamPolicyDocument(this, "access_log_policy_document", {
      statement: [
        {
          sid: "AllowLoadBalancerAccessLogs",
          effect: "Allow",
          principals: [elbLogPrincipal(props.region)],
          actions: ["s3:PutObject"],
          resources: [`${this.logBucket.arn}/AWSLogs/${identity.accountId}/*`],
        },
        {
          sid: "DenyInsecureTransport",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [this.logBucket.arn, `${this.logBucket.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
      ],
    });
    const bucketPolicy = new S3BucketPolicy(this, "access_log_bucket_policy", {
      bucket: this.logBucket.id,
      policy: policy.json,
      // S3 rejects a policy while the public access block is being applied concurrently.
      dependsOn: [publicAccess],
    });

    this.securityGroup = new SecurityGroup(this, "security_group", {
      name: `${props.namePrefix}-alb`,
      description: "Load balancer: HTTP and HTTPS from the internet; HTTP to the web servers",
      vpcId: props.vpcId,
      ingress: [
        { description: "HTTP from the internet, redirected to HTTPS", fromPort: 80, toPort: 80, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] },
        { description: "HTTPS from the internet", fromPort: 443, toPort: 443, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] },
      ],
      egress: [
        { description: "HTTP to the web servers", fromPort: 80, toPort: 80, protocol: "tcp", securityGroups: [props.instanceSecurityGroupId] },
      ],
      tags: { Name: `${props.namePrefix}-alb` },
    });
    new VpcSecurityGroupIngressRule(this, "instance_ingress_from_alb", {
      securityGroupId: props.instanceSecurityGroupId,
      description: "HTTP from the load balancer",
      ipProtocol: "tcp",
      fromPort: 80,
      toPort: 80,
      referencedSecurityGroupId: this.securityGroup.id,
    });

    this.alb = new Lb(this, "alb", {
      name: `${props.namePrefix}-alb`,
      internal: false,
      loadBalancerType: "application",
      securityGroups: [this.securityGroup.id],
      subnets: props.subnets.map((s) => s.id),
      enableDeletionProtection: props.deletionProtection ?? true,
      dropInvalidHeaderFields: true,
      accessLogs: { bucket: this.logBucket.id, enabled: true },
      dependsOn: [bucketPolicy],
    });

    this.targetGroup = new LbTargetGroup(this, "target_group", {
      name: `${props.namePrefix}-web`,
      port: 80,
      protocol: "HTTP",
      vpcId: props.vpcId,
      healthCheck: {
        enabled: true,
        path: "/",
        port: "traffic-port",
        protocol: "HTTP",
        matcher: "200",
        interval: 10,
        timeout: 3,
        healthyThreshold: 3,
        unhealthyThreshold: 2,
      },
    });
    props.instances.forEach((instance, i) => {
      new LbTargetGroupAttachment(this, `target_${i + 1}`, {
        targetGroupArn: this.targetGroup.arn,
        targetId: instance.id,
        port: 80,
      });
    });

    new LbListener(this, "http_listener", {
      loadBalancerArn: this.alb.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    this.httpsListener = new LbListener(this, "https_listener", {
      loadBalancerArn: this.alb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: props.sslPolicy ?? "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: props.certificateArn,
      defaultAction: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
    });
  }
}
