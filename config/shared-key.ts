/**
 * `sharedKmsKey`: one KMS key per KSK name, shared by every zone of the fleet (the primary zone and
 * each entry of `zones`) whose KSK of that name does not bring its own `kmsKeyArn`. The keys live in
 * the `dnssec-keys` stack (stacks/keys-stack.ts), applied before the zone stacks; each zone reads
 * its key by alias. This file holds what the settings, the stacks and the workflows need to agree on:
 * which names get a shared key, the alias, and the cross-field rule.
 */
import type { KeySigningKeySetting, ZoneSetting } from "./zone-setting";
import { MAX_KMS_ALIAS } from "./aws-limits";
import { addressForm } from "./ksk-names";

/** What the rule and the key list read of the settings. */
export interface SharedKeyInput {
  readonly sharedKmsKey: boolean;
  readonly kmsAliasPrefix: string;
  /** The primary zone's KSKs. */
  readonly keySigningKeys: readonly KeySigningKeySetting[];
  readonly zones: readonly Pick<ZoneSetting, "keySigningKeys">[];
}

/**
 * The alias of the shared key of KSK `kskName`: `<kmsAliasPrefix>-shared-<ksk name>`. KSK names hold
 * no "-", so no per-zone alias (`<prefix>-<ksk>`, `<prefix>-<domain>-<ksk>`, domains with "_" for
 * dots) can be a shared one: "shared" is no domain the settings accept (one label).
 */
export function sharedKeyAlias(kmsAliasPrefix: string, kskName: string): string {
  return `${kmsAliasPrefix}-shared-${kskName}`;
}

/** Whether `ksk` signs with its name's shared key under these settings. */
export function usesSharedKey(sharedKmsKey: boolean, ksk: Pick<KeySigningKeySetting, "kmsKeyArn">): boolean {
  return sharedKmsKey && ksk.kmsKeyArn === undefined;
}

/**
 * The KSK names that get a shared key, sorted (so the order of zones and of KSKs in them never
 * moves anything in the `dnssec-keys` stack); empty when `sharedKmsKey` is false. A name stays
 * while any zone of the fleet lists it without its own key, in any status.
 */
export function sharedKeyNames(settings: SharedKeyInput): string[] {
  if (!settings.sharedKmsKey) return [];
  const names = new Set<string>();
  for (const ksks of [settings.keySigningKeys, ...settings.zones.map((z) => z.keySigningKeys)]) {
    for (const k of ksks) if (usesSharedKey(true, k)) names.add(k.name);
  }
  return [...names].sort();
}

/**
 * The cross-field rule of `sharedKmsKey`, as one sentence naming the setting, the value and the
 * fix, or undefined. With `sharedKmsKey` true:
 * - a KSK that brings its own `kmsKeyArn` keeps it (allowed: it is the escape hatch for one zone);
 * - every KSK name of the fleet names one key in one stack, so two spellings that give the same
 *   Terraform address ("ksk_A" in one zone, "ksk_a" in another) are refused: one key each would
 *   collide there, and one key for both would surprise;
 * - the alias `<kmsAliasPrefix>-shared-<ksk name>` must fit KMS's 256 characters.
 * No KSK name is reserved beyond the per-zone rule (config/ksk-names.ts): the stack nests its keys
 * under one construct of their own.
 */
export function sharedKmsKeyProblem(settings: SharedKeyInput): string | undefined {
  if (!settings.sharedKmsKey) return undefined;
  const entries = [
    ...settings.keySigningKeys.map((k, i) => ({ ksk: k, label: `keySigningKeys[${i}].name` })),
    ...settings.zones.flatMap((z, j) => z.keySigningKeys.map((k, i) => ({ ksk: k, label: `zones[${j}].keySigningKeys[${i}].name` }))),
  ].filter((e) => usesSharedKey(true, e.ksk));

  const byForm = new Map<string, { name: string; label: string }>();
  for (const e of entries) {
    const form = addressForm(e.ksk.name);
    const first = byForm.get(form);
    if (first !== undefined && first.name !== e.ksk.name) {
      return `Setting "${e.label}" is ${JSON.stringify(e.ksk.name)} while "${first.label}" is ${JSON.stringify(first.name)}; with "sharedKmsKey" true each KSK name of the fleet names one shared key, and these two give the same Terraform address "${form}", so spell the name the same in every zone (or set sharedKmsKey to false).`;
    }
    if (first === undefined) byForm.set(form, { name: e.ksk.name, label: e.label });
  }

  for (const e of entries) {
    const alias = sharedKeyAlias(settings.kmsAliasPrefix, e.ksk.name);
    if (alias.length > MAX_KMS_ALIAS) {
      return `Setting "kmsAliasPrefix" is ${settings.kmsAliasPrefix.length} characters long, got: ${JSON.stringify(settings.kmsAliasPrefix)}; with "sharedKmsKey" true the alias of ${JSON.stringify(e.ksk.name)} (${e.label}) is "<kmsAliasPrefix>-shared-<ksk name>", ${alias.length} characters, more than KMS's ${MAX_KMS_ALIAS}, so shorten the prefix (or the KSK name).`;
    }
  }
  return undefined;
}
