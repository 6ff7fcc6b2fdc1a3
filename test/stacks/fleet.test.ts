/**
 * The fleet's stability: today's stacks stay byte-identical whatever the fleet holds, and a change
 * to one zone's entry plans nothing in another zone's stack.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { App } from "cdktf";
import { buildStacks } from "../../stacks/build";
import { fleetSettings, hcl, PROJECT_ROOT, synthFleet, zoneSetting } from "./fleet-helpers";

const committed = (stack: string) => readFileSync(join(PROJECT_ROOT, "terraform", stack, "main.tf"), "utf8");

const THREE = [
  zoneSetting("shop.example.co.uk", { soaNegativeTtl: 900 }),
  zoneSetting("xn--bcher-kva.example", { ownership: "adopt", hostedZoneId: "Z0ADOPTED0001" }),
  zoneSetting("team.example.org", { ownership: "reference", hostedZoneId: "Z0REFERENCED01" }),
];

describe("the fleet and today's stacks", () => {
  it("leaves terraform/zone and terraform/app byte-identical when the settings list further zones", async () => {
    const { files } = await synthFleet(fleetSettings(THREE));
    expect(files.get("zone/main.tf")).toBe(committed("zone"));
    expect(files.get("app/main.tf")).toBe(committed("app"));
  });

  it("synthesizes exactly today's two stacks without zones", async () => {
    const { files } = await synthFleet(fleetSettings([]));
    expect([...files.keys()]).toEqual([".gitignore", "zone/main.tf", "app/main.tf"]);
    expect(files.get("zone/main.tf")).toBe(committed("zone"));
    expect(files.get("app/main.tf")).toBe(committed("app"));
  });

  it("leaves the other three fleet stacks byte-identical when a fourth zone is added", async () => {
    const before = (await synthFleet(fleetSettings(THREE))).files;
    const fourth = zoneSetting("eu.shop.example.co.uk", { keySigningKeys: [{ name: "ksk_a", status: "active", publishDs: true }, { name: "ksk_b", status: "active", publishDs: false }] });
    // Added in the middle of the list: the order of entries must not matter either.
    const after = (await synthFleet(fleetSettings([THREE[0]!, fourth, THREE[1]!, THREE[2]!]))).files;
    for (const id of ["zone", "app", "zone-shop.example.co.uk", "zone-xn--bcher-kva.example", "zone-team.example.org"]) {
      expect(after.get(`${id}/main.tf`), id).toBe(before.get(`${id}/main.tf`));
    }
    expect(hcl(after, "zone-eu.shop.example.co.uk")).toContain('name          = "eu.shop.example.co.uk"');
  });

  it("leaves the other zones' stacks byte-identical when one zone's entry changes", async () => {
    const before = (await synthFleet(fleetSettings(THREE))).files;
    const changed = [THREE[0]!, { ...THREE[1]!, dnssec: "disabling" as const }, THREE[2]!];
    const after = (await synthFleet(fleetSettings(changed))).files;
    expect(after.get("zone-xn--bcher-kva.example/main.tf")).not.toBe(before.get("zone-xn--bcher-kva.example/main.tf"));
    for (const id of ["zone", "app", "zone-shop.example.co.uk", "zone-team.example.org"]) {
      expect(after.get(`${id}/main.tf`), id).toBe(before.get(`${id}/main.tf`));
    }
  });

  it("gives each fleet zone its own pre-flight, quiet for a zone that does not sign", () => {
    const settings = fleetSettings([zoneSetting("quiet.example.net", { dnssec: "off", keySigningKeys: [{ name: "ksk_1", status: "inactive", publishDs: false }] }), zoneSetting("loud.example.net")]);
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "fleet-preflight-")) });
    const built = buildStacks(app, settings);
    app.synth(); // aspects run at synth
    const [quiet, loud] = built.fleet;
    expect(quiet!.preflight.findings).toEqual([]);
    expect(loud!.preflight.findings).toEqual([
      "The zone loud.example.net keeps Route 53's SOA minimum (negative-caching TTL) of 86400s, above 3600s; set soaNegativeTtl to 3600 or less before enabling DNSSEC (README, go-live runbook step 1).",
    ]);
  });
});

describe("a subdomain delegated from a fleet zone", () => {
  it('puts the NS delegation and the DS into the parent zone with parentDs "route53-zone", the DS after the NS', async () => {
    const parent = zoneSetting("example.de", { ownership: "adopt", hostedZoneId: "Z0PARENTDE01", soaNegativeTtl: 3600 });
    const child = zoneSetting("api.example.de", { parentDs: "route53-zone", parentZoneId: "Z0PARENTDE01", delegateFromParent: true, dsTtl: 300, soaNegativeTtl: 3600 });
    const { stacks } = await synthFleet(fleetSettings([parent, child]));
    const config = stacks.find((s) => s.name === "zone-api.example.de")?.config as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const records = config.resource.aws_route53_record;
    expect(records.dnssec_parent_ds_ns_delegation).toMatchObject({
      zone_id: "Z0PARENTDE01",
      name: "api.example.de",
      type: "NS",
      ttl: 300,
      records: "${aws_route53_zone.hosted_zone_zone.name_servers}",
    });
    expect(records.dnssec_parent_ds_ds_record).toMatchObject({
      zone_id: "Z0PARENTDE01",
      name: "api.example.de",
      type: "DS",
      ttl: 300,
      records: ["${aws_route53_key_signing_key.dnssec_ksk_1_signing_key.ds_record}"],
    });
    expect(records.dnssec_parent_ds_ds_record.depends_on).toContain("aws_route53_record.dnssec_parent_ds_ns_delegation");
    const instructions = (stacks.find((s) => s.name === "zone-api.example.de")?.config as { output: Record<string, { value: unknown }> }).output.registrar_instructions.value;
    expect(instructions).toBe("The DS for api.example.de is managed in the parent hosted zone Z0PARENTDE01; nothing to do by hand.");
    // The parent's stack holds nothing of the child's: each zone's state is its own.
    const parentRecords = (stacks.find((s) => s.name === "zone-example.de")?.config as typeof config).resource.aws_route53_record;
    expect(Object.keys(parentRecords)).toEqual(["hosted_zone_soa"]);
  });
});

describe("per-zone KSK rotation", () => {
  it("rotates one zone with two KSKs while another keeps one, each zone's keys and aliases apart", async () => {
    const rotating = zoneSetting("rotating.example.com.au", {
      keySigningKeys: [
        { name: "ksk_2024", status: "active", publishDs: true },
        { name: "ksk_2025", status: "active", publishDs: false },
      ],
    });
    const steady = zoneSetting("steady.example.com.au");
    const settings = fleetSettings([rotating, steady]);
    const { stacks } = await synthFleet(settings);
    const res = (id: string, type: string) => (stacks.find((s) => s.name === id)?.config as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource[type] ?? {};
    expect(Object.keys(res("zone-rotating.example.com.au", "aws_route53_key_signing_key")).sort()).toEqual(["dnssec_ksk_2024_signing_key", "dnssec_ksk_2025_signing_key"]);
    expect(Object.keys(res("zone-steady.example.com.au", "aws_route53_key_signing_key"))).toEqual(["dnssec_ksk_1_signing_key"]);
    expect(Object.values(res("zone-rotating.example.com.au", "aws_kms_alias")).map((a) => a.name).sort()).toEqual([
      `${settings.kmsAliasPrefix}-rotating_example_com_au-ksk_2024`,
      `${settings.kmsAliasPrefix}-rotating_example_com_au-ksk_2025`,
    ]);
    // The second KSK waits for the first (Route 53 refuses concurrent DNSSEC changes in one zone).
    expect(res("zone-rotating.example.com.au", "aws_route53_key_signing_key").dnssec_ksk_2025_signing_key.depends_on).toContain(
      "aws_route53_key_signing_key.dnssec_ksk_2024_signing_key",
    );
    const output = (id: string) => (stacks.find((s) => s.name === id)?.config as { output: Record<string, { value: unknown }> }).output;
    expect(Object.keys(output("zone-rotating.example.com.au")).filter((k) => k.startsWith("ksk_")).sort()).toEqual(["ksk_ksk_2024", "ksk_ksk_2025"]);
    // Only the published KSK's DS goes to the registrar.
    expect(output("zone-rotating.example.com.au").ds_record_rr.value).toBe('${join("\\n", [aws_route53_key_signing_key.dnssec_ksk_2024_signing_key.ds_record])}');
  });
});
