/**
 * Validation rules shared by the settings loader and the modules' eager constructor checks.
 * Each rule returns `undefined` when the value is fine, or one sentence naming `label`, quoting the
 * value and stating the rule and the fix. Callers decide how to raise it.
 */

/** Route 53 KSK names: 3-128 characters of letters, digits and underscores. */
// https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateKeySigningKey.html
export function kskNameProblem(label: string, value: string): string | undefined {
  if (!/^[A-Za-z0-9_]{3,128}$/.test(value)) {
    return `${label} must be 3-128 characters of letters, digits and underscores (Route 53's rule for key-signing key names), got: ${JSON.stringify(value)}; for example "ksk_2025".`;
  }
  return undefined;
}

/** An existing DNSSEC signing key: a KMS key ARN in us-east-1, where Route 53 requires it. */
export function dnssecKmsKeyArnProblem(label: string, value: string): string | undefined {
  if (!/^arn:aws(-[a-z]+)*:kms:us-east-1:\d{12}:key\/[A-Za-z0-9-]+$/.test(value)) {
    return `${label} must be the ARN of a KMS key in us-east-1 (Route 53 signs only with keys there), got: ${JSON.stringify(value)}; for example "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab".`;
  }
  return undefined;
}

/** KMS accepts a deletion window of 7 to 30 days. We default to 30: losing the key takes the domain offline. */
export function deletionWindowProblem(label: string, value: number): string | undefined {
  if (!Number.isInteger(value) || value < 7 || value > 30) {
    return `${label} must be a whole number of days between 7 and 30 (KMS's limits), got: ${JSON.stringify(value)}; use 30 unless you have a reason not to.`;
  }
  return undefined;
}

/** KMS alias names: `alias/` then letters, digits, `/`, `_`, `-`; not the reserved `alias/aws/` prefix. */
// https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
export function kmsAliasProblem(label: string, value: string): string | undefined {
  if (!/^alias\/[A-Za-z0-9/_-]+$/.test(value) || value.length > 256) {
    return `${label} must start with "alias/" followed by letters, digits, "/", "_" or "-" (at most 256 characters), got: ${JSON.stringify(value)}; for example "alias/example-dnssec".`;
  }
  if (value.toLowerCase().startsWith("alias/aws/")) {
    return `${label} must not start with "alias/aws/", which AWS reserves for its own keys, got: ${JSON.stringify(value)}; choose another prefix.`;
  }
  return undefined;
}

/**
 * A DNS name for a public hosted zone: at most 253 characters without the trailing dot, labels of
 * 1-63 letters, digits and hyphens that neither start nor end with a hyphen, and at least two labels.
 */
export function domainNameProblem(label: string, value: string): string | undefined {
  const name = value.endsWith(".") ? value.slice(0, -1) : value;
  const fail = (rule: string) =>
    `${label} ${rule}, got: ${JSON.stringify(value)}; use a name such as "example.com" (a trailing dot is optional).`;
  if (name.length === 0) return fail("must not be empty");
  if (name.length > 253) return fail(`must be at most 253 characters (it has ${name.length})`);
  const labels = name.split(".");
  if (labels.length < 2) return fail("must have at least two labels, such as example.com");
  for (const part of labels) {
    if (part.length === 0) return fail("must not contain an empty label (two dots in a row, or a leading dot)");
    if (part.length > 63) return fail(`has a label of ${part.length} characters; each label must be at most 63`);
    if (!/^[A-Za-z0-9-]+$/.test(part)) return fail(`has the label ${JSON.stringify(part)}; labels may only hold letters, digits and hyphens`);
    if (part.startsWith("-") || part.endsWith("-")) return fail(`has the label ${JSON.stringify(part)}; a label must not start or end with a hyphen`);
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return fail("must not end in an all-numeric label");
  return undefined;
}

/** Normalises a domain name the way Route 53 stores it: lower case, no trailing dot. */
export function normaliseDomainName(value: string): string {
  return (value.endsWith(".") ? value.slice(0, -1) : value).toLowerCase();
}

/** A pragmatic e-mail check: one `@`, no spaces, and a dotted domain. SNS confirms the rest. */
export function emailProblem(label: string, value: string): string | undefined {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value) || value.length > 254) {
    return `${label} must be an e-mail address such as "ops@example.com", got: ${JSON.stringify(value)}.`;
  }
  return undefined;
}

/** An IPv4 CIDR block parsed into numbers so that containment and overlap can be checked. */
export interface Ipv4Cidr {
  readonly text: string;
  readonly base: number;
  readonly prefix: number;
}

/** Parses "a.b.c.d/n" strictly; host bits must be zero so the block means what it says. */
export function parseCidr(label: string, value: string): Ipv4Cidr | string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  const fail = (rule: string) => `${label} ${rule}, got: ${JSON.stringify(value)}`;
  if (!match) return `${fail("must be an IPv4 CIDR block such as 10.20.20.0/24")}.`;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255)) return `${fail("has an octet above 255")}; fix the address.`;
  if (prefix > 32) return `${fail("has a prefix length above 32")}; fix the prefix.`;
  const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if ((base & mask) >>> 0 !== base) {
    const network = ((base & mask) >>> 0);
    const text = [24, 16, 8, 0].map((s) => (network >>> s) & 255).join(".");
    return `${fail("has host bits set")}; did you mean ${text}/${prefix}?`;
  }
  return { text: value, base, prefix };
}

function cidrEnd(c: Ipv4Cidr): number {
  return c.base + 2 ** (32 - c.prefix) - 1;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.base >= outer.base && cidrEnd(inner) <= cidrEnd(outer);
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.base <= cidrEnd(b) && b.base <= cidrEnd(a);
}

/** Edit distance, for "did you mean" hints on mistyped setting names. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The closest candidate to `value`, if it is close enough to be a likely typo. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(value, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? best : undefined;
}
