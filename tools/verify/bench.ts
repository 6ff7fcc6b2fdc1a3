import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { delv, startLab, type ChildSpec } from "../../test/tools/verify/lab/bind-lab";
import { findProgram, INSTALL_HINT, missingBindPrograms } from "../../test/tools/verify/lab/programs";
import { FAKE_AWS_ENV, startFakeRoute53, useFakeAwsEnv, type FakeZone } from "../../test/tools/verify/helpers/fake-route53";
import type { FleetReport } from "./report";
import { run } from "./run";
import { Resolver } from "./dns/resolver";
import { createTransport, type Server } from "./dns/transport";
import { parseTrustAnchors, type TrustAnchor } from "./dnssec/trust-anchor";
import { verifyDomain } from "./verify-domain";

/**
 * Benchmark (npm run bench:verify [-- --zones N --runs N --concurrency N]):
 * one domain's full chain on loopback; the real `--all-zones` command (a new
 * process: node start-up, the AWS SDK, ListHostedZones and the per-zone
 * Route 53 calls against a local Route 53 XML endpoint, then the DNS checks);
 * the same in process; and a sequential delv loop over the same N zones.
 * Needs BIND 9.
 */

const execFileAsync = promisify(execFile);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number, got: ${process.argv[i + 1]}`);
  return v;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;

let peakHeap = 0;
function sampleMemory(): void {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}

function resolverFor(server: Server): Resolver {
  return new Resolver({ transport: createTransport({ timeoutMs: 2000, retries: 2 }), rootServers: [server], fixedServer: server });
}

async function singleDomain(server: Server, anchor: TrustAnchor, zone: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    // A fresh resolver each run: no cached replies, the whole chain is fetched and validated.
    const report = await verifyDomain(zone, { resolver: resolverFor(server), anchor, extraChecks: [], route53: undefined, requireSecure: false });
    times.push(performance.now() - started);
    if (report.verdict !== "secure") throw new Error(`bench zone ${zone} is ${report.verdict}, expected secure`);
    sampleMemory();
  }
  return times;
}

async function cliRuns(port: number, anchorFile: string, zone: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await execFileAsync(process.execPath, ["--import", "tsx", "tools/verify/cli.ts", zone, "--no-aws", "--nameserver", `127.0.0.1:${port}`, "--trust-anchor", anchorFile]);
    times.push(performance.now() - started);
  }
  return times;
}

async function main(): Promise<void> {
  const missing = missingBindPrograms();
  if (missing.length > 0) throw new Error(`${INSTALL_HINT}; missing: ${missing.join(", ")}`);
  const zones = arg("zones", 150);
  const runs = arg("runs", 20);
  const concurrency = arg("concurrency", 16);
  const children: ChildSpec[] = Array.from({ length: zones }, (_, i) => ({ label: `z${String(i).padStart(3, "0")}`, scenario: "secure", splitKeys: false }));
  process.stderr.write(`building a lab of ${zones} signed zones (dnssec-keygen, dnssec-signzone)...\n`);
  const buildStarted = performance.now();
  const lab = await startLab({ children, parallel: 2 });
  process.stderr.write(`lab ready in ${ms(performance.now() - buildStarted)} on 127.0.0.1:${lab.port}\n`);
  try {
    const server = { host: "127.0.0.1", port: lab.port };
    const anchor = parseTrustAnchors(readFileSync(lab.anchorFile, "utf8"), lab.anchorFile);
    const names = children.map((c) => `${c.label}.${lab.parent}`);

    await singleDomain(server, anchor, names[0], 3); // warm up the JIT
    const single = await singleDomain(server, anchor, names[0], runs);
    const cli = await cliRuns(lab.port, lab.anchorFile, names[0], 5);

    // A Route 53 account holding the same zones, each SIGNING with the KSK whose DS the parent publishes.
    const fakeZones: FakeZone[] = names.map((zone, i) => {
      const ds = lab.dsFromKey.get(zone) ?? "";
      const fields = ds.split(/\s+/);
      const at = fields.indexOf("DS");
      return { id: `ZBENCH${i}`, name: zone, serveSignature: "SIGNING", ksks: [{ name: "ksk", status: "ACTIVE", keyTag: Number(fields[at + 1]), dsRecord: fields.slice(at + 1).join(" ") }] };
    });
    const route53 = await startFakeRoute53(fakeZones);
    const allZonesArgs = ["--all-zones", "--concurrency", String(concurrency), "--aws-endpoint", route53.endpoint, "--nameserver", `127.0.0.1:${lab.port}`, "--trust-anchor", lab.anchorFile, "--json"];
    const cliFleet: number[] = [];
    let apiCalls = 0;
    try {
      for (let i = 0; i < 3; i += 1) {
        const before = route53.requests.length;
        const started = performance.now();
        const { stdout } = await execFileAsync(process.execPath, ["--import", "tsx", "tools/verify/cli.ts", ...allZonesArgs], { env: { ...process.env, ...FAKE_AWS_ENV }, maxBuffer: 64 * 1024 * 1024 });
        cliFleet.push(performance.now() - started);
        apiCalls = route53.requests.length - before;
        const report = JSON.parse(stdout) as FleetReport;
        if (report.summary.secure !== zones) throw new Error(`--all-zones found ${JSON.stringify(report.summary)}, expected ${zones} secure`);
      }
    } finally {
      if (cliFleet.length === 0) await route53.close();
    }
    const restore = useFakeAwsEnv();
    let fleetMs: number;
    try {
      const fleetStarted = performance.now();
      const code = await run(allZonesArgs, { stdout: () => undefined, stderr: () => undefined, colour: false, progress: false });
      fleetMs = performance.now() - fleetStarted;
      if (code !== 0) throw new Error(`in-process --all-zones exited ${code}`);
      sampleMemory();
    } finally {
      restore();
      await route53.close();
    }

    process.stderr.write(`running delv sequentially over ${zones} zones (${findProgram("delv")})...\n`);
    const delvStarted = performance.now();
    for (const zone of names) {
      const d = await delv(lab, zone, "SOA");
      if (d.verdict !== "secure") throw new Error(`delv says ${zone} is ${d.verdict}: ${d.output}`);
    }
    const delvMs = performance.now() - delvStarted;
    const maxRssMb = process.resourceUsage().maxRSS / 1024;

    const cliMs = median(cliFleet);
    const lines = [
      `single domain, full chain (. -> ${lab.parent} -> ${names[0]}), in process: median ${ms(median(single))} over ${runs} runs (min ${ms(Math.min(...single))}, max ${ms(Math.max(...single))})`,
      `single domain via the CLI (node + tsx start-up included): median ${ms(median(cli))} over ${cli.length} runs`,
      `real --all-zones command, ${zones} zones, concurrency ${concurrency}, ${apiCalls} Route 53 API calls to a local endpoint, start-up included: median ${ms(cliMs)} over ${cliFleet.length} runs (min ${ms(Math.min(...cliFleet))}, max ${ms(Math.max(...cliFleet))})`,
      `in process (no start-up, same Route 53 calls and DNS checks): ${ms(fleetMs)} total, ${ms(fleetMs / zones)} per zone`,
      `sequential delv loop over the same ${zones} zones: ${ms(delvMs)} total, ${ms(delvMs / zones)} per zone`,
      `speed ratio, real command (delv loop / --all-zones CLI): ${(delvMs / cliMs).toFixed(1)}x`,
      `speed ratio, in process (delv loop / in-process --all-zones): ${(delvMs / fleetMs).toFixed(1)}x`,
      `peak memory of this process: maxRSS ${maxRssMb.toFixed(1)} MB, peak heap used ${(peakHeap / 1024 / 1024).toFixed(1)} MB`,
      `targets: <= 200 ms per domain (${median(single) <= 200 ? "met" : "MISSED"}), real command >= 10x faster than delv (${delvMs / cliMs >= 10 ? "met" : "MISSED"})`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await lab.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:verify: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
