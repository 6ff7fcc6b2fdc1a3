import { createHash } from "node:crypto";
import { Json, JsonObject, isObject, jsonEqual } from "../../tools/plan-comment/json";
import { TfJson } from "../helpers/synth";

/**
 * Builds the Terraform plan that moving a stack from one synthesized
 * configuration (`prior`, already applied) to another (`next`) would produce,
 * in the `terraform show -json` format 1.2, without Terraform or an AWS
 * account. It lets the plan guard (tools/plan-comment) judge the real app's
 * configuration changes instead of hand-written fixtures.
 * https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
 *
 * The model, kept as small as the guard needs:
 * - Addresses are `<type>.<name>` (a CDKTF stack is one root module); data
 *   sources are read at plan time and never listed.
 * - A resource only in `prior` is deleted, only in `next` created; in both it
 *   is an update when its resolved attributes differ, else a no-op. Nothing is
 *   replaced: which arguments force a replacement is provider knowledge this
 *   helper does not have.
 * - The prior state is the prior configuration with every `${...}` reference
 *   resolved to a plausible, deterministic value (see `attributeOf`), plus the
 *   attributes the provider computes (`COMPUTED`).
 * - On create, an attribute holding a reference anywhere is known only after
 *   apply (`after_unknown`), as are the computed attributes; literals are known.
 *   On update, a reference is known unless it points at a resource this plan
 *   creates. Unknowns are marked per top-level attribute.
 * - An expression that is not a plain reference (`join(...)`, `for`) is kept
 *   as its text: equal text on both sides means an equal value.
 * - `output_changes` holds only `ds_record`, one fake DS line per KSK the
 *   output refers to, so it changes exactly when the published set does.
 */
export function synthPlan(prior: TfJson, next: TfJson): JsonObject {
  return {
    format_version: "1.2",
    terraform_version: "1.9.8",
    resource_changes: resourceChanges(prior, next),
    output_changes: outputChanges(prior, next),
    applyable: true,
    complete: true,
    errored: false,
  };
}

export const ACCOUNT_ID = "111122223333";
/** The hosted zone id every zone reference resolves to (the zone stack's output). */
export const ZONE_ID = "Z0TEST";
const PROVIDER_NAME = "hashicorp/aws";
const KSK_TYPE = "aws_route53_key_signing_key";

/** CDKTF and Terraform meta-arguments: configuration of Terraform itself, not attributes. */
const META_ARGUMENTS = new Set(["//", "depends_on", "provider", "lifecycle", "for_each", "count", "provisioner", "connection"]);

/** A value Terraform cannot know until apply. */
const UNKNOWN = Symbol("known after apply");
type Resolved = Json | typeof UNKNOWN;

/** How references resolve on one side of the plan. */
interface Scope {
  readonly doc: TfJson;
  /** True when the referenced managed resource's attributes are known at plan time. */
  readonly known: (address: string) => boolean;
}

interface Address {
  readonly type: string;
  readonly name: string;
}

function resourceChanges(prior: TfJson, next: TfJson): JsonObject[] {
  const before = managedResources(prior);
  const after = managedResources(next);
  const addresses = [...new Set([...before.keys(), ...after.keys()])];
  const priorScope: Scope = { doc: prior, known: () => true };
  const nextScope: Scope = { doc: next, known: (address) => before.has(address) };
  return addresses.map((address) => {
    const old = before.get(address);
    const now = after.get(address);
    const { type, name } = (old ?? now) as Address;
    const oldValues = old !== undefined ? stateOf(old, priorScope) : null;
    let change: JsonObject;
    if (now === undefined) {
      change = { actions: ["delete"], before: oldValues, after: null, after_unknown: false };
    } else {
      const planned = old === undefined ? plannedCreate(now) : plannedUpdate(now, nextScope);
      const same = oldValues !== null && Object.keys(planned.unknown).length === 0 && jsonEqual(oldValues, planned.values);
      const actions = old === undefined ? ["create"] : same ? ["no-op"] : ["update"];
      change = { actions, before: oldValues, after: planned.values, after_unknown: planned.unknown };
    }
    change.before_sensitive = change.before === null ? false : {};
    change.after_sensitive = change.after === null ? false : {};
    return { address, mode: "managed", type, name, provider_name: PROVIDER_NAME, change };
  });
}

