import { describe, expect, it } from "vitest";
import type { DnsRecord } from "../../../../tools/verify/dns/rdata";
import { base32hex, nsec3Hash, nsecCovers, proveDenial } from "../../../../tools/verify/dnssec/denial";
import { makeKey, signRRset } from "../helpers/signer";

describe("NSEC3 hashing (RFC 5155)", () => {
  it("matches the RFC 5155 Appendix A hash of example.", () => {
    expect(nsec3Hash("example.", Buffer.from("aabbccdd", "hex"), 12)).toBe("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom");
  });
  it("encodes base32hex without padding", () => {
    expect(base32hex(Buffer.from("f"))).toBe("co");
  });
});

describe("nsecCovers", () => {
  it("covers a name between owner and next", () => expect(nsecCovers("a.example.", "d.example.", "b.example.")).toBe(true));
  it("does not cover the owner itself", () => expect(nsecCovers("a.example.", "d.example.", "a.example.")).toBe(false));
  it("wraps around at the last NSEC of the zone", () => expect(nsecCovers("z.example.", "example.", "zz.example.")).toBe(true));
});

describe("proveDenial with NSEC", () => {
  const key = makeKey(13, 256);
  const now = Math.floor(Date.now() / 1000);
  const nsec: DnsRecord = { name: "child.example", type: "NSEC", ttl: 300, class: "IN", data: { nextDomain: "d.example", rrtypes: ["NS", "RRSIG", "NSEC"] } };
  const sig = signRRset([nsec], key, { signer: "example." });
  const authority: DnsRecord[] = [nsec, { name: "child.example", type: "RRSIG", ttl: 300, class: "IN", data: sig }];
  const base = { zone: "example.", keys: [key.dnskey], nowSeconds: now, nxdomain: false };

  it("proves an insecure delegation: the NSEC at the child lists NS but no DS", () => {
    expect(proveDenial({ ...base, name: "child.example.", type: "DS", authority })).toMatchObject({ proven: true });
  });
  it("refuses a proof when the NSEC lists the type", () => {
    expect(proveDenial({ ...base, name: "child.example.", type: "NS", authority })).toMatchObject({ proven: false, reason: expect.stringMatching(/lists NS/) });
  });
  it("refuses unsigned denial records", () => {
    expect(proveDenial({ ...base, name: "child.example.", type: "DS", authority: [nsec] })).toMatchObject({ proven: false, reason: expect.stringMatching(/do not validate/) });
  });
  it("refuses a reply without denial records", () => {
    expect(proveDenial({ ...base, name: "child.example.", type: "DS", authority: [] })).toEqual({ proven: false, reason: "the reply has no NSEC or NSEC3 records" });
  });
  it("proves NXDOMAIN with a covering NSEC and the NSEC that denies the wildcard", () => {
    const apex: DnsRecord = { name: "example", type: "NSEC", ttl: 300, class: "IN", data: { nextDomain: "child.example", rrtypes: ["SOA", "NS", "RRSIG", "NSEC", "DNSKEY"] } };
    const apexSig: DnsRecord = { name: "example", type: "RRSIG", ttl: 300, class: "IN", data: signRRset([apex], key, { signer: "example." }) };
    const both = [...authority, apex, apexSig];
    expect(proveDenial({ ...base, nxdomain: true, name: "cz.example.", type: "A", authority: both })).toMatchObject({ proven: true });
    // "c" sorts before "child" in canonical order (RFC 4034 §6.1), so child.example's NSEC does not cover it.
    expect(proveDenial({ ...base, nxdomain: true, name: "c.example.", type: "A", authority: [...authority] })).toMatchObject({ proven: false });
  });
  it("refuses an NXDOMAIN whose reply does not deny the wildcard (RFC 4035 §5.4)", () => {
    expect(proveDenial({ ...base, nxdomain: true, name: "cz.example.", type: "A", authority })).toEqual({
      proven: false,
      reason: "NSEC child.example. -> d.example. covers cz.example., but no NSEC proves that *.example. does not exist",
    });
  });
  it("proves an empty non-terminal: the covering NSEC's next name is below it", () => {
    const ent: DnsRecord = { name: "a.example", type: "NSEC", ttl: 300, class: "IN", data: { nextDomain: "x.b.example", rrtypes: ["A", "RRSIG", "NSEC"] } };
    const entSig: DnsRecord = { name: "a.example", type: "RRSIG", ttl: 300, class: "IN", data: signRRset([ent], key, { signer: "example." }) };
    expect(proveDenial({ ...base, name: "b.example.", type: "A", authority: [ent, entSig] })).toMatchObject({ proven: true, how: expect.stringMatching(/empty non-terminal/) });
    expect(proveDenial({ ...base, name: "c.example.", type: "A", authority: [ent, entSig] })).toMatchObject({ proven: false });
  });
  it("refuses an NSEC signed as a wildcard expansion, which could deny any name", () => {
    const wild: DnsRecord = { name: "*.example", type: "NSEC", ttl: 300, class: "IN", data: { nextDomain: "z.example", rrtypes: ["TXT", "RRSIG", "NSEC"] } };
    const wildSig = signRRset([wild], key, { signer: "example." });
    const renamed: DnsRecord[] = [
      { ...wild, name: "b.example" },
      { name: "b.example", type: "RRSIG", ttl: 300, class: "IN", data: wildSig },
    ];
    expect(proveDenial({ ...base, name: "b.example.", type: "A", authority: renamed })).toMatchObject({ proven: false });
  });
});

describe("proveDenial with NSEC3 iteration counts (RFC 9276)", () => {
  const key = makeKey(13, 256);
  const now = Math.floor(Date.now() / 1000);
  const proofWith = (iterations: number): DnsRecord[] => {
    const salt = Buffer.alloc(0);
    const owner = nsec3Hash("child.example.", salt, iterations);
    const nsec3: DnsRecord = {
      name: `${owner}.example`,
      type: "NSEC3",
      ttl: 300,
      class: "IN",
      data: { algorithm: 1, flags: 0, iterations, salt, nextDomain: Buffer.alloc(20, 0xff), rrtypes: ["NS"] },
    };
    return [nsec3, { name: nsec3.name, type: "RRSIG", ttl: 300, class: "IN", data: signRRset([nsec3], key, { signer: "example." }) }];
  };
  const base = { zone: "example.", keys: [key.dnskey], nowSeconds: now, nxdomain: false, name: "child.example.", type: "DS" };

  it("accepts a proof with 150 iterations, BIND's limit", () => {
    expect(proveDenial({ ...base, authority: proofWith(150) })).toMatchObject({ proven: true });
  });
  it("treats a proof above 150 iterations as insecure, not bogus, as BIND does", () => {
    expect(proveDenial({ ...base, authority: proofWith(151) })).toEqual({
      proven: false,
      insecure: true,
      reason: "NSEC3 uses 151 iterations, above 150: the answer is treated as insecure, as BIND does (RFC 9276 §3.2)",
    });
  });
});
