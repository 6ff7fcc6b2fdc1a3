import { code } from "../markdown";
import { Plan, ResourceChange } from "../plan";
import { DOMAINS_DS_TYPE, RECORD_TYPE, ZONE_DNSSEC_TYPE, afterString, beforeString, managedOfType } from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * A DS created at the parent in the same plan that creates zone signing or turns it on. The DS
 * then reaches the parent seconds after signing starts, while validating resolvers may still hold
 * the zone's unsigned answers (no DNSKEY) for up to the SOA minimum or the DNSKEY TTL: for that
 * long the DS matches no key they know and the zone is bogus. AWS asks for a wait between
 * enabling signing and adding the DS.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-enable-signing.html
 */
export const dsWithSigningStart: Rule = {
  id: "DNSSEC-DS-WITH-SIGNING-START",
  title: "DS created in the same plan that starts signing",
  check: (plan: Plan): Finding[] => {
    const starts = managedOfType(plan, ZONE_DNSSEC_TYPE).filter(startsSigning);
    if (starts.length === 0) return [];
    const signing = starts.map((s) => code(s.address)).join(", ");
    const created = [
      ...managedOfType(plan, RECORD_TYPE).filter((r) => addsDs(r) && afterString(r, "type") === "DS"),
      ...managedOfType(plan, DOMAINS_DS_TYPE).filter(addsDs),
    ];
    return created.map((ds) => ({
      ruleId: dsWithSigningStart.id,
      severity: "danger",
      subject: ds.address,
      statement: `${code(ds.address)}, a DS at the parent, is created in the same plan in which ${signing} starts signing.`,
      why: "Resolvers that cached the unsigned zone see a DS with no matching DNSKEY until those answers expire: the zone is bogus meanwhile.",
      whatToDo:
        "Go live in two steps: apply with publishDs false on the KSK, wait the DNSKEY TTL and the SOA minimum, then set publishDs true (go-live runbook).",
    }));
  },
};

/** Creates zone signing in SIGNING, or moves it to SIGNING from NOT_SIGNING. */
function startsSigning(change: ResourceChange): boolean {
  const after = afterString(change, "signing_status") ?? "SIGNING";
  if (after !== "SIGNING") return false;
  if (change.kind === "create" || change.kind === "replace") return true;
  return change.kind === "update" && beforeString(change, "signing_status") === "NOT_SIGNING";
}

/** A DS that the parent will newly publish: created or replaced (an updated DS set already existed). */
function addsDs(change: ResourceChange): boolean {
  return change.kind === "create" || change.kind === "replace";
}
