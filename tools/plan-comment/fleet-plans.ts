import { readFileSync } from "node:fs";
import { join } from "node:path";
import { zoneStackId } from "../../stacks/stack-ids";
import { EXAMPLE_FIXTURES } from "./example";
import { Json, JsonObject, isObject } from "./json";

/**
 * Synthetic plans of fleet zone stacks, for the fleet tests and the
 * benchmark. Each is built from the plan fixtures: the zone stack's plan
 * (`dnssec/zone-tags-only.json`) merged with one of the app stack's DNSSEC
 * plans, as a fleet zone stack holds both its zone and its signing. The
 * fixtures' zone name and id are replaced by the stack's own, so rules that
 * match resources by zone id see one consistent zone per stack.
 */
export type StackVariant =
  /** Nothing to do: every change turned into a no-op. */
  | "quiet"
  /** A new default tag on the zone and the KMS key. */
  | "tags"
  /** Rotation step 1: a second KSK with its key, policy and alias. */
  | "add-ksk"
  /** Rotation step 2: the DS outputs change (warnings). */
  | "publish-ds"
  /** An adopted zone's first plan: the zone imported unchanged, a KSK added. */
  | "adopt"
  /** Rotation step 6 skipped: the ACTIVE KSK removed (dangers). */
  | "danger";

const APP_FIXTURE: Record<Exclude<StackVariant, "quiet">, string> = {
  tags: "safe-tags-only.json",
  "add-ksk": "rotation-1-add-ksk.json",
  "publish-ds": "rotation-2-publish-ds.json",
  adopt: "rotation-1-add-ksk.json",
  danger: "danger-remove-active-ksk.json",
};

const FIXTURE_DOMAIN = "example.com";
const FIXTURE_ZONE_ID = "Z0425718A1B2C3D4E5F6G";

const cache = new Map<string, string>();
function fixtureText(name: string, fixtures: string): string {
  const file = join(fixtures, "dnssec", name);
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(file, "utf8");
    cache.set(file, text);
  }
  return text;
}

/** The domain of the n-th synthetic fleet zone. */
export function fleetDomain(index: number): string {
  return `zone${String(index).padStart(3, "0")}.example.org`;
}

/** A hosted-zone id of the documented shape (Z and upper-case letters and digits), unique per index. */
function zoneId(index: number): string {
  return `Z0FLEET${String(index).padStart(14, "0")}`;
}

/** One fleet zone stack's plan document, as `terraform show -json` would write it. */
export function fleetStackPlanJson(index: number, variant: StackVariant, fixtures: string = EXAMPLE_FIXTURES): JsonObject {
  const own = (text: string): JsonObject =>
    JSON.parse(text.split(FIXTURE_ZONE_ID).join(zoneId(index)).split(FIXTURE_DOMAIN).join(fleetDomain(index))) as JsonObject;
  const zone = own(fixtureText("zone-tags-only.json", fixtures));
  const app = own(fixtureText(APP_FIXTURE[variant === "quiet" ? "tags" : variant], fixtures));
  const changes = [...asList(zone.resource_changes), ...asList(app.resource_changes)];
  const outputs: JsonObject = { ...asObject(zone.output_changes), ...asObject(app.output_changes) };
  if (variant === "quiet") {
    for (const change of [...changes.map((c) => asObject(asObject(c).change)), ...Object.values(outputs).map(asObject)]) {
      change.actions = ["no-op"];
      change.after = change.before ?? null;
      change.after_unknown = isObject(change.before) ? {} : false;
      change.after_sensitive = change.before_sensitive ?? false;
    }
  }
  if (variant === "adopt") {
    // https://developer.hashicorp.com/terraform/internals/json-format: a change that imports carries
    // `importing: {"id": ...}`; an import that changes nothing has actions ["no-op"].
    const hostedZone = asObject(asObject(changes[0]).change);
    hostedZone.actions = ["no-op"];
    hostedZone.after = hostedZone.before ?? null;
    hostedZone.after_unknown = {};
    hostedZone.importing = { id: zoneId(index) };
  }
  return { ...app, resource_changes: changes, output_changes: outputs };
}

export interface FleetStack {
  readonly stack: string;
  readonly json: JsonObject;
}

/**
 * A fleet of `count` zone stacks: one in `changedEvery` has changes (tags,
 * rotation steps and an adopted zone in turn), the others are quiet, and the
 * last stack, when `dangerLast`, removes its ACTIVE KSK.
 */
export function fleetStacks(count: number, options: { changedEvery?: number; dangerLast?: boolean } = {}): FleetStack[] {
  const every = options.changedEvery ?? 1;
  const changed: StackVariant[] = ["tags", "add-ksk", "publish-ds", "adopt"];
  return Array.from({ length: count }, (_, i) => {
    let variant: StackVariant = i % every === 0 ? (changed[(i / every) % changed.length] as StackVariant) : "quiet";
    if (options.dangerLast === true && i === count - 1) variant = "danger";
    return { stack: zoneStackId(fleetDomain(i)), json: fleetStackPlanJson(i, variant) };
  });
}

function asList(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

function asObject(value: Json | undefined): JsonObject {
  return isObject(value) ? value : {};
}
