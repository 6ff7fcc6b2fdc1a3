import { fail, pass, warn, type DomainReport } from "../../../../tools/verify/report";

/** A small bogus report: the DS at the parent matches no DNSKEY. */
export const BOGUS_REPORT: DomainReport = {
  schemaVersion: 1,
  domain: "example.com.",
  verdict: "bogus",
  exitCode: 2,
  checkedAt: "2026-01-01T00:00:00.000Z",
  durationMs: 12,
  trustAnchor: { zone: ".", source: "built-in root KSK" },
  zones: [".", "com.", "example.com."],
  checks: [
    pass("dns.dnskey.signed", ".", "the DNSKEY RRset is signed by key 20326"),
    warn("dns.dnskey.ksk", "com.", "no KSK | flagged", "publish a KSK"),
    fail("dns.ds.digest", "example.com.", "DS 1/ECDSAP256SHA256/SHA-256 matches no DNSKEY", "publish the right DS"),
  ],
  chain: [
    { from: "trust anchor .", to: "DNSKEY .", status: "pass", label: "anchors" },
    { from: "DNSKEY .", to: "DS com.", status: "pass", label: "signs" },
    { from: "DS example.com.", to: "DNSKEY example.com.", status: "fail", label: "no DS matches" },
  ],
};
