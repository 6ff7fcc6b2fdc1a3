import { code } from "../markdown";
import { Plan } from "../plan";
import {
  KMS_KEY_POLICY_TYPE,
  becauseText,
  beforeString,
  isDestroyed,
  isDnssecKeyPolicy,
  managedOfType,
  orphanedKeyArns,
  refersToKey,
  retiredKeyArns,
} from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * Deleting or replacing the key policy that lets Route 53 use a DNSSEC KMS
 * key. Deleting an `aws_kms_key_policy` resets the key to the default policy,
 * which does not name the DNSSEC service principal. Deleting it with its
 * retired key (step 7) is safe; deleting it with an orphaned key (whose KSK
 * went in an earlier apply) is a warning, like the key's own finding.
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r/kms_key_policy.html.markdown
 */
export const keyPolicyRemoved: Rule = {
  id: "DNSSEC-KEY-POLICY-REMOVED",
  title: "DNSSEC key policy deleted or replaced",
  check: (plan: Plan): Finding[] => {
    const retired = retiredKeyArns(plan);
    const orphaned = orphanedKeyArns(plan);
    return managedOfType(plan, KMS_KEY_POLICY_TYPE)
      .filter((policy) => isDestroyed(policy) && isDnssecKeyPolicy(policy))
      .map((policy): Finding => {
        const base = { ruleId: keyPolicyRemoved.id, subject: policy.address };
        if (policy.kind === "delete" && refersToKey(beforeString(policy, "key_id"), retired)) {
          return {
            ...base,
            severity: "safe",
            statement: `${code(policy.address)} is deleted together with its retired key and INACTIVE KSK: step 7 of the rotation runbook.`,
            why: "No remaining KSK needs Route 53 to use this key.",
            whatToDo: "Nothing.",
          };
        }
        if (policy.kind === "delete" && refersToKey(beforeString(policy, "key_id"), orphaned)) {
          return {
            ...base,
            severity: "warning",
            statement: `${code(policy.address)} is deleted together with its key, which no KSK in this plan uses.`,
            why: "The key is orphaned, so no signing depends on this policy, unless a KSK outside this stack uses the key.",
            whatToDo: "Check that no KSK outside this stack uses the key, then apply.",
          };
        }
        return {
          ...base,
          severity: "danger",
          statement: `${code(policy.address)}, which grants dnssec-route53.amazonaws.com use of a key, is ${policy.kind === "replace" ? "replaced" : "deleted"}${becauseText(policy)}.`,
          why: "Without the grant Route 53 cannot sign with the key, so the KSK fails and the zone's signatures expire.",
          whatToDo: "Keep the policy while its KSK exists; remove it only with its INACTIVE KSK (rotation step 7).",
        };
      });
  },
};
