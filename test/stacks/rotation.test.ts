import { describe, expect, it } from "vitest";
import { resources, synthApp, TfJson } from "../helpers/synth";

/** The README's rotation runbook as configuration, one context per step (steps 3 and 5 are waits). */
const STEPS: [string, Record<string, unknown>[]][] = [
  ["0 before: one KSK", [{ name: "ksk_1" }]],
  ["1 add a new KSK", [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false }]],
  ["2 publish its DS", [{ name: "ksk_1" }, { name: "ksk_2" }]],
  ["4 withdraw the old DS", [{ name: "ksk_1", publishDs: false }, { name: "ksk_2" }]],
  ["6 deactivate the old KSK", [{ name: "ksk_1", status: "inactive" }, { name: "ksk_2" }]],
  ["7 remove it", [{ name: "ksk_2" }]],
];
const PARENT = { parentDs: "route53-zone", parentZoneId: "Z0PARENT" };
const docs = STEPS.map(([, keySigningKeys]) => synthApp({ ...PARENT, keySigningKeys }).app);

const KSK_TYPES = ["aws_kms_key", "aws_kms_key_policy", "aws_kms_alias", "aws_route53_key_signing_key"];
/** Every resource that belongs to one KSK, by address. */
function kskResources(doc: TfJson, name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of KSK_TYPES) {
    for (const [id, body] of Object.entries(resources(doc, type))) {
      if (id.startsWith(`dnssec_${name}_`)) out[`${type}.${id}`] = { ...body, "//": undefined };
    }
  }
  return out;
}
const status = (doc: TfJson, name: string) => resources(doc, "aws_route53_key_signing_key")[`dnssec_${name}_signing_key`]?.status;
const dsRecords = (doc: TfJson) => resources(doc, "aws_route53_record").dnssec_parent_ds_ds_record?.records;
const ds = (name: string) => `\${aws_route53_key_signing_key.dnssec_${name}_signing_key.ds_record}`;

describe("KSK rotation, step by step", () => {
  it("keeps the unchanged KSK's addresses and configuration identical from each step to the next", () => {
    // ksk_2 is untouched from step 2 on except by its own DS; ksk_1 until step 4.
    expect(kskResources(docs[1], "ksk_1")).toEqual(kskResources(docs[0], "ksk_1"));
    expect(kskResources(docs[2], "ksk_1")).toEqual(kskResources(docs[1], "ksk_1"));
    expect(kskResources(docs[2], "ksk_2")).toEqual(kskResources(docs[1], "ksk_2"));
    expect(kskResources(docs[3], "ksk_2")).toEqual(kskResources(docs[2], "ksk_2"));
    expect(kskResources(docs[4], "ksk_2")).toEqual(kskResources(docs[3], "ksk_2"));
    // Step 7 removes ksk_1, so ksk_2 no longer waits for it (the KSK chain): depends_on only orders
    // an apply and is no attribute of the resource, so dropping it changes nothing in AWS.
    const unchained = (doc: TfJson) => {
      const all = kskResources(doc, "ksk_2");
      const { depends_on: _order, ...ksk } = all["aws_route53_key_signing_key.dnssec_ksk_2_signing_key"] as Record<string, unknown>;
      return { ...all, "aws_route53_key_signing_key.dnssec_ksk_2_signing_key": ksk };
    };
    expect(unchained(docs[5])).toEqual(unchained(docs[4]));
    expect(Object.keys(kskResources(docs[0], "ksk_1"))).toEqual([
      "aws_kms_key.dnssec_ksk_1_kms_key",
      "aws_kms_key_policy.dnssec_ksk_1_key_policy",
      "aws_kms_alias.dnssec_ksk_1_alias",
      "aws_route53_key_signing_key.dnssec_ksk_1_signing_key",
    ]);
  });

  it("step 1 adds the new KSK, active, with its own key, and publishes only the old DS", () => {
    expect(status(docs[1], "ksk_2")).toBe("ACTIVE");
    expect(Object.keys(kskResources(docs[1], "ksk_2"))).toHaveLength(4);
    expect(dsRecords(docs[1])).toEqual([ds("ksk_1")]);
  });

  it("step 2 publishes both DS in the parent's one DS record set", () => {
    expect(dsRecords(docs[2])).toEqual([ds("ksk_1"), ds("ksk_2")]);
  });

  it("step 4 withdraws the old DS and keeps the old KSK active", () => {
    expect(dsRecords(docs[3])).toEqual([ds("ksk_2")]);
    expect(status(docs[3], "ksk_1")).toBe("ACTIVE");
  });

  it("step 6 deactivates the old KSK, keeping its key", () => {
    expect(status(docs[4], "ksk_1")).toBe("INACTIVE");
    expect(resources(docs[4], "aws_kms_key").dnssec_ksk_1_kms_key).toBeDefined();
    expect(dsRecords(docs[4])).toEqual([ds("ksk_2")]);
  });

  it("step 7 removes the old KSK and its key, policy and alias", () => {
    expect(kskResources(docs[5], "ksk_1")).toEqual({});
    expect(dsRecords(docs[5])).toEqual([ds("ksk_2")]);
  });

  it("keeps the DS record set and zone signing at the same addresses through every step", () => {
    for (const doc of docs) {
      expect(resources(doc, "aws_route53_record").dnssec_parent_ds_ds_record).toBeDefined();
      expect(resources(doc, "aws_route53_hosted_zone_dnssec").dnssec_zone_signing.signing_status).toBe("SIGNING");
    }
  });

  it("never lets a DS precede the activation of its KSK", () => {
    for (const doc of docs) {
      const record = resources(doc, "aws_route53_record").dnssec_parent_ds_ds_record;
      const published = (record.records as string[]).map((r) => r.replace(/^\$\{(.*)\.ds_record\}$/, "$1"));
      expect(record.depends_on).toEqual(["aws_route53_hosted_zone_dnssec.dnssec_zone_signing", ...published]);
    }
  });

  it("changes the ds_record output whenever the published DS set changes", () => {
    const outputs = docs.map((d) => JSON.stringify(d.output!.ds_record.value));
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).not.toBe(outputs[1]);
    expect(outputs[3]).not.toBe(outputs[2]);
  });
});

