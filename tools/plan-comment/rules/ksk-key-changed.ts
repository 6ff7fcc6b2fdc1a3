import { code } from "../markdown";
import { Plan } from "../plan";
import { KSK_TYPE, afterString, beforeString, managedOfType, transition } from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * A KSK updated in place with another `key_management_service_arn`. Route 53 has no API to move a
 * KSK to another key, and the AWS provider neither replaces the KSK for it nor applies it (its
 * update only changes `status`): the plan shows the same diff forever while the KSK keeps signing
 * with the old key, which the same change may schedule for deletion.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateKeySigningKey.html
 */
export const kskKeyChanged: Rule = {
  id: "DNSSEC-KSK-KEY-CHANGED",
  title: "KSK key_management_service_arn changed",
  check: (plan: Plan): Finding[] =>
    managedOfType(plan, KSK_TYPE)
      .filter((k) => k.kind === "update")
      .filter((k) => {
        const before = beforeString(k, "key_management_service_arn");
        return before !== undefined && afterString(k, "key_management_service_arn") !== before;
      })
      .map((ksk) => ({
        ruleId: kskKeyChanged.id,
        severity: "danger",
        subject: ksk.address,
        statement: `${code(ksk.address)} changes ${transition(ksk, "key_management_service_arn")} in place, which Route 53 cannot do.`,
        why: "The KSK keeps signing with its old key while the plan repeats the change forever; deleting the old key then breaks the zone.",
        whatToDo: "Restore the KSK's key; to change keys, rotate to a new KSK name that uses the new key (rotation runbook).",
      })),
};
