import { describe, expect, it } from "vitest";
import { HostedZone, HostedZoneProps } from "../../modules/hosted-zone";
import { dataSources, moduleStack, only, resources, synthApp, synthStack, TfJson } from "../helpers/synth";

function build(props: HostedZoneProps): { zone: HostedZone; doc: TfJson } {
  const { stack } = moduleStack();
  const zone = new HostedZone(stack, "hosted_zone", props);
  return { zone, doc: synthStack(stack) };
}

describe("HostedZone", () => {
  it("creates a public zone for the domain name, with a comment", () => {
    const zone = only(build({ domainName: "example.com" }).doc, "aws_route53_zone");
    expect(zone.name).toBe("example.com");
    expect(zone.comment).toBe("Managed by dnssec-cdktf");
    expect(zone.vpc).toBeUndefined();
    expect(only(build({ domainName: "example.com", comment: "Shop" }).doc, "aws_route53_zone").comment).toBe("Shop");
  });

  it("normalises the name the way Route 53 stores it: lower case, no trailing dot", () => {
    const { zone, doc } = build({ domainName: "Shop.Example.COM." });
    expect(zone.domainName).toBe("shop.example.com");
    expect(only(doc, "aws_route53_zone").name).toBe("shop.example.com");
  });

  it("never force-destroys records it did not create", () => {
    expect(only(build({ domainName: "example.com" }).doc, "aws_route53_zone").force_destroy).toBe(false);
  });

  it("leaves Route 53's SOA alone by default", () => {
    const { zone, doc } = build({ domainName: "example.com" });
    expect(zone.soa).toBeUndefined();
    expect(resources(doc, "aws_route53_record")).toEqual({});
  });

  it("overwrites the SOA with the negative-caching TTL as its last field, keeping Route 53's server and timers", () => {
    const { doc } = build({ domainName: "Example.com.", soaNegativeTtl: 300 });
    const zoneName = Object.keys(resources(doc, "aws_route53_zone"))[0];
    const soa = only(doc, "aws_route53_record");
    expect(soa).toMatchObject({
      zone_id: `\${aws_route53_zone.${zoneName}.zone_id}`,
      name: "example.com",
      type: "SOA",
      allow_overwrite: true,
    });
    const records = soa.records as string[];
    expect(records).toHaveLength(1);
    const fields = records[0].split(" ");
    expect(fields).toHaveLength(7);
    expect(fields[0]).toBe(`\${aws_route53_zone.${zoneName}.primary_name_server}.`);
    expect(fields[1]).toBe("awsdns-hostmaster.amazon.com.");
    expect(fields.slice(2, 6)).toEqual(["1", "7200", "900", "1209600"]);
    expect(fields[6]).toBe("300");
  });

  it("accepts a negative-caching TTL of 0", () => {
    const soa = only(build({ domainName: "example.com", soaNegativeTtl: 0 }).doc, "aws_route53_record");
    expect((soa.records as string[])[0].split(" ").pop()).toBe("0");
  });

  it("throws when the domain name has an invalid label", () => {
    expect(() => build({ domainName: "exa_mple.com" })).toThrow(
      'HostedZone domainName has the label "exa_mple"; labels may only hold letters, digits and hyphens, got: "exa_mple.com"; use a name such as "example.com" (a trailing dot is optional).',
    );
  });

  it("throws when the domain name has a single label", () => {
    expect(() => build({ domainName: "localhost" })).toThrow(
      'HostedZone domainName must have at least two labels, such as example.com, got: "localhost"; use a name such as "example.com" (a trailing dot is optional).',
    );
  });

  it("throws when the negative-caching TTL is out of range", () => {
    expect(() => build({ domainName: "example.com", soaNegativeTtl: 604801 })).toThrow(
      "HostedZone soaNegativeTtl must be a whole number of seconds between 0 and 604800, got: 604801.",
    );
    expect(() => build({ domainName: "example.com", soaNegativeTtl: -1 })).toThrow(
      "HostedZone soaNegativeTtl must be a whole number of seconds between 0 and 604800, got: -1.",
    );
  });
});

