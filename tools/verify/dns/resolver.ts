import type { RecordType } from "dns-packet";
import { fqdn, suffixesTopDown } from "../dnssec/names";
import { isRecord, type DnsRecord } from "./rdata";
import type { DnsMessage, QueryResult, Server, Transport } from "./transport";

/** A zone and the servers authoritative for it. */
export interface ZoneCut {
  readonly zone: string;
  readonly servers: readonly Server[];
}

export interface ResolverOptions {
  readonly transport: Transport;
  /** Where resolution starts. */
  readonly rootServers: readonly Server[];
  /** --nameserver: every query goes here, whatever the delegations say. */
  readonly fixedServer?: Server;
  /** Servers tried per query before giving up. @default 3 */
  readonly maxServersPerQuery?: number;
}

export type CutsResult = { readonly ok: true; readonly cuts: readonly ZoneCut[] } | { readonly ok: false; readonly error: string };

/** Records of one section with the given owner and type. */
export function recordsOf(section: readonly DnsRecord[] | undefined, owner: string, type: string): DnsRecord[] {
  return (section ?? []).filter((r) => r.type === type && fqdn(r.name) === fqdn(owner));
}

export function sectionRecords(msg: DnsMessage, section: "answers" | "authorities" | "additionals"): DnsRecord[] {
  return (msg[section] ?? []).filter(isRecord);
}

/**
 * Finds zone cuts and talks to authoritative servers, iteratively from the
 * root (RFC 1034 §5.3.3) without recursion at the servers. Replies are
 * cached per run so a fleet audit asks for the root and TLD keys once.
 */
export class Resolver {
  private readonly cache = new Map<string, Promise<QueryResult>>();
  private readonly cutCache = new Map<string, Promise<CutsResult>>();

  constructor(private readonly options: ResolverOptions) {}

  private serversFor(servers: readonly Server[]): readonly Server[] {
    return this.options.fixedServer ? [this.options.fixedServer] : servers;
  }

  /** Asks the servers in turn until one gives a usable (NOERROR or NXDOMAIN) reply. */
  query(servers: readonly Server[], name: string, type: RecordType): Promise<QueryResult> {
    const list = this.serversFor(servers).slice(0, this.options.maxServersPerQuery ?? 3);
    const key = `${list.map((s) => `${s.host}#${s.port}`).join(",")}|${fqdn(name)}|${type}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.queryServers(list, name, type);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async queryServers(servers: readonly Server[], name: string, type: RecordType): Promise<QueryResult> {
    const errors: string[] = [];
    for (const server of servers) {
      const r = await this.options.transport(server, name, type);
      if (r.ok && (r.message.rcode === "NOERROR" || r.message.rcode === "NXDOMAIN")) return r;
      errors.push(r.ok ? `${server.host}:${server.port} answered ${r.message.rcode}` : r.error);
    }
    return { ok: false, error: errors.length ? errors.join("; ") : `no server to ask for ${name} ${type}` };
  }

  /** The zones from the root down to the one holding `name`, with their servers. */
  findCuts(name: string, depth = 0): Promise<CutsResult> {
    const key = fqdn(name);
    let pending = this.cutCache.get(key);
    if (!pending) {
      pending = this.walk(key, depth);
      this.cutCache.set(key, pending);
    }
    return pending;
  }

  private async walk(name: string, depth: number): Promise<CutsResult> {
    const cuts: ZoneCut[] = [{ zone: ".", servers: this.serversFor(this.options.rootServers) }];
    for (const suffix of suffixesTopDown(name)) {
      const current = cuts[cuts.length - 1];
      const r = await this.query(current.servers, suffix, "SOA");
      if (!r.ok) return { ok: false, error: `cannot find the zone of ${suffix}: ${r.error}` };
      const msg = r.message;
      const answerSoa = recordsOf(sectionRecords(msg, "answers"), suffix, "SOA");
      const referral = recordsOf(sectionRecords(msg, "authorities"), suffix, "NS");
      if (answerSoa.length > 0) {
        cuts.push({ zone: suffix, servers: current.servers });
      } else if (referral.length > 0 && !msg.flag_aa) {
        const servers = await this.referralServers(msg, referral, depth);
        if (servers.length === 0) return { ok: false, error: `no reachable name server for ${suffix}` };
        cuts.push({ zone: suffix, servers });
      } else if (msg.rcode === "NXDOMAIN") {
        break;
      }
    }
    return { ok: true, cuts };
  }

  /** Server addresses from glue, or by resolving the NS names (IPv4 only). */
  private async referralServers(msg: DnsMessage, ns: readonly DnsRecord[], depth: number): Promise<Server[]> {
    if (this.options.fixedServer) return [this.options.fixedServer];
    const glue = sectionRecords(msg, "additionals");
    const names = ns.map((r) => fqdn(String(r.data)));
    const out: Server[] = [];
    for (const host of names) {
      for (const a of recordsOf(glue, host, "A")) out.push({ host: String(a.data), port: 53 });
    }
    if (out.length > 0 || depth >= 3) return out;
    for (const host of names.slice(0, 2)) {
      const cuts = await this.findCuts(host, depth + 1);
      if (!cuts.ok) continue;
      const zone = cuts.cuts[cuts.cuts.length - 1];
      const r = await this.query(zone.servers, host, "A");
      if (r.ok) for (const a of recordsOf(sectionRecords(r.message, "answers"), host, "A")) out.push({ host: String(a.data), port: 53 });
      if (out.length > 0) break;
    }
    return out;
  }
}
