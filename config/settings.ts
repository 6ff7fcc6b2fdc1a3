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
] as const;

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

  const keySigningKeys = readKeySigningKeys(raw.keySigningKeys);
  fail(kskNameCollisionProblem(keySigningKeys.map((k) => k.name), (i) => key(`keySigningKeys[${i}].name`)));
  fail(aliasLengthProblem(kmsAliasPrefix, keySigningKeys));
  const dnssec = read.choice("dnssec", ["on", "disabling", "off"] as const, DEFAULTS.dnssec);
  const parentDs = read.choice("parentDs", ["manual", "route53-zone", "route53-domains"] as const, DEFAULTS.parentDs);
  const parentZoneId = read.optionalString("parentZoneId");
  if (parentZoneId !== undefined && !/^Z[A-Z0-9]{1,31}$/.test(parentZoneId)) {
    throw new SettingsError(`${key("parentZoneId")} must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ", got: ${JSON.stringify(parentZoneId)}.`);
  }
  if (parentDs === "route53-zone" && parentZoneId === undefined) {
    throw new SettingsError(
      `${key("parentDs")} is "route53-zone" but ${key("parentZoneId")} is not set; set it to the id of the parent's hosted zone (for example the zone of example.com when the domain is app.example.com).`,
    );
  }
  // The NS delegation is independent of the DS mode: it must outlive "disabling" and "off", or the
  // subdomain stops resolving when DNSSEC is turned off. So parentZoneId serves either.
  const delegateFromParent = read.boolean("delegateFromParent", DEFAULTS.delegateFromParent);
  if (delegateFromParent && parentZoneId === undefined) {
    throw new SettingsError(
      `${key("delegateFromParent")} is true but ${key("parentZoneId")} is not set; set it to the id of the parent's hosted zone, or set delegateFromParent to false.`,
    );
  }
  if (parentDs !== "route53-zone" && parentZoneId !== undefined && !delegateFromParent) {
    throw new SettingsError(
      `${key("parentZoneId")} is set but ${key("parentDs")} is ${JSON.stringify(parentDs)} and ${key("delegateFromParent")} is false; set parentDs to "route53-zone" or delegateFromParent to true to use it, or remove parentZoneId.`,
    );
  }
  if (parentDs === "route53-domains") fail(route53DomainsProblem(key("parentDs"), normaliseDomainName(domainNameRaw)));
  const dsTtl = read.number("dsTtl", DEFAULTS.dsTtl);
  if (!Number.isInteger(dsTtl) || dsTtl < 60 || dsTtl > 172800) {
    throw new SettingsError(`${key("dsTtl")} must be a whole number of seconds between 60 and 172800, got: ${JSON.stringify(dsTtl)}; 3600 is a good choice.`);
  }
  const resolverDnssecValidation = read.boolean("resolverDnssecValidation", DEFAULTS.resolverDnssecValidation);
  const soaNegativeTtl = read.optionalNumber("soaNegativeTtl");
  if (soaNegativeTtl !== undefined && (!Number.isInteger(soaNegativeTtl) || soaNegativeTtl < 0 || soaNegativeTtl > 604800)) {
    throw new SettingsError(`${key("soaNegativeTtl")} must be a whole number of seconds between 0 and 604800, got: ${JSON.stringify(soaNegativeTtl)}; 3600 or less is advised before signing.`);
  }
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

  checkDnssecShape(keySigningKeys, dnssec, parentDs);

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
    keySigningKeys,
    dnssec,
    parentDs,
    parentZoneId,
    delegateFromParent,
    dsTtl,
    resolverDnssecValidation,
    soaNegativeTtl,
    logRetentionDays,
    wafRateLimit,
    wafGeoBlockCountries,
    // Parsed from the "zones" setting by the settings declaration (issue #15); none until then.
    zones: [],
  };
}

/** The unsafe KSK and signing-mode shapes; the rules live in modules/dnssec/shape.ts. */
function checkDnssecShape(ksks: readonly KeySigningKeySetting[], dnssec: DnssecMode, parentDs: ParentDsMode): void {
  const shapes = ksks.map((k) => ({ name: k.name, active: k.status === "active", publishDs: k.publishDs, kmsKeyArn: k.kmsKeyArn }));
  fail(dnssecShapeProblem(shapes, dnssec, parentDs, { ksks: key("keySigningKeys"), mode: key("dnssec"), ds: key("parentDs") }));
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

function readKeySigningKeys(value: unknown): KeySigningKeySetting[] {
  if (value === undefined) return DEFAULTS.keySigningKeys.map((k) => ({ ...k }));
  if (!Array.isArray(value)) {
    throw new SettingsError(
      `${key("keySigningKeys")} must be a list such as [{"name": "ksk_1", "status": "active"}], got: ${JSON.stringify(value)}.`,
    );
  }
  return value.map((entry, i) => {
    const label = `keySigningKeys[${i}]`;
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
