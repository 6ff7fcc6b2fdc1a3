import type { DsData } from "dns-packet";
import { errorCheck, fail, pass, warn, type CheckResult } from "../report";
import type { Route53Evidence, Route53Ksk } from "./route53";

/**
 * Route 53 checks as pure functions over the evidence. They do not change
 * the DNS verdict (the chain is judged on what resolvers see); only an API
 * failure makes the verdict "error" because the check could not complete.
 */

const KMS_FIX =
  "check the KSK's customer managed KMS key in us-east-1: enabled, ECC_NIST_P256 SIGN_VERIFY, key policy allowing dnssec-route53.amazonaws.com (kms:DescribeKey, kms:GetPublicKey, kms:Sign); then activate the KSK";

export function checkHostedZone(domain: string, ev: Route53Evidence): CheckResult {
  if (ev.ok) return pass("aws.zone", domain, `Route 53 hosted zone ${ev.zone.id} is named ${ev.zone.name}`, null);
  if (ev.kind === "not-found") return fail("aws.zone", domain, ev.error, "check the AWS account and profile, or pass --no-aws for a zone outside Route 53", null);
  return errorCheck("aws.zone", domain, ev.error, "set AWS credentials with route53:ListHostedZonesByName and route53:GetDNSSEC, or pass --no-aws");
}

export function checkServeSignature(domain: string, serveSignature: string, statusMessage: string | undefined): CheckResult {
  const detail = statusMessage ? `: ${statusMessage}` : "";
  switch (serveSignature) {
    case "SIGNING":
      return pass("aws.signing", domain, "Route 53 DNSSEC signing is SIGNING", null);
    case "NOT_SIGNING":
      return fail("aws.signing", domain, "Route 53 DNSSEC signing is NOT_SIGNING", "enable signing (EnableHostedZoneDNSSEC) after creating and activating a KSK", null);
    case "ACTION_NEEDED":
      return fail("aws.signing", domain, `Route 53 DNSSEC signing is ACTION_NEEDED${detail}`, KMS_FIX, null);
    case "INTERNAL_FAILURE":
      return fail("aws.signing", domain, `Route 53 DNSSEC signing is INTERNAL_FAILURE${detail}`, "AWS: correct the problem by disabling and re-enabling DNSSEC signing for the hosted zone", null);
    default:
      return warn("aws.signing", domain, `Route 53 DNSSEC signing is ${serveSignature}${detail}`, "wait for the change to finish, then re-run verify", null);
  }
}

export function checkKsk(domain: string, ksk: Route53Ksk): CheckResult {
  const subject = `${domain} KSK ${ksk.name}`;
  const detail = ksk.statusMessage ? `: ${ksk.statusMessage}` : "";
  switch (ksk.status) {
    case "ACTIVE":
      return pass("aws.ksk", subject, `KSK ${ksk.name} (tag ${ksk.keyTag ?? "?"}) is ACTIVE`, null);
    case "INACTIVE":
      return warn("aws.ksk", subject, `KSK ${ksk.name} is INACTIVE`, "activate it (ActivateKeySigningKey) or delete it once its DS is gone from the parent", null);
    case "ACTION_NEEDED":
      return fail("aws.ksk", subject, `KSK ${ksk.name} is ACTION_NEEDED${detail}`, KMS_FIX, null);
    case "INTERNAL_FAILURE":
      return fail("aws.ksk", subject, `KSK ${ksk.name} is INTERNAL_FAILURE${detail}`, "AWS: deactivate and reactivate the KSK, or disable and re-enable signing for the zone; contact AWS Support if it persists", null);
    default:
      return warn("aws.ksk", subject, `KSK ${ksk.name} is ${ksk.status}${detail}`, "wait for the change to finish, then re-run verify", null);
  }
}

/** Parses "12345 13 2 ABCDEF" (Route 53 DSRecord). */
export function parseDsRecord(text: string): DsData | undefined {
  const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+([0-9A-Fa-f\s]+)$/.exec(text);
  if (!m) return undefined;
  return { keyTag: Number(m[1]), algorithm: Number(m[2]), digestType: Number(m[3]), digest: Buffer.from(m[4].replace(/\s/g, ""), "hex") };
}

function sameDs(a: DsData, b: DsData): boolean {
  return a.keyTag === b.keyTag && a.algorithm === b.algorithm && a.digestType === b.digestType && a.digest.equals(b.digest);
}

/** The DS Route 53 reports for an active KSK is the one the parent publishes. */
export function checkDsPublished(domain: string, ksk: Route53Ksk, published: readonly DsData[] | undefined): CheckResult {
  const subject = `${domain} KSK ${ksk.name}`;
  const ds = ksk.dsRecord ? parseDsRecord(ksk.dsRecord) : undefined;
  if (!ds) return warn("aws.ds.published", subject, `Route 53 reports no usable DS for KSK ${ksk.name} (${ksk.dsRecord ?? "none"})`, "re-run GetDNSSEC once the KSK is active", null);
  if (published === undefined) {
    return warn("aws.ds.published", subject, "the parent's DS set could not be read, so the Route 53 DS was not compared", "fix the DNS-side errors above and re-run", null);
  }
  if (published.some((p) => sameDs(p, ds))) return pass("aws.ds.published", subject, `the parent publishes the DS Route 53 reports (${ds.keyTag} ${ds.algorithm} ${ds.digestType})`, null);
  if (published.length === 0) {
    return warn("aws.ds.published", subject, "the parent publishes no DS yet", `add this DS at the registrar: ${ksk.dsRecord}`, null);
  }
  return fail("aws.ds.published", subject, `the parent's DS (${published.map((p) => `${p.keyTag} ${p.algorithm} ${p.digestType}`).join(", ")}) is not the one Route 53 reports (${ds.keyTag} ${ds.algorithm} ${ds.digestType})`, `replace the DS at the registrar with: ${ksk.dsRecord}`, null);
}

/** All Route 53 checks for one zone. */
export function route53Checks(domain: string, ev: Route53Evidence, published: readonly DsData[] | undefined): CheckResult[] {
  const out = [checkHostedZone(domain, ev)];
  if (!ev.ok) return out;
  out.push(checkServeSignature(domain, ev.serveSignature, ev.statusMessage));
  if (ev.ksks.length === 0) out.push(fail("aws.ksk", domain, "the hosted zone has no key-signing key", "create a KSK backed by a KMS key in us-east-1 (CreateKeySigningKey)", null));
  for (const ksk of ev.ksks) {
    out.push(checkKsk(domain, ksk));
    if (ksk.status === "ACTIVE") out.push(checkDsPublished(domain, ksk, published));
  }
  return out;
}
