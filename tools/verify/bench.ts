import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { delv, startLab, type ChildSpec } from "../../test/tools/verify/lab/bind-lab";
import { findProgram, INSTALL_HINT, missingBindPrograms } from "../../test/tools/verify/lab/programs";
import { Resolver } from "./dns/resolver";
import { createTransport, type Server } from "./dns/transport";
import { parseTrustAnchors, type TrustAnchor } from "./dnssec/trust-anchor";
import { mapPool } from "./pool";
import { verifyDomain } from "./verify-domain";

/**
 * Benchmark (npm run bench:verify [-- --zones N --runs N --concurrency N]):
 * one domain's full chain on loopback, then a fleet audit of N generated
 * zones against a sequential delv loop over the same names. Needs BIND 9.
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
  const zones = arg("zones", 200);
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

    const fleetStarted = performance.now();
    const shared = resolverFor(server);
    const reports = await mapPool(names, concurrency, async (zone) => {
      const r = await verifyDomain(zone, { resolver: shared, anchor, extraChecks: [], route53: undefined, requireSecure: false });
      sampleMemory();
      return r;
    });
    const fleetMs = performance.now() - fleetStarted;
    const notSecure = reports.filter((r) => r.verdict !== "secure");
    if (notSecure.length > 0) throw new Error(`${notSecure.length} fleet zones are not secure, e.g. ${notSecure[0].domain}: ${notSecure[0].verdict}`);

    process.stderr.write(`running delv sequentially over ${zones} zones (${findProgram("delv")})...\n`);
    const delvStarted = performance.now();
    for (const zone of names) {
      const d = await delv(lab, zone, "SOA");
      if (d.verdict !== "secure") throw new Error(`delv says ${zone} is ${d.verdict}: ${d.output}`);
    }
    const delvMs = performance.now() - delvStarted;
    const maxRssMb = process.resourceUsage().maxRSS / 1024;

    const lines = [
      `single domain, full chain (. -> ${lab.parent} -> ${names[0]}), in process: median ${ms(median(single))} over ${runs} runs (min ${ms(Math.min(...single))}, max ${ms(Math.max(...single))})`,
      `single domain via the CLI (node + tsx start-up included): median ${ms(median(cli))} over ${cli.length} runs`,
      `fleet audit of ${zones} zones, concurrency ${concurrency}: ${ms(fleetMs)} total, ${ms(fleetMs / zones)} per zone`,
      `sequential delv loop over the same ${zones} zones: ${ms(delvMs)} total, ${ms(delvMs / zones)} per zone`,
      `speed ratio (delv loop / fleet audit): ${(delvMs / fleetMs).toFixed(1)}x`,
      `peak memory: maxRSS ${maxRssMb.toFixed(1)} MB, peak heap used ${(peakHeap / 1024 / 1024).toFixed(1)} MB`,
      `targets: <= 200 ms per domain (${median(single) <= 200 ? "met" : "MISSED"}), >= 10x faster than delv (${delvMs / fleetMs >= 10 ? "met" : "MISSED"})`,
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
