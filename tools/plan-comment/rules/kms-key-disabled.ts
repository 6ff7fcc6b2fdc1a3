import { code } from "../markdown";
import { Plan } from "../plan";
import { KMS_KEY_TYPE, isDnssecKmsKey, managedOfType, survives, transition } from "./dnssec-resources";
import { field } from "../json";
import { Finding, Rule } from "./types";

/**
 * Disabling (is_enabled = false) the KMS key behind a KSK. Route 53 reports the
 * KSK as ACTION_NEEDED and stops re-signing, so signatures expire.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html
 */
export const kmsKeyDisabled: Rule = {
  id: "DNSSEC-KMS-KEY-DISABLED",
  title: "DNSSEC KMS key disabled",
  check: (plan: Plan): Finding[] =>
    managedOfType(plan, KMS_KEY_TYPE)
      .filter(
        (key) =>
          survives(key) &&
          field(key.before, "is_enabled") !== false &&
          field(key.after, "is_enabled") === false &&
          isDnssecKmsKey(plan, key),
      )
      .map((key) => ({
        ruleId: kmsKeyDisabled.id,
        severity: "danger",
        subject: key.address,
        statement: `${code(key.address)}, a DNSSEC signing key, goes ${transition(key, "is_enabled")}.`,
        why: "Route 53 cannot sign with a disabled key, so the zone's signatures expire and validation fails.",
        whatToDo: "Keep the key enabled while any KSK using it is active; retire it through rotation steps 6 and 7.",
      })),
};
