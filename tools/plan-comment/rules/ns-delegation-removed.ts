import { code } from "../markdown";
import { Plan } from "../plan";
import { RECORD_TYPE, becauseText, beforeString, isDestroyed, managedOfType } from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * An NS record set, in a parent Route 53 zone, deleted or replaced. An NS record set that
 * Terraform manages is a delegation (Route 53 keeps a zone's own apex NS itself). Without it the
 * parent answers NXDOMAIN for the whole subdomain, signed or not; a replacement deletes it first.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-routing-traffic-for-subdomains.html
 */
export const nsDelegationRemoved: Rule = {
  id: "DNSSEC-NS-DELEGATION-REMOVED",
  title: "NS delegation record deleted or replaced",
  check: (plan: Plan): Finding[] =>
    managedOfType(plan, RECORD_TYPE)
      .filter((r) => isDestroyed(r) && beforeString(r, "type") === "NS")
      .map((record) => ({
        ruleId: nsDelegationRemoved.id,
        severity: "danger",
        subject: record.address,
        statement: `${code(record.address)}, an NS delegation${nameOf(record.before)}, is ${record.kind === "replace" ? "replaced" : "deleted"}${becauseText(record)}.`,
        why: "Once the parent stops delegating, the subdomain does not resolve at all (NXDOMAIN) until the delegation is back and caches expire.",
        whatToDo: "Keep delegateFromParent and parentZoneId set in every DNSSEC mode; only remove the delegation when the subdomain itself is retired.",
      })),
};

function nameOf(before: unknown): string {
  const name = typeof before === "object" && before !== null ? (before as Record<string, unknown>).name : undefined;
  return typeof name === "string" ? ` of ${code(name)}` : "";
}
