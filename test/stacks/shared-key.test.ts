/**
 * `sharedKmsKey` on the synthesized stacks: nothing moves with false; with true one key per KSK name
 * in the `dnssec-keys` stack, applied first, and every zone's KSK reading it by alias. The settings
 * start from cdktf.json's context (so they hold under any valid settings) with their own fleet.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings, type Settings } from "../../config/settings";
import { sharedKeyAlias } from "../../config/shared-key";
import { KEYS_STACK_ID, stackEntries, zoneStackId } from "../../stacks/stack-ids";
import { PROJECT_ROOT, shippedContext, synthFleet } from "./fleet-helpers";

type Block = Record<string, unknown>;
type Config = { resource?: Record<string, Record<string, Block>>; data?: Record<string, Record<string, Block>>; terraform?: Block };

const OWN_KEY = "arn:aws:kms:us-east-1:111122223333:key/7f6e5d4c-aaaa-bbbb-cccc-0123456789ab";

/** The context with a 3-zone fleet of its own: created, adopted (rotating), referenced (own key for one KSK). */
function fleetContext(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...shippedContext(),
    keySigningKeys: [{ name: "ksk_amber", status: "active" }],
    kmsDeletionWindowDays: 14,
    zones: [
      { domainName: "shop.example.com.br", keySigningKeys: [{ name: "ksk_amber" }] },
      {
        domainName: "example.se",
        hostedZoneId: "Z0ADOPTEDSE0001",
        adopt: true,
        keySigningKeys: [{ name: "ksk_amber" }, { name: "ksk_cobalt", status: "active", publishDs: false }],
      },
      { domainName: "intra.example.ch", hostedZoneId: "Z0REFERENCEDCH1", keySigningKeys: [{ name: "ksk_cobalt", kmsKeyArn: OWN_KEY }] },
    ],
    ...extra,
  };
}

async function synth(settings: Settings) {
  const { stacks, files } = await synthFleet(settings);
  const config = (id: string): Config => {
    const stack = stacks.find((s) => s.name === id);
    if (stack === undefined) throw new Error(`no stack ${id} among ${stacks.map((s) => s.name).join(", ")}`);
    return stack.config as Config;
  };
  return { files, config };
}

const FLEET_IDS = ["zone-shop.example.com.br", "zone-example.se", "zone-intra.example.ch"];

describe("sharedKmsKey false", () => {
  it("synthesizes every stack byte-identical to settings without it, and no keys stack", async () => {
    const without = await synthFleet(loadSettings(shippedContext()));
    const withFalse = await synthFleet(loadSettings({ ...shippedContext(), sharedKmsKey: false }));
    expect([...withFalse.files.keys()]).toEqual([...without.files.keys()]);
    for (const [path, text] of without.files) expect(withFalse.files.get(path), path).toBe(text);
    expect([...withFalse.files.keys()].some((p) => p.startsWith(`${KEYS_STACK_ID}/`))).toBe(false);
    for (const stack of ["zone", "app"]) {
      expect(withFalse.files.get(`${stack}/main.tf`), stack).toBe(readFileSync(join(PROJECT_ROOT, "terraform", stack, "main.tf"), "utf8"));
    }
  });

  it("leaves a 3-zone fleet's stacks byte-identical and keeps a KMS key per KSK and zone", async () => {
    const without = await synthFleet(loadSettings(fleetContext()));
    const withFalse = await synth(loadSettings(fleetContext({ sharedKmsKey: false })));
    for (const [path, text] of without.files) expect(withFalse.files.get(path), path).toBe(text);
    expect(Object.keys(withFalse.config("zone-example.se").resource?.aws_kms_key ?? {}).sort()).toEqual(["dnssec_ksk_amber_kms_key", "dnssec_ksk_cobalt_kms_key"]);
    expect(stackEntries(loadSettings(fleetContext({ sharedKmsKey: false }))).map((e) => e.id)).toEqual(["zone", "app", ...FLEET_IDS]);
  });
});

