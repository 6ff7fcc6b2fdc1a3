import { Construct } from "constructs";
import { Annotations, Token } from "cdktf";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { hostedZoneIdProblem, IHostedZone, readExistingZone } from "./hosted-zone-ref";
import { domainNameProblem, normaliseDomainName } from "./rules";

export type { IHostedZone } from "./hosted-zone-ref";

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
  /**
   * The id of an existing public zone to adopt: the zone resource is imported (a Terraform
   * `import` block, so the first plan shows "1 to import" and creates no zone) and owned from then on.
   * @default - a new zone is created
   */
  readonly adoptZoneId?: string;
}

/**
 * A public hosted zone. It lives in its own stack, applied first, so the name servers can be set
 * at the registrar before anything depends on the zone resolving.
 */
export class HostedZone extends Construct implements IHostedZone {
  /** The zone resource. */
  readonly zone: Route53Zone;
  /** The managed SOA record, when soaNegativeTtl is set. */
  readonly soa?: Route53Record;
  /** The normalised domain name. */
  readonly domainName: string;
  /** The id of the adopted zone, when one was adopted. */
  readonly adoptedZoneId?: string;
  /** The check that the adopted id names this public zone, when one was adopted. */
  readonly existing?: DataAwsRoute53Zone;

  constructor(scope: Construct, id: string, props: HostedZoneProps) {
    const problem = domainNameProblem("HostedZone domainName", props.domainName);
    if (problem) throw new Error(problem);
    if (props.soaNegativeTtl !== undefined && (!Number.isInteger(props.soaNegativeTtl) || props.soaNegativeTtl < 0 || props.soaNegativeTtl > 604800)) {
      throw new Error(`HostedZone soaNegativeTtl must be a whole number of seconds between 0 and 604800, got: ${props.soaNegativeTtl}.`);
    }
    if (props.adoptZoneId !== undefined) {
      const idProblem = hostedZoneIdProblem("HostedZone adoptZoneId", props.adoptZoneId);
      if (idProblem) throw new Error(idProblem);
    }
    super(scope, id);
    this.domainName = normaliseDomainName(props.domainName);
    this.zone = new Route53Zone(this, "zone", {
      name: this.domainName,
      comment: props.comment ?? "Managed by dnssec-cdktf",
      // Never delete records we did not create: a destroy must fail loudly instead.
      forceDestroy: false,
      // An adopted zone keeps the comment its owner gave it: the import changes nothing but tags
      // and force_destroy. It also keeps its reusable delegation set: delegation_set_id is optional
      // and forces replacement (not computed), so the id the import reads against the null of this
      // config would plan a new zone, with new name servers, and the domain would stop resolving.
      // A new zone has no delegation set to keep, and its HCL stays as it was.
      // https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateReusableDelegationSet.html
      lifecycle: props.adoptZoneId !== undefined ? { ignoreChanges: ["comment", "delegation_set_id"] } : undefined,
    });
    if (props.adoptZoneId !== undefined) {
      this.adoptedZoneId = props.adoptZoneId;
      // https://developer.hashicorp.com/terraform/language/import
      this.zone.importFrom(props.adoptZoneId);
      // An id copied from another zone would import it and then rename it, which replaces a zone.
      this.existing = readExistingZone(this, "existing", props.adoptZoneId, this.domainName);
      Annotations.of(this).addWarning(adoptionWarning(this.domainName, props.adoptZoneId, `aws_route53_zone.${this.zone.friendlyUniqueId}`));
      if (props.soaNegativeTtl !== undefined) {
        Annotations.of(this).addWarning(adoptedSoaWarning(this.domainName, props.adoptZoneId, props.soaNegativeTtl));
      }
    }
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

  get zoneId(): string {
    return this.zone.zoneId;
  }

  get nameServers(): string[] {
    return Token.asList(this.zone.nameServers);
  }

  get primaryNameServer(): string {
    return this.zone.primaryNameServer;
  }
}

/** What adopting a zone means, said at every synth of the stack that owns it. */
export function adoptionWarning(domainName: string, zoneId: string, address: string): string {
  return (
    `The hosted zone ${domainName} (${zoneId}) is adopted: its stack now owns the zone. The import sets force_destroy to false and adds the default tags; ` +
    `the zone's comment and reusable delegation set are kept (ignored), and its SOA is left as it is unless soaNegativeTtl is set. Records in it that this tool does not manage stay untouched, ` +
    `so destroying the stack fails while such records exist (and deletes the zone when none do); removing the zone from the settings, or setting adopt to false, plans that destroy, ` +
    `so first hand the zone back with terraform state rm ${address} in its stack (README, Removing a zone from the fleet).`
  );
}

/**
 * The SOA record this app writes holds Route 53's default fields, the ones every new zone gets,
 * and only the minimum is ours. Reading the adopted zone's SOA to keep its own fields would take
 * data "aws_route53_records", which lists every record set of the zone at each plan (it has no
 * type filter) against Route 53's shared API rate; a zone whose SOA was never edited loses
 * nothing, so the app keeps the overwrite and says what it costs the others.
 */
export function adoptedSoaWarning(domainName: string, zoneId: string, soaNegativeTtl: number): string {
  return (
    `soaNegativeTtl ${soaNegativeTtl} rewrites the whole SOA of the adopted zone ${domainName} (${zoneId}), not only its minimum: contact awsdns-hostmaster.amazon.com., ` +
    `serial 1, refresh 7200, retry 900, expire 1209600 and TTL 900 are Route 53's defaults, and any other values the zone's SOA holds are lost; ` +
    `leave soaNegativeTtl out and lower the minimum where the SOA was edited if they must stay.`
  );
}
