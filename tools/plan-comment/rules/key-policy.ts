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
  readonly services: readonly string[];
  readonly anyPrincipal: boolean;
  readonly actions: readonly string[];
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
    services: asStrings(isObject(s.Principal) ? s.Principal.Service : undefined),
    anyPrincipal: s.Principal === "*" || (isObject(s.Principal) && asStrings(s.Principal.AWS).includes("*")),
    actions: asStrings(s.Action),
  }));
}

function asStrings(value: Json | undefined): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** IAM action patterns are case-insensitive and allow `*` and `?` wildcards. */
function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "i").test(action);
}