describe("sharedKmsKey true", () => {
  const settings = () => loadSettings(fleetContext({ sharedKmsKey: true }));

  it("puts one key per KSK name of the fleet into the dnssec-keys stack, with alias and key policy", async () => {
    const s = settings();
    const keys = (await synth(s)).config(KEYS_STACK_ID);
    // ksk_amber: primary + 2 zones; ksk_cobalt: one zone (the other brings its own key).
    expect(Object.keys(keys.resource?.aws_kms_key ?? {}).sort()).toEqual(["shared_ksk_amber_kms_key", "shared_ksk_cobalt_kms_key"]);
    for (const ksk of ["ksk_amber", "ksk_cobalt"]) {
      expect(keys.resource?.aws_kms_key?.[`shared_${ksk}_kms_key`]).toMatchObject({
        customer_master_key_spec: "ECC_NIST_P256",
        key_usage: "SIGN_VERIFY",
        deletion_window_in_days: 14,
        provider: "aws.us_east_1",
      });
      expect(keys.resource?.aws_kms_alias?.[`shared_${ksk}_alias`]).toMatchObject({
        name: sharedKeyAlias(s.kmsAliasPrefix, ksk),
        target_key_id: `\${aws_kms_key.shared_${ksk}_kms_key.key_id}`,
      });
      expect(keys.resource?.aws_kms_key_policy?.[`shared_${ksk}_key_policy`]).toMatchObject({ key_id: `\${aws_kms_key.shared_${ksk}_kms_key.id}` });
    }
    expect(sharedKeyAlias(s.kmsAliasPrefix, "ksk_amber")).toBe(`${s.kmsAliasPrefix}-shared-ksk_amber`);
    expect((keys.terraform?.backend as { s3: { key: string } }).s3.key).toBe(`${s.stateKeyPrefix}/${KEYS_STACK_ID}.tfstate`);
  });

  it("scopes Route 53 to the account and to any hosted zone ARN, naming no zone", async () => {
    const keys = (await synth(settings())).config(KEYS_STACK_ID);
    const doc = keys.data?.aws_iam_policy_document?.shared_ksk_amber_policy_document as { statement: { sid: string; condition?: unknown[] }[] };
    const service = doc.statement.find((st) => st.sid === "AllowRoute53DnssecService");
    expect(service?.condition).toEqual([
      { test: "StringEquals", variable: "aws:SourceAccount", values: ["${data.aws_caller_identity.account.account_id}"] },
      { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:${data.aws_partition.partition.partition}:route53:::hostedzone/*"] },
    ]);
    expect(doc.statement.find((st) => st.sid === "AllowRoute53DnssecToCreateGrant")?.condition).toEqual([
      { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] },
    ]);
    expect(JSON.stringify(doc)).not.toMatch(/hostedzone\/Z/);
  });

  it("points each zone's KSK at its name's shared key, read by alias, and creates no key in the zones", async () => {
    const s = settings();
    const { config } = await synth(s);
    const sharing: [string, string][] = [
      ["app", "ksk_amber"],
      ["zone-shop.example.com.br", "ksk_amber"],
      ["zone-example.se", "ksk_amber"],
      ["zone-example.se", "ksk_cobalt"],
    ];
    for (const [id, ksk] of sharing) {
      const c = config(id);
      // The app keeps its other keys (logs, alarm topic); no KSK of any zone has one of its own.
      expect(Object.keys(c.resource?.aws_kms_key ?? {}).filter((n) => n.startsWith(`dnssec_${ksk}_`)), id).toEqual([]);
      expect(Object.keys(c.resource?.aws_kms_alias ?? {}).filter((n) => n.startsWith(`dnssec_${ksk}_`)), id).toEqual([]);
      expect(c.resource?.aws_route53_key_signing_key?.[`dnssec_${ksk}_signing_key`]?.key_management_service_arn, id).toBe(
        `\${data.aws_kms_key.dnssec_${ksk}_shared_key.arn}`,
      );
      expect(c.resource?.terraform_data?.[`dnssec_${ksk}_shared_key_alias`]?.input, id).toEqual({ name: sharedKeyAlias(s.kmsAliasPrefix, ksk) });
      const read = c.data?.aws_kms_key?.[`dnssec_${ksk}_shared_key`] as { key_id: string; provider: string; lifecycle: { postcondition: { condition: string }[] } };
      // Through terraform_data: unknown on the KSK's first plan, so the key is read at apply, after dnssec-keys.
      expect(read.key_id, id).toBe(`\${terraform_data.dnssec_${ksk}_shared_key_alias.output.name}`);
      expect(read.provider, id).toBe("aws.us_east_1");
      expect(read.lifecycle.postcondition[0]?.condition, id).toContain('self.key_state == "Enabled"');
    }
  });

  it("leaves a KSK that brings its own kmsKeyArn on that key", async () => {
    const c = (await synth(settings())).config("zone-intra.example.ch");
    expect(c.resource?.aws_route53_key_signing_key?.dnssec_ksk_cobalt_signing_key?.key_management_service_arn).toBe(OWN_KEY);
    expect(c.data?.aws_kms_key ?? {}).toEqual({});
    expect(c.resource?.terraform_data ?? {}).toEqual({});
  });

  it("keeps each zone's own alarms (a broken shared key raises every zone's)", async () => {
    const { config } = await synth(settings());
    for (const id of FLEET_IDS) {
      expect(Object.keys(config(id).resource?.aws_cloudwatch_metric_alarm ?? {}).sort(), id).toEqual(["dnssec_alarms_internal_failure", "dnssec_alarms_ksk_needing_action"]);
    }
  });

  it("orders the keys stack first and makes every stack with a shared KSK depend on it", () => {
    const entries = stackEntries(settings());
    expect(entries.map((e) => [e.id, e.kind, e.dependsOn])).toEqual([
      [KEYS_STACK_ID, "keys", []],
      ["zone", "zone", []],
      ["app", "app", ["zone", KEYS_STACK_ID]],
      ["zone-shop.example.com.br", "fleet-zone", [KEYS_STACK_ID]],
      ["zone-example.se", "fleet-zone", [KEYS_STACK_ID]],
      // Its only KSK brings its own key: it plans and applies on its own, as without sharedKmsKey.
      ["zone-intra.example.ch", "fleet-zone", []],
    ]);
  });

  it("builds the stacks in that order, with the same dependencies for cdktf deploy", async () => {
    const { App } = await import("cdktf");
    const { buildStacks } = await import("../../stacks/build");
    const built = buildStacks(new App({ outdir: mkdtempSync(join(tmpdir(), "shared-key-")) }), settings());
    expect(built.all.map((s) => s.node.id)).toEqual(stackEntries(settings()).map((e) => e.id));
    expect(built.keys?.node.id).toBe(KEYS_STACK_ID);
    expect(built.app.dependencies.map((d) => d.node.id).sort()).toEqual([KEYS_STACK_ID, "zone"]);
    expect(built.fleet.map((f) => f.stack.dependencies.map((d) => d.node.id))).toEqual([[KEYS_STACK_ID], [KEYS_STACK_ID], []]);
  });

  it("builds no keys stack when every KSK brings its own key", () => {
    const own = (n: number) => `arn:aws:kms:us-east-1:111122223333:key/00000000-0000-0000-0000-00000000000${n}`;
    const s = loadSettings({
      ...shippedContext(),
      sharedKmsKey: true,
      keySigningKeys: [{ name: "ksk_own", kmsKeyArn: own(1) }],
      zones: [{ domainName: "solo.example.nz", keySigningKeys: [{ name: "ksk_own", kmsKeyArn: own(2) }] }],
    });
    expect(stackEntries(s).map((e) => e.id)).toEqual(["zone", "app", zoneStackId("solo.example.nz")]);
  });
});

describe("sharedKmsKey true over changes of the fleet", () => {
  it("leaves dnssec-keys and the other stacks byte-identical when a zone with a known KSK name joins", async () => {
    const before = (await synthFleet(loadSettings(fleetContext({ sharedKmsKey: true })))).files;
    const ctx = fleetContext({ sharedKmsKey: true });
    const zones = [...(ctx.zones as unknown[]), { domainName: "new.example.com.br", keySigningKeys: [{ name: "ksk_cobalt" }] }];
    const after = (await synthFleet(loadSettings({ ...ctx, zones }))).files;
    for (const id of [KEYS_STACK_ID, "zone", "app", ...FLEET_IDS]) expect(after.get(`${id}/main.tf`), id).toBe(before.get(`${id}/main.tf`));
  });

  it("keeps a key that another zone still uses when one zone drops its KSK name", async () => {
    const s = loadSettings(fleetContext({ sharedKmsKey: true }));
    const before = await synth(s);
    // example.se finishes its rotation: ksk_amber leaves it, the primary and shop.example.com.br keep it.
    const rotated = { ...s, zones: s.zones.map((z) => (z.domainName === "example.se" ? { ...z, keySigningKeys: z.keySigningKeys.filter((k) => k.name !== "ksk_amber") } : z)) };
    const after = await synth(rotated);
    expect(after.files.get(`${KEYS_STACK_ID}/main.tf`)).toBe(before.files.get(`${KEYS_STACK_ID}/main.tf`));
    expect(after.files.get("zone-shop.example.com.br/main.tf")).toBe(before.files.get("zone-shop.example.com.br/main.tf"));
    expect(Object.keys(after.config("zone-example.se").resource?.aws_route53_key_signing_key ?? {})).toEqual(["dnssec_ksk_cobalt_signing_key"]);
  });

  it("adds the key of a new KSK name without touching the existing keys' resources", async () => {
    const base = fleetContext({ sharedKmsKey: true });
    const before = (await synth(loadSettings(base))).config(KEYS_STACK_ID);
    // One zone starts a rotation to a new name; the others do not move.
    const zones = (base.zones as { domainName: string; keySigningKeys: unknown[] }[]).map((z) =>
      z.domainName === "shop.example.com.br" ? { ...z, keySigningKeys: [...z.keySigningKeys, { name: "ksk_dune", status: "active", publishDs: false }] } : z,
    );
    const after = await synth(loadSettings({ ...base, zones }));
    const keys = after.config(KEYS_STACK_ID);
    expect(Object.keys(keys.resource?.aws_kms_key ?? {}).sort()).toEqual(["shared_ksk_amber_kms_key", "shared_ksk_cobalt_kms_key", "shared_ksk_dune_kms_key"]);
    for (const type of ["aws_kms_key", "aws_kms_alias", "aws_kms_key_policy"]) {
      for (const [name, body] of Object.entries(before.resource?.[type] ?? {})) expect(keys.resource?.[type]?.[name], `${type}.${name}`).toEqual(body);
    }
    const untouched = await synthFleet(loadSettings(base));
    expect(after.files.get("zone-example.se/main.tf")).toBe(untouched.files.get("zone-example.se/main.tf"));
  });
});