describe("HostedZone adopting an existing zone", () => {
  const adopt = (domainName = "shop.example.co.uk", adoptZoneId = "Z0ADOPT123") => {
    const { stack } = moduleStack();
    const zone = new HostedZone(stack, "hosted_zone", { domainName, adoptZoneId });
    const doc = synthStack(stack);
    return { zone, doc, stack };
  };

  it("imports the zone by id into the zone resource, creating no other zone, and never force-destroys it", () => {
    const { doc, zone } = adopt();
    const name = Object.keys(resources(doc, "aws_route53_zone"))[0];
    expect(doc.import).toEqual([{ id: "Z0ADOPT123", to: `aws_route53_zone.${name}` }]);
    expect(only(doc, "aws_route53_zone")).toMatchObject({ name: "shop.example.co.uk", force_destroy: false });
    expect(zone.adoptedZoneId).toBe("Z0ADOPT123");
  });

  it("keeps the comment the zone's owner gave it and its reusable delegation set, whose change would replace the zone", () => {
    expect(only(adopt("eu.example.net", "Z0DELEGSET42").doc, "aws_route53_zone").lifecycle).toEqual({ ignore_changes: ["comment", "delegation_set_id"] });
  });

  it("warns, when it sets the negative-caching TTL, that the adopted zone's SOA gets Route 53's default fields", () => {
    const { stack } = moduleStack();
    new HostedZone(stack, "hosted_zone", { domainName: "Static.Example.ORG.", adoptZoneId: "Z0SOA7", soaNegativeTtl: 600 });
    const annotations = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string));
    expect(annotations).toHaveLength(2);
    expect(annotations[1]).toBe(
      "soaNegativeTtl 600 rewrites the whole SOA of the adopted zone static.example.org (Z0SOA7), not only its minimum: contact awsdns-hostmaster.amazon.com., serial 1, refresh 7200, retry 900, expire 1209600 and TTL 900 are Route 53's defaults, and any other values the zone's SOA holds are lost; leave soaNegativeTtl out and lower the minimum where the SOA was edited if they must stay.",
    );
  });

  it("fails the plan unless the adopted id names this public zone", () => {
    const check = only({ resource: adopt().doc.data }, "aws_route53_zone");
    expect(check.zone_id).toBe("Z0ADOPT123");
    const [condition] = (check.lifecycle as { postcondition: { condition: string; error_message: string }[] }).postcondition;
    expect(condition.condition).toBe('${self.name == "shop.example.co.uk" && !self.private_zone}');
    expect(condition.error_message).toContain("not the public zone shop.example.co.uk; correct hostedZoneId or domainName");
  });

  it("warns at synth what owning the zone means: force_destroy, records it does not manage, and removal", () => {
    const { stack, doc } = adopt("xn--bcher-kva.example", "Z0PUNY");
    const address = `aws_route53_zone.${Object.keys(resources(doc, "aws_route53_zone"))[0]}`;
    const annotations = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string));
    expect(annotations).toEqual([
      "The hosted zone xn--bcher-kva.example (Z0PUNY) is adopted: its stack now owns the zone. The import sets force_destroy to false and adds the default tags; the zone's comment and reusable delegation set are kept (ignored), and its SOA is left as it is unless soaNegativeTtl is set. Records in it that this tool does not manage stay untouched, " +
        `so destroying the stack fails while such records exist (and deletes the zone when none do); removing the zone from the settings, or setting adopt to false, plans that destroy, so first hand the zone back with terraform state rm ${address} in its stack (README, Removing a zone from the fleet).`,
    ]);
  });

  it("creates no import block and no check for a new zone", () => {
    const doc = build({ domainName: "example.com" }).doc;
    expect(doc.import).toBeUndefined();
    expect(dataSources(doc, "aws_route53_zone")).toEqual({});
    expect(only(doc, "aws_route53_zone").lifecycle).toBeUndefined();
  });

  it("throws when the adopted id is not a hosted zone id", () => {
    expect(() => build({ domainName: "example.com", adoptZoneId: "/hostedzone/Z123" })).toThrow(
      'HostedZone adoptZoneId must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ", got: "/hostedzone/Z123"; copy it from the console or from aws route53 list-hosted-zones-by-name.',
    );
  });
});

describe("HostedZone in the zone stack", () => {
  it("holds the normalised domain setting and, with soaNegativeTtl, the SOA override", () => {
    const { zone, app } = synthApp({ domainName: "Shop.Example.com.", soaNegativeTtl: 300 });
    expect(only(zone, "aws_route53_zone").name).toBe("shop.example.com");
    const soa = only(zone, "aws_route53_record");
    expect(soa.type).toBe("SOA");
    expect((soa.records as string[])[0].endsWith(" 300")).toBe(true);
    expect(resources(app, "aws_route53_zone")).toEqual({});
  });
});
