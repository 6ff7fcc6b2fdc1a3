import type { RrsigData } from "dns-packet";
import { canonicalRdata, typeCode, type DnsRecord } from "../dns/rdata";
import { labels, nameToWire } from "./names";


const CLASS_IN = 1;

/**
 * RRSIG RDATA without the signature field, signer name in canonical form:
 * the first part of the signed data (RFC 4034 §3.1.8.1).
 */
export function rrsigPrefix(sig: RrsigData): Buffer {
  const head = Buffer.alloc(18);
  head.writeUInt16BE(typeCode(sig.typeCovered), 0);
  head.writeUInt8(sig.algorithm, 2);
  head.writeUInt8(sig.labels, 3);
  head.writeUInt32BE(sig.originalTTL >>> 0, 4);
  head.writeUInt32BE(sig.expiration >>> 0, 8);
  head.writeUInt32BE(sig.inception >>> 0, 12);
  head.writeUInt16BE(sig.keyTag, 16);
  return Buffer.concat([head, nameToWire(sig.signersName)]);
}

/**
 * Owner name as signed: a wildcard expansion is signed as "*.<closest
 * encloser>", which the RRSIG Labels field reveals (RFC 4035 §5.3.2).
 */
export function signedOwner(owner: string, sig: RrsigData): string {
  const l = labels(owner);
  const counted = l[0] === "*" ? l.length - 1 : l.length;
  if (sig.labels >= counted) return owner;
  return `*.${l.slice(l.length - sig.labels).join(".")}.`;
}

/**
 * The octets an RRSIG signs (RFC 4034 §3.1.8.1 and §6.3): the RRSIG prefix,
 * then each RR of the set with owner and RDATA in canonical form, the
 * original TTL, sorted by RDATA and with duplicates removed.
 */
export function signedData(sig: RrsigData, rrset: readonly DnsRecord[]): Buffer {
  if (rrset.length === 0) throw new Error("cannot build signed data for an empty RRset");
  const owner = nameToWire(signedOwner(rrset[0].name, sig));
  const type = typeCode(rrset[0].type);
  const rdatas = rrset.map((r) => canonicalRdata(r)).sort(Buffer.compare);
  const unique = rdatas.filter((r, i) => i === 0 || !r.equals(rdatas[i - 1]));
  const parts: Buffer[] = [rrsigPrefix(sig)];
  for (const rdata of unique) {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(type, 0);
    fixed.writeUInt16BE(CLASS_IN, 2);
    fixed.writeUInt32BE(sig.originalTTL >>> 0, 4);
    fixed.writeUInt16BE(rdata.length, 8);
    parts.push(owner, fixed, rdata);
  }
  return Buffer.concat(parts);
}
