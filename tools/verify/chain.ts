import type { DnskeyData, DsData, RecordType, RrsigData } from "dns-packet";
import { recordsOf, sectionRecords, type Resolver, type ZoneCut } from "./dns/resolver";
import { displayTypeName, type DnsRecord } from "./dns/rdata";
import { formatServer } from "./dns/transport";
import { algorithmName, DEPRECATED_FOR_SIGNING, digestName, DIGEST_HASHES, SUPPORTED_ALGORITHMS } from "./dnssec/algorithms";
import { proveDenial, proveWildcardAnswer } from "./dnssec/denial";
import { dsMatchesKey, formatDs } from "./dnssec/ds-digest";
import { isSep, keyTag } from "./dnssec/keytag";
import { fqdn, labels } from "./dnssec/names";
import { validateRRset } from "./dnssec/rrset";
import type { TrustAnchor } from "./dnssec/trust-anchor";
import { formatSigTime } from "./dnssec/validity";
import { errorCheck, fail, pass, verdictOf, warn, type ChainLink, type CheckResult, type CheckStatus, type ZoneAbsence } from "./report";

/** An extra RRset to validate, from --check NAME/TYPE. */
export interface RRsetQuestion {
  readonly name: string;
  readonly type: RecordType;
}

export interface ChainOptions {
  readonly resolver: Resolver;
  readonly anchor: TrustAnchor;
  readonly extraChecks: readonly RRsetQuestion[];
  readonly nowSeconds: number;
  /**
   * Check the zone of a domain that is not itself a zone apex (a name inside a zone).
   * @default false - a domain that is not a zone apex is an error, so a typo cannot pass
   */
  readonly allowNonApex?: boolean;
}

export interface ChainOutcome {
  readonly checks: CheckResult[];
  readonly links: ChainLink[];
  readonly zones: string[];
  /** The domain's zone apex, once found. */
  readonly zone: string | undefined;
  /** The DS records the parent publishes for the zone (for the Route 53 cross-check). */
  readonly publishedDs: DsData[] | undefined;
  /** The zone's validated DNSKEY RRset when the chain reaches it securely, else empty. */
  readonly keys: readonly DnskeyData[];
}

/** Links of a CNAME chain followed from a --check name before giving up (RFC 1034 §3.6.2 loops). */
const MAX_CNAME_LINKS = 8;

const REGISTRAR_FIX = "publish the DS record of the zone's active KSK at the registrar (Route 53 GetDNSSEC or dnssec-dsfromkey prints it)";

function rrsigs(records: readonly DnsRecord[], owner: string, covered: string): RrsigData[] {
  return recordsOf(records, owner, "RRSIG")
    .map((r) => r.data as RrsigData)
    .filter((s) => s.typeCovered === covered);
}

function dsLabel(ds: DsData): string {
  return `DS ${ds.keyTag}/${algorithmName(ds.algorithm)}/${digestName(ds.digestType)}`;
}

function dnssecFix(reason: string): string {
  if (/expired/.test(reason)) return "re-sign the zone (check that automatic signing runs and the KSK/ZSK are active); the RRSIG expiry has passed";
  if (/not valid before/.test(reason)) return "check the signer's clock and re-sign with an inception time in the past";
  if (/REVOKE flag/.test(reason)) return "sign with a key that is not revoked, and point the DS at it";
  if (/no DS or trust anchor names/.test(reason)) return "publish the DS of the key that signs the DNSKEY RRset at the registrar, or sign it with the KSK the DS names";
  return "re-sign the zone with its current keys; a record was changed after signing or the key does not match";
}

/**
 * Walks the chain of trust from the anchor to the domain's zone, emitting one check per finding.
 * `inner` walks only to the zone's keys, for the zone of a --check name or a CNAME target.
 */
