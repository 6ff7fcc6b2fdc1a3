import { createServer, type Server } from "node:http";

/**
 * A local HTTP endpoint on 127.0.0.1 that serves Route 53's REST-XML for
 * ListHostedZonesByName, ListHostedZones and GetDNSSEC, so tests drive the
 * real AWS SDK client.
 */
export interface FakeKsk {
  readonly name: string;
  readonly status: string;
  readonly keyTag: number;
  readonly dsRecord: string;
  readonly statusMessage?: string;
}

export interface FakeZone {
  readonly id: string;
  readonly name: string;
  readonly private?: boolean;
  readonly serveSignature: string;
  readonly statusMessage?: string;
  readonly ksks: readonly FakeKsk[];
}

export interface FakeRoute53 {
  readonly endpoint: string;
  readonly requests: string[];
  close(): Promise<void>;
}

const NS = 'xmlns="https://route53.amazonaws.com/doc/2013-04-01/"';

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function zoneXml(z: FakeZone): string {
  return `<HostedZone><Id>/hostedzone/${z.id}</Id><Name>${esc(z.name)}</Name><CallerReference>ref-${z.id}</CallerReference><Config><PrivateZone>${z.private === true}</PrivateZone></Config><ResourceRecordSetCount>4</ResourceRecordSetCount></HostedZone>`;
}

function kskXml(k: FakeKsk): string {
  return `<member><Name>${esc(k.name)}</Name><KmsArn>arn:aws:kms:us-east-1:111122223333:key/test</KmsArn><Flag>257</Flag><SigningAlgorithmMnemonic>ECDSAP256SHA256</SigningAlgorithmMnemonic><SigningAlgorithmType>13</SigningAlgorithmType><DigestAlgorithmMnemonic>SHA-256</DigestAlgorithmMnemonic><DigestAlgorithmType>2</DigestAlgorithmType><KeyTag>${k.keyTag}</KeyTag><DSRecord>${esc(k.dsRecord)}</DSRecord><Status>${k.status}</Status>${k.statusMessage ? `<StatusMessage>${esc(k.statusMessage)}</StatusMessage>` : ""}</member>`;
}

export async function startFakeRoute53(zones: readonly FakeZone[], options: { pageSize?: number; deny?: boolean } = {}): Promise<FakeRoute53> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, body: string): void => {
      res.writeHead(status, { "content-type": "text/xml", "x-amzn-requestid": "test-request" });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
    };
    if (options.deny) {
      send(403, `<ErrorResponse ${NS}><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform route53:ListHostedZonesByName</Message></Error><RequestId>test-request</RequestId></ErrorResponse>`);
      return;
    }
    const dnssec = /^\/2013-04-01\/hostedzone\/([^/]+)\/dnssec$/.exec(url.pathname);
    if (url.pathname === "/2013-04-01/hostedzonesbyname") {
      const dnsName = url.searchParams.get("dnsname") ?? "";
      // Route 53 returns at most MaxItems zones from DNSName on, in name order.
      const max = Number(url.searchParams.get("maxitems") ?? "100");
      const sorted = [...zones].sort((a, b) => a.name.localeCompare(b.name)).filter((z) => z.name >= dnsName);
      const page = sorted.slice(0, max);
      send(200, `<ListHostedZonesByNameResponse ${NS}><HostedZones>${page.map(zoneXml).join("")}</HostedZones><DNSName>${esc(dnsName)}</DNSName><IsTruncated>${sorted.length > max}</IsTruncated><MaxItems>${max}</MaxItems></ListHostedZonesByNameResponse>`);
    } else if (url.pathname === "/2013-04-01/hostedzone") {
      const size = options.pageSize ?? 100;
      const start = Number(url.searchParams.get("marker") ?? "0");
      const page = zones.slice(start, start + size);
      const more = start + size < zones.length;
      send(200, `<ListHostedZonesResponse ${NS}><HostedZones>${page.map(zoneXml).join("")}</HostedZones><Marker>${start}</Marker><IsTruncated>${more}</IsTruncated>${more ? `<NextMarker>${start + size}</NextMarker>` : ""}<MaxItems>${size}</MaxItems></ListHostedZonesResponse>`);
    } else if (dnssec) {
      const zone = zones.find((z) => z.id === dnssec[1]);
      if (!zone) {
        send(404, `<ErrorResponse ${NS}><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: ${esc(dnssec[1])}</Message></Error><RequestId>test-request</RequestId></ErrorResponse>`);
        return;
      }
      send(200, `<GetDNSSECResponse ${NS}><Status><ServeSignature>${zone.serveSignature}</ServeSignature>${zone.statusMessage ? `<StatusMessage>${esc(zone.statusMessage)}</StatusMessage>` : ""}</Status><KeySigningKeys>${zone.ksks.map(kskXml).join("")}</KeySigningKeys></GetDNSSECResponse>`);
    } else {
      send(400, `<ErrorResponse ${NS}><Error><Type>Sender</Type><Code>InvalidInput</Code><Message>unexpected ${esc(url.pathname)}</Message></Error><RequestId>test-request</RequestId></ErrorResponse>`);
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Fake static credentials for the SDK, only ever sent to the local endpoint. */
export const FAKE_AWS_ENV: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: "AKIDLOCALTEST",
  AWS_SECRET_ACCESS_KEY: "local-test-secret",
  AWS_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true",
};

/** Sets the fake credentials in process.env and returns a function that restores it. */
export function useFakeAwsEnv(): () => void {
  const saved = new Map<string, string | undefined>();
  for (const k of [...Object.keys(FAKE_AWS_ENV), "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ROUTE_53"]) saved.set(k, process.env[k]);
  for (const k of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ROUTE_53"]) delete process.env[k];
  Object.assign(process.env, FAKE_AWS_ENV);
  return () => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}
