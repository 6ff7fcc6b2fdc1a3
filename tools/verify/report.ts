/**
 * The report model shared by the checks and the renderers. The JSON output
 * is this model as is; bump SCHEMA_VERSION on any incompatible change.
 */

export const SCHEMA_VERSION = 1;

export type CheckStatus = "pass" | "warn" | "fail" | "error";
export type Verdict = "secure" | "insecure" | "bogus" | "error";

/** One finding, in the style of a cdk-nag rule result. */
export interface CheckResult {
  /** Stable identifier, e.g. "dns.ds.digest". */
  readonly id: string;
  /** Zone (or record) the check is about. */
  readonly subject: string;
  readonly status: CheckStatus;
  /** One line: what was found. */
  readonly summary: string;
  /** One line: how to fix it; null when nothing needs doing. */
  readonly fix: string | null;
  /** What this finding means for the verdict; null when it does not affect it (Route 53 status, hints). */
  readonly verdict: Verdict | null;
  /**
   * Why the domain is not a zone in DNS, on the `dns.zone.exists` and `dns.zone.apex` checks only
   * (added within schemaVersion 1): a workflow can tell a zone not delegated yet from an outage.
   * @default - absent on every other check
   */
  readonly cause?: ZoneAbsence;
}

/**
 * `nxdomain`: the parent zone answers NXDOMAIN for the domain (unsigned, or with a valid proof);
 * `unproven-nxdomain`: it does, without a valid proof (bogus); `not-delegated`: the domain is a
 * name inside its parent zone, with no delegation; `no-answer`: no name server answered the query.
 */
export type ZoneAbsence = "nxdomain" | "unproven-nxdomain" | "not-delegated" | "no-answer";

/** One arrow of the chain-of-trust diagram. */
export interface ChainLink {
  readonly from: string;
  readonly to: string;
  readonly status: CheckStatus;
  readonly label: string;
}

export interface DomainReport {
  readonly schemaVersion: number;
  readonly domain: string;
  readonly verdict: Verdict;
  readonly exitCode: number;
  readonly checkedAt: string;
  readonly durationMs: number;
  readonly trustAnchor: { readonly zone: string; readonly source: string };
  /** Zones from the trust anchor down to the domain's zone. */
  readonly zones: readonly string[];
  readonly checks: readonly CheckResult[];
  readonly chain: readonly ChainLink[];
}

export interface FleetReport {
  readonly schemaVersion: number;
  readonly mode: "all-zones";
  readonly checkedAt: string;
  readonly durationMs: number;
  readonly summary: Readonly<Record<Verdict, number>>;
  readonly exitCode: number;
  readonly domains: readonly DomainReport[];
}

/** Exit codes of the verdict table in the README. */
export const EXIT_CODES: Readonly<Record<Verdict, number>> = { secure: 0, insecure: 1, bogus: 2, error: 3 };

/** --require-secure: the chain is secure but a check (e.g. Route 53 KSK status) failed. */
export const EXIT_POLICY_FAILURE = 4;

const RANK: Readonly<Record<Verdict, number>> = { secure: 0, insecure: 1, error: 2, bogus: 3 };

/** The worst verdict: bogus > error > insecure > secure. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((worst, v) => (RANK[v] > RANK[worst] ? v : worst), "secure");
}

/**
 * The domain's verdict from its checks. A domain with no check that vouches
 * for it is an error, never silently secure.
 */
export function verdictOf(checks: readonly CheckResult[]): Verdict {
  const impacts = checks.map((c) => c.verdict).filter((v): v is Verdict => v !== null);
  if (impacts.length === 0) return "error";
  return worstVerdict(impacts);
}

/**
 * Exit code. Without --require-secure it follows the verdict table. With it,
 * anything short of a secure chain with no failed or errored check is
 * non-zero: the verdict's code, or 4 when the chain is secure but a check
 * failed (for example a Route 53 KSK in ACTION_NEEDED).
 */
export function exitCodeFor(verdict: Verdict, checks: readonly CheckResult[], requireSecure: boolean): number {
  if (!requireSecure || verdict !== "secure") return EXIT_CODES[verdict];
  return checks.some((c) => c.status === "fail" || c.status === "error") ? EXIT_POLICY_FAILURE : 0;
}

export function pass(id: string, subject: string, summary: string, verdict: Verdict | null = "secure"): CheckResult {
  return { id, subject, status: "pass", summary, fix: null, verdict };
}
export function warn(id: string, subject: string, summary: string, fix: string | null, verdict: Verdict | null = null): CheckResult {
  return { id, subject, status: "warn", summary, fix, verdict };
}
export function fail(id: string, subject: string, summary: string, fix: string, verdict: Verdict | null = "bogus"): CheckResult {
  return { id, subject, status: "fail", summary, fix, verdict };
}
export function errorCheck(id: string, subject: string, summary: string, fix: string): CheckResult {
  return { id, subject, status: "error", summary, fix, verdict: "error" };
}
