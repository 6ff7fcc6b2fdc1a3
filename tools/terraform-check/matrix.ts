/**
 * The configurations the harness synthesizes and judges, and the transitions between them.
 * Each one is a context as a user would write it in cdktf.json; the README's runbooks give the steps.
 */

/** One configuration: a name (its folder) and the cdktf.json context. */
export interface MatrixConfig {
  readonly name: string;
  readonly context: Record<string, unknown>;
}

/** A deploy of `from` followed by a deploy of `to`, on the same state. */
export interface Transition {
  readonly from: string;
  readonly to: string;
}

const PARENT_ZONE_ID = "Z0PARENTZONE00000001";
/** The existing zones of the fleet configuration: one to adopt, one only to reference. */
const ADOPTED_ZONE_ID = "Z0ADOPTEDZONE0000001";
const REFERENCED_ZONE_ID = "Z0REFERENCEDZONE0001";
const BYO_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** The README's rotation runbook, steps 1 to 7 (3 and 5 are waits); step 0 is the defaults. */
const ROTATION: [string, Record<string, unknown>[]][] = [
  ["rotation-1-add-ksk", [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false }]],
  ["rotation-2-publish-ds", [{ name: "ksk_1" }, { name: "ksk_2" }]],
  ["rotation-4-withdraw-old-ds", [{ name: "ksk_1", publishDs: false }, { name: "ksk_2" }]],
  ["rotation-6-deactivate-old", [{ name: "ksk_1", status: "inactive" }, { name: "ksk_2" }]],
  ["rotation-7-remove-old", [{ name: "ksk_2" }]],
];

export const MATRIX: readonly MatrixConfig[] = [
  { name: "defaults", context: {} },
  ...ROTATION.map(([name, keySigningKeys]) => ({ name, context: { keySigningKeys } })),
  { name: "ds-route53-zone", context: { parentDs: "route53-zone", parentZoneId: PARENT_ZONE_ID } },
  { name: "ds-route53-zone-delegated", context: { parentDs: "route53-zone", parentZoneId: PARENT_ZONE_ID, delegateFromParent: true } },
  { name: "ds-route53-domains", context: { parentDs: "route53-domains" } },
  { name: "disabling", context: { dnssec: "disabling" } },
  { name: "off", context: { dnssec: "off" } },
  { name: "byo-kms-key", context: { keySigningKeys: [{ name: "ksk_1", kmsKeyArn: BYO_KEY }] } },
  {
    name: "us-west-1-two-zones",
    context: { region: "us-west-1", publicSubnetCidrs: ["10.20.20.96/27", "10.20.20.128/27"], privateSubnetCidrs: ["10.20.20.0/27", "10.20.20.32/27"] },
  },
  { name: "ap-southeast-4", context: { region: "ap-southeast-4" } },
  {
    // The README's "Many zones": a new zone, an adopted one (an import block) and a referenced one
    // (a data source), with a subdomain delegated from the adopted zone and rotating its KSK.
    name: "fleet-three-zones",
    context: {
      zones: [
        { domainName: "example-shop.co.uk" },
        { domainName: "example.org", hostedZoneId: ADOPTED_ZONE_ID, adopt: true },
        { domainName: "xn--bcher-kva.example", hostedZoneId: REFERENCED_ZONE_ID },
        {
          domainName: "team.example.org",
          parentDs: "route53-zone",
          parentZoneId: ADOPTED_ZONE_ID,
          delegateFromParent: true,
          keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false }],
        },
      ],
    },
  },
  {
    // The README's "One KMS key for many zones": the keys stack makes one key per KSK name; the
    // primary zone and a created zone in the middle of a rotation read theirs by alias, and a zone
    // whose KSK brings its own key keeps it.
    name: "shared-keys",
    context: {
      sharedKmsKey: true,
      zones: [
        { domainName: "example-shop.co.uk", keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false }] },
        { domainName: "example.org", keySigningKeys: [{ name: "ksk_1", kmsKeyArn: BYO_KEY }] },
      ],
    },
  },
  { name: "us-east-1", context: { region: "us-east-1" } },
  { name: "subdomain", context: { domainName: "app.example.org", parentDs: "route53-zone", parentZoneId: PARENT_ZONE_ID } },
  {
    name: "largest",
    context: {
      domainName: "shop.example.net",
      name: "dnssec-largest-demo",
      region: "eu-central-1",
      vpcCidr: "10.40.0.0/16",
      publicSubnetCidrs: ["10.40.0.0/20", "10.40.16.0/20", "10.40.32.0/20"],
      privateSubnetCidrs: ["10.40.128.0/20", "10.40.144.0/20", "10.40.160.0/20"],
      availabilityZones: ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
      alarmEmail: "dns-oncall@example.net",
      keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_2" }],
      parentDs: "route53-zone",
      parentZoneId: PARENT_ZONE_ID,
      delegateFromParent: true,
      dsTtl: 300,
      resolverDnssecValidation: true,
      soaNegativeTtl: 300,
      kmsDeletionWindowDays: 7,
      logRetentionDays: 3653,
      wafRateLimit: 100,
      wafGeoBlockCountries: ["CN", "RU", "KP", "IR"],
      stateRegion: "us-east-2",
    },
  },
];

const chain = (names: string[]): Transition[] => names.slice(1).map((to, i) => ({ from: names[i], to }));

export const TRANSITIONS: readonly Transition[] = [
  // Every rotation step N -> N+1.
  ...chain(["defaults", ...ROTATION.map(([name]) => name)]),
  // on -> disabling -> off.
  ...chain(["defaults", "disabling", "off"]),
  // manual -> route53-zone -> manual.
  ...chain(["defaults", "ds-route53-zone", "defaults"]),
];
