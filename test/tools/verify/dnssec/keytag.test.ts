import { expect, it } from "vitest";
import { isRevoked, isSep, isZoneKey, keyTag } from "../../../../tools/verify/dnssec/keytag";
import { parseTrustAnchors } from "../../../../tools/verify/dnssec/trust-anchor";

// RFC 4034 §5.4 example key; its key tag is 60485 (the RFC's DS example).
const RFC4034_KEY = `dskey.example.com. 86400 IN DNSKEY 256 3 5 ( AQOeiiR0GOMYkDshWoSKz9Xz
    fwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZ
    DRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLU
    Uh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/r
    ljwvFw== ) ;  key id = 60485`;

it("computes the RFC 4034 example key tag", () => {
  const key = parseTrustAnchors(RFC4034_KEY, "rfc").dnskeys[0];
  expect(keyTag(key)).toBe(60485);
});

it("reads the zone, SEP and revoke flag bits", () => {
  const ksk = { flags: 257, algorithm: 13, key: Buffer.alloc(64) };
  const zsk = { flags: 256, algorithm: 13, key: Buffer.alloc(64) };
  const revoked = { flags: 385, algorithm: 13, key: Buffer.alloc(64) };
  expect([isZoneKey(ksk), isSep(ksk), isRevoked(ksk)]).toEqual([true, true, false]);
  expect([isZoneKey(zsk), isSep(zsk)]).toEqual([true, false]);
  expect(isRevoked(revoked)).toBe(true);
});
