import { Construct } from "constructs";
import { Fn, TerraformOutput, Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { DnsValidatedCertificate } from "../modules/acm-certificate";
import { Compute } from "../modules/compute";
import { DnssecSigning, DsAutomation, KeySigningKey, KeySigningKeyConfig, ParentDsTarget, SigningMode } from "../modules/dnssec";
import { HostedZone } from "../modules/hosted-zone";
import { LoadBalancer } from "../modules/load-balancer";
import { Network } from "../modules/network";
import { QueryLogging } from "../modules/query-logging";
import { isRegistrableDomain } from "../modules/registrable-domain";
import { ResolverDnssecValidation } from "../modules/resolver-dnssec-validation";
import { Waf } from "../modules/waf";
import { BaseStack, BaseStackProps } from "./base-stack";

export interface AppStackProps extends BaseStackProps {
  /** The zone stack's hosted zone; referenced across stacks through the zone stack's state. */
  readonly hostedZone: HostedZone;
  /** Prefix of AWS resource names. */
  readonly name: string;
  readonly vpcCidr: string;
  readonly publicSubnetCidrs: readonly string[];
  readonly privateSubnetCidrs: readonly string[];
  /** @default - the region's available zones */
  readonly availabilityZones?: readonly string[];
  readonly instanceType: string;
  readonly amiNames: readonly string[];
  /** @default - no e-mail subscription on the alarm topic */
  readonly alarmEmail?: string;
  /** KMS deletion window of the DNSSEC keys. */
  readonly kmsDeletionWindowDays: number;
  /** Alias prefix of the DNSSEC keys. */
  readonly kmsAliasPrefix: string;
  readonly keySigningKeys: KeySigningKeyConfig[];
  readonly dnssec: SigningMode;
  /** Where the DS goes: printed for the registrar, a parent Route 53 zone, or Route 53 Domains. */
  readonly parentDs: DsAutomation;
  /** The parent zone's id, for "route53-zone" and for the NS delegation. */
  readonly parentZoneId?: string;
  /** Also create the NS delegation in the parent zone `parentZoneId`, whatever the DNSSEC mode. */
  readonly delegateFromParent: boolean;
  readonly dsTtl: number;
  readonly resolverDnssecValidation: boolean;
  readonly logRetentionDays: number;
  readonly wafRateLimit: number;
  readonly wafGeoBlockCountries: readonly string[];
}

/**
 * Phase two: everything that needs the zone to resolve. Network, web servers behind an HTTPS ALB
 * with WAF, the certificate, query logging, and DNSSEC signing with its alarms and DS.
 */
export class AppStack extends BaseStack {
  readonly dnssec: DnssecSigning;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const usEast1 = this.regionalProvider("us-east-1", props.tags);
    // cdktf marks every value read from another stack's state sensitive. A zone id and its name
    // servers are public; unmarking them keeps plans, key policies and the plan guard readable.
    const zoneId = Fn.nonsensitive(props.hostedZone.zone.zoneId);
    const nameServers = Token.asList(Fn.nonsensitive(props.hostedZone.zone.nameServers));
    const domainName = props.hostedZone.domainName;

    const network = new Network(this, "network", {
      namePrefix: props.name,
      vpcCidr: props.vpcCidr,
      publicSubnetCidrs: props.publicSubnetCidrs,
      privateSubnetCidrs: props.privateSubnetCidrs,
      availabilityZones: props.availabilityZones,
      flowLogRetentionDays: props.logRetentionDays,
    });
    if (props.resolverDnssecValidation) {
      new ResolverDnssecValidation(this, "resolver_dnssec_validation", { vpcId: network.vpc.id });
    }

    const compute = new Compute(this, "compute", {
      namePrefix: props.name,
      vpcId: network.vpc.id,
      subnets: network.privateSubnets,
      instanceType: props.instanceType,
      amiNames: props.amiNames,
    });

    const certificate = new DnsValidatedCertificate(this, "certificate", { domainName, zoneId: zoneId });

    const loadBalancer = new LoadBalancer(this, "load_balancer", {
      namePrefix: props.name,
      region: props.region,
      vpcId: network.vpc.id,
      subnets: network.publicSubnets,
      instances: compute.instances,
      instanceSecurityGroupId: compute.securityGroup.id,
      certificateArn: certificate.validation.certificateArn,
      accessLogRetentionDays: props.logRetentionDays,
    });
    new Route53Record(this, "alb_alias_record", {
      zoneId: zoneId,
      name: domainName,
      type: "A",
      alias: { name: loadBalancer.alb.dnsName, zoneId: loadBalancer.alb.zoneId, evaluateTargetHealth: true },
    });

    new Waf(this, "waf", {
      namePrefix: props.name,
      region: props.region,
      resourceArn: loadBalancer.alb.arn,
      rateLimit: props.wafRateLimit,
      geoBlockCountries: props.wafGeoBlockCountries,
      logRetentionDays: props.logRetentionDays,
    });

    new QueryLogging(this, "query_logging", {
      namePrefix: props.name,
      hostedZoneId: zoneId,
      usEast1,
      retentionDays: props.logRetentionDays,
    });

    this.dnssec = new DnssecSigning(this, "dnssec", {
      hostedZoneId: zoneId,
      zoneName: domainName,
      usEast1,
      keySigningKeys: props.keySigningKeys,
      mode: props.dnssec,
      parentDs: parentDsTarget(props, usEast1),
      delegation: props.delegateFromParent && props.parentZoneId !== undefined ? { parentZoneId: props.parentZoneId, nameServers } : undefined,
      dsTtl: props.dsTtl,
      kmsDeletionWindowDays: props.kmsDeletionWindowDays,
      kmsAliasPrefix: props.kmsAliasPrefix,
      // Validation records must keep resolving while signing starts (the seed's ordering).
      dependsOn: [certificate.validation],
      alarms: { namePrefix: props.name, email: props.alarmEmail },
    });

    this.addOutputs(props, loadBalancer, nameServers);
  }

  private addOutputs(props: AppStackProps, loadBalancer: LoadBalancer, nameServers: string[]): void {
    const dnssec = this.dnssec;
    const published = dnssec.publishedKsks;
    const ksks = Object.values(dnssec.keySigningKeys);

    new TerraformOutput(this, "load_balancer_dns_name", { value: loadBalancer.alb.dnsName });
    new TerraformOutput(this, "name_servers", { value: nameServers, description: "The zone's name servers, which the registrar's DS form sits next to." });
    if (dnssec.alarms) {
      new TerraformOutput(this, "dnssec_alarm_topic_arn", { value: dnssec.alarms.topic.arn, description: "Subscribe your on-call tooling to this topic." });
    }

    // The seed's format, one line per published KSK: key tag, algorithm, digest type, digest. Users
    // of the seed read it, so it stays; it names the algorithms, where RFC 4034 §5.3 wants numbers.
    new TerraformOutput(this, "ds_record", {
      value: Fn.join("\n", published.map((k) => k.dsRecordFields)),
      description:
        "The DS of each published KSK in the seed's form (key_tag signing_algorithm digest_algorithm digest, with mnemonics), one line per KSK. This is not the DS presentation format of RFC 4034 §5.3, which uses numbers: registrars want registrar_instructions or ds_record_rr.",
    });
    new TerraformOutput(this, "ds_record_rr", {
      value: Fn.join("\n", published.map((k) => k.resource.dsRecord)),
      description: "The DS RDATA as Route 53 reports it, one line per published KSK.",
    });

    const primary = published[0] ?? ksks[0];
    if (primary !== undefined) {
      const r = primary.resource;
      new TerraformOutput(this, "dnskey_record", { value: r.dnskeyRecord, description: `The DNSKEY of KSK ${primary.kskName}.` });
      new TerraformOutput(this, "public_key", { value: r.publicKey, description: `The public key of KSK ${primary.kskName}.` });
      new TerraformOutput(this, "key_tag", { value: r.keyTag });
      new TerraformOutput(this, "flag", { value: r.flag, description: "257: a key-signing key." });
      new TerraformOutput(this, "signing_algorithm", { value: r.signingAlgorithmType, description: "13: ECDSAP256SHA256." });
      new TerraformOutput(this, "digest_algorithm", { value: r.digestAlgorithmType, description: "2: SHA-256." });
    }
    for (const ksk of ksks) {
      new TerraformOutput(this, `ksk_${ksk.kskName}`, {
        value: kskSummary(ksk, published.includes(ksk)),
        description: `Everything about KSK ${ksk.kskName} that a registrar or a rotation needs.`,
      });
    }
    new TerraformOutput(this, "registrar_instructions", {
      value: registrarInstructions(props, published),
      description: "What to do at the parent or registrar now.",
    });
  }
}

