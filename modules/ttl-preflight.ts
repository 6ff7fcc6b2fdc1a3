import { IConstruct } from "constructs";
import { Annotations, IAspect, Token } from "cdktf";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { ExistingHostedZone } from "./existing-hosted-zone";
import { HostedZone } from "./hosted-zone";

/** Signed zones cap TTLs: validators clamp a TTL to the RRSIG's original TTL and expiry; keep under a week. */
export const MAX_SIGNED_TTL = 604800;
/** Above an hour, a negative answer cached during a signing mistake outlives the fix for too long. */
export const MAX_SOA_NEGATIVE_TTL = 3600;
/** The SOA minimum Route 53 gives a new hosted zone. */
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/SOA-NSrecords.html
export const ROUTE53_DEFAULT_SOA_MINIMUM = 86400;

export interface TtlPreflightOptions {
  /**
   * Whether the zone is (or will be) signed; a zone left with Route 53's SOA is only flagged then.
   * @default true
   */
  readonly signing?: boolean;
}

/**
 * Pre-flight notes for signing: warns at synth when a record this configuration knows has a TTL
 * above one week, or when the SOA negative-caching TTL is large. Each warning points to step 1 of
 * the go-live runbook in the README.
 */
export class TtlPreflight implements IAspect {
  /** The warnings raised, as text, for tests and for printing by the synth tool. */
  readonly findings: string[] = [];
  private readonly signing: boolean;

  constructor(options: TtlPreflightOptions = {}) {
    this.signing = options.signing ?? true;
  }

  visit(node: IConstruct): void {
    if (node instanceof ExistingHostedZone && this.signing) {
      this.warn(
        node,
        `The zone ${node.domainName} is referenced, so its SOA is its owner's; make sure its SOA minimum (negative-caching TTL) is ${MAX_SOA_NEGATIVE_TTL}s or less where the zone is managed before enabling DNSSEC (README, go-live runbook step 1).`,
      );
      return;
    }
    if (node instanceof HostedZone && node.soa === undefined && node.adoptedZoneId !== undefined && this.signing) {
      this.warn(
        node,
        `The adopted zone ${node.domainName} keeps its SOA as it is; unless its SOA minimum (negative-caching TTL) is already ${MAX_SOA_NEGATIVE_TTL}s or less, set soaNegativeTtl to ${MAX_SOA_NEGATIVE_TTL} or less before enabling DNSSEC (README, go-live runbook step 1).`,
      );
      return;
    }
    if (node instanceof HostedZone && node.soa === undefined && this.signing) {
      this.warn(
        node,
        `The zone ${node.domainName} keeps Route 53's SOA minimum (negative-caching TTL) of ${ROUTE53_DEFAULT_SOA_MINIMUM}s, above ${MAX_SOA_NEGATIVE_TTL}s; set soaNegativeTtl to ${MAX_SOA_NEGATIVE_TTL} or less before enabling DNSSEC (README, go-live runbook step 1).`,
      );
      return;
    }
    if (!(node instanceof Route53Record)) return;
    const ttl = node.ttlInput;
    const type = node.typeInput;
    if (typeof ttl !== "number" || Token.isUnresolved(ttl)) return;
    if (ttl > MAX_SIGNED_TTL) {
      this.warn(node, `The ${type ?? ""} record ${node.node.path} has TTL ${ttl}s, above one week (${MAX_SIGNED_TTL}s); signed zones cap TTLs, so lower it before enabling DNSSEC (README, go-live runbook step 1).`);
    }
    if (type === "SOA") {
      const records = node.recordsInput;
      const last = Array.isArray(records) && typeof records[0] === "string" ? Number(records[0].trim().split(/\s+/).pop()) : NaN;
      if (Number.isFinite(last) && last > MAX_SOA_NEGATIVE_TTL) {
        this.warn(node, `The SOA minimum (negative-caching TTL) is ${last}s, above ${MAX_SOA_NEGATIVE_TTL}s; lower it before enabling DNSSEC so a mistake is not cached for long (README, go-live runbook step 1).`);
      }
    }
  }

  private warn(node: IConstruct, message: string): void {
    this.findings.push(message);
    Annotations.of(node).addWarning(message);
  }
}
