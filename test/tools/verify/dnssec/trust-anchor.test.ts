import { expect, it } from "vitest";
import { parseTrustAnchors, ROOT_TRUST_ANCHOR } from "../../../../tools/verify/dnssec/trust-anchor";

it("reads DS lines as dnssec-dsfromkey prints them", () => {
  const a = parseTrustAnchors(
    ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n",
    "anchors.txt",
  );
  expect(a.zone).toBe(".");
  expect(a.ds[0]).toEqual(ROOT_TRUST_ANCHOR.ds[0]);
});

it("reads multi-line DNSKEY records with TTL, class and comments", () => {
  const a = parseTrustAnchors("; root key\nlab. 3600 IN DNSKEY 257 3 15 (\n  l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4= ) ; KSK\n", "f");
  expect(a.zone).toBe("lab.");
  expect(a.dnskeys[0]).toMatchObject({ flags: 257, algorithm: 15 });
  expect(a.dnskeys[0].key).toHaveLength(32);
});

it("rejects a file with records for two zones", () => {
  expect(() => parseTrustAnchors("a. DS 1 13 2 AABB\nb. DS 1 13 2 AABB", "two.txt")).toThrow(/one zone/);
});

it("rejects a record type other than DS or DNSKEY, naming the file and line", () => {
  expect(() => parseTrustAnchors("a. IN A 192.0.2.1", "x.txt")).toThrow(/x\.txt line 1: expected a DS or DNSKEY/);
});

it("rejects an empty file with the fix", () => {
  expect(() => parseTrustAnchors("; nothing\n", "empty.txt")).toThrow(/holds no DS or DNSKEY/);
});

it("rejects a DS digest that is not hex", () => {
  expect(() => parseTrustAnchors("a. DS 1 13 2 XYZ1", "x")).toThrow(/not hex/);
});
