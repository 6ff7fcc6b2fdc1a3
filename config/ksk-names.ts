/**
 * KSK names become construct ids inside the DNSSEC construct, next to its own children, and then
 * Terraform addresses (see BaseStack.allocateLogicalId: camelCase split with "_", lower-cased). A
 * name equal to one of those children, or two names that give the same address, would fail deep in
 * cdktf with an error that names no setting. Namespacing the KSKs instead would move today's
 * `dnssec_ksk_1_*` addresses, so such names are refused here.
 */

/**
 * The ids of the DNSSEC construct's own children (modules/dnssec/index.ts). A test keeps this list
 * complete: it fails when the construct gains a child that is not listed here.
 */
export const RESERVED_KSK_NAMES: readonly string[] = ["account", "partition", "zone_signing", "parent_ds", "alarms"];

/** A name as it appears in a Terraform address (the same steps as BaseStack.allocateLogicalId). */
export function addressForm(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^_|_$/g, "");
}

/** The first KSK name that collides with a construct id or with another KSK's address; `label(i)` names entry i. */
export function kskNameCollisionProblem(names: readonly string[], label: (index: number) => string): string | undefined {
  for (const [i, name] of names.entries()) {
    const form = addressForm(name);
    if (RESERVED_KSK_NAMES.includes(form)) {
      return `${label(i)} is ${JSON.stringify(name)}, the id of a part of the DNSSEC construct (${RESERVED_KSK_NAMES.join(", ")} are reserved); choose another name such as "ksk_2025".`;
    }
    const earlier = names.findIndex((other, j) => j < i && addressForm(other) === form);
    if (earlier >= 0 && names[earlier] !== name) {
      return `${label(i)} is ${JSON.stringify(name)}, which gives the same Terraform address "${form}" as ${JSON.stringify(names[earlier])} (addresses are lower case, with camelCase split by "_"); choose names that differ in more than case and underscores.`;
    }
  }
  return undefined;
}
