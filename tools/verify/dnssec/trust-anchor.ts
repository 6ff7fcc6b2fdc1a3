import type { DnskeyData, DsData } from "dns-packet";
import { fqdn } from "./names";

/**
 * A trust anchor: DS or DNSKEY records for one zone, the start of the chain
 * (RFC 4035 §4.3).
 */
export interface TrustAnchor {
  readonly zone: string;
  readonly ds: readonly DsData[];
  readonly dnskeys: readonly DnskeyData[];
  /** Where it came from, for reports: "built-in root KSK" or a file path. */
  readonly source: string;
}

/**
 * The IANA root zone KSKs as DS records (https://data.iana.org/root-anchors/):
 * KSK-2017 (tag 20326) and KSK-2024 (tag 38696).
 */
export const ROOT_TRUST_ANCHOR: TrustAnchor = {
  zone: ".",
  source: "built-in root KSK",
  dnskeys: [],
  ds: [
    {
      keyTag: 20326,
      algorithm: 8,
      digestType: 2,
      digest: Buffer.from("E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D", "hex"),
    },
    {
      keyTag: 38696,
      algorithm: 8,
      digestType: 2,
      digest: Buffer.from("683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16", "hex"),
    },
  ],
};

/** Joins parenthesised multi-line records and strips ";" comments. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let depth = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/;.*$/, "");
    for (const ch of line) {
      if (ch === "(") depth += 1;
      else if (ch === ")") depth = Math.max(0, depth - 1);
    }
    current += ` ${line.replace(/[()]/g, " ")}`;
    if (depth === 0) {
      if (current.trim() !== "") out.push(current.trim());
      current = "";
    }
  }
  if (current.trim() !== "") out.push(current.trim());
  return out;
}

const CLASSES = new Set(["IN", "CH", "HS", "CS"]);

/** Reads DS and DNSKEY lines in zone-file format, as dnssec-dsfromkey prints them. */
export function parseTrustAnchors(text: string, source: string): TrustAnchor {
  let zone: string | undefined;
  const ds: DsData[] = [];
  const dnskeys: DnskeyData[] = [];
  for (const [index, line] of logicalLines(text).entries()) {
    if (line.startsWith("$")) continue;
    const fields = line.split(/\s+/);
    const owner = fqdn(fields[0]);
    let i = 1;
    while (i < fields.length && (/^\d+$/.test(fields[i]) || CLASSES.has(fields[i].toUpperCase()))) i += 1;
    const type = (fields[i] ?? "").toUpperCase();
    const rdata = fields.slice(i + 1);
    const where = `${source} line ${index + 1}`;
    if (type === "DS") {
      if (rdata.length < 4 || !rdata.slice(0, 3).every((f) => /^\d+$/.test(f))) {
        throw new Error(`${where}: a DS record needs "keytag algorithm digesttype digest", got: ${line}`);
      }
      const hex = rdata.slice(3).join("");
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length % 2 !== 0) throw new Error(`${where}: DS digest is not hex: ${hex}`);
      ds.push({ keyTag: Number(rdata[0]), algorithm: Number(rdata[1]), digestType: Number(rdata[2]), digest: Buffer.from(hex, "hex") });
    } else if (type === "DNSKEY") {
      if (rdata.length < 4 || !rdata.slice(0, 3).every((f) => /^\d+$/.test(f))) {
        throw new Error(`${where}: a DNSKEY record needs "flags protocol algorithm key", got: ${line}`);
      }
      const b64 = rdata.slice(3).join("");
      if (!/^[A-Za-z0-9+/=]+$/.test(b64)) throw new Error(`${where}: DNSKEY public key is not base64`);
      dnskeys.push({ flags: Number(rdata[0]), algorithm: Number(rdata[2]), key: Buffer.from(b64, "base64") });
    } else {
      throw new Error(`${where}: expected a DS or DNSKEY record, got type "${type || "(none)"}"`);
    }
    if (zone !== undefined && zone !== owner) {
      throw new Error(`${where}: all anchors must be for one zone, found ${zone} and ${owner}`);
    }
    zone = owner;
  }
  if (zone === undefined) throw new Error(`${source} holds no DS or DNSKEY record; add one as dnssec-dsfromkey prints it`);
  return { zone, ds, dnskeys, source };
}
