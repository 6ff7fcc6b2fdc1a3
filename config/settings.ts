/**
 * Every setting of the app, declared once (the kit is config/declare.ts; the zone-level settings,
 * shared by the top level and each `zones` entry, are in config/zone-setting.ts). From SETTINGS
 * come the validation (loadSettings), the typed result (Settings), the unknown-key check and the
 * README's configuration table (settingsTableMarkdown, kept current by tools/readme/settings-table.ts).
 *
 * A setting is a field: its name, kind, default, rules with their messages, and doc line. A rule
 * between settings is a function of the typed result, in SETTINGS' rules; each rule lives once.
 */
import {
  closest,
  cidrContains,
  cidrsOverlap,
  deletionWindowProblem,
  domainNameProblem,
  emailProblem,
  Ipv4Cidr,
  kmsAliasProblem,
  normaliseDomainName,
  parseCidr,
} from "../modules/rules";
import type { DsAutomation, SigningMode } from "../modules/dnssec/shape";
import {
  bucketNameProblem,
  certificateNameProblem,
  countryCodeProblem,
  duplicateZoneProblem,
  emailLabelProblem,
  leadingZeroProblem,
  MAX_KMS_ALIAS,
  subnetPairsProblem,
  unicodeDomainProblem,
  vpcSizeProblem,
} from "./aws-limits";
import { fleetKmsAliasPrefix } from "../stacks/fleet-names";
import { MAX_FLEET_DOMAIN } from "../stacks/stack-ids";
import { closestEnclosing } from "./enclosing";
import { BOOLEAN, declaration, each, field, join, key, listOf, NUMBER, readDeclared, settingsTable, STRING, STRINGS, type ObjectRule, type Problem, type Rule, type Shape } from "./declare";
import { AWS_REGIONS } from "./regions";
import { sharedKmsKeyProblem, usesSharedKey } from "./shared-key";
import { ZONE_ENTRY, ZONE_FIELDS, ZONE_RULES, ZONE_SETTING_KEYS } from "./zone-setting";

export type { KeySigningKeySetting, ZoneSetting, ZoneOwnership } from "./zone-setting";
export { ZONE_SETTING_KEYS } from "./zone-setting";

/** The lifecycle of signing on the zone; see the README's "Turning DNSSEC off safely". */
export type DnssecMode = SigningMode;

/** Where the DS record of each published KSK goes. */
export type ParentDsMode = DsAutomation;

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** The partitions outside the commercial one, by their region prefixes. */
const OTHER_PARTITION = /^(us-gov|cn|us-iso[a-z]*)-/;

/** An AWS region of the commercial partition: Route 53's DNSSEC lives in its us-east-1. */
const regionProblem: Rule<string> = (label, value) => {
  if (OTHER_PARTITION.test(value)) {
    return `${label} is ${JSON.stringify(value)}, outside the commercial AWS partition; Route 53 DNSSEC keys, metrics and query logs live in the commercial partition's us-east-1, which this app uses, so choose a commercial region such as "us-east-2".`;
  }
  if (AWS_REGIONS.includes(value)) return undefined;
  const hint = closest(value, AWS_REGIONS);
  return `${label} must be an AWS region, got: ${JSON.stringify(value)}${hint ? `; did you mean "${hint}"?` : '; for example "us-east-2".'}`;
};

/** The state bucket's own reason to refuse another partition (regionProblem gives the DNSSEC one). */
const stateRegionProblem: Rule<string> = (label, value) =>
  OTHER_PARTITION.test(value)
    ? `${label} is ${JSON.stringify(value)}, outside the commercial AWS partition; the S3 backend reads the state bucket with the same credentials as the stacks, which deploy to the commercial partition, and an account there cannot reach a bucket in another partition, so keep the state bucket in a commercial region such as "us-east-2".`
    : undefined;

const cidrProblem: Rule<string> = (label, value) => {
  const parsed = parseCidr(label, value);
  return typeof parsed === "string" ? parsed : undefined;
};

/** A CIDR that cidrProblem accepted. */
function cidrOf(value: string): Ipv4Cidr {
  return parseCidr("", value) as Ipv4Cidr;
}

