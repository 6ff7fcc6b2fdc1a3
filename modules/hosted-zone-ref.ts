import { Construct } from "constructs";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";

/**
 * What DNSSEC wiring needs of a hosted zone, whoever owns it: the zone this app creates or adopts
 * (HostedZone) or one it only reads (ExistingHostedZone).
 */
export interface IHostedZone {
  /** The normalised domain name. */
  readonly domainName: string;
  /** The hosted zone id. */
  readonly zoneId: string;
  /** The zone's four name servers. */
  readonly nameServers: string[];
  /** The name server in the zone's SOA. */
  readonly primaryNameServer: string;
}

/** A Route 53 hosted zone id as the API prints it, without the "/hostedzone/" prefix. */
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** The one-line problem with a hosted zone id, or undefined. */
export function hostedZoneIdProblem(label: string, value: string): string | undefined {
  if (HOSTED_ZONE_ID.test(value)) return undefined;
  return `${label} must be a Route 53 hosted zone id such as "Z0123456789ABCDEFGHIJ", got: ${JSON.stringify(value)}; copy it from the console or from aws route53 list-hosted-zones-by-name.`;
}

/**
 * Reads the existing zone `zoneId` and fails the plan unless it is the public zone `domainName`:
 * an id copied from the wrong zone would otherwise sign, or (adopted) rename and so replace, a
 * zone nobody meant to touch. DNSSEC signing exists only for public zones.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec.html
 */
export function readExistingZone(scope: Construct, id: string, zoneId: string, domainName: string): DataAwsRoute53Zone {
  return new DataAwsRoute53Zone(scope, id, {
    zoneId,
    lifecycle: {
      postcondition: [
        {
          condition: `\${self.name == "${domainName}" && !self.private_zone}`,
          // No conditional inside the message: the JSON-to-HCL conversion mangles a template's
          // quoted branches (the HCL equivalence test caught it), so the message states both facts.
          errorMessage: `The hosted zone ${zoneId} is \${self.name} (private: \${self.private_zone}), not the public zone ${domainName}; correct hostedZoneId or domainName of that zone.`,
        },
      ],
    },
  });
}
