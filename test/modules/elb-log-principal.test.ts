import { describe, expect, it } from "vitest";
import { AWS_REGIONS } from "../../config/regions";
import { ELB_LOG_ACCOUNTS, elbLogPrincipal } from "../../modules/elb-log-principal";

describe("elbLogPrincipal", () => {
  it("names the regional Elastic Load Balancing account's root in us-east-2", () => {
    expect(elbLogPrincipal("us-east-2")).toEqual({ type: "AWS", identifiers: ["arn:aws:iam::033677994240:root"] });
  });

  it("names the regional account in us-east-1 and eu-west-1", () => {
    expect(elbLogPrincipal("us-east-1").identifiers).toEqual(["arn:aws:iam::127311923021:root"]);
    expect(elbLogPrincipal("eu-west-1").identifiers).toEqual(["arn:aws:iam::156460612806:root"]);
  });

  it("uses the aws-us-gov partition in GovCloud regions", () => {
    expect(elbLogPrincipal("us-gov-west-1")).toEqual({ type: "AWS", identifiers: ["arn:aws-us-gov:iam::048591011584:root"] });
    expect(elbLogPrincipal("us-gov-east-1")).toEqual({ type: "AWS", identifiers: ["arn:aws-us-gov:iam::190560391635:root"] });
  });

  it("uses the log-delivery service principal in regions opened after August 2022", () => {
    for (const region of ["ap-southeast-5", "eu-central-2", "il-central-1", "ca-west-1", "mx-central-1"]) {
      expect(elbLogPrincipal(region)).toEqual({ type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] });
    }
  });

  it("gives a well-formed principal for every region the settings accept", () => {
    for (const region of AWS_REGIONS) {
      const principal = elbLogPrincipal(region);
      if (principal.type === "AWS") {
        expect(principal.identifiers).toHaveLength(1);
        expect(principal.identifiers[0]).toMatch(/^arn:aws(-us-gov)?:iam::\d{12}:root$/);
      } else {
        expect(principal).toEqual({ type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] });
      }
    }
  });

  it("lists only known regions (the app's, plus GovCloud for other users of the module), each with a 12-digit account", () => {
    for (const [region, account] of Object.entries(ELB_LOG_ACCOUNTS)) {
      if (!region.startsWith("us-gov-")) expect(AWS_REGIONS).toContain(region);
      expect(account).toMatch(/^\d{12}$/);
    }
  });
});