export async function verifyChain(domain: string, opts: ChainOptions, inner = false): Promise<ChainOutcome> {
  const checks: CheckResult[] = [];
  const links: ChainLink[] = [];
  const zones: string[] = [];
  let zoneApex: string | undefined;
  let publishedDs: DsData[] | undefined;
  let zoneKeys: DnskeyData[] = [];
  const done = (): ChainOutcome => ({ checks, links, zones, zone: zoneApex, publishedDs, keys: zoneKeys });
  const link = (from: string, to: string, status: CheckStatus, label: string): void => {
    links.push({ from, to, status, label });
  };
  const name = fqdn(domain);
  const found = await opts.resolver.findCuts(name);
  if (!found.ok) {
    checks.push(errorCheck("dns.zone.find", name, found.error, "check the domain name and that its name servers answer"));
    return done();
  }
  const cuts = found.cuts;
  const target = cuts[cuts.length - 1];
  zoneApex = target.zone;
  const anchorIndex = cuts.findIndex((c) => c.zone === fqdn(opts.anchor.zone));
  if (anchorIndex < 0) {
    checks.push(
      errorCheck("dns.anchor.scope", name, `the trust anchor for ${opts.anchor.zone} (${opts.anchor.source}) is not above ${name}`, "pass a --trust-anchor for one of the domain's ancestor zones"),
    );
    return done();
  }
  zones.push(...cuts.slice(anchorIndex).map((c) => c.zone));
  const anchorNode = `trust anchor ${opts.anchor.zone}`;
  let parentKeys: DnskeyData[] = [];
  let secure = true;
  for (let i = anchorIndex; i < cuts.length; i += 1) {
    const cut = cuts[i];
    const zone = cut.zone;
    const isTarget = i === cuts.length - 1;
    const keyNode = `DNSKEY ${zone}`;
    const dsNode = `DS ${zone}`;
    let dsSet: readonly DsData[] = [];
    let anchorKeys: readonly DnskeyData[] = [];
    if (i === anchorIndex) {
      dsSet = opts.anchor.ds;
      anchorKeys = opts.anchor.dnskeys;
    } else if (secure) {
      const parent = cuts[i - 1];
      const step = await fetchDs(opts, parent, zone, parentKeys);
      checks.push(...step.checks);
      if (step.state === "error" || step.state === "bogus") {
        link(`DNSKEY ${parent.zone}`, dsNode, step.state === "error" ? "error" : "fail", step.state === "error" ? "query failed" : "DS not proven");
        return done();
      }
      if (step.state === "insecure") {
        link(`DNSKEY ${parent.zone}`, dsNode, "warn", "no DS");
        secure = false;
      } else {
        link(`DNSKEY ${parent.zone}`, dsNode, "pass", "signs");
      }
      dsSet = step.ds;
      if (isTarget) publishedDs = [...step.ds];
    }
    if (!secure && !isTarget) continue;
    const reply = await opts.resolver.query(cut.servers, zone, "DNSKEY");
    if (!reply.ok && !secure) {
      // The parent proved there is no DS: whatever the keys, resolvers treat the zone's answers as unsigned.
      checks.push(warn("dns.dnskey.fetch", zone, `the DNSKEY RRset of ${zone} could not be fetched (${reply.error}); the zone is insecure anyway, as its parent publishes no DS`, "check that the zone's name servers answer over UDP and TCP", "insecure"));
      link(dsNode, keyNode, "warn", "query failed");
      return done();
    }
    if (!reply.ok) {
      checks.push(errorCheck("dns.dnskey.fetch", zone, reply.error, "check that the zone's name servers answer over UDP and TCP"));
      link(i === anchorIndex ? anchorNode : dsNode, keyNode, "error", "query failed");
      return done();
    }
    if (!reply.message.flag_aa) {
      // A referral or a cached answer where the zone's own servers must answer: the delegation is lame, so
      // "no DNSKEY" would be a guess (delv reports a non-improving referral).
      checks.push(errorCheck("dns.zone.lame", zone, lameSummary(cut, zone), `make the name servers of ${zone} serve the zone, or fix its NS records at ${cuts[i - 1]?.zone ?? "the parent"}`));
      link(i === anchorIndex ? anchorNode : dsNode, keyNode, "error", "lame delegation");
      return done();
    }
    const answers = sectionRecords(reply.message, "answers");
    const keys = recordsOf(answers, zone, "DNSKEY").map((r) => r.data as DnskeyData);
    const keySigs = rrsigs(answers, zone, "DNSKEY");
    if (!secure) {
      checks.push(...unanchoredZone(zone, keys, keySigs, answers, opts.nowSeconds));
      if (!inner && zone !== name) checks.push(await apexCheck(opts, cut, [], name));
      return done();
    }
    if (keys.length === 0) {
      checks.push(
        i === anchorIndex
          ? fail("dns.dnskey.present", zone, `${zone} serves no DNSKEY, so nothing matches the trust anchor (${opts.anchor.source})`, `check that the servers of ${zone} answer DNSKEY queries with DNSSEC records, or fix the trust anchor`)
          : fail("dns.dnskey.present", zone, `the parent publishes ${dsSet.map(dsLabel).join(", ") || "a DS"} but ${zone} has no DNSKEY`, `sign ${zone}, or remove its DS at the registrar`),
      );
      link(i === anchorIndex ? anchorNode : dsNode, keyNode, "fail", "no DNSKEY");
      return done();
    }
    checks.push(...keyChecks(zone, keys, keySigs));
    const matched = trustedKeys(zone, keys, dsSet, anchorKeys);
    checks.push(...matched.checks);
    if (matched.state === "insecure") {
      link(i === anchorIndex ? anchorNode : dsNode, keyNode, "warn", "unsupported algorithm");
      secure = false;
      if (isTarget) {
        if (!inner && zone !== name) checks.push(await apexCheck(opts, cut, [], name));
        return done();
      }
      continue;
    }
    if (matched.keys.length === 0) {
      link(i === anchorIndex ? anchorNode : dsNode, keyNode, "fail", "no DS matches");
      return done();
    }
    const signed = validateRRset({ records: recordsOf(answers, zone, "DNSKEY"), signatures: keySigs, zone, keys: matched.keys, nowSeconds: opts.nowSeconds, published: keys });
    if (signed.state === "bogus") {
      checks.push(fail("dns.dnskey.signed", zone, `the DNSKEY RRset is not signed by a key the ${i === anchorIndex ? "trust anchor" : "DS"} names: ${signed.reason}`, dnssecFix(signed.reason)));
      link(i === anchorIndex ? anchorNode : dsNode, keyNode, "fail", "bad signature");
      return done();
    }
    checks.push(pass("dns.dnskey.signed", zone, `the DNSKEY RRset is signed by key ${signed.keyTag} (${algorithmName(signed.algorithm)}), valid until ${formatSigTime(signed.expiration)}`));
    link(i === anchorIndex ? anchorNode : dsNode, keyNode, "pass", i === anchorIndex ? "anchors" : "matches");
    parentKeys = keys;
    if (isTarget) {
      zoneKeys = keys;
      if (inner) return done();
      if (zone !== name) checks.push(await apexCheck(opts, cut, keys, name));
      const home: ZoneKeys = { zone, cut, keys };
      const rrsets: RRsetQuestion[] = [{ name: zone, type: "SOA" }, { name: zone, type: "NS" }, ...opts.extraChecks];
      for (const q of rrsets) {
        const c = await checkRRset(opts, home, q);
        checks.push(c.check);
        link(keyNode, `${displayTypeName(q.type)} ${fqdn(q.name)}`, c.check.status, c.label);
      }
    }
  }
  return done();
}