interface Configured extends Address {
  readonly body: JsonObject;
}

function managedResources(doc: TfJson): Map<string, Configured> {
  const out = new Map<string, Configured>();
  for (const [type, byName] of Object.entries(doc.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      out.set(`${type}.${name}`, { type, name, body: body as JsonObject });
    }
  }
  return out;
}

/** The configured attributes, without meta-arguments. */
function attributes(body: JsonObject): [string, Json][] {
  return Object.entries(body).filter(([key]) => !META_ARGUMENTS.has(key));
}

/** What Terraform stores after applying: computed attributes, then the configuration, all known. */
function stateOf(resource: Configured, scope: Scope): JsonObject {
  const values: JsonObject = computedOf(resource);
  for (const [key, value] of attributes(resource.body)) {
    const resolved = resolve(value, scope);
    values[key] = resolved === UNKNOWN ? null : resolved;
  }
  return values;
}

interface Planned {
  readonly values: JsonObject;
  readonly unknown: JsonObject;
}

/** A new object: only literal attributes are known. */
function plannedCreate(resource: Configured): Planned {
  const values: JsonObject = {};
  const unknown: JsonObject = {};
  for (const key of Object.keys(COMPUTED[resource.type] ?? { id: true })) unknown[key] = true;
  for (const [key, value] of attributes(resource.body)) {
    if (JSON.stringify(value).includes("${")) unknown[key] = true;
    else values[key] = value;
  }
  return { values, unknown };
}

/** An existing object: computed attributes keep their values; references resolve unless their target is new. */
function plannedUpdate(resource: Configured, scope: Scope): Planned {
  const values: JsonObject = computedOf(resource);
  const unknown: JsonObject = {};
  for (const [key, value] of attributes(resource.body)) {
    const resolved = resolve(value, scope);
    if (resolved === UNKNOWN) unknown[key] = true;
    else values[key] = resolved;
  }
  return { values, unknown };
}

/** Resolves the references in a configured value; UNKNOWN if any part is unknown. */
function resolve(value: Json, scope: Scope): Resolved {
  if (typeof value === "string") return resolveString(value, scope);
  if (Array.isArray(value)) {
    const items = value.map((item) => resolve(item, scope));
    return items.some((item) => item === UNKNOWN) ? UNKNOWN : (items as Json[]);
  }
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolve(item, scope);
      if (resolved === UNKNOWN) return UNKNOWN;
      out[key] = resolved;
    }
    return out;
  }
  return value;
}

const INTERPOLATION = /\$\{([^{}]*)\}/g;

/** `nonsensitive(x)` only unmarks `x` (the app unmarks the zone id it reads from the zone stack). */
function withoutNonsensitive(expression: string): string {
  return /^nonsensitive\(([^()]*)\)$/.exec(expression)?.[1] ?? expression;
}
const TRAVERSAL = /^[A-Za-z_][\w-]*(\.[\w-]+)+$/;

/**
 * A string is a literal, one whole reference (`${a.b.c}`, which keeps the
 * referenced value's type), or a template of references. Anything else is an
 * expression this helper does not evaluate, kept as its text.
 */
