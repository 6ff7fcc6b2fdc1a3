import type { Settings } from "../config/settings";

/**
 * The stacks of the primary zone and its application, in apply order. They name the state files
 * (`<stateKeyPrefix>/<id>.tfstate`) and the HCL folders (`terraform/<id>/`): never rename them.
 */
export const PRIMARY_STACK_IDS = ["zone", "app"] as const;

/** The prefix of a fleet zone's stack id. */
export const ZONE_STACK_PREFIX = "zone-";

/**
 * The stack id of a further zone of the fleet: "zone-" and the normalised domain name, dots kept
 * (`zone-shop.example.org`). Domain names are unique in the fleet and case-folded, so the ids are
 * too, and no id of a fleet zone can equal "zone" or "app". The id is the zone's state key: it
 * changes only when the domain does.
 */
export function zoneStackId(domainName: string): string {
  return `${ZONE_STACK_PREFIX}${domainName.toLowerCase().replace(/\.$/, "")}`;
}

/** One stack of the app as the workflows see it. */
export interface StackEntry {
  /** The stack id: its state key and its folder under terraform/. */
  readonly id: string;
  /** What the stack holds. */
  readonly kind: "zone" | "app" | "fleet-zone";
  /** The zone's domain (the primary domain for "zone" and "app"). */
  readonly domainName: string;
  /** Stacks whose state this one reads: apply them first. */
  readonly dependsOn: readonly string[];
}

/**
 * Every stack the settings produce, in a valid apply order: the primary zone, its app, then each
 * further zone in the order listed. Fleet zones depend on no other stack, so they plan and apply
 * in parallel with the primary pair.
 */
export function stackEntries(settings: Settings): StackEntry[] {
  return [
    { id: "zone", kind: "zone", domainName: settings.domainName, dependsOn: [] },
    { id: "app", kind: "app", domainName: settings.domainName, dependsOn: ["zone"] },
    ...settings.zones.map((z) => ({ id: zoneStackId(z.domainName), kind: "fleet-zone" as const, domainName: z.domainName, dependsOn: [] })),
  ];
}
