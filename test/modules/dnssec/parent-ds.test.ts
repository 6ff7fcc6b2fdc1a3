import { describe, expect, it } from "vitest";
import { DnssecSigning, DnssecSigningProps } from "../../../modules/dnssec";
import { moduleStack, resources, synthStack } from "../../helpers/synth";

function signing(overrides: Partial<DnssecSigningProps>) {
  const ctx = moduleStack();
  new DnssecSigning(ctx.stack, "dnssec", { hostedZoneId: "Z123", zoneName: "app.example.com", usEast1: ctx.usEast1, alarms: false, ...overrides });
  return synthStack(ctx.stack);
}

const kskRef = (doc: ReturnType<typeof synthStack>, name: string) => {
  const [id] = Object.entries(resources(doc, "aws_route53_key_signing_key")).find(([, k]) => k.name === name)!;
  return `aws_route53_key_signing_key.${id}`;
};

describe("ParentDs in a Route 53 parent zone", () => {
  it("creates one DS record set in the parent from the published KSKs' ds_record", () => {
    const doc = signing({ parentDs: { kind: "route53-zone", parentZoneId: "ZPARENT" }, dsTtl: 600 });
    const records = Object.values(resources(doc, "aws_route53_record"));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ zone_id: "ZPARENT", name: "app.example.com", type: "DS", ttl: 600 });
    expect(records[0].records).toEqual([`\${${kskRef(doc, "ksk_1")}.ds_record}`]);
  });

  it("orders the DS after zone signing and after its KSK", () => {
    const doc = signing({ parentDs: { kind: "route53-zone", parentZoneId: "ZPARENT" } });
    const zoneId = Object.keys(resources(doc, "aws_route53_hosted_zone_dnssec"))[0];
    const ds = Object.values(resources(doc, "aws_route53_record"))[0];
    expect(ds.depends_on).toEqual([`aws_route53_hosted_zone_dnssec.${zoneId}`, kskRef(doc, "ksk_1")]);
  });

  it("publishes only the KSKs whose DS is published, from the right KSK", () => {
    const doc = signing({
      parentDs: { kind: "route53-zone", parentZoneId: "ZPARENT" },
      keySigningKeys: [
        { name: "ksk_old", publishDs: false },
        { name: "ksk_new", publishDs: true },
      ],
    });
    const ds = Object.values(resources(doc, "aws_route53_record"))[0];
    expect(ds.records).toEqual([`\${${kskRef(doc, "ksk_new")}.ds_record}`]);
  });

  it("creates the DS after the NS delegation when both are managed", () => {
    const doc = signing({
      parentDs: { kind: "route53-zone", parentZoneId: "ZPARENT" },
      delegation: { parentZoneId: "ZPARENT", nameServers: ["ns-1.example.net"] },
    });
    const records = resources(doc, "aws_route53_record");
    const [nsId] = Object.entries(records).find(([, r]) => r.type === "NS")!;
    const ds = Object.values(records).find((r) => r.type === "DS")!;
    expect(ds.depends_on).toContain(`aws_route53_record.${nsId}`);
  });

  it("creates the NS delegation when asked", () => {
    const doc = signing({
      parentDs: { kind: "route53-zone", parentZoneId: "ZPARENT" },
      delegation: { parentZoneId: "ZPARENT", nameServers: ["ns-1.example.net", "ns-2.example.org"] },
    });
    const ns = Object.values(resources(doc, "aws_route53_record")).find((r) => r.type === "NS");
    expect(ns).toMatchObject({ zone_id: "ZPARENT", name: "app.example.com", records: ["ns-1.example.net", "ns-2.example.org"] });
  });

  it("creates a new zone's NS delegation without overwriting, so a record already there fails the apply", () => {
    const doc = signing({ zoneName: "new.example.net", delegation: { parentZoneId: "ZPARENTNET", nameServers: ["ns-7.example.org"] } });
    const ns = Object.values(resources(doc, "aws_route53_record")).find((r) => r.type === "NS")!;
    expect(ns.allow_overwrite).toBeUndefined();
  });

  it("overwrites an existing zone's NS delegation, which its parent already holds, but never its DS", () => {
    const doc = signing({
      zoneName: "eu.example.com",
      parentDs: { kind: "route53-zone", parentZoneId: "Z0BBBBBBBBBBBBBBBBBB2" },
      delegation: { parentZoneId: "Z0BBBBBBBBBBBBBBBBBB2", nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"], existingZone: true },
    });
    const records = Object.values(resources(doc, "aws_route53_record"));
    expect(records.find((r) => r.type === "NS")).toMatchObject({ zone_id: "Z0BBBBBBBBBBBBBBBBBB2", name: "eu.example.com", allow_overwrite: true });
    expect(records.find((r) => r.type === "DS")!.allow_overwrite).toBeUndefined();
  });

  it("keeps the NS delegation in every mode, with or without a DS target", () => {
    for (const mode of ["on", "disabling", "off"] as const) {
      const doc = signing({ mode, delegation: { parentZoneId: "ZPARENT", nameServers: ["ns-1.example.net"] } });
      const records = Object.values(resources(doc, "aws_route53_record"));
      expect(records.map((r) => r.type), mode).toEqual(["NS"]);
    }
  });

  it("refuses a delegation in another parent zone than the DS", () => {
    expect(() =>
      signing({ parentDs: { kind: "route53-zone", parentZoneId: "ZPARENT" }, delegation: { parentZoneId: "ZOTHER", nameServers: ["ns-1.example.net"] } }),
    ).toThrow('ParentDs delegation.parentZoneId "ZOTHER" differs from target.parentZoneId "ZPARENT"');
  });

  it("withdraws the DS while disabling, keeping signing on", () => {
    const doc = signing({ mode: "disabling", parentDs: { kind: "route53-zone", parentZoneId: "ZPARENT" } });
    expect(Object.values(resources(doc, "aws_route53_record")).filter((r) => r.type === "DS")).toEqual([]);
    expect(Object.values(resources(doc, "aws_route53_hosted_zone_dnssec"))[0].signing_status).toBe("SIGNING");
    expect(Object.values(resources(doc, "aws_route53_key_signing_key"))[0].status).toBe("ACTIVE");
  });
});

