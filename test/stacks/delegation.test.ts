import { describe, expect, it } from "vitest";
import { resources, synthApp } from "../helpers/synth";

/**
 * The NS delegation in the parent zone is what makes a subdomain resolve at all; it must outlive
 * every DNSSEC mode, including the steps of "Turning DNSSEC off safely".
 */
const NS = "dnssec_parent_ds_ns_delegation";
const DELEGATED = { domainName: "app.example.org", parentZoneId: "Z0PARENT", delegateFromParent: true };

describe("the NS delegation of a subdomain", () => {
  it.each([
    ["on, with the DS in the parent zone", { parentDs: "route53-zone", dnssec: "on" }],
    ["disabling (disable step 1), with the DS in the parent zone", { parentDs: "route53-zone", dnssec: "disabling" }],
    ["disabling, with a manual DS", { parentDs: "manual", dnssec: "disabling" }],
    ["off (disable step 3), with a manual DS", { parentDs: "manual", dnssec: "off" }],
  ])("stays at its address while DNSSEC is %s", (_what, mode) => {
    const doc = synthApp({ ...DELEGATED, ...mode }).app;
    expect(resources(doc, "aws_route53_record")[NS]).toMatchObject({ zone_id: "Z0PARENT", name: "app.example.org", type: "NS", ttl: 3600 });
  });

  it("withdraws the DS but keeps the delegation while disabling", () => {
    const doc = synthApp({ ...DELEGATED, parentDs: "route53-zone", dnssec: "disabling" }).app;
    expect(resources(doc, "aws_route53_record").dnssec_parent_ds_ds_record).toBeUndefined();
  });

  it("is not created unless asked for", () => {
    const doc = synthApp({ domainName: "app.example.org", parentDs: "route53-zone", parentZoneId: "Z0PARENT" }).app;
    expect(resources(doc, "aws_route53_record")[NS]).toBeUndefined();
  });

  it("refuses delegateFromParent without parentZoneId, naming both settings", () => {
    expect(() => synthApp({ domainName: "app.example.org", delegateFromParent: true })).toThrow(
      'Setting "delegateFromParent" is true but Setting "parentZoneId" is not set; set it to the id of the parent\'s hosted zone, or set delegateFromParent to false.',
    );
  });
});
