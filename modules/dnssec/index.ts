import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53HostedZoneDnssec } from "@cdktf/provider-aws/lib/route53-hosted-zone-dnssec";
import { requireProviderRegion } from "../provider-region";
import { DnssecAlarms } from "./alarms";
import { KeySigningKey } from "./key-signing-key";
import { ParentDelegation, ParentDs, ParentDsTarget } from "./parent-ds";
import { DsAutomation, dnssecShapeProblem, SigningMode } from "./shape";

export { DnssecAlarms } from "./alarms";
export { KeySigningKey } from "./key-signing-key";
export { ParentDelegation, ParentDs, ParentDsTarget } from "./parent-ds";
export { DsAutomation, SigningMode, dnssecShapeProblem } from "./shape";

/** One KSK as the caller configures it. Its name is its address: never rename a live KSK. */
export interface KeySigningKeyConfig {
  /** Route 53 KSK name (3-128 letters, digits, underscores); also the construct id. */
  readonly name: string;
  /**
   * Whether Route 53 signs with this KSK.
   * @default "active"
   */
  readonly status?: "active" | "inactive";
  /**
   * Whether this KSK's DS is published at the parent (or listed for the registrar).
   * @default true for an active KSK, false for an inactive one
   */
  readonly publishDs?: boolean;
  /**
   * An existing ECC_NIST_P256 SIGN_VERIFY key in us-east-1 to sign with; no two KSKs may share one.
   * @default - a new key, alias and key policy for this KSK
   */
  readonly kmsKeyArn?: string;
  /**
   * The alias of a KMS key that the zones of the fleet share for this KSK name (the `dnssec-keys`
   * stack's), to sign with instead of a key of this zone's own. Not together with kmsKeyArn.
   * @default - a new key, alias and key policy for this KSK
   */
  readonly sharedKeyAlias?: string;
}

export interface DnssecSigningProps {
  /** The hosted zone to sign. */
  readonly hostedZoneId: string;
  /** The hosted zone's name, e.g. "example.com". */
  readonly zoneName: string;
  /** A provider for us-east-1, where Route 53 requires DNSSEC KMS keys and publishes DNSSEC metrics. */
  readonly usEast1: AwsProvider;
  /**
   * The KSKs, one normally and two during a rotation.
   * @default - one active KSK named "ksk_1"
   */
  readonly keySigningKeys?: KeySigningKeyConfig[];
  /**
   * "on" signs; "disabling" keeps signing but withdraws every automated DS; "off" stops signing and
   * deactivates the KSKs. Go through "disabling" before "off" (see the README).
   * @default "on"
   */
  readonly mode?: SigningMode;
  /**
   * Where the DS goes. "manual" creates nothing at the parent and outputs what to paste at the registrar.
   * @default - manual
   */
  readonly parentDs?: ParentDsTarget;
  /**
   * The NS delegation in a parent Route 53 zone. It lives in every signing mode (it is what makes
   * a subdomain resolve at all) and sits under "parent_ds" with the DS.
   * @default - no NS delegation
   */
  readonly delegation?: ParentDelegation;
  /**
   * TTL of the DS records this module creates in a Route 53 parent zone.
   * @default 3600
   */
  readonly dsTtl?: number;
  /**
   * KMS deletion window for every KSK key, 7-30 days.
   * @default 30
   */
  readonly kmsDeletionWindowDays?: number;
  /**
   * Prefix of the KMS key aliases; each key gets `<prefix>-<ksk name>`.
   * @default - no aliases
   */
  readonly kmsAliasPrefix?: string;
  /**
   * Extra resources signing must wait for, such as ACM certificate validation, so that validation
   * records still resolve while signing starts.
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * The CloudWatch alarms. `false` leaves them out.
   * @default - alarms on, without an e-mail subscription
   */
  readonly alarms?: false | { readonly namePrefix: string; readonly email?: string; readonly topicArn?: string };
}

/**
 * DNSSEC signing of a Route 53 hosted zone: one or two KSKs with their own KMS keys, zone signing,
 * alarms, and the DS at the parent where it can be reached.
 *
 * Construct ids are a contract: KSK resources are addressed by KSK name, the zone signing by the
 * fixed id "zone_signing", the DS by "parent_ds". Changing a mode or adding a KSK never renames them.
 */
export class DnssecSigning extends Construct {
  /** The KSKs by name. */
  readonly keySigningKeys: Record<string, KeySigningKey> = {};
  /** The zone signing resource. */
  readonly zoneSigning: Route53HostedZoneDnssec;
  /** The alarms, unless turned off. */
  readonly alarms?: DnssecAlarms;
  /** The records at the parent: the DS automation in mode "on", and the NS delegation in every mode. */
  readonly parentDs?: ParentDs;
  /** The KSKs whose DS is published now, in configuration order. */
  readonly publishedKsks: KeySigningKey[];
  /** The signing mode. */
  readonly mode: SigningMode;

