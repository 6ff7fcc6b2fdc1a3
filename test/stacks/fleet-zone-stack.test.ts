import { beforeAll, describe, expect, it } from "vitest";
import type { SynthesizedStack } from "../../tools/synth/synthesize";
import type { FileTree } from "../../tools/synth/hcl-files";
import { fleetSettings, hcl, synthFleet, zoneSetting } from "./fleet-helpers";
import type { TfJson } from "../helpers/synth";

// A 3-zone fleet in another region: a new .co.uk zone, an adopted punycode zone, a referenced subdomain.
const FLEET = [
  zoneSetting("shop.example.co.uk", { soaNegativeTtl: 900 }),
  zoneSetting("xn--bcher-kva.example", { ownership: "adopt", hostedZoneId: "Z0ADOPTED0001", soaNegativeTtl: 300 }),
  zoneSetting("team.example.org", { ownership: "reference", hostedZoneId: "Z0REFERENCED01" }),
];

let stacks: SynthesizedStack[];
let files: FileTree;
const json = (id: string) => stacks.find((s) => s.name === id)?.config as TfJson;
const res = (id: string, type: string) => json(id).resource?.[type] ?? {};

beforeAll(async () => {
  ({ stacks, files } = await synthFleet(fleetSettings(FLEET, { name: "acme", region: "eu-west-1", soaNegativeTtl: 3600 })));
});

