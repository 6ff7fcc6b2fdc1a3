import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Json, JsonObject } from "../../../tools/plan-comment/json";
import { Plan, parsePlan, parsePlanText } from "../../../tools/plan-comment/plan";

export const FIXTURES = join(__dirname, "..", "..", "fixtures", "plans");

/** The shared public plans copied into test/fixtures/plans. */
export const SHARED_FIXTURES = [
  "checkov-route53.json",
  "terraform-json-110_sensitive_values.json",
  "terraform-json-action_reason.json",
  "terraform-json-basic.json",
  "terraform-json-has_changes.json",
  "terraform-json-moved_block.json",
  "terraform-json-no_changes.json",
] as const;

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

/**
 * The stack a fixture's plan belongs to: the DNSSEC fixtures named `zone-*` are plans of the zone
 * stack (the hosted zone alone); every other one is a plan of the app stack, which holds DNSSEC.
 */
export function fixtureStack(name: string): "zone" | "app" {
  return /^dnssec\/zone-/.test(name) ? "zone" : "app";
}

/** Loads a fixture by file name, e.g. "dnssec/safe-tags-only.json", as a plan of its stack. */
export function fixture(name: string, stack: string = fixtureStack(name)): Plan {
  const file = fixturePath(name);
  return parsePlanText(readFileSync(file, "utf8"), stack, file);
}

export interface ChangeSpec {
  readonly type: string;
  readonly name?: string;
  readonly actions: string[];
  readonly before?: Json;
  readonly after?: Json;
  readonly afterUnknown?: Json;
  readonly beforeSensitive?: Json;
  readonly afterSensitive?: Json;
  readonly replacePaths?: Json;
  readonly actionReason?: string;
  readonly module?: string;
  /** The import id, for a change that imports (`change.importing`). */
  readonly importing?: string;
}

export interface OutputSpec {
  readonly name: string;
  readonly actions: string[];
  readonly before?: Json;
  readonly after?: Json;
  readonly sensitive?: boolean;
  readonly afterUnknown?: boolean;
}

/** Builds a format 1.2 plan document from short specs and parses it like a file. */
export function buildPlanJson(changes: readonly ChangeSpec[], outputs: readonly OutputSpec[] = []): JsonObject {
  const resourceChanges: Json[] = changes.map((c, i) => {
    const name = c.name ?? `r${i}`;
    const local = `${c.type}.${name}`;
    const entry: JsonObject = {
      address: c.module !== undefined ? `${c.module}.${local}` : local,
      mode: "managed",
      type: c.type,
      name,
      provider_name: "hashicorp/aws",
      change: {
        actions: c.actions,
        before: c.before ?? null,
        after: c.after ?? null,
        after_unknown: c.afterUnknown ?? {},
        before_sensitive: c.beforeSensitive ?? (c.before === undefined ? false : {}),
        after_sensitive: c.afterSensitive ?? (c.after === undefined ? false : {}),
        ...(c.replacePaths !== undefined ? { replace_paths: c.replacePaths } : {}),
        ...(c.importing !== undefined ? { importing: { id: c.importing } } : {}),
      },
    };
    if (c.module !== undefined) entry.module_address = c.module;
    if (c.actionReason !== undefined) entry.action_reason = c.actionReason;
    return entry;
  });
  const outputChanges: JsonObject = {};
  for (const o of outputs) {
    outputChanges[o.name] = {
      actions: o.actions,
      before: o.before ?? null,
      after: o.after ?? null,
      after_unknown: o.afterUnknown ?? false,
      before_sensitive: o.sensitive ?? false,
      after_sensitive: o.sensitive ?? false,
    };
  }
  return {
    format_version: "1.2",
    terraform_version: "1.9.8",
    planned_values: { root_module: {} },
    resource_changes: resourceChanges,
    output_changes: outputChanges,
  };
}

export function buildPlan(changes: readonly ChangeSpec[], outputs: readonly OutputSpec[] = [], stack = "zone"): Plan {
  return parsePlan(buildPlanJson(changes, outputs), stack, "built.json");
}

/** Attribute values for the DNSSEC resources, as the AWS provider reports them. */
export const ZONE_ID = "Z0425718A1B2C3D4E5F6G";
export const keyArn = (id: string): string => `arn:aws:kms:us-east-1:111122223333:key/${id}`;

export function kskValues(name: string, status: string, keyId = `${name}-key`, zoneId = ZONE_ID): JsonObject {
  return {
    hosted_zone_id: zoneId,
    key_management_service_arn: keyArn(keyId),
    name,
    status,
    ds_record: `12345 13 2 ${name.toUpperCase()}`,
  };
}

export function kmsKeyValues(keyId: string, extra: JsonObject = {}): JsonObject {
  return {
    arn: keyArn(keyId),
    key_id: keyId,
    id: keyId,
    customer_master_key_spec: "ECC_NIST_P256",
    key_usage: "SIGN_VERIFY",
    is_enabled: true,
    ...extra,
  };
}

export function dnssecPolicy(actions: string[] = ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"], grant = true): string {
  const statements: Json[] = [
    { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
  ];
  if (actions.length > 0) {
    statements.push({ Effect: "Allow", Principal: { Service: "dnssec-route53.amazonaws.com" }, Action: actions, Resource: "*" });
  }
  if (grant) {
    statements.push({
      Effect: "Allow",
      Principal: { Service: "dnssec-route53.amazonaws.com" },
      Action: "kms:CreateGrant",
      Resource: "*",
    });
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function keyPolicyValues(keyId: string, policy = dnssecPolicy()): JsonObject {
  return { key_id: keyId, id: keyId, policy };
}

/** A KSK that exists and does not change. */
export function steadyKsk(name: string, status = "ACTIVE", zoneId = ZONE_ID): ChangeSpec {
  const values = kskValues(name, status, `${name}-key`, zoneId);
  return { type: "aws_route53_key_signing_key", name, actions: ["no-op"], before: values, after: values };
}

export function signingValues(status = "SIGNING", zoneId = ZONE_ID): JsonObject {
  return { hosted_zone_id: zoneId, id: zoneId, signing_status: status };
}
