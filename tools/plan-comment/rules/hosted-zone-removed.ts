import { code } from "../markdown";
import { Plan } from "../plan";
import { HOSTED_ZONE_TYPE, becauseText, isDestroyed, managedOfType } from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * Deleting or replacing a hosted zone. A replacement is a new zone with new
 * name servers, no KSKs and no signing, while the parent still delegates to
 * the old name servers and may hold a DS for the old keys.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-disable.html
 */
export const hostedZoneRemoved: Rule = {
  id: "DNSSEC-ZONE-REMOVED",
  title: "Hosted zone deleted or replaced",
  check: (plan: Plan): Finding[] =>
    managedOfType(plan, HOSTED_ZONE_TYPE)
      .filter(isDestroyed)
      .map((zone) => ({
        ruleId: hostedZoneRemoved.id,
        severity: "danger",
        subject: zone.address,
        statement: `${code(zone.address)} is ${zone.kind === "replace" ? "replaced" : "deleted"}${becauseText(zone)}.`,
        why: "The domain stops resolving: the parent's NS and DS records point at a zone and keys that no longer exist.",
        whatToDo: "Keep the zone's construct id and forcing arguments (name, delegation set) unchanged; never recreate a live zone.",
      })),
};
