import { Construct } from "constructs";
import { Fn, TerraformOutput, Token } from "cdktf";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { DnsValidatedCertificate } from "../modules/acm-certificate";
import { Compute } from "../modules/compute";
import { DnssecSigning } from "../modules/dnssec";
import { HostedZone } from "../modules/hosted-zone";
import { LoadBalancer } from "../modules/load-balancer";
import { Network } from "../modules/network";
import { QueryLogging } from "../modules/query-logging";
import { ResolverDnssecValidation } from "../modules/resolver-dnssec-validation";
import { Waf } from "../modules/waf";
import { BaseStack, BaseStackProps } from "./base-stack";
import type { ZoneDnssecProps } from "./zone-dnssec-props";
import { addDnssecOutputs } from "./dnssec-outputs";
import { parentDsTarget } from "./parent-ds-target";

export interface AppStackProps extends BaseStackProps, ZoneDnssecProps {
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
      parentDs: parentDsTarget("AppStack", props.parentDs, props.parentZoneId, usEast1),
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
    new TerraformOutput(this, "load_balancer_dns_name", { value: loadBalancer.alb.dnsName });
    new TerraformOutput(this, "name_servers", { value: nameServers, description: "The zone's name servers, which the registrar's DS form sits next to." });
    if (dnssec.alarms) {
      new TerraformOutput(this, "dnssec_alarm_topic_arn", { value: dnssec.alarms.topicArn, description: "Subscribe your on-call tooling to this topic." });
    }

    addDnssecOutputs(this, dnssec, { domainName: props.hostedZone.domainName, dnssec: props.dnssec, parentDs: props.parentDs, parentZoneId: props.parentZoneId });
  }
}
