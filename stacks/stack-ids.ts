import type { Settings } from "../config/settings";
import { sharedKeyNames, usesSharedKey } from "../config/shared-key";

/**
 * The stacks of the primary zone and its application, in apply order. They name the state files
 * (`<stateKeyPrefix>/<id>.tfstate`) and the HCL folders (`terraform/<id>/`): never rename them.
 */
export const PRIMARY_STACK_IDS = ["zone", "app"] as const;

/**
 * The stack of the fleet's shared KMS keys (`sharedKmsKey`), one key per KSK name. It exists only
 * while some KSK uses a shared key; its state key is `<stateKeyPrefix>/dnssec-keys.tfstate`. No
 * fleet zone's id can equal it: those start with "zone-".
 */
export const KEYS_STACK_ID = "dnssec-keys";

/** The prefix of a fleet zone's stack id. */
export const ZONE_STACK_PREFIX = "zone-";

/**
 * The file names made from a stack id, by the workflows (`.github/workflows/*.yml`: the saved plan,
 * its JSON, both sealed with `.gpg` by tools/github/seal.sh, the lock file beside them, an apply's
 * log) and by Terraform (a local `<id>.tfstate`); `<id>` stands for the id.
 * test/config/zones.test.ts reads the workflows and fails on a name made there that is not listed.
 */
export const STACK_FILE_NAMES = [
  "<id>.tfplan",
  "<id>.tfplan.gpg",
  "<id>.json",
  "<id>.json.gpg",
  "<id>.terraform.lock.hcl",
  "<id>.tfstate",
  "apply-<id>.log",
] as const;

/**
 * The longest stack id. An id is a folder name (`terraform/<id>/`, `cdktf.out/stacks/<id>/`) and
 * part of the file names above, and Linux, macOS and Windows file systems take at most 255 bytes in
 * one name; an id is ASCII (domains are), so one character is one byte. The longest addition is
 * ".terraform.lock.hcl" (19): 236.
 */
export const MAX_STACK_ID = 255 - Math.max(...STACK_FILE_NAMES.map((name) => name.length - "<id>".length));

/** The longest domain (normalised: no trailing dot) whose fleet stack id fits MAX_STACK_ID: 231 characters. */
export const MAX_FLEET_DOMAIN = MAX_STACK_ID - ZONE_STACK_PREFIX.length;

/**
 * The stack id of a further zone of the fleet: "zone-" and the normalised domain name, dots kept
 * (`zone-shop.example.org`). Domain names are unique in the fleet and case-folded, so the ids are
 * too, and no id of a fleet zone can equal "zone" or "app". The id is the zone's state key: it
 * changes only when the domain does. The settings refuse a domain longer than MAX_FLEET_DOMAIN.
 */
export function zoneStackId(domainName: string): string {
  return `${ZONE_STACK_PREFIX}${domainName.toLowerCase().replace(/\.$/, "")}`;
}

/** One stack of the app as the workflows see it. */
export interface StackEntry {
  /** The stack id: its state key and its folder under terraform/. */
  readonly id: string;
  /** What the stack holds. */
  readonly kind: "zone" | "app" | "fleet-zone" | "keys";
  /** The zone's domain (the primary domain for "zone", "app" and "keys"). */
  readonly domainName: string;
  /**
   * Stacks to apply first: those whose state this one reads, and the keys stack for a stack whose
   * KSKs sign with a shared key (read by alias, so it must exist when the KSK is created).
   */
  readonly dependsOn: readonly string[];
}

/**
 * Every stack the settings produce, in a valid apply order: the shared keys when `sharedKmsKey`
 * gives them a KSK name, the primary zone, its app, then each further zone in the order listed.
 * Fleet zones depend on no other stack but the keys stack, so they plan and apply in parallel with
 * the primary pair.
 */
export function stackEntries(settings: Settings): StackEntry[] {
  const hasKeys = sharedKeyNames(settings).length > 0;
  const keys = (ksks: Settings["keySigningKeys"]): string[] => (hasKeys && ksks.some((k) => usesSharedKey(settings.sharedKmsKey, k)) ? [KEYS_STACK_ID] : []);
  return [
    ...(hasKeys ? [{ id: KEYS_STACK_ID, kind: "keys" as const, domainName: settings.domainName, dependsOn: [] }] : []),
    { id: "zone", kind: "zone", domainName: settings.domainName, dependsOn: [] },
    { id: "app", kind: "app", domainName: settings.domainName, dependsOn: ["zone", ...keys(settings.keySigningKeys)] },
    ...settings.zones.map((z) => ({ id: zoneStackId(z.domainName), kind: "fleet-zone" as const, domainName: z.domainName, dependsOn: keys(z.keySigningKeys) })),
  ];
}
