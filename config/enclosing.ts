/**
 * Which zone of a fleet is the parent of a domain: the one with the longest domain that strictly
 * encloses it at a label boundary. The settings check each `parentZoneId` against it, and the fleet
 * verification (tools/github/verify-expectations.ts) requires a `route53-zone` zone secure when that
 * zone must be: one definition, so the two can never disagree on a zone's parent.
 * Domains are compared as normalised (lower case, no trailing dot), as the settings hold them.
 */
export function closestEnclosing<T>(domain: string, zones: readonly T[], domainOf: (zone: T) => string): T | undefined {
  let best: T | undefined;
  let bestLength = -1;
  for (const zone of zones) {
    const other = domainOf(zone);
    if (!domain.endsWith(`.${other}`)) continue;
    if (other.length > bestLength) {
      best = zone;
      bestLength = other.length;
    }
  }
  return best;
}
