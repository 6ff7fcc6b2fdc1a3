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

export type DenialResult =
  | { readonly proven: true; readonly how: string }
  /** `insecure`: the proof cannot be checked by policy (NSEC3 iterations above the limit), so the answer counts as unsigned. */
  | { readonly proven: false; readonly reason: string; readonly insecure?: boolean };

/**
 * NSEC3 iterations above which BIND treats an answer as insecure instead of spending the hashing
 * work (RFC 9276 §3.2 lets validators do so; BIND 9.16.16 and later use 150).
 */
export const MAX_NSEC3_ITERATIONS = 150;

function tooManyIterations(iterations: number): DenialResult | undefined {
  if (iterations <= MAX_NSEC3_ITERATIONS) return undefined;
  return { proven: false, insecure: true, reason: `NSEC3 uses ${iterations} iterations, above ${MAX_NSEC3_ITERATIONS}: the answer is treated as insecure, as BIND does (RFC 9276 §3.2)` };
}

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

/** Labels an RRSIG must count for an owner that is not a wildcard expansion ("*" is not counted). */
function ownLabels(owner: string): number {
  const l = labels(owner);
  return l[0] === "*" ? l.length - 1 : l.length;
}

/**
 * Keeps only the NSEC or NSEC3 records whose own signatures validate. An NSEC signed as a
 * wildcard expansion (labels field below the owner's) is refused: a denial record is never
 * synthesized from a wildcard, and accepting one would let a replayed "*.example." NSEC deny
 * any name (RFC 4035 §5.3.4).
 */
