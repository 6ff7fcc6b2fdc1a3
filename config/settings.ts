import {
  closest,
  cidrContains,
  cidrsOverlap,
  deletionWindowProblem,
  dnssecKmsKeyArnProblem,
  domainNameProblem,
  emailProblem,
  Ipv4Cidr,
  kmsAliasProblem,
  kskNameProblem,
  normaliseDomainName,
  parseCidr,
} from "../modules/rules";
import { DsAutomation, dnssecShapeProblem, SigningMode } from "../modules/dnssec/shape";
import { route53DomainsProblem } from "../modules/registrable-domain";
import { isPlainObject } from "./context";
import { SettingsError } from "./errors";
import { AWS_REGIONS } from "./regions";
import {
  bucketNameProblem,
  certificateNameProblem,
  countryCodeProblem,
  duplicateZoneProblem,
  emailLabelProblem,
  kmsKeyPartitionProblem,
  leadingZeroProblem,
  subnetPairsProblem,
  unicodeDomainProblem,
  vpcSizeProblem,
} from "./aws-limits";
import { kskNameCollisionProblem } from "./ksk-names";
import { sharedKmsKeyProblem } from "./shared-key";
import type { KeySigningKeySetting, ZoneSetting } from "./zone-setting";

export type { KeySigningKeySetting, ZoneSetting, ZoneOwnership } from "./zone-setting";

/** The lifecycle of signing on the zone; see the README's "Turning DNSSEC off safely". */
export type DnssecMode = SigningMode;

/** Where the DS record of each published KSK goes. */
export type ParentDsMode = DsAutomation;

/** Every setting of the app, validated and with defaults applied. */
export interface Settings {
  readonly domainName: string;
  readonly name: string;
  readonly region: string;
  readonly vpcCidr: string;
  readonly publicSubnetCidrs: readonly string[];
  readonly privateSubnetCidrs: readonly string[];
  readonly availabilityZones?: readonly string[];
  readonly instanceType: string;
  readonly amiNames: readonly string[];
  readonly stateBucket: string;
  readonly stateKeyPrefix: string;
  readonly stateRegion: string;
  readonly alarmEmail?: string;
  readonly kmsDeletionWindowDays: number;
  readonly kmsAliasPrefix: string;
  readonly keySigningKeys: readonly KeySigningKeySetting[];
  readonly dnssec: DnssecMode;
  readonly parentDs: ParentDsMode;
  readonly parentZoneId?: string;
  readonly delegateFromParent: boolean;
  readonly dsTtl: number;
  readonly resolverDnssecValidation: boolean;
  readonly soaNegativeTtl?: number;
  readonly logRetentionDays: number;
  readonly wafRateLimit: number;
  readonly wafGeoBlockCountries: readonly string[];
  /**
   * The fleet's further zones, each in its own stack (see stacks/stack-ids.ts). The primary zone is
   * the top-level domainName and its zone settings; it stays in the "zone" and "app" stacks.
   */
  readonly zones: readonly ZoneSetting[];
  /** One KMS key per KSK name for the whole fleet, in the "dnssec-keys" stack (config/shared-key.ts). */
  readonly sharedKmsKey: boolean;
}

/** The documented defaults: they synthesize with no AWS account and no network. */
export const DEFAULTS = {
  domainName: "example.com",
  name: "dnssec-demo",
  region: "us-east-2",
  vpcCidr: "10.20.20.0/24",
  publicSubnetCidrs: ["10.20.20.96/27", "10.20.20.128/27", "10.20.20.160/27"],
  privateSubnetCidrs: ["10.20.20.0/27", "10.20.20.32/27", "10.20.20.64/27"],
  instanceType: "t3.micro",
  amiNames: ["al2023-ami-2023.*-x86_64"],
  stateBucket: "dnssec-cdktf-example-tfstate",
  stateKeyPrefix: "dnssec-cdktf",
  kmsDeletionWindowDays: 30,
  keySigningKeys: [{ name: "ksk_1", status: "active", publishDs: true }],
  dnssec: "on",
  parentDs: "manual",
  delegateFromParent: false,
  dsTtl: 3600,
  resolverDnssecValidation: true,
  logRetentionDays: 365,
  wafRateLimit: 2000,
  wafGeoBlockCountries: ["CN", "RU"],
  sharedKmsKey: false,
} as const;

