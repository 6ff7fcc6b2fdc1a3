/**
 * The zone-level settings, declared once (see config/declare.ts): the top level holds them for the
 * primary zone, and each entry of `zones` for a further zone, which adds its `domainName`,
 * `hostedZoneId` and `adopt`. The fields (ZONE_FIELDS) and the rules between them (ZONE_RULES)
 * are used by both levels, so a zone's rule is written once.
 */
import { dnssecKmsKeyArnProblem, domainNameProblem, kskNameProblem, normaliseDomainName } from "../modules/rules";
import { dnssecShapeProblem } from "../modules/dnssec/shape";
import { route53DomainsProblem } from "../modules/registrable-domain";
import { kmsKeyPartitionProblem, unicodeDomainProblem } from "./aws-limits";
import { BOOLEAN, choice, declaration, field, join, key, listOf, NUMBER, STRING, type Problem, type Shape } from "./declare";
import { MAX_FLEET_DOMAIN, ZONE_STACK_PREFIX } from "../stacks/stack-ids";
import { kskNameCollisionProblem } from "./ksk-names";

/** A fleet zone's domain gives its stack id, a file name (stacks/stack-ids.ts), which must fit. */
const stackIdProblem = (label: string, domain: string): Problem => {
  const name = normaliseDomainName(domain);
  if (name.length <= MAX_FLEET_DOMAIN) return undefined;
  return `${label} is ${name.length} characters long, got: ${JSON.stringify(domain)}; a fleet zone's stack id "${ZONE_STACK_PREFIX}<domain>" names its folder (terraform/<id>/) and files (up to <id>.terraform.lock.hcl), and a file name holds at most 255 bytes, so the domain may have at most ${MAX_FLEET_DOMAIN} characters; such a zone cannot have a stack of its own, so sign it outside this app.`;
};

/** A Route 53 hosted zone id, as the console and the API's Id (without "/hostedzone/") show it. */
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** One key-signing key as the user configures it. The name is its stable address. */
const KEY_SIGNING_KEY = declaration({
  fields: {
    name: field(STRING, { required: true, rules: [kskNameProblem], doc: "Route 53 KSK name, 3-128 letters, digits, underscores" }),
    status: field(choice(["active", "inactive"]), { default: "active", doc: "whether Route 53 signs with it" }),
    publishDs: field(BOOLEAN, {
      default: (earlier) => earlier.status === "active",
      defaultDoc: "true when active",
      doc: "whether its DS is published at the parent (or listed for the registrar)",
    }),
    kmsKeyArn: field(STRING, { optional: true, rules: [kmsKeyPartitionProblem, dnssecKmsKeyArnProblem], doc: "an existing signing key to use instead of a new one" }),
  },
  unknownKey: (path, name) => `${key(path)} has the unknown field "${name}"; the fields are name, status, publishDs and kmsKeyArn.`,
});

export type KeySigningKeySetting = Shape<typeof KEY_SIGNING_KEY.fields>;

const DEFAULT_KSKS: readonly KeySigningKeySetting[] = [{ name: "ksk_1", status: "active", publishDs: true }];

