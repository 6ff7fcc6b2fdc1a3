import { fqdn } from "../verify/dnssec/names";
import { recordsOf, Resolver, sectionRecords } from "../verify/dns/resolver";
import { ROOT_HINTS } from "../verify/dns/root-hints";
import { createTransport, type Server } from "../verify/dns/transport";

/**
 * Waits until the parent zone delegates the domain to the hosted zone's name
 * servers. On a first deployment the registrar still points elsewhere, and
 * ACM's DNS validation in the app stack would wait out its 75-minute timeout
 * and fail. Once delegated, the first check succeeds and costs one lookup.
 */
export type Observation =
  | { readonly ok: true; readonly parent: string; readonly nameServers: readonly string[] }
  | { readonly ok: false; readonly error: string };

/** What the parent's servers say the domain's NS are. */
export type Observe = (domain: string) => Promise<Observation>;

const norm = (name: string) => fqdn(name).toLowerCase();

/** Iterative lookup from the root (the verifier's resolver): no resolver cache can hide the parent's answer. */
export function parentObserver(rootServers: readonly Server[] = ROOT_HINTS): Observe {
  return async (domain) => {
    // A fresh resolver per attempt: its per-run cache would return the first answer forever.
    const resolver = new Resolver({ transport: createTransport({ timeoutMs: 3000 }), rootServers });
    const cuts = await resolver.findCuts(domain);
    if (!cuts.ok) return { ok: false, error: cuts.error };
    const parent = [...cuts.cuts].reverse().find((c) => norm(c.zone) !== norm(domain));
    if (!parent) return { ok: false, error: `no parent zone found for ${domain}` };
    const r = await resolver.query(parent.servers, domain, "NS");
    if (!r.ok) return { ok: false, error: r.error };
    const ns = [...recordsOf(sectionRecords(r.message, "answers"), domain, "NS"), ...recordsOf(sectionRecords(r.message, "authorities"), domain, "NS")];
    return { ok: true, parent: parent.zone, nameServers: [...new Set(ns.map((rec) => norm(String(rec.data))))].sort() };
  };
}

export interface WaitOptions {
  readonly domain: string;
  /** The hosted zone's name servers (the zone stack's `name_servers` output). */
  readonly nameServers: readonly string[];
  readonly observe: Observe;
  /** @default 60 minutes, below the job's timeout */
  readonly timeoutMs?: number;
  /** @default 30 seconds */
  readonly intervalMs?: number;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export type WaitResult = { readonly delegated: true; readonly attempts: number } | { readonly delegated: false; readonly message: string };

/** True when the parent lists exactly the zone's name servers. */
export function matches(observed: readonly string[], expected: readonly string[]): boolean {
  const a = [...new Set(observed.map(norm))].sort();
  const b = [...new Set(expected.map(norm))].sort();
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

export async function waitForDelegation(options: WaitOptions): Promise<WaitResult> {
  const { domain, nameServers, observe } = options;
  const timeoutMs = options.timeoutMs ?? 60 * 60_000;
  const intervalMs = options.intervalMs ?? 30_000;
  const log = options.log ?? (() => undefined);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  if (nameServers.length === 0) return { delegated: false, message: `no name servers given for ${domain}; pass the zone stack's name_servers output.` };
  const expected = nameServers.map(norm).sort();
  const deadline = now() + timeoutMs;
  let last = "no answer yet";
  for (let attempt = 1; ; attempt += 1) {
    const seen = await observe(domain);
    if (seen.ok && matches(seen.nameServers, expected)) {
      log(`${domain} is delegated by ${seen.parent} to ${expected.join(", ")}.`);
      return { delegated: true, attempts: attempt };
    }
    last = seen.ok
      ? `${seen.parent} lists ${seen.nameServers.length ? seen.nameServers.join(", ") : "no name servers"} for ${domain}`
      : `the lookup failed: ${seen.error}`;
    const left = deadline - now();
    if (left <= 0) break;
    log(`attempt ${attempt}: ${last}; waiting for ${expected.join(", ")} (${Math.ceil(left / 60_000)} min left).`);
    await sleep(Math.min(intervalMs, left));
  }
  return {
    delegated: false,
    message:
      `${domain} is not delegated to its Route 53 name servers after ${Math.round(timeoutMs / 60_000)} min (${last}): ` +
      `set ${expected.join(", ")} at the registrar (the zone stack's name_servers output), then re-run this job.`,
  };
}