/** Every key the app understands. Anything else is refused, so a typo cannot be silently ignored. */
export const SETTING_KEYS = [
  "domainName",
  "name",
  "region",
  "vpcCidr",
  "publicSubnetCidrs",
  "privateSubnetCidrs",
  "availabilityZones",
  "instanceType",
  "amiNames",
  "stateBucket",
  "stateKeyPrefix",
  "stateRegion",
  "alarmEmail",
  "kmsDeletionWindowDays",
  "kmsAliasPrefix",
  "keySigningKeys",
  "dnssec",
  "parentDs",
  "parentZoneId",
  "delegateFromParent",
  "dsTtl",
  "resolverDnssecValidation",
  "soaNegativeTtl",
  "logRetentionDays",
  "wafRateLimit",
  "wafGeoBlockCountries",
  "zones",
  "sharedKmsKey",
] as const;

/**
 * The zone-level settings: the top level holds them for the primary zone, and each entry of
 * `zones` for a further zone (with `domainName`, `hostedZoneId` and `adopt`). One function reads
 * them for both (readZoneLevel), so a rule of a zone is written once.
 */
export const ZONE_SETTING_KEYS = [
  "domainName",
  "keySigningKeys",
  "dnssec",
  "parentDs",
  "parentZoneId",
  "delegateFromParent",
  "dsTtl",
  "soaNegativeTtl",
  "hostedZoneId",
  "adopt",
] as const;

/** A Route 53 hosted zone id, as the console and the API's Id (without "/hostedzone/") show it. */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * Validates the raw context and returns typed settings. Runs before any construct is built; the
 * first problem is raised as a SettingsError whose message names the key, the value and the fix.
 */
