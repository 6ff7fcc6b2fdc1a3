import { Construct } from "constructs";
import { Route53ResolverDnssecConfig } from "@cdktf/provider-aws/lib/route53-resolver-dnssec-config";

export interface ResolverDnssecValidationProps {
  /** The VPC whose Route 53 Resolver should validate DNSSEC. */
  readonly vpcId: string;
}

/**
 * Turns on DNSSEC validation in the VPC's Route 53 Resolver. It affects every signed zone resolved
 * from the VPC, not only ours: a zone elsewhere with a broken chain of trust stops resolving here
 * (SERVFAIL), as it would for any validating resolver.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dnssec-validation.html
 */
export class ResolverDnssecValidation extends Construct {
  readonly config: Route53ResolverDnssecConfig;

  constructor(scope: Construct, id: string, props: ResolverDnssecValidationProps) {
    super(scope, id);
    this.config = new Route53ResolverDnssecConfig(this, "config", { resourceId: props.vpcId });
  }
}
