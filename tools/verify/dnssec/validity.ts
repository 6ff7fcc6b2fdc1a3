import type { RrsigData } from "dns-packet";

/**
 * RRSIG validity window (RFC 4034 §3.1.5): inception and expiration are
 * 32-bit seconds compared with serial-number arithmetic (RFC 1982), so the
 * window keeps working after 2106.
 */

/** Serial-number difference a - b in the range (-2^31, 2^31]. */
function serialDiff(a: number, b: number): number {
  const d = ((a >>> 0) - (b >>> 0)) >>> 0;
  return d > 0x7fffffff ? d - 0x100000000 : d;
}

export type WindowState = "valid" | "expired" | "not-yet-valid";

export function windowState(sig: RrsigData, nowSeconds: number): WindowState {
  const now = nowSeconds >>> 0;
  if (serialDiff(now, sig.inception) < 0) return "not-yet-valid";
  if (serialDiff(sig.expiration, now) < 0) return "expired";
  return "valid";
}

/** YYYYMMDDHHmmSS as zone files print RRSIG times. */
export function formatSigTime(seconds: number): string {
  return new Date((seconds >>> 0) * 1000).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}