function resolveString(text: string, scope: Scope): Resolved {
  if (!text.includes("${")) return text;
  const expressions = [...text.matchAll(INTERPOLATION)].map((m) => withoutNonsensitive(m[1]));
  const rest = text.replace(INTERPOLATION, "");
  if (rest.includes("${") || !expressions.every((e) => TRAVERSAL.test(e))) return text;
  const whole = /^\$\{([^{}]*)\}$/.exec(text);
  if (whole !== null) return lookup(withoutNonsensitive(whole[1]), scope);
  const parts = expressions.map((e) => lookup(e, scope));
  if (parts.some((p) => p === UNKNOWN)) return UNKNOWN;
  let index = 0;
  return text.replace(INTERPOLATION, () => {
    const part = parts[index++];
    return typeof part === "string" ? part : JSON.stringify(part);
  });
}

/** The value of one reference such as `aws_kms_key.x.arn` or `data.aws_partition.p.partition`. */
function lookup(expression: string, scope: Scope): Resolved {
  const [head, ...rest] = expression.split(".");
  if (head === "data") return dataValue(rest[0], rest[1], rest.slice(2), scope);
  const [name, attribute] = rest;
  const body = scope.doc.resource?.[head]?.[name] as JsonObject | undefined;
  if (body === undefined || attribute === undefined) return `\${${expression}}`;
  if (!scope.known(`${head}.${name}`)) return UNKNOWN;
  return attributeOf({ type: head, name, body }, attribute, scope);
}

/** A referenced attribute: configured, computed, or a stable fake value. */
function attributeOf(resource: Configured, attribute: string, scope: Scope): Resolved {
  if (attribute in resource.body && !META_ARGUMENTS.has(attribute)) return resolve(resource.body[attribute], scope);
  return computedOf(resource)[attribute] ?? `${resource.name}-${attribute}`;
}

/**
 * Data sources are read at plan time, so they are always known here. The
 * values are those of a single test account in us-east-1.
 */
function dataValue(type: string, name: string, path: string[], scope: Scope): Resolved {
  if (type === "aws_partition") return "aws";
  if (type === "aws_caller_identity" && path[0] === "account_id") return ACCOUNT_ID;
  if (type === "terraform_remote_state" && path[0] === "outputs") {
    return path[1]?.endsWith("zone_id") ? ZONE_ID : `${path[1]}-value`;
  }
  if (type === "aws_iam_policy_document" && path[0] === "json") {
    const body = scope.doc.data?.aws_iam_policy_document?.[name] as JsonObject | undefined;
    if (body !== undefined) return policyJson(body, scope);
  }
  return `data-${type}-${name}-${path.join("-")}`;
}

/**
 * Renders an `aws_iam_policy_document` configuration as the policy JSON the
 * data source returns, so a key policy's grants come from the app itself.
 * https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/d/iam_policy_document.html.markdown
 */
function policyJson(body: JsonObject, scope: Scope): Resolved {
  const statements = Array.isArray(body.statement) ? body.statement.filter(isObject) : [];
  const rendered = resolve(statements.map(statementJson), scope);
  if (rendered === UNKNOWN) return UNKNOWN;
  return JSON.stringify({ Version: "2012-10-17", Statement: rendered });
}

function statementJson(statement: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (statement.sid !== undefined) out.Sid = statement.sid;
  out.Effect = statement.effect ?? "Allow";
  if (statement.actions !== undefined) out.Action = statement.actions;
  if (statement.resources !== undefined) out.Resource = statement.resources;
  const principals = Array.isArray(statement.principals) ? statement.principals.filter(isObject) : [];
  if (principals.length > 0) {
    const principal: JsonObject = {};
    for (const p of principals) principal[String(p.type)] = p.identifiers ?? [];
    out.Principal = principal;
  }
  const conditions = Array.isArray(statement.condition) ? statement.condition.filter(isObject) : [];
  if (conditions.length > 0) {
    const condition: Record<string, JsonObject> = {};
    for (const c of conditions) (condition[String(c.test)] ??= {})[String(c.variable)] = c.values ?? [];
    out.Condition = condition;
  }
  return out;
}

