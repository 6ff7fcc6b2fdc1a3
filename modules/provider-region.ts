import { Token } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";

/**
 * Fails fast when a module that must run in `expected` receives a provider known to be elsewhere.
 * A region that is a token (unknown until plan) is accepted: only Terraform can check it then.
 */
export function requireProviderRegion(owner: string, prop: string, provider: AwsProvider, expected: string, why: string): void {
  const region = provider.region;
  if (region === undefined || Token.isUnresolved(region)) return;
  if (region !== expected) {
    throw new Error(`${owner}: ${prop} must be an AWS provider for ${expected} (${why}), got one for ${JSON.stringify(region)}; pass the aliased ${expected} provider.`);
  }
}
