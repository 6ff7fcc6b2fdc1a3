/**
 * Which names can be registered with a registrar, without the Public Suffix List (which this app
 * cannot download at synth and does not bundle).
 *
 * The rule: a registrable domain is exactly one label under a public suffix, and a public suffix
 * is either a top-level domain or one of the multi-label suffixes below. The list holds the
 * second-level registries that Route 53 Domains sells or that are common enough to be mistaken
 * for a TLD+1 (co.uk, com.au, ...), taken from the Public Suffix List's ICANN section; a
 * suffix missing here makes its registrable domains look like subdomains (the safe direction for
 * the one check that uses it: Route 53 Domains is refused, "route53-zone" or "manual" remain).
 * https://publicsuffix.org/list/
 */
export const MULTI_LABEL_PUBLIC_SUFFIXES: readonly string[] = [
  // Route 53 Domains' second-level TLDs
  // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/registrar-tld-list.html
  "co.uk", "me.uk", "org.uk", "ltd.uk", "plc.uk", "net.uk", "ac.uk", "gov.uk",
  "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
  "co.nz", "net.nz", "org.nz", "ac.nz", "govt.nz", "geek.nz", "kiwi.nz",
  "com.ar", "com.br", "net.br", "org.br", "com.mx", "org.mx", "com.co", "net.co", "nom.co",
  "co.za", "org.za", "net.za", "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
  "co.kr", "or.kr", "com.cn", "net.cn", "org.cn", "gov.cn", "com.hk", "com.tw", "com.sg",
  "com.my", "com.ph", "co.id", "co.in", "net.in", "org.in", "firm.in", "gen.in", "ind.in",
  "co.il", "org.il", "com.tr", "com.ua", "com.pl", "com.es", "co.at", "or.at", "co.it",
  "com.pt", "co.ve", "com.ve", "com.sc", "com.ec", "com.pe", "com.uy", "co.ke", "co.ug", "co.tz",
];

const SUFFIXES = new Set(MULTI_LABEL_PUBLIC_SUFFIXES);

/** The public suffix of a lower-case name without trailing dot, by the rule above. */
export function publicSuffix(name: string): string {
  const labels = name.split(".");
  const lastTwo = labels.slice(-2).join(".");
  return labels.length >= 2 && SUFFIXES.has(lastTwo) ? lastTwo : labels[labels.length - 1];
}

/** True when `name` is exactly one label under its public suffix, e.g. example.com or example.co.uk. */
export function isRegistrableDomain(name: string): boolean {
  const normal = name.toLowerCase().replace(/\.$/, "");
  const suffix = publicSuffix(normal);
  return normal.length > suffix.length + 1 && !normal.slice(0, -(suffix.length + 1)).includes(".");
}

/** The registrable domain that contains `name` (itself when registrable), or undefined for a public suffix. */
export function registrableDomainOf(name: string): string | undefined {
  const normal = name.toLowerCase().replace(/\.$/, "");
  const suffix = publicSuffix(normal);
  if (normal.length <= suffix.length + 1) return undefined;
  const label = normal.slice(0, -(suffix.length + 1)).split(".").pop();
  return `${label}.${suffix}`;
}

/**
 * Route 53 Domains writes a DS only for a domain registered with it; a subdomain's DS belongs in
 * its parent zone. Returns the problem as one sentence, or undefined.
 */
export function route53DomainsProblem(label: string, domainName: string): string | undefined {
  if (isRegistrableDomain(domainName)) return undefined;
  const parent = registrableDomainOf(domainName);
  return `${label} is "route53-domains" but the domain ${JSON.stringify(domainName)} is not a registrable domain (exactly one label under a public suffix such as "com" or "co.uk"); Route 53 Domains holds DS records only for domains registered with it, so publish a subdomain's DS in its parent zone${parent !== undefined ? ` (${parent})` : ""} with "route53-zone" and parentZoneId, or use "manual".`;
}
