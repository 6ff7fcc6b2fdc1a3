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
   * EDNS UDP payload size we advertise. A larger UDP reply that arrives whole is accepted, as delv
   * accepts it: the size only asks the server to stay below it.
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

/**
 * Why a datagram was ignored rather than ending the query: a reply with another ID (spoofed or
 * stale), or octets that are not a DNS reply at all.
 */
export type Ignored = "wrong-id" | "garbage";

export type ReplyCheck = { ok: true; message: DnsMessage } | { ok: false; ignored?: Ignored; error: string };

/** dns-packet's single-record decoder, which its published typings omit. */
const answerCodec = (dnsPacket as unknown as { answer: { decode: ((buf: Buffer, offset?: number) => unknown) & { bytes: number } } }).answer;

/** Skips a (possibly compressed) name from `offset`; returns the offset after it, or -1 past the end. */
function skipName(bytes: Buffer, offset: number): number {
  let at = offset;
  while (at < bytes.length) {
    const len = bytes[at];
    if ((len & 0xc0) === 0xc0) return at + 2 <= bytes.length ? at + 2 : -1;
    if (len === 0) return at + 1;
    at += len + 1;
  }
  return -1;
}

/**
 * Checks every record's RDLENGTH against the packet and against what dns-packet decoded. dns-packet
 * decodes RDATA by type and never compares it with RDLENGTH, so a bad RDLENGTH would turn into
 * garbage records instead of an error.
 */
export function checkRecordBoundaries(bytes: Buffer): string | undefined {
  const counts = [bytes.readUInt16BE(4), bytes.readUInt16BE(6), bytes.readUInt16BE(8), bytes.readUInt16BE(10)];
  let offset = 12;
  for (let i = 0; i < counts[0]; i += 1) {
    offset = skipName(bytes, offset);
    if (offset < 0 || offset + 4 > bytes.length) return "the question runs past the end of the packet";
    offset += 4;
  }
  const total = counts[1] + counts[2] + counts[3];
  for (let i = 0; i < total; i += 1) {
    const start = offset;
    offset = skipName(bytes, offset);
    if (offset < 0 || offset + 10 > bytes.length) return `record ${i + 1} runs past the end of the packet`;
    const type = bytes.readUInt16BE(offset);
    const rdlength = bytes.readUInt16BE(offset + 8);
    const end = offset + 10 + rdlength;
    if (end > bytes.length) return `record ${i + 1} has RDLENGTH ${rdlength}, past the end of the packet (${bytes.length} octets)`;
    if (type !== 41) {
      try {
        answerCodec.decode(bytes, start);
      } catch (err) {
        return `record ${i + 1} cannot be decoded: ${(err as Error).message}`;
      }
      const used = answerCodec.decode.bytes;
      if (start + used !== end) return `record ${i + 1} has RDLENGTH ${rdlength} but its data is ${start + used - offset - 10} octets`;
    }
    offset = end;
  }
  if (offset !== bytes.length) return `${bytes.length - offset} octets after the last record`;
  return undefined;
}

/** A datagram that decodes as a DNS response, whatever its ID: tells a wrong-ID reply from noise. */
function looksLikeResponse(bytes: Buffer): boolean {
  if (bytes.length < 12 || (bytes[2] & 0x80) === 0) return false;
  try {
    dnsPacket.decode(bytes);
    return checkRecordBoundaries(bytes) === undefined;
  } catch {
    return false;
  }
}

/**
 * Decodes a reply and checks it answers our query: same ID, QR set, same
 * question (RFC 5452 §3). Never throws: malformed octets become an error.
 */
export function checkReply(bytes: Buffer, id: number, name: string, type: RecordType): ReplyCheck {
  if (bytes.length < 12) return { ok: false, error: `truncated reply (${bytes.length} octets, a header needs 12)` };
  const gotId = bytes.readUInt16BE(0);
  if (gotId !== id) {
    return { ok: false, ignored: looksLikeResponse(bytes) ? "wrong-id" : "garbage", error: `reply ID ${gotId} does not match query ID ${id}` };
  }
  let message: DnsMessage;
  try {
    message = dnsPacket.decode(bytes) as DnsMessage;
  } catch (err) {
    return { ok: false, error: `malformed reply: ${(err as Error).message}` };
  }
  const boundaries = checkRecordBoundaries(bytes);
  if (boundaries !== undefined) return { ok: false, error: `malformed reply: ${boundaries}` };
  if (!message.flag_qr) return { ok: false, error: "reply does not have the QR (response) bit set" };
  const q = message.questions?.[0];
  if (message.rcode === "NOERROR" || message.rcode === "NXDOMAIN") {
    if (!q || fqdn(q.name) !== fqdn(name) || q.type !== type) {
      return { ok: false, error: `reply is for a different question (${q ? `${q.name}/${q.type}` : "none"})` };
    }
  }
  return { ok: true, message };
}

type Tally = Record<Ignored, number>;

function udpOnce(server: Server, query: Buffer, id: number, name: string, type: RecordType, timeoutMs: number): Promise<QueryResult & { ignored: Tally }> {
  return new Promise((resolve) => {
    const family = isIP(server.host) === 6 ? "udp6" : "udp4";
    const socket = createSocket(family);
    const ignored: Tally = { "wrong-id": 0, garbage: 0 };
    let done = false;
    const finish = (r: QueryResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve({ ...r, ignored });
    };
    const timer = setTimeout(() => finish({ ok: false, error: `timed out after ${timeoutMs} ms` }), timeoutMs);
    // A connected socket gets the ICMP port-unreachable as ECONNREFUSED: a dead port fails at once
    // instead of costing every retry's timeout.
    socket.on("error", (err: NodeJS.ErrnoException) =>
      finish({ ok: false, error: err.code === "ECONNREFUSED" ? "connection refused (port unreachable)" : `UDP error: ${err.message}` }),
    );
    socket.on("message", (bytes, rinfo) => {
      if (rinfo.port !== server.port) return;
      const checked = checkReply(bytes, id, name, type);
      if (checked.ok) finish({ ok: true, message: checked.message, via: "udp" });
      else if (checked.ignored) ignored[checked.ignored] += 1; // keep waiting: a spoofed or stale reply must not end the query
      else finish({ ok: false, error: checked.error });
    });
    socket.connect(server.port, server.host, () => {
      socket.send(query, (err) => {
        if (err) finish({ ok: false, error: `UDP send failed: ${err.message}` });
      });
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
    const ignored: Tally = { "wrong-id": 0, garbage: 0 };
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      const id = randomInt(0, 65536);
      const query = buildQuery(id, name, type, udpSize);
      const r = await udpOnce(server, query, id, name, type, timeoutMs);
      ignored["wrong-id"] += r.ignored["wrong-id"];
      ignored.garbage += r.ignored.garbage;
      if (r.ok) {
        if (!r.message.flag_tc) return { ok: true, message: r.message, via: "udp" };
        return tcpOnce(server, query, id, name, type, timeoutMs);
      }
      lastError = r.error;
      if (!r.error.startsWith("timed out")) break; // only silence is worth another try
    }
    const notes = [
      ignored["wrong-id"] > 0 ? `${ignored["wrong-id"]} replies with a wrong ID` : "",
      ignored.garbage > 0 ? `${ignored.garbage} datagrams that are not DNS replies` : "",
    ].filter((n) => n !== "");
    const ids = notes.length > 0 ? ` (ignored ${notes.join(" and ")})` : "";
    return { ok: false, error: `${name} ${type} @${formatServer(server)}: ${lastError}${ids}` };
  };
}
