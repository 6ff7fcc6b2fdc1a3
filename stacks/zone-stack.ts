import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { HostedZone } from "../modules/hosted-zone";
import { BaseStack, BaseStackProps } from "./base-stack";

export interface ZoneStackProps extends BaseStackProps {
  /** The zone's domain name. */
  readonly domainName: string;
  /**
   * The SOA negative-caching TTL to set.
   * @default - Route 53's SOA is left as created
   */
  readonly soaNegativeTtl?: number;
}

/**
 * Phase one: the hosted zone alone. Apply it first, then set its name servers at the registrar,
 * before the app stack (certificate validation, DNSSEC) needs the zone to resolve.
 */
export class ZoneStack extends BaseStack {
  readonly hostedZone: HostedZone;

  constructor(scope: Construct, id: string, props: ZoneStackProps) {
    super(scope, id, props);
    this.hostedZone = new HostedZone(this, "hosted_zone", {
      domainName: props.domainName,
      soaNegativeTtl: props.soaNegativeTtl,
    });
    new TerraformOutput(this, "zone_id", { value: this.hostedZone.zone.zoneId, description: "The hosted zone's id." });
    new TerraformOutput(this, "name_servers", {
      value: this.hostedZone.zone.nameServers,
      description: "Set these name servers at your registrar before applying the app stack.",
    });
  }
}
