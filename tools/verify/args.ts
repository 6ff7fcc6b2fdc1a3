import { isIP } from "node:net";
import { parseArgs } from "node:util";
import type { RecordType } from "dns-packet";
import type { RRsetQuestion } from "./chain";
import { packetTypeName } from "./dns/rdata";
import type { Server } from "./dns/transport";

export type OutputFormat = "human" | "json" | "markdown";

/** Everything the command line can set; see usage() for the defaults. */
export interface VerifyOptions {
  readonly domain: string | undefined;
  readonly allZones: boolean;
  readonly aws: boolean;
  readonly awsEndpoint: string | undefined;
  readonly awsRegion: string;
  readonly nameserver: Server | undefined;
  readonly trustAnchorFile: string | undefined;
  readonly checks: readonly RRsetQuestion[];
  readonly format: OutputFormat;
  readonly requireSecure: boolean;
  readonly allowNonApex: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run verify -- <domain> [options]
       npm run verify -- --all-zones [options]

Checks the DNSSEC chain of trust of a domain and its Route 53 signing status.

Options:
  --no-aws                 skip the Route 53 checks (DNS only)
  --aws-endpoint URL       Route 53 API endpoint (default: the SDK's; AWS_ENDPOINT_URL_ROUTE_53 also works)
  --aws-region REGION      region for the Route 53 client (default: us-east-1)
  --nameserver HOST:PORT   send every DNS query to this server (labs and tests)
  --trust-anchor FILE      DS or DNSKEY lines in zone-file format (default: the built-in root KSKs)
  --check NAME/TYPE        also validate this RRset; repeatable (e.g. --check www.example.com/A)
  --json                   print the report as JSON (schemaVersion 1)
  --markdown               print a Markdown report with a Mermaid chain diagram
  --require-secure         exit non-zero unless the verdict is secure and no check failed
  --allow-non-apex         check the zone of a domain that is a name inside a zone (default: an error)
  --all-zones              check every public hosted zone of the account
  --concurrency N          zones checked at once with --all-zones (default: 8)
  --timeout MS             per-query timeout (default: 2000)
  --retries N              UDP retries after a timeout (default: 2)
  -h, --help               show this help

Exit codes: 0 secure, 1 insecure, 2 bogus, 3 error, 4 secure but a check failed (--require-secure only).`;

function parseServer(value: string): Server {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(value) ?? /^([^:]+):(\d+)$/.exec(value);
  const host = m ? m[1] : value;
  const port = m ? Number(m[2]) : 53;
  if (isIP(host) === 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`--nameserver must be an IP address with an optional port (HOST:PORT), got: ${value}`);
  }
  return { host, port };
}

/** Query types that name no RRset of their own, so there is nothing to validate. */
const NOT_AN_RRSET: Readonly<Record<string, string>> = {
  ANY: "ANY is a query for every type; name one type",
  RRSIG: "RRSIG records are validated with the RRset they cover; check that type",
  OPT: "OPT is an EDNS pseudo-record",
  AXFR: "AXFR is a zone transfer",
  IXFR: "IXFR is a zone transfer",
  TSIG: "TSIG is a transaction signature",
  TKEY: "TKEY is a key-exchange meta-record",
};

function parseCheck(value: string): RRsetQuestion {
  const m = /^([^/\s]+)\/([A-Za-z0-9]+)$/.exec(value);
  if (!m) throw new Error(`--check must be NAME/TYPE, for example www.example.com/A, got: ${value}`);
  const type = packetTypeName(m[2]);
  if (type === undefined) throw new Error(`--check type must be a DNS record type such as A, AAAA, TXT, MX, HTTPS or TYPE65, got: ${m[2]}`);
  const refused = NOT_AN_RRSET[type];
  if (refused) throw new Error(`--check cannot validate ${m[2]}: ${refused}, got: ${value}`);
  return { name: m[1], type: type as RecordType };
}

function parseCount(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}, got: ${value}`);
  return n;
}

/** Parses argv (without node and the script); throws one clear sentence on bad input. */
export function parseVerifyArgs(argv: readonly string[]): VerifyOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      "no-aws": { type: "boolean", default: false },
      "aws-endpoint": { type: "string" },
      "aws-region": { type: "string" },
      nameserver: { type: "string" },
      "trust-anchor": { type: "string" },
      check: { type: "string", multiple: true },
      json: { type: "boolean", default: false },
      markdown: { type: "boolean", default: false },
      "require-secure": { type: "boolean", default: false },
      "allow-non-apex": { type: "boolean", default: false },
      "all-zones": { type: "boolean", default: false },
      concurrency: { type: "string" },
      timeout: { type: "string" },
      retries: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const help = values.help === true;
  const allZones = values["all-zones"] === true;
  if (values.json && values.markdown) throw new Error("choose one of --json and --markdown, not both");
  if (!help && allZones && positionals.length > 0) throw new Error(`--all-zones checks every hosted zone; drop the domain argument (${positionals[0]})`);
  if (!help && allZones && values["no-aws"]) throw new Error("--all-zones lists zones through Route 53; it cannot be combined with --no-aws");
  if (!help && !allZones && positionals.length !== 1) {
    throw new Error(positionals.length === 0 ? "give the domain to check, e.g. npm run verify -- example.com" : `give exactly one domain, got: ${positionals.join(" ")}`);
  }
  const domain = positionals[0];
  if (domain !== undefined && !/^[A-Za-z0-9_.-]+\.?$/.test(domain)) throw new Error(`the domain must be a DNS name such as example.com, got: ${domain}`);
  return {
    domain,
    allZones,
    aws: values["no-aws"] !== true,
    awsEndpoint: values["aws-endpoint"],
    awsRegion: values["aws-region"] ?? "us-east-1",
    nameserver: values.nameserver === undefined ? undefined : parseServer(values.nameserver),
    trustAnchorFile: values["trust-anchor"],
    checks: (values.check ?? []).map(parseCheck),
    format: values.json ? "json" : values.markdown ? "markdown" : "human",
    requireSecure: values["require-secure"] === true,
    allowNonApex: values["allow-non-apex"] === true,
    concurrency: parseCount("--concurrency", values.concurrency, 8, 1, 256),
    timeoutMs: parseCount("--timeout", values.timeout, 2000, 50, 60000),
    retries: parseCount("--retries", values.retries, 2, 0, 10),
    help,
  };
}
