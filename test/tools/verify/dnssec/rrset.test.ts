import { describe, expect, it } from "vitest";
import type { DnsRecord } from "../../../../tools/verify/dns/rdata";
import { keyTag } from "../../../../tools/verify/dnssec/keytag";
import { validateRRset } from "../../../../tools/verify/dnssec/rrset";
import { makeKey, signRRset } from "../helpers/signer";

const now = Math.floor(Date.now() / 1000);
const a = (name: string, ip: string): DnsRecord => ({ name, type: "A", ttl: 300, class: "IN", data: ip });
const rrset: DnsRecord[] = [a("www.example.test", "192.0.2.2"), a("WWW.Example.test", "192.0.2.1")];

describe.each([13, 14, 15, 8] as const)("algorithm %i", (alg) => {
  const key = makeKey(alg, 256);

  it("accepts a good signature whatever the owner's case and record order", () => {
    const sig = signRRset(rrset, key, { signer: "example.test." });
    const r = validateRRset({ records: [...rrset].reverse(), signatures: [sig], zone: "Example.Test", keys: [key.dnskey], nowSeconds: now });
    expect(r).toMatchObject({ state: "secure", keyTag: key.tag, algorithm: alg });
  });

  it("rejects a changed record", () => {
    const sig = signRRset(rrset, key, { signer: "example.test." });
    const tampered: DnsRecord[] = [rrset[0], a(rrset[1].name, "192.0.2.99")];
    const r = validateRRset({ records: tampered, signatures: [sig], zone: "example.test.", keys: [key.dnskey], nowSeconds: now });
    expect(r).toMatchObject({ state: "bogus" });
    if (r.state === "bogus") expect(r.reason).toMatch(/does not verify/);
  });
});

describe("validity window and key matching", () => {
  const key = makeKey(13, 256);

  it("reports an expired RRSIG", () => {
    const sig = signRRset(rrset, key, { signer: "example.test.", inception: now - 7200, expiration: now - 60 });
    const r = validateRRset({ records: rrset, signatures: [sig], zone: "example.test.", keys: [key.dnskey], nowSeconds: now });
    expect(r.state === "bogus" && r.reason).toMatch(/expired at/);
  });

  it("reports a not-yet-valid RRSIG", () => {
    const sig = signRRset(rrset, key, { signer: "example.test.", inception: now + 600, expiration: now + 7200 });
    const r = validateRRset({ records: rrset, signatures: [sig], zone: "example.test.", keys: [key.dnskey], nowSeconds: now });
    expect(r.state === "bogus" && r.reason).toMatch(/not valid before/);
  });

  it("reports an RRSIG whose key tag matches no DNSKEY", () => {
    const other = makeKey(13, 256);
    const sig = signRRset(rrset, key, { signer: "example.test." });
    const r = validateRRset({ records: rrset, signatures: [sig], zone: "example.test.", keys: [other.dnskey], nowSeconds: now });
    expect(r.state === "bogus" && r.reason).toMatch(/matches no DNSKEY/);
  });

  it("reports a missing RRSIG", () => {
    const r = validateRRset({ records: rrset, signatures: [], zone: "example.test.", keys: [key.dnskey], nowSeconds: now });
    expect(r.state === "bogus" && r.reason).toMatch(/has no RRSIG/);
  });

  it("rejects a signer outside the zone", () => {
    const sig = signRRset(rrset, key, { signer: "test." });
    const r = validateRRset({ records: rrset, signatures: [sig], zone: "example.test.", keys: [key.dnskey], nowSeconds: now });
    expect(r.state === "bogus" && r.reason).toMatch(/expected example\.test\./);
  });

  it("validates a wildcard expansion against the signed wildcard owner", () => {
    const wild: DnsRecord[] = [{ name: "*.example.test", type: "TXT", ttl: 60, class: "IN", data: ["hello"] }];
    const sig = signRRset(wild, key, { signer: "example.test." });
    const expanded: DnsRecord[] = [{ ...wild[0], name: "anything.example.test" }];
    const r = validateRRset({ records: expanded, signatures: [sig], zone: "example.test.", keys: [key.dnskey], nowSeconds: now });
    expect(r.state).toBe("secure");
  });
});

describe("validateRRset explains a signature by a key outside the trusted set", () => {
  const ksk = makeKey(13, 257);
  const zsk = makeKey(13, 256);
  const now = Math.floor(Date.now() / 1000);
  const rrset: DnsRecord[] = [
    { name: "example", type: "DNSKEY", ttl: 300, class: "IN", data: ksk.dnskey },
    { name: "example", type: "DNSKEY", ttl: 300, class: "IN", data: zsk.dnskey },
  ];
  it("says the key is published but named by no DS", () => {
    const sig = signRRset(rrset, zsk, { signer: "example." });
    const r = validateRRset({ records: rrset, signatures: [sig], zone: "example.", keys: [ksk.dnskey], published: [ksk.dnskey, zsk.dnskey], nowSeconds: now });
    expect(r).toEqual({ state: "bogus", reason: `RRSIG ${zsk.tag}/ECDSAP256SHA256 is by DNSKEY ${zsk.tag}, which example. publishes but no DS or trust anchor names` });
  });
  it("mentions the REVOKE flag of a revoked key", () => {
    const revoked = { ...ksk.dnskey, flags: ksk.dnskey.flags | 0x80 };
    const revokedKey = { ...ksk, dnskey: revoked, tag: keyTag(revoked) };
    const sig = signRRset(rrset, revokedKey, { signer: "example." });
    const r = validateRRset({ records: rrset, signatures: [sig], zone: "example.", keys: [revoked], nowSeconds: now });
    expect(r.state === "bogus" && r.reason).toMatch(/DNSKEY \d+ has the REVOKE flag set \(RFC 5011\)/);
  });
});
