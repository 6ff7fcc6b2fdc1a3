import * as dnsPacket from "dns-packet";
import type { Answer, DsData, RecordType } from "dns-packet";
import type { DnsRecord } from "../../../../tools/verify/dns/rdata";
import { dsFromKey } from "../../../../tools/verify/dnssec/ds-digest";
import { fqdn, isAtOrBelow } from "../../../../tools/verify/dnssec/names";
import type { TrustAnchor } from "../../../../tools/verify/dnssec/trust-anchor";
import { makeKey, signRRset, type TestKey } from "./signer";

/**
 * An in-memory signed hierarchy ("." and "example.") answering like one
 * authoritative server for both zones, for tests that must run without BIND.
 */
export interface FakeHierarchy {
  readonly anchor: TrustAnchor;
  /** Builds the wire reply to a query, as the server would send it. */
  reply(query: Buffer): Buffer;
}

const strip = (n: string): string => (n === "." ? "." : fqdn(n).slice(0, -1));

export function fakeHierarchy(): FakeHierarchy {
  const rootKey = makeKey(13);
  const childKey = makeKey(13);
  const zones: { zone: string; key: TestKey; records: DnsRecord[] }[] = [];
  const soa = (zone: string): DnsRecord => ({ name: strip(zone), type: "SOA", ttl: 300, class: "IN", data: { mname: `ns.${zone}`, rname: `h.${zone}`, serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 300 } });
  const childDs = dsFromKey("example.", childKey.dnskey, 2) as DsData;
  zones.push({
    zone: ".",
    key: rootKey,
    records: [
      soa("."),
      { name: ".", type: "NS", ttl: 300, class: "IN", data: "ns.root." },
      { name: ".", type: "DNSKEY", ttl: 300, class: "IN", data: rootKey.dnskey },
      { name: "example", type: "DS", ttl: 300, class: "IN", data: childDs },
    ],
  });
  zones.push({
    zone: "example.",
    key: childKey,
    records: [
      soa("example."),
      { name: "example", type: "NS", ttl: 300, class: "IN", data: "ns.example." },
      { name: "example", type: "DNSKEY", ttl: 300, class: "IN", data: childKey.dnskey },
      { name: "www.example", type: "A", ttl: 300, class: "IN", data: "192.0.2.1" },
    ],
  });
  const signed = new Map<string, Answer[]>();
  for (const z of zones) {
    const groups = new Map<string, DnsRecord[]>();
    for (const r of z.records) {
      const k = `${fqdn(r.name)}|${r.type}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const [k, rrset] of groups) {
      const sig = signRRset(rrset, z.key, { signer: z.zone });
      signed.set(k, [...rrset, { name: rrset[0].name, type: "RRSIG", ttl: 300, class: "IN", data: sig }]);
    }
  }
  const anchor: TrustAnchor = { zone: ".", source: "test", ds: [dsFromKey(".", rootKey.dnskey, 2) as DsData], dnskeys: [] };
  return {
    anchor,
    reply(query: Buffer): Buffer {
      const q = dnsPacket.decode(query);
      const question = q.questions![0];
      const name = fqdn(question.name);
      const answers = signed.get(`${name}|${question.type}`) ?? [];
      const zone = isAtOrBelow(name, "example.") ? "example." : ".";
      return dnsPacket.encode({
        type: "response",
        id: q.id,
        flags: dnsPacket.AUTHORITATIVE_ANSWER,
        questions: [{ name: question.name, type: question.type as RecordType, class: "IN" }],
        answers,
        authorities: answers.length ? [] : signed.get(`${zone}|SOA`) ?? [],
      });
    },
  };
}