export function loadSettings(context: Record<string, unknown>): Settings {
  const raw = withoutCdktfKeys(context);
  for (const key of Object.keys(raw)) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) {
      const hint = closest(key, SETTING_KEYS);
      throw new SettingsError(
        `Unknown setting "${key}" in the context${hint ? `; did you mean "${hint}"?` : `; the known settings are listed in the README.`}`,
      );
    }
  }
  const read = new Reader(raw);

  const domainNameRaw = read.string("domainName", DEFAULTS.domainName);
  fail(unicodeDomainProblem(key("domainName"), domainNameRaw));
  fail(domainNameProblem(key("domainName"), domainNameRaw));
  fail(certificateNameProblem(key("domainName"), domainNameRaw));
  const name = read.string("name", DEFAULTS.name);
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(name)) {
    throw new SettingsError(
      `${key("name")} must be 1-20 lower-case letters, digits or hyphens starting with a letter (it prefixes AWS resource names such as the load balancer, whose names are limited to 32 characters), got: ${JSON.stringify(name)}.`,
    );
  }
  const region = readRegion(read, "region", DEFAULTS.region);

  const vpcCidr = read.string("vpcCidr", DEFAULTS.vpcCidr);
  fail(leadingZeroProblem(key("vpcCidr"), vpcCidr));
  const vpc = cidr("vpcCidr", vpcCidr);
  if (vpc.prefix < 16 || vpc.prefix > 28) {
    throw new SettingsError(`${key("vpcCidr")} must have a prefix between /16 and /28 (the VPC limits), got: "${vpcCidr}".`);
  }
  fail(vpcSizeProblem(key("vpcCidr"), vpcCidr, vpc.prefix));
  const publicSubnetCidrs = read.stringList("publicSubnetCidrs", DEFAULTS.publicSubnetCidrs);
  const privateSubnetCidrs = read.stringList("privateSubnetCidrs", DEFAULTS.privateSubnetCidrs);
  if (publicSubnetCidrs.length !== privateSubnetCidrs.length) {
    throw new SettingsError(
      `${key("publicSubnetCidrs")} has ${publicSubnetCidrs.length} entries and ${key("privateSubnetCidrs")} has ${privateSubnetCidrs.length}; give both the same number, one public and one private subnet per availability zone.`,
    );
  }
  if (publicSubnetCidrs.length < 2) {
    throw new SettingsError(
      `${key("publicSubnetCidrs")} must list at least 2 subnets, got ${publicSubnetCidrs.length}; an application load balancer needs subnets in two availability zones.`,
    );
  }
  for (const [i, c] of publicSubnetCidrs.entries()) fail(leadingZeroProblem(key(`publicSubnetCidrs[${i}]`), c));
  for (const [i, c] of privateSubnetCidrs.entries()) fail(leadingZeroProblem(key(`privateSubnetCidrs[${i}]`), c));
  checkSubnets(vpc, [
    ...publicSubnetCidrs.map((c, i) => ({ label: `publicSubnetCidrs[${i}]`, text: c })),
    ...privateSubnetCidrs.map((c, i) => ({ label: `privateSubnetCidrs[${i}]`, text: c })),
  ]);
  const availabilityZones = read.optionalStringList("availabilityZones");
  if (availabilityZones !== undefined) {
    if (availabilityZones.length < publicSubnetCidrs.length) {
      throw new SettingsError(
        `${key("availabilityZones")} lists ${availabilityZones.length} zones but there are ${publicSubnetCidrs.length} subnet pairs; list one zone per pair, or leave the setting out to use the region's zones.`,
      );
    }
    for (const [i, az] of availabilityZones.entries()) {
      if (!az.startsWith(region) || !/^[a-z]$/.test(az.slice(region.length))) {
        throw new SettingsError(
          `${key(`availabilityZones[${i}]`)} must be a zone of region "${region}" such as "${region}a", got: ${JSON.stringify(az)}.`,
        );
      }
    }
  }

  if (availabilityZones !== undefined) fail(duplicateZoneProblem(key("availabilityZones"), availabilityZones));
  fail(subnetPairsProblem(key("publicSubnetCidrs"), publicSubnetCidrs.length, region, availabilityZones));

  const instanceType = read.string("instanceType", DEFAULTS.instanceType);
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType)) {
    throw new SettingsError(`${key("instanceType")} must be an EC2 instance type such as "t3.micro", got: ${JSON.stringify(instanceType)}.`);
  }
  const amiNames = read.stringList("amiNames", DEFAULTS.amiNames);
  if (amiNames.length === 0) {
    throw new SettingsError(`${key("amiNames")} must list at least one AMI name pattern, such as "al2023-ami-2023.*-x86_64".`);
  }

  const stateBucket = read.string("stateBucket", DEFAULTS.stateBucket);
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(stateBucket) || stateBucket.includes("..")) {
    throw new SettingsError(
      `${key("stateBucket")} must be an S3 bucket name of 3-63 lower-case letters, digits, dots and hyphens, got: ${JSON.stringify(stateBucket)}.`,
    );
  }
  fail(bucketNameProblem(key("stateBucket"), stateBucket));
  const stateKeyPrefix = read.string("stateKeyPrefix", DEFAULTS.stateKeyPrefix);
  if (!/^[A-Za-z0-9!_.*'()\-/]+$/.test(stateKeyPrefix) || stateKeyPrefix.startsWith("/") || stateKeyPrefix.endsWith("/")) {
    throw new SettingsError(
      `${key("stateKeyPrefix")} must be an S3 key prefix without leading or trailing "/", got: ${JSON.stringify(stateKeyPrefix)}; for example "dnssec-cdktf".`,
    );
  }
  fail(stateRegionProblem(raw.stateRegion));
  const stateRegion = readRegion(read, "stateRegion", region);

  const alarmEmail = read.optionalString("alarmEmail");
  if (alarmEmail !== undefined) fail(emailProblem(key("alarmEmail"), alarmEmail));
  if (alarmEmail !== undefined) fail(emailLabelProblem(key("alarmEmail"), alarmEmail));

  const kmsDeletionWindowDays = read.number("kmsDeletionWindowDays", DEFAULTS.kmsDeletionWindowDays);
  fail(deletionWindowProblem(key("kmsDeletionWindowDays"), kmsDeletionWindowDays));
  const kmsAliasPrefix = read.string("kmsAliasPrefix", `alias/${name}-dnssec`);
  fail(kmsAliasProblem(key("kmsAliasPrefix"), kmsAliasPrefix));

  const zone = readZoneLevel(raw, "", kmsAliasPrefix, normaliseDomainName(domainNameRaw));
  const resolverDnssecValidation = read.boolean("resolverDnssecValidation", DEFAULTS.resolverDnssecValidation);
  const logRetentionDays = read.number("logRetentionDays", DEFAULTS.logRetentionDays);
  // 0 is CloudWatch Logs' "never expire"; the access-log bucket then keeps its logs too.
  if (logRetentionDays !== 0 && !LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    throw new SettingsError(
      `${key("logRetentionDays")} must be 0 (never expire) or one of CloudWatch Logs' retention periods (${LOG_RETENTION_DAYS.join(", ")}), got: ${JSON.stringify(logRetentionDays)}.`,
    );
  }
  const wafRateLimit = read.number("wafRateLimit", DEFAULTS.wafRateLimit);
  if (!Number.isInteger(wafRateLimit) || wafRateLimit < 10 || wafRateLimit > 2_000_000_000) {
    throw new SettingsError(`${key("wafRateLimit")} must be a whole number of requests per 5 minutes between 10 and 2000000000 (AWS WAF's limits), got: ${JSON.stringify(wafRateLimit)}.`);
  }
  const wafGeoBlockCountries = read.stringList("wafGeoBlockCountries", DEFAULTS.wafGeoBlockCountries);
  for (const [i, c] of wafGeoBlockCountries.entries()) {
    if (!/^[A-Z]{2}$/.test(c)) {
      throw new SettingsError(`${key(`wafGeoBlockCountries[${i}]`)} must be a two-letter ISO 3166 country code in capitals such as "RU", got: ${JSON.stringify(c)}.`);
    }
    fail(countryCodeProblem(key(`wafGeoBlockCountries[${i}]`), c));
  }

  const zones = readZones(raw.zones, normaliseDomainName(domainNameRaw), kmsAliasPrefix);
  const sharedKmsKey = read.boolean("sharedKmsKey", DEFAULTS.sharedKmsKey);
  fail(sharedKmsKeyProblem({ sharedKmsKey, kmsAliasPrefix, keySigningKeys: zone.keySigningKeys, zones }));

  return {
    domainName: normaliseDomainName(domainNameRaw),
    name,
    region,
    vpcCidr,
    publicSubnetCidrs,
    privateSubnetCidrs,
    availabilityZones,
    instanceType,
    amiNames,
    stateBucket,
    stateKeyPrefix,
    stateRegion,
    alarmEmail,
    kmsDeletionWindowDays,
    kmsAliasPrefix,
    keySigningKeys: zone.keySigningKeys,
    dnssec: zone.dnssec,
    parentDs: zone.parentDs,
    parentZoneId: zone.parentZoneId,
    delegateFromParent: zone.delegateFromParent,
    dsTtl: zone.dsTtl,
    resolverDnssecValidation,
    soaNegativeTtl: zone.soaNegativeTtl,
    logRetentionDays,
    wafRateLimit,
    wafGeoBlockCountries,
    zones,
    sharedKmsKey,
  };
}

