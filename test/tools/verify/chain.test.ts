import * as dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { Resolver } from "../../../tools/verify/dns/resolver";
import { buildQuery, checkReply, type Transport } from "../../../tools/verify/dns/transport";
import type { Verdict } from "../../../tools/verify/report";
import { verifyDomain } from "../../../tools/verify/verify-domain";
import { fakeHierarchy } from "./helpers/fake-zone";
import { mutate, prng } from "./helpers/fuzz";

const hierarchy = fakeHierarchy();
const server = { host: "127.0.0.1", port: 5353 };

/** A transport that answers from the in-memory hierarchy, optionally corrupting each reply. */
function memoryTransport(corrupt?: (reply: Buffer) => Buffer): Transport {
  let id = 0;
  return async (_server, name, type) => {
    id = (id + 1) & 0xffff;
    const reply = hierarchy.reply(buildQuery(id, name, type, 1232));
    const bytes = corrupt ? corrupt(reply) : reply;
    const checked = checkReply(bytes, id, name, type);
    return checked.ok ? { ok: true, message: checked.message, via: "udp" } : { ok: false, error: checked.error };
  };
}

function verify(transport: Transport, domain = "example.") {
  const resolver = new Resolver({ transport, rootServers: [server], fixedServer: server });
  return verifyDomain(domain, { resolver, anchor: hierarchy.anchor, extraChecks: [{ name: "www.example.", type: "A" }], route53: undefined, requireSecure: false });
}

describe("verifyDomain without BIND", () => {
  it("finds an intact in-memory chain secure", async () => {
    const report = await verify(memoryTransport());
    expect(report.verdict).toBe("secure");
    expect(report.zones).toEqual([".", "example."]);
    expect(report.chain.map((l) => `${l.from} -> ${l.to}`)).toEqual([
      "trust anchor . -> DNSKEY .",
      "DNSKEY . -> DS example.",
      "DS example. -> DNSKEY example.",
      "DNSKEY example. -> SOA example.",
      "DNSKEY example. -> NS example.",
      "DNSKEY example. -> A www.example.",
    ]);
  });

  // The transport tests check that the message also names the server (this in-memory transport has none).
  it("ends a reply with a bad RDLENGTH as an error naming the malformed reply, not bogus", async () => {
    const badLength = memoryTransport((reply) => {
      const msg = dnsPacket.decode(reply);
      const first = msg.answers?.[0];
      if (!first || msg.questions?.[0].type !== "DNSKEY") return reply;
      // Header, the question (name, type, class), then the first answer's name (compressed or not), type, class and TTL.
      const qname = msg.questions[0].name === "." ? 1 : msg.questions[0].name.length + 2;
      const bytes = Buffer.from(reply);
      const nameAt = 12 + qname + 4;
      const aname = (bytes[nameAt] & 0xc0) === 0xc0 ? 2 : first.name === "." ? 1 : first.name.length + 2;
      const at = nameAt + aname + 8;
      bytes.writeUInt16BE(bytes.readUInt16BE(at) + 7, at);
      return bytes;
    });
    const report = await verify(badLength);
    expect(report.verdict).toBe("error");
    const failed = report.checks.filter((c) => c.status !== "pass");
    expect(failed[0]).toMatchObject({ id: "dns.dnskey.fetch", status: "error", summary: expect.stringMatching(/^malformed reply: record \d+ has RDLENGTH/) });
  });

  it("does not blame a parent's DS when the trust-anchor zone itself serves no DNSKEY", async () => {
    const noRootKeys = memoryTransport((reply) => {
      const msg = dnsPacket.decode(reply);
      if (msg.questions?.[0].type !== "DNSKEY" || msg.questions[0].name !== ".") return reply;
      return dnsPacket.encode({ ...msg, answers: [] });
    });
    const report = await verify(noRootKeys);
    expect(report.verdict).toBe("bogus");
    const check = report.checks.find((c) => c.id === "dns.dnskey.present");
    expect(check?.summary).toBe(". serves no DNSKEY, so nothing matches the trust anchor (test)");
  });

  it("reports error, not a crash, when every query fails", async () => {
    const report = await verify(async () => ({ ok: false, error: "timed out after 1 ms" }));
    expect(report.verdict).toBe("error");
    expect(report.checks[0]).toMatchObject({ id: "dns.zone.find", status: "error" });
  });
});

// "nxdomain" is asserted against BIND (proofs.bind.test.ts): this in-memory hierarchy answers no NXDOMAIN.
// "no-answer" is not reached here: the resolver answers the apex query from the zone search's cache.
describe("a domain that is not a zone: the JSON says why (cause), so a workflow can tell one not delegated yet from an outage", () => {
  const zoneCheck = (report: Awaited<ReturnType<typeof verify>>) => report.checks.find((c) => c.id === "dns.zone.exists" || c.id === "dns.zone.apex");

  it("cause not-delegated when the domain is a name inside its parent zone", async () => {
    const report = await verify(memoryTransport(), "www.example.");
    expect(report.exitCode).toBe(3);
    expect(zoneCheck(report)).toMatchObject({ id: "dns.zone.apex", status: "error", cause: "not-delegated" });
  });

  it("no cause on any other check", async () => {
    const report = await verify(memoryTransport());
    expect(report.checks.filter((c) => "cause" in c)).toEqual([]);
  });
});

describe("fuzz: random and mutated replies", () => {
  const VERDICTS: readonly Verdict[] = ["secure", "insecure", "bogus", "error"];

  it("never throws on random octets or mutations of real replies", () => {
    const rand = prng(0xd15ec);
    const real = hierarchy.reply(buildQuery(9, "example.", "DNSKEY", 1232));
    for (let i = 0; i < 3000; i += 1) {
      const bytes = i % 3 === 0 ? Buffer.from(Array.from({ length: Math.floor(rand() * 700) }, () => Math.floor(rand() * 256))) : mutate(real, rand);
      if (i % 3 === 0 && bytes.length >= 2) bytes.writeUInt16BE(9, 0);
      expect(() => checkReply(bytes, 9, "example.", "DNSKEY")).not.toThrow();
    }
  });

  it("always ends in a verdict when every reply may be corrupted", async () => {
    for (let seed = 1; seed <= 150; seed += 1) {
      const rand = prng(seed);
      // Corrupt about a third of the replies so the walk gets past the first query.
      const report = await verify(memoryTransport((r) => (rand() < 0.35 ? mutate(r, rand) : r)));
      expect(VERDICTS, `seed ${seed}`).toContain(report.verdict);
      if (report.verdict === "secure") expect(report.checks.every((c) => c.status !== "fail"), `seed ${seed}`).toBe(true);
    }
  });

  it("never calls a chain secure when a signed record was altered", async () => {
    const altered = memoryTransport((reply) => {
      const msg = dnsPacket.decode(reply);
      for (const a of msg.answers ?? []) if (a.type === "A") a.data = "192.0.2.66";
      return dnsPacket.encode(msg);
    });
    const report = await verify(altered);
    expect(report.verdict).toBe("bogus");
  });
});
