import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";
import { settingsProblem as problem } from "../helpers/settings";

const PRIMARY = { domainName: "shop.example-user.net" };
const ADOPTED_ID = "Z0ADOPTED1234567890";
const REFERENCED_ID = "Z0REFERENCED0000001";

describe("zones: the fleet's further zones", () => {
  it("means a fleet of one when absent: today's settings, no further zone", () => {
    expect(loadSettings({}).zones).toEqual([]);
    expect(loadSettings(PRIMARY).zones).toEqual([]);
  });

  it("reads created, adopted and referenced zones with the documented defaults, not the top level's values", () => {
    const s = loadSettings({
      ...PRIMARY,
      dsTtl: 7200,
      keySigningKeys: [{ name: "ksk_2026", status: "active" }],
      zones: [
        { domainName: "Example-Shop.co.uk." },
        { domainName: "xn--bcher-kva.example", hostedZoneId: ADOPTED_ID, adopt: true, dnssec: "disabling" },
        { domainName: "eu.example.org", hostedZoneId: REFERENCED_ID, parentDs: "route53-zone", parentZoneId: "Z0PARENT00000000001" },
      ],
    });
    expect(s.zones.map((z) => [z.domainName, z.ownership, z.hostedZoneId])).toEqual([
      ["example-shop.co.uk", "create", undefined],
      ["xn--bcher-kva.example", "adopt", ADOPTED_ID],
      ["eu.example.org", "reference", REFERENCED_ID],
    ]);
    expect(s.zones[0]).toMatchObject({ dsTtl: 3600, dnssec: "on", parentDs: "manual", keySigningKeys: [{ name: "ksk_1", status: "active", publishDs: true }] });
    expect(s.zones[1].dnssec).toBe("disabling");
    expect(s.zones[2]).toMatchObject({ parentDs: "route53-zone", parentZoneId: "Z0PARENT00000000001" });
    // The primary keeps its own values.
    expect(s.dsTtl).toBe(7200);
    expect(s.keySigningKeys.map((k) => k.name)).toEqual(["ksk_2026"]);
  });

  it("applies every zone-level rule to an entry, naming its full path", () => {
    expect(problem({ zones: [{ domainName: "a.example.org", dnssec: "maybe" }] })).toBe(
      'Setting "zones[0].dnssec" must be one of "on", "disabling", "off", got: "maybe".',
    );
    expect(problem({ zones: [{ domainName: "a.example.org" }, { domainName: "b.example.org", parentDs: "route53-zone" }] })).toMatch(
      /^Setting "zones\[1\]\.parentDs" is "route53-zone" but Setting "zones\[1\]\.parentZoneId" is not set;/,
    );
    expect(problem({ zones: [{ domainName: "a.example.org", keySigningKeys: [{ name: "k" }] }] })).toMatch(/^Setting "zones\[0\]\.keySigningKeys\[0\]\.name"/);
    expect(problem({ zones: [{ domainName: "a.example.org", dsTtl: 5 }] })).toMatch(/^Setting "zones\[0\]\.dsTtl" must be a whole number/);
    expect(problem({ zones: [{ domainName: "team.example.org", parentDs: "route53-domains" }] })).toMatch(/^Setting "zones\[0\]\.parentDs"/);
    expect(problem({ zones: [{ domainName: "a.example.org", keySigningKeys: [{ name: "ksk_1", status: "inactive" }] }] })).toMatch(/zones\[0\]\.keySigningKeys/);
  });

  it("refuses an entry without a domain, an unknown field and a malformed list", () => {
    expect(problem({ zones: [{}] })).toBe('Setting "zones[0].domainName" is required; add it.');
    expect(problem({ zones: [{ domainName: "a.example.org", hostedZoneID: ADOPTED_ID }] })).toBe(
      'Setting "zones[0]" has the unknown field "hostedZoneID"; did you mean "hostedZoneId"?',
    );
    expect(problem({ zones: { domainName: "a.example.org" } })).toMatch(/^Setting "zones" must be a list/);
    expect(problem({ zones: ["a.example.org"] })).toMatch(/^Setting "zones\[0\]" must be an object/);
    expect(problem({ zones: [{ domainName: "bücher.example" }] })).toMatch(/^Setting "zones\[0\]\.domainName"/);
  });

  it("refuses an id that is not a hosted-zone id, and adopt without an id", () => {
    expect(problem({ zones: [{ domainName: "a.example.org", hostedZoneId: "/hostedzone/Z0ADOPTED1234567890" }] })).toMatch(
      /^Setting "zones\[0\]\.hostedZoneId" must be a Route 53 hosted zone id .* got: "\/hostedzone\/Z0ADOPTED1234567890"\.$/,
    );
    expect(problem({ zones: [{ domainName: "a.example.org", hostedZoneId: "example.org" }] })).toMatch(/zones\[0\]\.hostedZoneId/);
    expect(problem({ zones: [{ domainName: "a.example.org", adopt: true }] })).toMatch(
      /^Setting "zones\[0\]\.adopt" is set but Setting "zones\[0\]\.hostedZoneId" is not;/,
    );
    expect(problem({ zones: [{ domainName: "a.example.org", hostedZoneId: ADOPTED_ID, adopt: "yes" }] })).toBe(
      'Setting "zones[0].adopt" must be true or false, got: "yes".',
    );
  });

  it("refuses a zone listed twice: the primary again, the same domain, the same id", () => {
    expect(problem({ ...PRIMARY, zones: [{ domainName: "SHOP.example-user.net." }] })).toMatch(
      /^Setting "zones\[0\]\.domainName" is "shop\.example-user\.net", the primary domainName/,
    );
    expect(problem({ zones: [{ domainName: "a.example.org" }, { domainName: "b.example.org" }, { domainName: "A.example.org" }] })).toMatch(
      /^Setting "zones\[2\]\.domainName" is "a\.example\.org", which zones\[0\] already lists;/,
    );
    expect(
      problem({ zones: [{ domainName: "a.example.org", hostedZoneId: ADOPTED_ID }, { domainName: "b.example.org", hostedZoneId: ADOPTED_ID, adopt: true }] }),
    ).toMatch(/^Setting "zones\[1\]\.hostedZoneId" is "Z0ADOPTED1234567890", which zones\[0\] already uses;/);
  });

  it("accepts a subdomain delegated from a fleet zone whose id it names", () => {
    const s = loadSettings({
      zones: [
        { domainName: "example.org", hostedZoneId: ADOPTED_ID, adopt: true },
        { domainName: "team.eu.example.org", parentDs: "route53-zone", parentZoneId: ADOPTED_ID, delegateFromParent: true },
      ],
    });
    expect(s.zones[1]).toMatchObject({ parentDs: "route53-zone", parentZoneId: ADOPTED_ID, delegateFromParent: true, ownership: "create" });
  });

  it("refuses a delegation that disagrees with the fleet: another parent's id, a created parent, the zone's own id", () => {
    expect(
      problem({
        zones: [
          { domainName: "example.org", hostedZoneId: ADOPTED_ID, adopt: true },
          { domainName: "eu.example.org", hostedZoneId: REFERENCED_ID },
          { domainName: "team.eu.example.org", parentDs: "route53-zone", parentZoneId: ADOPTED_ID },
        ],
      }),
    ).toBe(
      `Setting "zones[2].parentZoneId" is "${ADOPTED_ID}", but the parent of team.eu.example.org in the fleet is zones[1] (eu.example.org, ${REFERENCED_ID}); the delegation and the DS must go into the zone that resolvers reach, so set parentZoneId to "${REFERENCED_ID}".`,
    );
    expect(problem({ zones: [{ domainName: "example.org" }, { domainName: "a.example.org", delegateFromParent: true, parentZoneId: ADOPTED_ID }] })).toMatch(
      /^Setting "zones\[1\]\.parentZoneId" .* zones\[0\] \(example\.org\), which the app creates and whose id is not known yet; apply that zone's stack first/,
    );
    expect(problem({ zones: [{ domainName: "a.example.org", hostedZoneId: ADOPTED_ID, parentDs: "route53-zone", parentZoneId: ADOPTED_ID }] })).toMatch(
      /^Setting "zones\[0\]\.parentZoneId" is "Z0ADOPTED1234567890", the zone's own hostedZoneId;/,
    );
  });

  it("refuses soaNegativeTtl on a referenced zone, and takes it on an adopted or created one", () => {
    expect(problem({ zones: [{ domainName: "a.example.org", hostedZoneId: REFERENCED_ID, soaNegativeTtl: 300 }] })).toMatch(
      /^Setting "zones\[0\]\.soaNegativeTtl" is set on a referenced zone/,
    );
    const s = loadSettings({
      zones: [
        { domainName: "a.example.org", hostedZoneId: ADOPTED_ID, adopt: true, soaNegativeTtl: 300 },
        { domainName: "b.example.org", soaNegativeTtl: 600 },
      ],
    });
    expect(s.zones.map((z) => z.soaNegativeTtl)).toEqual([300, 600]);
  });

  it("lets KSKs of several zones share one key of yours, and refuses one key for two KSKs of one zone", () => {
    const arn = "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
    const s = loadSettings({
      keySigningKeys: [{ name: "ksk_1", status: "active", kmsKeyArn: arn }],
      zones: [
        { domainName: "a.example.org", keySigningKeys: [{ name: "ksk_1", status: "active", kmsKeyArn: arn }] },
        { domainName: "example-shop.co.uk", keySigningKeys: [{ name: "ksk_1", status: "active", kmsKeyArn: arn }] },
      ],
    });
    expect(s.zones.map((z) => z.keySigningKeys[0].kmsKeyArn)).toEqual([arn, arn]);
    expect(
      problem({
        zones: [
          {
            domainName: "a.example.org",
            keySigningKeys: [
              { name: "ksk_1", status: "active", kmsKeyArn: arn },
              { name: "ksk_2", status: "active", publishDs: false, kmsKeyArn: arn },
            ],
          },
        ],
      }),
    ).toMatch(/zones\[0\]\.keySigningKeys/);
  });
});
