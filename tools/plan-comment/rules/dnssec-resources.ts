import { destroysExisting } from "../actions";
import { isDsOutputName } from "./ds-output-changed";
import { attributeIsSensitive, changedAttributeNames, formatPath, stringAttr } from "../attributes";
import { Json, field } from "../json";
import { code, escapeValue } from "../markdown";
import { REDACTED, looksSecretValue } from "../redact";
import { Plan, ResourceChange } from "../plan";
import { containsTrue } from "../sensitive";
import { namesDnssecPrincipal } from "./key-policy";
import { Finding } from "./types";

/** Resource types of the AWS provider that DNSSEC on Route 53 is built from. */
export const KSK_TYPE = "aws_route53_key_signing_key";
export const ZONE_DNSSEC_TYPE = "aws_route53_hosted_zone_dnssec";
export const KMS_KEY_TYPE = "aws_kms_key";
export const KMS_KEY_POLICY_TYPE = "aws_kms_key_policy";
export const HOSTED_ZONE_TYPE = "aws_route53_zone";
export const RECORD_TYPE = "aws_route53_record";
export const DOMAINS_DS_TYPE = "aws_route53domains_delegation_signer_record";

/** Managed (not data) resources of one type. */
export function managedOfType(plan: Plan, type: string): ResourceChange[] {
  return plan.resources.filter((r) => r.mode === "managed" && r.type === type);
}

/** The value of a string attribute after the change, or undefined when unknown or absent. */
export function afterString(change: ResourceChange, name: string): string | undefined {
  if (containsTrue(field(change.afterUnknown, name))) return undefined;
  return stringAttr(change.after, name);
}

export function beforeString(change: ResourceChange, name: string): string | undefined {
  return stringAttr(change.before, name);
}

/**
 * A printable description of an attribute's change, e.g. "status ACTIVE →
 * INACTIVE". The values are enumerations that are never secret in practice,
 * but the sensitivity markers are honoured all the same: a sensitive attribute
 * is named without its values.
 */
export function transition(change: ResourceChange, name: string): string {
  if (attributeIsSensitive(change, [name])) return `${name} (sensitive) changes`;
  const show = (value: Json | undefined): string => {
    if (value === undefined || value === null) return "(none)";
    const text = typeof value === "string" ? value : JSON.stringify(value);
    return looksSecretValue(text) ? REDACTED : escapeValue(text);
  };
  const after = containsTrue(field(change.afterUnknown, name)) ? "(known after apply)" : show(field(change.after, name));
  return `${name} ${show(field(change.before, name))} → ${after}`;
}

/** The value of a string attribute before the change, or "(sensitive)" when marked so. */
export function shownBefore(change: ResourceChange, name: string): string | undefined {
  if (attributeIsSensitive(change, [name])) return REDACTED;
  const value = beforeString(change, name);
  return value === undefined ? undefined : looksSecretValue(value) ? REDACTED : escapeValue(value);
}

/**
 * Which hosted zone a KSK or signing resource belongs to: its hosted_zone_id
 * when known, else its module path. In a CDKTF stack every resource sits in
 * the root module, so unknown ids there all fall into one group.
 */
export function zoneKey(change: ResourceChange): string {
  const id = afterString(change, "hosted_zone_id") ?? beforeString(change, "hosted_zone_id");
  return id !== undefined ? `zone:${id}` : `module:${change.moduleAddress}`;
}

/**
 * True when two KSK or signing resources may belong to the same zone: equal
 * hosted_zone_id values when both are known, else the same module.
 */
export function mayShareZone(a: ResourceChange, b: ResourceChange): boolean {
  const ka = zoneKey(a);
  const kb = zoneKey(b);
  if (ka.startsWith("zone:") && kb.startsWith("zone:")) return ka === kb;
  return a.moduleAddress === b.moduleAddress;
}

/**
 * One warning per change whose attribute is known only after apply, naming the
 * attribute: the guard cannot judge a value it cannot see.
 */
export function unknownAttributeWarnings(
  changes: readonly ResourceChange[],
  ruleId: string,
  attribute: string,
  advice: { readonly why: string; readonly whatToDo: string },
): Finding[] {
  return changes
    .filter((c) => c.kind !== "delete" && c.kind !== "read" && containsTrue(field(c.afterUnknown, attribute)))
    .map((c) => ({
      ruleId,
      severity: "warning",
      subject: c.address,
      statement: `${code(c.address)} has a ${code(attribute)} known only after apply.`,
      ...advice,
    }));
}

/** Objects that continue to exist after apply: not created, deleted or replaced here. */
export function survives(change: ResourceChange): boolean {
  return change.kind === "update" || change.kind === "no-op";
}

export function isDestroyed(change: ResourceChange): boolean {
  return destroysExisting(change.kind);
}

/**
 * Route 53 KSKs need an asymmetric ECC_NIST_P256 key used for SIGN_VERIFY,
 * which is what marks a KMS key as a DNSSEC key. A key referenced by a KSK in
 * the plan counts as well.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html
 */
