import { Construct } from "constructs";
import { ITerraformDependable, Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53DomainsDelegationSignerRecord } from "@cdktf/provider-aws/lib/route53domains-delegation-signer-record";
import { requireProviderRegion } from "../provider-region";
import { route53DomainsProblem } from "../registrable-domain";
import { KeySigningKey } from "./key-signing-key";

/** How the DS reaches the parent. */
export type ParentDsTarget =
  | {
      /** The parent zone is a Route 53 hosted zone that this account manages. */
      readonly kind: "route53-zone";
      /** The parent zone's id. */
      readonly parentZoneId: string;
    }
  | {
      /** The domain is registered with Route 53 Domains. */
      readonly kind: "route53-domains";
      /** The us-east-1 provider: the Route 53 Domains API exists only there. */
      readonly provider: AwsProvider;
    };

/** The NS delegation of the zone in its parent Route 53 zone. */
export interface ParentDelegation {
  /** The parent zone's id; with a "route53-zone" DS target it must be the same zone. */
  readonly parentZoneId: string;
  /** The zone's name servers. */
  readonly nameServers: string[];
  /**
   * The zone existed before this app (adopted or referenced), so its parent most likely holds its
   * NS record set already: the delegation is then written over it (allow_overwrite).
   * @default false - a new zone's delegation is created, and a record set already there fails the apply
   */
  readonly existingZone?: boolean;
}

export interface ParentDsProps {
  /** The signed zone's name. */
  readonly zoneName: string;
  /** The KSKs whose DS is published now; the others have theirs withdrawn. */
  readonly publish: KeySigningKey[];
  /**
   * Where the DS goes.
   * @default - no DS is managed (manual, or a signing mode that withdraws it)
   */
  readonly target?: ParentDsTarget;
  /**
   * The NS delegation in the parent zone. It does not depend on the DS mode: a subdomain whose
   * delegation is deleted is NXDOMAIN, signed or not.
   * @default - no NS delegation
   */
  readonly delegation?: ParentDelegation;
  /** TTL of the DS (and NS) records in a Route 53 parent. */
  readonly ttl: number;
  /** What every DS must wait for: the zone's signing, so that a DS never precedes a signed DNSKEY. */
  readonly after: ITerraformDependable[];
}

/**
 * The zone's records at its parent: the NS delegation when asked for, in every signing mode, and
 * the DS of each published KSK. In a Route 53 parent zone all DS share one
 * record set (the API keys record sets by name and type); at Route 53 Domains each DS is its own
 * resource, addressed by its KSK's name so a rotation adds and removes rather than replaces.
 */
export class ParentDs extends Construct {
  /** The DS record set in the parent zone, when the parent is a Route 53 zone. */
  readonly dsRecord?: Route53Record;
  /** The NS delegation in the parent zone, when asked for. */
  readonly nsRecord?: Route53Record;
  /** The registrar DS records by KSK name, when the domain is registered with Route 53 Domains. */
  readonly registrarRecords: Record<string, Route53DomainsDelegationSignerRecord> = {};

  constructor(scope: Construct, id: string, props: ParentDsProps) {
    const target = props.target;
    if (target?.kind === "route53-zone" && props.delegation !== undefined && props.delegation.parentZoneId !== target.parentZoneId) {
      throw new Error(
        `ParentDs delegation.parentZoneId ${JSON.stringify(props.delegation.parentZoneId)} differs from target.parentZoneId ${JSON.stringify(target.parentZoneId)}; a DS belongs in the zone that delegates, so use one parent zone.`,
      );
    }
    if (target?.kind === "route53-domains" && !Token.isUnresolved(props.zoneName)) {
      const problem = route53DomainsProblem("ParentDs target.kind", props.zoneName);
      if (problem) throw new Error(problem);
    }
    super(scope, id);
    const dependsOn = (ksks: KeySigningKey[]) => [...props.after, ...ksks.map((k) => k.resource)];

    // The construct ids "ns_delegation" and "ds_record" are the addresses of live records: keep them.
    if (props.delegation !== undefined) {
      this.nsRecord = new Route53Record(this, "ns_delegation", {
        zoneId: props.delegation.parentZoneId,
        name: props.zoneName,
        type: "NS",
        ttl: props.ttl,
        records: props.delegation.nameServers,
        // A live subdomain is delegated already, and a create of a record set that exists fails
        // ("already exists"). The UPSERT of allow_overwrite writes the zone's own name servers over
        // whatever the parent holds: no change when it delegates to this zone already, the cut-over
        // when it still delegates elsewhere (README, "An existing subdomain in its parent"). Only for
        // an existing zone: a new zone's name servers are new, and an NS set already in the parent
        // is someone else's delegation.
        // https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html
        allowOverwrite: props.delegation.existingZone === true ? true : undefined,
      });
    }
    if (target === undefined) return;

    if (target.kind === "route53-zone") {
      if (props.publish.length > 0) {
        this.dsRecord = new Route53Record(this, "ds_record", {
          zoneId: target.parentZoneId,
          name: props.zoneName,
          type: "DS",
          ttl: props.ttl,
          records: props.publish.map((k) => k.resource.dsRecord),
          // Never allow_overwrite, even for an existing zone: a DS already in the parent vouches for
          // someone else's keys (the zone is signed elsewhere), and replacing it would break
          // validation. The create fails instead (README, "An existing zone that is already signed").
          // A DS belongs at a delegation point: create it after the NS delegation, remove it first.
          dependsOn: [...dependsOn(props.publish), ...(this.nsRecord ? [this.nsRecord] : [])],
        });
      }
      return;
    }

    requireProviderRegion("ParentDs", "target.provider", target.provider, "us-east-1", "the Route 53 Domains API exists only in us-east-1");
    for (const ksk of props.publish) {
      const record = new Route53DomainsDelegationSignerRecord(this, ksk.kskName, {
        provider: target.provider,
        domainName: props.zoneName,
        signingAttributes: [
          {
            algorithm: ksk.resource.signingAlgorithmType,
            flags: ksk.resource.flag,
            publicKey: ksk.resource.publicKey,
          },
        ],
        dependsOn: dependsOn([ksk]),
      });
      // Every attribute of this resource forces replacement, and some registries read back partial
      // signing data, which would replace the DS on every plan. Ignore what was read back, and
      // replace the DS only when its key changes: the trigger is the KSK's public_key, not the
      // whole KSK, whose every planned update (a drifted ACTION_NEEDED status planned back to
      // ACTIVE) would otherwise withdraw and re-add the DS at the registry.
      // https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#replace_triggered_by
      record.lifecycle = {
        ignoreChanges: ["signing_attributes"],
        replaceTriggeredBy: [ksk.resource.publicKey],
      };
      this.registrarRecords[ksk.kskName] = record;
    }
  }
}
