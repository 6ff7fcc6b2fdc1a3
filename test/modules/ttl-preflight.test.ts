import { describe, expect, it } from "vitest";
import { Aspects, TerraformStack, Testing } from "cdktf";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { HostedZone } from "../../modules/hosted-zone";
import { MAX_SIGNED_TTL, MAX_SOA_NEGATIVE_TTL, TtlPreflight } from "../../modules/ttl-preflight";
import { loadSettings } from "../../config/settings";
import { buildStacks } from "../../stacks/build";
import { moduleStack } from "../helpers/synth";

/** Runs the aspect over a stack the way synth does, and returns its findings. */
function findings(build: (stack: TerraformStack) => void): { preflight: TtlPreflight; warnings: string[] } {
  const { stack } = moduleStack();
  build(stack);
  const preflight = new TtlPreflight();
  Aspects.of(stack).add(preflight);
  Testing.synth(stack);
  const warnings = stack.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === "@cdktf/warn")
    .map((m) => String(m.data));
  return { preflight, warnings };
}

function record(stack: TerraformStack, id: string, ttl: number | undefined, type = "TXT"): Route53Record {
  return new Route53Record(stack, id, { zoneId: "Z123", name: "example.com", type, ttl, records: ["v=1"] });
}

describe("TtlPreflight", () => {
  it("finds nothing in the app when the SOA minimum is lowered", () => {
    const app = Testing.app();
    const stacks = buildStacks(app, loadSettings({ soaNegativeTtl: 3600 }));
    app.synth();
    expect(stacks.preflight.findings).toEqual([]);
  });

  it("flags a signed zone left with Route 53's default SOA minimum", () => {
    const app = Testing.app();
    const stacks = buildStacks(app, loadSettings({}));
    app.synth();
    expect(stacks.preflight.findings).toEqual([
      "The zone example.com keeps Route 53's SOA minimum (negative-caching TTL) of 86400s, above 3600s; set soaNegativeTtl to 3600 or less before enabling DNSSEC (README, go-live runbook step 1).",
    ]);
  });

  it("does not flag Route 53's default SOA once signing is off", () => {
    const app = Testing.app();
    const stacks = buildStacks(app, loadSettings({ dnssec: "off", keySigningKeys: [{ name: "ksk_1", status: "inactive" }] }));
    app.synth();
    expect(stacks.preflight.findings).toEqual([]);
  });

  it("finds nothing for a zone with a low SOA minimum and records with short TTLs", () => {
    const { preflight, warnings } = findings((stack) => {
      new HostedZone(stack, "hosted_zone", { domainName: "example.com", soaNegativeTtl: 300 });
      record(stack, "txt", 300);
    });
    expect(preflight.findings).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("warns when a record's TTL exceeds one week", () => {
    const { preflight, warnings } = findings((stack) => record(stack, "txt", MAX_SIGNED_TTL + 1));
    expect(preflight.findings).toEqual([
      "The TXT record test/txt has TTL 604801s, above one week (604800s); signed zones cap TTLs, so lower it before enabling DNSSEC (README, go-live runbook step 1).",
    ]);
    expect(warnings).toEqual(preflight.findings);
  });

  it("accepts a TTL of exactly one week and records without a TTL", () => {
    const { preflight } = findings((stack) => {
      record(stack, "week", MAX_SIGNED_TTL);
      record(stack, "alias", undefined, "A");
    });
    expect(preflight.findings).toEqual([]);
  });

  it("warns when the SOA negative-caching TTL set through soaNegativeTtl exceeds an hour", () => {
    const { preflight } = findings((stack) => new HostedZone(stack, "hosted_zone", { domainName: "example.com", soaNegativeTtl: MAX_SOA_NEGATIVE_TTL + 1 }));
    expect(preflight.findings).toEqual([
      "The SOA minimum (negative-caching TTL) is 3601s, above 3600s; lower it before enabling DNSSEC so a mistake is not cached for long (README, go-live runbook step 1).",
    ]);
  });

  it("accepts an SOA negative-caching TTL of an hour or less", () => {
    const { preflight } = findings((stack) => new HostedZone(stack, "hosted_zone", { domainName: "example.com", soaNegativeTtl: MAX_SOA_NEGATIVE_TTL }));
    expect(preflight.findings).toEqual([]);
  });

  it("reports a large SOA TTL and a large SOA minimum separately", () => {
    const { preflight } = findings((stack) =>
      new Route53Record(stack, "soa", { zoneId: "Z123", name: "example.com", type: "SOA", ttl: 700000, records: ["ns. host. 1 7200 900 1209600 86400"] }),
    );
    expect(preflight.findings).toHaveLength(2);
    expect(preflight.findings[0]).toContain("has TTL 700000s");
    expect(preflight.findings[1]).toContain("is 86400s");
  });
});
