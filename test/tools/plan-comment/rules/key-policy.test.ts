import { describe, expect, it } from "vitest";
import { grantedDnssecActions, namesDnssecPrincipal } from "../../../../tools/plan-comment/rules/key-policy";
import { dnssecPolicy } from "../plan-builder";

describe("grantedDnssecActions", () => {
  it("lists the required actions a policy allows the DNSSEC principal", () => {
    expect(grantedDnssecActions(dnssecPolicy())).toEqual(["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:CreateGrant"]);
    expect(grantedDnssecActions(dnssecPolicy(["kms:Sign"], false))).toEqual(["kms:Sign"]);
  });

  it("ignores Deny statements and other principals", () => {
    const policy = JSON.stringify({
      Statement: [
        { Effect: "Deny", Principal: { Service: "dnssec-route53.amazonaws.com" }, Action: "kms:*" },
        { Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:*" },
      ],
    });
    expect(grantedDnssecActions(policy)).toEqual([]);
  });

  it("accepts a single statement object and a wildcard principal", () => {
    const policy = JSON.stringify({ Statement: { Effect: "Allow", Principal: "*", Action: ["kms:get*", "kms:Sign"] } });
    expect(grantedDnssecActions(policy)).toEqual(["kms:GetPublicKey", "kms:Sign"]);
  });

  it("falls back to a text search for a policy that is not JSON", () => {
    expect(namesDnssecPrincipal("not json dnssec-route53.amazonaws.com")).toBe(true);
    expect(grantedDnssecActions("not json")).toEqual([]);
  });
});