describe("ParentDs at Route 53 Domains", () => {
  it("creates one delegation signer record per published KSK on us-east-1 from the KSK's signing attributes", () => {
    const ctx = moduleStack();
    new DnssecSigning(ctx.stack, "dnssec", {
      hostedZoneId: "Z123",
      zoneName: "example.com",
      usEast1: ctx.usEast1,
      alarms: false,
      parentDs: { kind: "route53-domains", provider: ctx.usEast1 },
      keySigningKeys: [{ name: "ksk_a" }, { name: "ksk_b", publishDs: false }],
    });
    const doc = synthStack(ctx.stack);
    const records = Object.values(resources(doc, "aws_route53domains_delegation_signer_record"));
    expect(records).toHaveLength(1);
    const ref = kskRef(doc, "ksk_a");
    expect(records[0]).toMatchObject({
      provider: "aws.us_east_1",
      domain_name: "example.com",
      signing_attributes: [{ algorithm: `\${${ref}.signing_algorithm_type}`, flags: `\${${ref}.flag}`, public_key: `\${${ref}.public_key}` }],
    });
    // Read-back of partial registry data must not replace the DS; a new key must. The trigger is
    // the KSK's public key, which changes only with the key: a planned update of the KSK (a
    // drifted ACTION_NEEDED status set back to ACTIVE) must not withdraw and re-add the DS.
    expect(records[0].lifecycle).toEqual({ ignore_changes: ["signing_attributes"], replace_triggered_by: [`${"$"}{${ref}.public_key}`] });
    expect(records[0].depends_on).toContain(ref);
  });

  it("refuses Route 53 Domains for a subdomain, whose DS belongs in its parent zone", () => {
    const ctx = moduleStack();
    expect(
      () => new DnssecSigning(ctx.stack, "dnssec", { hostedZoneId: "Z123", zoneName: "app.example.com", usEast1: ctx.usEast1, parentDs: { kind: "route53-domains", provider: ctx.usEast1 } }),
    ).toThrow(/^ParentDs target.kind is "route53-domains" but the domain "app.example.com" is not a registrable domain/);
  });

  it("refuses a Route 53 Domains provider outside us-east-1", () => {
    const ctx = moduleStack();
    expect(
      () =>
        new DnssecSigning(ctx.stack, "dnssec", {
          hostedZoneId: "Z123",
          zoneName: "example.com",
          usEast1: ctx.usEast1,
          parentDs: { kind: "route53-domains", provider: ctx.provider },
        }),
    ).toThrow('ParentDs: target.provider must be an AWS provider for us-east-1 (the Route 53 Domains API exists only in us-east-1), got one for "us-east-2"; pass the aliased us-east-1 provider.');
  });
});