/** The unsafe KSK and signing-mode shapes; the rules live in modules/dnssec/shape.ts. */
function checkDnssecShape(ksks: readonly KeySigningKeySetting[], dnssec: DnssecMode, parentDs: ParentDsMode, prefix: string): void {
  const shapes = ksks.map((k) => ({ name: k.name, active: k.status === "active", publishDs: k.publishDs, kmsKeyArn: k.kmsKeyArn }));
  fail(dnssecShapeProblem(shapes, dnssec, parentDs, { ksks: key(`${prefix}keySigningKeys`), mode: key(`${prefix}dnssec`), ds: key(`${prefix}parentDs`) }));
}

/** The zone-level settings as read, before the fleet's own checks. */
type ZoneLevel = Omit<ZoneSetting, "domainName" | "ownership" | "hostedZoneId">;

/**
 * Reads and checks the zone-level settings of one zone: the top level (`prefix` "") for the
 * primary, or an entry of `zones` (`prefix` "zones[i]."). Every message names the full path.
 */
function readZoneLevel(raw: Record<string, unknown>, prefix: string, kmsAliasPrefix: string, domainName: string): ZoneLevel {
  const read = new Reader(raw, prefix);
  const k = (name: string) => key(`${prefix}${name}`);
  const keySigningKeys = readKeySigningKeys(raw.keySigningKeys, prefix);
  fail(kskNameCollisionProblem(keySigningKeys.map((x) => x.name), (i) => k(`keySigningKeys[${i}].name`)));
  // A fleet zone's aliases carry its domain and are shortened to fit (stacks/fleet-names.ts).
  if (prefix === "") fail(aliasLengthProblem(kmsAliasPrefix, keySigningKeys));
  const dnssec = read.choice("dnssec", ["on", "disabling", "off"] as const, DEFAULTS.dnssec);
  const parentDs = read.choice("parentDs", ["manual", "route53-zone", "route53-domains"] as const, DEFAULTS.parentDs);
  const parentZoneId = read.optionalString("parentZoneId");
  if (parentZoneId !== undefined && !HOSTED_ZONE_ID.test(parentZoneId)) {
    throw new SettingsError(`${k("parentZoneId")} must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ", got: ${JSON.stringify(parentZoneId)}.`);
  }
  if (parentDs === "route53-zone" && parentZoneId === undefined) {
    throw new SettingsError(
      `${k("parentDs")} is "route53-zone" but ${k("parentZoneId")} is not set; set it to the id of the parent's hosted zone (for example the zone of example.com when the domain is app.example.com).`,
    );
  }
  // The NS delegation is independent of the DS mode: it must outlive "disabling" and "off", or the
  // subdomain stops resolving when DNSSEC is turned off. So parentZoneId serves either.
  const delegateFromParent = read.boolean("delegateFromParent", DEFAULTS.delegateFromParent);
  if (delegateFromParent && parentZoneId === undefined) {
    throw new SettingsError(
      `${k("delegateFromParent")} is true but ${k("parentZoneId")} is not set; set it to the id of the parent's hosted zone, or set delegateFromParent to false.`,
    );
  }
  if (parentDs !== "route53-zone" && parentZoneId !== undefined && !delegateFromParent) {
    throw new SettingsError(
      `${k("parentZoneId")} is set but ${k("parentDs")} is ${JSON.stringify(parentDs)} and ${k("delegateFromParent")} is false; set parentDs to "route53-zone" or delegateFromParent to true to use it, or remove parentZoneId.`,
    );
  }
  if (parentDs === "route53-domains") fail(route53DomainsProblem(k("parentDs"), domainName));
  const dsTtl = read.number("dsTtl", DEFAULTS.dsTtl);
  if (!Number.isInteger(dsTtl) || dsTtl < 60 || dsTtl > 172800) {
    throw new SettingsError(`${k("dsTtl")} must be a whole number of seconds between 60 and 172800, got: ${JSON.stringify(dsTtl)}; 3600 is a good choice.`);
  }
  const soaNegativeTtl = read.optionalNumber("soaNegativeTtl");
  if (soaNegativeTtl !== undefined && (!Number.isInteger(soaNegativeTtl) || soaNegativeTtl < 0 || soaNegativeTtl > 604800)) {
    throw new SettingsError(`${k("soaNegativeTtl")} must be a whole number of seconds between 0 and 604800, got: ${JSON.stringify(soaNegativeTtl)}; 3600 or less is advised before signing.`);
  }
  checkDnssecShape(keySigningKeys, dnssec, parentDs, prefix);
  return { keySigningKeys, dnssec, parentDs, parentZoneId, delegateFromParent, dsTtl, soaNegativeTtl };
}