/** The top-level settings, in the README's order; the zone-level ones come from ZONE_FIELDS. */
const FIELDS = {
  domainName: field(STRING, {
    default: "example.com",
    rules: [unicodeDomainProblem, domainNameProblem, certificateNameProblem],
    then: normaliseDomainName,
    doc: "a DNS name in ASCII, ≤ 64 characters (ACM's limit for a certificate's first name), labels of 1–63 letters, digits, hyphens; trailing dot optional; an internationalised name in its punycode form (`xn--bcher-kva.example`, not `bücher.example`)",
  }),
  name: field(STRING, {
    default: "dnssec-demo",
    rules: [
      (label, name) =>
        /^[a-z][a-z0-9-]{0,19}$/.test(name)
          ? undefined
          : `${label} must be 1-20 lower-case letters, digits or hyphens starting with a letter (it prefixes AWS resource names such as the load balancer, whose names are limited to 32 characters), got: ${JSON.stringify(name)}.`,
    ],
    doc: "1–20 lower-case letters, digits, hyphens; prefixes resource names",
  }),
  region: field(STRING, {
    default: "us-east-2",
    rules: [regionProblem],
    doc: "a commercial AWS region (GovCloud and China are refused: DNSSEC lives in the commercial us-east-1)",
  }),
  vpcCidr: field(STRING, {
    default: "10.20.20.0/24",
    rules: [
      leadingZeroProblem,
      cidrProblem,
      (label, value) => {
        const { prefix } = cidrOf(value);
        return prefix < 16 || prefix > 28 ? `${label} must have a prefix between /16 and /28 (the VPC limits), got: "${value}".` : undefined;
      },
      (label, value) => vpcSizeProblem(label, value, cidrOf(value).prefix),
    ],
    doc: "IPv4 CIDR, /16–/26 (two subnet pairs of at least /28 need a /26), no host bits, no leading zeros (`10.42.0.0/16`, not `010.042.000.000/16`)",
  }),
  publicSubnetCidrs: field(STRINGS, {
    default: ["10.20.20.96/27", "10.20.20.128/27", "10.20.20.160/27"],
    rules: [each(leadingZeroProblem)],
    defaultDoc: "`10.20.20.96/27`, `.128/27`, `.160/27`",
    doc: "inside the VPC, /28 or larger, no overlaps, same count as private, at least 2; without `availabilityZones`, at most as many pairs as the region offers every account (3, but 2 in us-west-1)",
  }),
  privateSubnetCidrs: field(STRINGS, {
    default: ["10.20.20.0/27", "10.20.20.32/27", "10.20.20.64/27"],
    rules: [each(leadingZeroProblem)],
    defaultDoc: "`10.20.20.0/27`, `.32/27`, `.64/27`",
    doc: "as above",
  }),
  availabilityZones: field(STRINGS, { optional: true, defaultDoc: "the region's available zones", doc: "one distinct zone of `region` per subnet pair" }),
  instanceType: field(STRING, {
    default: "t3.micro",
    rules: [
      (label, value) =>
        /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(value) ? undefined : `${label} must be an EC2 instance type such as "t3.micro", got: ${JSON.stringify(value)}.`,
    ],
    doc: "an EC2 instance type",
  }),
  amiNames: field(STRINGS, {
    default: ["al2023-ami-2023.*-x86_64"],
    rules: [(label, names) => (names.length === 0 ? `${label} must list at least one AMI name pattern, such as "al2023-ami-2023.*-x86_64".` : undefined)],
    doc: 'AMI name patterns, newest Amazon-owned match when an instance is created; a newer AMI never replaces running instances (see "Updating the web servers")',
  }),
  stateBucket: field(STRING, {
    default: "dnssec-cdktf-example-tfstate",
    rules: [
      (label, bucket) =>
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) && !bucket.includes("..")
          ? undefined
          : `${label} must be an S3 bucket name of 3-63 lower-case letters, digits, dots and hyphens, got: ${JSON.stringify(bucket)}.`,
      bucketNameProblem,
    ],
    doc: "S3 bucket of the state (create it first, with versioning); S3's naming rules: 3–63 lower-case letters, digits, dots, hyphens, not an IP address, no `xn--`/`sthree-` prefix nor `-s3alias`/`--ol-s3` suffix",
  }),
  stateKeyPrefix: field(STRING, {
    default: "dnssec-cdktf",
    rules: [
      (label, prefix) =>
        /^[A-Za-z0-9!_.*'()\-/]+$/.test(prefix) && !prefix.startsWith("/") && !prefix.endsWith("/")
          ? undefined
          : `${label} must be an S3 key prefix without leading or trailing "/", got: ${JSON.stringify(prefix)}; for example "dnssec-cdktf".`,
    ],
    doc: "state keys are `<prefix>/zone.tfstate` and `<prefix>/app.tfstate`, `<prefix>/zone-<domain>.tfstate` for each entry of `zones`, `<prefix>/dnssec-keys.tfstate` with `sharedKmsKey`",
  }),
  stateRegion: field(STRING, {
    default: (earlier) => earlier.region as string,
    rules: [stateRegionProblem, regionProblem],
    defaultDoc: "`region`",
    doc: "region of the state bucket",
  }),
  alarmEmail: field(STRING, { optional: true, rules: [emailProblem, emailLabelProblem], doc: "an e-mail subscribed to the DNSSEC alarm topic; no empty label in its domain" }),
  kmsDeletionWindowDays: field(NUMBER, { default: 30, rules: [deletionWindowProblem], doc: "7–30; losing the key takes the domain offline" }),
  kmsAliasPrefix: field(STRING, {
    default: (earlier) => `alias/${earlier.name as string}-dnssec`,
    rules: [kmsAliasProblem],
    defaultDoc: "`alias/<name>-dnssec`",
    doc: "`alias/…`, not `alias/aws/…`; each key gets `<prefix>-<ksk name>`, in a fleet zone `<prefix>-<domain with _ for .>-<ksk name>` (the domain shortened to fit), a shared key `<prefix>-shared-<ksk name>`",
  }),
  sharedKmsKey: field(BOOLEAN, {
    default: false,
    doc: "one KMS key per KSK name, shared by every zone of the fleet instead of one key per KSK and zone (cost against blast radius: see \"One KMS key for many zones\"); the keys live in the `dnssec-keys` stack, applied first; a KSK with its own `kmsKeyArn` keeps it; no two spellings of one KSK address across zones",
  }),
  ...ZONE_FIELDS,
  resolverDnssecValidation: field(BOOLEAN, { default: true, doc: "DNSSEC validation in the VPC's resolver" }),
  logRetentionDays: field(NUMBER, {
    default: 365,
    rules: [
      // 0 is CloudWatch Logs' "never expire"; the access-log bucket then keeps its logs too.
      (label, days) =>
        days === 0 || LOG_RETENTION_DAYS.includes(days)
          ? undefined
          : `${label} must be 0 (never expire) or one of CloudWatch Logs' retention periods (${LOG_RETENTION_DAYS.join(", ")}), got: ${JSON.stringify(days)}.`,
    ],
    doc: "a CloudWatch Logs retention period, or `0` to keep logs forever (the load balancer's access logs in S3 then never expire either)",
  }),
  wafRateLimit: field(NUMBER, {
    default: 2000,
    rules: [
      (label, limit) =>
        Number.isInteger(limit) && limit >= 10 && limit <= 2_000_000_000
          ? undefined
          : `${label} must be a whole number of requests per 5 minutes between 10 and 2000000000 (AWS WAF's limits), got: ${JSON.stringify(limit)}.`,
    ],
    doc: "requests per 5 minutes per IP, ≥ 10",
  }),
  wafGeoBlockCountries: field(STRINGS, {
    default: ["CN", "RU"],
    rules: [
      each(
        (label, code) =>
          (/^[A-Z]{2}$/.test(code) ? undefined : `${label} must be a two-letter ISO 3166 country code in capitals such as "RU", got: ${JSON.stringify(code)}.`) ??
          countryCodeProblem(label, code),
      ),
    ],
    defaultDoc: '`["CN", "RU"]` (the seed\'s example)',
    doc: "ISO 3166-1 alpha-2 codes (`GB`, not `UK`); `[]` drops the geo rule",
  }),
  /**
   * The fleet's further zones, each in its own stack (see stacks/stack-ids.ts). The primary zone is
   * the top-level domainName and its zone settings; it stays in the "zone" and "app" stacks.
   */
  zones: field(listOf(ZONE_ENTRY, { list: '[{"domainName": "example.org"}]', entry: '{"domainName": "example.org"}' }), {
    default: [],
    defaultDoc: "`[]` (a fleet of one: the primary zone above)",
    doc: `further zones, one stack each (see "Many zones"): entries \`{${ZONE_SETTING_KEYS.join(", ")}}\` with the same rules and the same defaults as the top level (not the top level's values); \`hostedZoneId\` (\`Z…\`, without \`/hostedzone/\`) names an existing zone, which \`adopt: true\` imports and owns and \`adopt: false\` (the default) only reads; no domain or id twice, nor the primary's domain; a domain of at most ${MAX_FLEET_DOMAIN} characters (its stack id is a folder name); a \`parentZoneId\` (of an entry or of the primary) must be the id of its closest enclosing zone in the fleet, never another fleet zone's (see "Many zones" for what the synth can check)`,
  }),
};

