import * as dnsPacket from "dns-packet";
import type { Answer } from "dns-packet";

/**
 * Typed access to dns-packet's per-type RDATA encoders, which the published
 * type definitions do not declare.
 */
interface RdataEncoder {
  encode(data: unknown, buf?: Buffer, offset?: number): Buffer;
  encodingLength(data: unknown): number;
}
interface TypeCodec {
  record(type: string): RdataEncoder;
  name: { encode(name: string): Buffer };
}
const codec = dnsPacket as unknown as TypeCodec;

/** dns-packet's type-name table; its subpath has no published typings. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const typeTable = require("dns-packet/types") as { toType(name: string): number; toString(code: number): string };

/** Numeric RR type code, e.g. "DS" -> 43. */
export function typeCode(type: string): number {
  return typeTable.toType(type);
}

/** Types dns-packet has no name for (it calls them UNKNOWN_<n>), with their IANA mnemonics. */
const EXTRA_TYPES: Readonly<Record<string, number>> = { SVCB: 64, HTTPS: 65, URI: 256 };

/**
 * The type name dns-packet uses for a mnemonic or an RFC 3597 "TYPE<n>" name ("HTTPS" and
 * "TYPE65" -> "UNKNOWN_65"), or undefined when it is not a record type.
 */
export function packetTypeName(type: string): string | undefined {
  const upper = type.toUpperCase();
  const generic = /^TYPE(\d{1,5})$/.exec(upper);
  const code = generic ? Number(generic[1]) : (EXTRA_TYPES[upper] ?? typeTable.toType(upper));
  if (!Number.isInteger(code) || code <= 0 || code > 65535) return undefined;
  return typeTable.toString(code);
}

/** The name to show for a type: the mnemonic, or TYPE<n> (RFC 3597) when dns-packet has none. */
export function displayTypeName(type: string): string {
  const m = /^UNKNOWN_(\d+)$/.exec(type);
  if (!m) return type;
  const code = Number(m[1]);
  return Object.entries(EXTRA_TYPES).find(([, n]) => n === code)?.[0] ?? `TYPE${code}`;
}

/** A resource record other than the EDNS OPT pseudo-record. */
export type DnsRecord = Exclude<Answer, { type: "OPT" }>;

/** Narrows a decoded answer to a real record (drops OPT). */
export function isRecord(a: Answer): a is DnsRecord {
  return a.type !== "OPT";
}

/** RDATA in wire form, without the 2-byte length prefix dns-packet writes. */
export function rdataWire(type: string, data: unknown): Buffer {
  const enc = codec.record(type);
  const buf = enc.encode(data);
  return buf.subarray(2);
}

/** Lower-cases an absolute or relative name field in RDATA. */
function lc(s: string): string {
  return s.toLowerCase();
}

/**
 * Returns the record data with embedded domain names lower-cased, for the
 * types RFC 4034 §6.2 (as updated by RFC 6840 §5.1, which drops NSEC) lists.
 */
export function canonicalData(rec: DnsRecord): unknown {
  switch (rec.type) {
    case "NS":
    case "CNAME":
    case "PTR":
    case "DNAME":
      return lc(rec.data);
    case "SOA":
      return { ...rec.data, mname: lc(rec.data.mname), rname: lc(rec.data.rname) };
    case "MX":
      return { ...rec.data, exchange: lc(rec.data.exchange) };
    case "SRV":
      return { ...rec.data, target: lc(rec.data.target) };
    case "NAPTR":
      return { ...rec.data, replacement: lc(rec.data.replacement) };
    case "RP":
      return { ...rec.data, mbox: lc(rec.data.mbox), txt: lc(rec.data.txt) };
    case "RRSIG":
      return { ...rec.data, signersName: lc(rec.data.signersName) };
    default:
      return rec.data;
  }
}

/** Canonical RDATA wire form of a record (RFC 4034 §6.2). */
export function canonicalRdata(rec: DnsRecord): Buffer {
  return rdataWire(rec.type, canonicalData(rec));
}
