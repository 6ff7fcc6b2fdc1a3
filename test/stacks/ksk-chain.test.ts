import { describe, expect, it } from "vitest";
import { resources, synthApp } from "../helpers/synth";

/**
 * Route 53 answers ConcurrentModification to a second DNSSEC operation on a zone while one runs,
 * so the two KSKs of a rotation must never be created, deactivated or deleted in parallel.
 */
const KSK = (name: string) => `aws_route53_key_signing_key.dnssec_${name}_signing_key`;
const dependsOn = (doc: ReturnType<typeof synthApp>["app"], name: string) =>
  (resources(doc, "aws_route53_key_signing_key")[`dnssec_${name}_signing_key`].depends_on ?? []) as string[];

describe("two KSKs of one zone", () => {
  it.each([
    ["on", [{ name: "ksk_a" }, { name: "ksk_b", publishDs: false }]],
    ["off", [{ name: "ksk_a", status: "inactive" }, { name: "ksk_b", status: "inactive" }]],
  ])("are chained in mode %s: the second waits for the first, so creation, deactivation and deletion run one at a time", (dnssec, keySigningKeys) => {
    const doc = synthApp({ dnssec, keySigningKeys }).app;
    expect(dependsOn(doc, "ksk_b")).toContain(KSK("ksk_a"));
    expect(dependsOn(doc, "ksk_a")).not.toContain(KSK("ksk_b"));
  });

  it("keeps the signing order of mode off: signing stops before either KSK goes inactive", () => {
    const doc = synthApp({ dnssec: "off", keySigningKeys: [{ name: "ksk_a", status: "inactive" }, { name: "ksk_b", status: "inactive" }] }).app;
    for (const name of ["ksk_a", "ksk_b"]) expect(dependsOn(doc, name)).toContain("aws_route53_hosted_zone_dnssec.dnssec_zone_signing");
  });
});
