import * as dnsPacket from "dns-packet";
import type { Answer, RecordType } from "dns-packet";
import { describe, expect, it } from "vitest";
import { Resolver } from "../../../../tools/verify/dns/resolver";
import { checkReply, type Server, type Transport } from "../../../../tools/verify/dns/transport";

type Zone = { aa: boolean; answers?: Answer[]; authorities?: Answer[]; additionals?: Answer[] };

/** Scripted authoritative servers keyed by "host name type"; anything else gets NXDOMAIN. */
function scripted(table: Record<string, Zone>, log: string[]): Transport {
  return async (server: Server, name: string, type: RecordType) => {
    log.push(`${server.host} ${name} ${type}`);
    const z = table[`${server.host} ${name} ${type}`];
    const bytes = dnsPacket.encode({
      type: "response",
      id: 1,
      flags: (z?.aa ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | (z ? 0 : 3),
      questions: [{ name: name === "." ? "." : name.replace(/\.$/, ""), type }],
      answers: z?.answers ?? [],
      authorities: z?.authorities ?? [],
      additionals: z?.additionals ?? [],
    });
    const r = checkReply(bytes, 1, name, type);
    return r.ok ? { ok: true, message: r.message, via: "udp" } : { ok: false, error: r.error };
  };
}

const soa = (name: string): Answer => ({ name, type: "SOA", ttl: 60, class: "IN", data: { mname: "ns", rname: "h", serial: 1 } });
const ns = (name: string, host: string): Answer => ({ name, type: "NS", ttl: 60, class: "IN", data: host });
const a = (name: string, ip: string): Answer => ({ name, type: "A", ttl: 60, class: "IN", data: ip });

describe("Resolver.findCuts from the root", () => {
  it("follows referrals with glue, and resolves out-of-zone name servers without glue", async () => {
    const log: string[] = [];
    const transport = scripted(
      {
        // root: referral to com. with glue
        "127.0.0.1 com. SOA": { aa: false, authorities: [ns("com", "a.gtld.com")], additionals: [a("a.gtld.com", "127.0.0.2")] },
        // com.: referral to example.com. whose server lives under net. (no glue)
        "127.0.0.2 example.com. SOA": { aa: false, authorities: [ns("example.com", "ns1.dns.net")] },
        "127.0.0.2 www.example.com. SOA": { aa: false, authorities: [ns("example.com", "ns1.dns.net")] },
        "127.0.0.1 net. SOA": { aa: false, authorities: [ns("net", "a.gtld.net")], additionals: [a("a.gtld.net", "127.0.0.3")] },
        "127.0.0.3 dns.net. SOA": { aa: false, authorities: [ns("dns.net", "ns.dns.net")], additionals: [a("ns.dns.net", "127.0.0.4")] },
        "127.0.0.4 ns1.dns.net. SOA": { aa: true, authorities: [soa("dns.net")] },
        "127.0.0.4 ns1.dns.net. A": { aa: true, answers: [a("ns1.dns.net", "127.0.0.5")] },
        // example.com.'s own server answers at the apex, and NODATA below it
        "127.0.0.5 example.com. SOA": { aa: true, answers: [soa("example.com")] },
        "127.0.0.5 www.example.com. SOA": { aa: true, authorities: [soa("example.com")] },
      },
      log,
    );
    const resolver = new Resolver({ transport, rootServers: [{ host: "127.0.0.1", port: 53 }] });
    const r = await resolver.findCuts("www.example.com");
    expect(r).toEqual({
      ok: true,
      cuts: [
        { zone: ".", servers: [{ host: "127.0.0.1", port: 53 }] },
        { zone: "com.", servers: [{ host: "127.0.0.2", port: 53 }] },
        { zone: "example.com.", servers: [{ host: "127.0.0.5", port: 53 }] },
      ],
    });
  });

  it("sends every query to the fixed server with --nameserver", async () => {
    const log: string[] = [];
    const transport = scripted({ "127.0.0.9 example. SOA": { aa: true, answers: [soa("example")] } }, log);
    const fixed = { host: "127.0.0.9", port: 5300 };
    const resolver = new Resolver({ transport, rootServers: [{ host: "127.0.0.1", port: 53 }], fixedServer: fixed });
    const r = await resolver.findCuts("example.");
    expect(r.ok && r.cuts.map((c) => c.zone)).toEqual([".", "example."]);
    expect(log.every((l) => l.startsWith("127.0.0.9 "))).toBe(true);
  });

  it("asks each server once per question, from its cache", async () => {
    const log: string[] = [];
    const transport = scripted({ "127.0.0.9 example. SOA": { aa: true, answers: [soa("example")] } }, log);
    const resolver = new Resolver({ transport, rootServers: [{ host: "127.0.0.9", port: 53 }] });
    await Promise.all([resolver.findCuts("example."), resolver.findCuts("example."), resolver.query([{ host: "127.0.0.9", port: 53 }], "example.", "SOA")]);
    expect(log).toEqual(["127.0.0.9 example. SOA"]);
  });
});
