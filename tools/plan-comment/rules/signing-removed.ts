import { code } from "../markdown";
import { Plan } from "../plan";
import { ZONE_DNSSEC_TYPE, becauseText, isDestroyed, managedOfType } from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * Deleting `aws_route53_hosted_zone_dnssec` disables signing for the zone, and
 * replacing it disables and re-enables it. Either way the zone is briefly or
 * permanently unsigned while the parent may still publish its DS.
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/route53_hosted_zone_dnssec.html.markdown
 */
export const signingRemoved: Rule = {
  id: "DNSSEC-SIGNING-REMOVED",
  title: "Zone signing resource deleted or replaced",
  check: (plan: Plan): Finding[] =>
    managedOfType(plan, ZONE_DNSSEC_TYPE)
      .filter(isDestroyed)
      .map((signing) => ({
        ruleId: signingRemoved.id,
        severity: "danger",
        subject: signing.address,
        statement: `${code(signing.address)} is ${signing.kind === "replace" ? "replaced" : "deleted"}${becauseText(signing)}, which turns signing off.`,
        why: "If the parent still publishes a DS, validating resolvers treat the unsigned zone as bogus.",
        whatToDo: "Use the disable path: remove the DS first, wait for its TTL, then turn signing off (label dnssec-override).",
      })),
};
