import { createSocket, type Socket } from "node:dgram";
import { createServer, type Server as TcpServer } from "node:net";
import * as dnsPacket from "dns-packet";
import { afterEach, describe, expect, it } from "vitest";
import { buildQuery, checkReply, createTransport } from "../../../../tools/verify/dns/transport";

type Behaviour = (query: Buffer, send: (b: Buffer) => void) => void;

function answer(query: Buffer, opts: { id?: number; tc?: boolean; name?: string } = {}): Buffer {
  const q = dnsPacket.decode(query);
  return dnsPacket.encode({
    type: "response",
    id: opts.id ?? q.id,
    flags: opts.tc ? dnsPacket.TRUNCATED_RESPONSE : 0,
    questions: [{ name: opts.name ?? q.questions![0].name, type: q.questions![0].type }],
    answers: opts.tc ? [] : [{ name: q.questions![0].name, type: "A", ttl: 60, class: "IN", data: "192.0.2.7" }],
  });
}

const servers: { udp: Socket; tcp?: TcpServer }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.udp.close();
    await new Promise<void>((r) => (s.tcp ? s.tcp.close(() => r()) : r()));
  }
});

/** A scripted DNS server on 127.0.0.1 (UDP, and TCP on the same port when given). */
async function server(udp: Behaviour, tcp?: (query: Buffer, socket: import("node:net").Socket) => void): Promise<{ port: number; hits: () => number }> {
  let hits = 0;
  const sock = createSocket("udp4");
  sock.on("message", (msg, rinfo) => {
    hits += 1;
    udp(msg, (b) => sock.send(b, rinfo.port, rinfo.address));
  });
  await new Promise<void>((r) => sock.bind(0, "127.0.0.1", () => r()));
  const port = sock.address().port;
  let tcpServer: TcpServer | undefined;
  if (tcp) {
    tcpServer = createServer((c) => {
      let buf = Buffer.alloc(0);
      c.on("data", (d: Buffer) => {
        buf = Buffer.concat([buf, d]);
        if (buf.length >= 2 && buf.length >= buf.readUInt16BE(0) + 2) tcp(buf.subarray(2, 2 + buf.readUInt16BE(0)), c);
      });
    });
    await new Promise<void>((r) => tcpServer!.listen(port, "127.0.0.1", () => r()));
  }
  servers.push({ udp: sock, tcp: tcpServer });
  return { port, hits: () => hits };
}

const fast = createTransport({ timeoutMs: 150, retries: 1 });
const at = (port: number) => ({ host: "127.0.0.1", port });

