import { createHash } from "node:crypto";
import type { DnskeyData, DsData } from "dns-packet";
import { DIGEST_HASHES } from "./algorithms";
import { dnskeyRdata, keyTag } from "./keytag";
import { nameToWire } from "./names";

/**
 * DS digest of a DNSKEY (RFC 4034 §5.1.4): hash(owner name in canonical wire
 * form | DNSKEY RDATA). SHA-256 is RFC 4509, SHA-384 is RFC 6605.
 * Returns undefined for digest types we do not know.
 */
export function dsDigest(owner: string, key: DnskeyData, digestType: number): Buffer | undefined {
  const hash = DIGEST_HASHES[digestType];
  if (hash === undefined) return undefined;
  return createHash(hash).update(nameToWire(owner)).update(dnskeyRdata(key)).digest();
}

/** Builds the DS record for a DNSKEY, as dnssec-dsfromkey would. */
export function dsFromKey(owner: string, key: DnskeyData, digestType: number): DsData | undefined {
  const digest = dsDigest(owner, key, digestType);
  if (digest === undefined) return undefined;
  return { keyTag: keyTag(key), algorithm: key.algorithm, digestType, digest };
}

/** True when the DS names this key: same tag, algorithm and digest. */
export function dsMatchesKey(owner: string, ds: DsData, key: DnskeyData): boolean {
  if (ds.keyTag !== keyTag(key) || ds.algorithm !== key.algorithm) return false;
  const digest = dsDigest(owner, key, ds.digestType);
  return digest !== undefined && digest.equals(ds.digest);
}

/** "12345 13 2 ABCD..." as Route 53 and dnssec-dsfromkey print it. */
export function formatDs(ds: DsData): string {
  return `${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest.toString("hex").toUpperCase()}`;
}
