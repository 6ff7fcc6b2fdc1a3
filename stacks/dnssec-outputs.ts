/**
 * The DNSSEC outputs of a signed zone's stack: the DS in every form a registrar or parent asks for,
 * each KSK's details, and what to do at the parent now. The app stack (primary zone) and every
 * fleet zone stack print the same outputs under the same names.
 */
import { Construct } from "constructs";
import { Fn, TerraformOutput, Token } from "cdktf";
import { DnssecSigning, DsAutomation, KeySigningKey, SigningMode } from "../modules/dnssec";
import { isRegistrableDomain } from "../modules/registrable-domain";

/** What the outputs say about the zone. */
export interface DnssecOutputsProps {
  /** The signed zone's domain. */
  readonly domainName: string;
  readonly dnssec: SigningMode;
  readonly parentDs: DsAutomation;
  /** The parent zone, for "route53-zone". */
  readonly parentZoneId?: string;
}

/** Adds ds_record, ds_record_rr, the primary KSK's fields, ksk_<name> and registrar_instructions to `stack`. */
export function addDnssecOutputs(stack: Construct, dnssec: DnssecSigning, props: DnssecOutputsProps): void {
  const published = dnssec.publishedKsks;
  const ksks = Object.values(dnssec.keySigningKeys);

  // The seed's format, one line per published KSK: key tag, algorithm, digest type, digest. Users
  // of the seed read it, so it stays; it names the algorithms, where RFC 4034 §5.3 wants numbers.
  new TerraformOutput(stack, "ds_record", {
    value: Fn.join("\n", published.map((k) => k.dsRecordFields)),
    description:
      "The DS of each published KSK in the seed's form (key_tag signing_algorithm digest_algorithm digest, with mnemonics), one line per KSK. This is not the DS presentation format of RFC 4034 §5.3, which uses numbers: registrars want registrar_instructions or ds_record_rr.",
  });
  new TerraformOutput(stack, "ds_record_rr", {
    value: Fn.join("\n", published.map((k) => k.resource.dsRecord)),
    description: "The DS RDATA as Route 53 reports it, one line per published KSK.",
  });

  const primary = published[0] ?? ksks[0];
  if (primary !== undefined) {
    const r = primary.resource;
    new TerraformOutput(stack, "dnskey_record", { value: r.dnskeyRecord, description: `The DNSKEY of KSK ${primary.kskName}.` });
    new TerraformOutput(stack, "public_key", { value: r.publicKey, description: `The public key of KSK ${primary.kskName}.` });
    new TerraformOutput(stack, "key_tag", { value: r.keyTag });
    new TerraformOutput(stack, "flag", { value: r.flag, description: "257: a key-signing key." });
    new TerraformOutput(stack, "signing_algorithm", { value: r.signingAlgorithmType, description: "13: ECDSAP256SHA256." });
    new TerraformOutput(stack, "digest_algorithm", { value: r.digestAlgorithmType, description: "2: SHA-256." });
  }
  for (const ksk of ksks) {
    new TerraformOutput(stack, `ksk_${ksk.kskName}`, {
      value: kskSummary(ksk, published.includes(ksk)),
      description: `Everything about KSK ${ksk.kskName} that a registrar or a rotation needs.`,
    });
  }
  new TerraformOutput(stack, "registrar_instructions", {
    value: registrarInstructions(props, published),
    description: "What to do at the parent or registrar now.",
  });
}

function kskSummary(ksk: KeySigningKey, published: boolean): Record<string, unknown> {
  const r = ksk.resource;
  return {
    status: r.status,
    ds_published: published,
    ds_record: ksk.dsRecordFields,
    ds_record_rr: r.dsRecord,
    dnskey_record: r.dnskeyRecord,
    public_key: r.publicKey,
    key_tag: r.keyTag,
    flag: r.flag,
    signing_algorithm: r.signingAlgorithmType,
    digest_algorithm: r.digestAlgorithmType,
    kms_key_arn: ksk.kmsKeyArn,
  };
}

/** The zone one label up: where a subdomain's DS belongs. */
function parentZoneName(domain: string): string {
  return domain.slice(domain.indexOf(".") + 1);
}

/** A one-paragraph instruction for the person at the registrar, matching the mode and the rotation step. */
function registrarInstructions(props: DnssecOutputsProps, published: KeySigningKey[]): string {
  const domain = props.domainName;
  if (props.dnssec !== "on") {
    return `DNSSEC is ${props.dnssec} for ${domain}: make sure the parent publishes no DS for ${domain} (remove every DS at the registrar), and wait at least the DS TTL before the next step.`;
  }
  if (props.parentDs === "route53-zone") {
    return `The DS for ${domain} is managed in the parent hosted zone ${props.parentZoneId}; nothing to do by hand.`;
  }
  if (props.parentDs === "route53-domains") {
    return `The DS for ${domain} is managed through Route 53 Domains; nothing to do by hand.`;
  }
  if (published.length === 0) {
    return `No DS should be published for ${domain} now: remove any DS at the registrar.`;
  }
  // Registrar forms ask for numbers: key tag, algorithm 13 (ECDSAP256SHA256), digest type 2 (SHA-256), digest.
  // A registrable domain's DS goes to its registrar; a subdomain's goes into its parent zone.
  const lines = published.map((k) => `- ${k.resource.dsRecord}`);
  const where = isRegistrableDomain(domain)
    ? `At the registrar of ${domain}`
    : `In the parent zone ${parentZoneName(domain)} of ${domain} (wherever that zone is hosted)`;
  return Token.asString(
    Fn.join("\n", [
      `${where}, publish exactly these DS records (key tag, algorithm 13 = ECDSAP256SHA256, digest type 2 = SHA-256, digest) and remove any other, only after signing has run for at least the DNSKEY TTL and the SOA minimum (go-live runbook):`,
      ...lines,
    ]),
  );
}
