/**
 * The DNSSEC facts a configuration must have, derived from its settings (not from the HCL under
 * test), and the realistic values the mocks give: one account, one zone id, the region's zones,
 * and per KSK its own KMS key (or its name's shared key) and its own DS, so an assertion can tell
 * which KSK a DS came from.
 */
import { createHash } from "node:crypto";
import type { Settings } from "../../config/settings";
import { sharedKeyAlias, sharedKeyNames, usesSharedKey } from "../../config/shared-key";
import type { ZoneOwnership, ZoneSetting } from "../../config/zone-setting";

export const ACCOUNT_ID = "111122223333";
/** The zone id the zone stack's outputs give the app stack through terraform_remote_state. */
export const ZONE_ID = "Z04TERRAFORMCHECK0001";
export const NAME_SERVERS = ["ns-101.awsdns-12.com", "ns-702.awsdns-23.net", "ns-1303.awsdns-34.org", "ns-1904.awsdns-45.co.uk"];

/** One KSK as the configuration must make it. */
export interface KskFact {
  readonly name: string;
  readonly status: "ACTIVE" | "INACTIVE";
  /** Whether its DS is published (at the parent, or in the registrar outputs). */
  readonly published: boolean;
  /** The bring-your-own KMS key, when configured. */
  readonly kmsKeyArn?: string;
  /**
   * The alias of its name's shared key (`sharedKmsKey` and no kmsKeyArn), which the zone's stack
   * reads instead of creating a key of its own; undefined when the KSK has its own key.
   */
  readonly sharedKeyAlias?: string;
}

/** One key of the `dnssec-keys` stack: the KSK name it serves and the alias the zones read it by. */
export interface SharedKeyFact {
  readonly kskName: string;
  readonly alias: string;
}

export interface ConfigFacts {
  readonly region: string;
  readonly domainName: string;
  /** The id of the zone the stack signs, as the assertions expect it (mocked or configured). */
  readonly zoneId: string;
  /** How the stack holds its zone: the primary zone stack always creates it. */
  readonly ownership: ZoneOwnership;
  readonly signingStatus: "SIGNING" | "NOT_SIGNING";
  readonly ksks: readonly KskFact[];
  readonly parentDs: Settings["parentDs"];
  readonly parentZoneId?: string;
  readonly delegateFromParent: boolean;
  readonly dnssec: Settings["dnssec"];
  /** The keys the fleet's `dnssec-keys` stack must make, one per KSK name (empty without sharedKmsKey). */
  readonly sharedKeys: readonly SharedKeyFact[];
}

/** The zone-level settings both the primary zone and an entry of `zones` carry. */
type ZoneLevel = Pick<ZoneSetting, "domainName" | "keySigningKeys" | "dnssec" | "parentDs" | "parentZoneId" | "delegateFromParent">;

function zoneFacts(settings: Settings, zone: ZoneLevel, zoneId: string, ownership: ZoneOwnership): ConfigFacts {
  const on = zone.dnssec === "on";
  return {
    region: settings.region,
    domainName: zone.domainName.replace(/\.$/, ""),
    zoneId,
    ownership,
    signingStatus: zone.dnssec === "off" ? "NOT_SIGNING" : "SIGNING",
    ksks: zone.keySigningKeys.map((k) => ({
      name: k.name,
      status: zone.dnssec !== "off" && k.status === "active" ? "ACTIVE" : "INACTIVE",
      // "disabling" and "off" withdraw every DS (README "Turning DNSSEC off safely").
      published: on && k.publishDs,
      kmsKeyArn: k.kmsKeyArn,
      sharedKeyAlias: usesSharedKey(settings.sharedKmsKey, k) ? sharedKeyAlias(settings.kmsAliasPrefix, k.name) : undefined,
    })),
    parentDs: zone.parentDs,
    parentZoneId: zone.parentZoneId,
    delegateFromParent: zone.delegateFromParent,
    dnssec: zone.dnssec,
    sharedKeys: sharedKeyNames(settings).map((kskName) => ({ kskName, alias: sharedKeyAlias(settings.kmsAliasPrefix, kskName) })),
  };
}