describe("FleetZoneStack in a 3-zone fleet", () => {
  it("builds one stack per zone after the primary pair, named from the domain", () => {
    expect(stacks.map((s) => s.name)).toEqual(["zone", "app", "zone-shop.example.co.uk", "zone-xn--bcher-kva.example", "zone-team.example.org"]);
  });

  it("keeps each zone in its own state key, with the fleet's region", () => {
    const body = hcl(files, "zone-team.example.org");
    expect(body).toContain('key          = "dnssec-cdktf/zone-team.example.org.tfstate"');
    expect(body).toMatch(/provider "aws" \{\n {2}region = "eu-west-1"/);
    expect(body).toContain('Stack     = "zone-team.example.org"');
  });

  it("creates a new zone, with no import block", () => {
    expect(res("zone-shop.example.co.uk", "aws_route53_zone").hosted_zone_zone).toMatchObject({ name: "shop.example.co.uk", force_destroy: false });
    expect(hcl(files, "zone-shop.example.co.uk")).not.toContain("import {");
  });

  it("adopts an existing zone through an import block to its zone resource, creating no other zone", () => {
    const body = hcl(files, "zone-xn--bcher-kva.example");
    expect(body).toContain('import {\n  id = "Z0ADOPTED0001"\n  to = aws_route53_zone.hosted_zone_zone\n}');
    expect(Object.keys(res("zone-xn--bcher-kva.example", "aws_route53_zone"))).toEqual(["hosted_zone_zone"]);
    expect(res("zone-xn--bcher-kva.example", "aws_route53_zone").hosted_zone_zone.force_destroy).toBe(false);
    expect(res("zone-xn--bcher-kva.example", "aws_route53_record").hosted_zone_soa.records).toEqual([
      "${aws_route53_zone.hosted_zone_zone.primary_name_server}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 300",
    ]);
  });

  it("warns at synth of the adopted zone's stack what owning it means", () => {
    const warnings = stacks.find((s) => s.name === "zone-xn--bcher-kva.example")?.warnings ?? [];
    expect(warnings.some((w) => w.startsWith("The hosted zone xn--bcher-kva.example (Z0ADOPTED0001) is adopted: its stack now owns the zone."))).toBe(true);
    expect(stacks.find((s) => s.name === "zone-shop.example.co.uk")?.warnings).toEqual([]);
  });

  it("only reads a referenced zone: a data source by id, no zone resource, no record in it, signing by the given id", () => {
    const id = "zone-team.example.org";
    expect(res(id, "aws_route53_zone")).toEqual({});
    expect(res(id, "aws_route53_record")).toEqual({});
    expect(json(id).data?.aws_route53_zone.hosted_zone_zone.zone_id).toBe("Z0REFERENCED01");
    expect(res(id, "aws_route53_hosted_zone_dnssec").dnssec_zone_signing).toMatchObject({ hosted_zone_id: "Z0REFERENCED01", signing_status: "SIGNING" });
    expect(res(id, "aws_route53_key_signing_key").dnssec_ksk_1_signing_key.hosted_zone_id).toBe("Z0REFERENCED01");
  });

  it("reminds that a referenced zone's SOA minimum is its owner's to lower", () => {
    expect(stacks.find((s) => s.name === "zone-team.example.org")?.warnings).toEqual([
      "The zone team.example.org is referenced, so its SOA is its owner's; make sure its SOA minimum (negative-caching TTL) is 3600s or less where the zone is managed before enabling DNSSEC (README, go-live runbook step 1).",
    ]);
  });

  it("signs every zone with a KMS key in us-east-1 whose alias carries the domain", () => {
    const aliases = ["zone-shop.example.co.uk", "zone-xn--bcher-kva.example", "zone-team.example.org"].map((id) => {
      expect(res(id, "aws_kms_key").dnssec_ksk_1_kms_key).toMatchObject({ provider: "aws.us_east_1", customer_master_key_spec: "ECC_NIST_P256" });
      return res(id, "aws_kms_alias").dnssec_ksk_1_alias.name;
    });
    expect(aliases).toEqual(["alias/acme-dnssec-shop_example_co_uk-ksk_1", "alias/acme-dnssec-xn--bcher-kva_example-ksk_1", "alias/acme-dnssec-team_example_org-ksk_1"]);
    expect(res("app", "aws_kms_alias").dnssec_ksk_1_alias.name).toBe("alias/acme-dnssec-ksk_1");
  });

  it("names each zone's alarms after its domain and sends them to the app stack's one topic, creating no topic", () => {
    const names = new Set<unknown>();
    for (const id of ["zone-shop.example.co.uk", "zone-team.example.org"]) {
      expect(res(id, "aws_sns_topic")).toEqual({});
      for (const alarm of Object.values(res(id, "aws_cloudwatch_metric_alarm"))) {
        names.add(alarm.alarm_name);
        expect(alarm.provider).toBe("aws.us_east_1");
        expect(alarm.alarm_actions).toEqual(["arn:${data.aws_partition.partition.partition}:sns:us-east-1:${data.aws_caller_identity.account.account_id}:acme-dnssec-alarms"]);
      }
    }
    expect([...names].sort()).toEqual([
      "acme-shop.example.co.uk-DNSSECInternalFailure",
      "acme-shop.example.co.uk-DNSSECKeySigningKeysNeedingAction",
      "acme-team.example.org-DNSSECInternalFailure",
      "acme-team.example.org-DNSSECKeySigningKeysNeedingAction",
    ]);
    expect(res("app", "aws_sns_topic").dnssec_alarms_topic.name).toBe("acme-dnssec-alarms");
    expect(json("zone-team.example.org").data?.aws_caller_identity.account.provider).toBe("aws.us_east_1");
  });

  it("outputs what the app stack outputs for its zone's DNSSEC, plus the zone id and name servers", () => {
    const outputs = Object.keys(json("zone-team.example.org").output ?? {}).sort();
    expect(outputs).toEqual([
      "digest_algorithm",
      "dnskey_record",
      "dnssec_alarm_topic_arn",
      "ds_record",
      "ds_record_rr",
      "flag",
      "key_tag",
      "ksk_ksk_1",
      "name_servers",
      "public_key",
      "registrar_instructions",
      "signing_algorithm",
      "zone_id",
    ]);
    const out = json("zone-team.example.org").output ?? {};
    expect(out.zone_id.value).toBe("Z0REFERENCED01");
    expect(out.name_servers.value).toBe("${data.aws_route53_zone.hosted_zone_zone.name_servers}");
    expect(String(out.registrar_instructions.value)).toContain("In the parent zone example.org of team.example.org");
    expect(String(json("zone-shop.example.co.uk").output?.registrar_instructions.value)).toContain("In the parent zone example.co.uk of shop.example.co.uk");
  });

  it("reads no other stack's state", () => {
    for (const id of ["zone-shop.example.co.uk", "zone-xn--bcher-kva.example", "zone-team.example.org"]) {
      expect(json(id).data?.terraform_remote_state).toBeUndefined();
    }
  });
});

describe("FleetZoneStack for an existing delegated subdomain", () => {
  // A live subdomain already has its NS record set in its parent, and maybe a reusable delegation set.
  const existing = (ownership: "adopt" | "reference", domainName: string) =>
    zoneSetting(domainName, {
      ownership,
      hostedZoneId: ownership === "adopt" ? "Z0AAAAAAAAAAAAAAAAAA1" : "Z0CCCCCCCCCCCCCCCCCC3",
      parentDs: "route53-zone",
      parentZoneId: "Z0BBBBBBBBBBBBBBBBBB2",
      delegateFromParent: true,
    });
  let fleet: SynthesizedStack[];
  const records = (id: string) => ((fleet.find((s) => s.name === id)?.config as TfJson).resource?.aws_route53_record ?? {}) as Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    ({ stacks: fleet } = await synthFleet(
      fleetSettings([existing("adopt", "eu.example.com"), existing("reference", "apac.example.com"), zoneSetting("new.example.com", { parentDs: "route53-zone", parentZoneId: "Z0BBBBBBBBBBBBBBBBBB2", delegateFromParent: true })]),
    ));
  });

  it("writes an adopted or referenced zone's NS delegation over the one its parent holds, and creates its DS", () => {
    for (const id of ["zone-eu.example.com", "zone-apac.example.com"]) {
      expect(records(id).dnssec_parent_ds_ns_delegation, id).toMatchObject({ zone_id: "Z0BBBBBBBBBBBBBBBBBB2", type: "NS", allow_overwrite: true });
      expect(records(id).dnssec_parent_ds_ds_record.allow_overwrite, id).toBeUndefined();
    }
  });

  it("creates a new zone's NS delegation as before, without overwriting", () => {
    expect(records("zone-new.example.com").dnssec_parent_ds_ns_delegation.allow_overwrite).toBeUndefined();
  });

  it("ignores an adopted zone's delegation set and comment, and leaves a new zone's lifecycle alone", () => {
    const zones = (id: string) => (fleet.find((s) => s.name === id)?.config as TfJson).resource?.aws_route53_zone ?? {};
    expect(zones("zone-eu.example.com").hosted_zone_zone.lifecycle).toEqual({ ignore_changes: ["comment", "delegation_set_id"] });
    expect(zones("zone-new.example.com").hosted_zone_zone.lifecycle).toBeUndefined();
  });
});