/** The settings that each zone has: the primary at the top level, a further zone in its `zones` entry. */
export const ZONE_FIELDS = {
  keySigningKeys: field(listOf(KEY_SIGNING_KEY, { list: '[{"name": "ksk_1", "status": "active"}]', entry: '{"name": "ksk_1", "status": "active"}' }), {
    default: DEFAULT_KSKS,
    rules: [(_label, ksks, path) => kskNameCollisionProblem(ksks.map((k) => k.name), (i) => key(`${path}[${i}].name`))],
    defaultDoc: '`[{"name": "ksk_1", "status": "active"}]`',
    doc: "1–2 entries `{name, status: active\\|inactive, publishDs, kmsKeyArn}`; names of 3–128 letters, digits, underscores; `publishDs` defaults to true when active; `kmsKeyArn` (optional, an `arn:aws:kms:us-east-1:` ARN of the commercial partition) signs with an existing ECC_NIST_P256 SIGN_VERIFY key in us-east-1 instead of a new one, whose key policy is then yours to keep (the same three statements as ours); no two KSKs may share a key",
  }),
  dnssec: field(choice(["on", "disabling", "off"]), { default: "on", doc: '`on`, `disabling` or `off` (see "Turning DNSSEC off safely")' }),
  parentDs: field(choice(["manual", "route53-zone", "route53-domains"]), {
    default: "manual",
    doc: '`manual` (print it for the registrar), `route53-zone`, `route53-domains` (only for a registrable domain, see "DS at the parent")',
  }),
  parentZoneId: field(STRING, {
    optional: true,
    rules: [(label, id) => (HOSTED_ZONE_ID.test(id) ? undefined : `${label} must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ", got: ${JSON.stringify(id)}.`)],
    doc: "the parent's hosted zone id, required for `route53-zone` and for `delegateFromParent`",
  }),
  delegateFromParent: field(BOOLEAN, { default: false, doc: "create the NS delegation in the parent zone `parentZoneId`, in every `dnssec` mode and with any `parentDs`" }),
  dsTtl: field(NUMBER, {
    default: 3600,
    rules: [
      (label, ttl) =>
        Number.isInteger(ttl) && ttl >= 60 && ttl <= 172800 ? undefined : `${label} must be a whole number of seconds between 60 and 172800, got: ${JSON.stringify(ttl)}; 3600 is a good choice.`,
    ],
    doc: "TTL of the DS (and NS) records in a Route 53 parent, 60–172800",
  }),
  soaNegativeTtl: field(NUMBER, {
    optional: true,
    rules: [
      (label, ttl) =>
        Number.isInteger(ttl) && ttl >= 0 && ttl <= 604800
          ? undefined
          : `${label} must be a whole number of seconds between 0 and 604800, got: ${JSON.stringify(ttl)}; 3600 or less is advised before signing.`,
    ],
    defaultDoc: "none (Route 53's SOA untouched; `cdktf.json`'s example sets 3600)",
    doc: "0–604800; lower it before signing (the synth warns while a signed zone keeps Route 53's 86400)",
  }),
};

/** The zone-level settings of one zone, typed from ZONE_FIELDS. */
export type ZoneLevel = Shape<typeof ZONE_FIELDS>;

/** A zone as its rules see it: its zone-level settings and its (normalised) domain. */
type Zone = ZoneLevel & { readonly domainName: string };

/**
 * The rules between a zone's settings, for the primary (`path` "") and each entry (`zones[i]`).
 * Every message names the full path.
 */
export const ZONE_RULES: readonly ((zone: Zone, path: string) => Problem)[] = [
  (z, path) =>
    z.parentDs === "route53-zone" && z.parentZoneId === undefined
      ? `${at(path, "parentDs")} is "route53-zone" but ${at(path, "parentZoneId")} is not set; set it to the id of the parent's hosted zone (for example the zone of example.com when the domain is app.example.com).`
      : undefined,
  // The NS delegation is independent of the DS mode: it must outlive "disabling" and "off", or the
  // subdomain stops resolving when DNSSEC is turned off. So parentZoneId serves either.
  (z, path) =>
    z.delegateFromParent && z.parentZoneId === undefined
      ? `${at(path, "delegateFromParent")} is true but ${at(path, "parentZoneId")} is not set; set it to the id of the parent's hosted zone, or set delegateFromParent to false.`
      : undefined,
  (z, path) =>
    z.parentDs !== "route53-zone" && z.parentZoneId !== undefined && !z.delegateFromParent
      ? `${at(path, "parentZoneId")} is set but ${at(path, "parentDs")} is ${JSON.stringify(z.parentDs)} and ${at(path, "delegateFromParent")} is false; set parentDs to "route53-zone" or delegateFromParent to true to use it, or remove parentZoneId.`
      : undefined,
  (z, path) => (z.parentDs === "route53-domains" ? route53DomainsProblem(at(path, "parentDs"), z.domainName) : undefined),
  // The unsafe KSK and signing-mode shapes; the rules live in modules/dnssec/shape.ts.
  (z, path) =>
    dnssecShapeProblem(
      z.keySigningKeys.map((k) => ({ name: k.name, active: k.status === "active", publishDs: k.publishDs, kmsKeyArn: k.kmsKeyArn })),
      z.dnssec,
      z.parentDs,
      { ksks: at(path, "keySigningKeys"), mode: at(path, "dnssec"), ds: at(path, "parentDs") },
    ),
];

