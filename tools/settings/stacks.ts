/**
 * What `npm run -s settings -- stacks` prints for the workflows: every stack in apply order, and
 * the legs of the fleet's matrix (`--matrix`). Pure functions over validated settings.
 */
import type { Settings } from "../../config/settings";
import { stackEntries, type StackEntry } from "../../stacks/stack-ids";

/**
 * The most jobs GitHub Actions runs for one matrix
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstrategymatrix).
 */
export const MATRIX_LIMIT = 256;

/** One stack as the workflows read it. */
export interface StackLine {
  readonly id: string;
  readonly kind: StackEntry["kind"];
  /** The zone's domain (the primary domain for "zone" and "app"). */
  readonly domain: string;
  /** The zone's signing mode: the fleet verification expects "insecure" of a zone that is not "on". */
  readonly dnssec: Settings["dnssec"];
  /** Who publishes the zone's DS: the fleet verification derives from it whether the zone must be secure. */
  readonly parentDs: Settings["parentDs"];
  readonly dependsOn: readonly string[];
}

/** One job of the fleet's plan and apply matrices: the fleet zone stacks it plans or applies, in order. */
export interface FleetLeg {
  /** Names the leg's job and its plan artifact: the stack id, or `fleet-batch-NNN` when legs hold several stacks. */
  readonly key: string;
  readonly stacks: readonly string[];
}

/** Every stack in a valid apply order: zone, app, then the fleet zones as listed. */
export function stackLines(settings: Settings): StackLine[] {
  const modeOf = new Map(settings.zones.map((z) => [z.domainName, z.dnssec]));
  const dsOf = new Map(settings.zones.map((z) => [z.domainName, z.parentDs]));
  return stackEntries(settings).map((e) => ({
    id: e.id,
    kind: e.kind,
    domain: e.domainName,
    dnssec: e.kind === "fleet-zone" ? (modeOf.get(e.domainName) ?? settings.dnssec) : settings.dnssec,
    parentDs: e.kind === "fleet-zone" ? (dsOf.get(e.domainName) ?? settings.parentDs) : settings.parentDs,
    dependsOn: e.dependsOn,
  }));
}

/**
 * The legs of the fleet matrix. One stack per leg while the fleet fits in one matrix, so a failure
 * is one zone's job; beyond `limit` stacks, the fewest equal batches (in the listed order) that
 * fit, each leg planning and applying its stacks one after the other. The primary pair is not in
 * the matrix: it keeps its own jobs. No fleet: no legs (the workflows then skip the matrix jobs).
 */
export function fleetLegs(settings: Settings, limit: number = MATRIX_LIMIT): FleetLeg[] {
  const ids = stackEntries(settings)
    .filter((e) => e.kind === "fleet-zone")
    .map((e) => e.id);
  if (ids.length <= limit) return ids.map((id) => ({ key: id, stacks: [id] }));
  const size = Math.ceil(ids.length / limit);
  const legs: FleetLeg[] = [];
  for (let i = 0; i < ids.length; i += size) {
    legs.push({ key: `fleet-batch-${String(legs.length + 1).padStart(3, "0")}`, stacks: ids.slice(i, i + size) });
  }
  return legs;
}
