import { code } from "../markdown";
import { Plan, ResourceChange } from "../plan";
import {
  KSK_TYPE,
  ZONE_DNSSEC_TYPE,
  afterString,
  beforeString,
  managedOfType,
  mayShareZone,
  parentDsChanges,
  survives,
  transition,
  unknownAttributeWarnings,
} from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * A KSK going from ACTIVE to INACTIVE. Step 6 of the rotation runbook does
 * this once another KSK of the same zone is active and its DS is at the
 * parent. It is safe only if such a KSK is ACTIVE in the prior state (a KSK in
 * ACTION_NEEDED or INACTIVE is not signing) and stays ACTIVE, and the plan
 * leaves the parent's DS alone: a KSK created in the
 * same plan cannot have its DS published yet, and a DS published or withdrawn
 * in the same plan has not outlived its TTL in resolvers' caches (steps 2 to 5
 * were skipped). When the same plan turns signing off, the signing finding
 * covers the change instead. A status known only after apply cannot be
 * judged, which is a warning that names the attribute.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-ksk.html
 */
export const kskDeactivated: Rule = {
  id: "DNSSEC-KSK-DEACTIVATED",
  title: "Key-signing key set to INACTIVE",
  check: (plan: Plan): Finding[] => {
    const ksks = managedOfType(plan, KSK_TYPE);
    const unknown = unknownAttributeWarnings(ksks, kskDeactivated.id, "status", {
      why: "The plan cannot show whether the KSK stays ACTIVE, so the guard cannot tell a rotation step from a break.",
      whatToDo: "Set status to a literal ACTIVE or INACTIVE, or check the applied status in the workflow log before merging.",
    });
    const deactivated = ksks
      .filter((k) => survives(k) && beforeString(k, "status") === "ACTIVE" && afterString(k, "status") === "INACTIVE")
      .map((ksk) => judge(plan, ksks, ksk));
    return [...deactivated, ...unknown];
  },
};

function judge(plan: Plan, ksks: ResourceChange[], ksk: ResourceChange): Finding {
  const sameZone = ksks.filter((k) => k.address !== ksk.address && mayShareZone(k, ksk));
  // Signing now and after: ACTIVE in the prior state (not ACTION_NEEDED, not INACTIVE) and ACTIVE after the plan.
  const steadyActive = sameZone.filter(
    (k) => survives(k) && beforeString(k, "status") === "ACTIVE" && afterString(k, "status") === "ACTIVE",
  );
  const base = { ruleId: kskDeactivated.id, subject: ksk.address };
  const dsChanges = parentDsChanges(plan);
  if (steadyActive.length > 0 && dsChanges.length > 0) {
    return {
      ...base,
      severity: "danger",
      statement: `${code(ksk.address)} goes ${transition(ksk, "status")} in the same plan that changes the DS at the parent (${dsChanges.map(code).join(", ")}).`,
      why: "Resolvers keep the old DS set cached for its TTL; the key they trust would stop signing before they see the new DS.",
      whatToDo: "Apply the DS change alone, wait for the parent's DS TTL, then deactivate the old KSK in a later change (steps 4 to 6).",
    };
  }
  if (steadyActive.length > 0) {
    return {
      ...base,
      severity: "safe",
      statement: `${code(ksk.address)} goes ${transition(ksk, "status")} while ${steadyActive.map((k) => code(k.address)).join(", ")} stays active: step 6 of the rotation runbook.`,
      why: "Another active KSK keeps signing the DNSKEY set, so validation continues.",
      whatToDo: "Nothing, provided the old DS was withdrawn (step 4) and its TTL has passed (step 5).",
    };
  }
  if (signingStopsInPlan(plan, ksk)) {
    return {
      ...base,
      severity: "safe",
      statement: `${code(ksk.address)} goes ${transition(ksk, "status")} as part of turning signing off in the same plan.`,
      why: "This is the last step of the disable path; the signing finding in this section is the one to judge.",
      whatToDo: "See the signing finding.",
    };
  }
  const created = sameZone.filter((k) => k.kind === "create" && afterString(k, "status") === "ACTIVE");
  if (created.length > 0) {
    return {
      ...base,
      severity: "danger",
      statement: `${code(ksk.address)} goes ${transition(ksk, "status")} in the same plan that creates ${created.map((k) => code(k.address)).join(", ")}.`,
      why: "The new KSK's DS cannot be at the parent yet, so no DNSKEY the parent vouches for would sign the zone.",
      whatToDo: "Apply the new KSK alone, publish its DS, wait for the parent's DS TTL, then deactivate the old KSK.",
    };
  }
  return {
    ...base,
    severity: "danger",
    statement: `${code(ksk.address)} goes ${transition(ksk, "status")} and is the zone's last active KSK while the zone stays signed.`,
    why: "Route 53 cannot sign the zone without an active KSK, so validating resolvers will fail to resolve it.",
    whatToDo: "Keep at least one other active KSK whose DS is at the parent, or follow the disable path instead.",
  };
}

/** True when the zone's signing resource goes to NOT_SIGNING or is removed in this plan. */
function signingStopsInPlan(plan: Plan, ksk: ResourceChange): boolean {
  return managedOfType(plan, ZONE_DNSSEC_TYPE).some(
    (s) =>
      mayShareZone(s, ksk) &&
      (s.kind === "delete" || s.kind === "replace" || afterString(s, "signing_status") === "NOT_SIGNING"),
  );
}