describe("createTransport", () => {
  it("returns a matching UDP reply", async () => {
    const s = await server((q, send) => send(answer(q)));
    const r = await fast(at(s.port), "www.example.test", "A");
    expect(r).toMatchObject({ ok: true, via: "udp" });
  });

  it("ignores a reply with the wrong ID and accepts the right one that follows", async () => {
    const s = await server((q, send) => {
      send(answer(q, { id: (q.readUInt16BE(0) + 1) & 0xffff }));
      setTimeout(() => send(answer(q)), 20);
    });
    expect(await fast(at(s.port), "www.example.test", "A")).toMatchObject({ ok: true });
  });

  it("ends with an error naming ignored wrong-ID replies when no right one comes", async () => {
    const s = await server((q, send) => send(answer(q, { id: (q.readUInt16BE(0) + 1) & 0xffff })));
    const r = await fast(at(s.port), "www.example.test", "A");
    expect(r.ok === false && r.error).toMatch(/timed out after 150 ms \(ignored 2 replies with a wrong ID\)/);
  });

  it("retries after a timeout, then reports it", async () => {
    const s = await server(() => undefined);
    const r = await fast(at(s.port), "www.example.test", "A");
    expect(r.ok === false && r.error).toMatch(/www\.example\.test A @127\.0\.0\.1:\d+: timed out/);
    expect(s.hits()).toBe(2);
  });

  it("falls back to TCP when the UDP reply is truncated", async () => {
    const s = await server(
      (q, send) => send(answer(q, { tc: true })),
      (q, c) => {
        const a = answer(q);
        const framed = Buffer.alloc(a.length + 2);
        framed.writeUInt16BE(a.length, 0);
        a.copy(framed, 2);
        c.end(framed);
      },
    );
    expect(await fast(at(s.port), "www.example.test", "A")).toMatchObject({ ok: true, via: "tcp" });
  });

  it("reports a TCP connection closed before a full reply", async () => {
    const s = await server((q, send) => send(answer(q, { tc: true })), (_q, c) => c.end(Buffer.from([0x01, 0x00, 0xab])));
    const r = await fast(at(s.port), "www.example.test", "A");
    expect(r.ok === false && r.error).toMatch(/TCP connection closed after 3 octets/);
  });

  it("accepts a UDP reply larger than the advertised 1232 octets, as delv does", async () => {
    const s = await server((q, send) => {
      const d = dnsPacket.decode(q);
      const name = d.questions![0].name;
      const txt = Array.from({ length: 12 }, (_, i) => ({ name, type: "TXT" as const, ttl: 60, class: "IN" as const, data: `${i}`.padEnd(200, "x") }));
      send(dnsPacket.encode({ type: "response", id: d.id, flags: 0, questions: d.questions, answers: txt }));
    });
    const r = await fast(at(s.port), "www.example.test", "TXT");
    expect(r).toMatchObject({ ok: true, via: "udp" });
    expect(r.ok && r.message.answers).toHaveLength(12);
  });

  it("fails at once on a closed port (ECONNREFUSED) instead of waiting for each retry's timeout", async () => {
    const s = await server(() => undefined);
    const port = s.port;
    servers.pop()!.udp.close();
    const slow = createTransport({ timeoutMs: 2000, retries: 2 });
    const started = Date.now();
    const r = await slow(at(port), "www.example.test", "A");
    expect(r.ok === false && r.error).toMatch(/connection refused \(port unreachable\)/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("rejects a record whose RDLENGTH disagrees with its data as a malformed reply naming the server", async () => {
    const s = await server((q, send) => {
      const a = answer(q);
      // The A record's RDLENGTH is the packet's last two octets before its 4 data octets.
      a.writeUInt16BE(2, a.length - 6);
      send(a);
    });
    const r = await fast(at(s.port), "www.example.test", "A");
    expect(r.ok === false && r.error).toMatch(/^www\.example\.test A @127\.0\.0\.1:\d+: malformed reply: record 1 has RDLENGTH 2 but its data is 4 octets/);
  });

  it("rejects an RDLENGTH that runs past the end of the packet", async () => {
    const s = await server((q, send) => {
      const a = answer(q);
      a.writeUInt16BE(200, a.length - 6);
      send(a);
    });
    const r = await fast(at(s.port), "www.example.test", "A");
    expect(r.ok === false && r.error).toMatch(/malformed reply: record 1 has RDLENGTH 200, past the end of the packet/);
  });

  it("tells datagrams that are not DNS replies from replies with a wrong ID", async () => {
    const s = await server((q, send) => send(Buffer.concat([Buffer.from([q[0] ^ 0xff, q[1]]), Buffer.from("random garbage, not a DNS message")])));
    const r = await fast(at(s.port), "www.example.test", "A");
    expect(r.ok === false && r.error).toMatch(/timed out after 150 ms \(ignored 2 datagrams that are not DNS replies\)/);
  });

  it("rejects malformed octets with the right ID", async () => {
    const s = await server((q, send) => send(Buffer.concat([q.subarray(0, 2), Buffer.from([0x80, 0, 0, 1, 0, 5, 0, 0, 0, 0, 3, 0x61])])));
    const r = await fast(at(s.port), "www.example.test", "A");
    expect(r.ok === false && r.error).toMatch(/malformed reply/);
  });

  it("rejects a reply to a different question", async () => {
    const s = await server((q, send) => send(answer(q, { name: "evil.example.test" })));
    const r = await fast(at(s.port), "www.example.test", "A");
    expect(r.ok === false && r.error).toMatch(/different question \(evil\.example\.test\/A\)/);
  });
});

describe("checkReply", () => {
  it("rejects a reply shorter than a header", () => {
    expect(checkReply(Buffer.from([1, 2, 3]), 0x0102, "a.", "A")).toMatchObject({ ok: false, error: expect.stringMatching(/truncated reply \(3 octets/) });
  });

  it("rejects a query echoed back without the QR bit", () => {
    const q = buildQuery(7, "a.test", "A", 1232);
    expect(checkReply(q, 7, "a.test", "A")).toMatchObject({ ok: false, error: expect.stringMatching(/QR/) });
  });
});

describe("fuzz over UDP", () => {
  it("turns every mutated reply into a result or an error, without hanging", async () => {
    const { mutate, prng } = await import("../helpers/fuzz");
    const rand = prng(42);
    const s = await server((q, send) => send(mutate(answer(q), rand)));
    const transport = createTransport({ timeoutMs: 80, retries: 0 });
    const started = Date.now();
    for (let i = 0; i < 40; i += 1) {
      const r = await transport(at(s.port), "www.example.test", "A");
      expect(typeof r.ok).toBe("boolean");
      if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
    }
    expect(Date.now() - started).toBeLessThan(40 * 80 + 2000);
  });
});