type DsStep = { state: "secure" | "insecure" | "bogus" | "error"; ds: DsData[]; checks: CheckResult[] };

/** Fetches the zone's DS from the parent's servers and validates it, or the proof that there is none. */
async function fetchDs(opts: ChainOptions, parent: ZoneCut, zone: string, parentKeys: readonly DnskeyData[]): Promise<DsStep> {
  const reply = await opts.resolver.query(parent.servers, zone, "DS");
  if (!reply.ok) {
    return { state: "error", ds: [], checks: [errorCheck("dns.ds.fetch", zone, reply.error, `check that the ${parent.zone} name servers answer`)] };
  }
  const answers = sectionRecords(reply.message, "answers");
  const dsRecords = recordsOf(answers, zone, "DS");
  if (dsRecords.length === 0) {
    const denial = proveDenial({
      name: zone,
      type: "DS",
      nxdomain: reply.message.rcode === "NXDOMAIN",
      authority: sectionRecords(reply.message, "authorities"),
      zone: parent.zone,
      keys: parentKeys,
      nowSeconds: opts.nowSeconds,
    });
    if (!denial.proven && denial.insecure === true) {
      return { state: "insecure", ds: [], checks: [warn("dns.ds.present", zone, `${parent.zone} returned no DS for ${zone}: ${denial.reason}`, `ask the operator of ${parent.zone} to sign with NSEC3 iterations 0 (RFC 9276)`, "insecure")] };
    }
    if (denial.proven) {
      return {
        state: "insecure",
        ds: [],
        checks: [warn("dns.ds.present", zone, `${parent.zone} publishes no DS for ${zone} (${denial.how}): the chain of trust stops here`, REGISTRAR_FIX, "insecure")],
      };
    }
    return {
      state: "bogus",
      ds: [],
      checks: [fail("dns.ds.present", zone, `${parent.zone} returned no DS for ${zone} and did not prove its absence: ${denial.reason}`, `check that ${parent.zone} is signed with NSEC or NSEC3 and serves the denial records`)],
    };
  }
  const ds = dsRecords.map((r) => r.data as DsData);
  const present = pass("dns.ds.present", zone, `${parent.zone} publishes ${ds.map(dsLabel).join(", ")}`);
  const v = validateRRset({ records: dsRecords, signatures: rrsigs(answers, zone, "DS"), zone: parent.zone, keys: parentKeys, nowSeconds: opts.nowSeconds });
  if (v.state === "bogus") {
    return { state: "bogus", ds, checks: [present, fail("dns.ds.signed", zone, `the DS RRset from ${parent.zone} does not validate: ${v.reason}`, `ask the operator of ${parent.zone} to re-sign the DS RRset`)] };
  }
  return { state: "secure", ds, checks: [present, pass("dns.ds.signed", zone, `the DS RRset is signed by ${parent.zone} key ${v.keyTag}`)] };
}

