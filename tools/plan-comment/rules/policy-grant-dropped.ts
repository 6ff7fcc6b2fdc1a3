import { code } from "../markdown";
import { Plan, ResourceChange } from "../plan";
import { field } from "../json";
import { containsTrue } from "../sensitive";
import {
  KMS_KEY_POLICY_TYPE,
  KMS_KEY_TYPE,
  KSK_TYPE,
  afterString,
  beforeString,
  managedOfType,
  refersToKey,
} from "./dnssec-resources";
import { DNSSEC_SERVICE_PRINCIPAL, SignScope, arnMatches, grantedDnssecActions, signDenials, signScope } from "./key-policy";
import { Finding, Rule } from "./types";

/**
 * An in-place policy update (on `aws_kms_key_policy` or the `policy` argument
 * of `aws_kms_key`) that takes away an action Route 53 DNSSEC needs from the
 * dnssec-route53.amazonaws.com principal, or keeps the actions but breaks
 * them: `aws:SourceArn` no longer matching the zone the key signs for,
 * `aws:SourceAccount` naming another account, or a new explicit Deny of
 * kms:Sign (Deny wins over Allow). Dropping the `aws:SourceArn` condition is a
 * warning: signing still works, but the key would sign for any zone. A policy
 * known only after apply cannot be checked, which is a warning.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html
 */
export const policyGrantDropped: Rule = {
  id: "DNSSEC-POLICY-GRANT-DROPPED",
  title: "Key policy update drops or breaks the dnssec-route53.amazonaws.com grant",
  check: (plan: Plan): Finding[] =>
    [...managedOfType(plan, KMS_KEY_POLICY_TYPE), ...managedOfType(plan, KMS_KEY_TYPE)]
      .filter((change) => change.kind === "update")
      .flatMap((change) => judge(plan, change)),
};

function judge(plan: Plan, change: ResourceChange): Finding[] {
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
  if (lost.length > 0) {
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
  return broken(plan, change, before, after).map((problem) => ({ ...base, ...problem }));
}

type Problem = Omit<Finding, "ruleId" | "subject">;

const KEEP_SCOPE = "Scope the Route 53 DNSSEC statement to this zone's ARN and this account, as the app's key policy does.";

/** Grants kept, but made useless or weaker by the conditions and denials of the new policy. */
function broken(plan: Plan, change: ResourceChange, before: string, after: string): Problem[] {
  const problems: Problem[] = [];
  const newDenials = signDenials(after).filter((sid) => !signDenials(before).includes(sid));
  if (newDenials.length > 0) {
    problems.push({
      severity: "danger",
      statement: `${code(change.address)} adds an explicit Deny of \`kms:Sign\` (${newDenials.map(code).join(", ")}) that covers ${code(DNSSEC_SERVICE_PRINCIPAL)}.`,
      why: "An explicit Deny overrides every Allow, so Route 53 can no longer sign with the key and signatures expire.",
      whatToDo: "Remove the Deny, or exclude the dnssec-route53.amazonaws.com principal and kms:Sign from it.",
    });
  }
  const was = signScope(before);
  const now = signScope(after);
  if (was === undefined || now === undefined) return problems;
  const zones = signedZoneArns(plan, change, was);
  if (was.sourceArns !== undefined && now.sourceArns === undefined) {
    problems.push({
      severity: "warning",
      statement: `${code(change.address)} drops the \`aws:SourceArn\` condition from the ${code(DNSSEC_SERVICE_PRINCIPAL)} grant.`,
      why: "Signing still works, but the key would sign for any hosted zone that names it: the policy is weaker.",
      whatToDo: KEEP_SCOPE,
    });
  } else if (now.sourceArns !== undefined) {
    const lostZones = zones.filter((zone) => !now.sourceArns!.some((pattern) => arnMatches(pattern, zone)));
    if (lostZones.length > 0) {
      problems.push({
        severity: "danger",
        statement: `${code(change.address)} points \`aws:SourceArn\` at ${now.sourceArns.map(code).join(", ")}, which no longer matches ${lostZones.map(code).join(", ")}.`,
        why: "Route 53 signs for the zone with the zone's ARN as source; a condition naming another zone denies it, and signatures expire.",
        whatToDo: KEEP_SCOPE,
      });
    }
  }
  if (was.sourceAccounts !== undefined && now.sourceAccounts !== undefined) {
    const accounts = was.sourceAccounts.filter((account) => !now.sourceAccounts!.includes(account));
    if (accounts.length > 0) {
      problems.push({
        severity: "danger",
        statement: `${code(change.address)} changes \`aws:SourceAccount\` from ${was.sourceAccounts.map(code).join(", ")} to ${now.sourceAccounts.map(code).join(", ")}.`,
        why: "Route 53 signs on behalf of the zone's account; a condition naming another account denies it, and signatures expire.",
        whatToDo: KEEP_SCOPE,
      });
    }
  }
  return problems;
}

/**
 * The hosted zone ARNs this key signs for: those of the KSKs in the plan that
 * use it, or else the exact (wildcard-free) ARNs the old policy named.
 */
function signedZoneArns(plan: Plan, change: ResourceChange, was: SignScope): string[] {
  const keyArns = new Set(
    [beforeString(change, "arn"), afterString(change, "arn")].filter((a): a is string => a !== undefined),
  );
  const keyIds = [beforeString(change, "key_id"), afterString(change, "key_id")].filter((k): k is string => k !== undefined);
  const zones = managedOfType(plan, KSK_TYPE)
    .filter((ksk) => {
      const arn = afterString(ksk, "key_management_service_arn") ?? beforeString(ksk, "key_management_service_arn");
      if (arn === undefined) return false;
      return keyArns.has(arn) || keyIds.some((id) => refersToKey(id, new Set([arn])));
    })
    .map((ksk) => afterString(ksk, "hosted_zone_id") ?? beforeString(ksk, "hosted_zone_id"))
    .filter((id): id is string => id !== undefined)
    .map((id) => `arn:aws:route53:::hostedzone/${id}`);
  if (zones.length > 0) return [...new Set(zones)];
  return (was.sourceArns ?? []).filter((arn) => !/[*?]/.test(arn));
}
