import { describe, expect, it } from "vitest";
import { TerraformOutput } from "cdktf";
import { ExistingHostedZone, ExistingHostedZoneProps } from "../../modules/existing-hosted-zone";
import { moduleStack, only, synthStack } from "../helpers/synth";

function build(props: ExistingHostedZoneProps) {
  const { stack } = moduleStack();
  const zone = new ExistingHostedZone(stack, "hosted_zone", props);
  return { zone, doc: synthStack(stack) };
}

describe("ExistingHostedZone", () => {
  it("reads the zone by id and creates nothing", () => {
    const { doc } = build({ domainName: "Team.Example.org.", hostedZoneId: "Z0REF456" });
    expect(doc.resource).toBeUndefined();
    expect(doc.import).toBeUndefined();
    expect(only({ resource: doc.data }, "aws_route53_zone").zone_id).toBe("Z0REF456");
  });

  it("gives the id as written and the name servers and SOA server as the zone reports them", () => {
    const { stack } = moduleStack();
    const zone = new ExistingHostedZone(stack, "hosted_zone", { domainName: "Team.Example.org.", hostedZoneId: "Z0REF456" });
    new TerraformOutput(stack, "primary", { value: zone.primaryNameServer });
    new TerraformOutput(stack, "servers", { value: zone.nameServers });
    const doc = synthStack(stack);
    expect(zone.domainName).toBe("team.example.org");
    expect(zone.zoneId).toBe("Z0REF456");
    expect(doc.output?.primary.value).toMatch(/^\$\{data\.aws_route53_zone\.[A-Za-z0-9_]+\.primary_name_server\}$/);
    expect(doc.output?.servers.value).toMatch(/^\$\{data\.aws_route53_zone\.[A-Za-z0-9_]+\.name_servers\}$/);
  });

  it("fails the plan unless the id names this public zone", () => {
    const { doc } = build({ domainName: "team.example.org", hostedZoneId: "Z0REF456" });
    const lifecycle = only({ resource: doc.data }, "aws_route53_zone").lifecycle as { postcondition: { condition: string }[] };
    expect(lifecycle.postcondition[0].condition).toBe('${self.name == "team.example.org" && !self.private_zone}');
  });

  it("refuses soaNegativeTtl: a referenced zone's SOA belongs to its owner", () => {
    expect(() => build({ domainName: "team.example.org", hostedZoneId: "Z0REF456", soaNegativeTtl: 300 })).toThrow(
      "ExistingHostedZone soaNegativeTtl is 300 for the referenced zone team.example.org, but a referenced zone's SOA belongs to its owner; lower the SOA minimum where the zone is managed and leave soaNegativeTtl out, or adopt the zone (adopt: true) to manage its SOA here.",
    );
  });

  it("refuses an id that is not a hosted zone id", () => {
    expect(() => build({ domainName: "team.example.org", hostedZoneId: "zone-1" })).toThrow(/ExistingHostedZone hostedZoneId must be a Route 53 hosted zone id/);
  });
});
