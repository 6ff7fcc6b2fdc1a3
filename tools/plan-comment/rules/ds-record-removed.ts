import { code } from "../markdown";
import { Plan, ResourceChange } from "../plan";
import { DOMAINS_DS_TYPE, RECORD_TYPE, isDestroyed, isDsRecord, isTtlOnlyChange, managedOfType, transition } from "./dnssec-resources";
import { Finding, Rule } from "./types";

/**
 * The DS automation at the parent removing or changing a DS: a DS record in a
 * parent Route 53 zone, or a Route 53 Domains delegation signer record. This
 * is the first step of the disable path and step 4 of the rotation runbook, so
 * it is a warning: the next step must wait for the parent's DS TTL to pass.
 * A change of the TTL alone leaves the DS set as it is and is listed as safe.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-disable.html
 */
export const dsRecordRemoved: Rule = {
  id: "DNSSEC-DS-REMOVED",
  title: "DS record at the parent removed or changed",
  check: (plan: Plan): Finding[] => [
    ...managedOfType(plan, RECORD_TYPE)
      .filter((r) => isDsRecord(r) && (isDestroyed(r) || r.kind === "update"))
      .map(finding),
    ...managedOfType(plan, DOMAINS_DS_TYPE).filter(isDestroyed).map(finding),
  ],
};

function finding(change: ResourceChange): Finding {
  if (isTtlOnlyChange(change)) {
    return {
      ruleId: dsRecordRemoved.id,
      severity: "safe",
      subject: change.address,
      statement: `${code(change.address)}, a DS record at the parent, changes only its TTL (${transition(change, "ttl")}).`,
      why: "The DS records themselves stay, so validation is unaffected; the new TTL is what the next rotation step waits for.",
      whatToDo: "Nothing.",
    };
  }
  const verb = change.kind === "delete" ? "deleted" : change.kind === "replace" ? "replaced" : "changed";
  return {
    ruleId: dsRecordRemoved.id,
    severity: "warning",
    subject: change.address,
    statement: `${code(change.address)}, a DS record at the parent, is ${verb}.`,
    why: "Resolvers cache the old DS for its TTL; deactivating a KSK or turning signing off before that breaks validation.",
    whatToDo:
      change.kind === "update"
        ? "After applying, make sure you waited the DS TTL (and the parent answers exactly the new DS set) before the next step."
        : "After applying, make sure you waited the DS TTL (and the parent no longer answers the old DS) before the next step.",
  };
}