describe("Route 53 Domains DS during a rotation", () => {
  it("keeps one registrar DS per published KSK, addressed by KSK name", () => {
    const step2 = synthApp({ parentDs: "route53-domains", keySigningKeys: STEPS[2][1] }).app;
    expect(Object.keys(resources(step2, "aws_route53domains_delegation_signer_record"))).toEqual(["dnssec_parent_ds_ksk_1", "dnssec_parent_ds_ksk_2"]);
    const step4 = synthApp({ parentDs: "route53-domains", keySigningKeys: STEPS[3][1] }).app;
    expect(Object.keys(resources(step4, "aws_route53domains_delegation_signer_record"))).toEqual(["dnssec_parent_ds_ksk_2"]);
    expect(resources(step4, "aws_route53domains_delegation_signer_record").dnssec_parent_ds_ksk_2.provider).toBe("aws.us_east_1");
  });
});

describe("Turning DNSSEC off safely", () => {
  it("disabling withdraws the DS and keeps signing on", () => {
    const doc = synthApp({ ...PARENT, dnssec: "disabling" }).app;
    expect(resources(doc, "aws_route53_record").dnssec_parent_ds_ds_record).toBeUndefined();
    expect(resources(doc, "aws_route53_hosted_zone_dnssec").dnssec_zone_signing.signing_status).toBe("SIGNING");
    expect(String(doc.output!.registrar_instructions.value)).toContain("make sure the parent publishes no DS for example.com");
  });

  it("off stops signing and deactivates the KSKs, keeping the same addresses", () => {
    const doc = synthApp({ dnssec: "off" }).app;
    expect(resources(doc, "aws_route53_hosted_zone_dnssec").dnssec_zone_signing.signing_status).toBe("NOT_SIGNING");
    expect(status(doc, "ksk_1")).toBe("INACTIVE");
  });

  it("the NS delegation is created in the parent zone when asked", () => {
    const doc = synthApp({ ...PARENT, delegateFromParent: true }).app;
    expect(resources(doc, "aws_route53_record").dnssec_parent_ds_ns_delegation).toMatchObject({ zone_id: "Z0PARENT", type: "NS" });
  });
});
