/**
 * Settings checks for AWS rules that a value can pass our basic syntax checks and still break at
 * plan or apply time. Each returns one line (the setting, the value, the rule and the fix) or
 * undefined. `label` is the quoted setting name as the caller prints it (`Setting "vpcCidr"`).
 */
import { domainToASCII } from "node:url";

/**
 * KMS alias names are at most 256 characters: the limit of every alias the app makes (per zone,
 * per fleet zone, shared). https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
 */
export const MAX_KMS_ALIAS = 256;

/**
 * Availability zones that every account sees in a region (some accounts see more). Regions not
 * listed offer at least 3. us-west-1 has a third zone that only older accounts can use.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html
 */
export const AVAILABILITY_ZONE_COUNTS: Readonly<Record<string, number>> = { "us-west-1": 2 };

/** The zones a region surely offers when the user lists none. */
export function zoneCount(region: string): number {
  return AVAILABILITY_ZONE_COUNTS[region] ?? 3;
}

/**
 * Without availabilityZones, subnet pair i goes to the region's zone i (wrapping round past the
 * last), so more pairs than zones put two subnets of a kind in one zone, which the ALB refuses.
 */
export function subnetPairsProblem(label: string, pairs: number, region: string, availabilityZones: readonly string[] | undefined): string | undefined {
  if (availabilityZones !== undefined || pairs <= zoneCount(region)) return undefined;
  return `${label} lists ${pairs} subnet pairs, but region "${region}" offers every account only ${zoneCount(region)} availability zones and two subnets of a pair would share a zone (the load balancer refuses that); give at most ${zoneCount(region)} pairs, or list your account's zones in availabilityZones, one per pair.`;
}

/** availabilityZones with the same zone twice: two subnets of a kind in one zone. */
export function duplicateZoneProblem(label: string, zones: readonly string[]): string | undefined {
  const index = zones.findIndex((zone, i) => zones.indexOf(zone) !== i);
  if (index < 0) return undefined;
  return `${label} lists the zone ${JSON.stringify(zones[index])} twice; each subnet pair needs its own zone (the load balancer refuses two subnets in one zone), so list distinct zones.`;
}

/** The VPC must hold two subnet pairs of at least /28 each: 4 × 16 addresses, a /26. */
export function vpcSizeProblem(label: string, vpcCidr: string, prefix: number): string | undefined {
  if (prefix <= 26) return undefined;
  return `${label} must have a prefix between /16 and /26, got: ${JSON.stringify(vpcCidr)}; two subnet pairs of the smallest subnet AWS allows (/28) need a /26, so choose a larger block such as "10.20.20.0/24".`;
}

/** The provider's CIDR parser (Go's net.ParseCIDR) rejects octets with leading zeros. */
export function leadingZeroProblem(label: string, cidr: string): string | undefined {
  const address = cidr.split("/")[0] ?? "";
  const prefix = cidr.split("/")[1] ?? "";
  if (!address.split(".").some((octet) => /^0\d/.test(octet)) && !/^0\d/.test(prefix)) return undefined;
  const fixed = `${address.split(".").map((o) => (/^\d+$/.test(o) ? String(Number(o)) : o)).join(".")}/${/^\d+$/.test(prefix) ? Number(prefix) : prefix}`;
  return `${label} has a number with a leading zero, got: ${JSON.stringify(cidr)}; Terraform's AWS provider refuses it, write ${JSON.stringify(fixed)}.`;
}

/** ACM takes at most 64 characters in a certificate's first name (the domain). */
export function certificateNameProblem(label: string, domainName: string): string | undefined {
  const name = domainName.replace(/\.$/, "");
  if (name.length <= 64) return undefined;
  return `${label} is ${name.length} characters long, got: ${JSON.stringify(domainName)}; ACM allows at most 64 in a certificate's first domain name, which this app issues for the domain, so choose a shorter domain.`;
}

/** A non-ASCII name: Route 53 and ACM take only its punycode (IDNA) form. */
export function unicodeDomainProblem(label: string, domainName: string): string | undefined {
  if (!/[^\x00-\x7f]/.test(domainName)) return undefined;
  const ascii = domainToASCII(domainName);
  const hint = ascii === "" ? "write it in its punycode (xn--) form" : `write its punycode form ${JSON.stringify(ascii)}`;
  return `${label} must be written in ASCII (Route 53 and ACM take internationalised names only in punycode), got: ${JSON.stringify(domainName)}; ${hint}.`;
}

/** A customer-managed key must be in the commercial partition, where the app's us-east-1 provider works. */
export function kmsKeyPartitionProblem(label: string, arn: string): string | undefined {
  const partition = /^arn:([^:]*):/.exec(arn)?.[1];
  if (partition === undefined || partition === "aws") return undefined;
  return `${label} is in the AWS partition ${JSON.stringify(partition)}, got: ${JSON.stringify(arn)}; Route 53 DNSSEC signs with keys of the commercial partition ("aws") in us-east-1, so give a key ARN that starts with "arn:aws:kms:us-east-1:".`;
}

/** ISO 3166-1 alpha-2, the codes AWS WAF's geo match takes. */
const ISO_COUNTRIES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ " +
    "BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR " +
    "CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU " +
    "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ " +
    "LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ " +
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF " +
    "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI " +
    "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR " +
    "TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

/** A two-capital-letter code that is not an assigned ISO 3166-1 country (e.g. "UK", "EU", "XK"). */
export function countryCodeProblem(label: string, code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || ISO_COUNTRIES.has(code)) return undefined;
  const hint = code === "UK" ? '; the United Kingdom is "GB"' : "";
  return `${label} must be an ISO 3166-1 alpha-2 country code (the codes AWS WAF's geo match takes), got: ${JSON.stringify(code)}${hint}; use an assigned code such as "RU".`;
}

/** S3's bucket naming rules beyond the character set: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
export function bucketNameProblem(label: string, bucket: string): string | undefined {
  const rule = /^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)
    ? "must not look like an IP address"
    : bucket.startsWith("xn--")
      ? 'must not start with "xn--"'
      : bucket.startsWith("sthree-") || bucket.startsWith("amzn-s3-demo-")
        ? 'must not start with "sthree-" or "amzn-s3-demo-"'
        : /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(bucket)
          ? 'must not end with "-s3alias", "--ol-s3", ".mrap", "--x-s3" or "--table-s3"'
          : undefined;
  if (rule === undefined) return undefined;
  return `${label} ${rule} (S3's bucket naming rules), got: ${JSON.stringify(bucket)}; choose a name such as "my-project-tfstate".`;
}

/** An e-mail whose domain has an empty label (`ops@example..com`, `ops@.example.com`): SNS cannot deliver to it. */
export function emailLabelProblem(label: string, email: string): string | undefined {
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!domain.split(".").some((part) => part === "")) return undefined;
  return `${label} has an empty label in its domain, got: ${JSON.stringify(email)}; write the address without doubled, leading or trailing dots, such as "ops@example.com".`;
}
