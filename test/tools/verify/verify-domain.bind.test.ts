import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RRsetQuestion } from "../../../tools/verify/chain";
import { Resolver } from "../../../tools/verify/dns/resolver";
import { createTransport } from "../../../tools/verify/dns/transport";
import { parseTrustAnchors } from "../../../tools/verify/dnssec/trust-anchor";
import type { DomainReport, Verdict } from "../../../tools/verify/report";
import { verifyDomain } from "../../../tools/verify/verify-domain";
import { readFileSync } from "node:fs";
import { delv, startLab, type ChildSpec, type Lab } from "./lab/bind-lab";
import { describeWithBind } from "./lab/bind-tools";
import { run } from "../../../tools/verify/run";
import { startFakeRoute53, useFakeAwsEnv } from "./helpers/fake-route53";

/** Each lab child, the verdict we expect, and the RRsets to validate besides SOA and NS. */
const SCENARIOS: readonly { spec: ChildSpec; expected: Verdict; extra: readonly RRsetQuestion[] }[] = [
  { spec: { label: "secure13", scenario: "secure" }, expected: "secure", extra: [{ name: "www.secure13.lab.", type: "TXT" }] },
  { spec: { label: "secure15", scenario: "secure", algorithm: "ED25519" }, expected: "secure", extra: [{ name: "www.secure15.lab.", type: "A" }] },
  { spec: { label: "secure14", scenario: "secure", algorithm: "ECDSAP384SHA384", splitKeys: false }, expected: "secure", extra: [] },
  { spec: { label: "secure8", scenario: "secure", algorithm: "RSASHA256" }, expected: "secure", extra: [] },
  {
    spec: { label: "nsec3", scenario: "secure", nsec3: true },
    expected: "secure",
    extra: [{ name: "missing.nsec3.lab.", type: "A" }, { name: "www.nsec3.lab.", type: "MX" }],
  },
  {
    spec: { label: "negative", scenario: "secure" },
    expected: "secure",
    extra: [{ name: "missing.negative.lab.", type: "A" }, { name: "www.negative.lab.", type: "MX" }],
  },
  { spec: { label: "wrongds", scenario: "wrong-ds-digest" }, expected: "bogus", extra: [] },
  { spec: { label: "expired", scenario: "expired-rrsig" }, expected: "bogus", extra: [] },
  { spec: { label: "future", scenario: "future-rrsig" }, expected: "bogus", extra: [] },
  { spec: { label: "tampered", scenario: "tampered" }, expected: "bogus", extra: [{ name: "www.tampered.lab.", type: "TXT" }] },
  { spec: { label: "dsnokey", scenario: "ds-unsigned-child" }, expected: "bogus", extra: [] },
  { spec: { label: "unsigned", scenario: "unsigned-no-ds" }, expected: "insecure", extra: [] },
];

