/**
 * The settings the compatibility check synthesizes on both libraries.
 *
 * `project` is the user's own settings as they are (cdktf.json's context, or CDKTF_CONTEXT_JSON):
 * the proof for their deployment. The others reach the constructs those settings leave out (a
 * second KSK, each DS automation, a customer-managed key, signing off), so a library difference
 * in any module shows up, and one raises a synth warning. Each is the project's settings with its
 * DNSSEC settings replaced.
 *
 * Run as a script, it prints one `name<TAB>context JSON` line per set, for check.sh.
 */
import { readContext } from "../../config/context";

/** The settings every set other than `project` defines itself, so none is left over from the project. */
export const DNSSEC_KEYS = ["dnssec", "keySigningKeys", "parentDs", "parentZoneId", "delegateFromParent"] as const;

/** One set of settings: the project's context with `dnssecSettings` replacing its DNSSEC settings. */
export interface SettingsSet {
  readonly name: string;
  /** Replaces every key of DNSSEC_KEYS (absent keys take their defaults); `undefined` keeps the project's DNSSEC settings. */
  readonly dnssecSettings?: Readonly<Record<string, unknown>>;
  /** Other settings changed for this set. */
  readonly also?: Readonly<Record<string, unknown>>;
}

export const SETTINGS_SETS: readonly SettingsSet[] = [
  { name: "project" },
  {
    name: "rotation-route53-zone",
    dnssecSettings: {
      keySigningKeys: [{ name: "ksk_1" }, { name: "ksk_2", publishDs: false }],
      parentDs: "route53-zone",
      parentZoneId: "Z0PARENT",
      delegateFromParent: true,
    },
    // A long SOA negative TTL: the TTL pre-flight warns, so the warnings of both libraries are compared.
    also: { domainName: "app.example.org", region: "eu-west-1", alarmEmail: "dns-oncall@example.org", soaNegativeTtl: 86400 },
  },
  {
    name: "route53-domains-own-key",
    dnssecSettings: {
      keySigningKeys: [{ name: "ksk_main", kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }],
      parentDs: "route53-domains",
    },
    // Route 53 Domains writes a DS only for a registrable domain, so this set brings its own.
    also: { domainName: "example-shop.co.uk", resolverDnssecValidation: false, wafGeoBlockCountries: [] },
  },
  { name: "dnssec-off", dnssecSettings: { dnssec: "off", parentDs: "manual" } },
];

/** The context of `set` on top of the project's `context`. */
export function settingsContext(context: Readonly<Record<string, unknown>>, set: SettingsSet): Record<string, unknown> {
  const out: Record<string, unknown> = { ...context };
  if (set.dnssecSettings) {
    for (const key of DNSSEC_KEYS) delete out[key];
    Object.assign(out, set.dnssecSettings);
  }
  return { ...out, ...set.also };
}

if (require.main === module) {
  const context = readContext();
  for (const set of SETTINGS_SETS) process.stdout.write(`${set.name}\t${JSON.stringify(settingsContext(context, set))}\n`);
}
