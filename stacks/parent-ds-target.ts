import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DsAutomation, ParentDsTarget } from "../modules/dnssec";

/** Where a zone's DS goes, from its settings; `owner` names the stack in the error. */
export function parentDsTarget(owner: string, parentDs: DsAutomation, parentZoneId: string | undefined, usEast1: AwsProvider): ParentDsTarget | undefined {
  switch (parentDs) {
    case "manual":
      return undefined;
    case "route53-zone":
      if (parentZoneId === undefined) throw new Error(`${owner} parentZoneId is required when parentDs is "route53-zone".`);
      return { kind: "route53-zone", parentZoneId };
    case "route53-domains":
      return { kind: "route53-domains", provider: usEast1 };
  }
}
