/**
 * Domain-name helpers. Names are handled as absolute, lower-case text with a
 * trailing dot ("example.com.", root is "."), because DNS comparisons are
 * case-insensitive (RFC 4343) and DNSSEC uses the lower-case canonical form
 * (RFC 4034 §6.2).
 */

/** Returns the absolute lower-case form: "Example.COM" -> "example.com.". */
export function fqdn(name: string): string {
  const trimmed = name.trim().toLowerCase().replace(/\.+$/, "");
  return trimmed === "" ? "." : `${trimmed}.`;
}

/** Splits a name into labels, leftmost first; the root has none. */
export function labels(name: string): string[] {
  const n = fqdn(name);
  return n === "." ? [] : n.slice(0, -1).split(".");
}

/** The name one label up; the root's parent is the root. */
export function parentName(name: string): string {
  const l = labels(name);
  return l.length <= 1 ? "." : `${l.slice(1).join(".")}.`;
}

/** True when `name` equals `zone` or sits below it. */
export function isAtOrBelow(name: string, zone: string): boolean {
  const n = fqdn(name);
  const z = fqdn(zone);
  return z === "." || n === z || n.endsWith(`.${z}`);
}

/** Every name from the top-level label down to `name` itself, root excluded. */
export function suffixesTopDown(name: string): string[] {
  const l = labels(name);
  const out: string[] = [];
  for (let i = l.length - 1; i >= 0; i -= 1) out.push(`${l.slice(i).join(".")}.`);
  return out;
}

/** Canonical wire form (RFC 4034 §6.2): lower-case, uncompressed labels. */
export function nameToWire(name: string): Buffer {
  const parts = labels(name).map((label) => Buffer.from(label, "latin1"));
  const out = Buffer.alloc(parts.reduce((sum, p) => sum + p.length + 1, 0) + 1);
  let offset = 0;
  for (const p of parts) {
    if (p.length > 63) throw new Error(`label longer than 63 octets in ${name}`);
    out[offset] = p.length;
    p.copy(out, offset + 1);
    offset += p.length + 1;
  }
  out[offset] = 0;
  return out;
}

/**
 * Canonical name order (RFC 4034 §6.1): compare label by label from the
 * right, each label as lower-case octets. Used for NSEC coverage.
 */
export function compareCanonical(a: string, b: string): number {
  const la = labels(a).reverse();
  const lb = labels(b).reverse();
  for (let i = 0; i < Math.min(la.length, lb.length); i += 1) {
    const c = Buffer.compare(Buffer.from(la[i], "latin1"), Buffer.from(lb[i], "latin1"));
    if (c !== 0) return c;
  }
  return la.length - lb.length;
}
