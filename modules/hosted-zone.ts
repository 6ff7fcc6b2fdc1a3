import { Construct } from "constructs";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { domainNameProblem, normaliseDomainName } from "./rules";

export interface HostedZoneProps {
  /** The zone's domain name; a trailing dot is accepted and dropped. */
  readonly domainName: string;
  /**
   * The SOA negative-caching TTL (the SOA "minimum") in seconds. Lower it before signing so that
   * a mistake in the signed zone is cached for less time.
   * @default - Route 53's SOA is left as created (its minimum is 86400)
   */
  readonly soaNegativeTtl?: number;
  /**
   * A comment on the zone.
   * @default "Managed by dnssec-cdktf"
   */
  readonly comment?: string;
}

/**
 * A public hosted zone. It lives in its own stack, applied first, so the name servers can be set
 * at the registrar before anything depends on the zone resolving.
 */
export class HostedZone extends Construct {
  /** The zone resource. */
  readonly zone: Route53Zone;
  /** The managed SOA record, when soaNegativeTtl is set. */
  readonly soa?: Route53Record;
  /** The normalised domain name. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, props: HostedZoneProps) {
    const problem = domainNameProblem("HostedZone domainName", props.domainName);
    if (problem) throw new Error(problem);
    if (props.soaNegativeTtl !== undefined && (!Number.isInteger(props.soaNegativeTtl) || props.soaNegativeTtl < 0 || props.soaNegativeTtl > 604800)) {
      throw new Error(`HostedZone soaNegativeTtl must be a whole number of seconds between 0 and 604800, got: ${props.soaNegativeTtl}.`);
    }
    super(scope, id);
    this.domainName = normaliseDomainName(props.domainName);
    this.zone = new Route53Zone(this, "zone", {
      name: this.domainName,
      comment: props.comment ?? "Managed by dnssec-cdktf",
      // Never delete records we did not create: a destroy must fail loudly instead.
      forceDestroy: false,
    });
    if (props.soaNegativeTtl !== undefined) {
      // Route 53 creates the SOA; we overwrite only its last field (the negative-caching TTL),
      // keeping Route 53's primary server, contact and timers.
      // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/SOA-NSrecords.html
      this.soa = new Route53Record(this, "soa", {
        zoneId: this.zone.zoneId,
        name: this.domainName,
        type: "SOA",
        ttl: 900,
        allowOverwrite: true,
        records: [`${this.zone.primaryNameServer}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 ${props.soaNegativeTtl}`],
      });
    }
  }
}
