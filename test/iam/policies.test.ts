import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";
import { buildStacks } from "../../stacks/build";
import { synthApp, type TfJson } from "../helpers/synth";

/**
 * The IAM documents in iam/ are templates: 111122223333, OWNER/REPO, STATE_BUCKET,
 * STATE_KEY_PREFIX and APP_NAME are replaced when the roles are created (README, "Roles and
 * risks"). These tests fill them from varied settings and check them against what the stacks
 * synthesize and what the workflows assume.
 */
const IAM = join(__dirname, "..", "..", "iam");
const WORKFLOWS = join(__dirname, "..", "..", ".github", "workflows");

interface Statement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}
interface Policy {
  Version: string;
  Statement: Statement[];
}
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface Fill {
  account: string;
  repo: string;
  stateBucket: string;
  stateKeyPrefix: string;
  name: string;
}
function load(file: string, fill?: Fill): Policy {
  let text = readFileSync(join(IAM, file), "utf8");
  if (fill) {
    text = text
      .replaceAll("111122223333", fill.account)
      .replaceAll("OWNER/REPO", fill.repo)
      .replaceAll("STATE_BUCKET", fill.stateBucket)
      .replaceAll("STATE_KEY_PREFIX", fill.stateKeyPrefix)
      .replaceAll("APP_NAME", fill.name);
  }
  return JSON.parse(text) as Policy;
}
const sid = (p: Policy, id: string) => {
  const s = p.Statement.find((x) => x.Sid === id);
  if (!s) throw new Error(`no statement ${id}`);
  return s;
};
const allowed = (p: Policy) => p.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => list(s.Action));
/** IAM action matching, wildcards included, case-insensitive as IAM is. */
const covers = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i").test(action);
const grants = (actions: readonly string[], action: string) => actions.some((a) => covers(a, action));

/**
 * IAM's decision for an S3 object action on one ARN, as far as these documents go: allowed when an
 * Allow statement matches and no Deny does. Statements with a Condition are left out: none of them
 * is about S3 objects. `*` in an ARN matches any characters, "/" included, as in IAM.
 */
function decide(p: Policy, action: string, arn: string): boolean {
  const matches = (s: Statement) =>
    !s.Condition &&
    list(s.Action).some((a) => covers(a, action)) &&
    (s.Resource !== undefined ? list(s.Resource).some((r) => covers(r, arn)) : !list(s.NotResource).some((r) => covers(r, arn)));
  return p.Statement.some((s) => s.Effect === "Allow" && matches(s)) && !p.Statement.some((s) => s.Effect === "Deny" && matches(s));
}

