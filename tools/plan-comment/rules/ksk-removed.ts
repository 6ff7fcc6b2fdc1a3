import { code } from "../markdown";
import { Plan } from "../plan";
import { KSK_TYPE, becauseText, beforeString, managedOfType, shownBefore } from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * Deleting or replacing a key-signing key. Step 7 of the rotation runbook
 * deletes a KSK that step 6 already made INACTIVE; that is safe because the
 * zone no longer signs with it and its DS was withdrawn in step 4. Deleting an
 * ACTIVE KSK skips step 6, and a replacement publishes a new key whose DS the
 * parent does not have.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-ksk.html
 */
export const kskRemoved: Rule = {
  id: "DNSSEC-KSK-REMOVED",
  title: "Key-signing key deleted or replaced",
  check: (plan: Plan): Finding[] =>
    managedOfType(plan, KSK_TYPE).flatMap((ksk): Finding[] => {
      const status = beforeString(ksk, "status");
      const subject = ksk.address;
      if (ksk.kind === "delete" && status === "INACTIVE") {
        return [
          {
            ruleId: kskRemoved.id,
            severity: "safe",
            subject,
            statement: `${code(ksk.address)} is deleted and was already INACTIVE: step 7 of the rotation runbook.`,
            why: "An inactive KSK no longer signs the DNSKEY set, so removing it cannot break validation.",
            whatToDo: "Nothing, provided its DS was withdrawn at the parent (step 4).",
          },
        ];
      }
      if (ksk.kind === "delete") {
        return [
          {
            ruleId: kskRemoved.id,
            severity: "danger",
            subject,
            statement: `${code(ksk.address)} is deleted while its status is ${shownBefore(ksk, "status") ?? "unknown"}${becauseText(ksk)}.`,
            why: "Resolvers that trust this key's DS at the parent will see the zone as bogus and stop resolving it.",
            whatToDo: "Set the KSK to inactive first (step 6), apply, then remove it in a later change (step 7).",
          },
        ];
      }
      if (ksk.kind === "replace") {
        const inactive = status === "INACTIVE";
        return [
          {
            ruleId: kskRemoved.id,
            severity: inactive ? "warning" : "danger",
            subject,
            statement: `${code(ksk.address)} is replaced${becauseText(ksk)}.`,
            why: inactive
              ? "The replacement is a new key with a new DS; an inactive KSK is usually meant to be removed, not rebuilt."
              : "The new key has a new DS that the parent does not have, so the chain of trust breaks.",
            whatToDo:
              "Keep the KSK's construct id and inputs stable; rotate by adding a second KSK instead (rotation runbook step 1).",
          },
        ];
      }
      return [];
    }),
};
