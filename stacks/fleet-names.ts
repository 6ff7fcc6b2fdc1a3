/**
 * Names of a fleet zone's account-wide AWS objects. KMS aliases and alarm names are unique per
 * account and region, so a fleet zone's carry its domain; the primary zone keeps today's names.
 * Both are derived from the domain alone, so they never change while the domain does not.
 */
import { createHash } from "node:crypto";
import { MAX_KMS_ALIAS } from "../config/aws-limits";

/** Longest KSK name Route 53 accepts; the alias ends with "-<ksk name>". */
const MAX_KSK_NAME = 128;
/** CloudWatch alarm names: at most 255 characters. */
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
const MAX_ALARM_NAME = 255;
/** The longest suffix DnssecAlarms appends: "-DNSSECKeySigningKeysNeedingAction". */
const LONGEST_ALARM_SUFFIX = "-DNSSECKeySigningKeysNeedingAction".length;

function digest(domain: string): string {
  return createHash("sha256").update(domain).digest("hex").slice(0, 12);
}

/**
 * `text`, or when longer than `max`, its start and a digest of `domain` (12 hex characters) in `max`.
 * When `max` is smaller than the separator and digest, the result is longer than `max` (the start
 * cut short by what is missing). It is left so: a name never moves while its inputs do not, and the
 * settings refuse a KMS alias that then exceeds KMS's limit (aliasLengthProblem, config/settings.ts).
 */
function fit(text: string, max: number, domain: string, separator: string): string {
  if (text.length <= max) return text;
  const tag = `${separator}${digest(domain)}`;
  return `${text.slice(0, max - tag.length)}${tag}`;
}

/**
 * The alias prefix of a fleet zone's KSK keys: `<kmsAliasPrefix>-<domain, dots as "_">`, so a KSK's
 * alias is `alias/dnssec-demo-dnssec-shop_example_org-ksk_1`. Domains hold no "_" and KSK names no
 * "-", so no two zones (nor the primary zone's `<prefix>-<ksk name>`) share an alias. The domain
 * part is shortened to leave room for the longest KSK name; a kmsAliasPrefix over 113 characters
 * leaves less than the digest needs, and the settings then check each KSK's actual alias.
 */
export function fleetKmsAliasPrefix(kmsAliasPrefix: string, domainName: string): string {
  const room = MAX_KMS_ALIAS - kmsAliasPrefix.length - 1 - 1 - MAX_KSK_NAME;
  return `${kmsAliasPrefix}-${fit(domainName.replace(/\./g, "_"), room, domainName, "_")}`;
}

/** The alarm name prefix of a fleet zone: `<name>-<domain>`, e.g. `dnssec-demo-shop.example.org-DNSSECInternalFailure`. */
export function fleetAlarmPrefix(name: string, domainName: string): string {
  return fit(`${name}-${domainName}`, MAX_ALARM_NAME - LONGEST_ALARM_SUFFIX, domainName, "-");
}

/** The name of the one alarm topic of the app stack, which every fleet zone's alarms notify. */
export function alarmTopicName(name: string): string {
  return `${name}-dnssec-alarms`;
}
