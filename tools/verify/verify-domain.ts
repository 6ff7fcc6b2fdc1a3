import type { Route53Client } from "@aws-sdk/client-route-53";
import { route53Checks } from "./aws/checks";
import { route53Evidence, type Route53Zone } from "./aws/route53";
import { verifyChain, type RRsetQuestion } from "./chain";
import type { Resolver } from "./dns/resolver";
import { fqdn } from "./dnssec/names";
import type { TrustAnchor } from "./dnssec/trust-anchor";
import { exitCodeFor, SCHEMA_VERSION, verdictOf, type DomainReport } from "./report";

export interface VerifyContext {
  readonly resolver: Resolver;
  readonly anchor: TrustAnchor;
  readonly extraChecks: readonly RRsetQuestion[];
  /** Route 53 client, or undefined for --no-aws. */
  readonly route53: Route53Client | undefined;
  readonly requireSecure: boolean;
  /** Check the zone of a name that is not a zone apex. @default false - such a name is an error */
  readonly allowNonApex?: boolean;
  /** Clock, injectable for tests. @default Date.now */
  readonly now?: () => number;
}

/**
 * Runs the DNS and Route 53 sides for one domain and builds its report. `hostedZone` is the Route 53
 * zone when the caller already listed it (--all-zones).
 */
export async function verifyDomain(domain: string, ctx: VerifyContext, hostedZone?: Route53Zone): Promise<DomainReport> {
  const now = ctx.now ?? Date.now;
  const started = now();
  const name = fqdn(domain);
  const [chain, aws] = await Promise.all([
    verifyChain(name, { resolver: ctx.resolver, anchor: ctx.anchor, extraChecks: ctx.extraChecks, nowSeconds: Math.floor(started / 1000), allowNonApex: ctx.allowNonApex }),
    ctx.route53 ? route53Evidence(ctx.route53, name, hostedZone) : Promise.resolve(undefined),
  ]);
  const checks = [...chain.checks, ...(aws ? route53Checks(name, aws, chain.publishedDs) : [])];
  const verdict = verdictOf(checks);
  return {
    schemaVersion: SCHEMA_VERSION,
    domain: name,
    verdict,
    exitCode: exitCodeFor(verdict, checks, ctx.requireSecure),
    checkedAt: new Date(started).toISOString(),
    durationMs: Math.max(0, now() - started),
    trustAnchor: { zone: ctx.anchor.zone, source: ctx.anchor.source },
    zones: chain.zones,
    checks,
    chain: chain.links,
  };
}