function validated<T extends "NSEC" | "NSEC3">(input: DenialInput, type: T): { records: Extract<DnsRecord, { type: T }>[]; bad: string[] } {
  const records: Extract<DnsRecord, { type: T }>[] = [];
  const bad: string[] = [];
  for (const r of input.authority) {
    if (r.type !== type) continue;
    const v = validateRRset({
      records: [r],
      signatures: rrsigsFor(input.authority, r.name, type).filter((s) => s.labels === ownLabels(r.name)),
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

/** The longest common ancestor of two names. */
function commonAncestor(a: string, b: string): string {
  const la = labels(a).reverse();
  const lb = labels(b).reverse();
  const shared: string[] = [];
  for (let i = 0; i < Math.min(la.length, lb.length) && la[i] === lb[i]; i += 1) shared.push(la[i]);
  return shared.length === 0 ? "." : `${shared.reverse().join(".")}.`;
}

/** The wildcard that would have answered below `ce`. */
function wildcardAt(ce: string): string {
  return ce === "." ? "*." : `*.${ce}`;
}

/** An NSEC that "matches" must list neither the type nor a CNAME (RFC 4035 §5.4). */
function typeAbsent(rrtypes: readonly string[], type: string): boolean {
  return !rrtypes.includes(type) && !rrtypes.includes("CNAME");
}

type Nsec = { name: string; data: NsecData };

function nsecProof(input: DenialInput, nsecs: readonly Nsec[]): DenialResult {
  const name = fqdn(input.name);
  const matching = (n: string): Nsec | undefined => nsecs.find((r) => fqdn(r.name) === fqdn(n));
  const covering = (n: string): Nsec | undefined => nsecs.find((r) => nsecCovers(r.name, r.data.nextDomain, n));
  // RFC 4035 §5.4: the closest encloser is the longer of the names the covering NSEC's ends share with the name.
  const encloser = (cover: Nsec): string => {
    const a = commonAncestor(cover.name, name);
    const b = commonAncestor(cover.data.nextDomain, name);
    return labels(a).length >= labels(b).length ? a : b;
  };
  if (!input.nxdomain) {
    const match = matching(name);
    if (match) {
      if (!typeAbsent(match.data.rrtypes, input.type)) return { proven: false, reason: `the NSEC for ${name} lists ${input.type}` };
      if (input.type === "DS" && match.data.rrtypes.includes("SOA") && name !== fqdn(input.zone)) {
        return { proven: false, reason: `the NSEC for ${name} comes from the child zone, not the parent` };
      }
      return { proven: true, how: `NSEC at ${name} lists no ${input.type}` };
    }
    const cover = covering(name);
    if (!cover) return { proven: false, reason: `no NSEC for ${name}` };
    // An empty non-terminal has no NSEC of its own: the NSEC before it points to a name below it.
    const next = fqdn(cover.data.nextDomain);
    if (next !== name && isAtOrBelow(next, name)) return { proven: true, how: `${name} is an empty non-terminal: NSEC ${fqdn(cover.name)} -> ${next}` };
    // Wildcard NODATA (RFC 4035 §3.1.3.4): no closer match, and the wildcard lacks the type.
    const wildcard = wildcardAt(encloser(cover));
    const wild = matching(wildcard);
    if (wild && typeAbsent(wild.data.rrtypes, input.type)) {
      return { proven: true, how: `NSEC ${fqdn(cover.name)} -> ${next} covers ${name} and the NSEC at ${wildcard} lists no ${input.type}` };
    }
    return { proven: false, reason: `no NSEC for ${name}, and no NSEC proves that ${wildcard} lacks ${input.type}` };
  }
  const cover = covering(name);
  if (!cover) return { proven: false, reason: `no NSEC covers ${name}` };
  // NXDOMAIN also needs the proof that no wildcard could have answered (RFC 4035 §5.4).
  const wildcard = wildcardAt(encloser(cover));
  const wildCover = covering(wildcard);
  if (!wildCover) return { proven: false, reason: `NSEC ${fqdn(cover.name)} -> ${fqdn(cover.data.nextDomain)} covers ${name}, but no NSEC proves that ${wildcard} does not exist` };
  return { proven: true, how: `NSEC ${fqdn(cover.name)} -> ${fqdn(cover.data.nextDomain)} covers ${name}, NSEC ${fqdn(wildCover.name)} -> ${fqdn(wildCover.data.nextDomain)} covers ${wildcard}` };
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

/** The NSEC3 records of one reply, with the hash of their owner names, and the lookups RFC 5155 §8 needs. */
function nsec3Index(records: readonly { name: string; data: Nsec3Data }[]) {
  const entries: Nsec3Entry[] = records.map((r) => ({ hash: labels(r.name)[0] ?? "", data: r.data }));
  const params = entries[0].data;
  const hashOf = (n: string): string => nsec3Hash(n, params.salt, params.iterations);
  const matching = (n: string): Nsec3Entry | undefined => entries.find((e) => e.hash === hashOf(n));
  const covering = (n: string): Nsec3Entry | undefined => {
    const h = hashOf(n);
    return entries.find((e) => {
      const next = base32hex(e.data.nextDomain);
      return e.hash < next ? e.hash < h && h < next : e.hash < h || h < next;
    });
  };
  return { params, matching, covering };
}

type Nsec3Index = ReturnType<typeof nsec3Index>;

/** Closest encloser proof (RFC 5155 §8.3): an ancestor matches and the next closer name is covered. */
function closestEncloser(index: Nsec3Index, name: string, zone: string): { ce: string; nextCloser: string; optOut: boolean } | { reason: string } {
  let child = name;
  for (let ce = parentName(name); isAtOrBelow(ce, zone); ce = parentName(ce)) {
    if (index.matching(ce)) {
      const cover = index.covering(child);
      if (cover) return { ce, nextCloser: child, optOut: (cover.data.flags & 1) === 1 };
      return { reason: `no NSEC3 covers the next closer name ${child}` };
    }
    child = ce;
    if (ce === ".") break;
  }
  return { reason: `no NSEC3 proves a closest encloser for ${name}` };
}

function nsec3Proof(input: DenialInput, records: readonly { name: string; data: Nsec3Data }[]): DenialResult {
  const limit = tooManyIterations(records[0].data.iterations);
  if (limit) return limit;
  const index = nsec3Index(records);
  const name = fqdn(input.name);
  if (!input.nxdomain) {
    const m = index.matching(name);
    if (m) {
      if (!typeAbsent(m.data.rrtypes, input.type)) return { proven: false, reason: `the NSEC3 for ${name} lists ${input.type}` };
      return { proven: true, how: `NSEC3 for ${name} lists no ${input.type}` };
    }
    const proof = closestEncloser(index, name, input.zone);
    if ("reason" in proof) return { proven: false, reason: `no NSEC3 matches ${name}, and ${proof.reason}` };
    // An opt-out span may cover an unsigned delegation (RFC 5155 §8.6).
    if (input.type === "DS" && proof.optOut) return { proven: true, how: `opt-out NSEC3 covers ${proof.nextCloser}` };
    // Wildcard NODATA (RFC 5155 §8.7): the wildcard at the closest encloser lacks the type.
    const wildcard = wildcardAt(proof.ce);
    const wild = index.matching(wildcard);
    if (wild && typeAbsent(wild.data.rrtypes, input.type)) {
      return { proven: true, how: `NSEC3 closest encloser ${proof.ce}, and the NSEC3 for ${wildcard} lists no ${input.type}` };
    }
    return { proven: false, reason: `no NSEC3 matches ${name}, and none proves that ${wildcard} lacks ${input.type}` };
  }
  // NXDOMAIN (RFC 5155 §8.4): closest encloser proof, and no wildcard at the closest encloser.
  const proof = closestEncloser(index, name, input.zone);
  if ("reason" in proof) return { proven: false, reason: proof.reason };
  const wildcard = wildcardAt(proof.ce);
  if (!index.covering(wildcard)) return { proven: false, reason: `NSEC3 closest encloser ${proof.ce} and next closer ${proof.nextCloser}, but no NSEC3 proves that ${wildcard} does not exist` };
  return { proven: true, how: `NSEC3 closest encloser ${proof.ce}, next closer ${proof.nextCloser} and wildcard ${wildcard} covered` };
}

/**
 * A wildcard expansion: the RRSIG's labels field says the answer was made from "*.<closest
 * encloser>" (RFC 4035 §5.3.2). It is only valid with proof that the name itself, or any
 * name closer to it, does not exist (RFC 4035 §5.3.4, RFC 5155 §8.8); without it a replayed
 * wildcard answer would stand in for a real record.
 */
export function proveWildcardAnswer(input: Omit<DenialInput, "nxdomain" | "type"> & { readonly signedLabels: number }): DenialResult {
  const name = fqdn(input.name);
  const l = labels(name);
  const source = `*.${l.slice(l.length - input.signedLabels).join(".")}${input.signedLabels === 0 ? "" : "."}`;
  const nextCloser = `${l.slice(l.length - input.signedLabels - 1).join(".")}.`;
  const asDenial: DenialInput = { ...input, type: "ANY", nxdomain: true };
  const nsec = validated(asDenial, "NSEC");
  if (nsec.records.length > 0) {
    const cover = nsec.records.find((r) => nsecCovers(r.name, r.data.nextDomain, name));
    if (cover) return { proven: true, how: `expanded from ${source}; NSEC ${fqdn(cover.name)} -> ${fqdn(cover.data.nextDomain)} covers ${name}` };
    return { proven: false, reason: `expanded from ${source}, but no NSEC proves that ${name} does not exist` };
  }
  const nsec3 = validated(asDenial, "NSEC3");
  if (nsec3.records.length > 0) {
    const limit = tooManyIterations(nsec3.records[0].data.iterations);
    if (limit) return limit;
    const index = nsec3Index(nsec3.records);
    if (index.covering(nextCloser)) return { proven: true, how: `expanded from ${source}; NSEC3 covers the next closer name ${nextCloser}` };
    return { proven: false, reason: `expanded from ${source}, but no NSEC3 covers the next closer name ${nextCloser}` };
  }
  const bad = [...nsec.bad, ...nsec3.bad];
  return { proven: false, reason: `expanded from ${source} without proof that ${name} does not exist${bad.length ? `: denial records do not validate: ${bad[0]}` : ""}` };
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
