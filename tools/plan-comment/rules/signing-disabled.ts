import { code } from "../markdown";
import { Plan } from "../plan";
import { ZONE_DNSSEC_TYPE, afterString, beforeString, managedOfType, transition, unknownAttributeWarnings } from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * `signing_status` going to NOT_SIGNING. The plan cannot see the parent zone,
 * so it cannot know whether the DS is already gone: this is always a danger,
 * and the final step of the documented disable path is applied with the
 * override label after checking that the parent no longer answers the DS.
 * A `signing_status` known only after apply is a warning naming it.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-disable.html
 */
export const signingDisabled: Rule = {
  id: "DNSSEC-NOT-SIGNING",
  title: "signing_status set to NOT_SIGNING",
  check: (plan: Plan): Finding[] => [
    ...managedOfType(plan, ZONE_DNSSEC_TYPE)
      .filter(
        (s) =>
          (s.kind === "update" || s.kind === "other") &&
          beforeString(s, "signing_status") !== "NOT_SIGNING" &&
          afterString(s, "signing_status") === "NOT_SIGNING",
      )
      .map((signing): Finding => ({
        ruleId: signingDisabled.id,
        severity: "danger",
        subject: signing.address,
        statement: `${code(signing.address)} goes ${transition(signing, "signing_status")}.`,
        why: "While the parent still publishes a DS for this zone, validating resolvers will fail to resolve it.",
        whatToDo:
          "Confirm the DS is gone at the parent and its TTL has passed (disable path), then add the dnssec-override label.",
      })),
    ...unknownAttributeWarnings(managedOfType(plan, ZONE_DNSSEC_TYPE), signingDisabled.id, "signing_status", {
      why: "The plan cannot show whether the zone stays signed; NOT_SIGNING would break validation while the parent has a DS.",
      whatToDo: "Set signing_status to a literal value, or check the applied value in the workflow log before merging.",
    }),
  ],
};
