import { readFileSync } from "node:fs";
import type { Packet } from "dns-packet";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseVerifyArgs } from "../../../tools/verify/args";
import type { RRsetQuestion } from "../../../tools/verify/chain";
import { Resolver } from "../../../tools/verify/dns/resolver";
import { createTransport, type Server } from "../../../tools/verify/dns/transport";
import { base32hex, nsec3Hash } from "../../../tools/verify/dnssec/denial";
import { parseTrustAnchors, type TrustAnchor } from "../../../tools/verify/dnssec/trust-anchor";
import type { DomainReport, Verdict } from "../../../tools/verify/report";
import { verifyDomain } from "../../../tools/verify/verify-domain";
import { delv, startLab, type Lab } from "./lab/bind-lab";
import { describeWithBind } from "./lab/bind-tools";
import { askUpstream, startReplyProxy, type ReplyProxy } from "./lab/reply-proxy";

/**
 * Denial-of-existence proofs, wildcards, CNAME chains, DS digest preference and zone cuts, each
 * compared with delv's final verdict for the same question. The forged and stripped cases go
 * through a proxy that rewrites named's replies, as an on-path attacker could.
 */

const WILDCARD_ZONE = ["*.w.{zone} IN A 127.0.0.66", '*.w.{zone} IN TXT "wild"', "real.w.{zone} IN A 127.0.0.13"];

const CHILDREN = [
  // The second half of a CNAME loop that spans two zones.
  { label: "secure13", scenario: "secure" as const, records: ["loop.{zone} IN CNAME loop1.cname.lab.", "svc.{zone} IN HTTPS 1 . alpn=h2", 'svc.{zone} IN URI 10 1 "https://example.test/"'] },
  { label: "tampered", scenario: "tampered" as const },
  { label: "unsigned", scenario: "unsigned-no-ds" as const },
  { label: "sha1ds", scenario: "sha1-good-sha256-bad" as const },
  { label: "wild", scenario: "secure" as const, records: WILDCARD_ZONE },
  { label: "wild3", scenario: "secure" as const, nsec3: true, records: WILDCARD_ZONE },
  { label: "rsasha1", scenario: "secure" as const, algorithm: "RSASHA1" },
  { label: "rsasha1bad", scenario: "tampered" as const, algorithm: "RSASHA1" },
  { label: "nsec3sha1", scenario: "secure" as const, algorithm: "NSEC3RSASHA1", nsec3: true },
  { label: "lame", scenario: "lame" as const, lameWithDs: true },
  { label: "lamenods", scenario: "lame" as const },
  {
    label: "cname",
    scenario: "secure" as const,
    records: [
      "alias.{zone} IN CNAME www.tampered.lab.",
      "good.{zone} IN CNAME www.secure13.lab.",
      "ins.{zone} IN CNAME www.unsigned.lab.",
      "loop1.{zone} IN CNAME loop.secure13.lab.",
    ],
  },
];

const bare = (name: string): string => name.replace(/\.$/, "");
const isDenial = (r: { type: string; data?: unknown }): boolean =>
  r.type === "NSEC" || r.type === "NSEC3" || (r.type === "RRSIG" && ["NSEC", "NSEC3"].includes((r.data as { typeCovered: string }).typeCovered));