/** Synthesizes the app with a fleet and returns every stack's state key, in the stacks' order, and each stack's JSON. */
function stateKeys(context: Record<string, unknown>): { bucket: string; keys: string[]; docs: Record<string, TfJson> } {
  const outdir = mkdtempSync(join(tmpdir(), "iam-fleet-"));
  try {
    const app = new App({ outdir });
    buildStacks(app, loadSettings(context));
    app.synth();
    const ids = readdirSync(join(outdir, "stacks"));
    const docs = ids.map((id) => JSON.parse(readFileSync(join(outdir, "stacks", id, "cdk.tf.json"), "utf8")) as TfJson);
    return { bucket: backend(docs[0]).bucket, keys: docs.map((d) => backend(d).key).sort(), docs: Object.fromEntries(ids.map((id, i) => [id, docs[i]])) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** For each resource type the stacks can manage: actions the apply role needs, and the plan role's refresh read. */
const NEEDS: Record<string, { apply: string[]; read: string[] }> = {
  aws_acm_certificate: { apply: ["acm:RequestCertificate", "acm:DeleteCertificate"], read: ["acm:DescribeCertificate"] },
  aws_acm_certificate_validation: { apply: ["acm:DescribeCertificate"], read: ["acm:DescribeCertificate"] },
  aws_cloudwatch_log_group: { apply: ["logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:AssociateKmsKey"], read: ["logs:DescribeLogGroups"] },
  aws_cloudwatch_log_resource_policy: { apply: ["logs:PutResourcePolicy", "logs:DeleteResourcePolicy"], read: ["logs:DescribeResourcePolicies"] },
  aws_cloudwatch_metric_alarm: { apply: ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"], read: ["cloudwatch:DescribeAlarms"] },
  aws_default_security_group: { apply: ["ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"], read: ["ec2:DescribeSecurityGroups"] },
  aws_eip: { apply: ["ec2:AllocateAddress", "ec2:ReleaseAddress"], read: ["ec2:DescribeAddresses"] },
  aws_flow_log: { apply: ["ec2:CreateFlowLogs", "ec2:DeleteFlowLogs"], read: ["ec2:DescribeFlowLogs"] },
  aws_iam_role: { apply: ["iam:CreateRole", "iam:DeleteRole"], read: ["iam:GetRole"] },
  aws_iam_role_policy: { apply: ["iam:PutRolePolicy", "iam:DeleteRolePolicy"], read: ["iam:GetRolePolicy"] },
  aws_instance: { apply: ["ec2:RunInstances", "ec2:TerminateInstances"], read: ["ec2:DescribeInstances"] },
  aws_internet_gateway: { apply: ["ec2:CreateInternetGateway", "ec2:AttachInternetGateway"], read: ["ec2:DescribeInternetGateways"] },
  aws_kms_alias: { apply: ["kms:CreateAlias", "kms:DeleteAlias"], read: ["kms:ListAliases"] },
  aws_kms_key: { apply: ["kms:CreateKey", "kms:ScheduleKeyDeletion"], read: ["kms:DescribeKey", "kms:GetKeyPolicy"] },
  aws_kms_key_policy: { apply: ["kms:PutKeyPolicy"], read: ["kms:GetKeyPolicy"] },
  aws_lb: { apply: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:DeleteLoadBalancer"], read: ["elasticloadbalancing:DescribeLoadBalancers"] },
  aws_lb_listener: { apply: ["elasticloadbalancing:CreateListener"], read: ["elasticloadbalancing:DescribeListeners"] },
  aws_lb_target_group: { apply: ["elasticloadbalancing:CreateTargetGroup"], read: ["elasticloadbalancing:DescribeTargetGroups"] },
  aws_lb_target_group_attachment: { apply: ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"], read: ["elasticloadbalancing:DescribeTargetHealth"] },
  aws_nat_gateway: { apply: ["ec2:CreateNatGateway", "ec2:DeleteNatGateway"], read: ["ec2:DescribeNatGateways"] },
  aws_route: { apply: ["ec2:CreateRoute", "ec2:DeleteRoute"], read: ["ec2:DescribeRouteTables"] },
  aws_route_table: { apply: ["ec2:CreateRouteTable", "ec2:DeleteRouteTable"], read: ["ec2:DescribeRouteTables"] },
  aws_route_table_association: { apply: ["ec2:AssociateRouteTable", "ec2:DisassociateRouteTable"], read: ["ec2:DescribeRouteTables"] },
  aws_route53_hosted_zone_dnssec: { apply: ["route53:EnableHostedZoneDNSSEC", "route53:DisableHostedZoneDNSSEC"], read: ["route53:GetDNSSEC"] },
  aws_route53_key_signing_key: {
    apply: ["route53:CreateKeySigningKey", "route53:ActivateKeySigningKey", "route53:DeactivateKeySigningKey", "route53:DeleteKeySigningKey"],
    read: ["route53:GetDNSSEC"],
  },
  aws_route53_query_log: { apply: ["route53:CreateQueryLoggingConfig", "route53:DeleteQueryLoggingConfig"], read: ["route53:GetQueryLoggingConfig"] },
  aws_route53_record: { apply: ["route53:ChangeResourceRecordSets", "route53:GetChange"], read: ["route53:ListResourceRecordSets"] },
  aws_route53_resolver_dnssec_config: { apply: ["route53resolver:UpdateResolverDnssecConfig"], read: ["route53resolver:ListResolverDnssecConfigs"] },
  aws_route53_zone: { apply: ["route53:CreateHostedZone", "route53:DeleteHostedZone"], read: ["route53:GetHostedZone"] },
  aws_route53domains_delegation_signer_record: {
    apply: ["route53domains:AssociateDelegationSignerToDomain", "route53domains:DisassociateDelegationSignerFromDomain", "route53domains:GetOperationDetail"],
    read: ["route53domains:GetDomainDetail"],
  },
  aws_s3_bucket: { apply: ["s3:CreateBucket", "s3:DeleteBucket"], read: ["s3:GetBucketAcl"] },
  aws_s3_bucket_lifecycle_configuration: { apply: ["s3:PutLifecycleConfiguration"], read: ["s3:GetLifecycleConfiguration"] },
  aws_s3_bucket_ownership_controls: { apply: ["s3:PutBucketOwnershipControls"], read: ["s3:GetBucketOwnershipControls"] },
  aws_s3_bucket_policy: { apply: ["s3:PutBucketPolicy", "s3:DeleteBucketPolicy"], read: ["s3:GetBucketPolicy"] },
  aws_s3_bucket_public_access_block: { apply: ["s3:PutBucketPublicAccessBlock"], read: ["s3:GetBucketPublicAccessBlock"] },
  aws_s3_bucket_server_side_encryption_configuration: { apply: ["s3:PutEncryptionConfiguration"], read: ["s3:GetEncryptionConfiguration"] },
  aws_security_group: { apply: ["ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup"], read: ["ec2:DescribeSecurityGroups"] },
  aws_sns_topic: { apply: ["sns:CreateTopic", "sns:DeleteTopic", "sns:SetTopicAttributes"], read: ["sns:GetTopicAttributes"] },
  aws_sns_topic_subscription: { apply: ["sns:Subscribe", "sns:Unsubscribe"], read: ["sns:GetSubscriptionAttributes"] },
  aws_subnet: { apply: ["ec2:CreateSubnet", "ec2:DeleteSubnet"], read: ["ec2:DescribeSubnets"] },
  aws_vpc: { apply: ["ec2:CreateVpc", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute"], read: ["ec2:DescribeVpcs"] },
  aws_vpc_security_group_egress_rule: { apply: ["ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupEgress"], read: ["ec2:DescribeSecurityGroupRules"] },
  aws_vpc_security_group_ingress_rule: { apply: ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], read: ["ec2:DescribeSecurityGroupRules"] },
  aws_wafv2_web_acl: { apply: ["wafv2:CreateWebACL", "wafv2:DeleteWebACL", "wafv2:UpdateWebACL"], read: ["wafv2:GetWebACL"] },
  aws_wafv2_web_acl_association: { apply: ["wafv2:AssociateWebACL", "wafv2:DisassociateWebACL"], read: ["wafv2:GetWebACLForResource"] },
  aws_wafv2_web_acl_logging_configuration: { apply: ["wafv2:PutLoggingConfiguration", "wafv2:DeleteLoggingConfiguration"], read: ["wafv2:GetLoggingConfiguration"] },
};

/** Settings that between them synthesize every resource type the stacks know. */
const VARIANTS: Record<string, unknown>[] = [
  { domainName: "shop.example.org", name: "shop", stateBucket: "acme-tf-state", stateKeyPrefix: "dns/shop", alarmEmail: "ops@example.org" },
  { domainName: "example.net", name: "netdemo", parentDs: "route53-domains", resolverDnssecValidation: false },
  { domainName: "eu.example.com", name: "eu", region: "eu-west-1", parentDs: "route53-zone", parentZoneId: "ZPARENT123", delegateFromParent: true },
];
const synths = VARIANTS.map((context) => ({ context, ...synthApp(context) }));
const types = (doc: TfJson) => Object.keys(doc.resource ?? {});
const backend = (doc: TfJson) => (doc.terraform as { backend: { s3: { bucket: string; key: string } } }).backend.s3;
function fillFor(context: Record<string, unknown>, doc: TfJson): Fill {
  return { account: "444455556666", repo: "acme/dns", stateBucket: backend(doc).bucket, stateKeyPrefix: backend(doc).key.replace(/\/[^/]+$/, ""), name: String(context.name) };
}

describe("iam/ documents", () => {
  it("are IAM policy JSON, each statement named", () => {
    const files = readdirSync(IAM).filter((f) => f.endsWith(".json") && f !== "oidc-subject.json");
    expect(files.sort()).toEqual(["apply-boundary.json", "apply-role.json", "apply-trust.json", "plan-role.json", "plan-trust.json"]);
    for (const file of files) {
      const p = load(file);
      expect(p.Version, file).toBe("2012-10-17");
      for (const s of p.Statement) {
        expect(s.Sid, file).toMatch(/^[A-Za-z0-9]+$/);
        expect(["Allow", "Deny"], `${file} ${s.Sid}`).toContain(s.Effect);
      }
      expect(new Set(p.Statement.map((s) => s.Sid)).size, file).toBe(p.Statement.length);
    }
  });

  it("know every resource type the stacks synthesize (a new type needs its actions here and in the policies)", () => {
    const keys = stateKeys({ sharedKmsKey: true, zones: [{ domainName: "shop.example.org" }] }).docs["dnssec-keys"];
    const seen = new Set([...synths.flatMap((s) => [...types(s.zone), ...types(s.app)]), ...types(keys)]);
    for (const type of seen) expect(NEEDS, type).toHaveProperty(type);
    expect(seen).toContain("aws_route53domains_delegation_signer_record");
    expect(seen).toContain("aws_sns_topic_subscription");
  });
});

describe("plan role", () => {
  const plan = load("plan-role.json");

  it("only reads: every allowed action is a Describe, Get or List", () => {
    for (const action of allowed(plan)) expect(action).toMatch(/^[a-z0-9-]+:(Describe|Get|List)[A-Za-z*]*$/);
  });

  it("reads what a refresh of each managed resource type needs", () => {
    for (const [type, need] of Object.entries(NEEDS)) for (const a of need.read) expect(grants(allowed(plan), a), `${type}: ${a}`).toBe(true);
  });

  it("reads objects only from the state keys the stacks use, fleet zones included, whatever the settings", () => {
    for (const { context, zone, app } of synths) {
      const p = load("plan-role.json", fillFor(context, zone));
      const prefix = `arn:aws:s3:::${backend(zone).bucket}/${fillFor(context, zone).stateKeyPrefix}`;
      const states = [...[zone, app].map((d) => `arn:aws:s3:::${backend(d).bucket}/${backend(d).key}`), `${prefix}/zone-*.tfstate`, `${prefix}/dnssec-keys.tfstate`];
      expect(list(sid(p, "ReadTheStates").Resource)).toEqual(states);
      expect(list(sid(p, "ReadTheStates").Action)).toEqual(["s3:GetObject"]);
      const deny = sid(p, "NoObjectReadsBeyondTheStates");
      expect(deny.Effect).toBe("Deny");
      expect(list(deny.NotResource)).toEqual(states);
      expect(list(deny.Action)).toContain("s3:GetObject");
      // No other statement grants an object read.
      const objectReads = p.Statement.filter((s) => s.Effect === "Allow" && list(s.Action).some((a) => covers(a, "s3:GetObject")));
      expect(objectReads.map((s) => s.Sid)).toEqual(["ReadTheStates"]);
    }
  });

  it("denies data-plane reads: secrets, parameters, log events, decryption outside S3, signing", () => {
    const denied = plan.Statement.filter((s) => s.Effect === "Deny" && !s.Condition).flatMap((s) => list(s.Action));
    for (const a of ["secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParametersByPath", "logs:GetLogEvents", "logs:FilterLogEvents", "kms:Sign", "ec2:GetPasswordData"]) {
      expect(grants(denied, a), a).toBe(true);
    }
    const decrypt = sid(plan, "DecryptOnlyTheStateThroughS3");
    expect(decrypt).toMatchObject({ Effect: "Deny", Action: "kms:Decrypt", Condition: { StringNotLike: { "kms:ViaService": "s3.*.amazonaws.com" } } });
  });
});

describe("apply role", () => {
  const role = load("apply-role.json");
  const boundary = load("apply-boundary.json");

  it("may manage each resource type the stacks synthesize, and the boundary lets it", () => {
    for (const [type, need] of Object.entries(NEEDS)) {
      for (const a of need.apply) {
        expect(grants(allowed(role), a), `${type}: ${a} in the role`).toBe(true);
        expect(grants(allowed(boundary), a), `${type}: ${a} in the boundary`).toBe(true);
      }
    }
  });

  it("passes a role only to VPC flow logs, and only the stack's flow-log role", () => {
    for (const { context, zone, app } of synths) {
      const f = fillFor(context, zone);
      const p = load("apply-role.json", f);
      const passing = p.Statement.filter((s) => s.Effect === "Allow" && list(s.Action).some((a) => covers(a, "iam:PassRole")));
      expect(passing).toHaveLength(1);
      const flowRole = Object.values(app.resource?.aws_iam_role ?? {})[0] as { name: string };
      expect(passing[0]).toEqual({
        Sid: "PassTheFlowLogRoleToFlowLogsOnly",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: `arn:aws:iam::${f.account}:role/${flowRole.name}`,
        Condition: { StringEquals: { "iam:PassedToService": "vpc-flow-logs.amazonaws.com" } },
      });
      expect(list(sid(p, "TheFlowLogRoleOnly").Resource)).toEqual([`arn:aws:iam::${f.account}:role/${flowRole.name}`]);
      const bucket = Object.values(app.resource?.aws_s3_bucket ?? {})[0] as { bucket: string };
      expect(list(sid(p, "TheAccessLogBucket").Resource)).toEqual([`arn:aws:s3:::${bucket.bucket.replace("${data.aws_caller_identity.load_balancer_account.account_id}", f.account)}`]);
    }
    for (const action of allowed(role)) expect(action).not.toMatch(/^(\*|iam:\*|[a-z0-9-]+:\*)$/);
  });

  it("writes the states and their lock files, fleet zones included, nothing else in the state bucket", () => {
    for (const { context, zone, app } of synths) {
      const p = load("apply-role.json", fillFor(context, zone));
      const prefix = `arn:aws:s3:::${backend(zone).bucket}/${fillFor(context, zone).stateKeyPrefix}`;
      const keys = [...[zone, app].map((d) => `arn:aws:s3:::${backend(d).bucket}/${backend(d).key}`), `${prefix}/zone-*.tfstate`, `${prefix}/dnssec-keys.tfstate`];
      expect(list(sid(p, "TheStatesAndTheirLocks").Resource)).toEqual([...keys, ...keys.map((k) => `${k}.tflock`)]);
      expect(list(sid(p, "ReleaseTheLocks").Resource)).toEqual(keys.map((k) => `${k}.tflock`));
    }
  });

  it("may create and manage the shared keys of dnssec-keys and their aliases <prefix>-shared-<ksk>, and the boundary lets it", () => {
    const { docs } = stateKeys({ name: "shop", sharedKmsKey: true, keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_2", status: "active", publishDs: false }], zones: [{ domainName: "shop.example.org" }] });
    const keys = docs["dnssec-keys"];
    const aliases = Object.values(keys.resource?.aws_kms_alias ?? {}).map((a) => String(a.name));
    expect(aliases).toEqual(["alias/shop-dnssec-shared-ksk_1", "alias/shop-dnssec-shared-ksk_2"]);
    const fill: Fill = { account: "444455556666", repo: "acme/dns", stateBucket: "b", stateKeyPrefix: "p", name: "shop" };
    for (const p of [load("apply-role.json", fill), boundary]) {
      for (const alias of aliases) {
        const arn = `arn:aws:kms:us-east-1:${fill.account}:${alias}`;
        for (const a of ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"]) expect(decide(p, a, arn), `${a} ${alias}`).toBe(true);
      }
      const key = `arn:aws:kms:us-east-1:${fill.account}:key/0a1b2c3d-0000-4000-8000-000000000001`;
      for (const a of ["kms:CreateKey", "kms:PutKeyPolicy", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:TagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:GetPublicKey"]) {
        expect(decide(p, a, key), a).toBe(true);
      }
      // Route 53's grant on the shared key, as on a per-zone key: only for an AWS resource.
      expect(grants(allowed(p), "kms:CreateGrant")).toBe(true);
    }
  });

  it("can never move the domain: a deny on name server updates and transfers, in the role and the boundary", () => {
    for (const p of [role, boundary]) {
      const deny = sid(p, "NeverMoveTheDomain");
      expect(deny.Effect).toBe("Deny");
      expect(deny.Resource).toBe("*");
      for (const a of ["route53domains:UpdateDomainNameservers", "route53domains:TransferDomain", "route53domains:TransferDomainToAnotherAwsAccount"]) {
        expect(grants(list(deny.Action), a), a).toBe(true);
      }
    }
  });

  it("has a boundary that keeps itself, and confines roles and PassRole", () => {
    const keep = sid(boundary, "KeepTheBoundary");
    expect(list(keep.Action)).toEqual(expect.arrayContaining(["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"]));
    expect(sid(boundary, "PassRoleToFlowLogsOnly").Condition).toEqual({ StringNotEquals: { "iam:PassedToService": "vpc-flow-logs.amazonaws.com" } });
    expect(list(sid(boundary, "NoRoleBeyondTheFlowLogRole").NotResource)).toEqual(["arn:aws:iam::111122223333:role/APP_NAME-vpc-flow-logs"]);
  });
});

describe("the fleet's state keys (zone-*)", () => {
  const fleets = [
    { domainName: "shop.example.org", stateBucket: "acme-tf-state", stateKeyPrefix: "dns/shop", zones: [{ domainName: "example.net" }, { domainName: "eu.shop.example.org" }] },
    { domainName: "example.com", name: "one", zones: [{ domainName: "xn--bcher-kva.example", hostedZoneId: "Z0REFERENCED000001" }] },
    // sharedKmsKey: the dnssec-keys stack's state too.
    { domainName: "example.org", name: "keys", stateKeyPrefix: "dns/keys", sharedKmsKey: true, zones: [{ domainName: "shop.example.org" }] },
  ];

  it("let each role reach every state key a fleet synthesizes, and its lock file for the apply role", () => {
    for (const context of fleets) {
      const { bucket, keys } = stateKeys(context);
      expect(keys.filter((k) => /\/zone-[^/]+\.tfstate$/.test(k)).length).toBe(context.zones.length);
      expect(keys.some((k) => k.endsWith("/dnssec-keys.tfstate"))).toBe("sharedKmsKey" in context);
      const fill: Fill = { account: "444455556666", repo: "acme/dns", stateBucket: bucket, stateKeyPrefix: keys[0].replace(/\/[^/]+$/, ""), name: String(context.name ?? "x") };
      const plan = load("plan-role.json", fill);
      const apply = load("apply-role.json", fill);
      for (const key of keys) {
        const arn = `arn:aws:s3:::${bucket}/${key}`;
        expect(decide(plan, "s3:GetObject", arn), `plan reads ${key}`).toBe(true);
        expect(decide(plan, "s3:PutObject", arn), `plan writes ${key}`).toBe(false);
        for (const a of ["s3:GetObject", "s3:PutObject"]) {
          expect(decide(apply, a, arn), `${a} ${key}`).toBe(true);
          expect(decide(apply, a, `${arn}.tflock`), `${a} ${key}.tflock`).toBe(true);
        }
        expect(decide(apply, "s3:DeleteObject", `${arn}.tflock`), `release ${key}.tflock`).toBe(true);
        expect(decide(apply, "s3:DeleteObject", arn), `delete ${key}`).toBe(false);
      }
    }
  });

  it("match nothing else under the prefix: not a lock file for the plan role, no deeper key, no other name", () => {
    const fill: Fill = { account: "444455556666", repo: "acme/dns", stateBucket: "b", stateKeyPrefix: "dns/shop", name: "shop" };
    const plan = load("plan-role.json", fill);
    const apply = load("apply-role.json", fill);
    const arn = (key: string) => `arn:aws:s3:::b/dns/shop/${key}`;
    const outside = [
      // IAM's * crosses "/": another deployment's prefix below a zone-… name, and anything deeper.
      "zone-old/zone.tfstate",
      "zone-old/zone-a.example.org.tfstate",
      "zone-a.example.org/secret.tfstate",
      "zone-a.example.org.tfstate.backup",
      "zone-a.example.org.json",
      "zones.tfstate",
      "other/zone-a.example.org.tfstate",
      "../zone-a.example.org.tfstate",
      // The keys stack's state is one exact key: nothing beside or below it.
      "dnssec-keys.tfstate.backup",
      "dnssec-keys/zone.tfstate",
      "dnssec-keys-old.tfstate",
      "other/dnssec-keys.tfstate",
    ];
    for (const key of outside) {
      expect(decide(plan, "s3:GetObject", arn(key)), `plan reads ${key}`).toBe(false);
      for (const a of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) expect(decide(apply, a, arn(key)), `${a} ${key}`).toBe(false);
    }
    expect(decide(plan, "s3:GetObject", arn("zone-a.example.org.tfstate.tflock"))).toBe(false);
    expect(decide(plan, "s3:GetObject", arn("dnssec-keys.tfstate.tflock"))).toBe(false);
    expect(decide(apply, "s3:DeleteObject", arn("dnssec-keys.tfstate"))).toBe(false);
    expect(decide(apply, "s3:DeleteObject", arn("zone-old/x.tfstate.tflock"))).toBe(false);
    // The decision is live: the same key one level up is reachable.
    expect(decide(plan, "s3:GetObject", arn("zone-old.tfstate"))).toBe(true);
  });
});

describe("trust policies", () => {
  interface Job {
    environment?: string;
    steps: { uses?: string; with?: Record<string, string> }[];
  }
  type Wf = { on: Record<string, unknown>; jobs: Record<string, Job> };
  /** Every OIDC subject the workflows present, by role, with the customised sub (repo, context, job_workflow_ref). */
  function subjects(role: "PLAN" | "APPLY"): string[] {
    const out = new Set<string>();
    for (const file of readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))) {
      const wf = parse(readFileSync(join(WORKFLOWS, file), "utf8")) as Wf;
      for (const job of Object.values(wf.jobs)) {
        const assumes = job.steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@") && s.with?.["role-to-assume"] === `\${{ vars.AWS_${role}_ROLE_ARN }}`);
        if (!assumes) continue;
        const ref = Object.keys(wf.on).includes("pull_request") ? "refs/pull/*/merge" : "refs/heads/main";
        const context = job.environment ? `environment:${job.environment}` : ref === "refs/heads/main" ? "ref:refs/heads/main" : "pull_request";
        out.add(`repo:OWNER/REPO:${context}:job_workflow_ref:OWNER/REPO/.github/workflows/${file}@${ref}`);
      }
    }
    return [...out].sort();
  }
  const trust = (file: string) => load(file).Statement[0];

  it("pin the OIDC sub to repository, context and job_workflow_ref", () => {
    expect(JSON.parse(readFileSync(join(IAM, "oidc-subject.json"), "utf8"))).toEqual({ use_default: false, include_claim_keys: ["repo", "context", "job_workflow_ref"] });
  });

  it("let the plan role be assumed by exactly the workflow jobs that ask for it", () => {
    const t = trust("plan-trust.json");
    expect(t.Condition?.StringEquals).toEqual({ "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" });
    expect([...list(t.Condition?.StringLike?.["token.actions.githubusercontent.com:sub"])].sort()).toEqual(subjects("PLAN"));
  });

  it("let the apply role be assumed only from main's apply workflow in the stack environments, matched exactly", () => {
    const t = trust("apply-trust.json");
    expect(t.Condition?.StringLike).toBeUndefined();
    expect(t.Condition?.StringEquals?.["token.actions.githubusercontent.com:aud"]).toBe("sts.amazonaws.com");
    const subs = [...list(t.Condition?.StringEquals?.["token.actions.githubusercontent.com:sub"])].sort();
    expect(subs).toEqual(subjects("APPLY"));
    expect(subs).toEqual([
      "repo:OWNER/REPO:environment:app:job_workflow_ref:OWNER/REPO/.github/workflows/apply.yml@refs/heads/main",
      "repo:OWNER/REPO:environment:zone-fleet:job_workflow_ref:OWNER/REPO/.github/workflows/apply.yml@refs/heads/main",
      "repo:OWNER/REPO:environment:zone:job_workflow_ref:OWNER/REPO/.github/workflows/apply.yml@refs/heads/main",
    ]);
  });
});
