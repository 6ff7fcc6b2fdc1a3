import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import type { ZoneOwnership } from "../config/zone-setting";
import { DnssecSigning } from "../modules/dnssec";
import { ExistingHostedZone } from "../modules/existing-hosted-zone";
import { HostedZone, IHostedZone } from "../modules/hosted-zone";
import { BaseStack, BaseStackProps } from "./base-stack";
import type { ZoneDnssecProps } from "./zone-dnssec-props";
import { addDnssecOutputs } from "./dnssec-outputs";
import { alarmTopicName, fleetAlarmPrefix, fleetKmsAliasPrefix } from "./fleet-names";
import { parentDsTarget } from "./parent-ds-target";

export interface FleetZoneStackProps extends BaseStackProps, ZoneDnssecProps {
  /** The zone's domain name. */
  readonly domainName: string;
  /**
   * "create" makes the zone; "adopt" imports the existing zone `hostedZoneId` and owns it from then
   * on; "reference" only reads it, and the stack manages its DNSSEC alone.
   */
  readonly ownership: ZoneOwnership;
  /** The existing zone's id, for "adopt" and "reference". */
  readonly hostedZoneId?: string;
  /**
   * The SOA negative-caching TTL to set; refused for a referenced zone, whose SOA is its owner's.
   * @default - the SOA is left as it is
   */
  readonly soaNegativeTtl?: number;
  /** The project name: the prefix of the alarm names and the name of the app stack's alarm topic. */
  readonly name: string;
}

/**
 * One further zone of the fleet, in its own state: the zone (created, adopted or referenced), its
 * DNSSEC signing with KSKs in us-east-1, the DS and NS at the parent, and its alarms. The alarms
 * notify the app stack's one topic by an ARN built from the account and partition, so this stack
 * reads no other stack's state and plans and applies on its own.
 */
export class FleetZoneStack extends BaseStack {
  readonly hostedZone: IHostedZone;
  readonly dnssec: DnssecSigning;
  readonly ownership: ZoneOwnership;

  constructor(scope: Construct, id: string, props: FleetZoneStackProps) {
    if (props.ownership !== "create" && props.hostedZoneId === undefined) {
      throw new Error(`FleetZoneStack ${id}: ownership "${props.ownership}" needs hostedZoneId, the id of the existing zone; set it, or create the zone.`);
    }
    if (props.ownership === "create" && props.hostedZoneId !== undefined) {
      throw new Error(`FleetZoneStack ${id}: hostedZoneId ${props.hostedZoneId} is given but ownership is "create"; adopt or reference that zone, or leave hostedZoneId out.`);
    }
    super(scope, id, props);
    this.ownership = props.ownership;
    const usEast1 = this.regionalProvider("us-east-1", props.tags);

    // Construct id "hosted_zone" in every mode: the addresses match the primary zone's.
    this.hostedZone =
      props.ownership === "reference"
        ? new ExistingHostedZone(this, "hosted_zone", { domainName: props.domainName, hostedZoneId: props.hostedZoneId as string, soaNegativeTtl: props.soaNegativeTtl })
        : new HostedZone(this, "hosted_zone", {
            domainName: props.domainName,
            soaNegativeTtl: props.soaNegativeTtl,
            adoptZoneId: props.ownership === "adopt" ? props.hostedZoneId : undefined,
          });
    const zone = this.hostedZone;

    // The app stack's topic, named by convention: the same account and partition, always us-east-1.
    const identity = new DataAwsCallerIdentity(this, "account", { provider: usEast1 });
    const partition = new DataAwsPartition(this, "partition", { provider: usEast1 });
    const topicArn = `arn:${partition.partition}:sns:us-east-1:${identity.accountId}:${alarmTopicName(props.name)}`;

    this.dnssec = new DnssecSigning(this, "dnssec", {
      hostedZoneId: zone.zoneId,
      zoneName: zone.domainName,
      usEast1,
      keySigningKeys: props.keySigningKeys,
      mode: props.dnssec,
      parentDs: parentDsTarget(`FleetZoneStack ${id}`, props.parentDs, props.parentZoneId, usEast1),
      delegation:
        props.delegateFromParent && props.parentZoneId !== undefined
          ? { parentZoneId: props.parentZoneId, nameServers: zone.nameServers, existingZone: props.ownership !== "create" }
          : undefined,
      dsTtl: props.dsTtl,
      kmsDeletionWindowDays: props.kmsDeletionWindowDays,
      kmsAliasPrefix: fleetKmsAliasPrefix(props.kmsAliasPrefix, zone.domainName),
      alarms: { namePrefix: fleetAlarmPrefix(props.name, zone.domainName), topicArn },
    });

    new TerraformOutput(this, "zone_id", { value: zone.zoneId, description: "The hosted zone's id." });
    new TerraformOutput(this, "name_servers", {
      value: zone.nameServers,
      description: "The zone's name servers: the parent or registrar delegates to these, next to the DS.",
    });
    new TerraformOutput(this, "dnssec_alarm_topic_arn", { value: topicArn, description: "The app stack's alarm topic, which this zone's alarms notify." });
    addDnssecOutputs(this, this.dnssec, { domainName: zone.domainName, dnssec: props.dnssec, parentDs: props.parentDs, parentZoneId: props.parentZoneId });
  }
}