/** Informational checks for a signed zone the chain does not reach (insecure). */
function unanchoredZone(zone: string, keys: readonly DnskeyData[], sigs: readonly RrsigData[], answers: readonly DnsRecord[], now: number): CheckResult[] {
  if (keys.length === 0) {
    return [warn("dns.dnskey.present", zone, `${zone} publishes no DNSKEY: the zone is not signed`, "enable DNSSEC signing for the zone (Route 53: EnableHostedZoneDNSSEC), then add its DS at the registrar", "insecure")];
  }
  const self = validateRRset({ records: recordsOf(answers, zone, "DNSKEY"), signatures: sigs, zone, keys, nowSeconds: now });
  const out: CheckResult[] = [pass("dns.dnskey.present", zone, `${zone} publishes ${keys.length} DNSKEY record(s)`, "insecure"), ...keyChecks(zone, keys, sigs)];
  out.push(
    self.state === "secure"
      ? pass("dns.dnskey.signed", zone, `the DNSKEY RRset is self-signed by key ${self.keyTag}, but no DS anchors it`, "insecure")
      : warn("dns.dnskey.signed", zone, `the DNSKEY RRset does not validate against its own keys: ${self.reason}`, dnssecFix(self.reason), "insecure"),
  );
  return out;
}

/** A 257 key is present, and every RRSIG over the DNSKEY RRset names a published key. */
function keyChecks(zone: string, keys: readonly DnskeyData[], sigs: readonly RrsigData[]): CheckResult[] {
  const out: CheckResult[] = [];
  const ksks = keys.filter(isSep);
  out.push(
    ksks.length > 0
      ? pass("dns.dnskey.ksk", zone, `KSK present: ${ksks.map((k) => `${keyTag(k)}/${algorithmName(k.algorithm)}`).join(", ")}`, null)
      : warn("dns.dnskey.ksk", zone, "no DNSKEY has flags 257 (SEP): no key-signing key is published", "publish a KSK (flags 257) and point the DS at it", null),
  );
  const deprecated = [...new Set(keys.map((k) => k.algorithm).filter((a) => DEPRECATED_FOR_SIGNING.has(a)))];
  if (deprecated.length > 0) {
    out.push(warn("dns.dnskey.algorithm", zone, `${deprecated.map(algorithmName).join(", ")} is deprecated for signing (RFC 8624 §3.1); validators still validate it`, "roll the zone to algorithm 13 (ECDSAP256SHA256)", null));
  }
  const orphans = sigs.filter((s) => !keys.some((k) => keyTag(k) === s.keyTag && k.algorithm === s.algorithm));
  out.push(
    orphans.length === 0
      ? pass("dns.dnskey.tags", zone, "every DNSKEY RRSIG names a published key tag and algorithm", null)
      : warn("dns.dnskey.tags", zone, `RRSIG key tag(s) ${orphans.map((s) => `${s.keyTag}/${s.algorithm}`).join(", ")} match no published DNSKEY`, "remove signatures of retired keys or publish the key", null),
  );
  return out;
}

type TrustedKeys = { state: "ok" | "insecure"; keys: DnskeyData[]; checks: CheckResult[] };

