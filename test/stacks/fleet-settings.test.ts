import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";
import { stackEntries } from "../../stacks/stack-ids";
import { hcl, synthFleet } from "./fleet-helpers";

// From cdktf.json-style settings to the fleet's HCL: the same path as `npm run synth`, for
// settings other than the example's (eu-west-1, a .co.uk primary, punycode and subdomain entries).
describe("a fleet declared in the settings", () => {
  it("synthesizes one stack per entry, in the order listed, after the primary pair", async () => {
    const settings = loadSettings({
      domainName: "example-shop.co.uk",
      region: "eu-west-1",
      name: "acme",
      zones: [
        { domainName: "xn--bcher-kva.example", hostedZoneId: "Z0ADOPTED0001", adopt: true },
        { domainName: "example.org", hostedZoneId: "Z0REFERENCED01" },
        { domainName: "team.example.org", parentDs: "route53-zone", parentZoneId: "Z0REFERENCED01", delegateFromParent: true },
      ],
    });
    expect(stackEntries(settings).map((e) => e.id)).toEqual(["zone", "app", "zone-xn--bcher-kva.example", "zone-example.org", "zone-team.example.org"]);
    const { files } = await synthFleet(settings);
    expect([...files.keys()].filter((f) => f.endsWith("main.tf")).sort()).toEqual(
      ["app", "zone", "zone-example.org", "zone-team.example.org", "zone-xn--bcher-kva.example"].map((s) => `${s}/main.tf`).sort(),
    );
    expect(hcl(files, "zone-xn--bcher-kva.example")).toContain('id = "Z0ADOPTED0001"');
    expect(hcl(files, "zone-example.org")).toContain('data "aws_route53_zone" "hosted_zone_zone"');
    expect(hcl(files, "zone-example.org")).not.toContain('resource "aws_route53_zone"');
    const team = hcl(files, "zone-team.example.org");
    expect(team).toContain('resource "aws_route53_zone" "hosted_zone_zone"');
    expect(team).toContain('"Z0REFERENCED01"');
    expect(team).toMatch(/key += "dnssec-cdktf\/zone-team\.example\.org\.tfstate"/);
  });
});
