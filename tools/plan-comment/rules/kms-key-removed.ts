import { code } from "../markdown";
import { Plan } from "../plan";
import {
  KMS_KEY_TYPE,
  becauseText,
  beforeString,
  isDestroyed,
  isDnssecKmsKey,
  managedOfType,
  orphanedKeyArns,
  refersToKey,
  retiredKeyArns,
} from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * Deleting or replacing the KMS key behind a KSK. Route 53 signs through this
 * key; once it is scheduled for deletion, signing with it fails. Deleting it
 * together with its already-INACTIVE KSK is the tail of step 7 and is safe.
 * Deleting a key that no KSK in the plan uses (its KSK went in an earlier
 * apply) is a warning: it is orphaned, not in use, but the plan cannot see KSKs
 * outside the stack.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html
 */
export const kmsKeyRemoved: Rule = {
  id: "DNSSEC-KMS-KEY-REMOVED",
  title: "DNSSEC KMS key deleted or replaced",
  check: (plan: Plan): Finding[] => {
    const retired = retiredKeyArns(plan);
    const orphaned = orphanedKeyArns(plan);
    return managedOfType(plan, KMS_KEY_TYPE)
      .filter((key) => isDestroyed(key) && isDnssecKmsKey(plan, key))
      .map((key): Finding => {
        const base = { ruleId: kmsKeyRemoved.id, subject: key.address };
        if (key.kind === "delete" && refersToKey(beforeString(key, "arn"), retired)) {
          return {
            ...base,
            severity: "safe",
            statement: `${code(key.address)} is deleted together with the INACTIVE KSK that used it: step 7 of the rotation runbook.`,
            why: "No remaining KSK signs with this key.",
            whatToDo: "Nothing.",
          };
        }
        if (key.kind === "delete" && refersToKey(beforeString(key, "arn"), orphaned)) {
          return {
            ...base,
            severity: "warning",
            statement: `${code(key.address)}, a DNSSEC signing key, is deleted and no KSK in this plan uses it: its KSK was removed in an earlier apply.`,
            why: "An orphaned key signs nothing, but KMS deletes it for good once its waiting period ends.",
            whatToDo: "Check that no KSK outside this stack uses the key (Route 53 console, DNSSEC signing), then apply.",
          };
        }
        return {
          ...base,
          severity: "danger",
          statement: `${code(key.address)}, a DNSSEC signing key (ECC_NIST_P256, SIGN_VERIFY), is ${key.kind === "replace" ? "replaced" : "deleted"}${becauseText(key)}.`,
          why: "The KSK built on this key can no longer sign, so the zone's signatures expire and validation fails.",
          whatToDo: "Deactivate and remove the KSK that uses the key first (rotation steps 6 and 7), in the same or an earlier plan.",
        };
      });
  },
};