/**
 * Reads `zones`: the fleet's further zones. An entry takes the same documented defaults as the
 * top level (not the top level's values), so an entry means the same wherever it is moved.
 */
function readZones(value: unknown, primaryDomain: string, kmsAliasPrefix: string): ZoneSetting[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new SettingsError(`${key("zones")} must be a list such as [{"domainName": "example.org"}], got: ${JSON.stringify(value)}.`);
  }
  const zones = value.map((entry, i): ZoneSetting => {
    const prefix = `zones[${i}].`;
    if (!isPlainObject(entry)) {
      throw new SettingsError(`${key(`zones[${i}]`)} must be an object such as {"domainName": "example.org"}, got: ${JSON.stringify(entry)}.`);
    }
    for (const field of Object.keys(entry)) {
      if (!(ZONE_SETTING_KEYS as readonly string[]).includes(field)) {
        const hint = closest(field, ZONE_SETTING_KEYS);
        throw new SettingsError(
          `${key(`zones[${i}]`)} has the unknown field "${field}"${hint ? `; did you mean "${hint}"?` : `; the fields are ${ZONE_SETTING_KEYS.join(", ")}.`}`,
        );
      }
    }
    const read = new Reader(entry, prefix);
    const domainRaw = read.string("domainName", "");
    fail(unicodeDomainProblem(key(`${prefix}domainName`), domainRaw));
    fail(domainNameProblem(key(`${prefix}domainName`), domainRaw));
    const domainName = normaliseDomainName(domainRaw);
    const hostedZoneId = read.optionalString("hostedZoneId");
    if (hostedZoneId !== undefined && !HOSTED_ZONE_ID.test(hostedZoneId)) {
      throw new SettingsError(
        `${key(`${prefix}hostedZoneId`)} must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ" (the Hosted zone ID column of the console, without "/hostedzone/"), got: ${JSON.stringify(hostedZoneId)}.`,
      );
    }
    const adoptRaw = entry.adopt;
    const adopt = read.boolean("adopt", false);
    if (adoptRaw !== undefined && hostedZoneId === undefined) {
      throw new SettingsError(
        `${key(`${prefix}adopt`)} is set but ${key(`${prefix}hostedZoneId`)} is not; adopt and reference apply to an existing zone, so give its id, or remove adopt to have the app create the zone.`,
      );
    }
    const zone = readZoneLevel(entry, prefix, kmsAliasPrefix, domainName);
    if (hostedZoneId !== undefined && zone.parentZoneId === hostedZoneId) {
      throw new SettingsError(
        `${key(`${prefix}parentZoneId`)} is ${JSON.stringify(hostedZoneId)}, the zone's own hostedZoneId; set it to the id of the zone one level up, which holds the delegation and the DS.`,
      );
    }
    const ownership = hostedZoneId === undefined ? "create" : adopt ? "adopt" : "reference";
    if (ownership === "reference" && zone.soaNegativeTtl !== undefined) {
      throw new SettingsError(
        `${key(`${prefix}soaNegativeTtl`)} is set on a referenced zone (hostedZoneId without adopt: true); its SOA belongs to the zone's owner, whose Terraform would fight ours over it, so lower the SOA minimum there, or set adopt to true to own the zone.`,
      );
    }
    return { domainName, ...zone, hostedZoneId, ownership };
  });
  fail(fleetProblem(zones, primaryDomain));
  return zones;
}

