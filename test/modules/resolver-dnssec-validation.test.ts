import { describe, expect, it } from "vitest";
import { ResolverDnssecValidation } from "../../modules/resolver-dnssec-validation";
import { moduleStack, only, resources, synthApp, synthStack } from "../helpers/synth";

describe("ResolverDnssecValidation", () => {
  it("turns on DNSSEC validation in the Route 53 Resolver of the VPC it is given", () => {
    const { stack } = moduleStack();
    new ResolverDnssecValidation(stack, "resolver_dnssec_validation", { vpcId: "vpc-123" });
    expect(only(synthStack(stack), "aws_route53_resolver_dnssec_config")).toEqual({ resource_id: "vpc-123" });
  });

  it("validates in the app's VPC by default", () => {
    const { app } = synthApp();
    expect(only(app, "aws_route53_resolver_dnssec_config").resource_id).toBe("${aws_vpc.network_vpc.id}");
  });

  it("is left out of the app when resolverDnssecValidation is false", () => {
    const { app } = synthApp({ resolverDnssecValidation: false });
    expect(resources(app, "aws_route53_resolver_dnssec_config")).toEqual({});
    expect(only(app, "aws_vpc")).toBeDefined();
  });
});