/** What the settings promise about DNSSEC of the primary zone (the README's rotation and turn-off runbooks). */
export function factsOf(settings: Settings): ConfigFacts {
  return zoneFacts(settings, settings, ZONE_ID, "create");
}

/**
 * The zone id the mock gives a zone the fleet stack creates: unique to its domain, in Route 53's
 * form, so an assertion can tell the zones of a fleet apart.
 */
export function createdZoneId(domainName: string): string {
  return `Z${hex(`zone:${domainName.toLowerCase().replace(/\.$/, "")}`, 20)}`;
}

/** What an entry of `zones` promises: the same facts, on its own zone (its configured id, or the mock's). */
export function fleetFactsOf(settings: Settings, zone: ZoneSetting): ConfigFacts {
  return zoneFacts(settings, zone, zone.hostedZoneId ?? createdZoneId(zone.domainName), zone.ownership);
}

/** Availability zones the mocked DescribeAvailabilityZones returns: us-west-1 has two for most accounts. */
export function regionZones(region: string): string[] {
  const letters = region === "us-west-1" ? ["b", "c"] : ["a", "b", "c"];
  return letters.map((l) => `${region}${l}`);
}

function hex(seed: string, length: number): string {
  return createHash("sha256").update(seed).digest("hex").slice(0, length).toUpperCase();
}

function uuid(seed: string): string {
  const h = hex(seed, 32).toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The mocked KMS key of a resource address: a real-looking ARN unique to it. */
export function mockKmsKey(address: string, region: string): { arn: string; key_id: string; id: string } {
  const id = uuid(address);
  return { arn: `arn:aws:kms:${region}:${ACCOUNT_ID}:key/${id}`, key_id: id, id };
}

/** The states of a KMS key in which it cannot sign, as DescribeKey reports them. */
export type UnusableKeyState = "PendingDeletion" | "Disabled";

/**
 * The shared key as `data "aws_kms_key"` reads it by its alias: the same key for every zone that
 * reads the alias (its ARN derives from the alias alone), in us-east-1, and by default in the state a
 * KSK can sign with. The keys stack's mocked key of that alias has the same ARN.
 */
export function mockSharedKey(alias: string, keyState: "Enabled" | UnusableKeyState = "Enabled"): Record<string, string | boolean> {
  // key_id is the configured argument (the alias), which an override does not replace.
  const { arn, id } = mockKmsKey(`shared:${alias}`, "us-east-1");
  return {
    arn,
    id,
    aws_account_id: ACCOUNT_ID,
    key_state: keyState,
    enabled: keyState === "Enabled",
    customer_master_key_spec: "ECC_NIST_P256",
    key_spec: "ECC_NIST_P256",
    key_usage: "SIGN_VERIFY",
    key_manager: "CUSTOMER",
    origin: "AWS_KMS",
    multi_region: false,
    description: "terraform-check shared key",
    ...(keyState === "PendingDeletion" ? { deletion_date: "2027-01-31T00:00:00Z" } : {}),
  };
}

/** The key of the keys stack behind `alias`, as the mock creates it: the key the zones read by that alias. */
export function sharedKeyResource(alias: string): { arn: string; key_id: string; id: string } {
  const { arn, id } = mockSharedKey(alias);
  return { arn: String(arn), key_id: String(id), id: String(id) };
}

/** The values Route 53 would compute for a KSK, unique to its name. */
export function mockKsk(name: string): Record<string, string | number> {
  const keyTag = 1000 + (parseInt(hex(name, 6), 16) % 60000);
  const digest = hex(`digest:${name}`, 64);
  const publicKey = Buffer.from(hex(`key:${name}`, 64), "hex").toString("base64");
  return {
    id: `${ZONE_ID},${name}`,
    key_tag: keyTag,
    flag: 257,
    signing_algorithm_type: 13,
    signing_algorithm_mnemonic: "ECDSAP256SHA256",
    digest_algorithm_type: 2,
    digest_algorithm_mnemonic: "SHA-256",
    digest_value: digest,
    public_key: publicKey,
    dnskey_record: `257 3 13 ${publicKey}`,
    ds_record: `${keyTag} 13 2 ${digest}`,
  };
}