/** A zone listed twice, or a delegation that disagrees with the fleet's own zones. */
function fleetProblem(zones: readonly ZoneSetting[], primaryDomain: string): string | undefined {
  const byDomain = new Map<string, number>();
  const byId = new Map<string, number>();
  for (const [i, z] of zones.entries()) {
    if (z.domainName === primaryDomain) {
      return `${key(`zones[${i}].domainName`)} is ${JSON.stringify(z.domainName)}, the primary domainName, which the "zone" and "app" stacks already hold; list each zone once, so remove this entry (the top-level settings are the primary zone's).`;
    }
    const first = byDomain.get(z.domainName);
    if (first !== undefined) {
      return `${key(`zones[${i}].domainName`)} is ${JSON.stringify(z.domainName)}, which zones[${first}] already lists; list each zone once, so merge the two entries.`;
    }
    byDomain.set(z.domainName, i);
    if (z.hostedZoneId !== undefined) {
      const same = byId.get(z.hostedZoneId);
      if (same !== undefined) {
        return `${key(`zones[${i}].hostedZoneId`)} is ${JSON.stringify(z.hostedZoneId)}, which zones[${same}] already uses; a hosted zone has one id, so one of the two ids is wrong.`;
      }
      byId.set(z.hostedZoneId, i);
    }
  }
  for (const [i, z] of zones.entries()) {
    if (z.parentZoneId === undefined) continue;
    // The closest enclosing zone that the fleet itself lists is where the delegation must live.
    const parent = closestEnclosing(z.domainName, zones);
    if (parent === undefined) continue;
    const p = zones[parent];
    if (p.hostedZoneId === undefined) {
      return `${key(`zones[${i}].parentZoneId`)} is ${JSON.stringify(z.parentZoneId)}, but the parent of ${z.domainName} is zones[${parent}] (${p.domainName}), which the app creates and whose id is not known yet; apply that zone's stack first, then set its hostedZoneId (adopt: true) and this parentZoneId to that id.`;
    }
    if (p.hostedZoneId !== z.parentZoneId) {
      return `${key(`zones[${i}].parentZoneId`)} is ${JSON.stringify(z.parentZoneId)}, but the parent of ${z.domainName} in the fleet is zones[${parent}] (${p.domainName}, ${p.hostedZoneId}); the delegation and the DS must go into the zone that resolvers reach, so set parentZoneId to ${JSON.stringify(p.hostedZoneId)}.`;
    }
  }
  return undefined;
}

