import { Construct } from "constructs";
import { Token } from "cdktf";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { hostedZoneIdProblem, IHostedZone, readExistingZone } from "./hosted-zone-ref";
import { domainNameProblem, normaliseDomainName } from "./rules";

export interface ExistingHostedZoneProps {
  /** The zone's domain name; the plan fails unless the zone `hostedZoneId` has this name. */
  readonly domainName: string;
  /** The id of the existing public hosted zone ("Z..."). */
  readonly hostedZoneId: string;
  /**
   * Not accepted: a referenced zone's SOA is its owner's (see the constructor).
   * @default - the SOA is left to the zone's owner
   */
  readonly soaNegativeTtl?: number;
}

/**
 * A hosted zone that someone else owns (the console, another Terraform), only read by id. Nothing
 * is created here and no record of the zone is ever written: the app adds DNSSEC objects (KSKs,
 * signing) to it, which Route 53 keeps apart from the zone's records.
 */
export class ExistingHostedZone extends Construct implements IHostedZone {
  /** The data source that reads the zone. */
  readonly zone: DataAwsRoute53Zone;
  readonly domainName: string;
  readonly zoneId: string;
  readonly nameServers: string[];
  readonly primaryNameServer: string;

  constructor(scope: Construct, id: string, props: ExistingHostedZoneProps) {
    const problem = domainNameProblem("ExistingHostedZone domainName", props.domainName) ?? hostedZoneIdProblem("ExistingHostedZone hostedZoneId", props.hostedZoneId);
    if (problem) throw new Error(problem);
    // The SOA is the one record every zone has, and a referenced zone's records are not ours: its
    // owner's Terraform (or console edits) would fight ours over it, and our SOA would reset the
    // owner's timers to Route 53's defaults. Lowering the negative-caching TTL before signing is
    // the owner's step, or adopt the zone to own its SOA.
    if (props.soaNegativeTtl !== undefined) {
      throw new Error(
        `ExistingHostedZone soaNegativeTtl is ${props.soaNegativeTtl} for the referenced zone ${props.domainName}, but a referenced zone's SOA belongs to its owner; lower the SOA minimum where the zone is managed and leave soaNegativeTtl out, or adopt the zone (adopt: true) to manage its SOA here.`,
      );
    }
    super(scope, id);
    this.domainName = normaliseDomainName(props.domainName);
    this.zone = readExistingZone(this, "zone", props.hostedZoneId, this.domainName);
    // The id is the one given: a literal keeps key policies and alarm dimensions readable in plans.
    this.zoneId = props.hostedZoneId;
    this.nameServers = Token.asList(this.zone.nameServers);
    this.primaryNameServer = this.zone.primaryNameServer;
  }
}
