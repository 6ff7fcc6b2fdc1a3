import type { DnskeyData, RrsigData } from "dns-packet";
import type { DnsRecord } from "../dns/rdata";
import { algorithmName } from "./algorithms";
import { isRevoked, isZoneKey, keyTag } from "./keytag";
import { fqdn, isAtOrBelow, labels } from "./names";
import { verifySignature } from "./signature";
import { signedData } from "./signed-data";
import { formatSigTime, windowState } from "./validity";

/** Result of validating one RRset against a zone's keys. */
export type RRsetValidation =
  | {
      readonly state: "secure";
      readonly keyTag: number;
      readonly algorithm: number;
      readonly expiration: number;
      /** The RRSIG's labels field: below the owner's label count, the answer is a wildcard expansion. */
      readonly labels: number;
    }
  | { readonly state: "bogus"; readonly reason: string };

export interface RRsetToValidate {
  readonly records: readonly DnsRecord[];
  readonly signatures: readonly RrsigData[];
  /** Zone whose keys must have signed the set (the RRSIG signer name). */
  readonly zone: string;
  readonly keys: readonly DnskeyData[];
  readonly nowSeconds: number;
  /**
   * The zone's whole DNSKEY RRset when `keys` is only the part a DS or the trust anchor names,
   * to say that a signature is by a published key nobody vouches for.
   * @default - `keys`
   */
  readonly published?: readonly DnskeyData[];
}

/**
 * Validates an RRset as RFC 4035 §5.3.1 describes: one RRSIG with the right
 * signer, type, labels, a matching zone key, a current window and a good
 * signature is enough. When none works, the most telling reason is returned.
 */
export function validateRRset(input: RRsetToValidate): RRsetValidation {
  const { records, signatures, keys, nowSeconds } = input;
  if (records.length === 0) return { state: "bogus", reason: "the RRset is empty" };
  const owner = fqdn(records[0].name);
  const type = records[0].type;
  const zone = fqdn(input.zone);
  if (signatures.length === 0) return { state: "bogus", reason: `${owner} ${type} has no RRSIG` };
  const reasons: string[] = [];
  for (const sig of signatures) {
    const tag = `RRSIG ${sig.keyTag}/${algorithmName(sig.algorithm)}`;
    if (fqdn(sig.signersName) !== zone) {
      reasons.push(`${tag} names signer ${fqdn(sig.signersName)}, expected ${zone}`);
      continue;
    }
    if (sig.typeCovered !== type || !isAtOrBelow(owner, zone)) {
      reasons.push(`${tag} does not cover ${owner} ${type}`);
      continue;
    }
    if (sig.labels > labels(owner).length) {
      reasons.push(`${tag} has a labels field larger than the owner name`);
      continue;
    }
    const window = windowState(sig, nowSeconds);
    if (window === "expired") {
      reasons.push(`${tag} expired at ${formatSigTime(sig.expiration)}`);
      continue;
    }
    if (window === "not-yet-valid") {
      reasons.push(`${tag} is not valid before ${formatSigTime(sig.inception)}`);
      continue;
    }
    const candidates = keys.filter(
      (k) => k.algorithm === sig.algorithm && keyTag(k) === sig.keyTag && isZoneKey(k) && !isRevoked(k),
    );
    if (candidates.length === 0) {
      const sameTag = [...keys, ...(input.published ?? [])].filter((k) => k.algorithm === sig.algorithm && keyTag(k) === sig.keyTag);
      if (sameTag.some(isRevoked)) reasons.push(`${tag}: DNSKEY ${sig.keyTag} has the REVOKE flag set (RFC 5011), so it no longer signs`);
      else if (sameTag.length > 0) reasons.push(`${tag} is by DNSKEY ${sig.keyTag}, which ${zone} publishes but no DS or trust anchor names`);
      else reasons.push(`${tag} matches no DNSKEY of ${zone}`);
      continue;
    }
    let data: Buffer;
    try {
      data = signedData(sig, records);
    } catch (err) {
      reasons.push(`${tag} cannot be checked: ${(err as Error).message}`);
      continue;
    }
    for (const key of candidates) {
      const outcome = verifySignature(key, data, sig.signature);
      if (outcome.ok) return { state: "secure", keyTag: sig.keyTag, algorithm: sig.algorithm, expiration: sig.expiration, labels: sig.labels };
      reasons.push(`${tag}: ${outcome.reason}`);
    }
  }
  return { state: "bogus", reason: reasons.join("; ") };
}