/** The index of the longest domain in `zones` that strictly encloses `domain`. */
function closestEnclosing(domain: string, zones: readonly ZoneSetting[]): number | undefined {
  let best: number | undefined;
  for (const [j, other] of zones.entries()) {
    if (other.domainName === domain || !domain.endsWith(`.${other.domainName}`)) continue;
    if (best === undefined || other.domainName.length > zones[best].domainName.length) best = j;
  }
  return best;
}

/** KMS alias names are at most 256 characters: the prefix, "-" and the longest KSK name must fit. */
function aliasLengthProblem(prefix: string, ksks: readonly KeySigningKeySetting[]): string | undefined {
  const longest = ksks.filter((k) => k.kmsKeyArn === undefined).reduce<string | undefined>((a, k) => (a === undefined || k.name.length > a.length ? k.name : a), undefined);
  if (longest === undefined || prefix.length + 1 + longest.length <= 256) return undefined;
  return `${key("kmsAliasPrefix")} is ${prefix.length} characters long, got: ${JSON.stringify(prefix)}; with "-" and the key-signing key name ${JSON.stringify(longest)} the KMS alias would have ${prefix.length + 1 + longest.length} characters, more than KMS's 256, so shorten the prefix (or the KSK name).`;
}

/** Context keys that cdktf itself puts into the context it hands an app (read by the cdktf library). */
const CDKTF_CONTEXT_KEYS: readonly string[] = ["cdktfRelativeModules", "cdktfStaticModuleAssetHash", "cdktfJsonPath", "cdktfVersion"];

function withoutCdktfKeys(context: Record<string, unknown>): Record<string, unknown> {
  // The cdktf CLI adds its own keys (cdktfRelativeModules, ...) to the context it hands the app.
  return Object.fromEntries(Object.entries(context).filter(([k]) => !CDKTF_CONTEXT_KEYS.includes(k)));
}

function key(name: string): string {
  return `Setting "${name}"`;
}

function fail(problem: string | undefined): void {
  if (problem !== undefined) throw new SettingsError(problem);
}

function cidr(label: string, value: string): Ipv4Cidr {
  const parsed = parseCidr(key(label), value);
  if (typeof parsed === "string") throw new SettingsError(parsed);
  return parsed;
}

function checkSubnets(vpc: Ipv4Cidr, subnets: { label: string; text: string }[]): void {
  const parsed = subnets.map((s) => ({ ...s, cidr: cidr(s.label, s.text) }));
  for (const s of parsed) {
    if (!cidrContains(vpc, s.cidr)) {
      throw new SettingsError(`${key(s.label)} "${s.text}" lies outside the VPC block "${vpc.text}"; choose a block inside vpcCidr.`);
    }
    if (s.cidr.prefix > 28) {
      throw new SettingsError(`${key(s.label)} "${s.text}" is smaller than /28, the smallest subnet AWS allows; use a /28 or larger block.`);
    }
  }
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (cidrsOverlap(parsed[i].cidr, parsed[j].cidr)) {
        throw new SettingsError(
          `${key(parsed[j].label)} "${parsed[j].text}" overlaps ${parsed[i].label} "${parsed[i].text}"; give every subnet its own block.`,
        );
      }
    }
  }
}

/** The state bucket's own reason to refuse another partition (readRegion gives the DNSSEC one). */
function stateRegionProblem(value: unknown): string | undefined {
  if (typeof value !== "string" || !/^(us-gov|cn|us-iso[a-z]*)-/.test(value)) return undefined;
  return `${key("stateRegion")} is ${JSON.stringify(value)}, outside the commercial AWS partition; the S3 backend reads the state bucket with the same credentials as the stacks, which deploy to the commercial partition, and an account there cannot reach a bucket in another partition, so keep the state bucket in a commercial region such as "us-east-2".`;
}

