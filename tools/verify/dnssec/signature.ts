import { createPublicKey, verify, type JsonWebKey, type KeyObject } from "node:crypto";
import type { DnskeyData } from "dns-packet";

/**
 * Verifies one DNSSEC signature with node:crypto.
 * Key formats: RSA RFC 3110 §2, ECDSA RFC 6605 §4 (x|y, signature r|s),
 * EdDSA RFC 8080 §3 (raw public key and signature).
 */

function b64url(buf: Buffer): string {
  return buf.toString("base64url");
}

/** RSA public key: exponent length (1 byte, or 0 then 2 bytes), exponent, modulus. */
function rsaJwk(key: Buffer): JsonWebKey {
  if (key.length < 3) throw new Error("RSA key too short");
  let expLen = key[0];
  let offset = 1;
  if (expLen === 0) {
    expLen = key.readUInt16BE(1);
    offset = 3;
  }
  const e = key.subarray(offset, offset + expLen);
  const n = key.subarray(offset + expLen);
  if (e.length !== expLen || n.length === 0) throw new Error("RSA key truncated");
  return { kty: "RSA", n: b64url(n), e: b64url(e) };
}

function ecJwk(key: Buffer, crv: "P-256" | "P-384", size: number): JsonWebKey {
  if (key.length !== size * 2) throw new Error(`${crv} key must be ${size * 2} octets, got ${key.length}`);
  return { kty: "EC", crv, x: b64url(key.subarray(0, size)), y: b64url(key.subarray(size)) };
}

function okpJwk(key: Buffer, crv: "Ed25519" | "Ed448", size: number): JsonWebKey {
  if (key.length !== size) throw new Error(`${crv} key must be ${size} octets, got ${key.length}`);
  return { kty: "OKP", crv, x: b64url(key) };
}

interface AlgorithmSpec {
  readonly hash: string | null;
  readonly p1363: boolean;
  jwk(key: Buffer): JsonWebKey;
}

const SPECS: Readonly<Record<number, AlgorithmSpec>> = {
  // RSASHA1 and RSASHA1-NSEC3-SHA1: deprecated for signing, but validators MUST still validate them (RFC 8624 §3.1).
  5: { hash: "sha1", p1363: false, jwk: rsaJwk },
  7: { hash: "sha1", p1363: false, jwk: rsaJwk },
  8: { hash: "sha256", p1363: false, jwk: rsaJwk },
  10: { hash: "sha512", p1363: false, jwk: rsaJwk },
  13: { hash: "sha256", p1363: true, jwk: (k) => ecJwk(k, "P-256", 32) },
  14: { hash: "sha384", p1363: true, jwk: (k) => ecJwk(k, "P-384", 48) },
  15: { hash: null, p1363: false, jwk: (k) => okpJwk(k, "Ed25519", 32) },
  16: { hash: null, p1363: false, jwk: (k) => okpJwk(k, "Ed448", 57) },
};

const keyCache = new WeakMap<Buffer, KeyObject>();

function publicKey(dnskey: DnskeyData, spec: AlgorithmSpec): KeyObject {
  const cached = keyCache.get(dnskey.key);
  if (cached) return cached;
  const key = createPublicKey({ key: spec.jwk(dnskey.key), format: "jwk" });
  keyCache.set(dnskey.key, key);
  return key;
}

export type SignatureOutcome = { ok: true } | { ok: false; reason: string };

/** Checks `signature` over `data` with the DNSKEY; never throws. */
export function verifySignature(dnskey: DnskeyData, data: Buffer, signature: Buffer): SignatureOutcome {
  const spec = SPECS[dnskey.algorithm];
  if (spec === undefined) return { ok: false, reason: `algorithm ${dnskey.algorithm} is not supported` };
  try {
    const key = publicKey(dnskey, spec);
    const good = spec.p1363
      ? verify(spec.hash, data, { key, dsaEncoding: "ieee-p1363" }, signature)
      : verify(spec.hash, data, key, signature);
    return good ? { ok: true } : { ok: false, reason: "signature does not verify" };
  } catch (err) {
    return { ok: false, reason: `unusable key or signature: ${(err as Error).message}` };
  }
}
