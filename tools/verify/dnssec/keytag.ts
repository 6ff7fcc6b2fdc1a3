import type { DnskeyData } from "dns-packet";

/** DNSKEY RDATA in wire form: flags, protocol 3, algorithm, public key (RFC 4034 §2.1). */
export function dnskeyRdata(key: DnskeyData): Buffer {
  const out = Buffer.alloc(4 + key.key.length);
  out.writeUInt16BE(key.flags, 0);
  out.writeUInt8(3, 2);
  out.writeUInt8(key.algorithm, 3);
  key.key.copy(out, 4);
  return out;
}

/**
 * Key tag of a DNSKEY (RFC 4034 Appendix B): a 16-bit ones'-complement-like
 * checksum of the RDATA. Algorithm 1 (RSA/MD5) uses a different rule and is
 * not supported by this tool.
 */
export function keyTag(key: DnskeyData): number {
  const rdata = dnskeyRdata(key);
  let ac = 0;
  for (let i = 0; i < rdata.length; i += 1) ac += i & 1 ? rdata[i] : rdata[i] << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

/** Zone Key bit (flags bit 7) must be set for a key that signs zone data (RFC 4034 §2.1.1). */
export function isZoneKey(key: DnskeyData): boolean {
  return (key.flags & 0x0100) !== 0;
}

/** Secure Entry Point bit: 257 = zone key + SEP, the conventional KSK. */
export function isSep(key: DnskeyData): boolean {
  return (key.flags & 0x0001) !== 0;
}

/** Revoked keys (RFC 5011 §2.1) must not be used to validate. */
export function isRevoked(key: DnskeyData): boolean {
  return (key.flags & 0x0080) !== 0;
}
