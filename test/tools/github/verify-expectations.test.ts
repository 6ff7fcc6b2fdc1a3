import { describe, expect, it } from "vitest";
import { loadSettings } from "../../../config/settings";
import { stackLines } from "../../../tools/settings/stacks";
import { expectationLines, VerifyExpectationError, verifyExpectations } from "../../../tools/github/verify-expectations";

const PARENT = "Z0123456789ABCDEFGHIJ";
/** The primary, a manual-DS fleet zone, a subdomain whose DS the apply publishes in it, and a zone being turned off. */
const lines = stackLines(
  loadSettings({
    domainName: "shop.example.org",
    zones: [
      { domainName: "example.net", hostedZoneId: PARENT },
      { domainName: "team.example.net", parentDs: "route53-zone", parentZoneId: PARENT },
      { domainName: "old.example.com", dnssec: "disabling" },
    ],
  }),
);
const required = (variable: string | undefined) => Object.fromEntries(verifyExpectations(lines, variable).map((e) => [e.domain, e.requireSecure]));

describe("which zones the fleet verification requires secure", () => {
  it("none without the variable: every zone may wait for its DS", () => {
    expect(required(undefined)).toEqual({ "shop.example.org": false, "example.net": false, "team.example.net": false, "old.example.com": false });
    expect(required("")).toEqual(required(undefined));
  });

  it('"true": every signing zone, as before, never one being turned off', () => {
    expect(required("true")).toEqual({ "shop.example.org": true, "example.net": true, "team.example.net": true, "old.example.com": false });
  });

  it('"false" in any case means none, and "True" means every signing zone: the values users set before lists existed', () => {
    for (const value of ["false", "FALSE", " False "]) expect(required(value), value).toEqual(required(undefined));
    expect(required("True")).toEqual(required("true"));
  });

  it("a list: only the zones named, so one zone waiting for its DS at the registrar fails no other", () => {
    expect(required("shop.example.org")).toEqual({ "shop.example.org": true, "example.net": false, "team.example.net": false, "old.example.com": false });
  });

  it("a route53-zone zone inherits its enclosing zone's requirement: its DS is the apply's own, so it is secure once the parent is", () => {
    expect(required("example.net, shop.example.org")).toEqual({ "shop.example.org": true, "example.net": true, "team.example.net": true, "old.example.com": false });
    const why = verifyExpectations(lines, "example.net").find((e) => e.domain === "team.example.net")!.why;
    expect(why).toContain("example.net");
  });

  it("refuses a listed domain the settings do not verify, naming it and the fix", () => {
    expect(() => verifyExpectations(lines, "shop.example.org typo.example.org")).toThrow(VerifyExpectationError);
    expect(() => verifyExpectations(lines, "typo.example.org")).toThrow(/VERIFY_REQUIRE_SECURE lists typo\.example\.org, which is not a zone of the settings.*"true".*space or comma/);
  });

  it("prints one tab-separated line per zone for the workflow: stack, domain, dnssec, yes or no", () => {
    expect(expectationLines(verifyExpectations(lines, "true"))).toEqual([
      "zone\tshop.example.org\ton\tyes",
      "zone-example.net\texample.net\ton\tyes",
      "zone-team.example.net\tteam.example.net\ton\tyes",
      "zone-old.example.com\told.example.com\tdisabling\tno",
    ]);
  });
});