describeWithBind("verify against a BIND 9 lab hierarchy", () => {
  let lab: Lab;
  const reports = new Map<string, DomainReport>();

  beforeAll(async () => {
    lab = await startLab({ children: SCENARIOS.map((s) => s.spec) });
    const anchor = parseTrustAnchors(readFileSync(lab.anchorFile, "utf8"), lab.anchorFile);
    const server = { host: "127.0.0.1", port: lab.port };
    const resolver = new Resolver({ transport: createTransport({ timeoutMs: 1000, retries: 1 }), rootServers: [server], fixedServer: server });
    for (const s of SCENARIOS) {
      const zone = `${s.spec.label}.lab.`;
      reports.set(zone, await verifyDomain(zone, { resolver, anchor, extraChecks: s.extra, route53: undefined, requireSecure: false }));
    }
  });

  afterAll(async () => {
    await lab?.stop();
  });

  for (const s of SCENARIOS) {
    const zone = `${s.spec.label}.lab.`;
    it(`finds ${zone} (${s.spec.scenario}${s.spec.algorithm ? `, ${s.spec.algorithm}` : ""}) ${s.expected}, as delv does`, async () => {
      const report = reports.get(zone)!;
      expect(report.verdict, JSON.stringify(report.checks.filter((c) => c.status !== "pass"), null, 2)).toBe(s.expected);
      // delv validates each RRset we validate; its worst answer is its verdict for the zone.
      const questions = [{ name: zone, type: "SOA" }, { name: zone, type: "NS" }, ...s.extra];
      const delvVerdicts = await Promise.all(questions.map(async (q) => (await delv(lab, q.name, q.type)).verdict));
      const rank: Record<Verdict, number> = { secure: 0, insecure: 1, error: 2, bogus: 3 };
      const delvWorst = delvVerdicts.reduce((w, v) => (rank[v] > rank[w] ? v : w), "secure" as Verdict);
      expect(report.verdict).toBe(delvWorst);
    });
  }

  it("names the failing step for each bogus scenario", () => {
    const failing = (zone: string): string[] => reports.get(zone)!.checks.filter((c) => c.status === "fail").map((c) => `${c.id}: ${c.summary}`);
    expect(failing("wrongds.lab.").join("\n")).toMatch(/dns\.ds\.digest: .*the key tag exists but the digest differs/);
    expect(failing("expired.lab.").join("\n")).toMatch(/dns\.dnskey\.signed: .*expired at 20200201000000/);
    expect(failing("future.lab.").join("\n")).toMatch(/dns\.dnskey\.signed: .*not valid before/);
    expect(failing("tampered.lab.").join("\n")).toMatch(/dns\.rrset: www\.tampered\.lab\. TXT does not validate/);
    expect(failing("dsnokey.lab.").join("\n")).toMatch(/dns\.dnskey\.present: .*has no DNSKEY/);
    const insecure = reports.get("unsigned.lab.")!.checks.find((c) => c.id === "dns.ds.present" && c.subject === "unsigned.lab.");
    expect(insecure).toMatchObject({ status: "warn", verdict: "insecure" });
  });

  it("proves NXDOMAIN and NODATA with NSEC and NSEC3", () => {
    for (const zone of ["negative.lab.", "nsec3.lab."]) {
      const rr = reports.get(zone)!.checks.filter((c) => c.id === "dns.rrset" && /missing|MX/.test(c.subject));
      expect(rr).toHaveLength(2);
      for (const c of rr) expect(c.summary).toMatch(/absence is proven/);
    }
  });

  it("checks the DS digest the parent publishes against dnssec-dsfromkey's output", () => {
    const report = reports.get("secure13.lab.")!;
    const bindDs = lab.dsFromKey.get("secure13.lab.")!.split(/\s+/);
    const tag = bindDs[bindDs.indexOf("DS") + 1];
    const digest = bindDs.slice(bindDs.indexOf("DS") + 4).join("");
    const dsCheck = report.checks.find((c) => c.id === "dns.ds.digest" && c.subject === "secure13.lab.");
    expect(dsCheck?.summary).toContain(`DS ${tag}/`);
    expect(dsCheck?.summary).toContain(digest.slice(0, 16));
  });

  it("runs end to end through the CLI with JSON and Markdown output and the verdict's exit code", () => {
    const base = ["--import", "tsx", "tools/verify/cli.ts", "--no-aws", "--nameserver", `127.0.0.1:${lab.port}`, "--trust-anchor", lab.anchorFile];
    const json = spawnSync("node", [...base, "wrongds.lab", "--json"], { encoding: "utf8" });
    expect(json.status).toBe(2);
    const parsed = JSON.parse(json.stdout) as DomainReport;
    expect(parsed).toMatchObject({ schemaVersion: 1, domain: "wrongds.lab.", verdict: "bogus", exitCode: 2, zones: [".", "lab.", "wrongds.lab."] });
    const md = spawnSync("node", [...base, "secure13.lab", "--markdown", "--require-secure"], { encoding: "utf8" });
    expect(md.status).toBe(0);
    expect(md.stdout).toContain("| status | check | subject | finding | fix |");
    expect(md.stdout).toMatch(/```mermaid\nflowchart TD\n/);
    expect(md.stdout).toMatch(/linkStyle \d+ stroke:#2da44e/);
    const insecure = spawnSync("node", [...base, "unsigned.lab"], { encoding: "utf8" });
    expect(insecure.status).toBe(1);
    expect(insecure.stdout).toContain("verdict: insecure");
    expect(insecure.stdout).not.toContain("\u001b[");
  });

  it("cross-checks the DS Route 53 reports with the one the parent publishes", async () => {
    const restore = useFakeAwsEnv();
    const dsLine = lab.dsFromKey.get("secure13.lab.")!;
    const dsText = dsLine.split(/\s+/).slice(dsLine.split(/\s+/).indexOf("DS") + 1).join(" ");
    const fake = await startFakeRoute53([
      { id: "ZSECURE13", name: "secure13.lab.", serveSignature: "SIGNING", ksks: [{ name: "ksk", status: "ACTIVE", keyTag: Number(dsText.split(" ")[0]), dsRecord: dsText }] },
      { id: "ZUNSIGNED", name: "unsigned.lab.", serveSignature: "SIGNING", ksks: [{ name: "ksk", status: "ACTIVE", keyTag: 1, dsRecord: "1 13 2 00AA" }] },
      { id: "ZWRONG", name: "wrongds.lab.", serveSignature: "SIGNING", ksks: [{ name: "ksk", status: "ACTION_NEEDED", keyTag: 2, dsRecord: "2 13 2 00BB" }] },
    ]);
    try {
      const out: string[] = [];
      const io = { stdout: (t: string) => out.push(t), stderr: () => undefined, colour: false, progress: false };
      const base = ["--aws-endpoint", fake.endpoint, "--nameserver", `127.0.0.1:${lab.port}`, "--trust-anchor", lab.anchorFile, "--json"];
      expect(await run(["secure13.lab", ...base], io)).toBe(0);
      const secure = JSON.parse(out.pop()!) as DomainReport;
      expect(secure.checks.find((c) => c.id === "aws.ds.published")).toMatchObject({ status: "pass" });
      expect(await run(["unsigned.lab", ...base], io)).toBe(1);
      const unsigned = JSON.parse(out.pop()!) as DomainReport;
      expect(unsigned.checks.find((c) => c.id === "aws.ds.published")).toMatchObject({ status: "warn", fix: "add this DS at the registrar: 1 13 2 00AA" });

      const progress: string[] = [];
      const code = await run(["--all-zones", "--concurrency", "2", ...base.filter((a) => a !== "--json")], { ...io, progress: true, stderr: (t: string) => progress.push(t) });
      const table = out.pop()!;
      expect(progress.join("")).toContain("\rchecked 3/3 zones");
      expect(code).toBe(2);
      expect(table).toMatch(/secure13\.lab\.\s+secure/);
      expect(table).toMatch(/wrongds\.lab\.\s+bogus/);
      expect(table).toContain("3 zones: 1 secure, 1 insecure, 1 bogus, 0 error");
    } finally {
      await fake.close();
      restore();
    }
  });
});
