/**
 * Which zones apply.yml's fleet verification requires to be secure (`verify --require-secure`),
 * from the settings' stack list and the repository variable VERIFY_REQUIRE_SECURE. One variable for
 * the whole fleet made one zone that waits for its DS at the registrar fail every run; so:
 * - unset, empty or `false`: no zone is required secure (insecure is allowed, with a warning);
 * - `true` (any case): every zone that signs (`dnssec: "on"`), as before;
 * - a list of domains (space or comma separated): those zones;
 * - and a `parentDs: "route53-zone"` zone is required secure whenever its closest enclosing zone in
 *   the settings is: its DS is written by this same apply, so nothing outside the repository has to
 *   happen before it validates once its parent does.
 * A zone being turned off (`disabling`, `off`) is insecure on purpose and never required secure.
 */
import { closestEnclosing } from "../../config/enclosing";
import { normaliseDomainName } from "../../modules/rules";
import type { StackLine } from "../settings/stacks";

/** A listed domain that the settings do not verify; the message is for the user. */
export class VerifyExpectationError extends Error {}

/** One zone the verification checks, with what it expects of it and why (for the job summary). */
export interface VerifyExpectation {
  readonly stack: string;
  readonly domain: string;
  readonly dnssec: StackLine["dnssec"];
  readonly requireSecure: boolean;
  readonly why: string;
}

const isZone = (line: StackLine) => line.kind === "zone" || line.kind === "fleet-zone";

/** Each zone of the stack list with whether the verification requires it secure, and why. */
export function verifyExpectations(lines: readonly StackLine[], variable: string | undefined): VerifyExpectation[] {
  const zones = lines.filter(isZone);
  const value = (variable ?? "").trim();
  // `true` and `false` in any case: before the fleet, any value but `true` meant none, so an
  // upgrading user's `false` (or `False`) keeps meaning none instead of naming a zone.
  const word = value.toLowerCase();
  const all = word === "true";
  const listed = new Set(all || word === "false" ? [] : value.split(/[\s,]+/).filter((d) => d !== "").map(normaliseDomainName));
  for (const domain of listed) {
    if (!zones.some((z) => z.domain === domain)) {
      throw new VerifyExpectationError(
        `VERIFY_REQUIRE_SECURE lists ${domain}, which is not a zone of the settings; set it to "true" (every signing zone), "false" (none), or to the zones' domains, separated by a space or comma.`,
      );
    }
  }
  const memo = new Map<string, { requireSecure: boolean; why: string }>();
  const decide = (zone: StackLine): { requireSecure: boolean; why: string } => {
    const known = memo.get(zone.domain);
    if (known) return known;
    let decision: { requireSecure: boolean; why: string };
    if (zone.dnssec !== "on") decision = { requireSecure: false, why: `dnssec is ${zone.dnssec}: insecure on purpose` };
    else if (all) decision = { requireSecure: true, why: "VERIFY_REQUIRE_SECURE is true" };
    else if (listed.has(zone.domain)) decision = { requireSecure: true, why: "listed in VERIFY_REQUIRE_SECURE" };
    else {
      const parent = zone.parentDs === "route53-zone" ? closestEnclosing(zone.domain, zones, (z) => z.domain) : undefined;
      decision =
        parent !== undefined && decide(parent).requireSecure
          ? { requireSecure: true, why: `its DS is published in ${parent.domain} by this apply (route53-zone), which must be secure` }
          : { requireSecure: false, why: "may wait for its DS (not in VERIFY_REQUIRE_SECURE)" };
    }
    memo.set(zone.domain, decision);
    return decision;
  };
  return zones.map((zone) => ({ stack: zone.id, domain: zone.domain, dnssec: zone.dnssec, ...decide(zone) }));
}

/** The lines the workflow's loop reads: stack, domain, dnssec, `yes` or `no`, tab-separated. */
export function expectationLines(expectations: readonly VerifyExpectation[]): string[] {
  return expectations.map((e) => [e.stack, e.domain, e.dnssec, e.requireSecure ? "yes" : "no"].join("\t"));
}
