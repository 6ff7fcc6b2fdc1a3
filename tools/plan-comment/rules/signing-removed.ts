import { code } from "../markdown";
import { Plan } from "../plan";
import { ZONE_DNSSEC_TYPE, becauseText, beforeString, isDestroyed, managedOfType } from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * Deleting `aws_route53_hosted_zone_dnssec` disables signing for the zone, and
 * replacing it disables and re-enables it. Either way the zone is briefly or
 * permanently unsigned while the parent may still publish its DS. Deleting a
 * signing resource already NOT_SIGNING in the prior state changes nothing
 * Route 53 serves: the end of the disable path, safe.
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/route53_hosted_zone_dnssec.html.markdown
 */
export const signingRemoved: Rule = {
  id: "DNSSEC-SIGNING-REMOVED",
  title: "Zone signing resource deleted or replaced",
  check: (plan: Plan): Finding[] =>
    managedOfType(plan, ZONE_DNSSEC_TYPE)
      .filter(isDestroyed)
      .map((signing): Finding => {
        const base = { ruleId: signingRemoved.id, subject: signing.address };
        if (signing.kind === "delete" && beforeString(signing, "signing_status") === "NOT_SIGNING") {
          return {
            ...base,
            severity: "safe",
            statement: `${code(signing.address)} is deleted and was already NOT_SIGNING.`,
            why: "The zone is not signed now, so removing the resource changes nothing resolvers see.",
            whatToDo: "Nothing.",
          };
        }
        return {
          ...base,
          severity: "danger",
          statement: `${code(signing.address)} is ${signing.kind === "replace" ? "replaced" : "deleted"}${becauseText(signing)}, which turns signing off.`,
          why: "If the parent still publishes a DS, validating resolvers treat the unsigned zone as bogus.",
          whatToDo: "Use the disable path: remove the DS first, wait for its TTL, then turn signing off (label dnssec-override).",
        };
      }),
};