/** A stable number, hex digest and key derived from a name, so every run plans the same values. */
function fingerprint(name: string): { tag: number; digest: string; publicKey: string } {
  const hash = (salt: string) => createHash("sha256").update(`${salt}:${name}`).digest();
  return {
    tag: hash("tag").readUInt16BE(0),
    digest: hash("digest").toString("hex").toUpperCase(),
    // An uncompressed P-256 point without its prefix is 64 bytes.
    publicKey: Buffer.concat([hash("x"), hash("y")]).toString("base64"),
  };
}

/** The line the app's `ds_record` output prints for one KSK: key tag, algorithm, digest type, digest. */
export function fakeDsLine(kskResourceName: string): string {
  const { tag, digest } = fingerprint(kskResourceName);
  return `${tag} ECDSAP256SHA256 SHA-256 ${digest}`;
}

/** The KMS key ARN a prior `aws_kms_key` resource has. */
export function fakeKeyArn(kmsKeyResourceName: string): string {
  return `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/${kmsKeyResourceName}`;
}

/**
 * Attributes the provider computes, per type, for the types the DNSSEC guard
 * reads; every other type gets only an `id`. A KSK's values follow Route 53's
 * documented shape for ECDSAP256SHA256 (13) and SHA-256 (2) with flags 257.
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_KeySigningKey.html
 */
const COMPUTED: Record<string, Record<string, (name: string) => Json>> = {
  aws_kms_key: { arn: fakeKeyArn, id: (name) => name, key_id: (name) => name, is_enabled: () => true },
  [KSK_TYPE]: {
    id: (name) => `${ZONE_ID},${name}`,
    key_tag: (name) => fingerprint(name).tag,
    digest_value: (name) => fingerprint(name).digest,
    digest_algorithm_mnemonic: () => "SHA-256",
    digest_algorithm_type: () => 2,
    signing_algorithm_mnemonic: () => "ECDSAP256SHA256",
    signing_algorithm_type: () => 13,
    flag: () => 257,
    public_key: (name) => fingerprint(name).publicKey,
    dnskey_record: (name) => `257 3 13 ${fingerprint(name).publicKey}`,
    ds_record: (name) => `${fingerprint(name).tag} 13 2 ${fingerprint(name).digest}`,
  },
  aws_route53_hosted_zone_dnssec: { id: () => ZONE_ID },
};

function computedOf(resource: Address): JsonObject {
  const table = COMPUTED[resource.type] ?? { id: (name: string) => `${name}-id` };
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, value(resource.name)]));
}

/**
 * The `ds_record` output as one fake line per KSK its expression refers to.
 * Unknown when it refers to a KSK this plan creates.
 */
function outputChanges(prior: TfJson, next: TfJson): JsonObject {
  const before = dsOutput(prior, () => true);
  const after = dsOutput(next, (name) => prior.resource?.[KSK_TYPE]?.[name] !== undefined);
  if (before === undefined && after === undefined) return {};
  const actions =
    before === undefined
      ? ["create"]
      : after === undefined
      ? ["delete"]
      : after !== UNKNOWN && after === before
      ? ["no-op"]
      : ["update"];
  const change: JsonObject = {
    actions,
    before: before === undefined || before === UNKNOWN ? null : before,
    after_unknown: after === UNKNOWN,
    before_sensitive: false,
    after_sensitive: false,
  };
  if (after !== UNKNOWN) change.after = after ?? null;
  return { ds_record: change };
}

function dsOutput(doc: TfJson, known: (kskName: string) => boolean): string | typeof UNKNOWN | undefined {
  const output = doc.output?.ds_record;
  if (output === undefined) return undefined;
  const names = [
    ...new Set([...JSON.stringify(output.value).matchAll(/aws_route53_key_signing_key\.([\w-]+)\./g)].map((m) => m[1])),
  ];
  if (!names.every(known)) return UNKNOWN;
  return names.map(fakeDsLine).join("\n");
}