function parentDsTarget(props: AppStackProps, usEast1: AwsProvider): ParentDsTarget | undefined {
  switch (props.parentDs) {
    case "manual":
      return undefined;
    case "route53-zone":
      if (props.parentZoneId === undefined) throw new Error('AppStack parentZoneId is required when parentDs is "route53-zone".');
      return { kind: "route53-zone", parentZoneId: props.parentZoneId };
    case "route53-domains":
      return { kind: "route53-domains", provider: usEast1 };
  }
}

function kskSummary(ksk: KeySigningKey, published: boolean): Record<string, unknown> {
  const r = ksk.resource;
  return {
    status: r.status,
    ds_published: published,
    ds_record: ksk.dsRecordFields,
    ds_record_rr: r.dsRecord,
    dnskey_record: r.dnskeyRecord,
    public_key: r.publicKey,
    key_tag: r.keyTag,
    flag: r.flag,
    signing_algorithm: r.signingAlgorithmType,
    digest_algorithm: r.digestAlgorithmType,
    kms_key_arn: ksk.kmsKeyArn,
  };
}

/** The zone one label up: where a subdomain's DS belongs. */
function parentZoneName(domain: string): string {
  return domain.slice(domain.indexOf(".") + 1);
}

/** A one-paragraph instruction for the person at the registrar, matching the mode and the rotation step. */
function registrarInstructions(props: AppStackProps, published: KeySigningKey[]): string {
  const domain = props.hostedZone.domainName;
  if (props.dnssec !== "on") {
    return `DNSSEC is ${props.dnssec} for ${domain}: make sure the parent publishes no DS for ${domain} (remove every DS at the registrar), and wait at least the DS TTL before the next step.`;
  }
  if (props.parentDs === "route53-zone") {
    return `The DS for ${domain} is managed in the parent hosted zone ${props.parentZoneId}; nothing to do by hand.`;
  }
  if (props.parentDs === "route53-domains") {
    return `The DS for ${domain} is managed through Route 53 Domains; nothing to do by hand.`;
  }
  if (published.length === 0) {
    return `No DS should be published for ${domain} now: remove any DS at the registrar.`;
  }
  // Registrar forms ask for numbers: key tag, algorithm 13 (ECDSAP256SHA256), digest type 2 (SHA-256), digest.
  // A registrable domain's DS goes to its registrar; a subdomain's goes into its parent zone.
  const lines = published.map((k) => `- ${k.resource.dsRecord}`);
  const where = isRegistrableDomain(domain)
    ? `At the registrar of ${domain}`
    : `In the parent zone ${parentZoneName(domain)} of ${domain} (wherever that zone is hosted)`;
  return Token.asString(
    Fn.join("\n", [
      `${where}, publish exactly these DS records (key tag, algorithm 13 = ECDSAP256SHA256, digest type 2 = SHA-256, digest) and remove any other, only after signing has run for at least the DNSKEY TTL and the SOA minimum (go-live runbook):`,
      ...lines,
    ]),
  );
}