type Values = Shape<typeof FIELDS>;

/** The rules between top-level settings, in the order they are checked, after every field passed. */
const RULES: readonly ObjectRule<Values>[] = [
  (s) =>
    s.publicSubnetCidrs.length !== s.privateSubnetCidrs.length
      ? `${key("publicSubnetCidrs")} has ${s.publicSubnetCidrs.length} entries and ${key("privateSubnetCidrs")} has ${s.privateSubnetCidrs.length}; give both the same number, one public and one private subnet per availability zone.`
      : undefined,
  (s) =>
    s.publicSubnetCidrs.length < 2
      ? `${key("publicSubnetCidrs")} must list at least 2 subnets, got ${s.publicSubnetCidrs.length}; an application load balancer needs subnets in two availability zones.`
      : undefined,
  (s) =>
    subnetsProblem(cidrOf(s.vpcCidr), [
      ...s.publicSubnetCidrs.map((c, i) => ({ label: `publicSubnetCidrs[${i}]`, text: c })),
      ...s.privateSubnetCidrs.map((c, i) => ({ label: `privateSubnetCidrs[${i}]`, text: c })),
    ]),
  (s) =>
    s.availabilityZones !== undefined && s.availabilityZones.length < s.publicSubnetCidrs.length
      ? `${key("availabilityZones")} lists ${s.availabilityZones.length} zones but there are ${s.publicSubnetCidrs.length} subnet pairs; list one zone per pair, or leave the setting out to use the region's zones.`
      : undefined,
  (s) => {
    for (const [i, az] of (s.availabilityZones ?? []).entries()) {
      if (!az.startsWith(s.region) || !/^[a-z]$/.test(az.slice(s.region.length))) {
        return `${key(`availabilityZones[${i}]`)} must be a zone of region "${s.region}" such as "${s.region}a", got: ${JSON.stringify(az)}.`;
      }
    }
    return undefined;
  },
  (s) => (s.availabilityZones === undefined ? undefined : duplicateZoneProblem(key("availabilityZones"), s.availabilityZones)),
  (s) => subnetPairsProblem(key("publicSubnetCidrs"), s.publicSubnetCidrs.length, s.region, s.availabilityZones),
  (s) => aliasLengthProblem(s),
  // The primary zone's own rules: the same as every entry of `zones`.
  ...ZONE_RULES.map((rule) => (s: Values) => rule(s, "")),
  (s, _path, raw) => duplicateZoneEntryProblem(s, raw),
  (s) => delegationProblem(s),
  (s) => sharedKmsKeyProblem({ sharedKmsKey: s.sharedKmsKey, kmsAliasPrefix: s.kmsAliasPrefix, keySigningKeys: s.keySigningKeys, zones: s.zones }),
];

