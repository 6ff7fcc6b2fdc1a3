/**
 * KSK names that would collide with the DNSSEC construct's own ids, or with each other once turned
 * into Terraform addresses, are refused in one line naming the setting.
 */
import { settingsProblem as problem } from "../helpers/settings";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "cdktf";
import { describe, expect, it } from "vitest";
import { addressForm, RESERVED_KSK_NAMES } from "../../config/ksk-names";
import { loadSettings } from "../../config/settings";
import { buildStacks } from "../../stacks/build";


const ksks = (...names: string[]) => ({ keySigningKeys: names.map((name) => ({ name, status: "active" })) });

describe("KSK names", () => {
  it.each(["alarms", "account", "partition", "zone_signing", "parent_ds", "zoneSigning", "Alarms"])("refuses %s, the id of a part of the DNSSEC construct", (name) => {
    expect(problem(ksks(name))).toBe(
      `Setting "keySigningKeys[0].name" is ${JSON.stringify(name)}, the id of a part of the DNSSEC construct (account, partition, zone_signing, parent_ds, alarms are reserved); choose another name such as "ksk_2025".`,
    );
  });

  it("refuses two names that give the same Terraform address", () => {
    expect(problem(ksks("ksk_1", "KSK_1"))).toBe(
      'Setting "keySigningKeys[1].name" is "KSK_1", which gives the same Terraform address "ksk_1" as "ksk_1" (addresses are lower case, with camelCase split by "_"); choose names that differ in more than case and underscores.',
    );
    expect(problem(ksks("kskNew", "ksk_new"))).toMatch(/^Setting "keySigningKeys\[1\]\.name" is "ksk_new", which gives the same Terraform address "ksk_new" as "kskNew"/);
  });

  it("accepts names that only look alike, and keeps today's ksk_1 address", () => {
    const settings = loadSettings(ksks("ksk_1", "ksk_2"));
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "ksk-names-")) });
    const { app: stack } = buildStacks(app, settings);
    expect(Object.keys(stack.dnssec.keySigningKeys)).toEqual(["ksk_1", "ksk_2"]);
    expect(addressForm("ksk_1")).toBe("ksk_1");
  });

  it("reserves every child id of the DNSSEC construct other than the KSKs", () => {
    const settings = loadSettings({ ...ksks("ksk_1"), parentDs: "route53-zone", parentZoneId: "Z0123456789ABCDEFGHIJ", alarmEmail: "ops@example.com" });
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "ksk-names-")) });
    const { app: stack } = buildStacks(app, settings);
    const children = stack.dnssec.node.children.map((c) => c.node.id).filter((id) => !(id in stack.dnssec.keySigningKeys));
    for (const id of children) expect(RESERVED_KSK_NAMES, `add "${id}" to RESERVED_KSK_NAMES in config/ksk-names.ts`).toContain(addressForm(id));
  });
});
