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
  it("proves NXDOMAIN with a covering NSEC", () => {
    expect(proveDenial({ ...base, nxdomain: true, name: "cz.example.", type: "A", authority })).toMatchObject({ proven: true });
    // "c" sorts before "child" in canonical order (RFC 4034 §6.1), so it is not covered.
    expect(proveDenial({ ...base, nxdomain: true, name: "c.example.", type: "A", authority })).toMatchObject({ proven: false });
  });
});
