import { App, Aspects } from "cdktf";
import { TtlPreflight } from "../modules/ttl-preflight";
import { Settings } from "../config/settings";
import { zoneLevelOf } from "../config/zone-setting";
import { sharedKeyAlias, sharedKeyNames, usesSharedKey } from "../config/shared-key";
import type { KeySigningKeyConfig } from "../modules/dnssec";
import { AppStack } from "./app-stack";
import { FleetZoneStack } from "./fleet-zone-stack";
import { KeysStack } from "./keys-stack";
import { KEYS_STACK_ID, stackEntries, zoneStackId } from "./stack-ids";
import { ZoneStack } from "./zone-stack";

/** The primary stack ids, in apply order; stacks/stack-ids.ts names every stack. */
export { PRIMARY_STACK_IDS as STACK_IDS } from "./stack-ids";

/** A fleet zone's stack and the pre-flight that watched it. */
export interface FleetZone {
  readonly stack: FleetZoneStack;
  readonly preflight: TtlPreflight;
}

/** What buildStacks made. */
export interface BuiltStacks {
  readonly zone: ZoneStack;
  readonly app: AppStack;
  /** The primary pair's pre-flight. */
  readonly preflight: TtlPreflight;
  /** One stack per entry of `zones`, in the order listed. */
  readonly fleet: readonly FleetZone[];
  /** The shared KMS keys, when `sharedKmsKey` gives them a KSK name. */
  readonly keys?: KeysStack;
  /** Every stack, in the order of stackEntries (a valid apply order). */
  readonly all: readonly (ZoneStack | AppStack | FleetZoneStack | KeysStack)[];
}

/** The KSKs of one zone, each pointed at its name's shared key when `sharedKmsKey` says so. */
function withSharedKeys(settings: Settings, ksks: readonly KeySigningKeyConfig[]): KeySigningKeyConfig[] {
  return ksks.map((k) => (usesSharedKey(settings.sharedKmsKey, k) ? { ...k, sharedKeyAlias: sharedKeyAlias(settings.kmsAliasPrefix, k.name) } : k));
}

/**
 * Builds the stacks from validated settings: the primary zone and its app (the zone applied first),
 * then one independent stack per further zone.
 */
export function buildStacks(app: App, settings: Settings): BuiltStacks {
  const shared = {
    region: settings.region,
    stateBucket: settings.stateBucket,
    stateKeyPrefix: settings.stateKeyPrefix,
    stateRegion: settings.stateRegion,
  };
  const tags = (stack: string) => ({ Project: settings.name, Stack: stack, ManagedBy: "dnssec-cdktf" });

  // The shared keys first: a KSK's key must exist before Route 53 creates the KSK.
  const kskNames = sharedKeyNames(settings);
  const keys =
    kskNames.length === 0
      ? undefined
      : new KeysStack(app, KEYS_STACK_ID, {
          ...shared,
          tags: tags(KEYS_STACK_ID),
          kskNames,
          kmsAliasPrefix: settings.kmsAliasPrefix,
          kmsDeletionWindowDays: settings.kmsDeletionWindowDays,
        });
  const afterKeys = (stack: AppStack | FleetZoneStack) => {
    if (keys !== undefined && Object.values(stack.dnssec.keySigningKeys).some((k) => k.sharedKey !== undefined)) stack.addDependency(keys);
  };

  // The primary's zone-level settings (config/zone-setting.ts): its SOA is the zone stack's, the rest the app stack's.
  const { soaNegativeTtl, ...primaryDnssec } = zoneLevelOf(settings);
  const zone = new ZoneStack(app, "zone", {
    ...shared,
    tags: tags("zone"),
    domainName: settings.domainName,
    soaNegativeTtl,
  });
  const appStack = new AppStack(app, "app", {
    ...shared,
    tags: tags("app"),
    hostedZone: zone.hostedZone,
    name: settings.name,
    vpcCidr: settings.vpcCidr,
    publicSubnetCidrs: settings.publicSubnetCidrs,
    privateSubnetCidrs: settings.privateSubnetCidrs,
    availabilityZones: settings.availabilityZones,
    instanceType: settings.instanceType,
    amiNames: settings.amiNames,
    alarmEmail: settings.alarmEmail,
    kmsDeletionWindowDays: settings.kmsDeletionWindowDays,
    kmsAliasPrefix: settings.kmsAliasPrefix,
    ...primaryDnssec,
    keySigningKeys: withSharedKeys(settings, primaryDnssec.keySigningKeys),
    resolverDnssecValidation: settings.resolverDnssecValidation,
    logRetentionDays: settings.logRetentionDays,
    wafRateLimit: settings.wafRateLimit,
    wafGeoBlockCountries: settings.wafGeoBlockCountries,
  });
  appStack.addDependency(zone);
  afterKeys(appStack);
  // One pre-flight for both stacks: the SOA lives in the zone stack, most records in the app stack.
  const preflight = new TtlPreflight({ signing: settings.dnssec !== "off" });
  Aspects.of(zone).add(preflight);
  Aspects.of(appStack).add(preflight);

  const fleet = settings.zones.map((z): FleetZone => {
    const id = zoneStackId(z.domainName);
    const stack = new FleetZoneStack(app, id, {
      ...shared,
      tags: tags(id),
      domainName: z.domainName,
      ownership: z.ownership,
      hostedZoneId: z.hostedZoneId,
      name: settings.name,
      kmsDeletionWindowDays: settings.kmsDeletionWindowDays,
      kmsAliasPrefix: settings.kmsAliasPrefix,
      ...zoneLevelOf(z),
      keySigningKeys: withSharedKeys(settings, z.keySigningKeys),
    });
    afterKeys(stack);
    // Each zone's own pre-flight: whether its SOA matters depends on whether that zone signs.
    const zonePreflight = new TtlPreflight({ signing: z.dnssec !== "off" });
    Aspects.of(stack).add(zonePreflight);
    return { stack, preflight: zonePreflight };
  });

  const byId = new Map<string, ZoneStack | AppStack | FleetZoneStack | KeysStack>([
    ...(keys === undefined ? [] : [[keys.node.id, keys] as [string, KeysStack]]),
    [zone.node.id, zone],
    [appStack.node.id, appStack],
    ...fleet.map((f): [string, FleetZoneStack] => [f.stack.node.id, f.stack]),
  ]);
  const all = stackEntries(settings).map((entry) => {
    const stack = byId.get(entry.id);
    if (stack === undefined) throw new Error(`stack ${entry.id} of stackEntries was not built`);
    return stack;
  });
  return { zone, app: appStack, preflight, fleet, keys, all };
}