/** The zone-level values of a zone (the primary's Settings or a ZoneSetting), as the stacks take them. */
export function zoneLevelOf(zone: ZoneLevel): Omit<ZoneLevel, "keySigningKeys"> & { keySigningKeys: KeySigningKeySetting[] } {
  const picked = Object.fromEntries(Object.keys(ZONE_FIELDS).map((name) => [name, zone[name as keyof ZoneLevel]])) as unknown as ZoneLevel;
  return { ...picked, keySigningKeys: [...zone.keySigningKeys] };
}

/**
 * How the app holds a zone:
 * - "create": the app creates the hosted zone (no hostedZoneId);
 * - "adopt": the zone exists (hostedZoneId) and the app takes ownership through a Terraform import block;
 * - "reference": the zone exists (hostedZoneId) and is only read; the app manages its DNSSEC alone.
 */
export type ZoneOwnership = "create" | "adopt" | "reference";

/**
 * An entry of `zones`. It takes the same documented defaults as the top level (not the top level's
 * values), so an entry means the same wherever it is moved.
 */
export const ZONE_ENTRY = declaration({
  fields: {
    domainName: field(STRING, { required: true, rules: [unicodeDomainProblem, domainNameProblem, stackIdProblem], then: normaliseDomainName, doc: "the zone's domain" }),
    ...ZONE_FIELDS,
    hostedZoneId: field(STRING, {
      optional: true,
      rules: [
        (label, id) =>
          HOSTED_ZONE_ID.test(id)
            ? undefined
            : `${label} must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ" (the Hosted zone ID column of the console, without "/hostedzone/"), got: ${JSON.stringify(id)}.`,
      ],
      doc: "the id of an existing hosted zone",
    }),
    adopt: field(BOOLEAN, { optional: true, defaultDoc: "`false`", doc: "with hostedZoneId: true imports and owns the zone, false only reads it" }),
  },
  rules: [
    (z, path) =>
      z.adopt !== undefined && z.hostedZoneId === undefined
        ? `${at(path, "adopt")} is set but "${join(path, "hostedZoneId")}" is not; adopt and reference apply to an existing zone, so give its id, or remove adopt to have the app create the zone.`
        : undefined,
    ...ZONE_RULES,
    (z, path) =>
      z.hostedZoneId !== undefined && z.parentZoneId === z.hostedZoneId
        ? `${at(path, "parentZoneId")} is ${JSON.stringify(z.hostedZoneId)}, the zone's own hostedZoneId; set it to the id of the zone one level up, which holds the delegation and the DS.`
        : undefined,
    (z, path) =>
      ownershipOf(z) === "reference" && z.soaNegativeTtl !== undefined
        ? `${at(path, "soaNegativeTtl")} is set on a referenced zone (hostedZoneId without adopt: true); its SOA belongs to the zone's owner, whose Terraform would fight ours over it, so lower the SOA minimum there, or set adopt to true to own the zone.`
        : undefined,
  ],
  unknownKey: (path, name, hint, keys) => `${key(path)} has the unknown field "${name}"${hint ? `; did you mean "${hint}"?` : `; the fields are ${keys.join(", ")}.`}`,
  then: ({ adopt, ...zone }) => ({ ...zone, ownership: ownershipOf({ adopt, ...zone }) }),
});

/** The settings of one zone of the fleet, validated and with defaults applied (`adopt` became `ownership`). */
export type ZoneSetting = ReturnType<typeof ZONE_ENTRY.then>;

/** The keys of a `zones` entry. */
export const ZONE_SETTING_KEYS = ZONE_ENTRY.keys;

function ownershipOf(z: { readonly hostedZoneId?: string; readonly adopt?: boolean }): ZoneOwnership {
  return z.hostedZoneId === undefined ? "create" : z.adopt ? "adopt" : "reference";
}

function at(path: string, name: string): string {
  return key(join(path, name));
}
