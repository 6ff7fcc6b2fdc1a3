import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { DnskeyData, RrsigData } from "dns-packet";
import type { DnsRecord } from "../../../../tools/verify/dns/rdata";
import { keyTag } from "../../../../tools/verify/dnssec/keytag";
import { labels } from "../../../../tools/verify/dnssec/names";
import { signedData } from "../../../../tools/verify/dnssec/signed-data";

/** A DNSSEC key made with node:crypto, for tests that sign their own data. */
export interface TestKey {
  readonly dnskey: DnskeyData;
  readonly privateKey: KeyObject;
  readonly tag: number;
}

export function makeKey(algorithm: 8 | 13 | 14 | 15, flags = 257): TestKey {
  let pair: { publicKey: KeyObject; privateKey: KeyObject };
  let raw: Buffer;
  if (algorithm === 13 || algorithm === 14) {
    pair = generateKeyPairSync("ec", { namedCurve: algorithm === 13 ? "P-256" : "P-384" });
    const jwk = pair.publicKey.export({ format: "jwk" });
    raw = Buffer.concat([Buffer.from(jwk.x ?? "", "base64url"), Buffer.from(jwk.y ?? "", "base64url")]);
  } else if (algorithm === 15) {
    pair = generateKeyPairSync("ed25519");
    raw = Buffer.from(pair.publicKey.export({ format: "jwk" }).x ?? "", "base64url");
  } else {
    pair = generateKeyPairSync("rsa", { modulusLength: 2048, publicExponent: 65537 });
    const jwk = pair.publicKey.export({ format: "jwk" });
    const e = Buffer.from(jwk.e ?? "", "base64url");
    raw = Buffer.concat([Buffer.from([e.length]), e, Buffer.from(jwk.n ?? "", "base64url")]);
  }
  const dnskey: DnskeyData = { flags, algorithm, key: raw };
  return { dnskey, privateKey: pair.privateKey, tag: keyTag(dnskey) };
}

export interface SignOptions {
  readonly signer: string;
  readonly inception?: number;
  readonly expiration?: number;
}

/** Signs an RRset and returns the RRSIG data. */
export function signRRset(records: readonly DnsRecord[], key: TestKey, opts: SignOptions): RrsigData {
  const now = Math.floor(Date.now() / 1000);
  const first = labels(records[0].name);
  const sig: RrsigData = {
    typeCovered: records[0].type,
    algorithm: key.dnskey.algorithm,
    labels: first[0] === "*" ? first.length - 1 : first.length,
    originalTTL: records[0].ttl ?? 3600,
    expiration: opts.expiration ?? now + 86400,
    inception: opts.inception ?? now - 3600,
    keyTag: key.tag,
    signersName: opts.signer,
    signature: Buffer.alloc(0),
  };
  const data = signedData(sig, records);
  const alg = key.dnskey.algorithm;
  const hash = alg === 15 ? null : alg === 14 ? "sha384" : "sha256";
  const signature =
    alg === 13 || alg === 14
      ? sign(hash, data, { key: key.privateKey, dsaEncoding: "ieee-p1363" })
      : sign(hash, data, key.privateKey);
  return { ...sig, signature };
}