describeWithBind("verify proofs against a BIND 9 lab and delv's final verdict", () => {
  let lab: Lab;
  let proxy: ReplyProxy;
  let anchor: TrustAnchor;
  /** Forged replies by "name|type"; every other question passes through. */
  const forged = new Map<string, (reply: Packet) => Packet | null>();

  const resolverVia = (server: Server): Resolver =>
    new Resolver({ transport: createTransport({ timeoutMs: 1000, retries: 1 }), rootServers: [server], fixedServer: server });

  /** Verifies `zone` with one --check, directly or through the proxy, and asks delv the same question the same way. */
  async function compare(zone: string, q: RRsetQuestion, via: "named" | "proxy" = "named"): Promise<{ report: DomainReport; ours: Verdict; delv: Verdict; delvOutput: string }> {
    const server = via === "proxy" ? proxy.server : { host: "127.0.0.1", port: lab.port };
    const report = await verifyDomain(zone, { resolver: resolverVia(server), anchor, extraChecks: [q], route53: undefined, requireSecure: false });
    const d = await delv(lab, q.name, q.type, server.port);
    return { report, ours: report.verdict, delv: d.verdict, delvOutput: d.output };
  }

  const rrsetCheck = (report: DomainReport, q: RRsetQuestion) => report.checks.find((c) => c.id === "dns.rrset" && c.subject === `${q.name} ${q.type}`);

  beforeAll(async () => {
    lab = await startLab({ children: CHILDREN });
    anchor = parseTrustAnchors(readFileSync(lab.anchorFile, "utf8"), lab.anchorFile);
    const upstream = { host: "127.0.0.1", port: lab.port };
    proxy = await startReplyProxy(upstream, (q, reply) => forged.get(`${q.name}|${q.type}`)?.(reply));

    for (const zone of ["wild.lab.", "wild3.lab."]) {
      // A wildcard answer replayed for a name that has its own record.
      const wildcardAnswer = await askUpstream(upstream, `x.w.${zone}`, "A");
      forged.set(`real.w.${zone}|A`, (reply) => ({
        ...reply,
        answers: (wildcardAnswer.answers ?? []).map((a) => ({ ...a, name: bare(`real.w.${zone}`) })),
        authorities: wildcardAnswer.authorities,
      }));
      // named's own wildcard answer for a name with no record, with its proof stripped.
      forged.set(`stripped.w.${zone}|A`, (reply) => ({ ...reply, authorities: (reply.authorities ?? []).filter((r) => !isDenial(r)) }));
    }
    // A zone proven insecure (no DS) whose DNSKEY query goes unanswered.
    forged.set("unsigned.lab.|DNSKEY", () => null);
    // NXDOMAIN with the NSEC that denies the name but not the one that denies the wildcard.
    forged.set("zzz.wild.lab.|A", (reply) => {
      const apexNsec = (r: { type: string; name: string }): boolean => bare(r.name) === "wild.lab" && isDenial(r as { type: string });
      return { ...reply, authorities: (reply.authorities ?? []).filter((r) => !apexNsec(r)) };
    });
    // The same with NSEC3: drop the record that covers the hash of *.wild3.lab.
    forged.set("zzz.wild3.lab.|A", (reply) => {
      const records = reply.authorities ?? [];
      const nsec3 = records.filter((r) => r.type === "NSEC3") as { name: string; data: { salt: Buffer; iterations: number; nextDomain: Buffer } }[];
      const h = nsec3Hash("*.wild3.lab.", nsec3[0].data.salt, nsec3[0].data.iterations);
      const covering = nsec3.find((r) => {
        const own = r.name.split(".")[0].toLowerCase();
        const next = base32hex(r.data.nextDomain);
        return own < next ? own < h && h < next : own < h || h < next;
      });
      const owner = covering?.name.toLowerCase();
      return { ...reply, authorities: records.filter((r) => !(isDenial(r) && r.name.toLowerCase() === owner)) };
    });
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await lab?.stop();
  });

  for (const zone of ["wild.lab.", "wild3.lab."]) {
    const kind = zone === "wild.lab." ? "NSEC" : "NSEC3";
    it(`finds a wildcard answer replayed for a name with its own record bogus (${kind}), as delv does`, async () => {
      const q = { name: `real.w.${zone}`, type: "A" as const };
      const r = await compare(zone, q, "proxy");
      expect([r.ours, r.delv]).toEqual(["bogus", "bogus"]);
      expect(rrsetCheck(r.report, q)?.summary).toMatch(/wildcard answer without proof that no closer match exists/);
    });
    it(`finds a wildcard answer with its proof stripped bogus (${kind}), as delv does`, async () => {
      const r = await compare(zone, { name: `stripped.w.${zone}`, type: "A" }, "proxy");
      expect([r.ours, r.delv]).toEqual(["bogus", "bogus"]);
    });
    it(`finds an NXDOMAIN without the wildcard denial bogus (${kind}), as delv does`, async () => {
      const r = await compare(zone, { name: `zzz.${zone}`, type: "A" }, "proxy");
      expect([r.ours, r.delv]).toEqual(["bogus", "bogus"]);
      expect(rrsetCheck(r.report, { name: `zzz.${zone}`, type: "A" })?.summary).toMatch(/\*\.wild3?\.lab\. does not exist/);
    });
    it(`accepts the real answers, a proven wildcard answer, NXDOMAIN, wildcard NODATA and an empty non-terminal (${kind}), as delv does`, async () => {
      const questions: RRsetQuestion[] = [
        { name: `real.w.${zone}`, type: "A" },
        { name: `x.w.${zone}`, type: "A" },
        { name: `zzz.${zone}`, type: "A" },
        { name: `x.w.${zone}`, type: "MX" },
        { name: `w.${zone}`, type: "A" },
      ];
      for (const q of questions) {
        const r = await compare(zone, q);
        // The diagram draws a denial as a proof, not as "signs".
        if (q.name.startsWith("zzz.")) expect(r.report.chain.find((l) => l.to === `A ${q.name}`)?.label).toBe("proves NXDOMAIN");
        expect([q.name, q.type, r.ours, r.delv], JSON.stringify(rrsetCheck(r.report, q))).toEqual([q.name, q.type, "secure", "secure"]);
      }
    });
  }

  it("follows a CNAME into a zone whose target record was tampered: bogus, as delv says", async () => {
    const q = { name: "alias.cname.lab.", type: "TXT" as const };
    const r = await compare("cname.lab.", q);
    expect(r.delvOutput).toContain("RRSIG failed to verify");
    expect([r.ours, r.delv]).toEqual(["bogus", "bogus"]);
    expect(rrsetCheck(r.report, q)?.summary).toMatch(/alias\.cname\.lab\. CNAME www\.tampered\.lab\.: www\.tampered\.lab\. TXT does not validate/);
  });

  it("follows a CNAME into a secure zone (secure) and into an unsigned zone (insecure), as delv does", async () => {
    const good = await compare("cname.lab.", { name: "good.cname.lab.", type: "TXT" });
    expect([good.ours, good.delv]).toEqual(["secure", "secure"]);
    const unsigned = await compare("cname.lab.", { name: "ins.cname.lab.", type: "A" });
    expect([unsigned.ours, unsigned.delv]).toEqual(["insecure", "insecure"]);
  });

  it("stops at a CNAME loop with an error, where delv fails too", async () => {
    const q = { name: "loop1.cname.lab.", type: "A" as const };
    const r = await compare("cname.lab.", q);
    expect(r.delv).not.toBe("secure");
    expect(r.ours).toBe("error");
    expect(rrsetCheck(r.report, q)?.summary).toMatch(/loops back to loop1\.cname\.lab\./);
  });

  it("ignores a good SHA-1 DS when the SHA-256 DS fails (RFC 4509 §3): bogus, as delv says", async () => {
    const r = await compare("sha1ds.lab.", { name: "sha1ds.lab.", type: "SOA" });
    expect([r.ours, r.delv]).toEqual(["bogus", "bogus"]);
    const checks = r.report.checks.map((c) => `${c.status} ${c.id}: ${c.summary}`).join("\n");
    expect(checks).toMatch(/warn dns\.ds\.sha1: DS \d+\/ECDSAP256SHA256\/SHA-1 ignored/);
    expect(checks).toMatch(/fail dns\.ds\.digest: DS \d+\/ECDSAP256SHA256\/SHA-256 .* digest differs/);
  });

  it("validates a record of a child zone in the child, and a zone's DS in its parent, as delv does", async () => {
    const child = await compare("lab.", { name: "www.secure13.lab.", type: "A" });
    expect([child.ours, child.delv]).toEqual(["secure", "secure"]);
    const ds = await compare("secure13.lab.", { name: "secure13.lab.", type: "DS" });
    expect([ds.ours, ds.delv]).toEqual(["secure", "secure"]);
  });

  it("reports a domain that is proven not to exist as an error, where delv proves the NXDOMAIN", async () => {
    const server = { host: "127.0.0.1", port: lab.port };
    const report = await verifyDomain("nosuch.lab.", { resolver: resolverVia(server), anchor, extraChecks: [], route53: undefined, requireSecure: true });
    expect((await delv(lab, "nosuch.lab.", "SOA")).output).toContain("NXDOMAIN");
    expect(report).toMatchObject({ verdict: "error", exitCode: 3 });
    expect(report.checks.find((c) => c.id === "dns.zone.exists")?.summary).toMatch(/^nosuch\.lab\. does not exist: lab\. proves NXDOMAIN/);
    expect(report.checks.find((c) => c.id === "dns.zone.exists")?.cause).toBe("nxdomain");
  });

  it("fails a domain that is a name inside a zone unless allowed", async () => {
    const server = { host: "127.0.0.1", port: lab.port };
    const ctx = { resolver: resolverVia(server), anchor, extraChecks: [], route53: undefined, requireSecure: true };
    const strict = await verifyDomain("www.secure13.lab.", ctx);
    expect(strict).toMatchObject({ verdict: "error", exitCode: 3 });
    expect(strict.checks.find((c) => c.id === "dns.zone.apex")).toMatchObject({ status: "error", fix: expect.stringContaining("--allow-non-apex"), cause: "not-delegated" });
    const allowed = await verifyDomain("www.secure13.lab.", { ...ctx, allowNonApex: true });
    expect(allowed).toMatchObject({ verdict: "secure", exitCode: 0 });
  });

  it("validates RSASHA1 and RSASHA1-NSEC3-SHA1 zones (RFC 8624 §3.1) with a deprecation warning, as delv does", async () => {
    const good = await compare("rsasha1.lab.", { name: "www.rsasha1.lab.", type: "TXT" });
    expect([good.ours, good.delv]).toEqual(["secure", "secure"]);
    expect(good.report.checks.find((c) => c.id === "dns.dnskey.algorithm")).toMatchObject({ status: "warn", summary: expect.stringContaining("RSASHA1 is deprecated for signing") });
    const nsec3 = await compare("nsec3sha1.lab.", { name: "missing.nsec3sha1.lab.", type: "A" });
    expect([nsec3.ours, nsec3.delv]).toEqual(["secure", "secure"]);
    const bad = await compare("rsasha1bad.lab.", { name: "www.rsasha1bad.lab.", type: "TXT" });
    expect([bad.ours, bad.delv]).toEqual(["bogus", "bogus"]);
  });

  it("reports a lame delegation as an error naming the server, with or without a DS, where delv fails too", async () => {
    for (const zone of ["lame.lab.", "lamenods.lab."]) {
      const r = await compare(zone, { name: zone, type: "SOA" });
      expect(r.ours, zone).toBe("error");
      expect(r.delv, `${zone}: ${r.delvOutput}`).not.toBe("secure");
      expect(r.report.checks.find((c) => c.id === "dns.zone.lame")?.summary).toBe(`lame delegation: 127.0.0.1:${lab.port} does not serve ${zone} (no authoritative answer)`);
    }
  });

  it("says insecure, not error, when the DNSKEY query of a zone already proven insecure fails, as delv does", async () => {
    const r = await compare("unsigned.lab.", { name: "www.unsigned.lab.", type: "A" }, "proxy");
    expect([r.ours, r.delv]).toEqual(["insecure", "insecure"]);
    expect(r.report.checks.find((c) => c.id === "dns.dnskey.fetch")).toMatchObject({ status: "warn", verdict: "insecure" });
  });

  it("validates HTTPS, URI and TYPE65 RRsets and their absence, as delv does", async () => {
    for (const [name, type] of [["svc.secure13.lab.", "HTTPS"], ["svc.secure13.lab.", "TYPE65"], ["svc.secure13.lab.", "URI"], ["www.secure13.lab.", "HTTPS"]]) {
      const q = parseVerifyArgs(["secure13.lab", "--check", `${name}/${type}`]).checks[0];
      const r = await compare("secure13.lab.", q);
      expect([name, type, r.ours, r.delv], JSON.stringify(r.report.checks.filter((c) => c.status !== "pass"))).toEqual([name, type, "secure", "secure"]);
    }
  });
});
