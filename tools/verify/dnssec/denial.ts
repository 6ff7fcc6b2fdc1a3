import { createHash } from "node:crypto";
import type { DnskeyData, Nsec3Data, NsecData, RrsigData } from "dns-packet";
import type { DnsRecord } from "../dns/rdata";
import { compareCanonical, fqdn, isAtOrBelow, labels, nameToWire, parentName } from "./names";
import { validateRRset } from "./rrset";

/**
 * Authenticated denial of existence: NSEC (RFC 4035 §5.4) and NSEC3
 * (RFC 5155 §8). Used to tell "no DS at the parent" (an insecure
 * delegation) from "DS stripped" (bogus), and to validate NODATA and
 * NXDOMAIN answers to --check queries.
 */

export type DenialResult = { readonly proven: true; readonly how: string } | { readonly proven: false; readonly reason: string };

export interface DenialInput {
  /** The name and type that do not exist. */
  readonly name: string;
  readonly type: string;
  readonly nxdomain: boolean;
  /** The authority section of the reply. */
  readonly authority: readonly DnsRecord[];
  readonly zone: string;
  readonly keys: readonly DnskeyData[];
  readonly nowSeconds: number;
}

function rrsigsFor(authority: readonly DnsRecord[], owner: string, type: string): RrsigData[] {
  return authority
    .filter((r): r is Extract<DnsRecord, { type: "RRSIG" }> => r.type === "RRSIG" && fqdn(r.name) === fqdn(owner))
    .map((r) => r.data)
    .filter((s) => s.typeCovered === type);
}

/** Keeps only the NSEC or NSEC3 records whose own signatures validate. */
function validated<T extends "NSEC" | "NSEC3">(input: DenialInput, type: T): { records: Extract<DnsRecord, { type: T }>[]; bad: string[] } {
  const records: Extract<DnsRecord, { type: T }>[] = [];
  const bad: string[] = [];
  for (const r of input.authority) {
    if (r.type !== type) continue;
    const v = validateRRset({
      records: [r],
      signatures: rrsigsFor(input.authority, r.name, type),
      zone: input.zone,
      keys: input.keys,
      nowSeconds: input.nowSeconds,
    });
    if (v.state === "secure") records.push(r as Extract<DnsRecord, { type: T }>);
    else bad.push(v.reason);
  }
  return { records, bad };
}

/** True when owner < name < next in canonical order, wrapping at the zone apex. */
export function nsecCovers(owner: string, next: string, name: string): boolean {
  const afterOwner = compareCanonical(owner, name) < 0;
  const beforeNext = compareCanonical(name, next) < 0;
  const wraps = compareCanonical(next, owner) <= 0;
  return wraps ? afterOwner || beforeNext : afterOwner && beforeNext;
}

function nsecProof(input: DenialInput, nsecs: readonly { name: string; data: NsecData }[]): DenialResult {
  const name = fqdn(input.name);
  if (!input.nxdomain) {
    const match = nsecs.find((n) => fqdn(n.name) === name);
    if (!match) return { proven: false, reason: `no NSEC record for ${name}` };
    const types = new Set(match.data.rrtypes);
    if (types.has(input.type) || types.has("CNAME")) return { proven: false, reason: `the NSEC for ${name} lists ${input.type}` };
    if (input.type === "DS" && types.has("SOA") && name !== fqdn(input.zone)) {
      return { proven: false, reason: `the NSEC for ${name} comes from the child zone, not the parent` };
    }
    return { proven: true, how: `NSEC at ${name} lists no ${input.type}` };
  }
  const cover = nsecs.find((n) => nsecCovers(n.name, n.data.nextDomain, name));
  if (!cover) return { proven: false, reason: `no NSEC covers ${name}` };
  return { proven: true, how: `NSEC ${fqdn(cover.name)} -> ${fqdn(cover.data.nextDomain)} covers ${name}` };
}

const BASE32HEX = "0123456789abcdefghijklmnopqrstuv";

export function base32hex(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32HEX[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32HEX[(value << (5 - bits)) & 31];
  return out;
}

/** NSEC3 owner hash (RFC 5155 §5): iterated SHA-1 of the wire name and salt. */
export function nsec3Hash(name: string, salt: Buffer, iterations: number): string {
  let digest = createHash("sha1").update(nameToWire(name)).update(salt).digest();
  for (let i = 0; i < iterations; i += 1) digest = createHash("sha1").update(digest).update(salt).digest();
  return base32hex(digest);
}

interface Nsec3Entry {
  readonly hash: string;
  readonly data: Nsec3Data;
}

function nsec3Proof(input: DenialInput, records: readonly { name: string; data: Nsec3Data }[]): DenialResult {
  const entries: Nsec3Entry[] = records.map((r) => ({ hash: labels(r.name)[0] ?? "", data: r.data }));
  const params = entries[0].data;
  if (params.iterations > 500) return { proven: false, reason: `NSEC3 uses ${params.iterations} iterations, above the RFC 9276 limit` };
  const hashOf = (n: string): string => nsec3Hash(n, params.salt, params.iterations);
  const matching = (n: string): Nsec3Entry | undefined => entries.find((e) => e.hash === hashOf(n));
  const covering = (n: string): Nsec3Entry | undefined => {
    const h = hashOf(n);
    return entries.find((e) => {
      const next = base32hex(e.data.nextDomain);
      return e.hash < next ? e.hash < h && h < next : e.hash < h || h < next;
    });
  };
  const name = fqdn(input.name);
  if (!input.nxdomain) {
    const m = matching(name);
    if (m) {
      const types = new Set(m.data.rrtypes);
      if (types.has(input.type) || types.has("CNAME")) return { proven: false, reason: `the NSEC3 for ${name} lists ${input.type}` };
      return { proven: true, how: `NSEC3 for ${name} lists no ${input.type}` };
    }
    // An opt-out span may cover an unsigned delegation (RFC 5155 §8.6).
    const c = covering(name);
    if (input.type === "DS" && c && (c.data.flags & 1) === 1) return { proven: true, how: `opt-out NSEC3 covers ${name}` };
    return { proven: false, reason: `no NSEC3 matches ${name}` };
  }
  // Closest encloser proof (RFC 5155 §8.4): an ancestor matches, the next closer name is covered.
  let child = name;
  for (let ce = parentName(name); isAtOrBelow(ce, input.zone); ce = parentName(ce)) {
    if (matching(ce)) {
      if (covering(child)) return { proven: true, how: `NSEC3 closest encloser ${ce} and next closer ${child}` };
      return { proven: false, reason: `no NSEC3 covers the next closer name ${child}` };
    }
    child = ce;
    if (ce === ".") break;
  }
  return { proven: false, reason: `no NSEC3 proves a closest encloser for ${name}` };
}

/** Checks that the signed NSEC or NSEC3 records in `authority` prove the denial. */
export function proveDenial(input: DenialInput): DenialResult {
  const nsec = validated(input, "NSEC");
  if (nsec.records.length > 0) return nsecProof(input, nsec.records);
  const nsec3 = validated(input, "NSEC3");
  if (nsec3.records.length > 0) return nsec3Proof(input, nsec3.records);
  const bad = [...nsec.bad, ...nsec3.bad];
  if (bad.length > 0) return { proven: false, reason: `denial records do not validate: ${bad[0]}` };
  return { proven: false, reason: "the reply has no NSEC or NSEC3 records" };
}
