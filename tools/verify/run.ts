import { readFileSync } from "node:fs";
import { parseVerifyArgs, USAGE, type VerifyOptions } from "./args";
import { createRoute53Client, listPublicZones } from "./aws/route53";
import { Resolver } from "./dns/resolver";
import { ROOT_HINTS } from "./dns/root-hints";
import { createTransport } from "./dns/transport";
import { parseTrustAnchors, ROOT_TRUST_ANCHOR, type TrustAnchor } from "./dnssec/trust-anchor";
import { mapPool } from "./pool";
import { renderFleetHuman, renderHuman } from "./render/human";
import { renderFleetMarkdown, renderMarkdown } from "./render/markdown";
import { EXIT_CODES, SCHEMA_VERSION, worstVerdict, type DomainReport, type FleetReport, type Verdict } from "./report";
import { verifyDomain, type VerifyContext } from "./verify-domain";

/** Where output goes; the CLI passes the process streams, tests capture them. */
export interface RunIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** stdout is a terminal: colour the human output. */
  readonly colour: boolean;
  /** stderr is a terminal: show fleet progress. */
  readonly progress: boolean;
}

function loadAnchor(file: string | undefined): TrustAnchor {
  if (file === undefined) return ROOT_TRUST_ANCHOR;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read --trust-anchor ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; pass a file of DS or DNSKEY lines`);
  }
  return parseTrustAnchors(text, file);
}

function context(opts: VerifyOptions): VerifyContext {
  const resolver = new Resolver({
    transport: createTransport({ timeoutMs: opts.timeoutMs, retries: opts.retries }),
    rootServers: opts.nameserver ? [opts.nameserver] : ROOT_HINTS,
    fixedServer: opts.nameserver,
  });
  return {
    resolver,
    anchor: loadAnchor(opts.trustAnchorFile),
    extraChecks: opts.checks,
    route53: opts.aws ? createRoute53Client(opts.awsEndpoint, opts.awsRegion) : undefined,
    requireSecure: opts.requireSecure,
    allowNonApex: opts.allowNonApex,
  };
}

function fleetReport(domains: DomainReport[], started: number, requireSecure: boolean): FleetReport {
  const summary: Record<Verdict, number> = { secure: 0, insecure: 0, bogus: 0, error: 0 };
  for (const d of domains) summary[d.verdict] += 1;
  const worst = worstVerdict(domains.map((d) => d.verdict));
  const policy = requireSecure && domains.some((d) => d.exitCode !== 0);
  return {
    schemaVersion: SCHEMA_VERSION,
    mode: "all-zones",
    checkedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    summary,
    exitCode: worst === "secure" && policy ? Math.max(...domains.map((d) => d.exitCode)) : EXIT_CODES[worst],
    domains,
  };
}

/** Runs the tool and returns the exit code; throws only for bad input, with one clear sentence. */
export async function run(argv: readonly string[], io: RunIO): Promise<number> {
  const opts = parseVerifyArgs(argv);
  if (opts.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const ctx = context(opts);
  if (!opts.allZones) {
    const report = await verifyDomain(opts.domain ?? ".", ctx);
    io.stdout(opts.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : opts.format === "markdown" ? renderMarkdown(report) : renderHuman(report, io.colour));
    return report.exitCode;
  }
  const started = Date.now();
  const zones = await listPublicZones(ctx.route53!);
  const domains = await mapPool(zones, opts.concurrency, (zone) => verifyDomain(zone.name, ctx, zone), (done) => {
    if (io.progress) io.stderr(`\rchecked ${done}/${zones.length} zones`);
  });
  if (io.progress && zones.length > 0) io.stderr("\n");
  const report = fleetReport(domains, started, opts.requireSecure);
  io.stdout(opts.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : opts.format === "markdown" ? renderFleetMarkdown(report) : renderFleetHuman(report, io.colour));
  return report.exitCode;
}