/** Every top-level setting: the declaration that loadSettings reads. */
export const SETTINGS = declaration({
  fields: FIELDS,
  rules: RULES,
  unknownKey: (_path, name, hint) => `Unknown setting "${name}" in the context${hint ? `; did you mean "${hint}"?` : `; the known settings are listed in the README.`}`,
});

/** Every setting of the app, validated and with defaults applied (inferred from SETTINGS). */
export type Settings = Values;

/** Every key the app understands. Anything else is refused, so a typo cannot be silently ignored. */
export const SETTING_KEYS = SETTINGS.keys;

/**
 * Validates the raw context and returns typed settings. Runs before any construct is built; the
 * first problem is raised as a SettingsError whose message names the key, the value and the fix.
 */
export function loadSettings(context: Record<string, unknown>): Settings {
  return readDeclared(SETTINGS, withoutCdktfKeys(context), "");
}

/** The documented defaults: what an empty context gives. They synthesize with no AWS account and no network. */
export const DEFAULTS: Settings = loadSettings({});

/** The README's configuration table, one row per top-level setting. */
export function settingsTableMarkdown(): string {
  return settingsTable(FIELDS);
}

/** Said when two spellings of a domain name are one zone. */
const SAME_NAME = " (domain names ignore case and a trailing dot)";

