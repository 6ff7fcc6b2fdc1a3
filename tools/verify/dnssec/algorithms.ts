/**
 * DNSSEC algorithm and digest numbers we understand.
 * Registry: https://www.iana.org/assignments/dns-sec-alg-numbers
 * Route 53 signs with 13 (ECDSAP256SHA256); 8, 14 and 15 are the other
 * algorithms recommended by RFC 8624 §3.1.
 */

export const ALGORITHM_NAMES: Readonly<Record<number, string>> = {
  5: "RSASHA1",
  7: "RSASHA1-NSEC3-SHA1",
  8: "RSASHA256",
  10: "RSASHA512",
  13: "ECDSAP256SHA256",
  14: "ECDSAP384SHA384",
  15: "ED25519",
  16: "ED448",
};

/** Signature algorithms this tool can verify with node:crypto. */
export const SUPPORTED_ALGORITHMS: ReadonlySet<number> = new Set([5, 7, 8, 10, 13, 14, 15, 16]);

/** Algorithms a validator must still validate but a zone must not sign with any more (RFC 8624 §3.1). */
export const DEPRECATED_FOR_SIGNING: ReadonlySet<number> = new Set([5, 7]);

export function algorithmName(n: number): string {
  return ALGORITHM_NAMES[n] ?? `algorithm ${n}`;
}

/** DS digest types (RFC 4034 §5.1.4, RFC 4509, RFC 6605) mapped to node hash names. */
export const DIGEST_HASHES: Readonly<Record<number, string>> = {
  1: "sha1",
  2: "sha256",
  4: "sha384",
};

export function digestName(n: number): string {
  return ({ 1: "SHA-1", 2: "SHA-256", 4: "SHA-384" } as Record<number, string>)[n] ?? `digest ${n}`;
}