/** The zone's DNSKEYs that the DS set (or the anchor's DNSKEYs) vouches for. */
function trustedKeys(zone: string, keys: readonly DnskeyData[], dsSet: readonly DsData[], anchorKeys: readonly DnskeyData[]): TrustedKeys {
  const sameKey = (a: DnskeyData, b: DnskeyData): boolean => a.algorithm === b.algorithm && a.key.equals(b.key);
  const fromAnchor = keys.filter((k) => anchorKeys.some((a) => sameKey(a, k)));
  const usable = dsSet.filter((d) => SUPPORTED_ALGORITHMS.has(d.algorithm) && DIGEST_HASHES[d.digestType] !== undefined);
  if (usable.length === 0 && fromAnchor.length === 0) {
    if (anchorKeys.length > 0) {
      return { state: "ok", keys: [], checks: [fail("dns.anchor.match", zone, "no DNSKEY of the zone equals a trust-anchor DNSKEY", "update the trust anchor file to the zone's current KSK")] };
    }
    // RFC 4035 §5.2: a DS set with no supported algorithm makes the zone insecure.
    return { state: "insecure", keys: [], checks: [warn("dns.ds.algorithm", zone, `no DS uses a supported algorithm and digest (${dsSet.map(dsLabel).join(", ")})`, "use algorithm 13 with a SHA-256 DS", "insecure")] };
  }
  const checks: CheckResult[] = [];
  const matchedKeys = new Set<DnskeyData>(fromAnchor);
  if (anchorKeys.length > 0) {
    checks.push(fromAnchor.length > 0 ? pass("dns.anchor.match", zone, `trust-anchor DNSKEY ${fromAnchor.map(keyTag).join(", ")} is published`) : fail("dns.anchor.match", zone, "no DNSKEY of the zone equals a trust-anchor DNSKEY", "update the trust anchor file to the zone's current KSK"));
  }
  // RFC 4509 §3: when the parent publishes a SHA-256 (or SHA-384, RFC 6605) DS, the SHA-1 ones are
  // ignored, so a good SHA-1 DS cannot stand in for a broken SHA-256 one.
  const strong = usable.some((d) => d.digestType !== 1);
  const considered = strong ? usable.filter((d) => d.digestType !== 1) : usable;
  if (considered.length < usable.length) {
    const ignored = usable.filter((d) => !considered.includes(d));
    checks.push(warn("dns.ds.sha1", zone, `${ignored.map(dsLabel).join(", ")} ignored: the parent also publishes a SHA-256 or SHA-384 DS (RFC 4509 §3)`, "remove the SHA-1 DS at the registrar; keep one SHA-256 DS per active KSK"));
  }
  const results = considered.map((d) => ({ d, keys: keys.filter((k) => dsMatchesKey(zone, d, k)) }));
  for (const r of results) r.keys.forEach((k) => matchedKeys.add(k));
  const anyMatch = results.some((r) => r.keys.length > 0);
  for (const r of results) {
    const what = `${dsLabel(r.d)} (${formatDs(r.d).split(" ").slice(3).join("").slice(0, 16)}…)`;
    if (r.keys.length > 0) checks.push(pass("dns.ds.digest", zone, `${what} matches DNSKEY ${keyTag(r.keys[0])}`));
    else if (anyMatch) checks.push(warn("dns.ds.digest", zone, `${what} matches no DNSKEY; another DS does`, "remove the stale DS at the registrar once the key rollover is complete"));
    else if (fromAnchor.length === 0) {
      const sameTag = keys.some((k) => keyTag(k) === r.d.keyTag && k.algorithm === r.d.algorithm);
      checks.push(fail("dns.ds.digest", zone, `${what} matches no DNSKEY${sameTag ? ": the key tag exists but the digest differs" : ": no key has that tag and algorithm"}`, REGISTRAR_FIX));
    }
  }
  return { state: "ok", keys: [...matchedKeys], checks };
}

function lameSummary(cut: ZoneCut, zone: string): string {
  return `lame delegation: ${cut.servers.map(formatServer).join(", ") || "no server"} does not serve ${zone} (no authoritative answer)`;
}

/** A zone whose DNSKEY RRset the chain validated. */
interface ZoneKeys {
  readonly zone: string;
  readonly cut: ZoneCut;
  readonly keys: readonly DnskeyData[];
}

/**
 * A domain that is not a zone apex: proven not to exist (a typo), or a name inside a zone. Both are
 * errors by default, so a misspelt domain cannot pass a gate with its parent zone's verdict.
 */
