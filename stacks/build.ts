import { App, Aspects } from "cdktf";
import { TtlPreflight } from "../modules/ttl-preflight";
import { Settings } from "../config/settings";
import { AppStack } from "./app-stack";
import { ZoneStack } from "./zone-stack";

/** The primary stack ids, in apply order; stacks/stack-ids.ts names every stack. */
export { PRIMARY_STACK_IDS as STACK_IDS } from "./stack-ids";

/** Builds both stacks from validated settings. The zone stack is applied first. */
export function buildStacks(app: App, settings: Settings): { zone: ZoneStack; app: AppStack; preflight: TtlPreflight } {
  const shared = {
    region: settings.region,
    stateBucket: settings.stateBucket,
    stateKeyPrefix: settings.stateKeyPrefix,
    stateRegion: settings.stateRegion,
  };
  const tags = (stack: string) => ({ Project: settings.name, Stack: stack, ManagedBy: "dnssec-cdktf" });

  const zone = new ZoneStack(app, "zone", {
    ...shared,
    tags: tags("zone"),
    domainName: settings.domainName,
    soaNegativeTtl: settings.soaNegativeTtl,
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
    keySigningKeys: settings.keySigningKeys.map((k) => ({ name: k.name, status: k.status, publishDs: k.publishDs, kmsKeyArn: k.kmsKeyArn })),
    dnssec: settings.dnssec,
    parentDs: settings.parentDs,
    parentZoneId: settings.parentZoneId,
    delegateFromParent: settings.delegateFromParent,
    dsTtl: settings.dsTtl,
    resolverDnssecValidation: settings.resolverDnssecValidation,
    logRetentionDays: settings.logRetentionDays,
    wafRateLimit: settings.wafRateLimit,
    wafGeoBlockCountries: settings.wafGeoBlockCountries,
  });
  appStack.addDependency(zone);
  // One pre-flight for both stacks: the SOA lives in the zone stack, most records in the app stack.
  const preflight = new TtlPreflight({ signing: settings.dnssec !== "off" });
  Aspects.of(zone).add(preflight);
  Aspects.of(appStack).add(preflight);
  return { zone, app: appStack, preflight };
}
