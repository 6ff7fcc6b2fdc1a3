import { code } from "../markdown";
import { Plan, ResourceChange } from "../plan";
import { field } from "../json";
import { containsTrue } from "../sensitive";
import { KMS_KEY_POLICY_TYPE, KMS_KEY_TYPE, afterString, beforeString, managedOfType } from "./dnssec-resources";
import { DNSSEC_SERVICE_PRINCIPAL, grantedDnssecActions } from "./key-policy";
import { Finding, Rule } from "./types";

/**
 * An in-place policy update (on `aws_kms_key_policy` or the `policy` argument
 * of `aws_kms_key`) that takes away an action Route 53 DNSSEC needs from the
 * dnssec-route53.amazonaws.com principal. A policy known only after apply
 * cannot be checked, which is a warning.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html
 */
export const policyGrantDropped: Rule = {
  id: "DNSSEC-POLICY-GRANT-DROPPED",
  title: "Key policy update drops the dnssec-route53.amazonaws.com grant",
  check: (plan: Plan): Finding[] =>
    [...managedOfType(plan, KMS_KEY_POLICY_TYPE), ...managedOfType(plan, KMS_KEY_TYPE)]
      .filter((change) => change.kind === "update")
      .flatMap((change) => judge(change)),
};

function judge(change: ResourceChange): Finding[] {
  const before = beforeString(change, "policy");
  if (before === undefined) return [];
  const had = grantedDnssecActions(before);
  if (had.length === 0) return [];
  const base = { ruleId: policyGrantDropped.id, subject: change.address };
  if (containsTrue(field(change.afterUnknown, "policy"))) {
    return [
      {
        ...base,
        severity: "warning",
        statement: `${code(change.address)} changes its key policy to a value known only after apply.`,
        why: `The plan cannot show whether ${DNSSEC_SERVICE_PRINCIPAL} keeps the access DNSSEC signing needs.`,
        whatToDo: "Check the rendered policy in the workflow log keeps the Route 53 DNSSEC statements.",
      },
    ];
  }
  const after = afterString(change, "policy") ?? "";
  const kept = new Set(grantedDnssecActions(after));
  const lost = had.filter((action) => !kept.has(action));
  if (lost.length === 0) return [];
  return [
    {
      ...base,
      severity: "danger",
      statement: `${code(change.address)} updates its key policy and drops ${lost.map(code).join(", ")} for ${code(DNSSEC_SERVICE_PRINCIPAL)}.`,
      why: "Route 53 needs these actions to sign with the key; without them the KSK fails and signatures expire.",
      whatToDo: "Keep the Route 53 DNSSEC statements in the key policy (see the AWS customer managed key requirements).",
    },
  ];
}
