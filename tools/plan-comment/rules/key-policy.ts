import { Json, isObject } from "../json";

/**
 * Reads a KMS key policy document to find what it lets Route 53 DNSSEC do.
 * Route 53 signs with the key through the `dnssec-route53.amazonaws.com`
 * service principal, which needs kms:DescribeKey, kms:GetPublicKey, kms:Sign
 * and kms:CreateGrant.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html
 */
export const DNSSEC_SERVICE_PRINCIPAL = "dnssec-route53.amazonaws.com";

export const DNSSEC_REQUIRED_ACTIONS: readonly string[] = [
  "kms:DescribeKey",
  "kms:GetPublicKey",
  "kms:Sign",
  "kms:CreateGrant",
];

interface Statement {
  readonly effect: string;
  readonly sid?: string;
  readonly services: readonly string[];
  readonly anyPrincipal: boolean;
  readonly actions: readonly string[];
  /** Condition values by lower-cased key, across operators: `aws:sourcearn` -> [..]. */
  readonly conditions: ReadonlyMap<string, readonly string[]>;
}

/**
 * The conditions that scope the service's kms:Sign grant: which hosted zones
 * (`aws:SourceArn`) and accounts (`aws:SourceAccount`) Route 53 may sign for.
 * `undefined` means the grant has no such condition; an empty policy or one
 * that is not JSON gives undefined too.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/access-control-managing-permissions.html#KMS-key-policy-for-DNSSEC
 */
export interface SignScope {
  readonly sourceArns?: readonly string[];
  readonly sourceAccounts?: readonly string[];
}

export function signScope(policy: string): SignScope | undefined {
  const statements = parseStatements(policy);
  if (statements === undefined) return undefined;
  const signing = statements.filter(
    (s) =>
      s.effect === "Allow" &&
      (s.anyPrincipal || s.services.includes(DNSSEC_SERVICE_PRINCIPAL)) &&
      s.actions.some((pattern) => actionMatches(pattern, "kms:Sign")),
  );
  if (signing.length === 0) return undefined;
  const union = (key: string): string[] | undefined => {
    // One unconditioned grant is enough for Route 53, so the scope is as wide as the widest statement.
    if (signing.some((s) => !s.conditions.has(key))) return undefined;
    return [...new Set(signing.flatMap((s) => s.conditions.get(key) ?? []))];
  };
  return { sourceArns: union("aws:sourcearn"), sourceAccounts: union("aws:sourceaccount") };
}

/** Sids (or positions) of Deny statements that take kms:Sign from the service or from everyone. */
export function signDenials(policy: string): string[] {
  const statements = parseStatements(policy);
  if (statements === undefined) return [];
  return statements.flatMap((s, i) =>
    s.effect === "Deny" &&
    (s.anyPrincipal || s.services.includes(DNSSEC_SERVICE_PRINCIPAL)) &&
    s.actions.some((pattern) => actionMatches(pattern, "kms:Sign"))
      ? [s.sid ?? `statement ${i + 1}`]
      : [],
  );
}

/** IAM ARN patterns (ArnLike, StringLike) allow `*` and `?`; ArnEquals values have none. */
export function arnMatches(pattern: string, arn: string): boolean {
  return wildcard(pattern, "").test(arn);
}

/** True when some statement names the DNSSEC service principal. */
export function namesDnssecPrincipal(policy: string): boolean {
  const statements = parseStatements(policy);
  if (statements === undefined) return policy.includes(DNSSEC_SERVICE_PRINCIPAL);
  return statements.some((s) => s.services.includes(DNSSEC_SERVICE_PRINCIPAL));
}

/**
 * The required DNSSEC actions the policy allows the service principal. A policy
 * that is not JSON falls back to a text search, so an unreadable policy that
 * still names the principal is assumed to keep its grants.
 */
export function grantedDnssecActions(policy: string): string[] {
  const statements = parseStatements(policy);
  if (statements === undefined) {
    return policy.includes(DNSSEC_SERVICE_PRINCIPAL) ? [...DNSSEC_REQUIRED_ACTIONS] : [];
  }
  const allowing = statements.filter(
    (s) => s.effect === "Allow" && (s.anyPrincipal || s.services.includes(DNSSEC_SERVICE_PRINCIPAL)),
  );
  return DNSSEC_REQUIRED_ACTIONS.filter((required) =>
    allowing.some((s) => s.actions.some((pattern) => actionMatches(pattern, required))),
  );
}

function parseStatements(policy: string): Statement[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter(isObject).map((s) => ({
    effect: typeof s.Effect === "string" ? s.Effect : "",
    sid: typeof s.Sid === "string" && s.Sid !== "" ? s.Sid : undefined,
    services: asStrings(isObject(s.Principal) ? s.Principal.Service : undefined),
    anyPrincipal: s.Principal === "*" || (isObject(s.Principal) && asStrings(s.Principal.AWS).includes("*")),
    actions: asStrings(s.Action),
    conditions: conditionValues(s.Condition),
  }));
}

function conditionValues(condition: Json | undefined): Map<string, string[]> {
  const values = new Map<string, string[]>();
  if (!isObject(condition)) return values;
  for (const operator of Object.values(condition)) {
    if (!isObject(operator)) continue;
    for (const [key, value] of Object.entries(operator)) {
      const name = key.toLowerCase();
      values.set(name, [...(values.get(name) ?? []), ...asStrings(value)]);
    }
  }
  return values;
}

function asStrings(value: Json | undefined): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** IAM action patterns are case-insensitive and allow `*` and `?` wildcards. */
function actionMatches(pattern: string, action: string): boolean {
  return wildcard(pattern, "i").test(action);
}

function wildcard(pattern: string, flags: string): RegExp {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, flags);
}
