import { Plan } from "../plan";
import { dsOutputChanged } from "./ds-output-changed";
import { dsRecordRemoved } from "./ds-record-removed";
import { dsWithSigningStart } from "./ds-with-signing-start";
import { hostedZoneRemoved } from "./hosted-zone-removed";
import { keyPolicyRemoved } from "./key-policy-removed";
import { kmsKeyDisabled } from "./kms-key-disabled";
import { kmsKeyRemoved } from "./kms-key-removed";
import { kskDeactivated } from "./ksk-deactivated";
import { kskKeyChanged } from "./ksk-key-changed";
import { kskRemoved } from "./ksk-removed";
import { nsDelegationRemoved } from "./ns-delegation-removed";
import { policyGrantDropped } from "./policy-grant-dropped";
import { signingDisabled } from "./signing-disabled";
import { signingRemoved } from "./signing-removed";
import { Finding, Rule, Severity } from "./types";

export type { Finding, Rule, Severity } from "./types";

/** Every DNSSEC guard rule, in the order findings are listed. */
export const DNSSEC_RULES: readonly Rule[] = [
  hostedZoneRemoved,
  signingRemoved,
  signingDisabled,
  kskRemoved,
  kskDeactivated,
  kmsKeyRemoved,
  kmsKeyDisabled,
  keyPolicyRemoved,
  policyGrantDropped,
  dsRecordRemoved,
  dsOutputChanged,
  nsDelegationRemoved,
  dsWithSigningStart,
  kskKeyChanged,
];

const SEVERITY_ORDER: Record<Severity, number> = { danger: 0, warning: 1, safe: 2 };

/** Runs every rule on one plan; dangers first, then warnings, then recognised safe steps. */
export function checkPlan(plan: Plan, rules: readonly Rule[] = DNSSEC_RULES): Finding[] {
  const findings = rules.flatMap((rule) => rule.check(plan));
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
}

export function hasDanger(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "danger");
}
