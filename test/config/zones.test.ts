import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/settings";
import { fleetKmsAliasPrefix } from "../../stacks/fleet-names";
import { MAX_FLEET_DOMAIN, STACK_FILE_NAMES, zoneStackId } from "../../stacks/stack-ids";
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
      /^Setting "zones\[0\]\.adopt" is set but "zones\[0\]\.hostedZoneId" is not;/,
    );
    expect(problem({ zones: [{ domainName: "a.example.org", hostedZoneId: ADOPTED_ID, adopt: "yes" }] })).toBe(
      'Setting "zones[0].adopt" must be true or false, got: "yes".',
    );
  });

  it("refuses a zone listed twice: the primary again, the same domain, the same id", () => {
    // The message quotes what the user wrote, and says why two spellings are one zone.
    expect(problem({ ...PRIMARY, zones: [{ domainName: "SHOP.example-user.net." }] })).toMatch(
      /^Setting "zones\[0\]\.domainName" is "SHOP\.example-user\.net\.", the primary domainName \(domain names ignore case and a trailing dot\)/,
    );
    expect(problem({ zones: [{ domainName: "a.example.org" }, { domainName: "b.example.org" }, { domainName: "A.Example.org." }] })).toBe(
      'Setting "zones[2].domainName" is "A.Example.org.", which zones[0] already lists as "a.example.org" (domain names ignore case and a trailing dot); list each zone once, so merge the two entries.',
    );
    expect(problem({ zones: [{ domainName: "shop.example.de" }, { domainName: "shop.example.de" }] })).toBe(
      'Setting "zones[1].domainName" is "shop.example.de", which zones[0] already lists; list each zone once, so merge the two entries.',
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

describe("zones: a delegation checked against every zone of the fleet, the primary included", () => {
  const DE_ID = "Z01234567ABCDEFGHIJKL";
  const X_ID = "Z0123456789ABCDEFGHIJ";

  it("checks the primary as a child: its parentZoneId must be the id of the fleet zone that encloses it", () => {
    const context = { domainName: "app.acme-corp.de", parentDs: "route53-zone", parentZoneId: "ZWRONG1234", zones: [{ domainName: "acme-corp.de", hostedZoneId: DE_ID, adopt: true }] };
    expect(problem(context)).toBe(
      `Setting "parentZoneId" is "ZWRONG1234", but the parent of app.acme-corp.de in the fleet is zones[0] (acme-corp.de, ${DE_ID}); the delegation and the DS must go into the zone that resolvers reach, so set parentZoneId to "${DE_ID}".`,
    );
    expect(loadSettings({ ...context, parentZoneId: DE_ID }).parentZoneId).toBe(DE_ID);
    expect(problem({ domainName: "eu.shop.example-user.net", delegateFromParent: true, parentZoneId: "Z0SOMEZONE01", zones: [{ domainName: "shop.example-user.net" }] })).toMatch(
      /^Setting "parentZoneId" is "Z0SOMEZONE01", but the parent of eu\.shop\.example-user\.net is zones\[0\] \(shop\.example-user\.net\), which the app creates and whose id is not known yet;/,
    );
  });

  it("refuses the id of a fleet zone that does not enclose the child, for an entry and for the primary", () => {
    expect(problem({ zones: [{ domainName: "x.example", hostedZoneId: X_ID }, { domainName: "y.example", parentZoneId: X_ID, delegateFromParent: true }] })).toBe(
      `Setting "zones[1].parentZoneId" is "${X_ID}", the hostedZoneId of zones[0] (x.example), which does not enclose y.example; the delegation and the DS must go into the zone one level up from y.example, so set parentZoneId to that zone's id.`,
    );
    expect(problem({ domainName: "y.example", parentDs: "route53-zone", parentZoneId: X_ID, zones: [{ domainName: "x.example", hostedZoneId: X_ID }] })).toBe(
      `Setting "parentZoneId" is "${X_ID}", the hostedZoneId of zones[0] (x.example), which does not enclose y.example; the delegation and the DS must go into the zone one level up from y.example, so set parentZoneId to that zone's id.`,
    );
    // A parent's child is no parent: eu.example.org's id cannot serve example.org.
    expect(
      problem({ region: "ap-southeast-2", zones: [{ domainName: "eu.example.org", hostedZoneId: X_ID }, { domainName: "example.org", parentDs: "route53-zone", parentZoneId: X_ID }] }),
    ).toMatch(/^Setting "zones\[1\]\.parentZoneId" is "Z0123456789ABCDEFGHIJ", the hostedZoneId of zones\[0\] \(eu\.example\.org\), which does not enclose example\.org;/);
    // An id the fleet does not know is another account's or outside the fleet: the synth cannot check it.
    expect(loadSettings({ zones: [{ domainName: "x.example", hostedZoneId: X_ID }, { domainName: "y.example", parentZoneId: DE_ID, delegateFromParent: true }] }).zones[1].parentZoneId).toBe(DE_ID);
  });

  it("for a child of the primary, refuses the id of another fleet zone, and takes any other (the primary's id is known only after its first apply)", () => {
    const child = { domainName: "eu.acme-corp.io", parentDs: "route53-zone", parentZoneId: DE_ID };
    expect(problem({ domainName: "acme-corp.io", zones: [child, { domainName: "acme-corp.de", hostedZoneId: DE_ID, adopt: true }] })).toBe(
      `Setting "zones[0].parentZoneId" is "${DE_ID}", the hostedZoneId of zones[1] (acme-corp.de), but the parent of eu.acme-corp.io in the fleet is the primary zone acme-corp.io, which the "zone" stack creates; set parentZoneId to that zone's id (the "zone" stack's output zone_id).`,
    );
    // A fleet zone that encloses the child but lies above the primary is not its parent either.
    expect(problem({ domainName: "shop.acme-corp.de", zones: [{ domainName: "acme-corp.de", hostedZoneId: DE_ID }, { domainName: "eu.shop.acme-corp.de", parentDs: "route53-zone", parentZoneId: DE_ID }] })).toMatch(
      /^Setting "zones\[1\]\.parentZoneId" is "Z01234567ABCDEFGHIJKL", the hostedZoneId of zones\[0\] \(acme-corp\.de\), but the parent of eu\.shop\.acme-corp\.de in the fleet is the primary zone shop\.acme-corp\.de,/,
    );
    const s = loadSettings({ domainName: "acme-corp.io", zones: [{ ...child, parentZoneId: "ZNOTTHEPRIMARY123" }] });
    expect(s.zones[0].parentZoneId).toBe("ZNOTTHEPRIMARY123");
  });
});

describe("zones: names derived from a fleet zone's domain fit their limits", () => {
  /** A domain of `length` characters under `suffix`, in labels of at most 63. */
  function longDomain(length: number, suffix: string): string {
    const labels: string[] = [];
    let room = length - suffix.length;
    while (room > 0) {
      const size = Math.min(63, room - 1);
      labels.push("a".repeat(size));
      room -= size + 1;
    }
    return [...labels, suffix].join(".");
  }

  it("refuses a domain whose stack id is too long to be a file name, naming the entry, the length and the limit", () => {
    const longest = longDomain(253, "example.org");
    expect(longest).toHaveLength(253);
    expect(problem({ zones: [{ domainName: "ok.example.org" }, { domainName: longest }] })).toBe(
      `Setting "zones[1].domainName" is 253 characters long, got: "${longest}"; a fleet zone's stack id "zone-<domain>" names its folder (terraform/<id>/) and files (up to <id>.terraform.lock.hcl), and a file name holds at most 255 bytes, so the domain may have at most 231 characters; such a zone cannot have a stack of its own, so sign it outside this app.`,
    );
    const fits = longDomain(231, "example-shop.co.uk");
    expect(problem({ zones: [{ domainName: longDomain(232, "example-shop.co.uk") }] })).toMatch(/^Setting "zones\[0\]\.domainName" is 232 characters long/);
    expect(loadSettings({ zones: [{ domainName: `${fits}.` }] }).zones[0].domainName).toBe(fits);
  });

  it("the longest accepted domain's stack folder and every file the workflows name after it can be made", () => {
    // Every file name the workflows build from a stack id (`${stack}` in a path) must be one of
    // STACK_FILE_NAMES, so the limit is drawn from what the workflows really write.
    const workflows = join(__dirname, "..", "..", ".github", "workflows");
    const made = new Set<string>();
    for (const file of readdirSync(workflows)) {
      for (const [path] of readFileSync(join(workflows, file), "utf8").matchAll(/[\w./-]*\$\{stack\}[\w./-]*/g)) {
        const name = path.split("/").filter((part) => part.includes("${stack}"))[0];
        made.add(name.replace("${stack}", "<id>"));
      }
    }
    expect(made.size).toBeGreaterThan(0);
    for (const name of made) if (name !== "<id>") expect(STACK_FILE_NAMES, `${name} is made in the workflows`).toContain(name);

    const domain = loadSettings({ zones: [{ domainName: longDomain(MAX_FLEET_DOMAIN, "example.de") }] }).zones[0].domainName;
    expect(domain).toHaveLength(MAX_FLEET_DOMAIN);
    const dir = mkdtempSync(join(tmpdir(), "stack-id-"));
    try {
      const id = zoneStackId(domain);
      mkdirSync(join(dir, id));
      for (const name of STACK_FILE_NAMES) writeFileSync(join(dir, name.replace("<id>", id)), "");
      // One character more and the longest name no longer fits.
      expect(() => writeFileSync(join(dir, `${id}x.terraform.lock.hcl`), "")).toThrow(/ENAMETOOLONG/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a kmsAliasPrefix too long for a fleet zone's per-zone alias, and checks only the KSKs that get one", () => {
    const prefix = `alias/${"p".repeat(119)}`;
    const kskName = `k${"x".repeat(127)}`;
    const zone = { domainName: "eu.example-shop.co.uk", keySigningKeys: [{ name: "ksk_1", status: "active" }, { name: kskName, status: "active", publishDs: false }] };
    const message = problem({ kmsAliasPrefix: prefix, zones: [{ domainName: "a.example.org" }, zone] });
    expect(message).toMatch(
      new RegExp(
        `^Setting "kmsAliasPrefix" is 125 characters long, got: "${prefix}"; the alias of the key-signing key "${kskName}" \\(zones\\[1\\]\\.keySigningKeys\\[1\\]\\.name\\) is "<kmsAliasPrefix>-<domain, dots as "_", shortened>-<ksk name>", \\d+ characters, more than KMS's 256, so shorten the prefix \\(or the KSK name\\)\\.$`,
      ),
    );
    // The alias each accepted KSK gets is the one the fleet stack makes, and it fits.
    const s = loadSettings({ kmsAliasPrefix: prefix, zones: [{ ...zone, keySigningKeys: [zone.keySigningKeys[0]] }] });
    expect(`${fleetKmsAliasPrefix(s.kmsAliasPrefix, s.zones[0].domainName)}-ksk_1`.length).toBeLessThanOrEqual(256);
    // A KSK with its own key gets no alias.
    const arn = "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
    expect(() => loadSettings({ kmsAliasPrefix: prefix, zones: [{ ...zone, keySigningKeys: [{ name: kskName, status: "active", kmsKeyArn: arn }] }] })).not.toThrow();
    // With sharedKmsKey, the shared alias is the one to fit, and its own rule names it.
    expect(problem({ kmsAliasPrefix: prefix, sharedKmsKey: true, zones: [zone] })).toMatch(/^Setting "kmsAliasPrefix" .* with "sharedKmsKey" true the alias of/);
  });
});