async function apexCheck(opts: ChainOptions, cut: ZoneCut, keys: readonly DnskeyData[], name: string): Promise<CheckResult> {
  const absent = (check: CheckResult, cause: ZoneAbsence): CheckResult => ({ ...check, cause });
  const reply = await opts.resolver.query(cut.servers, name, "SOA");
  if (!reply.ok) return absent(errorCheck("dns.zone.exists", name, reply.error, "check that the zone's name servers answer"), "no-answer");
  if (reply.message.rcode === "NXDOMAIN") {
    if (keys.length === 0) return absent(errorCheck("dns.zone.exists", name, `${name} does not exist: ${cut.zone} answers NXDOMAIN (unsigned)`, "check the domain name for a typo"), "nxdomain");
    const denial = proveDenial({ name, type: "SOA", nxdomain: true, authority: sectionRecords(reply.message, "authorities"), zone: cut.zone, keys, nowSeconds: opts.nowSeconds });
    if (!denial.proven) return absent(fail("dns.zone.exists", name, `${cut.zone} answers NXDOMAIN for ${name} without a valid proof: ${denial.reason}`, `check that ${cut.zone} serves its NSEC or NSEC3 denial records`), "unproven-nxdomain");
    return absent(errorCheck("dns.zone.exists", name, `${name} does not exist: ${cut.zone} proves NXDOMAIN (${denial.how})`, "check the domain name for a typo"), "nxdomain");
  }
  if (opts.allowNonApex === true) return absent(warn("dns.zone.apex", name, `${name} is not a zone apex; checking its zone ${cut.zone}`, `run verify on ${cut.zone}`), "not-delegated");
  return absent(errorCheck("dns.zone.apex", name, `${name} is not a zone apex; it is a name in the zone ${cut.zone}`, `run verify on ${cut.zone}, or pass --allow-non-apex to check the zone of a name inside it`), "not-delegated");
}

/**
 * The zone that holds `name` for `type`, with its validated keys: a DS lives in the parent, any
 * other type in the zone the delegations lead to (RFC 4035 §5.3.1: the signer must be that zone).
 * Returns a finished check when that zone is not secure.
 */
async function zoneFor(opts: ChainOptions, home: ZoneKeys, name: string, type: string): Promise<ZoneKeys | CheckResult> {
  const subject = `${name} ${displayTypeName(type)}`;
  const found = await opts.resolver.findCuts(name);
  if (!found.ok) return errorCheck("dns.rrset", subject, found.error, "check the name and that its name servers answer");
  let index = found.cuts.length - 1;
  if (type === "DS" && found.cuts[index].zone === name && index > 0) index -= 1;
  const cut = found.cuts[index];
  if (cut.zone === home.zone) return home;
  const sub = await verifyChain(cut.zone, opts, true);
  const verdict = verdictOf(sub.checks);
  if (verdict === "secure" && sub.keys.length > 0) return { zone: cut.zone, cut, keys: sub.keys };
  const worst = sub.checks.find((c) => c.verdict === verdict && c.status !== "pass") ?? sub.checks[sub.checks.length - 1];
  const why = worst ? `: ${worst.summary}` : "";
  if (verdict === "insecure") return warn("dns.rrset", subject, `${name} is in the zone ${cut.zone}, which is insecure${why}`, worst?.fix ?? `sign ${cut.zone}`, "insecure");
  if (verdict === "bogus") return fail("dns.rrset", subject, `${name} is in the zone ${cut.zone}, whose chain of trust is broken${why}`, worst?.fix ?? `run verify on ${cut.zone}`);
  return errorCheck("dns.rrset", subject, `${name} is in the zone ${cut.zone}, which could not be checked${why}`, worst?.fix ?? `run verify on ${cut.zone}`);
}

type RRsetCheck = { readonly check: CheckResult; readonly label: string };

/**
 * Validates one RRset (or its authenticated absence) in the zone that holds it, and follows a
 * CNAME to its target, each link in its own zone, as a resolver would (RFC 1034 §3.6.2).
 */