  constructor(scope: Construct, id: string, props: DnssecSigningProps) {
    const configs = props.keySigningKeys ?? [{ name: "ksk_1" }];
    const mode = props.mode ?? "on";
    const automation: DsAutomation = props.parentDs?.kind ?? "manual";
    const shapes = configs.map((k) => {
      const active = (k.status ?? "active") === "active";
      // A shared key is as much one key as a given ARN: no two KSKs of the zone may sign with it.
      return { name: k.name, active, publishDs: k.publishDs ?? active, kmsKeyArn: k.kmsKeyArn ?? k.sharedKeyAlias };
    });
    const problem = dnssecShapeProblem(shapes, mode, automation, {
      ksks: "DnssecSigning keySigningKeys",
      mode: "DnssecSigning mode",
      ds: "DnssecSigning parentDs",
    });
    if (problem) throw new Error(problem);
    requireProviderRegion("DnssecSigning", "usEast1", props.usEast1, "us-east-1", "Route 53 accepts DNSSEC KMS keys only from us-east-1");
    super(scope, id);
    this.mode = mode;

    const identity = new DataAwsCallerIdentity(this, "account", { provider: props.usEast1 });
    const partition = new DataAwsPartition(this, "partition", { provider: props.usEast1 });
    const hostedZoneArn = `arn:${partition.partition}:route53:::hostedzone/${props.hostedZoneId}`;

    // Turning signing on: the KSKs first, then signing. Turning it off: signing first, then the
    // KSKs may go inactive (Route 53 refuses to deactivate the last KSK of a signing zone).
    // Flipping depends_on between modes changes the order of the next apply only; it replaces nothing.
    const signingFirst = mode === "off";

    const createZoneSigning = (dependsOn: ITerraformDependable[]) =>
      new Route53HostedZoneDnssec(this, "zone_signing", {
        hostedZoneId: props.hostedZoneId,
        signingStatus: mode === "off" ? "NOT_SIGNING" : "SIGNING",
        dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
      });
    const signingBeforeKeys = signingFirst ? createZoneSigning(props.dependsOn ?? []) : undefined;

    // Route 53 refuses concurrent DNSSEC operations on one zone (ConcurrentModification), so the
    // KSKs are chained: each waits for the one before it. Creation, deactivation and deletion
    // (in reverse) then run one at a time; depends_on changes no address.
    // https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateKeySigningKey.html#API_CreateKeySigningKey_Errors
    let previous: KeySigningKey | undefined;
    for (const [i, config] of configs.entries()) {
      const after = [...(signingBeforeKeys ? [signingBeforeKeys] : []), ...(previous ? [previous.resource] : [])];
      previous = this.keySigningKeys[config.name] = new KeySigningKey(this, {
        name: config.name,
        hostedZoneId: props.hostedZoneId,
        hostedZoneArn,
        accountId: identity.accountId,
        partition: partition.partition,
        provider: props.usEast1,
        active: mode !== "off" && shapes[i].active,
        deletionWindowDays: props.kmsDeletionWindowDays,
        aliasName:
          props.kmsAliasPrefix === undefined || config.kmsKeyArn !== undefined || config.sharedKeyAlias !== undefined ? undefined : `${props.kmsAliasPrefix}-${config.name}`,
        kmsKeyArn: config.kmsKeyArn,
        sharedKeyAlias: config.sharedKeyAlias,
        dependsOn: after.length > 0 ? after : undefined,
      });
    }
    this.zoneSigning =
      signingBeforeKeys ?? createZoneSigning([...Object.values(this.keySigningKeys).map((k) => k.resource), ...(props.dependsOn ?? [])]);

    this.publishedKsks = mode === "on" ? configs.filter((_, i) => shapes[i].publishDs).map((c) => this.keySigningKeys[c.name]) : [];

    // "disabling" and "off" withdraw every automated DS: the parent must stop vouching for the
    // keys before the zone stops signing. The NS delegation stays in every mode.
    const dsTarget = mode === "on" ? props.parentDs : undefined;
    if (dsTarget !== undefined || props.delegation !== undefined) {
      this.parentDs = new ParentDs(this, "parent_ds", {
        zoneName: props.zoneName,
        publish: this.publishedKsks,
        target: dsTarget,
        delegation: props.delegation,
        ttl: props.dsTtl ?? 3600,
        after: [this.zoneSigning],
      });
    }

    if (props.alarms !== false) {
      this.alarms = new DnssecAlarms(this, "alarms", {
        hostedZoneId: props.hostedZoneId,
        provider: props.usEast1,
        namePrefix: props.alarms?.namePrefix ?? "dnssec",
        email: props.alarms?.email,
        topicArn: props.alarms?.topicArn,
      });
    }
  }
}