/** A zone listed twice: the primary's domain again, the same domain or the same id. Messages quote the domain as written. */
function duplicateZoneEntryProblem(s: Values, raw: Readonly<Record<string, unknown>>): Problem {
  // loadSettings has checked every value, so each entry is an object with a string domainName.
  const written = (i: number): string => ((raw.zones as Record<string, unknown>[])[i].domainName as string);
  const writtenPrimary = typeof raw.domainName === "string" ? raw.domainName : s.domainName;
  const byDomain = new Map<string, number>();
  const byId = new Map<string, number>();
  for (const [i, z] of s.zones.entries()) {
    const w = written(i);
    if (z.domainName === s.domainName) {
      return `${key(`zones[${i}].domainName`)} is ${JSON.stringify(w)}, the primary domainName${w !== writtenPrimary ? SAME_NAME : ""}, which the "zone" and "app" stacks already hold; list each zone once, so remove this entry (the top-level settings are the primary zone's).`;
    }
    const first = byDomain.get(z.domainName);
    if (first !== undefined) {
      const asWritten = written(first) !== w ? ` as ${JSON.stringify(written(first))}${SAME_NAME}` : "";
      return `${key(`zones[${i}].domainName`)} is ${JSON.stringify(w)}, which zones[${first}] already lists${asWritten}; list each zone once, so merge the two entries.`;
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
  return undefined;
}

/** A zone of the fleet as the delegation rule sees it: the primary (path "") or an entry (`zones[i]`). */
interface FleetZone {
  readonly path: string;
  readonly domainName: string;
  /** Known only for an adopted or referenced entry: the app creates the primary and the other entries. */
  readonly hostedZoneId?: string;
  readonly parentZoneId?: string;
}

/**
 * A `parentZoneId` that disagrees with the fleet's own zones, the primary included, as parent and as
 * child. The delegation and the DS must go into the closest enclosing zone that the fleet lists,
 * which resolvers reach. What the synth can check:
 * - a parent with a known id (an adopted or referenced entry): parentZoneId must be that id;
 * - a parent entry that the app creates: its id is unknown until its stack is applied, so the entry
 *   must be adopted by id first (the message says how);
 * - the primary as parent: the "zone" stack creates it, and the settings have no place for its id
 *   (the top level has no hostedZoneId: the primary is always created), so its id is unknown at
 *   synth and any id is taken, except one that the fleet knows is another zone's; after the first
 *   apply the user copies it from the "zone" stack's output zone_id;
 * - no enclosing zone in the fleet: the parent is outside the fleet, so any id is taken, except
 *   the id of a fleet zone, which does not enclose the child and so cannot be its parent.
 * An id the fleet does not know is checked by Route 53 at apply only.
 */
function delegationProblem(s: Values): Problem {
  const fleet: FleetZone[] = [
    { path: "", domainName: s.domainName, parentZoneId: s.parentZoneId },
    ...s.zones.map((z, i) => ({ path: `zones[${i}]`, domainName: z.domainName, hostedZoneId: z.hostedZoneId, parentZoneId: z.parentZoneId })),
  ];
  for (const child of fleet) {
    const id = child.parentZoneId;
    if (id === undefined) continue;
    const label = key(join(child.path, "parentZoneId"));
    const parent = closestEnclosing(child.domainName, fleet, (z) => z.domainName);
    // Ids are unique in the fleet, and an entry's own id is refused with the entry.
    const named = fleet.find((z) => z !== child && z.hostedZoneId === id);
    if (parent === undefined) {
      if (named === undefined) continue;
      return `${label} is ${JSON.stringify(id)}, the hostedZoneId of ${named.path} (${named.domainName}), which does not enclose ${child.domainName}; the delegation and the DS must go into the zone one level up from ${child.domainName}, so set parentZoneId to that zone's id.`;
    }
    if (parent.path === "") {
      if (named === undefined) continue;
      return `${label} is ${JSON.stringify(id)}, the hostedZoneId of ${named.path} (${named.domainName}), but the parent of ${child.domainName} in the fleet is the primary zone ${parent.domainName}, which the "zone" stack creates; set parentZoneId to that zone's id (the "zone" stack's output zone_id).`;
    }
    if (parent.hostedZoneId === undefined) {
      return `${label} is ${JSON.stringify(id)}, but the parent of ${child.domainName} is ${parent.path} (${parent.domainName}), which the app creates and whose id is not known yet; apply that zone's stack first, then set its hostedZoneId (adopt: true) and this parentZoneId to that id.`;
    }
    if (parent.hostedZoneId !== id) {
      return `${label} is ${JSON.stringify(id)}, but the parent of ${child.domainName} in the fleet is ${parent.path} (${parent.domainName}, ${parent.hostedZoneId}); the delegation and the DS must go into the zone that resolvers reach, so set parentZoneId to ${JSON.stringify(parent.hostedZoneId)}.`;
    }
  }
  return undefined;
}

/**
 * Every per-zone KMS alias fits KMS's limit: the primary's `<kmsAliasPrefix>-<ksk name>` and each
 * fleet zone's `<fleet alias prefix>-<ksk name>`, whose prefix stacks/fleet-names.ts makes (the
 * same function, so the rule checks the alias the stack creates). A KSK with its own kmsKeyArn
 * gets no alias, and one on a shared key only the shared alias, which config/shared-key.ts checks.
 */
function aliasLengthProblem(s: Values): Problem {
  const owners = [
    { path: "", aliasPrefix: s.kmsAliasPrefix, ksks: s.keySigningKeys },
    ...s.zones.map((z, i) => ({ path: `zones[${i}]`, aliasPrefix: fleetKmsAliasPrefix(s.kmsAliasPrefix, z.domainName), ksks: z.keySigningKeys })),
  ];
  const prefix = s.kmsAliasPrefix;
  for (const { path, aliasPrefix, ksks } of owners) {
    for (const [i, k] of ksks.entries()) {
      if (k.kmsKeyArn !== undefined || usesSharedKey(s.sharedKmsKey, k)) continue;
      const length = aliasPrefix.length + 1 + k.name.length;
      if (length <= MAX_KMS_ALIAS) continue;
      return path === ""
        ? `${key("kmsAliasPrefix")} is ${prefix.length} characters long, got: ${JSON.stringify(prefix)}; with "-" and the key-signing key name ${JSON.stringify(k.name)} the KMS alias would have ${length} characters, more than KMS's ${MAX_KMS_ALIAS}, so shorten the prefix (or the KSK name).`
        : `${key("kmsAliasPrefix")} is ${prefix.length} characters long, got: ${JSON.stringify(prefix)}; the alias of the key-signing key ${JSON.stringify(k.name)} (${path}.keySigningKeys[${i}].name) is "<kmsAliasPrefix>-<domain, dots as "_", shortened>-<ksk name>", ${length} characters, more than KMS's ${MAX_KMS_ALIAS}, so shorten the prefix (or the KSK name).`;
    }
  }
  return undefined;
}

/** Every subnet parses, lies inside the VPC, is /28 or larger, and overlaps no other. */
function subnetsProblem(vpc: Ipv4Cidr, subnets: { label: string; text: string }[]): Problem {
  const parsed: { label: string; text: string; cidr: Ipv4Cidr }[] = [];
  for (const s of subnets) {
    const cidr = parseCidr(key(s.label), s.text);
    if (typeof cidr === "string") return cidr;
    parsed.push({ ...s, cidr });
  }
  for (const s of parsed) {
    if (!cidrContains(vpc, s.cidr)) return `${key(s.label)} "${s.text}" lies outside the VPC block "${vpc.text}"; choose a block inside vpcCidr.`;
    if (s.cidr.prefix > 28) return `${key(s.label)} "${s.text}" is smaller than /28, the smallest subnet AWS allows; use a /28 or larger block.`;
  }
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (cidrsOverlap(parsed[i].cidr, parsed[j].cidr)) {
        return `${key(parsed[j].label)} "${parsed[j].text}" overlaps ${parsed[i].label} "${parsed[i].text}"; give every subnet its own block.`;
      }
    }
  }
  return undefined;
}

/** Context keys that cdktf itself puts into the context it hands an app (read by the cdktf library). */
const CDKTF_CONTEXT_KEYS: readonly string[] = ["cdktfRelativeModules", "cdktfStaticModuleAssetHash", "cdktfJsonPath", "cdktfVersion"];

function withoutCdktfKeys(context: Record<string, unknown>): Record<string, unknown> {
  // The cdktf CLI adds its own keys (cdktfRelativeModules, ...) to the context it hands the app.
  return Object.fromEntries(Object.entries(context).filter(([k]) => !CDKTF_CONTEXT_KEYS.includes(k)));
}