export function isDnssecKmsKey(plan: Plan, key: ResourceChange): boolean {
  const looksLike = (value: Json): boolean =>
    stringAttr(value, "customer_master_key_spec") === "ECC_NIST_P256" && stringAttr(value, "key_usage") === "SIGN_VERIFY";
  if (looksLike(key.before) || looksLike(key.after)) return true;
  const arn = beforeString(key, "arn");
  return arn !== undefined && managedOfType(plan, KSK_TYPE).some((ksk) => kskKeyArns(ksk).includes(arn));
}

/** A key policy that names the DNSSEC service principal, judged from before or after. */
export function isDnssecKeyPolicy(change: ResourceChange): boolean {
  const before = beforeString(change, "policy");
  const after = afterString(change, "policy");
  return (before !== undefined && namesDnssecPrincipal(before)) || (after !== undefined && namesDnssecPrincipal(after));
}

function kskKeyArns(ksk: ResourceChange): string[] {
  return [beforeString(ksk, "key_management_service_arn"), afterString(ksk, "key_management_service_arn")].filter(
    (arn): arn is string => arn !== undefined,
  );
}

/**
 * KMS key ARNs that step 7 of the rotation runbook retires: keys of KSKs that
 * this plan deletes while they are already INACTIVE, and that no KSK which
 * stays in the plan still uses.
 */
export function retiredKeyArns(plan: Plan): Set<string> {
  const ksks = managedOfType(plan, KSK_TYPE);
  const retired = new Set(
    ksks
      .filter((k) => k.kind === "delete" && beforeString(k, "status") === "INACTIVE")
      .flatMap((k) => kskKeyArns(k)),
  );
  for (const ksk of ksks) {
    if (ksk.kind === "delete") continue;
    for (const arn of kskKeyArns(ksk)) retired.delete(arn);
  }
  return retired;
}

/**
 * ARNs of DNSSEC KMS keys this plan deletes that no KSK in the plan uses: their
 * KSK was removed in an earlier apply (rotation step 7 done in two plans), so
 * the key is orphaned rather than in use. A CDKTF stack's plan lists every
 * resource of the stack, unchanged ones as no-op, so a KSK that still uses the
 * key would be in it.
 */
export function orphanedKeyArns(plan: Plan): Set<string> {
  const used = managedOfType(plan, KSK_TYPE).flatMap((ksk) => kskKeyArns(ksk));
  return new Set(
    managedOfType(plan, KMS_KEY_TYPE)
      .filter((key) => key.kind === "delete" && isDnssecKmsKey(plan, key))
      .map((key) => beforeString(key, "arn"))
      .filter((arn): arn is string => arn !== undefined && !used.includes(arn)),
  );
}

/** An in-place update of a record whose only change is its TTL. */
export function isTtlOnlyChange(change: ResourceChange): boolean {
  if (change.kind !== "update") return false;
  const names = changedAttributeNames(change);
  return names.length > 0 && names.every((name) => name === "ttl");
}

/** True when a KMS key id or ARN refers to one of the given key ARNs. */
export function refersToKey(idOrArn: string | undefined, arns: ReadonlySet<string>): boolean {
  if (idOrArn === undefined) return false;
  for (const arn of arns) {
    if (arn === idOrArn || arn.endsWith(`:key/${idOrArn}`)) return true;
  }
  return false;
}

/** Why Terraform replaces or deletes: replace_paths and action_reason, in words. */
export function becauseText(change: ResourceChange): string {
  const parts: string[] = [];
  if (change.replacePaths.length > 0) {
    parts.push(`forced by ${change.replacePaths.map((p) => code(formatPath(p))).join(", ")}`);
  }
  if (change.actionReason !== undefined) parts.push(code(change.actionReason));
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

/** A Route 53 record of type DS, before or after the change. */
export function isDsRecord(record: ResourceChange): boolean {
  return beforeString(record, "type") === "DS" || afterString(record, "type") === "DS";
}

/**
 * What in this plan changes the DS the parent publishes: DS records in a parent Route 53 zone,
 * Route 53 Domains DS records, or DS outputs handed to a registrar. Each is named by its address.
 * A TTL-only change of a DS record set leaves the DS itself alone, so it does not count.
 */
export function parentDsChanges(plan: Plan): string[] {
  const changes = (c: ResourceChange) => c.kind !== "no-op" && c.kind !== "read" && !isTtlOnlyChange(c);
  return [
    ...managedOfType(plan, RECORD_TYPE).filter((r) => isDsRecord(r) && changes(r)).map((r) => r.address),
    ...managedOfType(plan, DOMAINS_DS_TYPE).filter(changes).map((r) => r.address),
    ...plan.outputs.filter((o) => isDsOutputName(o.name) && o.kind !== "no-op" && o.kind !== "read").map((o) => `output.${o.name}`),
  ];
}
