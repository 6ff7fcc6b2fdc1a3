import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Json, field } from "../../../tools/plan-comment/json";
import { TfJson, synthApp } from "../../helpers/synth";
import { FIXTURES, fixture, fixturePath, fixtureStack } from "./plan-builder";

/**
 * The DNSSEC plan fixtures (test/fixtures/plans/dnssec, written by generate.py) stand for plans of the
 * real app, so the guard's tests and the README example show what a pull request would. Their
 * addresses, outputs and applied arguments must be ones the app synthesizes, in the stack it puts them in.
 */
const NAMES = readdirSync(join(FIXTURES, "dnssec"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => `dnssec/${f}`);

/** The sensitive fixture adds a secret parameter and output the app does not have, to test redaction. */
const STAND_INS = new Set(["aws_ssm_parameter.registrar_token", "output.registrar_token"]);

const ROTATION = [{ name: "ksk_1" }, { name: "ksk_2" }];
const synths = [
  synthApp({ keySigningKeys: ROTATION, soaNegativeTtl: 3600 }),
  synthApp({ keySigningKeys: ROTATION, parentDs: "route53-zone", parentZoneId: "Z07761432PARENTZONE01" }),
  synthApp({ keySigningKeys: ROTATION, parentDs: "route53-domains" }),
];

function addresses(doc: TfJson): string[] {
  return Object.entries(doc.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));
}

function synthesized(stack: "zone" | "app"): { resources: Map<string, Record<string, unknown>>; outputs: Set<string> } {
  const resources = new Map<string, Record<string, unknown>>();
  const outputs = new Set<string>();
  for (const synth of synths) {
    const doc = synth[stack];
    for (const address of addresses(doc)) {
      const [type, name] = address.split(".");
      resources.set(address, doc.resource![type][name]);
    }
    for (const name of Object.keys(doc.output ?? {})) outputs.add(name);
  }
  return { resources, outputs };
}
const STACKS = { zone: synthesized("zone"), app: synthesized("app") };

/** Literal arguments the app sets and no fixture scenario changes before its plan: they must match the synth. */
const LITERALS: Record<string, readonly string[]> = {
  aws_route53_zone: ["comment", "force_destroy", "name"],
  aws_kms_key: ["customer_master_key_spec", "key_usage", "deletion_window_in_days", "description"],
  aws_kms_alias: ["name"],
  aws_route53_key_signing_key: ["name"],
};

describe("the DNSSEC plan fixtures", () => {
  it("cover both stacks", () => {
    expect(NAMES.filter((n) => fixtureStack(n) === "zone").length).toBeGreaterThanOrEqual(2);
    expect(NAMES.filter((n) => fixtureStack(n) === "app").length).toBeGreaterThanOrEqual(20);
  });

  it.each(NAMES)("%s uses only addresses and outputs the app synthesizes in that stack", (name) => {
    const stack = fixtureStack(name);
    const plan = fixture(name);
    const { resources, outputs } = STACKS[stack];
    const unknownAddresses = plan.resources.map((r) => r.address).filter((a) => !resources.has(a) && !STAND_INS.has(a));
    expect(unknownAddresses).toEqual([]);
    const unknownOutputs = plan.outputs.map((o) => o.name).filter((o) => !outputs.has(o) && !STAND_INS.has(`output.${o}`));
    expect(unknownOutputs).toEqual([]);
  });

  it.each(NAMES)("%s holds the app's applied literal arguments before its change", (name) => {
    const { resources } = STACKS[fixtureStack(name)];
    let compared = 0;
    for (const change of fixture(name).resources) {
      const config = resources.get(change.address);
      if (config === undefined || change.before === null) continue;
      for (const attribute of LITERALS[change.type] ?? []) {
        expect(field(change.before, attribute), `${change.address}.${attribute}`).toEqual(config[attribute] as Json);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it.each(NAMES)("%s configures each resource on the app's provider for it", (name) => {
    const { resources } = STACKS[fixtureStack(name)];
    const raw = JSON.parse(readFileSync(fixturePath(name), "utf8")) as {
      configuration: { root_module: { resources: { address: string; provider_config_key: string }[] } };
    };
    const configured = raw.configuration.root_module.resources.filter((r) => resources.has(r.address));
    expect(configured.length).toBeGreaterThan(0);
    for (const r of configured) {
      // CDKTF writes the alias as "aws.us_east_1"; resources without one use the stack's default provider.
      const provider = (resources.get(r.address)!.provider as string | undefined) ?? "aws";
      expect(r.provider_config_key, r.address).toBe(provider);
    }
  });

  it("keep the zone stack to the hosted zone and the app stack to DNSSEC", () => {
    for (const name of NAMES) {
      const types = new Set(fixture(name).resources.map((r) => r.type));
      if (fixtureStack(name) === "zone") expect(types.has("aws_route53_zone"), name).toBe(true);
      else expect(types.has("aws_route53_zone"), name).toBe(false);
    }
  });
});
