import { describe, expect, it } from "vitest";
import { checkPlan } from "../../../tools/plan-comment/rules";
import { fixture } from "./plan-builder";

/**
 * The guard changes of the plan-comment issue, each on a fixture of the app stack's plan
 * (test/fixtures/plans/dnssec/generate.py): the rule, the severity, and what the statement says.
 */
const CASES: [string, string, string, string][] = [
  ["danger-policy-other-zone.json", "DNSSEC-POLICY-GRANT-DROPPED", "danger", "no longer matches `arn:aws:route53:::hostedzone/Z0425718A1B2C3D4E5F6G`"],
  ["danger-policy-other-account.json", "DNSSEC-POLICY-GRANT-DROPPED", "danger", "changes `aws:SourceAccount` from `111122223333` to `999988887777`"],
  ["danger-policy-deny-sign.json", "DNSSEC-POLICY-GRANT-DROPPED", "danger", "explicit Deny of `kms:Sign` (`DenySigning`)"],
  ["warning-policy-drops-source-arn.json", "DNSSEC-POLICY-GRANT-DROPPED", "warning", "drops the `aws:SourceArn` condition"],
  ["warning-ksk-status-unknown.json", "DNSSEC-KSK-DEACTIVATED", "warning", "`status` known only after apply"],
  ["warning-signing-status-unknown.json", "DNSSEC-NOT-SIGNING", "warning", "`signing_status` known only after apply"],
  ["danger-deactivate-next-to-action-needed.json", "DNSSEC-KSK-DEACTIVATED", "danger", "last active KSK"],
  ["warning-orphaned-key-removed.json", "DNSSEC-KMS-KEY-REMOVED", "warning", "no KSK in this plan uses it"],
  ["warning-orphaned-key-removed.json", "DNSSEC-KEY-POLICY-REMOVED", "warning", "which no KSK in this plan uses"],
  ["safe-ds-ttl-only.json", "DNSSEC-DS-REMOVED", "safe", "changes only its TTL (ttl 3600 → 300)"],
  ["rotation-6-with-ds-ttl-change.json", "DNSSEC-KSK-DEACTIVATED", "safe", "step 6 of the rotation runbook"],
  ["safe-delete-not-signing.json", "DNSSEC-SIGNING-REMOVED", "safe", "already NOT_SIGNING"],
];

describe("the sharper guard on the app's plans", () => {
  it.each(CASES)("%s: %s is %s", (name, ruleId, severity, says) => {
    const findings = checkPlan(fixture(`dnssec/${name}`)).filter((f) => f.ruleId === ruleId);
    expect(findings.map((f) => f.severity)).toContain(severity);
    expect(findings.find((f) => f.severity === severity)?.statement).toContain(says);
  });

  it.each([
    "warning-orphaned-key-removed.json",
    "safe-ds-ttl-only.json",
    "rotation-6-with-ds-ttl-change.json",
    "safe-delete-not-signing.json",
    "warning-policy-drops-source-arn.json",
  ])("%s has no danger (a false alarm before)", (name) => {
    expect(checkPlan(fixture(`dnssec/${name}`)).filter((f) => f.severity === "danger")).toEqual([]);
  });
});