function readRegion(read: Reader, name: string, fallback: string): string {
  const value = read.string(name, fallback);
  if (/^(us-gov|cn|us-iso[a-z]*)-/.test(value)) {
    throw new SettingsError(
      `${key(name)} is ${JSON.stringify(value)}, outside the commercial AWS partition; Route 53 DNSSEC keys, metrics and query logs live in the commercial partition's us-east-1, which this app uses, so choose a commercial region such as "us-east-2".`,
    );
  }
  if (!AWS_REGIONS.includes(value)) {
    const hint = closest(value, AWS_REGIONS);
    throw new SettingsError(`${key(name)} must be an AWS region, got: ${JSON.stringify(value)}${hint ? `; did you mean "${hint}"?` : "; for example \"us-east-2\"."}`);
  }
  return value;
}

function readKeySigningKeys(value: unknown, prefix: string): KeySigningKeySetting[] {
  if (value === undefined) return DEFAULTS.keySigningKeys.map((k) => ({ ...k }));
  if (!Array.isArray(value)) {
    throw new SettingsError(
      `${key(`${prefix}keySigningKeys`)} must be a list such as [{"name": "ksk_1", "status": "active"}], got: ${JSON.stringify(value)}.`,
    );
  }
  return value.map((entry, i) => {
    const label = `${prefix}keySigningKeys[${i}]`;
    if (!isPlainObject(entry)) {
      throw new SettingsError(`${key(label)} must be an object such as {"name": "ksk_1", "status": "active"}, got: ${JSON.stringify(entry)}.`);
    }
    for (const k of Object.keys(entry)) {
      if (!["name", "status", "publishDs", "kmsKeyArn"].includes(k)) {
        throw new SettingsError(`${key(label)} has the unknown field "${k}"; the fields are name, status, publishDs and kmsKeyArn.`);
      }
    }
    const inner = new Reader(entry, `${label}.`);
    const name = inner.string("name", "");
    fail(kskNameProblem(key(`${label}.name`), name));
    const status = inner.choice("status", ["active", "inactive"] as const, "active");
    const publishDs = inner.boolean("publishDs", status === "active");
    const kmsKeyArn = inner.optionalString("kmsKeyArn");
    if (kmsKeyArn !== undefined) fail(kmsKeyPartitionProblem(key(`${label}.kmsKeyArn`), kmsKeyArn));
    if (kmsKeyArn !== undefined) fail(dnssecKmsKeyArnProblem(key(`${label}.kmsKeyArn`), kmsKeyArn));
    return { name, status, publishDs, kmsKeyArn };
  });
}

/** Reads typed values from a raw object; every mistake names the full setting path. */
class Reader {
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly prefix = "",
  ) {}

  private label(name: string): string {
    return key(`${this.prefix}${name}`);
  }

  string(name: string, fallback: string): string {
    const value = this.raw[name];
    if (value === undefined) {
      if (fallback === "") throw new SettingsError(`${this.label(name)} is required; add it.`);
      return fallback;
    }
    if (typeof value !== "string") throw new SettingsError(`${this.label(name)} must be a string, got: ${JSON.stringify(value)}.`);
    return value;
  }

  optionalString(name: string): string | undefined {
    return this.raw[name] === undefined ? undefined : this.string(name, "");
  }

  number(name: string, fallback: number): number {
    const value = this.raw[name];
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new SettingsError(`${this.label(name)} must be a number, got: ${JSON.stringify(value)}.`);
    }
    return value;
  }

  optionalNumber(name: string): number | undefined {
    return this.raw[name] === undefined ? undefined : this.number(name, 0);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw[name];
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") throw new SettingsError(`${this.label(name)} must be true or false, got: ${JSON.stringify(value)}.`);
    return value;
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.raw[name];
    if (value === undefined) return fallback;
    if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
      throw new SettingsError(`${this.label(name)} must be one of ${choices.map((c) => `"${c}"`).join(", ")}, got: ${JSON.stringify(value)}.`);
    }
    return value as T;
  }

  stringList(name: string, fallback: readonly string[]): string[] {
    const value = this.raw[name];
    if (value === undefined) return [...fallback];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
      throw new SettingsError(`${this.label(name)} must be a list of strings, got: ${JSON.stringify(value)}.`);
    }
    return value as string[];
  }

  optionalStringList(name: string): string[] | undefined {
    return this.raw[name] === undefined ? undefined : this.stringList(name, []);
  }
}
