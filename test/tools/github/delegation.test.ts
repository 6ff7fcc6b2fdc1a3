import { createSocket, type Socket } from "node:dgram";
import type { AddressInfo } from "node:net";
import * as dnsPacket from "dns-packet";
import { afterEach, describe, expect, it } from "vitest";
import { matches, parentObserver, waitForDelegation, type Observation } from "../../../tools/github/delegation";

const ZONE_NS = ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"];

/** Replays observations, then repeats the last one; time advances by each sleep. */
function scripted(observations: Observation[]) {
  let clock = 0;
  let i = 0;
  const slept: number[] = [];
  return {
    slept,
    observe: async () => observations[Math.min(i++, observations.length - 1)],
    sleep: async (ms: number) => {
      slept.push(ms);
      clock += ms;
    },
    now: () => clock,
    calls: () => i,
  };
}

describe("waitForDelegation", () => {
  it("returns after one lookup when the parent already delegates to the zone (later applies pay nothing more)", async () => {
    const s = scripted([{ ok: true, parent: "example.", nameServers: ["NS-2.awsdns-02.co.uk.", "ns-1.awsdns-01.org."] }]);
    expect(await waitForDelegation({ domain: "shop.example", nameServers: ZONE_NS, ...s })).toEqual({ delegated: true, attempts: 1 });
    expect(s.slept).toEqual([]);
  });

  it("waits while the parent lists other name servers, then goes on", async () => {
    const log: string[] = [];
    const s = scripted([
      { ok: false, error: "timed out" },
      { ok: true, parent: "example.", nameServers: ["ns1.parking.example."] },
      { ok: true, parent: "example.", nameServers: ZONE_NS },
    ]);
    const r = await waitForDelegation({ domain: "shop.example", nameServers: ZONE_NS, intervalMs: 10_000, log: (l) => log.push(l), ...s });
    expect(r).toEqual({ delegated: true, attempts: 3 });
    expect(log[1]).toBe("attempt 2: example. lists ns1.parking.example. for shop.example; waiting for ns-1.awsdns-01.org., ns-2.awsdns-02.co.uk. (60 min left).");
  });

  it("gives up at the bound with the fix in one line", async () => {
    const s = scripted([{ ok: true, parent: "example.", nameServers: [] }]);
    const r = await waitForDelegation({ domain: "shop.example", nameServers: ZONE_NS, timeoutMs: 5 * 60_000, intervalMs: 60_000, ...s });
    expect(r).toEqual({
      delegated: false,
      message:
        "shop.example is not delegated to its Route 53 name servers after 5 min (example. lists no name servers for shop.example): " +
        "set ns-1.awsdns-01.org., ns-2.awsdns-02.co.uk. at the registrar (the zone stack's name_servers output), then re-run this job.",
    });
    expect(s.slept.reduce((a, b) => a + b, 0)).toBe(5 * 60_000);
    expect(s.calls()).toBe(6);
  });

  it("does not accept a partial delegation", () => {
    expect(matches(["ns-1.awsdns-01.org"], ZONE_NS)).toBe(false);
    expect(matches([...ZONE_NS, "ns.old.example"], ZONE_NS)).toBe(false);
    expect(matches(["NS-1.AWSDNS-01.ORG.", "ns-2.awsdns-02.co.uk"], ZONE_NS)).toBe(true);
  });
});

describe("parentObserver (a DNS server on 127.0.0.1 as root and parent)", () => {
  let server: Socket | undefined;
  afterEach(() => server?.close());

  /** Authoritative for `test.`; delegates `shop.test.` to `delegation` when set. */
  async function startParent(state: { delegation?: string[] }): Promise<number> {
    server = createSocket("udp4");
    server.on("message", (msg, rinfo) => {
      const q = dnsPacket.decode(msg);
      const question = q.questions![0];
      const name = question.name.toLowerCase().replace(/\.$/, "");
      const base = { type: "response" as const, id: q.id, questions: q.questions };
      let reply: dnsPacket.Packet;
      if (name === "test") {
        reply = { ...base, flags: dnsPacket.AUTHORITATIVE_ANSWER, answers: [{ type: "SOA", name: "test", ttl: 60, data: { mname: "ns.test", rname: "h.test", serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 1 } }] };
      } else if ((name === "shop.test" || name.endsWith(".shop.test")) && state.delegation) {
        reply = {
          ...base,
          authorities: state.delegation.map((data) => ({ type: "NS" as const, name: "shop.test", ttl: 60, data })),
          additionals: state.delegation.map((n) => ({ type: "A" as const, name: n, ttl: 60, data: "127.0.0.1" })),
        };
      } else {
        reply = { ...base, flags: dnsPacket.AUTHORITATIVE_ANSWER | 3, authorities: [] };
      }
      server!.send(dnsPacket.encode(reply), rinfo.port, rinfo.address);
    });
    await new Promise<void>((resolve) => server!.bind(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  it("reads the parent's referral for the domain, before and after the registrar change", async () => {
    const state: { delegation?: string[] } = {};
    const port = await startParent(state);
    const observe = parentObserver([{ host: "127.0.0.1", port }]);
    expect(await observe("shop.test")).toEqual({ ok: true, parent: "test.", nameServers: [] });
    state.delegation = ["ns1.parking.test"];
    expect(await observe("shop.test")).toEqual({ ok: true, parent: "test.", nameServers: ["ns1.parking.test."] });
    state.delegation = ZONE_NS;
    const seen = await observe("shop.test");
    expect(seen.ok && matches(seen.nameServers, ZONE_NS)).toBe(true);
  });
});
