/** The settings' one declaration: what the validation, the type, the key checks and the README table get from it. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import { BOOLEAN, declaration, field, readDeclared, settingsTable, STRING, STRINGS } from "../../config/declare";
import { DEFAULTS, loadSettings, SETTING_KEYS, settingsTableMarkdown, ZONE_SETTING_KEYS, type Settings, type ZoneSetting } from "../../config/settings";
import { ZONE_FIELDS } from "../../config/zone-setting";
import { END, START, withSettingsTable } from "../../tools/readme/settings-table";
import { settingsProblem as problem } from "../helpers/settings";

const README = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
const ZONE_KEYS = Object.keys(ZONE_FIELDS) as (keyof typeof ZONE_FIELDS)[];

describe("the declaration gives the unknown-key check", () => {
  it("refuses an unknown top-level key with the closest setting as a hint", () => {
    expect(problem({ sharedKmsKeys: true })).toBe('Unknown setting "sharedKmsKeys" in the context; did you mean "sharedKmsKey"?');
    expect(problem({ wafRateLimt: 10 })).toBe('Unknown setting "wafRateLimt" in the context; did you mean "wafRateLimit"?');
  });

  it("refuses an unknown field of a zones entry with a hint, or the list of its fields", () => {
    expect(problem({ zones: [{ domainName: "a.example.org", dsTTL: 60 }] })).toBe('Setting "zones[0]" has the unknown field "dsTTL"; did you mean "dsTtl"?');
    expect(problem({ zones: [{ domainName: "a.example.org", wafRateLimit: 10 }] })).toBe(
      'Setting "zones[0]" has the unknown field "wafRateLimit"; the fields are domainName, keySigningKeys, dnssec, parentDs, parentZoneId, delegateFromParent, dsTtl, soaNegativeTtl, hostedZoneId, adopt.',
    );
  });

  it("keeps sharedKmsKey at the top level: a zones entry refuses it", () => {
    expect(problem({ zones: [{ domainName: "a.example.org", sharedKmsKey: true }] })).toMatch(/^Setting "zones\[0\]" has the unknown field "sharedKmsKey"; /);
  });

  it("lists every declared field and nothing else as a key", () => {
    expect(SETTING_KEYS).toContain("sharedKmsKey");
    expect(SETTING_KEYS).toEqual(expect.arrayContaining([...ZONE_KEYS, "domainName", "zones"]));
    expect(ZONE_SETTING_KEYS).toEqual(["domainName", ...ZONE_KEYS, "hostedZoneId", "adopt"]);
  });
});

describe("each kind of rule gives today's one-line message", () => {
  it.each([
    ["a string", { name: 7 }, 'Setting "name" must be a string, got: 7.'],
    ["a number", { dsTtl: "60" }, 'Setting "dsTtl" must be a number, got: "60".'],
    ["a boolean", { sharedKmsKey: "yes" }, 'Setting "sharedKmsKey" must be true or false, got: "yes".'],
    ["a choice", { dnssec: "maybe" }, 'Setting "dnssec" must be one of "on", "disabling", "off", got: "maybe".'],
    ["a list of strings", { amiNames: [1] }, 'Setting "amiNames" must be a list of strings, got: [1].'],
    ["a list of objects", { keySigningKeys: "ksk_1" }, 'Setting "keySigningKeys" must be a list such as [{"name": "ksk_1", "status": "active"}], got: "ksk_1".'],
    ["an object entry", { zones: ["a.example.org"] }, 'Setting "zones[0]" must be an object such as {"domainName": "example.org"}, got: "a.example.org".'],
    ["a required field", { zones: [{ dnssec: "on" }] }, 'Setting "zones[0].domainName" is required; add it.'],
    ["a rule of one setting", { wafRateLimit: 5 }, 'Setting "wafRateLimit" must be a whole number of requests per 5 minutes between 10 and 2000000000 (AWS WAF\'s limits), got: 5.'],
    [
      "a rule of each entry of a list",
      { wafGeoBlockCountries: ["RU", "uk"] },
      'Setting "wafGeoBlockCountries[1]" must be a two-letter ISO 3166 country code in capitals such as "RU", got: "uk".',
    ],
    [
      "a rule between top-level settings",
      { publicSubnetCidrs: ["10.20.20.96/27", "10.20.20.128/27"] },
      'Setting "publicSubnetCidrs" has 2 entries and Setting "privateSubnetCidrs" has 3; give both the same number, one public and one private subnet per availability zone.',
    ],
    [
      "a rule of an entry",
      { zones: [{ domainName: "a.example.org", adopt: true }] },
      'Setting "zones[0].adopt" is set but "zones[0].hostedZoneId" is not; adopt and reference apply to an existing zone, so give its id, or remove adopt to have the app create the zone.',
    ],
    [
      "a rule of the fleet",
      { domainName: "example.org", zones: [{ domainName: "Example.org." }] },
      'Setting "zones[0].domainName" is "Example.org.", the primary domainName (domain names ignore case and a trailing dot), which the "zone" and "app" stacks already hold; list each zone once, so remove this entry (the top-level settings are the primary zone\'s).',
    ],
  ])("%s", (_kind, context, message) => {
    expect(problem(context)).toBe(message);
  });
});

describe("the declaration gives the type and the defaults", () => {
  it("types sharedKmsKey as a boolean, false by default", () => {
    expectTypeOf<Settings["sharedKmsKey"]>().toEqualTypeOf<boolean>();
    expect(loadSettings({}).sharedKmsKey).toBe(false);
    expect(loadSettings({ sharedKmsKey: true }).sharedKmsKey).toBe(true);
    expect(DEFAULTS.sharedKmsKey).toBe(false);
  });

  it("types a choice as its values and an optional setting as possibly absent", () => {
    expectTypeOf<Settings["dnssec"]>().toEqualTypeOf<"on" | "disabling" | "off">();
    expectTypeOf<Settings["parentZoneId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ZoneSetting["ownership"]>().toEqualTypeOf<"create" | "adopt" | "reference">();
    expect(loadSettings({}).parentZoneId).toBeUndefined();
  });

  it("computes a default from an earlier setting: stateRegion from region, kmsAliasPrefix from name, publishDs from status", () => {
    const s = loadSettings({ region: "eu-west-1", name: "acme", keySigningKeys: [{ name: "ksk_a", status: "inactive" }, { name: "ksk_b" }], dnssec: "off" });
    expect(s.stateRegion).toBe("eu-west-1");
    expect(s.kmsAliasPrefix).toBe("alias/acme-dnssec");
    expect(s.keySigningKeys.map((k) => k.publishDs)).toEqual([false, true]);
  });

  it("gives every load its own copy of a default list", () => {
    const first = loadSettings({});
    (first.publicSubnetCidrs as string[]).push("10.20.20.192/27");
    (first.keySigningKeys[0] as { name: string }).name = "changed";
    expect(loadSettings({}).publicSubnetCidrs).toHaveLength(3);
    expect(loadSettings({}).keySigningKeys[0].name).toBe("ksk_1");
  });
});

describe("zone-level settings are declared once and valid at both levels", () => {
  const zoneLevel = {
    keySigningKeys: [{ name: "ksk_2027", status: "active" }],
    dnssec: "disabling",
    parentDs: "route53-zone",
    parentZoneId: "Z0PARENT000000001",
    delegateFromParent: true,
    dsTtl: 7200,
    soaNegativeTtl: 300,
  };

  it("accepts every zone-level key at the top level and in a zones entry, with the same result", () => {
    expect(Object.keys(zoneLevel).sort()).toEqual([...ZONE_KEYS].sort());
    const s = loadSettings({ domainName: "app.example.org", ...zoneLevel, zones: [{ domainName: "shop.example.net", ...zoneLevel }] });
    const pick = (z: Settings | ZoneSetting) => Object.fromEntries(ZONE_KEYS.map((k) => [k, z[k]]));
    expect(pick(s)).toEqual(pick(s.zones[0]));
    expect(pick(s)).toEqual({ ...zoneLevel, keySigningKeys: [{ name: "ksk_2027", status: "active", publishDs: true }] });
  });

  it.each([
    ["keySigningKeys", "ksk_1"],
    ["keySigningKeys", [{ name: "ksk-1" }]],
    ["dnssec", "maybe"],
    ["parentDs", "registrar"],
    ["parentZoneId", "zone-1"],
    ["delegateFromParent", "yes"],
    ["dsTtl", 5],
    ["soaNegativeTtl", -1],
  ])("refuses a bad %s with the same rule at both levels, naming each path", (name, value) => {
    const top = problem({ [name]: value });
    const entry = problem({ zones: [{ domainName: "a.example.org", [name]: value }] });
    expect(entry).toBe(top.replaceAll(`Setting "${name}`, `Setting "zones[0].${name}`));
  });

  it("applies the rules between zone-level settings at both levels", () => {
    expect(problem({ delegateFromParent: true })).toBe(
      'Setting "delegateFromParent" is true but Setting "parentZoneId" is not set; set it to the id of the parent\'s hosted zone, or set delegateFromParent to false.',
    );
    expect(problem({ zones: [{ domainName: "a.example.org", delegateFromParent: true }] })).toBe(
      'Setting "zones[0].delegateFromParent" is true but Setting "zones[0].parentZoneId" is not set; set it to the id of the parent\'s hosted zone, or set delegateFromParent to false.',
    );
  });
});

describe("the kit (config/declare.ts)", () => {
  const decl = declaration({
    fields: {
      a: field(STRING, { default: "x", doc: "first" }),
      b: field(STRING, { default: (earlier) => `${earlier.a as string}!`, defaultDoc: "`a` and !", doc: "from a" }),
      c: field(STRINGS, { optional: true, rules: [() => "never for an absent value"], doc: "optional" }),
      d: field(BOOLEAN, { required: true, doc: "required" }),
    },
    rules: [(v, path) => (v.a === "stop" ? `${path} stops` : undefined)],
    unknownKey: (path, name, hint) => `${path}: ${name}? ${hint ?? "-"}`,
  });

  it("reads fields in order, so a default sees the fields before it; an optional field's rules do not run when it is absent", () => {
    expect(readDeclared(decl, { a: "y", d: true }, "p")).toEqual({ a: "y", b: "y!", c: undefined, d: true });
  });

  it("runs the cross-field rules after the fields, and names unknown keys with a hint", () => {
    expect(() => readDeclared(decl, { a: "stop", d: false }, "p")).toThrow("p stops");
    expect(() => readDeclared(decl, { aa: 1 }, "p")).toThrow("p: aa? a");
  });

  it("renders the table from the docs, showing plain defaults, 'none' and 'required'", () => {
    expect(settingsTable(decl.fields)).toBe(
      ["| key | default | rule |", "|---|---|---|", "| `a` | `x` | first |", "| `b` | `a` and ! | from a |", "| `c` | none | optional |", "| `d` | required | required |"].join("\n"),
    );
  });

  it("refuses a computed default without its README text", () => {
    expect(() => field(STRING, { default: () => "x", doc: "d" })).toThrow(/needs a defaultDoc/);
  });
});

describe("the README's configuration table is generated from the declaration", () => {
  it("is current: the text between the markers is the declaration's table", () => {
    expect(README.slice(README.indexOf(START) + START.length, README.indexOf(END))).toBe(`\n${settingsTableMarkdown()}\n`);
    expect(withSettingsTable(README)).toBe(README);
  });

  it("has one row per setting, in the declaration's order", () => {
    const rows = settingsTableMarkdown().split("\n").slice(2);
    expect(rows.map((r) => /^\| `([A-Za-z]+)` \|/.exec(r)?.[1])).toEqual([...SETTING_KEYS]);
    expect(settingsTableMarkdown()).toContain(
      '| `sharedKmsKey` | `false` | one KMS key per KSK name, shared by every zone of the fleet instead of one key per KSK and zone (cost against blast radius: see "One KMS key for many zones"); the keys live in the `dnssec-keys` stack, applied first; a KSK with its own `kmsKeyArn` keeps it; no two spellings of one KSK address across zones |',
    );
  });

  it("would catch a stale README: a changed row is replaced, missing markers are refused", () => {
    const stale = README.replace("| `name` | `dnssec-demo` |", "| `name` | `demo` |");
    expect(stale).not.toBe(README);
    expect(withSettingsTable(stale)).toBe(README);
    expect(() => withSettingsTable(README.replace(END, ""))).toThrow(/settings-table:start.*settings-table:end/);
  });
});
