import { createSocket, type Socket } from "node:dgram";
import * as dnsPacket from "dns-packet";
import type { Packet } from "dns-packet";
import type { Server } from "../../../../tools/verify/dns/transport";

/**
 * A UDP proxy on 127.0.0.1 between a client (the verifier or delv) and
 * `named`, that decodes each reply, lets the test alter it and re-serializes
 * it. It plays the on-path attacker of the forged and stripped lab cases:
 * the signatures stay as named made them, only the message around them
 * changes.
 */
export interface ReplyProxy {
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** Returns the reply to send for a question, undefined to pass named's reply through unchanged, or null to drop it. */
export type AlterReply = (question: { name: string; type: string }, reply: Packet) => Packet | null | undefined;

const lower = (name: string): string => `${name.toLowerCase().replace(/\.$/, "")}.`;

export async function startReplyProxy(upstream: Server, alter: AlterReply): Promise<ReplyProxy> {
  const front = createSocket("udp4");
  const back = new Set<Socket>();
  front.on("message", (query, client) => {
    const socket = createSocket("udp4");
    back.add(socket);
    const done = (): void => {
      clearTimeout(timer);
      back.delete(socket);
      socket.close();
    };
    const timer = setTimeout(done, 5000);
    socket.on("error", done);
    socket.on("message", (bytes) => {
      done();
      let out: Buffer | null = bytes;
      try {
        const reply = dnsPacket.decode(bytes);
        const q = reply.questions?.[0];
        const altered = q ? alter({ name: lower(q.name), type: q.type }, reply) : undefined;
        if (altered === null) out = null;
        else if (altered) out = dnsPacket.encode(altered);
      } catch {
        // A reply dns-packet cannot read is passed through as named sent it.
      }
      if (out) front.send(out, client.port, client.address);
    });
    socket.send(query, upstream.port, upstream.host);
  });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.bind(0, "127.0.0.1", () => resolve());
  });
  const port = front.address().port;
  return {
    port,
    server: { host: "127.0.0.1", port },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of back) s.close();
        front.close(() => resolve());
      }),
  };
}

/** Asks named one question directly (DO bit set) and returns the decoded reply, for building forgeries. */
export async function askUpstream(upstream: Server, name: string, type: string): Promise<Packet> {
  const socket = createSocket("udp4");
  const id = Math.floor(Math.random() * 65536);
  const query = dnsPacket.encode({
    type: "query",
    id,
    flags: 0,
    questions: [{ type: type as never, name: name.replace(/\.$/, ""), class: "IN" }],
    additionals: [{ type: "OPT", name: ".", udpPayloadSize: 4096, flags: dnsPacket.DNSSEC_OK } as never],
  });
  try {
    return await new Promise<Packet>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply from ${upstream.host}:${upstream.port} for ${name} ${type}`)), 5000);
      socket.on("message", (bytes) => {
        clearTimeout(timer);
        resolve(dnsPacket.decode(bytes));
      });
      socket.send(query, upstream.port, upstream.host);
    });
  } finally {
    socket.close();
  }
}
