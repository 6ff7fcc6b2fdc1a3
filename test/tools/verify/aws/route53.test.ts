import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoute53Client, listPublicZones, route53Evidence } from "../../../../tools/verify/aws/route53";
import { startFakeRoute53, useFakeAwsEnv, type FakeRoute53 } from "../helpers/fake-route53";

const DS = "12345 13 2 0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9";

describe("Route 53 through the real SDK against served XML", () => {
  let restore: () => void;
  let fake: FakeRoute53;

  beforeAll(async () => {
    restore = useFakeAwsEnv();
    fake = await startFakeRoute53(
      [
        { id: "ZPRIVATE", name: "example.com.", private: true, serveSignature: "NOT_SIGNING", ksks: [] },
        {
          id: "Z1EXAMPLE",
          name: "example.com.",
          serveSignature: "SIGNING",
          ksks: [
            { name: "ksk_main", status: "ACTIVE", keyTag: 12345, dsRecord: DS },
            { name: "ksk_old", status: "ACTION_NEEDED", keyTag: 222, dsRecord: "222 13 2 AA", statusMessage: "KMS key is disabled" },
          ],
        },
        ...Array.from({ length: 5 }, (_, i) => ({ id: `ZFLEET${i}`, name: `z${i}.example.net.`, serveSignature: "SIGNING", ksks: [] })),
      ],
      { pageSize: 2 },
    );
  });

  afterAll(async () => {
    await fake.close();
    restore();
  });

  it("finds the public zone and reads its signing status and KSKs with GetDNSSEC", async () => {
    const ev = await route53Evidence(createRoute53Client(fake.endpoint, "us-east-1"), "Example.com");
    expect(ev).toMatchObject({ ok: true, zone: { id: "Z1EXAMPLE", name: "example.com." }, serveSignature: "SIGNING" });
    if (!ev.ok) return;
    expect(ev.ksks).toEqual([
      { name: "ksk_main", status: "ACTIVE", statusMessage: undefined, flag: 257, keyTag: 12345, dsRecord: DS },
      { name: "ksk_old", status: "ACTION_NEEDED", statusMessage: "KMS key is disabled", flag: 257, keyTag: 222, dsRecord: "222 13 2 AA" },
    ]);
    expect(fake.requests).toContain("GET /2013-04-01/hostedzone/Z1EXAMPLE/dnssec");
  });

  it("reports a domain with no public hosted zone as not found", async () => {
    const ev = await route53Evidence(createRoute53Client(fake.endpoint, "us-east-1"), "missing.org");
    expect(ev).toEqual({ ok: false, kind: "not-found", error: "no public Route 53 hosted zone is named missing.org." });
  });

  it("lists every public zone across pages with ListHostedZones", async () => {
    const zones = await listPublicZones(createRoute53Client(fake.endpoint, "us-east-1"));
    expect(zones.map((z) => z.name)).toEqual(["example.com.", "z0.example.net.", "z1.example.net.", "z2.example.net.", "z3.example.net.", "z4.example.net."]);
    expect(zones[0].id).not.toMatch(/^\/hostedzone\//);
  });

  it("skips ListHostedZonesByName when the zone is already known (--all-zones)", async () => {
    const [zone] = await listPublicZones(createRoute53Client(fake.endpoint, "us-east-1"));
    const before = fake.requests.length;
    const ev = await route53Evidence(createRoute53Client(fake.endpoint, "us-east-1"), zone.name, zone);
    expect(ev).toMatchObject({ ok: true, zone });
    expect(fake.requests.slice(before).map((r) => r.split("?")[0])).toEqual([`GET /2013-04-01/hostedzone/${zone.id}/dnssec`]);
  });

  it("turns an AccessDenied reply into an api-error with the AWS code", async () => {
    const denied = await startFakeRoute53([], { deny: true });
    try {
      const ev = await route53Evidence(createRoute53Client(denied.endpoint, "us-east-1"), "example.com");
      expect(ev).toMatchObject({ ok: false, kind: "api-error" });
      expect(!ev.ok && ev.error).toMatch(/ListHostedZonesByName failed: AccessDenied/);
      await expect(listPublicZones(createRoute53Client(denied.endpoint, "us-east-1"))).rejects.toThrow(/ListHostedZones failed: AccessDenied.*run without --all-zones/);
    } finally {
      await denied.close();
    }
  });
});
