import { randomInt } from "node:crypto";
import { createSocket } from "node:dgram";
import { connect, isIP } from "node:net";
import * as dnsPacket from "dns-packet";
import type { DecodedPacket, RecordType } from "dns-packet";
import { fqdn } from "../dnssec/names";

/** A decoded reply; dns-packet sets rcode but its typings omit it. */
export type DnsMessage = DecodedPacket & { readonly rcode: string };

/** One DNS server address. */
export interface Server {
  readonly host: string;
  readonly port: number;
}

export function formatServer(s: Server): string {
  return isIP(s.host) === 6 ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`;
}

export interface TransportOptions {
  /** Per-attempt timeout. @default 2000 ms */
  readonly timeoutMs?: number;
  /** Extra UDP attempts after the first. @default 2 */
  readonly retries?: number;
  /**
   * EDNS UDP payload size we advertise; larger UDP replies are rejected.
   * @default 1232, the DNS Flag Day 2020 value that avoids IP fragmentation.
   */
  readonly udpPayloadSize?: number;
}

export type QueryResult =
  | { readonly ok: true; readonly message: DnsMessage; readonly via: "udp" | "tcp" }
  | { readonly ok: false; readonly error: string };

/** Sends one question to one server and returns the checked reply. */
export type Transport = (server: Server, name: string, type: RecordType) => Promise<QueryResult>;

const MAX_TCP_MESSAGE = 65535;

/** Builds a query with EDNS0 and the DO bit so the server returns RRSIGs (RFC 3225). */
export function buildQuery(id: number, name: string, type: RecordType, udpPayloadSize: number): Buffer {
  return dnsPacket.encode({
    type: "query",
    id,
    flags: 0,
    questions: [{ type, name: fqdn(name) === "." ? "." : fqdn(name).slice(0, -1), class: "IN" }],
    additionals: [{ type: "OPT", name: ".", udpPayloadSize, flags: dnsPacket.DNSSEC_OK } as never],
  });
}

export type ReplyCheck = { ok: true; message: DnsMessage } | { ok: false; wrongId: boolean; error: string };

/**
 * Decodes a reply and checks it answers our query: same ID, QR set, same
 * question (RFC 5452 §3). Never throws: malformed octets become an error.
 */
export function checkReply(bytes: Buffer, id: number, name: string, type: RecordType): ReplyCheck {
  if (bytes.length < 12) return { ok: false, wrongId: false, error: `truncated reply (${bytes.length} octets, a header needs 12)` };
  const gotId = bytes.readUInt16BE(0);
  if (gotId !== id) return { ok: false, wrongId: true, error: `reply ID ${gotId} does not match query ID ${id}` };
  let message: DnsMessage;
  try {
    message = dnsPacket.decode(bytes) as DnsMessage;
  } catch (err) {
    return { ok: false, wrongId: false, error: `malformed reply: ${(err as Error).message}` };
  }
  if (!message.flag_qr) return { ok: false, wrongId: false, error: "reply does not have the QR (response) bit set" };
  const q = message.questions?.[0];
  if (message.rcode === "NOERROR" || message.rcode === "NXDOMAIN") {
    if (!q || fqdn(q.name) !== fqdn(name) || q.type !== type) {
      return { ok: false, wrongId: false, error: `reply is for a different question (${q ? `${q.name}/${q.type}` : "none"})` };
    }
  }
  return { ok: true, message };
}

function udpOnce(server: Server, query: Buffer, id: number, name: string, type: RecordType, timeoutMs: number, udpSize: number): Promise<QueryResult & { wrongIds?: number }> {
  return new Promise((resolve) => {
    const family = isIP(server.host) === 6 ? "udp6" : "udp4";
    const socket = createSocket(family);
    let wrongIds = 0;
    let done = false;
    const finish = (r: QueryResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve({ ...r, wrongIds });
    };
    const timer = setTimeout(() => finish({ ok: false, error: `timed out after ${timeoutMs} ms` }), timeoutMs);
    socket.on("error", (err) => finish({ ok: false, error: `UDP error: ${err.message}` }));
    socket.on("message", (bytes, rinfo) => {
      if (rinfo.port !== server.port) return;
      if (bytes.length > udpSize) {
        finish({ ok: false, error: `oversized UDP reply (${bytes.length} octets, we advertised ${udpSize})` });
        return;
      }
      const checked = checkReply(bytes, id, name, type);
      if (checked.ok) finish({ ok: true, message: checked.message, via: "udp" });
      else if (checked.wrongId) wrongIds += 1; // keep waiting: a spoofed or stale reply must not end the query
      else finish({ ok: false, error: checked.error });
    });
    socket.send(query, server.port, server.host, (err) => {
      if (err) finish({ ok: false, error: `UDP send failed: ${err.message}` });
    });
  });
}

function tcpOnce(server: Server, query: Buffer, id: number, name: string, type: RecordType, timeoutMs: number): Promise<QueryResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: server.host, port: server.port });
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (r: QueryResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `TCP timed out after ${timeoutMs} ms` }), timeoutMs);
    socket.on("error", (err) => finish({ ok: false, error: `TCP error: ${err.message}` }));
    socket.on("connect", () => {
      const framed = Buffer.alloc(query.length + 2);
      framed.writeUInt16BE(query.length, 0);
      query.copy(framed, 2);
      socket.write(framed);
    });
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received > MAX_TCP_MESSAGE + 2) {
        finish({ ok: false, error: `oversized TCP reply (more than ${MAX_TCP_MESSAGE} octets)` });
        return;
      }
      const all = Buffer.concat(chunks);
      if (all.length < 2) return;
      const length = all.readUInt16BE(0);
      if (all.length < length + 2) return;
      const checked = checkReply(all.subarray(2, 2 + length), id, name, type);
      finish(checked.ok ? { ok: true, message: checked.message, via: "tcp" } : { ok: false, error: checked.error });
    });
    socket.on("end", () => finish({ ok: false, error: `TCP connection closed after ${received} octets, before a complete reply` }));
  });
}

/**
 * UDP first with retries on timeout, then TCP when the reply is truncated
 * (TC bit, RFC 7766 §5). Every failure is returned, never thrown.
 */
export function createTransport(options: TransportOptions = {}): Transport {
  const timeoutMs = options.timeoutMs ?? 2000;
  const retries = options.retries ?? 2;
  const udpSize = options.udpPayloadSize ?? 1232;
  return async (server, name, type) => {
    let lastError = "no attempt made";
    let wrongIds = 0;
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      const id = randomInt(0, 65536);
      const query = buildQuery(id, name, type, udpSize);
      const r = await udpOnce(server, query, id, name, type, timeoutMs, udpSize);
      wrongIds += r.wrongIds ?? 0;
      if (r.ok) {
        if (!r.message.flag_tc) return { ok: true, message: r.message, via: "udp" };
        return tcpOnce(server, query, id, name, type, timeoutMs);
      }
      lastError = r.error;
      if (!r.error.startsWith("timed out")) break; // only silence is worth another try
    }
    const ids = wrongIds > 0 ? ` (ignored ${wrongIds} replies with a wrong ID)` : "";
    return { ok: false, error: `${name} ${type} @${formatServer(server)}: ${lastError}${ids}` };
  };
}
