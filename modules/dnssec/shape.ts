/**
 * The shapes of key-signing keys and signing modes that would take a signed domain offline, as pure
 * rules. Both the settings loader (naming context keys) and the DnssecSigning construct (naming
 * props) call `dnssecShapeProblem`, so the rules live in exactly one place.
 */

/** The lifecycle of signing on the zone. */
export type SigningMode = "on" | "disabling" | "off";

/** Where the DS of each published KSK goes. */
export type DsAutomation = "manual" | "route53-zone" | "route53-domains";

/** What the shape rules need to know about one KSK. */
export interface KskShape {
  readonly name: string;
  readonly active: boolean;
  readonly publishDs: boolean;
  /** An existing KMS key ARN, when the KSK brings its own key instead of creating one. */
  readonly kmsKeyArn?: string;
}

/** Route 53 allows at most two KSKs per hosted zone. */
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html
export const MAX_KSKS = 2;

/**
 * Returns the first unsafe aspect of the configuration as one sentence, or undefined.
 * `label` prefixes the names of the KSK list and mode, e.g. `Setting "keySigningKeys"`.
 */
export function dnssecShapeProblem(
  ksks: readonly KskShape[],
  mode: SigningMode,
  dsAutomation: DsAutomation,
  labels: { ksks: string; mode: string; ds: string },
): string | undefined {
  if (ksks.length > MAX_KSKS) {
    return `${labels.ksks} lists ${ksks.length} key-signing keys, but Route 53 allows at most ${MAX_KSKS} per zone; finish the running rotation (remove the retired key) before adding another.`;
  }
  const seen = new Set<string>();
  for (const k of ksks) {
    if (seen.has(k.name)) {
      return `${labels.ksks} names the key-signing key ${JSON.stringify(k.name)} twice; every KSK needs its own name.`;
    }
    seen.add(k.name);
  }
  const keys = new Map<string, string>();
  for (const k of ksks) {
    if (k.kmsKeyArn === undefined) continue;
    const other = keys.get(k.kmsKeyArn);
    if (other !== undefined) {
      return `${labels.ksks}: key-signing keys ${JSON.stringify(other)} and ${JSON.stringify(k.name)} share the KMS key ${JSON.stringify(k.kmsKeyArn)}; each KSK needs its own key, or a rotation does not rotate anything.`;
    }
    keys.set(k.kmsKeyArn, k.name);
  }
  if (mode !== "off" && !ksks.some((k) => k.active)) {
    return `${labels.ksks} has no active key-signing key while ${labels.mode} is ${JSON.stringify(mode)}: a signed zone without an active KSK stops answering validly; keep one KSK "active", or turn signing off safely (see the README).`;
  }
  for (const k of ksks) {
    if (k.publishDs && !k.active) {
      return `${labels.ksks}: key-signing key ${JSON.stringify(k.name)} is inactive but still has publishDs true; a DS for a key that no longer signs breaks the chain of trust, so withdraw its DS (publishDs false) and wait the DS TTL before deactivating it.`;
    }
  }
  if (mode === "off" && dsAutomation !== "manual") {
    return `${labels.mode} is "off" while ${labels.ds} is ${JSON.stringify(dsAutomation)}: turning signing off while a DS is still published makes the domain fail validation; first deploy "disabling" (it withdraws the DS), wait at least the DS TTL until the parent no longer answers the DS, then set ${labels.ds} to "manual" and the mode to "off".`;
  }
  return undefined;
}