async function checkRRset(opts: ChainOptions, home: ZoneKeys, q: RRsetQuestion, seen: readonly string[] = []): Promise<RRsetCheck> {
  const name = fqdn(q.name);
  const shown = displayTypeName(q.type);
  const subject = `${name} ${shown}`;
  const located = await zoneFor(opts, home, name, q.type);
  if (!("keys" in located)) return { check: located, label: "not in a secure zone" };
  const { cut, keys } = located;
  const reply = await opts.resolver.query(cut.servers, name, q.type);
  if (!reply.ok) return { check: errorCheck("dns.rrset", subject, reply.error, "check that the zone's name servers answer"), label: "query failed" };
  const answers = sectionRecords(reply.message, "answers");
  const authority = sectionRecords(reply.message, "authorities");
  let records = recordsOf(answers, name, q.type);
  let type: string = q.type;
  if (records.length === 0 && recordsOf(answers, name, "CNAME").length > 0) {
    records = recordsOf(answers, name, "CNAME");
    type = "CNAME";
  }
  if (records.length > 0) {
    const v = validateRRset({ records, signatures: rrsigs(answers, name, type), zone: cut.zone, keys, nowSeconds: opts.nowSeconds });
    if (v.state === "bogus") return { check: fail("dns.rrset", subject, `${name} ${displayTypeName(type)} does not validate: ${v.reason}`, dnssecFix(v.reason)), label: "bad signature" };
    let how = "";
    const own = labels(name);
    if (v.labels < (own[0] === "*" ? own.length - 1 : own.length)) {
      const proof = proveWildcardAnswer({ name, signedLabels: v.labels, authority, zone: cut.zone, keys, nowSeconds: opts.nowSeconds });
      if (!proof.proven && proof.insecure === true) {
        return { check: warn("dns.rrset", subject, `${name} ${displayTypeName(type)} is a wildcard answer: ${proof.reason}`, `sign ${cut.zone} with NSEC3 iterations 0 (RFC 9276)`, "insecure"), label: "insecure proof" };
      }
      if (!proof.proven) {
        return { check: fail("dns.rrset", subject, `${name} ${displayTypeName(type)} is a wildcard answer without proof that no closer match exists: ${proof.reason}`, `check that ${cut.zone} serves the NSEC or NSEC3 records of its wildcard answers`), label: "wildcard not proven" };
      }
      how = ` (${proof.how})`;
    }
    const signedBy = `${name} ${displayTypeName(type)} (${records.length} record(s)) is signed by key ${v.keyTag}${how}, valid until ${formatSigTime(v.expiration)}`;
    if (type !== "CNAME" || q.type === "CNAME") return { check: pass("dns.rrset", subject, signedBy), label: "signs" };
    const target = fqdn(String(records[0].data));
    const chain = [...seen, name];
    if (chain.includes(target) || chain.length >= MAX_CNAME_LINKS) {
      const what = chain.includes(target) ? `the CNAME chain loops back to ${target}` : `the CNAME chain is longer than ${MAX_CNAME_LINKS} links`;
      return { check: errorCheck("dns.rrset", subject, `${what} (${[...chain, target].join(" -> ")})`, "point the CNAME at a name that holds the record"), label: "CNAME loop" };
    }
    const next = await checkRRset(opts, home, { name: target, type: q.type }, chain);
    const c = next.check;
    const summary = `${name} CNAME ${target}: ${c.summary}`;
    return { check: { ...c, subject, summary }, label: c.status === "pass" ? "signs" : next.label };
  }
  if (!reply.message.flag_aa) {
    return { check: errorCheck("dns.rrset", subject, lameSummary(cut, cut.zone), `make the name servers of ${cut.zone} serve the zone`), label: "lame delegation" };
  }
  const nx = reply.message.rcode === "NXDOMAIN";
  const denial = proveDenial({ name, type: q.type, nxdomain: nx, authority, zone: cut.zone, keys, nowSeconds: opts.nowSeconds });
  if (denial.proven) {
    return { check: pass("dns.rrset", subject, `${nx ? "the name does not exist" : `no ${shown} records`}; the absence is proven (${denial.how})`), label: nx ? "proves NXDOMAIN" : "proves NODATA" };
  }
  if (denial.insecure === true) {
    return { check: warn("dns.rrset", subject, `${nx ? "NXDOMAIN" : "no data"}: ${denial.reason}`, `sign ${cut.zone} with NSEC3 iterations 0 (RFC 9276)`, "insecure"), label: "insecure proof" };
  }
  return { check: fail("dns.rrset", subject, `${nx ? "NXDOMAIN" : "no data"} without a valid proof: ${denial.reason}`, "re-sign the zone so it serves NSEC or NSEC3 denial records"), label: "denial not proven" };
}
