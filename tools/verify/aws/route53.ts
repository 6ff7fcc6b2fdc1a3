import { GetDNSSECCommand, ListHostedZonesByNameCommand, ListHostedZonesCommand, Route53Client } from "@aws-sdk/client-route-53";
import { fqdn } from "../dnssec/names";

/**
 * Route 53 evidence through the AWS SDK. The client honours the usual
 * credential chain and AWS_ENDPOINT_URL_ROUTE_53; --aws-endpoint overrides.
 * Route 53 is a global service served from us-east-1.
 */

export interface Route53Ksk {
  readonly name: string;
  readonly status: string;
  readonly statusMessage: string | undefined;
  readonly flag: number | undefined;
  readonly keyTag: number | undefined;
  /** "keytag algorithm digesttype DIGEST" as GetDNSSEC returns it. */
  readonly dsRecord: string | undefined;
}

export interface Route53Zone {
  readonly id: string;
  readonly name: string;
}

export type Route53Evidence =
  | { readonly ok: true; readonly zone: Route53Zone; readonly serveSignature: string; readonly statusMessage: string | undefined; readonly ksks: readonly Route53Ksk[] }
  | { readonly ok: false; readonly kind: "not-found" | "api-error"; readonly error: string };

export function createRoute53Client(endpoint: string | undefined, region: string): Route53Client {
  return new Route53Client({ region, ...(endpoint ? { endpoint } : {}), maxAttempts: 2 });
}

function stripZoneId(id: string): string {
  return id.replace(/^\/hostedzone\//, "");
}

function apiError(action: string, err: unknown): string {
  const e = err as { name?: string; message?: string };
  return `Route 53 ${action} failed: ${e.name ?? "Error"}: ${e.message ?? String(err)}`;
}

/** Finds the public hosted zone named `domain` (ListHostedZonesByName). */
export async function findHostedZone(client: Route53Client, domain: string): Promise<{ ok: true; zone: Route53Zone } | { ok: false; kind: "not-found" | "api-error"; error: string }> {
  const name = fqdn(domain);
  try {
    const out = await client.send(new ListHostedZonesByNameCommand({ DNSName: name, MaxItems: 20 }));
    const zone = (out.HostedZones ?? []).find((z) => fqdn(z.Name ?? "") === name && z.Config?.PrivateZone !== true);
    if (!zone || !zone.Id) return { ok: false, kind: "not-found", error: `no public Route 53 hosted zone is named ${name}` };
    return { ok: true, zone: { id: stripZoneId(zone.Id), name } };
  } catch (err) {
    return { ok: false, kind: "api-error", error: apiError("ListHostedZonesByName", err) };
  }
}

/**
 * Reads the zone's signing status and KSKs (GetDNSSEC). `known` is the hosted zone when the caller
 * has it already (--all-zones lists them), which saves a ListHostedZonesByName call per zone.
 */
export async function route53Evidence(client: Route53Client, domain: string, known?: Route53Zone): Promise<Route53Evidence> {
  const found = known ? ({ ok: true, zone: known } as const) : await findHostedZone(client, domain);
  if (!found.ok) return found;
  try {
    const out = await client.send(new GetDNSSECCommand({ HostedZoneId: found.zone.id }));
    return {
      ok: true,
      zone: found.zone,
      serveSignature: out.Status?.ServeSignature ?? "UNKNOWN",
      statusMessage: out.Status?.StatusMessage,
      ksks: (out.KeySigningKeys ?? []).map((k) => ({
        name: k.Name ?? "(unnamed)",
        status: k.Status ?? "UNKNOWN",
        statusMessage: k.StatusMessage,
        flag: k.Flag,
        keyTag: k.KeyTag,
        dsRecord: k.DSRecord,
      })),
    };
  } catch (err) {
    return { ok: false, kind: "api-error", error: apiError("GetDNSSEC", err) };
  }
}

/** Every public hosted zone of the account, with its ID (ListHostedZones, paginated). */
export async function listPublicZones(client: Route53Client): Promise<Route53Zone[]> {
  const zones: Route53Zone[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 1000; page += 1) {
    let out;
    try {
      out = await client.send(new ListHostedZonesCommand({ Marker: marker, MaxItems: 100 }));
    } catch (err) {
      throw new Error(`${apiError("ListHostedZones", err)}; check the AWS credentials or run without --all-zones`);
    }
    for (const z of out.HostedZones ?? []) if (z.Config?.PrivateZone !== true && z.Name && z.Id) zones.push({ id: stripZoneId(z.Id), name: fqdn(z.Name) });
    if (!out.IsTruncated || !out.NextMarker) break;
    marker = out.NextMarker;
  }
  return zones;
}
